// Queries: SELECT, VALUES, set operations, FROM items and joins; shared token helpers.
#include <cstdlib>

#include "parser/parser_internal.h"

namespace zijin::parser {
namespace {

// Words that cannot be column names or bare aliases (PostgreSQL's reserved keywords).
const char* const kReserved[] = {
    "all",       "analyse",   "analyze",   "and",        "any",        "array",      "as",
    "asc",       "asymmetric", "both",     "case",       "cast",       "check",      "collate",
    "column",    "constraint", "create",   "current_catalog", "current_date", "current_role",
    "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
    "distinct",  "do",        "else",      "end",        "except",     "false",      "fetch",
    "for",       "foreign",   "from",      "grant",      "group",      "having",     "in",
    "initially", "intersect", "into",      "lateral",    "leading",    "limit",      "localtime",
    "localtimestamp", "not",  "null",      "offset",     "on",         "only",       "or",
    "order",     "placing",   "primary",   "references", "returning",  "select",
    "session_user", "some",   "symmetric", "table",      "then",       "to",         "trailing",
    "true",      "union",     "unique",    "user",       "using",      "variadic",   "when",
    "where",     "window",    "with",
    // Type-function and join keywords that cannot be bare aliases either.
    "join",      "inner",     "left",      "right",      "full",       "outer",      "cross",
    "natural",   "is",        "isnull",    "notnull",    "like",       "ilike",      "between",
    "similar",   "verbose",   "freeze",
};

}  // namespace

bool Parser::IsReserved(std::string_view word) {
  for (const char* r : kReserved) {
    if (word == r) return true;
  }
  return false;
}

int Parser::CharPosition(int byte) const {
  int pos = 1;
  for (int i = 0; i < byte && i < static_cast<int>(sql_.size()); ++i) {
    if ((static_cast<unsigned char>(sql_[static_cast<size_t>(i)]) & 0xC0) != 0x80) ++pos;
  }
  return pos;
}

Status Parser::SyntaxErrorAt(size_t tok) const {
  const Token& t = tok < toks_.size() ? toks_[tok] : toks_.back();
  if (t.kind == TokenKind::kEnd) {
    return Status::Error(sqlstate::kSyntaxError, "syntax error at end of input")
        .WithPosition(CharPosition(t.begin));
  }
  return Status::Error(sqlstate::kSyntaxError,
                       "syntax error at or near \"" +
                           std::string(sql_.substr(static_cast<size_t>(t.begin),
                                                   static_cast<size_t>(t.end - t.begin))) +
                           "\"")
      .WithPosition(CharPosition(t.begin));
}

Status Parser::SyntaxError() const { return SyntaxErrorAt(pos_); }

bool Parser::AcceptOp(std::string_view op) {
  const Token& t = Peek();
  if (t.kind == TokenKind::kOp && t.text == op) {
    ++pos_;
    return true;
  }
  return false;
}

bool Parser::PeekIdent(size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == TokenKind::kQuotedIdent || (t.kind == TokenKind::kIdent && !IsReserved(t.text));
}

Result<std::string> Parser::ParseIdent() {
  if (!PeekIdent()) return SyntaxError();
  return toks_[pos_++].text;
}

Result<std::string> Parser::ParseAnyName() {
  const Token& t = Peek();
  if (t.kind != TokenKind::kIdent && t.kind != TokenKind::kQuotedIdent) return SyntaxError();
  return toks_[pos_++].text;
}

Result<std::vector<std::string>> Parser::ParseQualifiedName() {
  std::vector<std::string> out;
  ZJ_ASSIGN_OR_RETURN(std::string first, ParseIdent());
  out.push_back(first);
  while (Peek().kind == TokenKind::kOp && Peek().text == "." &&
         (Peek(1).kind == TokenKind::kIdent || Peek(1).kind == TokenKind::kQuotedIdent)) {
    ++pos_;
    ZJ_ASSIGN_OR_RETURN(std::string part, ParseAnyName());
    out.push_back(part);
  }
  if (out.size() > 3) return SyntaxError();
  return out;
}

Result<std::vector<std::string>> Parser::ParseNameList() {
  std::vector<std::string> out;
  do {
    ZJ_ASSIGN_OR_RETURN(std::string n, ParseIdent());
    out.push_back(n);
  } while (AcceptOp(","));
  return out;
}

Result<int64_t> Parser::ParseSignedInteger() {
  bool neg = AcceptOp("-");
  if (!neg) AcceptOp("+");
  if (Peek().kind != TokenKind::kInteger) return SyntaxError();
  errno = 0;
  int64_t v = std::strtoll(Peek().text.c_str(), nullptr, 10);
  if (errno == ERANGE) return SyntaxError();
  ++pos_;
  return neg ? -v : v;
}

Status Parser::SkipParens() {
  ZJ_RETURN_IF_ERROR(ExpectOp("("));
  int depth = 1;
  while (depth > 0) {
    if (AtEnd()) return SyntaxError();
    if (Peek().kind == TokenKind::kOp && Peek().text == "(") ++depth;
    if (Peek().kind == TokenKind::kOp && Peek().text == ")") --depth;
    ++pos_;
  }
  return Status::OK();
}

Result<std::vector<OrderItem>> Parser::ParseOrderList() {
  std::vector<OrderItem> out;
  do {
    OrderItem item;
    ZJ_ASSIGN_OR_RETURN(item.expr, ParseExpr());
    if (AcceptKeyword("desc")) {
      item.descending = true;
    } else {
      AcceptKeyword("asc");
    }
    if (AcceptKeyword("nulls")) {
      if (AcceptKeyword("first")) {
        item.nulls = 1;
      } else {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("last"));
        item.nulls = 2;
      }
    }
    out.push_back(std::move(item));
  } while (AcceptOp(","));
  return out;
}

