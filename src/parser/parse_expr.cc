// Expressions: a Pratt parser with PostgreSQL's operator precedence.
#include <algorithm>
#include <cctype>

#include "parser/parser_internal.h"

namespace zijin::parser {
namespace {

// Binding powers, lowest first, after PostgreSQL's gram.y precedence table.
enum Prec : int {
  kOr = 1,
  kAnd = 2,
  kNot = 3,
  kIs = 4,
  kCmp = 5,
  kLike = 6,
  kOtherOp = 7,
  kAdd = 8,
  kMul = 9,
  kExp = 10,
  kAt = 11,
  kCollate = 12,
  kUnary = 13,
  kSubscript = 14,
  kTypecast = 15,
};

bool IsComparison(std::string_view op) {
  return op == "=" || op == "<" || op == ">" || op == "<=" || op == ">=" || op == "<>" ||
         op == "!=";
}

ExprPtr Make(ExprKind k, int loc) { return std::make_unique<Expr>(k, loc); }

ExprPtr MakeFunc(std::string name, int loc, std::vector<ExprPtr> args) {
  ExprPtr f = Make(ExprKind::kFunc, loc);
  f->names.push_back(std::move(name));
  f->args = std::move(args);
  return f;
}

ExprPtr MakeString(std::string s, int loc) {
  ExprPtr e = Make(ExprKind::kString, loc);
  e->text = std::move(s);
  return e;
}

// PostgreSQL's type_func_name_keyword: reserved as column names and aliases, yet usable as
// function names (left(s, n), right(s, n)).
bool IsTypeFuncNameKeyword(std::string_view w) {
  static const char* kWords[] = {"authorization", "binary", "collation", "concurrently", "cross",
                                 "current_schema", "freeze", "full",   "ilike",   "inner",
                                 "is",            "isnull", "join",    "left",    "like",
                                 "natural",       "notnull", "outer",  "overlaps", "right",
                                 "similar",       "tablesample", "verbose"};
  for (const char* k : kWords) {
    if (w == k) return true;
  }
  return false;
}

// An operator token that may be used as a prefix operator. PostgreSQL's grammar gives the
// single-character operators + - * / < > = % ^ their own tokens, which are never prefix
// operators (unary + and - are handled apart); every other operator is an "Op" and may be.
bool IsPrefixOperator(const Token& t) {
  if (t.kind != TokenKind::kOp || t.text.empty()) return false;
  for (char c : t.text) {
    if (std::string_view("+-*/<>=~!@#%^&|`?").find(c) == std::string_view::npos) return false;
  }
  if (t.text.size() == 1 &&
      std::string_view("+-*/<>=%^").find(t.text[0]) != std::string_view::npos) {
    return false;
  }
  return t.text != "=>";
}

// Words that can start a type name in a typed literal (DATE '2020-01-01').
bool IsTypeLiteralStart(std::string_view w) {
  static const char* kWords[] = {"date",    "time",     "timestamp", "timestamptz", "interval",
                                 "int",     "integer",  "int2",      "int4",        "int8",
                                 "bigint",  "smallint", "bool",      "boolean",     "numeric",
                                 "decimal", "real",     "float",     "float4",      "float8",
                                 "double",  "text",     "varchar",   "char",        "character",
                                 "bytea",   "name",     "oid",       "bpchar",      "regclass",
                                 "timetz"};
  for (const char* k : kWords) {
    if (w == k) return true;
  }
  return false;
}

}  // namespace

Status Parser::TooDeep() const {
  return Status::Error(sqlstate::kStatementTooComplex, "stack depth limit exceeded")
      .WithHint("The statement nests expressions or subqueries too deeply.")
      .WithPosition(CharPosition(Loc()));
}

Status Parser::Enter() {
  auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t used = here < stack_base_ ? stack_base_ - here : here - stack_base_;
  if (++depth_ > kMaxDepth || used > kMaxStackBytes) {
    --depth_;
    return TooDeep();
  }
  return Status::OK();
}

Result<ExprPtr> Parser::ParseExpr() { return ParseExprPrec(0); }

Result<std::vector<ExprPtr>> Parser::ParseExprList() {
  std::vector<ExprPtr> out;
  do {
    ZJ_ASSIGN_OR_RETURN(ExprPtr e, ParseExpr());
    out.push_back(std::move(e));
  } while (AcceptOp(","));
  return out;
}

Status Parser::ParseCallArgs(Expr* call) {
  bool any_named = false;
  do {
    const Token& t = Peek();
    int arg_loc = t.begin;
    std::string name;
    if ((t.kind == TokenKind::kIdent || t.kind == TokenKind::kQuotedIdent) &&
        Peek(1).kind == TokenKind::kOp && (Peek(1).text == "=>" || Peek(1).text == ":=")) {
      name = t.text;
      for (const std::string& prev : call->arg_names) {
        if (prev == name) {
          return Status::Error(sqlstate::kSyntaxError,
                               "argument name \"" + name + "\" used more than once")
              .WithPosition(CharPosition(arg_loc));
        }
      }
      pos_ += 2;
      any_named = true;
    } else if (any_named) {
      return Status::Error(sqlstate::kSyntaxError,
                           "positional argument cannot follow named argument")
          .WithPosition(CharPosition(arg_loc));
    }
    ZJ_ASSIGN_OR_RETURN(ExprPtr e, ParseExpr());
    call->args.push_back(std::move(e));
    call->arg_names.push_back(std::move(name));
  } while (AcceptOp(","));
  if (!any_named) call->arg_names.clear();
  return Status::OK();
}

Status Parser::ParseArrayElements(Expr* array) {
  ZJ_RETURN_IF_ERROR(Enter());
  DepthGuard guard(this);
  ZJ_RETURN_IF_ERROR(ExpectOp("["));
  if (AcceptOp("]")) return Status::OK();
  do {
    if (Peek().kind == TokenKind::kOp && Peek().text == "[") {
      // ARRAY[[1, 2], [3, 4]]: the inner brackets are arrays too.
      ExprPtr inner = Make(ExprKind::kArray, Loc());
      ZJ_RETURN_IF_ERROR(ParseArrayElements(inner.get()));
      array->args.push_back(std::move(inner));
    } else {
      ZJ_ASSIGN_OR_RETURN(ExprPtr x, ParseExpr());
      array->args.push_back(std::move(x));
    }
  } while (AcceptOp(","));
  return ExpectOp("]");
}

Result<TypeName> Parser::ParseTypeName() {
  TypeName t;
  t.location = Loc();
  ZJ_ASSIGN_OR_RETURN(std::string first, ParseAnyName());
  // Qualified names (pg_catalog.int4) keep the last part.
  while (AcceptOp(".")) {
    ZJ_ASSIGN_OR_RETURN(first, ParseAnyName());
  }
  t.name = first;
  if (first == "double" && AcceptKeyword("precision")) {
    t.name = "double precision";
  } else if ((first == "character" || first == "char" || first == "national") &&
             (IsKeyword("varying") || IsKeyword("character"))) {
    if (first == "national") AcceptKeyword("character");
    if (AcceptKeyword("varying")) t.name = "character varying";
    if (first == "national" && t.name == "national") t.name = "character";
  } else if (first == "character") {
    t.name = "character";
  } else if (first == "bit" && AcceptKeyword("varying")) {
    t.name = "bit varying";
  }
  auto parse_mods = [&]() -> Status {
    if (!AcceptOp("(")) return Status::OK();
    do {
      ZJ_ASSIGN_OR_RETURN(int64_t v, ParseSignedInteger());
      t.mods.push_back(static_cast<int32_t>(v));
    } while (AcceptOp(","));
    return ExpectOp(")");
  };
  ZJ_RETURN_IF_ERROR(parse_mods());
  if (t.name == "timestamp" || t.name == "time") {
    if (IsKeyword("with") && IsKeyword("time", 1) && IsKeyword("zone", 2)) {
      pos_ += 3;
      t.name += " with time zone";
    } else if (IsKeyword("without") && IsKeyword("time", 1) && IsKeyword("zone", 2)) {
      pos_ += 3;
      t.name += " without time zone";
    }
  }
  if (t.name == "interval") {
    // Interval field restrictions (YEAR TO MONTH ...) are accepted and ignored.
    static const char* kFields[] = {"year", "month", "day", "hour", "minute", "second"};
    for (;;) {
      bool any = false;
      for (const char* f : kFields) {
        if (AcceptKeyword(f)) any = true;
      }
      if (!any && !AcceptKeyword("to")) break;
    }
  }
  while (AcceptOp("[")) {
    if (Peek().kind == TokenKind::kInteger) ++pos_;
    ZJ_RETURN_IF_ERROR(ExpectOp("]"));
    t.is_array = true;
  }
  return t;
}

Result<ExprPtr> Parser::ParseExprPrec(int min_prec) {
  ZJ_RETURN_IF_ERROR(Enter());
  DepthGuard guard(this);
  // height_ collects the heights of the operands parsed below; see Parser::height_.
  const int outer_height = height_;
  height_ = 0;

  ExprPtr left;
  int loc = Loc();
  if (AcceptKeyword("not")) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr operand, ParseExprPrec(kIs));
    left = Make(ExprKind::kUnary, loc);
    left->text = "NOT";
    left->args.push_back(std::move(operand));
  } else if (Peek().kind == TokenKind::kOp && (Peek().text == "-" || Peek().text == "+")) {
    std::string op = Peek().text;
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(ExprPtr operand, ParseExprPrec(kSubscript));
    if (op == "-" && (operand->kind == ExprKind::kInteger || operand->kind == ExprKind::kNumeric) &&
        operand->text[0] != '-') {
      operand->text = "-" + operand->text;  // a negative literal, as PostgreSQL's doNegate
      operand->location = loc;
      left = std::move(operand);
    } else {
      left = Make(ExprKind::kUnary, loc);
      left->text = op;
      left->args.push_back(std::move(operand));
    }
  } else if (IsPrefixOperator(Peek())) {
    // A prefix operator (@ abs, ~ bitwise not, |/ square root ...) binds as PostgreSQL's
    // "Op a_expr %prec Op": tighter operators (+ * ^ ::) go into its operand.
    std::string op = Peek().text;
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(ExprPtr operand, ParseExprPrec(kOtherOp + 1));
    left = Make(ExprKind::kUnary, loc);
    left->text = std::move(op);
    left->args.push_back(std::move(operand));
  } else {
    ZJ_ASSIGN_OR_RETURN(left, ParsePrimary());
  }

  // PostgreSQL's comparison operators, and LIKE / ILIKE / BETWEEN, do not associate:
  // "a < b < c" is a syntax error. The level of the last such operator applied to `left`.
  int nonassoc = -1;
  int height = 0;
  for (;;) {
    // Every pass that continues has built a new `left` over the operands parsed since the last
    // pass; its height is one more than theirs.
    height = height_ + 1;
    if (height > kMaxExprHeight) return TooDeep();
    height_ = height;
    const Token& t = Peek();
    int op_loc = t.begin;
    std::string word = t.kind == TokenKind::kIdent ? t.text : "";
    std::string op = t.kind == TokenKind::kOp ? t.text : "";
    if (word == "or" || word == "and") {
      int p = word == "or" ? kOr : kAnd;
      if (p < min_prec) break;
      nonassoc = -1;
      ++pos_;
      ZJ_ASSIGN_OR_RETURN(ExprPtr right, ParseExprPrec(p + 1));
      ExprPtr b = Make(ExprKind::kBinary, op_loc);
      b->text = word == "or" ? "OR" : "AND";
      b->args.push_back(std::move(left));
      b->args.push_back(std::move(right));
      left = std::move(b);
      continue;
    }
    if (word == "is") {
      if (kIs < min_prec) break;
      nonassoc = -1;
      ++pos_;
      bool neg = AcceptKeyword("not");
      ExprPtr e;
      if (AcceptKeyword("null")) {
        e = Make(ExprKind::kIsNull, op_loc);
      } else if (IsKeyword("true") || IsKeyword("false") || IsKeyword("unknown")) {
        e = Make(ExprKind::kIsBool, op_loc);
        e->text = Peek().text;
        ++pos_;
      } else if (AcceptKeyword("distinct")) {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("from"));
        ZJ_ASSIGN_OR_RETURN(ExprPtr right, ParseExprPrec(kIs + 1));
        e = Make(ExprKind::kIsDistinct, op_loc);
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        e->negated = neg;
        left = std::move(e);
        continue;
      } else {
        return SyntaxError();
      }
      e->negated = neg;
      e->args.push_back(std::move(left));
      left = std::move(e);
      continue;
    }
    if (word == "isnull" || word == "notnull") {
      if (kIs < min_prec) break;
      nonassoc = -1;
      ++pos_;
      ExprPtr e = Make(ExprKind::kIsNull, op_loc);
      e->negated = word == "notnull";
      e->args.push_back(std::move(left));
      left = std::move(e);
      continue;
    }
    // [NOT] BETWEEN / IN / LIKE / ILIKE
    bool negated = false;
    size_t save = pos_;
    if (word == "not" && (IsKeyword("between", 1) || IsKeyword("in", 1) || IsKeyword("like", 1) ||
                          IsKeyword("ilike", 1))) {
      negated = true;
      word = Peek(1).text;
    }
    if (word == "between" || word == "in" || word == "like" || word == "ilike") {
      if (kLike < min_prec) break;
      if (nonassoc == kLike) return SyntaxError();
      nonassoc = word == "in" ? -1 : kLike;
      pos_ += negated ? 2 : 1;
      if (word == "between") {
        ExprPtr e = Make(ExprKind::kBetween, op_loc);
        e->negated = negated;
        e->symmetric = AcceptKeyword("symmetric");
        if (!e->symmetric) AcceptKeyword("asymmetric");
        ZJ_ASSIGN_OR_RETURN(ExprPtr lo, ParseExprPrec(kLike + 1));
        ZJ_RETURN_IF_ERROR(ExpectKeyword("and"));
        ZJ_ASSIGN_OR_RETURN(ExprPtr hi, ParseExprPrec(kLike + 1));
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(lo));
        e->args.push_back(std::move(hi));
        left = std::move(e);
      } else if (word == "in") {
        ZJ_RETURN_IF_ERROR(ExpectOp("("));
        if (IsKeyword("select") || IsKeyword("values") || IsKeyword("with")) {
          ZJ_ASSIGN_OR_RETURN(auto q, ParseQuery());
          ZJ_RETURN_IF_ERROR(ExpectOp(")"));
          ExprPtr e = Make(ExprKind::kSubquery, op_loc);
          e->sublink = SubLink::kIn;
          e->sublink_op = "=";
          e->negated = negated;
          e->subquery = std::move(q);
          e->args.push_back(std::move(left));
          left = std::move(e);
        } else {
          ExprPtr e = Make(ExprKind::kInList, op_loc);
          e->negated = negated;
          e->args.push_back(std::move(left));
          ZJ_ASSIGN_OR_RETURN(auto list, ParseExprList());
          for (auto& x : list) e->args.push_back(std::move(x));
          ZJ_RETURN_IF_ERROR(ExpectOp(")"));
          left = std::move(e);
        }
      } else {
        ExprPtr e = Make(ExprKind::kLike, op_loc);
        e->negated = negated;
        e->text = word;
        ZJ_ASSIGN_OR_RETURN(ExprPtr pat, ParseExprPrec(kLike + 1));
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(pat));
        if (AcceptKeyword("escape")) {
          ZJ_ASSIGN_OR_RETURN(ExprPtr esc, ParseExprPrec(kLike + 1));
          e->args.push_back(std::move(esc));
        }
        left = std::move(e);
      }
      continue;
    }
    pos_ = save;
    if (word == "at" && IsKeyword("time", 1) && IsKeyword("zone", 2)) {
      if (kAt < min_prec) break;
      pos_ += 3;
      ZJ_ASSIGN_OR_RETURN(ExprPtr zone, ParseExprPrec(kAt + 1));
      std::vector<ExprPtr> args;
      args.push_back(std::move(zone));
      args.push_back(std::move(left));
      left = MakeFunc("timezone", op_loc, std::move(args));
      continue;
    }
    if (word == "collate") {
      if (kCollate < min_prec) break;
      ++pos_;
      ZJ_ASSIGN_OR_RETURN(auto coll, ParseQualifiedName());
      ExprPtr e = Make(ExprKind::kCollate, op_loc);
      e->text = coll.back();
      e->args.push_back(std::move(left));
      left = std::move(e);
      continue;
    }
    if (op.empty() && !(word == "operator" && Peek(1).kind == TokenKind::kOp && Peek(1).text == "(")) {
      break;
    }
    if (word == "operator") {
      // OPERATOR(pg_catalog.~) spelled out: take the operator inside.
      pos_ += 2;
      while (Peek().kind == TokenKind::kIdent || (Peek().kind == TokenKind::kOp && Peek().text == ".")) ++pos_;
      if (Peek().kind != TokenKind::kOp) return SyntaxError();
      op = Peek().text;
      ++pos_;
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      --pos_;  // the loop below consumes one token for the operator
    }
    if (op == "::") {
      if (kTypecast < min_prec) break;
      ++pos_;
      ZJ_ASSIGN_OR_RETURN(TypeName type, ParseTypeName());
      ExprPtr e = Make(ExprKind::kCast, op_loc);
      e->type = std::move(type);
      e->args.push_back(std::move(left));
      left = std::move(e);
      continue;
    }
    if (op == "[") {
      if (kSubscript < min_prec) break;
      ++pos_;
      ZJ_ASSIGN_OR_RETURN(ExprPtr idx, ParseExpr());
      ZJ_RETURN_IF_ERROR(ExpectOp("]"));
      ExprPtr e = Make(ExprKind::kSubscript, op_loc);
      e->args.push_back(std::move(left));
      e->args.push_back(std::move(idx));
      left = std::move(e);
      continue;
    }
    int p;
    if (IsComparison(op)) {
      p = kCmp;
    } else if (op == "+" || op == "-") {
      p = kAdd;
    } else if (op == "*" || op == "/" || op == "%") {
      p = kMul;
    } else if (op == "^") {
      p = kExp;
    } else if (op == "(" || op == ")" || op == "," || op == ";" || op == "]" || op == "." ||
               op == ":" || op == "=>" || op == ":=") {
      break;
    } else {
      p = kOtherOp;
    }
    if (p < min_prec) break;
    if (p == kCmp && nonassoc == kCmp) return SyntaxError();
    nonassoc = p == kCmp ? kCmp : -1;
    ++pos_;
    // x op ANY/SOME/ALL (subquery or array)
    if ((IsKeyword("any") || IsKeyword("some") || IsKeyword("all")) && Peek(1).kind == TokenKind::kOp &&
        Peek(1).text == "(") {
      bool all = IsKeyword("all");
      pos_ += 2;
      ExprPtr e = Make(ExprKind::kSubquery, op_loc);
      e->sublink = all ? SubLink::kAll : SubLink::kAny;
      e->sublink_op = op == "!=" ? "<>" : op;
      e->args.push_back(std::move(left));
      if (IsKeyword("select") || IsKeyword("values") || IsKeyword("with")) {
        ZJ_ASSIGN_OR_RETURN(e->subquery, ParseQuery());
      } else {
        ZJ_ASSIGN_OR_RETURN(ExprPtr arr, ParseExpr());
        e->args.push_back(std::move(arr));
      }
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      nonassoc = -1;
      left = std::move(e);
      continue;
    }
    ZJ_ASSIGN_OR_RETURN(ExprPtr right, ParseExprPrec(p + 1));
    ExprPtr b = Make(ExprKind::kBinary, op_loc);
    b->text = op == "!=" ? "<>" : op;
    b->args.push_back(std::move(left));
    b->args.push_back(std::move(right));
    left = std::move(b);
  }
  height_ = std::max(outer_height, height);
  return left;
}

