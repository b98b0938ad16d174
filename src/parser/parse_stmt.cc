// Statements other than DDL: DML, transactions, SET/SHOW, COPY, EXPLAIN, PREPARE, cursors; and
// ParseSql.
#include <algorithm>
#include <charconv>
#include <iterator>
#include <system_error>

#include "parser/parse.h"
#include "parser/parser_internal.h"

namespace zijin::parser {

Result<std::vector<Target>> Parser::ParseReturning() {
  if (!AcceptKeyword("returning")) return std::vector<Target>{};
  return ParseTargetList();
}

Result<std::unique_ptr<Statement>> Parser::ParseInsert() {
  auto s = std::make_unique<InsertStatement>();
  ZJ_RETURN_IF_ERROR(ExpectKeyword("into"));
  s->table_location = Loc();
  ZJ_ASSIGN_OR_RETURN(s->table, ParseQualifiedName());
  if (AcceptKeyword("as")) {
    ZJ_ASSIGN_OR_RETURN(s->alias, ParseIdent());
  }
  if (Peek().kind == TokenKind::kOp && Peek().text == "(" &&
      !(IsKeyword("select", 1) || IsKeyword("values", 1) || IsKeyword("with", 1))) {
    ++pos_;
    do {
      s->column_locations.push_back(Loc());
      ZJ_ASSIGN_OR_RETURN(std::string col, ParseIdent());
      s->columns.push_back(std::move(col));
    } while (AcceptOp(","));
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
  }
  if (AcceptKeyword("default")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("values"));
  } else {
    ZJ_ASSIGN_OR_RETURN(s->query, ParseQuery());
  }
  int on_location = Loc();
  if (AcceptKeyword("on")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("conflict"));
    auto oc = std::make_unique<OnConflictClause>();
    oc->location = on_location;
    if (AcceptOp("(")) {
      ZJ_ASSIGN_OR_RETURN(oc->columns, ParseNameList());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    } else if (AcceptKeyword("on")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("constraint"));
      ZJ_ASSIGN_OR_RETURN(oc->constraint, ParseIdent());
    }
    ZJ_RETURN_IF_ERROR(ExpectKeyword("do"));
    if (AcceptKeyword("update")) {
      oc->do_update = true;
      ZJ_RETURN_IF_ERROR(ExpectKeyword("set"));
      do {
        if (AcceptOp("(")) {
          ZJ_ASSIGN_OR_RETURN(auto cols, ParseNameList());
          ZJ_RETURN_IF_ERROR(ExpectOp(")"));
          ZJ_RETURN_IF_ERROR(ExpectOp("="));
          ZJ_RETURN_IF_ERROR(ExpectOp("("));
          ZJ_ASSIGN_OR_RETURN(auto vals, ParseExprList());
          ZJ_RETURN_IF_ERROR(ExpectOp(")"));
          if (cols.size() != vals.size()) return SyntaxError();
          for (size_t i = 0; i < cols.size(); ++i)
            oc->set.emplace_back(cols[i], std::move(vals[i]));
        } else {
          ZJ_ASSIGN_OR_RETURN(std::string col, ParseIdent());
          ZJ_RETURN_IF_ERROR(ExpectOp("="));
          ZJ_ASSIGN_OR_RETURN(ExprPtr v, ParseExpr());
          oc->set.emplace_back(col, std::move(v));
        }
      } while (AcceptOp(","));
      if (AcceptKeyword("where")) {
        ZJ_ASSIGN_OR_RETURN(oc->where, ParseExpr());
      }
    } else {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("nothing"));
    }
    s->on_conflict = std::move(oc);
  }
  ZJ_ASSIGN_OR_RETURN(s->returning, ParseReturning());
  return std::unique_ptr<Statement>(std::move(s));
}