Result<std::vector<Target>> Parser::ParseTargetList() {
  std::vector<Target> out;
  do {
    Target t;
    t.location = Loc();
    if (Peek().kind == TokenKind::kOp && Peek().text == "*") {
      ++pos_;
      t.expr = std::make_unique<Expr>(ExprKind::kColumnRef, t.location);
      t.expr->star = true;
    } else {
      ZJ_ASSIGN_OR_RETURN(t.expr, ParseExpr());
      if (AcceptKeyword("as")) {
        ZJ_ASSIGN_OR_RETURN(t.alias, ParseAnyName());
      } else if (PeekIdent()) {
        t.alias = toks_[pos_++].text;
      }
    }
    out.push_back(std::move(t));
  } while (AcceptOp(","));
  return out;
}

namespace {

// Parses "[AS] alias [(col, ...)]" after a FROM item.
Status ParseAlias(Parser* p, TableRef* ref) {
  if (p->AcceptKeyword("as")) {
    ZJ_ASSIGN_OR_RETURN(ref->alias, p->ParseAnyName());
  } else if (p->PeekIdent()) {
    ZJ_ASSIGN_OR_RETURN(ref->alias, p->ParseIdent());
  } else {
    return Status::OK();
  }
  if (p->Peek().kind == TokenKind::kOp && p->Peek().text == "(") {
    p->AcceptOp("(");
    ZJ_ASSIGN_OR_RETURN(ref->column_aliases, p->ParseNameList());
    ZJ_RETURN_IF_ERROR(p->ExpectOp(")"));
  }
  return Status::OK();
}

Result<TableRefPtr> ParseFromItem(Parser* p);

Result<TableRefPtr> ParseFromPrimary(Parser* p) {
  ZJ_RETURN_IF_ERROR(p->Enter());
  DepthGuard guard(p);
  auto ref = std::make_unique<TableRef>();
  ref->location = p->Loc();
  ref->lateral = p->AcceptKeyword("lateral");
  if (p->AcceptOp("(")) {
    if (p->IsKeyword("select") || p->IsKeyword("values") || p->IsKeyword("with")) {
      ref->kind = TableRef::Kind::kSubquery;
      ZJ_ASSIGN_OR_RETURN(ref->subquery, p->ParseQuery());
      ZJ_RETURN_IF_ERROR(p->ExpectOp(")"));
      ZJ_RETURN_IF_ERROR(ParseAlias(p, ref.get()));
      if (ref->alias.empty()) {
        return Status::Error(sqlstate::kSyntaxError, "subquery in FROM must have an alias")
            .WithHint("For example, FROM (SELECT ...) [AS] foo.")
            .WithPosition(p->CharPosition(ref->location));
      }
      return ref;
    }
    // A parenthesized join.
    ZJ_ASSIGN_OR_RETURN(TableRefPtr inner, ParseFromItem(p));
    ZJ_RETURN_IF_ERROR(p->ExpectOp(")"));
    return inner;
  }
  p->AcceptKeyword("only");
  ZJ_ASSIGN_OR_RETURN(ref->name, p->ParseQualifiedName());
  if (p->Peek().kind == TokenKind::kOp && p->Peek().text == "(") {
    // A function in FROM: generate_series(1, 10) AS g(x).
    p->AcceptOp("(");
    ref->kind = TableRef::Kind::kFunction;
    ref->function = std::make_unique<Expr>(ExprKind::kFunc, ref->location);
    ref->function->names = ref->name;
    if (!p->AcceptOp(")")) {
      ZJ_RETURN_IF_ERROR(p->ParseCallArgs(ref->function.get()));
      ZJ_RETURN_IF_ERROR(p->ExpectOp(")"));
    }
  }
  p->AcceptOp("*");
  ZJ_RETURN_IF_ERROR(ParseAlias(p, ref.get()));
  return ref;
}

Result<TableRefPtr> ParseFromItem(Parser* p) {
  ZJ_ASSIGN_OR_RETURN(TableRefPtr left, ParseFromPrimary(p));
  // The join tree is left-deep: bound its height as recursion is (trees are walked recursively).
  int joins = 0;
  for (;;) {
    int loc = p->Loc();
    JoinType jt;
    bool natural = p->AcceptKeyword("natural");
    if (p->AcceptKeyword("cross")) {
      ZJ_RETURN_IF_ERROR(p->ExpectKeyword("join"));
      jt = JoinType::kCross;
    } else if (p->AcceptKeyword("join")) {
      jt = JoinType::kInner;
    } else if (p->AcceptKeyword("inner")) {
      ZJ_RETURN_IF_ERROR(p->ExpectKeyword("join"));
      jt = JoinType::kInner;
    } else if (p->IsKeyword("left") || p->IsKeyword("right") || p->IsKeyword("full")) {
      std::string w = p->Peek().text;
      p->AcceptKeyword(w);
      p->AcceptKeyword("outer");
      ZJ_RETURN_IF_ERROR(p->ExpectKeyword("join"));
      jt = w == "left" ? JoinType::kLeft : (w == "right" ? JoinType::kRight : JoinType::kFull);
    } else {
      if (natural) return p->SyntaxError();
      return left;
    }
    if (++joins > Parser::kMaxDepth) return p->TooDeep();
    auto join = std::make_unique<TableRef>();
    join->kind = TableRef::Kind::kJoin;
    join->location = loc;
    join->join_type = jt;
    join->natural = natural;
    join->left = std::move(left);
    ZJ_ASSIGN_OR_RETURN(join->right, ParseFromPrimary(p));
    if (jt != JoinType::kCross && !natural) {
      if (p->AcceptKeyword("on")) {
        ZJ_ASSIGN_OR_RETURN(join->on, p->ParseExpr());
      } else if (p->AcceptKeyword("using")) {
        ZJ_RETURN_IF_ERROR(p->ExpectOp("("));
        ZJ_ASSIGN_OR_RETURN(join->using_columns, p->ParseNameList());
        ZJ_RETURN_IF_ERROR(p->ExpectOp(")"));
      } else {
        return p->SyntaxError();
      }
    }
    left = std::move(join);
  }
}

}  // namespace