Result<ExprPtr> Parser::ParsePrimary() {
  const Token& t = Peek();
  int loc = t.begin;
  switch (t.kind) {
    case TokenKind::kInteger: {
      ExprPtr e = Make(ExprKind::kInteger, loc);
      e->text = t.text;
      ++pos_;
      return e;
    }
    case TokenKind::kNumeric: {
      ExprPtr e = Make(ExprKind::kNumeric, loc);
      e->text = t.text;
      ++pos_;
      return e;
    }
    case TokenKind::kString: {
      ExprPtr e = MakeString(t.text, loc);
      ++pos_;
      return e;
    }
    case TokenKind::kParam: {
      ExprPtr e = Make(ExprKind::kParam, loc);
      e->ival = std::atoll(t.text.c_str());
      ++pos_;
      if (e->ival <= 0 || e->ival > 65535) {
        return Status::Error(sqlstate::kUndefinedParameter,
                             "there is no parameter $" + t.text)
            .WithPosition(CharPosition(loc));
      }
      return e;
    }
    case TokenKind::kOp: {
      if (t.text != "(") return SyntaxError();
      ++pos_;
      if (IsKeyword("select") || IsKeyword("values") || IsKeyword("with")) {
        ZJ_ASSIGN_OR_RETURN(auto q, ParseQuery());
        ZJ_RETURN_IF_ERROR(ExpectOp(")"));
        ExprPtr e = Make(ExprKind::kSubquery, loc);
        e->sublink = SubLink::kScalar;
        e->subquery = std::move(q);
        return e;
      }
      ZJ_ASSIGN_OR_RETURN(ExprPtr inner, ParseExpr());
      if (AcceptOp(",")) {
        ExprPtr row = Make(ExprKind::kRow, loc);
        row->args.push_back(std::move(inner));
        ZJ_ASSIGN_OR_RETURN(auto rest, ParseExprList());
        for (auto& x : rest) row->args.push_back(std::move(x));
        ZJ_RETURN_IF_ERROR(ExpectOp(")"));
        return row;
      }
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      return inner;
    }
    case TokenKind::kQuotedIdent:
    case TokenKind::kIdent:
      break;
    case TokenKind::kEnd: return SyntaxError();
  }

  std::string w = t.kind == TokenKind::kIdent ? t.text : "";
  if (w == "null") {
    ++pos_;
    return Make(ExprKind::kNull, loc);
  }
  if (w == "true" || w == "false") {
    ++pos_;
    ExprPtr e = Make(ExprKind::kBool, loc);
    e->bval = w == "true";
    return e;
  }
  if (w == "default") {
    ++pos_;
    return Make(ExprKind::kDefault, loc);
  }
  if (w == "case") {
    ++pos_;
    ExprPtr e = Make(ExprKind::kCase, loc);
    if (!IsKeyword("when")) {
      ZJ_ASSIGN_OR_RETURN(ExprPtr arg, ParseExpr());
      e->args.push_back(std::move(arg));
      e->case_has_arg = true;
    }
    if (!IsKeyword("when")) return SyntaxError();
    while (AcceptKeyword("when")) {
      ZJ_ASSIGN_OR_RETURN(ExprPtr w1, ParseExpr());
      ZJ_RETURN_IF_ERROR(ExpectKeyword("then"));
      ZJ_ASSIGN_OR_RETURN(ExprPtr t1, ParseExpr());
      e->args.push_back(std::move(w1));
      e->args.push_back(std::move(t1));
    }
    if (AcceptKeyword("else")) {
      ZJ_ASSIGN_OR_RETURN(ExprPtr el, ParseExpr());
      e->args.push_back(std::move(el));
      e->case_has_else = true;
    }
    ZJ_RETURN_IF_ERROR(ExpectKeyword("end"));
    return e;
  }
  if (w == "cast" && Peek(1).text == "(") {
    pos_ += 2;
    ZJ_ASSIGN_OR_RETURN(ExprPtr x, ParseExpr());
    ZJ_RETURN_IF_ERROR(ExpectKeyword("as"));
    ZJ_ASSIGN_OR_RETURN(TypeName type, ParseTypeName());
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    ExprPtr e = Make(ExprKind::kCast, loc);
    e->type = std::move(type);
    e->args.push_back(std::move(x));
    return e;
  }
  if (w == "exists" && Peek(1).text == "(") {
    pos_ += 2;
    ZJ_ASSIGN_OR_RETURN(auto q, ParseQuery());
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    ExprPtr e = Make(ExprKind::kSubquery, loc);
    e->sublink = SubLink::kExists;
    e->subquery = std::move(q);
    return e;
  }
  if (w == "array" && (Peek(1).text == "[" || Peek(1).text == "(")) {
    ++pos_;
    ExprPtr e = Make(ExprKind::kArray, loc);
    if (AcceptOp("(")) {
      ZJ_ASSIGN_OR_RETURN(e->subquery, ParseQuery());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      return e;
    }
    ZJ_RETURN_IF_ERROR(ParseArrayElements(e.get()));
    return e;
  }
  if (w == "row" && Peek(1).text == "(") {
    pos_ += 2;
    ExprPtr e = Make(ExprKind::kRow, loc);
    if (!AcceptOp(")")) {
      ZJ_ASSIGN_OR_RETURN(e->args, ParseExprList());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    }
    return e;
  }
  // SQL-standard niladic functions.
  static const char* kNiladic[] = {"current_date", "current_time", "current_timestamp",
                                   "localtime", "localtimestamp", "current_user", "session_user",
                                   "user", "current_schema", "current_catalog", "current_role"};
  for (const char* n : kNiladic) {
    if (w == n && !(Peek(1).kind == TokenKind::kOp && Peek(1).text == "(" &&
                    (w == "current_schema"))) {
      ++pos_;
      // CURRENT_TIMESTAMP(3) precision is accepted and ignored.
      if ((w == "current_timestamp" || w == "localtimestamp" || w == "current_time" ||
           w == "localtime") && AcceptOp("(")) {
        ZJ_RETURN_IF_ERROR(ParseSignedInteger().status());
        ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      }
      std::string name = w == "user" || w == "current_role" ? "current_user"
                         : w == "current_catalog"            ? "current_database"
                                                             : w;
      return MakeFunc(name, loc, {});
    }
  }
  if (w == "extract" && Peek(1).text == "(") {
    pos_ += 2;
    std::string field;
    if (Peek().kind == TokenKind::kString) {
      field = Peek().text;
      ++pos_;
    } else {
      ZJ_ASSIGN_OR_RETURN(field, ParseAnyName());
    }
    ZJ_RETURN_IF_ERROR(ExpectKeyword("from"));
    ZJ_ASSIGN_OR_RETURN(ExprPtr x, ParseExpr());
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    std::vector<ExprPtr> args;
    args.push_back(MakeString(field, loc));
    args.push_back(std::move(x));
    return MakeFunc("extract", loc, std::move(args));
  }
  if ((w == "substring" || w == "substr") && Peek(1).text == "(") {
    pos_ += 2;
    std::vector<ExprPtr> args;
    ZJ_ASSIGN_OR_RETURN(ExprPtr x, ParseExpr());
    args.push_back(std::move(x));
    if (AcceptKeyword("from")) {
      ZJ_ASSIGN_OR_RETURN(ExprPtr a, ParseExpr());
      args.push_back(std::move(a));
      if (AcceptKeyword("for")) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr b, ParseExpr());
        args.push_back(std::move(b));
      }
    } else if (AcceptKeyword("for")) {
      ExprPtr one = Make(ExprKind::kInteger, loc);
      one->text = "1";
      args.push_back(std::move(one));
      ZJ_ASSIGN_OR_RETURN(ExprPtr b, ParseExpr());
      args.push_back(std::move(b));
    } else {
      while (AcceptOp(",")) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr a, ParseExpr());
        args.push_back(std::move(a));
      }
    }
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    return MakeFunc(w, loc, std::move(args));
  }
  if (w == "position" && Peek(1).text == "(") {
    pos_ += 2;
    ZJ_ASSIGN_OR_RETURN(ExprPtr needle, ParseExprPrec(kLike + 1));
    ZJ_RETURN_IF_ERROR(ExpectKeyword("in"));
    ZJ_ASSIGN_OR_RETURN(ExprPtr hay, ParseExpr());
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    std::vector<ExprPtr> args;
    args.push_back(std::move(hay));
    args.push_back(std::move(needle));
    return MakeFunc("strpos", loc, std::move(args));
  }
  if (w == "trim" && Peek(1).text == "(") {
    pos_ += 2;
    std::string fn = "btrim";
    if (AcceptKeyword("leading")) {
      fn = "ltrim";
    } else if (AcceptKeyword("trailing")) {
      fn = "rtrim";
    } else {
      AcceptKeyword("both");
    }
    std::vector<ExprPtr> args;
    if (AcceptKeyword("from")) {
      ZJ_ASSIGN_OR_RETURN(ExprPtr x, ParseExpr());
      args.push_back(std::move(x));
    } else {
      ZJ_ASSIGN_OR_RETURN(ExprPtr first, ParseExpr());
      if (AcceptKeyword("from")) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr x, ParseExpr());
        args.push_back(std::move(x));
        args.push_back(std::move(first));
      } else {
        args.push_back(std::move(first));
        while (AcceptOp(",")) {
          ZJ_ASSIGN_OR_RETURN(ExprPtr x, ParseExpr());
          args.push_back(std::move(x));
        }
      }
    }
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    return MakeFunc(fn, loc, std::move(args));
  }
  // Typed literal: DATE '2020-01-01', INTERVAL '1 day', TIMESTAMP WITH TIME ZONE '...'.
  if (t.kind == TokenKind::kIdent && IsTypeLiteralStart(w)) {
    size_t save = pos_;
    auto type = ParseTypeName();
    if (type.ok() && Peek().kind == TokenKind::kString) {
      ExprPtr e = Make(ExprKind::kCast, loc);
      e->type = std::move(*type);
      e->args.push_back(MakeString(Peek().text, Peek().begin));
      ++pos_;
      return e;
    }
    pos_ = save;
  }
  bool keyword_call = IsTypeFuncNameKeyword(w) && Peek(1).kind == TokenKind::kOp &&
                      Peek(1).text == "(";
  if (t.kind == TokenKind::kIdent && IsReserved(w) && !keyword_call) return SyntaxError();
  // Column reference or function call.
  ZJ_ASSIGN_OR_RETURN(std::string first, ParseAnyName());
  std::vector<std::string> names{first};
  bool star = false;
  while (Peek().kind == TokenKind::kOp && Peek().text == ".") {
    ++pos_;
    if (AcceptOp("*")) {
      star = true;
      break;
    }
    ZJ_ASSIGN_OR_RETURN(std::string part, ParseAnyName());
    names.push_back(part);
  }
  if (!star && AcceptOp("(")) {
    ExprPtr f = Make(ExprKind::kFunc, loc);
    f->names = std::move(names);
    if (AcceptOp("*")) {
      f->star = true;
    } else if (!(Peek().kind == TokenKind::kOp && Peek().text == ")")) {
      if (AcceptKeyword("distinct")) {
        f->distinct = true;
      } else {
        AcceptKeyword("all");
      }
      ZJ_RETURN_IF_ERROR(ParseCallArgs(f.get()));
      if (AcceptKeyword("order")) {
        // ORDER BY inside an aggregate call: string_agg(x, ',' ORDER BY y).
        ZJ_RETURN_IF_ERROR(ExpectKeyword("by"));
        ZJ_ASSIGN_OR_RETURN(f->agg_order, ParseOrderList());
      }
    }
    ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    if (IsKeyword("filter") && Peek(1).text == "(") {
      pos_ += 2;
      ZJ_RETURN_IF_ERROR(ExpectKeyword("where"));
      ZJ_ASSIGN_OR_RETURN(f->filter, ParseExpr());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
    }
    if (AcceptKeyword("over")) {
      int wloc = Loc();
      if (AcceptOp("(")) {
        ZJ_ASSIGN_OR_RETURN(auto spec, ParseWindowSpecBody());
        f->over = std::move(spec);
      } else {
        f->over = std::make_unique<WindowSpec>();
        ZJ_ASSIGN_OR_RETURN(f->over->ref, ParseIdent());
      }
      f->over->location = wloc;
    }
    return f;
  }
  ExprPtr c = Make(ExprKind::kColumnRef, loc);
  c->names = std::move(names);
  c->star = star;
  return c;
}