Result<std::unique_ptr<Statement>> Parser::ParseUpdate() {
  auto s = std::make_unique<UpdateStatement>();
  AcceptKeyword("only");
  s->table_location = Loc();
  ZJ_ASSIGN_OR_RETURN(s->table, ParseQualifiedName());
  if (AcceptKeyword("as")) {
    ZJ_ASSIGN_OR_RETURN(s->alias, ParseIdent());
  } else if (PeekIdent() && !IsKeyword("set")) {
    ZJ_ASSIGN_OR_RETURN(s->alias, ParseIdent());
  }
  ZJ_RETURN_IF_ERROR(ExpectKeyword("set"));
  do {
    int loc = Loc();
    if (AcceptOp("(")) {
      ZJ_ASSIGN_OR_RETURN(auto cols, ParseNameList());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      ZJ_RETURN_IF_ERROR(ExpectOp("="));
      ZJ_RETURN_IF_ERROR(ExpectOp("("));
      ZJ_ASSIGN_OR_RETURN(auto vals, ParseExprList());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      if (cols.size() != vals.size()) return SyntaxError();
      for (size_t i = 0; i < cols.size(); ++i) {
        s->set.emplace_back(cols[i], std::move(vals[i]));
        s->set_locations.push_back(loc);
      }
    } else {
      ZJ_ASSIGN_OR_RETURN(std::string col, ParseIdent());
      // SET t.col = ... : a qualified target names the updated table.
      if (AcceptOp(".")) {
        ZJ_ASSIGN_OR_RETURN(col, ParseIdent());
      }
      ZJ_RETURN_IF_ERROR(ExpectOp("="));
      ZJ_ASSIGN_OR_RETURN(ExprPtr v, ParseExpr());
      s->set.emplace_back(col, std::move(v));
      s->set_locations.push_back(loc);
    }
  } while (AcceptOp(","));
  if (AcceptKeyword("from")) {
    ZJ_ASSIGN_OR_RETURN(s->from, ParseFromList());
  }
  if (AcceptKeyword("where")) {
    ZJ_ASSIGN_OR_RETURN(s->where, ParseExpr());
  }
  ZJ_ASSIGN_OR_RETURN(s->returning, ParseReturning());
  return std::unique_ptr<Statement>(std::move(s));
}

Result<std::unique_ptr<Statement>> Parser::ParseDelete() {
  auto s = std::make_unique<DeleteStatement>();
  ZJ_RETURN_IF_ERROR(ExpectKeyword("from"));
  AcceptKeyword("only");
  s->table_location = Loc();
  ZJ_ASSIGN_OR_RETURN(s->table, ParseQualifiedName());
  if (AcceptKeyword("as")) {
    ZJ_ASSIGN_OR_RETURN(s->alias, ParseIdent());
  } else if (PeekIdent()) {
    ZJ_ASSIGN_OR_RETURN(s->alias, ParseIdent());
  }
  if (AcceptKeyword("using")) {
    ZJ_ASSIGN_OR_RETURN(s->using_, ParseFromList());
  }
  if (AcceptKeyword("where")) {
    ZJ_ASSIGN_OR_RETURN(s->where, ParseExpr());
  }
  ZJ_ASSIGN_OR_RETURN(s->returning, ParseReturning());
  return std::unique_ptr<Statement>(std::move(s));
}

namespace {

// ISOLATION LEVEL ... / READ ONLY / READ WRITE / [NOT] DEFERRABLE, comma separated.
Status ParseTxnModes(Parser* p, TransactionStatement* s) {
  for (;;) {
    if (p->AcceptKeyword("isolation")) {
      ZJ_RETURN_IF_ERROR(p->ExpectKeyword("level"));
      if (p->AcceptKeyword("serializable")) {
        s->isolation = "serializable";
      } else if (p->AcceptKeyword("repeatable")) {
        ZJ_RETURN_IF_ERROR(p->ExpectKeyword("read"));
        s->isolation = "repeatable read";
      } else if (p->AcceptKeyword("read")) {
        if (p->AcceptKeyword("committed")) {
          s->isolation = "read committed";
        } else {
          ZJ_RETURN_IF_ERROR(p->ExpectKeyword("uncommitted"));
          s->isolation = "read uncommitted";
        }
      } else {
        return p->SyntaxError();
      }
    } else if (p->AcceptKeyword("read")) {
      if (p->AcceptKeyword("only")) {
        s->read_only = 1;
      } else {
        ZJ_RETURN_IF_ERROR(p->ExpectKeyword("write"));
        s->read_only = 0;
      }
    } else if (p->AcceptKeyword("not")) {
      ZJ_RETURN_IF_ERROR(p->ExpectKeyword("deferrable"));
    } else if (!p->AcceptKeyword("deferrable")) {
      return Status::OK();
    }
    p->AcceptOp(",");
  }
}

}  // namespace