Result<std::vector<TableRefPtr>> Parser::ParseFromList() {
  std::vector<TableRefPtr> out;
  do {
    ZJ_ASSIGN_OR_RETURN(TableRefPtr item, ParseFromItem(this));
    out.push_back(std::move(item));
  } while (AcceptOp(","));
  return out;
}

namespace {

Result<std::shared_ptr<SelectStmt>> ParseSimpleSelect(Parser* p) {
  auto s = std::make_shared<SelectStmt>();
  s->location = p->Loc();
  if (p->AcceptKeyword("values")) {
    s->op = SelectStmt::Op::kValues;
    do {
      ZJ_RETURN_IF_ERROR(p->ExpectOp("("));
      ZJ_ASSIGN_OR_RETURN(auto row, p->ParseExprList());
      ZJ_RETURN_IF_ERROR(p->ExpectOp(")"));
      s->values.push_back(std::move(row));
    } while (p->AcceptOp(","));
    return s;
  }
  if (p->AcceptOp("(")) {
    ZJ_ASSIGN_OR_RETURN(auto inner, p->ParseQuery());
    ZJ_RETURN_IF_ERROR(p->ExpectOp(")"));
    return inner;
  }
  if (p->AcceptKeyword("table")) {
    // TABLE t  ==  SELECT * FROM t
    auto ref = std::make_unique<TableRef>();
    ref->location = p->Loc();
    ZJ_ASSIGN_OR_RETURN(ref->name, p->ParseQualifiedName());
    Target star;
    star.expr = std::make_unique<Expr>(ExprKind::kColumnRef, ref->location);
    star.expr->star = true;
    s->targets.push_back(std::move(star));
    s->from.push_back(std::move(ref));
    return s;
  }
  ZJ_RETURN_IF_ERROR(p->ExpectKeyword("select"));
  if (p->AcceptKeyword("distinct")) {
    s->distinct = true;
    if (p->AcceptKeyword("on")) {
      ZJ_RETURN_IF_ERROR(p->ExpectOp("("));
      ZJ_ASSIGN_OR_RETURN(s->distinct_on, p->ParseExprList());
      ZJ_RETURN_IF_ERROR(p->ExpectOp(")"));
    }
  } else {
    p->AcceptKeyword("all");
  }
  bool empty_targets = p->AtEnd() || p->IsKeyword("from") || p->IsKeyword("where") ||
                       (p->Peek().kind == TokenKind::kOp &&
                        (p->Peek().text == ";" || p->Peek().text == ")"));
  if (!empty_targets) {
    ZJ_ASSIGN_OR_RETURN(s->targets, p->ParseTargetList());
  }
  if (p->AcceptKeyword("into")) return p->SyntaxErrorAt(p->pos() - 1);
  if (p->AcceptKeyword("from")) {
    ZJ_ASSIGN_OR_RETURN(s->from, p->ParseFromList());
  }
  if (p->AcceptKeyword("where")) {
    ZJ_ASSIGN_OR_RETURN(s->where, p->ParseExpr());
  }
  if (p->AcceptKeyword("group")) {
    ZJ_RETURN_IF_ERROR(p->ExpectKeyword("by"));
    ZJ_ASSIGN_OR_RETURN(s->group_by, p->ParseExprList());
  }
  if (p->AcceptKeyword("having")) {
    ZJ_ASSIGN_OR_RETURN(s->having, p->ParseExpr());
  }
  if (p->AcceptKeyword("window")) {
    do {
      ZJ_ASSIGN_OR_RETURN(std::string name, p->ParseIdent());
      ZJ_RETURN_IF_ERROR(p->ExpectKeyword("as"));
      ZJ_RETURN_IF_ERROR(p->ExpectOp("("));
      ZJ_ASSIGN_OR_RETURN(auto spec, p->ParseWindowSpecBody());
      s->windows.emplace_back(std::move(name), std::shared_ptr<WindowSpec>(std::move(spec)));
    } while (p->AcceptOp(","));
  }
  return s;
}

// Set operations: INTERSECT binds tighter than UNION and EXCEPT.
Result<std::shared_ptr<SelectStmt>> ParseIntersect(Parser* p) {
  ZJ_ASSIGN_OR_RETURN(auto left, ParseSimpleSelect(p));
  int ops = 0;
  while (p->IsKeyword("intersect")) {
    if (++ops > Parser::kMaxDepth) return p->TooDeep();
    int loc = p->Loc();
    p->AcceptKeyword("intersect");
    auto s = std::make_shared<SelectStmt>();
    s->op = SelectStmt::Op::kIntersect;
    s->location = loc;
    s->set_all = p->AcceptKeyword("all");
    if (!s->set_all) p->AcceptKeyword("distinct");
    s->left = std::move(left);
    ZJ_ASSIGN_OR_RETURN(s->right, ParseSimpleSelect(p));
    left = std::move(s);
  }
  return left;
}

}  // namespace