// After "(": [ existing_window ] [ PARTITION BY ... ] [ ORDER BY ... ] [ frame ] ")".
Result<std::unique_ptr<WindowSpec>> Parser::ParseWindowSpecBody() {
  auto w = std::make_unique<WindowSpec>();
  bool is_ident = Peek().kind == TokenKind::kIdent || Peek().kind == TokenKind::kQuotedIdent;
  if (is_ident && !IsKeyword("partition") && !IsKeyword("order") && !IsKeyword("rows") &&
      !IsKeyword("range") && !IsKeyword("groups")) {
    ZJ_ASSIGN_OR_RETURN(w->ref, ParseIdent());
  }
  if (AcceptKeyword("partition")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("by"));
    ZJ_ASSIGN_OR_RETURN(w->partition_by, ParseExprList());
  }
  if (AcceptKeyword("order")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("by"));
    ZJ_ASSIGN_OR_RETURN(w->order_by, ParseOrderList());
  }
  using Mode = WindowSpec::FrameMode;
  if (AcceptKeyword("rows")) {
    w->frame_mode = Mode::kRows;
  } else if (AcceptKeyword("range")) {
    w->frame_mode = Mode::kRange;
  } else if (AcceptKeyword("groups")) {
    w->frame_mode = Mode::kGroups;
  }
  if (w->frame_mode != Mode::kNone) {
    auto bound = [&](FrameBound* b) -> Status {
      b->location = Loc();
      using K = FrameBound::Kind;
      if (AcceptKeyword("unbounded")) {
        if (AcceptKeyword("preceding")) {
          b->kind = K::kUnboundedPreceding;
          return Status::OK();
        }
        ZJ_RETURN_IF_ERROR(ExpectKeyword("following"));
        b->kind = K::kUnboundedFollowing;
        return Status::OK();
      }
      if (AcceptKeyword("current")) {
        b->kind = K::kCurrentRow;
        return ExpectKeyword("row");
      }
      ZJ_ASSIGN_OR_RETURN(b->offset, ParseExprPrec(8));
      if (AcceptKeyword("preceding")) {
        b->kind = K::kPreceding;
        return Status::OK();
      }
      ZJ_RETURN_IF_ERROR(ExpectKeyword("following"));
      b->kind = K::kFollowing;
      return Status::OK();
    };
    if (AcceptKeyword("between")) {
      ZJ_RETURN_IF_ERROR(bound(&w->frame_start));
      ZJ_RETURN_IF_ERROR(ExpectKeyword("and"));
      ZJ_RETURN_IF_ERROR(bound(&w->frame_end));
    } else {
      ZJ_RETURN_IF_ERROR(bound(&w->frame_start));
      w->frame_end.kind = FrameBound::Kind::kCurrentRow;
    }
    if (AcceptKeyword("exclude")) {
      return Status::NotSupported("frame EXCLUDE clauses are not supported");
    }
  }
  ZJ_RETURN_IF_ERROR(ExpectOp(")"));
  return w;
}

}  // namespace zijin::parser