Result<std::unique_ptr<Statement>> Parser::ParseTransaction() {
  auto s = std::make_unique<TransactionStatement>();
  std::string w = Peek().text;
  ++pos_;
  if (w == "begin" || w == "start") {
    s->op = TransactionStatement::Op::kBegin;
    s->start = w == "start";
    if (w == "start") {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("transaction"));
    } else if (!AcceptKeyword("work")) {
      AcceptKeyword("transaction");
    }
    ZJ_RETURN_IF_ERROR(ParseTxnModes(this, s.get()));
  } else if (w == "commit" || w == "end") {
    s->op = TransactionStatement::Op::kCommit;
    s->end = w == "end";
    if (!AcceptKeyword("work")) AcceptKeyword("transaction");
    if (AcceptKeyword("and")) {
      s->chain = !AcceptKeyword("no");
      ZJ_RETURN_IF_ERROR(ExpectKeyword("chain"));
    }
  } else if (w == "rollback" || w == "abort") {
    s->op = TransactionStatement::Op::kRollback;
    s->end = w == "abort";
    if (!AcceptKeyword("work")) AcceptKeyword("transaction");
    if (w == "rollback" && AcceptKeyword("to")) {
      AcceptKeyword("savepoint");
      s->op = TransactionStatement::Op::kRollbackTo;
      ZJ_ASSIGN_OR_RETURN(s->savepoint, ParseIdent());
    } else if (AcceptKeyword("and")) {
      s->chain = !AcceptKeyword("no");
      ZJ_RETURN_IF_ERROR(ExpectKeyword("chain"));
    }
  } else if (w == "savepoint") {
    s->op = TransactionStatement::Op::kSavepoint;
    ZJ_ASSIGN_OR_RETURN(s->savepoint, ParseIdent());
  } else if (w == "release") {
    s->op = TransactionStatement::Op::kRelease;
    AcceptKeyword("savepoint");
    ZJ_ASSIGN_OR_RETURN(s->savepoint, ParseIdent());
  }
  return std::unique_ptr<Statement>(std::move(s));
}