Result<std::shared_ptr<SelectStmt>> Parser::ParseQuery() {
  ZJ_RETURN_IF_ERROR(Enter());
  DepthGuard guard(this);
  std::vector<CommonTableExpr> with;
  if (AcceptKeyword("with")) {
    bool recursive = AcceptKeyword("recursive");
    do {
      CommonTableExpr cte;
      cte.recursive = recursive;
      cte.location = Loc();
      ZJ_ASSIGN_OR_RETURN(cte.name, ParseIdent());
      if (AcceptOp("(")) {
        ZJ_ASSIGN_OR_RETURN(cte.columns, ParseNameList());
        ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      }
      ZJ_RETURN_IF_ERROR(ExpectKeyword("as"));
      if (AcceptKeyword("not")) {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("materialized"));
      } else {
        AcceptKeyword("materialized");
      }
      ZJ_RETURN_IF_ERROR(ExpectOp("("));
      ZJ_ASSIGN_OR_RETURN(cte.query, ParseQuery());
      ZJ_RETURN_IF_ERROR(ExpectOp(")"));
      with.push_back(std::move(cte));
    } while (AcceptOp(","));
  }
  ZJ_ASSIGN_OR_RETURN(auto left, ParseIntersect(this));
  // Set operations build a left-deep tree: bound its height like recursion.
  int set_ops = 0;
  while (IsKeyword("union") || IsKeyword("except")) {
    if (++set_ops > kMaxDepth) return TooDeep();
    int loc = Loc();
    bool is_union = IsKeyword("union");
    ++pos_;
    auto s = std::make_shared<SelectStmt>();
    s->op = is_union ? SelectStmt::Op::kUnion : SelectStmt::Op::kExcept;
    s->location = loc;
    s->set_all = AcceptKeyword("all");
    if (!s->set_all) AcceptKeyword("distinct");
    s->left = std::move(left);
    ZJ_ASSIGN_OR_RETURN(s->right, ParseIntersect(this));
    left = std::move(s);
  }
  // ORDER BY / LIMIT / OFFSET / FETCH / FOR UPDATE apply to the whole query. When the query
  // already has them (from parentheses), wrap it.
  bool has_tail = IsKeyword("order") || IsKeyword("limit") || IsKeyword("offset") ||
                  IsKeyword("fetch") || IsKeyword("for");
  if (has_tail && (left->limit || left->offset || !left->order_by.empty())) {
    auto wrap = std::make_shared<SelectStmt>();
    wrap->op = SelectStmt::Op::kSimple;
    auto ref = std::make_unique<TableRef>();
    ref->kind = TableRef::Kind::kSubquery;
    ref->subquery = std::move(left);
    ref->alias = "unnamed_subquery";
    wrap->from.push_back(std::move(ref));
    Target star;
    star.expr = std::make_unique<Expr>(ExprKind::kColumnRef, -1);
    star.expr->star = true;
    wrap->targets.push_back(std::move(star));
    left = std::move(wrap);
  }
  if (AcceptKeyword("order")) {
    ZJ_RETURN_IF_ERROR(ExpectKeyword("by"));
    ZJ_ASSIGN_OR_RETURN(left->order_by, ParseOrderList());
  }
  for (;;) {
    if (AcceptKeyword("limit")) {
      if (AcceptKeyword("all")) continue;
      ZJ_ASSIGN_OR_RETURN(left->limit, ParseExpr());
    } else if (AcceptKeyword("offset")) {
      ZJ_ASSIGN_OR_RETURN(left->offset, ParseExpr());
      if (!AcceptKeyword("rows")) AcceptKeyword("row");
    } else if (AcceptKeyword("fetch")) {
      if (!AcceptKeyword("first")) ZJ_RETURN_IF_ERROR(ExpectKeyword("next"));
      if (IsKeyword("row") || IsKeyword("rows")) {
        auto one = std::make_unique<Expr>(ExprKind::kInteger, Loc());
        one->text = "1";
        left->limit = std::move(one);
      } else {
        ZJ_ASSIGN_OR_RETURN(left->limit, ParseExprPrec(8));
      }
      if (!AcceptKeyword("rows")) ZJ_RETURN_IF_ERROR(ExpectKeyword("row"));
      ZJ_RETURN_IF_ERROR(ExpectKeyword("only"));
    } else if (IsKeyword("for") && (IsKeyword("update", 1) || IsKeyword("share", 1) ||
                                    IsKeyword("no", 1) || IsKeyword("key", 1))) {
      ++pos_;
      while (AcceptKeyword("update") || AcceptKeyword("share") || AcceptKeyword("no") ||
             AcceptKeyword("key")) {
      }
      if (AcceptKeyword("of")) ZJ_RETURN_IF_ERROR(ParseNameList().status());
      if (AcceptKeyword("nowait")) {
        left->lock_wait = SelectStmt::LockWait::kNoWait;
      } else if (AcceptKeyword("skip")) {
        ZJ_RETURN_IF_ERROR(ExpectKeyword("locked"));
        left->lock_wait = SelectStmt::LockWait::kSkipLocked;
      }
      left->for_update = true;
    } else {
      break;
    }
  }
  if (!with.empty()) {
    for (auto& c : with) left->with.push_back(std::move(c));
  }
  return left;
}

}  // namespace zijin::parser