Result<std::unique_ptr<Statement>> Parser::ParseSet() {
  bool reset = Peek().text == "reset";
  ++pos_;
  if (reset) {
    auto s = std::make_unique<SetStatement>();
    s->reset = true;
    if (AcceptKeyword("all")) {
      s->name = "all";
    } else if (IsKeyword("time") && IsKeyword("zone", 1)) {
      pos_ += 2;
      s->name = "timezone";
    } else {
      ZJ_ASSIGN_OR_RETURN(s->name, ParseAnyName());
      while (AcceptOp(".")) {
        ZJ_ASSIGN_OR_RETURN(std::string part, ParseAnyName());
        s->name += "." + part;
      }
    }
    return std::unique_ptr<Statement>(std::move(s));
  }
  bool local = AcceptKeyword("local");
  if (!local) AcceptKeyword("session");
  if (IsKeyword("transaction") || (IsKeyword("characteristics") && false)) {
    ++pos_;
    auto t = std::make_unique<TransactionStatement>();
    t->op = TransactionStatement::Op::kSetTransaction;
    ZJ_RETURN_IF_ERROR(ParseTxnModes(this, t.get()));
    return std::unique_ptr<Statement>(std::move(t));
  }
  if (AcceptKeyword("characteristics")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("as"));
    ZJ_RETURN_IF_ERROR(ExpectKeyword("transaction"));
    auto t = std::make_unique<TransactionStatement>();
    t->op = TransactionStatement::Op::kSetSessionCharacteristics;
    ZJ_RETURN_IF_ERROR(ParseTxnModes(this, t.get()));
    return std::unique_ptr<Statement>(std::move(t));
  }
  auto s = std::make_unique<SetStatement>();
  s->local = local;
  if (IsKeyword("time") && IsKeyword("zone", 1)) {
    pos_ += 2;
    s->name = "timezone";
  } else if (AcceptKeyword("names")) {
    s->name = "client_encoding";
  } else if (AcceptKeyword("schema")) {
    s->name = "search_path";
  } else {
    ZJ_ASSIGN_OR_RETURN(s->name, ParseAnyName());
    while (AcceptOp(".")) {
      ZJ_ASSIGN_OR_RETURN(std::string part, ParseAnyName());
      s->name += "." + part;
    }
    if (!AcceptKeyword("to") && !AcceptOp("=")) return SyntaxError();
  }
  if (AcceptKeyword("default") || (s->name == "timezone" && AcceptKeyword("local"))) {
    s->is_default = true;
    return std::unique_ptr<Statement>(std::move(s));
  }
  do {
    const Token& t = Peek();
    if (t.kind == TokenKind::kString || t.kind == TokenKind::kInteger ||
        t.kind == TokenKind::kNumeric || t.kind == TokenKind::kIdent ||
        t.kind == TokenKind::kQuotedIdent) {
      s->values.push_back(t.text);
      ++pos_;
    } else if (t.kind == TokenKind::kOp && (t.text == "-" || t.text == "+") &&
               (Peek(1).kind == TokenKind::kInteger || Peek(1).kind == TokenKind::kNumeric)) {
      s->values.push_back(t.text + Peek(1).text);
      pos_ += 2;
    } else if (s->name == "timezone" && AcceptKeyword("interval")) {
      if (Peek().kind != TokenKind::kString) return SyntaxError();
      s->values.push_back(Peek().text);
      ++pos_;
    } else {
      return SyntaxError();
    }
  } while (AcceptOp(","));
  return std::unique_ptr<Statement>(std::move(s));
}

Result<std::unique_ptr<Statement>> Parser::ParseCopy() {
  auto s = std::make_unique<CopyStatement>();
  if (AcceptOp("(")) {
    ZJ_ASSIGN_OR_RETURN(s->query, ParseQuery());
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
  } else {
    ZJ_ASSIGN_OR_RETURN(s->table, ParseQualifiedName());
    if (AcceptOp("(")) {
      ZJ_ASSIGN_OR_RETURN(s->columns, ParseNameList());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    }
  }
  if (AcceptKeyword("from")) {
    s->from = true;
    if (!AcceptKeyword("stdin")) {
      return Status::NotSupported(
                 "COPY from a file is not supported; use COPY FROM STDIN (psql's \\copy)")
          .WithPosition(CharPosition(Loc()));
    }
  } else {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("to"));
    s->from = false;
    if (!AcceptKeyword("stdout")) {
      return Status::NotSupported(
                 "COPY to a file is not supported; use COPY TO STDOUT (psql's \\copy)")
          .WithPosition(CharPosition(Loc()));
    }
  }
  if (s->query && s->from) return SyntaxError();
  AcceptKeyword("with");
  auto string_value = [&](std::string* out) -> Status {
    if (Peek().kind != TokenKind::kString) return SyntaxError();
    *out = Peek().text;
    ++pos_;
    return Status::OK();
  };
  auto bool_value = [&]() -> bool {
    if (AcceptKeyword("true") || AcceptKeyword("on") || AcceptKeyword("yes")) return true;
    if (AcceptKeyword("false") || AcceptKeyword("off") || AcceptKeyword("no")) return false;
    if (Peek().kind == TokenKind::kInteger) return toks_[pos_++].text != "0";
    return true;
  };
  bool parens = AcceptOp("(");
  for (;;) {
    if (AcceptKeyword("format")) {
      ZJ_ASSIGN_OR_RETURN(std::string f, ParseAnyName());
      s->csv = f == "csv";
      s->binary = f == "binary";
      if (f != "csv" && f != "text" && f != "binary") {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "COPY format \"" + f + "\" not recognized");
      }
    } else if (AcceptKeyword("csv")) {
      s->csv = true;
    } else if (AcceptKeyword("binary")) {
      s->binary = true;
    } else if (AcceptKeyword("header")) {
      s->header = parens ? bool_value() : true;
    } else if (AcceptKeyword("freeze")) {
      s->freeze = parens ? bool_value() : true;
    } else if (AcceptKeyword("delimiter")) {
      AcceptKeyword("as");
      ZJ_RETURN_IF_ERROR(string_value(&s->delimiter));
      s->has_delimiter = true;
    } else if (AcceptKeyword("null")) {
      AcceptKeyword("as");
      ZJ_RETURN_IF_ERROR(string_value(&s->null_string));
      s->has_null = true;
    } else if (AcceptKeyword("quote")) {
      AcceptKeyword("as");
      ZJ_RETURN_IF_ERROR(string_value(&s->quote));
      s->has_quote = true;
    } else if (AcceptKeyword("escape")) {
      AcceptKeyword("as");
      ZJ_RETURN_IF_ERROR(string_value(&s->escape));
      s->has_escape = true;
    } else if (AcceptKeyword("encoding")) {
      std::string ignored;
      ZJ_RETURN_IF_ERROR(string_value(&ignored));
    } else {
      break;
    }
    if (parens) AcceptOp(",");
  }
  if (parens) ZJ_RETURN_IF_ERROR(ExpectOp(")"));
  return std::unique_ptr<Statement>(std::move(s));
}

Result<std::unique_ptr<Statement>> Parser::ParseStatement() {
  // EXPLAIN and PREPARE nest statements.
  ZJ_RETURN_IF_ERROR(Enter());
  DepthGuard guard(this);
  int begin = Loc();
  const Token& t = Peek();
  std::string w = t.kind == TokenKind::kIdent ? t.text : "";
  std::unique_ptr<Statement> out;
  if (w == "select" || w == "values" || w == "with" || w == "table" ||
      (t.kind == TokenKind::kOp && t.text == "(")) {
    if (w == "with") {
      // WITH ... INSERT/UPDATE/DELETE is not supported; WITH ... SELECT is.
    }
    auto s = std::make_unique<SelectStatement>();
    ZJ_ASSIGN_OR_RETURN(s->query, ParseQuery());
    out = std::move(s);
  } else if (w == "insert") {
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(out, ParseInsert());
  } else if (w == "update") {
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(out, ParseUpdate());
  } else if (w == "delete") {
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(out, ParseDelete());
  } else if (w == "create") {
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(out, ParseCreate());
  } else if (w == "drop") {
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(out, ParseDrop());
  } else if (w == "alter") {
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(out, ParseAlter());
  } else if (w == "truncate") {
    ++pos_;
    auto s = std::make_unique<TruncateStatement>();
    AcceptKeyword("table");
    do {
      AcceptKeyword("only");
      ZJ_ASSIGN_OR_RETURN(auto name, ParseQualifiedName());
      s->tables.push_back(std::move(name));
    } while (AcceptOp(","));
    if (AcceptKeyword("restart")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("identity"));
      s->restart_identity = true;
    } else if (AcceptKeyword("continue")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("identity"));
    }
    if (AcceptKeyword("cascade")) {
      s->cascade = true;
    } else {
      AcceptKeyword("restrict");
    }
    out = std::move(s);
  } else if (w == "begin" || w == "start" || w == "commit" || w == "end" || w == "rollback" ||
             w == "abort" || w == "savepoint" || w == "release") {
    ZJ_ASSIGN_OR_RETURN(out, ParseTransaction());
  } else if (w == "set" || w == "reset") {
    ZJ_ASSIGN_OR_RETURN(out, ParseSet());
  } else if (w == "show") {
    ++pos_;
    auto s = std::make_unique<ShowStatement>();
    if (IsKeyword("time") && IsKeyword("zone", 1)) {
      pos_ += 2;
      s->name = "timezone";
    } else if (IsKeyword("transaction") && IsKeyword("isolation", 1)) {
      pos_ += 2;
      ZJ_RETURN_IF_ERROR(ExpectKeyword("level"));
      s->name = "transaction_isolation";
    } else {
      ZJ_ASSIGN_OR_RETURN(s->name, ParseAnyName());
      while (AcceptOp(".")) {
        ZJ_ASSIGN_OR_RETURN(std::string part, ParseAnyName());
        s->name += "." + part;
      }
    }
    out = std::move(s);
  } else if (w == "explain") {
    ++pos_;
    auto s = std::make_unique<ExplainStatement>();
    if (AcceptOp("(")) {
      do {
        int opt_at = Loc();
        ZJ_ASSIGN_OR_RETURN(std::string opt, ParseAnyName());
        if (opt == "format") {
          ZJ_ASSIGN_OR_RETURN(std::string format, ParseAnyName());
          if (format == "json" || format == "xml" || format == "yaml") {
            std::string upper = format;
            for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
            return Status::NotSupported("EXPLAIN FORMAT " + upper +
                                        " is not supported yet; FORMAT TEXT is")
                .WithPosition(CharPosition(opt_at));
          }
          if (format != "text") {
            return Status::Error(
                       sqlstate::kInvalidParameterValue,
                       "unrecognized value for EXPLAIN option \"format\": \"" + format + "\"")
                .WithPosition(CharPosition(opt_at));
          }
          continue;
        }
        static const char* const kBoolOptions[] = {"analyze", "verbose", "costs",  "settings",
                                                   "buffers", "wal",     "timing", "summary"};
        if (std::find(std::begin(kBoolOptions), std::end(kBoolOptions), opt) ==
            std::end(kBoolOptions)) {
          return Status::Error(sqlstate::kSyntaxError,
                               "unrecognized EXPLAIN option \"" + opt + "\"")
              .WithPosition(CharPosition(opt_at));
        }
        bool on = true;
        if (AcceptKeyword("false") || AcceptKeyword("off")) {
          on = false;
        } else if (!AcceptKeyword("true") && !AcceptKeyword("on")) {
          if (Peek().kind == TokenKind::kInteger) on = toks_[pos_++].text != "0";
        }
        if (opt == "analyze") s->analyze = on;
        if (opt == "verbose") s->verbose = on;
        if (opt == "timing") s->timing = on;
        if (opt == "summary") s->summary = on ? 1 : 0;
      } while (AcceptOp(","));
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    } else {
      s->analyze = AcceptKeyword("analyze") || AcceptKeyword("analyse");
      s->verbose = AcceptKeyword("verbose");
    }
    ZJ_ASSIGN_OR_RETURN(s->stmt, ParseStatement());
    out = std::move(s);
  } else if (w == "copy") {
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(out, ParseCopy());
  } else if (w == "prepare") {
    ++pos_;
    auto s = std::make_unique<PrepareStatement>();
    ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    if (AcceptOp("(")) {
      do {
        ZJ_ASSIGN_OR_RETURN(TypeName t2, ParseTypeName());
        s->types.push_back(std::move(t2));
      } while (AcceptOp(","));
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    }
    ZJ_RETURN_IF_ERROR(ExpectKeyword("as"));
    int sbegin = Loc();
    ZJ_ASSIGN_OR_RETURN(s->stmt, ParseStatement());
    s->stmt_text = std::string(TextBetween(sbegin, toks_[pos_ - 1].end));
    out = std::move(s);
  } else if (w == "execute") {
    ++pos_;
    auto s = std::make_unique<ExecuteStatement>();
    ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    if (AcceptOp("(")) {
      ZJ_ASSIGN_OR_RETURN(s->args, ParseExprList());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    }
    out = std::move(s);
  } else if (w == "deallocate") {
    ++pos_;
    auto s = std::make_unique<DeallocateStatement>();
    AcceptKeyword("prepare");
    if (!AcceptKeyword("all")) {
      ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    }
    out = std::move(s);
  } else if (w == "declare") {
    ++pos_;
    auto s = std::make_unique<DeclareCursorStatement>();
    ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    for (;;) {
      if (AcceptKeyword("binary")) {
        s->binary = true;
      } else if (AcceptKeyword("asensitive") || AcceptKeyword("insensitive")) {
      } else if (AcceptKeyword("no")) {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("scroll"));
        s->scroll = false;
      } else if (AcceptKeyword("scroll")) {
        s->scroll = true;
      } else {
        break;
      }
    }
    ZJ_RETURN_IF_ERROR(ExpectKeyword("cursor"));
    if (AcceptKeyword("with")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("hold"));
      s->hold = true;
    } else if (AcceptKeyword("without")) {
      ZJ_RETURN_IF_ERROR(ExpectKeyword("hold"));
    }
    ZJ_RETURN_IF_ERROR(ExpectKeyword("for"));
    if (!IsKeyword("select") && !IsKeyword("values") && !IsKeyword("with") &&
        !(Peek().kind == TokenKind::kOp && Peek().text == "(")) {
      return SyntaxError();
    }
    ZJ_ASSIGN_OR_RETURN(s->query, ParseStatement());
    out = std::move(s);
  } else if (w == "fetch" || w == "move") {
    ++pos_;
    auto s = std::make_unique<FetchStatement>();
    s->move = w == "move";
    auto count = [&](bool all_allowed) -> Status {
      if (all_allowed && AcceptKeyword("all")) {
        s->count = -1;
        return Status::OK();
      }
      bool negative = AcceptOp("-");
      if (!negative) AcceptOp("+");
      const std::string& digits = Peek().text;
      if (Peek().kind != TokenKind::kInteger ||
          std::from_chars(digits.data(), digits.data() + digits.size(), s->count).ec !=
              std::errc()) {
        return SyntaxError();
      }
      s->count_location = Loc();
      ++pos_;
      if (negative) s->count = -s->count - 1;  // any negative count moves backward
      return Status::OK();
    };
    auto count_follows = [&] {
      return IsKeyword("all") || Peek().kind == TokenKind::kInteger ||
             (Peek().kind == TokenKind::kOp && (Peek().text == "-" || Peek().text == "+"));
    };
    if (AcceptKeyword("next")) {
    } else if (AcceptKeyword("prior") || AcceptKeyword("first") || AcceptKeyword("last")) {
      s->direction = toks_[pos_ - 1].text;
    } else if (AcceptKeyword("absolute") || AcceptKeyword("relative")) {
      s->direction = toks_[pos_ - 1].text;
      ZJ_RETURN_IF_ERROR(count(false));
    } else if (AcceptKeyword("forward")) {
      if (count_follows()) ZJ_RETURN_IF_ERROR(count(true));
    } else if (AcceptKeyword("backward")) {
      s->direction = "backward";
      if (count_follows()) ZJ_RETURN_IF_ERROR(count(true));
    } else if (count_follows()) {
      ZJ_RETURN_IF_ERROR(count(true));
    }
    if (s->direction.empty() && s->count < -1) s->direction = "backward";
    if (!AcceptKeyword("from")) AcceptKeyword("in");
    ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    out = std::move(s);
  } else if (w == "close") {
    ++pos_;
    auto s = std::make_unique<CloseCursorStatement>();
    if (!AcceptKeyword("all")) {
      ZJ_ASSIGN_OR_RETURN(s->name, ParseIdent());
    }
    out = std::move(s);
  } else if (w == "discard") {
    ++pos_;
    auto d = std::make_unique<DiscardStatement>();
    using What = DiscardStatement::What;
    if (AcceptKeyword("all")) {
      d->what = What::kAll;
    } else if (AcceptKeyword("plans")) {
      d->what = What::kPlans;
    } else if (AcceptKeyword("sequences")) {
      d->what = What::kSequences;
    } else if (AcceptKeyword("temp") || AcceptKeyword("temporary")) {
      d->what = What::kTemp;
    } else {
      return SyntaxError();
    }
    out = std::move(d);
  } else if (w == "analyze" || w == "analyse" || w == "vacuum") {
    ++pos_;
    auto s = std::make_unique<NoOpStatement>();
    s->tag = w == "vacuum" ? "VACUUM" : "ANALYZE";
    // VACUUM [ (option, ...) ] [ FULL ] [ FREEZE ] [ VERBOSE ] [ ANALYZE ] [ table [ (col, ...) ],
    // ... ] ANALYZE [ (option, ...) ] [ VERBOSE ] [ table [ (col, ...) ], ... ]
    if (AcceptOp("(")) {
      int depth = 1;
      while (depth > 0) {
        if (AtEnd()) return SyntaxError();
        if (AcceptOp("(")) {
          ++depth;
        } else if (AcceptOp(")")) {
          --depth;
        } else {
          ++pos_;
        }
      }
    }
    while (AcceptKeyword("full") || AcceptKeyword("freeze") || AcceptKeyword("verbose") ||
           AcceptKeyword("analyze") || AcceptKeyword("analyse")) {
    }
    if (!AtEnd() && !(Peek().kind == TokenKind::kOp && Peek().text == ";")) {
      do {
        NoOpStatement::Target t;
        t.location = Loc();
        ZJ_ASSIGN_OR_RETURN(t.name, ParseQualifiedName());
        if (AcceptOp("(")) {
          ZJ_ASSIGN_OR_RETURN(t.columns, ParseNameList());
          ZJ_RETURN_IF_ERROR(ExpectOp(")"));
        }
        s->tables.push_back(std::move(t));
      } while (AcceptOp(","));
    }
    out = std::move(s);
  } else if (w == "lock") {
    ++pos_;
    auto s = std::make_unique<LockStatement>();
    AcceptKeyword("table");
    do {
      AcceptKeyword("only");
      LockStatement::Target t;
      t.location = Loc();
      ZJ_ASSIGN_OR_RETURN(t.name, ParseQualifiedName());
      AcceptOp("*");
      s->tables.push_back(std::move(t));
    } while (AcceptOp(","));
    if (AcceptKeyword("in")) {
      if (AcceptKeyword("access")) {
        s->mode = AcceptKeyword("share") ? 1 : 0;
        if (s->mode == 0) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("exclusive"));
          s->mode = 8;
        }
      } else if (AcceptKeyword("row")) {
        s->mode = AcceptKeyword("share") ? 2 : 0;
        if (s->mode == 0) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("exclusive"));
          s->mode = 3;
        }
      } else if (AcceptKeyword("share")) {
        s->mode = 5;
        if (AcceptKeyword("update")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("exclusive"));
          s->mode = 4;
        } else if (AcceptKeyword("row")) {
          ZJ_RETURN_IF_ERROR(ExpectKeyword("exclusive"));
          s->mode = 6;
        }
      } else {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("exclusive"));
        s->mode = 7;
      }
      ZJ_RETURN_IF_ERROR(ExpectKeyword("mode"));
    }
    s->nowait = AcceptKeyword("nowait");
    out = std::move(s);
  } else if (w == "checkpoint" || w == "listen" || w == "unlisten" || w == "notify") {
    ++pos_;
    auto s = std::make_unique<NoOpStatement>();
    s->tag = w;
    for (char& c : s->tag) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // The rest (tables, options) is accepted as written.
    while (!AtEnd() && !(Peek().kind == TokenKind::kOp && Peek().text == ";")) ++pos_;
    out = std::move(s);
  } else {
    return SyntaxError();
  }
  out->location = begin;
  return out;
}

Result<std::vector<ParsedStatement>> ParseSql(std::string_view sql) {
  ZJ_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lex(sql));
  Parser p(sql, std::move(tokens));
  std::vector<ParsedStatement> out;
  while (!p.AtEnd()) {
    if (p.AcceptOp(";")) continue;
    ParsedStatement ps;
    ps.begin = p.Peek().begin;
    ZJ_ASSIGN_OR_RETURN(ps.stmt, p.ParseStatement());
    // The span ends with the statement's last token: no trailing blanks or comments.
    ps.end = p.pos() > 0 ? p.toks_[p.pos() - 1].end : ps.begin;
    if (!p.AtEnd() && !p.AcceptOp(";")) return p.SyntaxError();
    out.push_back(std::move(ps));
  }
  return out;
}

}  // namespace zijin::parser
