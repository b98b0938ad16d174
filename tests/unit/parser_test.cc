// Tests of the SQL lexer and parser; error wording and positions were checked against PostgreSQL 15.
#include <gtest/gtest.h>
#include <pthread.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "parser/lexer.h"
#include "parser/parse.h"
#include "parser/syntax.h"

namespace zijin::parser {
namespace {

// ---------------------------------------------------------------------------------------------
// Helpers

std::string Sexpr(const Expr& e);

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

std::string ArgsFrom(const Expr& e, size_t first) {
  std::string out;
  for (size_t i = first; i < e.args.size(); ++i) out += " " + Sexpr(*e.args[i]);
  return out;
}

std::string TypeStr(const TypeName& t) {
  std::string out = t.name;
  if (!t.mods.empty()) {
    std::vector<std::string> m;
    for (int32_t v : t.mods) m.push_back(std::to_string(v));
    out += "(" + Join(m, ",") + ")";
  }
  if (t.is_array) out += "[]";
  return out;
}

// A compact prefix form of an expression tree, so precedence tests can compare whole shapes.
std::string Sexpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kNull: return "NULL";
    case ExprKind::kBool: return e.bval ? "TRUE" : "FALSE";
    case ExprKind::kInteger:
    case ExprKind::kNumeric: return e.text;
    case ExprKind::kString: return "'" + e.text + "'";
    case ExprKind::kColumnRef: {
      std::string s = Join(e.names, ".");
      if (e.star) s += s.empty() ? "*" : ".*";
      return s;
    }
    case ExprKind::kParam: return "$" + std::to_string(e.ival);
    case ExprKind::kUnary:
    case ExprKind::kBinary: return "(" + e.text + ArgsFrom(e, 0) + ")";
    case ExprKind::kIsNull:
      return std::string(e.negated ? "(IS NOT NULL" : "(IS NULL") + ArgsFrom(e, 0) + ")";
    case ExprKind::kIsBool:
      return std::string(e.negated ? "(IS NOT " : "(IS ") + e.text + ArgsFrom(e, 0) + ")";
    case ExprKind::kIsDistinct:
      return std::string(e.negated ? "(IS NOT DISTINCT" : "(IS DISTINCT") + ArgsFrom(e, 0) + ")";
    case ExprKind::kBetween:
      return std::string(e.negated ? "(NOT BETWEEN" : "(BETWEEN") +
             (e.symmetric ? " SYMMETRIC" : "") + ArgsFrom(e, 0) + ")";
    case ExprKind::kInList: return std::string(e.negated ? "(NOT IN" : "(IN") + ArgsFrom(e, 0) + ")";
    case ExprKind::kLike:
      return std::string(e.negated ? "(NOT " : "(") + e.text + ArgsFrom(e, 0) + ")";
    case ExprKind::kFunc: {
      std::string s = Join(e.names, ".") + "(";
      if (e.distinct) s += "DISTINCT ";
      if (e.star) s += "*";
      std::vector<std::string> a;
      for (const auto& x : e.args) a.push_back(Sexpr(*x));
      s += Join(a, ", ") + ")";
      if (e.filter) s += " FILTER " + Sexpr(*e.filter);
      if (e.over) s += " OVER";
      return s;
    }
    case ExprKind::kCase:
      return std::string("(CASE") + (e.case_has_arg ? " ARG" : "") +
             (e.case_has_else ? " ELSE" : "") + ArgsFrom(e, 0) + ")";
    case ExprKind::kCast: return "(:: " + Sexpr(*e.args[0]) + " " + TypeStr(e.type) + ")";
    case ExprKind::kSubquery: {
      static const char* kNames[] = {"SCALAR", "EXISTS", "IN", "ANY", "ALL"};
      std::string s = std::string("(") + kNames[static_cast<int>(e.sublink)];
      if (e.negated) s = "(NOT " + s.substr(1);
      if (!e.sublink_op.empty()) s += " " + e.sublink_op;
      s += ArgsFrom(e, 0);
      if (e.subquery) s += " <query>";
      return s + ")";
    }
    case ExprKind::kRow: return "(ROW" + ArgsFrom(e, 0) + ")";
    case ExprKind::kArray: return "(ARRAY" + ArgsFrom(e, 0) + (e.subquery ? " <query>" : "") + ")";
    case ExprKind::kDefault: return "DEFAULT";
    case ExprKind::kCollate: return "(COLLATE" + ArgsFrom(e, 0) + " " + e.text + ")";
    case ExprKind::kSubscript: return "([]" + ArgsFrom(e, 0) + ")";
  }
  return "?";
}

// Parses text that must hold exactly one statement.
std::unique_ptr<Statement> ParseOne(const std::string& sql) {
  auto r = ParseSql(sql);
  EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
  if (!r.ok()) return nullptr;
  EXPECT_EQ(r->size(), 1u) << sql;
  if (r->size() != 1) return nullptr;
  return std::move((*r)[0].stmt);
}

template <typename T>
std::unique_ptr<T> ParseAs(const std::string& sql, StmtKind kind) {
  std::unique_ptr<Statement> s = ParseOne(sql);
  if (!s) return nullptr;
  EXPECT_EQ(s->kind, kind) << sql;
  if (s->kind != kind) return nullptr;
  return std::unique_ptr<T>(static_cast<T*>(s.release()));
}

std::shared_ptr<SelectStmt> ParseQuery(const std::string& sql) {
  auto s = ParseAs<SelectStatement>(sql, StmtKind::kSelect);
  return s ? s->query : nullptr;
}

// "SELECT <expr>" -> the S-expression of the single target, or "ERROR <sqlstate>".
std::string ExprOf(const std::string& expr) {
  auto r = ParseSql("SELECT " + expr);
  if (!r.ok()) return "ERROR " + r.status().sqlstate();
  if (r->size() != 1) return "NOT ONE STATEMENT";
  auto* sel = static_cast<SelectStatement*>((*r)[0].stmt.get());
  if (sel->kind != StmtKind::kSelect || sel->query->targets.size() != 1) return "NOT ONE TARGET";
  return Sexpr(*sel->query->targets[0].expr);
}

Status ParseError(const std::string& sql) {
  auto r = ParseSql(sql);
  if (r.ok()) return Status::OK();
  return std::move(r).status();
}

// ---------------------------------------------------------------------------------------------
// Lexer

struct LexCase {
  const char* sql;
  std::vector<std::pair<TokenKind, std::string>> tokens;  // without the final kEnd
};

using K = TokenKind;

TEST(LexerTest, Tokens) {
  const std::vector<LexCase> cases = {
      {"SELECT Foo, BAR_1 FROM t$x",
       {{K::kIdent, "select"},
        {K::kIdent, "foo"},
        {K::kOp, ","},
        {K::kIdent, "bar_1"},
        {K::kIdent, "from"},
        {K::kIdent, "t$x"}}},
      {"\"MixedCase\" \"with \"\"quote\"\"\" \"sel ect\"",
       {{K::kQuotedIdent, "MixedCase"},
        {K::kQuotedIdent, "with \"quote\""},
        {K::kQuotedIdent, "sel ect"}}},
      {"'it''s' ''", {{K::kString, "it's"}, {K::kString, ""}}},
      {"'a'\n'b' 'c'", {{K::kString, "ab"}, {K::kString, "c"}}},
      {"E'a\\nb\\t\\\\\\'' e'\\x41\\101\\u00e9\\q'",
       {{K::kString, "a\nb\t\\'"}, {K::kString, "AA\xc3\xa9q"}}},
      {"'no\\escape'", {{K::kString, "no\\escape"}}},
      {"N'nat'", {{K::kString, "nat"}}},
      {"$$it's $x$$ $tag$a$$b$tag$ $a1$$a1$",
       {{K::kString, "it's $x"}, {K::kString, "a$$b"}, {K::kString, ""}}},
      {"42 3.14 .5 1. 1e10 2.5E-3 1e+2 007",
       {{K::kInteger, "42"},
        {K::kNumeric, "3.14"},
        {K::kNumeric, ".5"},
        {K::kNumeric, "1."},
        {K::kNumeric, "1e10"},
        {K::kNumeric, "2.5E-3"},
        {K::kNumeric, "1e+2"},
        {K::kInteger, "007"}}},
      {"$1 $23", {{K::kParam, "1"}, {K::kParam, "23"}}},
      {"f(a := 1, b => 2)",
       {{K::kIdent, "f"},
        {K::kOp, "("},
        {K::kIdent, "a"},
        {K::kOp, ":="},
        {K::kInteger, "1"},
        {K::kOp, ","},
        {K::kIdent, "b"},
        {K::kOp, "=>"},
        {K::kInteger, "2"},
        {K::kOp, ")"}}},
      {"a::int[] b[1] c.d",
       {{K::kIdent, "a"},
        {K::kOp, "::"},
        {K::kIdent, "int"},
        {K::kOp, "["},
        {K::kOp, "]"},
        {K::kIdent, "b"},
        {K::kOp, "["},
        {K::kInteger, "1"},
        {K::kOp, "]"},
        {K::kIdent, "c"},
        {K::kOp, "."},
        {K::kIdent, "d"}}},
      {"a<>b a!=b a>=b a<=b a||b a~~b",
       {{K::kIdent, "a"}, {K::kOp, "<>"}, {K::kIdent, "b"}, {K::kIdent, "a"}, {K::kOp, "!="},
        {K::kIdent, "b"}, {K::kIdent, "a"}, {K::kOp, ">="}, {K::kIdent, "b"}, {K::kIdent, "a"},
        {K::kOp, "<="}, {K::kIdent, "b"}, {K::kIdent, "a"}, {K::kOp, "||"}, {K::kIdent, "b"},
        {K::kIdent, "a"}, {K::kOp, "~~"}, {K::kIdent, "b"}}},
      // A multi-character operator cannot end in + or - unless it holds one of ~!@#%^&|`?.
      {"a<-1 a*-1 a@-1",
       {{K::kIdent, "a"}, {K::kOp, "<"}, {K::kOp, "-"}, {K::kInteger, "1"}, {K::kIdent, "a"},
        {K::kOp, "*"}, {K::kOp, "-"}, {K::kInteger, "1"}, {K::kIdent, "a"}, {K::kOp, "@-"},
        {K::kInteger, "1"}}},
      {"(a,b);[:]",
       {{K::kOp, "("},
        {K::kIdent, "a"},
        {K::kOp, ","},
        {K::kIdent, "b"},
        {K::kOp, ")"},
        {K::kOp, ";"},
        {K::kOp, "["},
        {K::kOp, ":"},
        {K::kOp, "]"}}},
      {"a -- comment ; 'x'\nb", {{K::kIdent, "a"}, {K::kIdent, "b"}}},
      {"a /* c1 /* nested */ still comment */ b", {{K::kIdent, "a"}, {K::kIdent, "b"}}},
      {"a+-- comment\nb", {{K::kIdent, "a"}, {K::kOp, "+"}, {K::kIdent, "b"}}},
      {"a*/* comment */b", {{K::kIdent, "a"}, {K::kOp, "*"}, {K::kIdent, "b"}}},
      {"caf\xc3\xa9 \xe2\x88\x91", {{K::kIdent, "caf\xc3\xa9"}, {K::kIdent, "\xe2\x88\x91"}}},
      {"", {}},
      {"  -- only a comment", {}},
  };
  for (const LexCase& c : cases) {
    auto r = Lex(c.sql);
    ASSERT_TRUE(r.ok()) << c.sql << ": " << r.status().ToString();
    ASSERT_EQ(r->size(), c.tokens.size() + 1) << c.sql;
    for (size_t i = 0; i < c.tokens.size(); ++i) {
      EXPECT_EQ((*r)[i].kind, c.tokens[i].first) << c.sql << " token " << i;
      EXPECT_EQ((*r)[i].text, c.tokens[i].second) << c.sql << " token " << i;
    }
    EXPECT_EQ(r->back().kind, TokenKind::kEnd);
  }
}

TEST(LexerTest, OffsetsAreBytes) {
  std::string sql = "select 'x', \"Q\", $$d$$ from t";
  auto r = Lex(sql);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 9u);
  for (const Token& t : *r) {
    if (t.kind == TokenKind::kEnd) {
      EXPECT_EQ(t.begin, static_cast<int>(sql.size()));
      continue;
    }
    EXPECT_LT(t.begin, t.end);
  }
  EXPECT_EQ(sql.substr(7, 3), "'x'");
  EXPECT_EQ((*r)[1].begin, 7);
  EXPECT_EQ((*r)[1].end, 10);
  EXPECT_EQ((*r)[3].begin, 12);
  EXPECT_EQ((*r)[3].end, 15);
  EXPECT_EQ((*r)[5].begin, 17);
  EXPECT_EQ((*r)[5].end, 22);
}

struct ErrorCase {
  const char* sql;
  const char* sqlstate;
  const char* message;
  int position;  // 1-based character position, 0 = not checked
};

TEST(LexerTest, Errors) {
  const std::vector<ErrorCase> cases = {
      {"select 'abc", "42601", "unterminated quoted string at or near \"'abc\"", 8},
      {"select e'abc\\'", "42601", "unterminated quoted string at or near \"e'abc\\'\"", 8},
      {"select \"abc", "42601", "unterminated quoted identifier at or near \"\"abc\"", 8},
      {"select 1 /* x", "42601", "unterminated /* comment at or near \"/* x\"", 10},
      {"select /* a /* b */ c", "42601", "unterminated /* comment at or near \"/* a /* b */ c\"",
       8},
      {"select $$abc", "42601", "unterminated dollar-quoted string at or near \"$$abc\"", 8},
      {"select 123abc", "42601", "trailing junk after numeric literal at or near \"123abc\"", 8},
      {"select 1.x", "42601", "trailing junk after numeric literal at or near \"1.x\"", 8},
      {"select 1e", "42601", "trailing junk after numeric literal at or near \"1e\"", 8},
      {"select 0x1F", "42601", "trailing junk after numeric literal at or near \"0x1F\"", 8},
      {"select \"\"", "42601", "zero-length delimited identifier at or near \"\"\"\"", 8},
      {"select \xc3\xa9, 'unterminated", "42601",
       "unterminated quoted string at or near \"'unterminated\"", 11},
  };
  for (const ErrorCase& c : cases) {
    auto r = Lex(c.sql);
    ASSERT_FALSE(r.ok()) << c.sql;
    EXPECT_EQ(r.status().sqlstate(), c.sqlstate) << c.sql;
    EXPECT_EQ(r.status().message(), c.message) << c.sql;
    EXPECT_EQ(r.status().info().position, c.position) << c.sql;
  }
}

// ---------------------------------------------------------------------------------------------
// Expressions and precedence

struct ExprCase {
  const char* expr;
  const char* expected;
};

TEST(ParserExprTest, Precedence) {
  const std::vector<ExprCase> cases = {
      {"a + b * c", "(+ a (* b c))"},
      {"a * b + c", "(+ (* a b) c)"},
      {"a - b - c", "(- (- a b) c)"},
      {"a / b % c", "(% (/ a b) c)"},
      {"(a + b) * c", "(* (+ a b) c)"},
      {"a ^ b ^ c", "(^ (^ a b) c)"},
      {"a * b ^ c", "(* a (^ b c))"},
      {"NOT a = b", "(NOT (= a b))"},
      {"NOT a AND b", "(AND (NOT a) b)"},
      {"NOT NOT a", "(NOT (NOT a))"},
      {"a OR b AND c", "(OR a (AND b c))"},
      {"a AND b OR c", "(OR (AND a b) c)"},
      {"a OR b OR c", "(OR (OR a b) c)"},
      {"a = b AND c <> d", "(AND (= a b) (<> c d))"},
      {"a != b", "(<> a b)"},
      {"-a", "(- a)"},
      {"+a", "(+ a)"},
      {"-1", "-1"},
      {"-1.5", "-1.5"},
      {"- - 1", "(- -1)"},
      {"-a * b", "(* (- a) b)"},
      {"-a ^ 2", "(^ (- a) 2)"},
      {"-2 ^ 2", "(^ -2 2)"},
      {"a - -b", "(- a (- b))"},
      {"-a::int", "(- (:: a int))"},
      {"-a[1]", "(- ([] a 1))"},
      {"a::int + b", "(+ (:: a int) b)"},
      {"a + b::int", "(+ a (:: b int))"},
      {"a::text::int", "(:: (:: a text) int)"},
      {"'1'::numeric(10,2)", "(:: '1' numeric(10,2))"},
      {"a::int[]", "(:: a int[])"},
      {"a::double precision", "(:: a double precision)"},
      {"a::character varying(5)", "(:: a character varying(5))"},
      {"a::timestamp with time zone", "(:: a timestamp with time zone)"},
      {"a::pg_catalog.int4", "(:: a int4)"},
      {"CAST(a AS bigint)", "(:: a bigint)"},
      {"DATE '2020-01-01'", "(:: '2020-01-01' date)"},
      {"INTERVAL '1 day'", "(:: '1 day' interval)"},
      {"a IS NULL", "(IS NULL a)"},
      {"a IS NOT NULL", "(IS NOT NULL a)"},
      {"a ISNULL", "(IS NULL a)"},
      {"a NOTNULL", "(IS NOT NULL a)"},
      {"a = b IS NULL", "(IS NULL (= a b))"},
      {"NOT a IS NULL", "(NOT (IS NULL a))"},
      {"a + 1 IS NOT NULL", "(IS NOT NULL (+ a 1))"},
      {"a IS TRUE", "(IS true a)"},
      {"a IS NOT UNKNOWN", "(IS NOT unknown a)"},
      {"a IS DISTINCT FROM b", "(IS DISTINCT a b)"},
      {"a IS NOT DISTINCT FROM b + 1", "(IS NOT DISTINCT a (+ b 1))"},
      {"a BETWEEN 1 AND 2", "(BETWEEN a 1 2)"},
      {"a NOT BETWEEN 1 AND 2 AND c", "(AND (NOT BETWEEN a 1 2) c)"},
      {"a BETWEEN SYMMETRIC b + 1 AND c", "(BETWEEN SYMMETRIC a (+ b 1) c)"},
      {"a BETWEEN 1 AND 2 OR b", "(OR (BETWEEN a 1 2) b)"},
      {"a IN (1, 2, 3)", "(IN a 1 2 3)"},
      {"a NOT IN (1)", "(NOT IN a 1)"},
      {"a + 1 IN (b)", "(IN (+ a 1) b)"},
      {"a IN (SELECT 1)", "(IN = a <query>)"},
      {"a NOT IN (SELECT 1)", "(NOT IN = a <query>)"},
      {"a LIKE 'x%'", "(like a 'x%')"},
      {"a NOT ILIKE 'x%'", "(NOT ilike a 'x%')"},
      {"a LIKE b || c", "(like a (|| b c))"},
      {"a LIKE 'x!%' ESCAPE '!'", "(like a 'x!%' '!')"},
      {"a = b LIKE c", "(= a (like b c))"},
      {"a || b || c", "(|| (|| a b) c)"},
      {"a || b + c", "(|| a (+ b c))"},
      {"a < b || c", "(< a (|| b c))"},
      {"a ~ 'x' AND b", "(AND (~ a 'x') b)"},
      {"a = ANY (b)", "(ANY = a b)"},
      {"a < ALL (SELECT 1)", "(ALL < a <query>)"},
      {"a != SOME (b)", "(ANY <> a b)"},
      {"a OPERATOR(pg_catalog.+) b", "(+ a b)"},
      {"a AT TIME ZONE 'UTC'", "timezone('UTC', a)"},
      {"a COLLATE \"C\"", "(COLLATE a C)"},
      {"a[1][2]", "([] ([] a 1) 2)"},
      {"t.a", "t.a"},
      {"s.t.a", "s.t.a"},
      {"t.*", "t.*"},
      {"\"T\".\"A\"", "T.A"},
      {"$1 + $2", "(+ $1 $2)"},
      {"NULL", "NULL"},
      {"TRUE AND FALSE", "(AND TRUE FALSE)"},
      {"'it''s'", "'it's'"},
      {"12345678901234567890", "12345678901234567890"},
      {"(1, 'a')", "(ROW 1 'a')"},
      {"ROW(1, 2)", "(ROW 1 2)"},
      {"ROW()", "(ROW)"},
      {"ARRAY[1, 2]", "(ARRAY 1 2)"},
      {"ARRAY[]", "(ARRAY)"},
      {"ARRAY(SELECT 1)", "(ARRAY <query>)"},
      {"(SELECT 1)", "(SCALAR <query>)"},
      {"EXISTS (SELECT 1)", "(EXISTS <query>)"},
      {"NOT EXISTS (SELECT 1)", "(NOT (EXISTS <query>))"},
      {"CASE WHEN a THEN 1 ELSE 2 END", "(CASE ELSE a 1 2)"},
      {"CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END", "(CASE ARG a 1 'x' 2 'y')"},
      {"f()", "f()"},
      {"count(*)", "count(*)"},
      {"count(DISTINCT a)", "count(DISTINCT a)"},
      {"s.f(a, b + 1)", "s.f(a, (+ b 1))"},
      {"sum(a) FILTER (WHERE a > 0)", "sum(a) FILTER (> a 0)"},
      {"row_number() OVER (PARTITION BY a ORDER BY b DESC)", "row_number() OVER"},
      {"current_date", "current_date()"},
      {"current_timestamp(3)", "current_timestamp()"},
      {"user", "current_user()"},
      {"EXTRACT(year FROM a)", "extract('year', a)"},
      {"SUBSTRING(a FROM 2 FOR 3)", "substring(a, 2, 3)"},
      {"substring(a, 2)", "substring(a, 2)"},
      {"POSITION('b' IN a)", "strpos(a, 'b')"},
      {"TRIM(LEADING 'x' FROM a)", "ltrim(a, 'x')"},
      {"TRIM(a)", "btrim(a)"},
      // Comparisons and LIKE / BETWEEN do not associate, as in PostgreSQL.
      {"1 < 2 < 3", "ERROR 42601"},
      {"a = b = c", "ERROR 42601"},
      {"a < b = c", "ERROR 42601"},
      {"a LIKE b LIKE c", "ERROR 42601"},
      {"a LIKE b ILIKE c", "ERROR 42601"},
      {"a BETWEEN 1 AND 2 BETWEEN false AND true", "ERROR 42601"},
      {"a LIKE 'x' NOT BETWEEN 1 AND 2", "ERROR 42601"},
      {"a IN (1) IN (true)", "(IN (IN a 1) TRUE)"},
      {"a IN (1) LIKE 'x'", "(like (IN a 1) 'x')"},
      {"1 = 1 IS NULL", "(IS NULL (= 1 1))"},
      {"a IS NULL = true", "(= (IS NULL a) TRUE)"},
      {"'a' LIKE 'b' = true", "(= (like 'a' 'b') TRUE)"},
      {"a = (b = c)", "(= a (= b c))"},
      {"a = b AND c = d", "(AND (= a b) (= c d))"},
      {"a = ANY (b) = c", "(= (ANY = a b) c)"},
      // Prefix operators bind as PostgreSQL's "Op a_expr %prec Op"; & | # << >> are "Op".
      {"@ -5", "(@ -5)"},
      {"@ a + b", "(@ (+ a b))"},
      {"@ a & b", "(& (@ a) b)"},
      {"~ a", "(~ a)"},
      {"|/ 25", "(|/ 25)"},
      {"- @ a", "(- (@ a))"},
      {"a & b | c", "(| (& a b) c)"},
      {"1 << 2 + 1", "(<< 1 (+ 2 1))"},
      {"a | b = c", "(= (| a b) c)"},
      {"a # b * c", "(# a (* b c))"},
      // Keywords that PostgreSQL allows as function names.
      {"left('abc', 2)", "left('abc', 2)"},
      {"right(a, 1) || left(b, 2)", "(|| right(a, 1) left(b, 2))"},
      {"f(a => 1, b := 2)", "f(1, 2)"},
      {"ARRAY[[1, 2], [3]]", "(ARRAY (ARRAY 1 2) (ARRAY 3))"},
      {"a[1] || ARRAY[b]", "(|| ([] a 1) (ARRAY b))"},
  };
  for (const ExprCase& c : cases) {
    EXPECT_EQ(ExprOf(c.expr), c.expected) << c.expr;
  }
}

TEST(ParserExprTest, NamedArguments) {
  auto q = ParseQuery("SELECT f(1, b => 2, \"C\" := 3), g(1, 2)");
  ASSERT_TRUE(q);
  const Expr& f = *q->targets[0].expr;
  EXPECT_EQ(f.arg_names, (std::vector<std::string>{"", "b", "C"}));
  EXPECT_TRUE(q->targets[1].expr->arg_names.empty());
  Status s = ParseError("SELECT f(a => 1, 2)");
  EXPECT_EQ(s.sqlstate(), "42601");
  EXPECT_EQ(s.message(), "positional argument cannot follow named argument");
  EXPECT_EQ(s.info().position, 18);
  s = ParseError("SELECT f(a => 1, a => 2)");
  EXPECT_EQ(s.message(), "argument name \"a\" used more than once");
  EXPECT_EQ(s.info().position, 18);
  EXPECT_EQ(ParseError("SELECT a => 1").sqlstate(), "42601");
  EXPECT_EQ(ParseError("SELECT left JOIN t").sqlstate(), "42601");
}

TEST(ParserExprTest, LocationsAreByteOffsets) {
  auto q = ParseQuery("SELECT a + b FROM t");
  ASSERT_TRUE(q);
  const Expr& plus = *q->targets[0].expr;
  EXPECT_EQ(plus.location, 9);
  EXPECT_EQ(plus.args[0]->location, 7);
  EXPECT_EQ(plus.args[1]->location, 11);
  EXPECT_EQ(q->targets[0].location, 7);
  EXPECT_EQ(q->from[0]->location, 18);
}

TEST(ParserExprTest, Errors) {
  const std::vector<ErrorCase> cases = {
      {"select 1 +", "42601", "syntax error at end of input", 11},
      {"select (1", "42601", "syntax error at end of input", 10},
      {"select (1  ", "42601", "syntax error at end of input", 12},
      {"select (1))", "42601", "syntax error at or near \")\"", 11},
      {"select case when 1 then 2", "42601", "syntax error at end of input", 26},
      {"select 1 not between 1 and", "42601", "syntax error at end of input", 27},
      {"select \xc3\xa9 + from t", "42601", "syntax error at or near \"from\"", 12},
      {"select 1 ~~~ ", "42601", "syntax error at end of input", 14},
      {"select a in ()", "42601", "syntax error at or near \")\"", 14},
      {"select cast(a as)", "42601", "syntax error at or near \")\"", 17},
      {"select $0", "42P02", "there is no parameter $0", 8},
      {"select \xc3\xa9, $0", "42P02", "there is no parameter $0", 11},
  };
  for (const ErrorCase& c : cases) {
    Status s = ParseError(c.sql);
    ASSERT_FALSE(s.ok()) << c.sql;
    EXPECT_EQ(s.sqlstate(), c.sqlstate) << c.sql;
    EXPECT_EQ(s.message(), c.message) << c.sql;
    if (c.position != 0) {
      EXPECT_EQ(s.info().position, c.position) << c.sql;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

TEST(ParserSelectTest, SimpleSelect) {
  auto q = ParseQuery(
      "SELECT DISTINCT a, b AS x, c y, t.* FROM s.t AS u (p, q) WHERE a > 1 GROUP BY a, b "
      "HAVING count(*) > 2 ORDER BY a DESC NULLS LAST, 2 LIMIT 10 OFFSET 5");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->op, SelectStmt::Op::kSimple);
  EXPECT_TRUE(q->distinct);
  ASSERT_EQ(q->targets.size(), 4u);
  EXPECT_EQ(q->targets[0].alias, "");
  EXPECT_EQ(q->targets[1].alias, "x");
  EXPECT_EQ(q->targets[2].alias, "y");
  EXPECT_EQ(Sexpr(*q->targets[3].expr), "t.*");
  ASSERT_EQ(q->from.size(), 1u);
  const TableRef& from = *q->from[0];
  EXPECT_EQ(from.kind, TableRef::Kind::kTable);
  EXPECT_EQ(from.name, (std::vector<std::string>{"s", "t"}));
  EXPECT_EQ(from.alias, "u");
  EXPECT_EQ(from.column_aliases, (std::vector<std::string>{"p", "q"}));
  EXPECT_EQ(Sexpr(*q->where), "(> a 1)");
  EXPECT_EQ(q->group_by.size(), 2u);
  EXPECT_EQ(Sexpr(*q->having), "(> count(*) 2)");
  ASSERT_EQ(q->order_by.size(), 2u);
  EXPECT_TRUE(q->order_by[0].descending);
  EXPECT_EQ(q->order_by[0].nulls, 2);
  EXPECT_FALSE(q->order_by[1].descending);
  EXPECT_EQ(q->order_by[1].nulls, 0);
  EXPECT_EQ(Sexpr(*q->limit), "10");
  EXPECT_EQ(Sexpr(*q->offset), "5");
}

TEST(ParserSelectTest, Variants) {
  {
    auto q = ParseQuery("SELECT DISTINCT ON (a, b) a FROM t");
    ASSERT_TRUE(q);
    EXPECT_TRUE(q->distinct);
    EXPECT_EQ(q->distinct_on.size(), 2u);
  }
  {
    auto q = ParseQuery("SELECT");
    ASSERT_TRUE(q);
    EXPECT_TRUE(q->targets.empty());
  }
  {
    auto q = ParseQuery("SELECT * FROM t");
    ASSERT_TRUE(q);
    ASSERT_EQ(q->targets.size(), 1u);
    EXPECT_EQ(Sexpr(*q->targets[0].expr), "*");
  }
  {
    auto q = ParseQuery("TABLE s.t");
    ASSERT_TRUE(q);
    ASSERT_EQ(q->from.size(), 1u);
    EXPECT_EQ(q->from[0]->name, (std::vector<std::string>{"s", "t"}));
    EXPECT_EQ(Sexpr(*q->targets[0].expr), "*");
  }
  {
    auto q = ParseQuery("VALUES (1, 'a'), (2, DEFAULT)");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->op, SelectStmt::Op::kValues);
    ASSERT_EQ(q->values.size(), 2u);
    EXPECT_EQ(Sexpr(*q->values[1][1]), "DEFAULT");
  }
  {
    auto q = ParseQuery("SELECT a FROM t LIMIT ALL OFFSET 2 ROWS");
    ASSERT_TRUE(q);
    EXPECT_FALSE(q->limit);
    EXPECT_EQ(Sexpr(*q->offset), "2");
  }
  {
    auto q = ParseQuery("SELECT a FROM t OFFSET 1 FETCH FIRST 3 ROWS ONLY");
    ASSERT_TRUE(q);
    EXPECT_EQ(Sexpr(*q->limit), "3");
    EXPECT_EQ(Sexpr(*q->offset), "1");
  }
  {
    auto q = ParseQuery("SELECT a FROM t FETCH NEXT ROW ONLY");
    ASSERT_TRUE(q);
    EXPECT_EQ(Sexpr(*q->limit), "1");
  }
  {
    auto q = ParseQuery("SELECT a FROM t FOR UPDATE SKIP LOCKED");
    ASSERT_TRUE(q);
    EXPECT_TRUE(q->for_update);
  }
  {
    auto q = ParseQuery("SELECT a \"Alias\", b AS \"select\", c AS from FROM t");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->targets[0].alias, "Alias");
    EXPECT_EQ(q->targets[1].alias, "select");
    EXPECT_EQ(q->targets[2].alias, "from");
  }
}

TEST(ParserSelectTest, Joins) {
  auto q = ParseQuery(
      "SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y, z) "
      "CROSS JOIN d NATURAL FULL JOIN e, f RIGHT JOIN g ON true");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->from.size(), 2u);
  // ((((a JOIN b) LEFT JOIN c) CROSS JOIN d) NATURAL FULL JOIN e)
  const TableRef& j4 = *q->from[0];
  ASSERT_EQ(j4.kind, TableRef::Kind::kJoin);
  EXPECT_EQ(j4.join_type, JoinType::kFull);
  EXPECT_TRUE(j4.natural);
  EXPECT_FALSE(j4.on);
  EXPECT_EQ(j4.right->name[0], "e");
  const TableRef& j3 = *j4.left;
  EXPECT_EQ(j3.join_type, JoinType::kCross);
  EXPECT_EQ(j3.right->name[0], "d");
  const TableRef& j2 = *j3.left;
  EXPECT_EQ(j2.join_type, JoinType::kLeft);
  EXPECT_EQ(j2.using_columns, (std::vector<std::string>{"y", "z"}));
  const TableRef& j1 = *j2.left;
  EXPECT_EQ(j1.join_type, JoinType::kInner);
  EXPECT_EQ(Sexpr(*j1.on), "(= a.x b.x)");
  EXPECT_EQ(j1.left->name[0], "a");
  EXPECT_EQ(j1.right->name[0], "b");
  const TableRef& j5 = *q->from[1];
  EXPECT_EQ(j5.join_type, JoinType::kRight);
  EXPECT_EQ(j5.left->name[0], "f");
}

TEST(ParserSelectTest, ParenthesizedJoinAndFromItems) {
  {
    auto q = ParseQuery("SELECT * FROM a JOIN (b JOIN c ON true) ON true");
    ASSERT_TRUE(q);
    const TableRef& j = *q->from[0];
    ASSERT_EQ(j.kind, TableRef::Kind::kJoin);
    EXPECT_EQ(j.right->kind, TableRef::Kind::kJoin);
  }
  {
    auto q = ParseQuery(
        "SELECT * FROM (SELECT 1) AS s (x), LATERAL (SELECT x) l, generate_series(1, 3) g(n)");
    ASSERT_TRUE(q);
    ASSERT_EQ(q->from.size(), 3u);
    EXPECT_EQ(q->from[0]->kind, TableRef::Kind::kSubquery);
    EXPECT_EQ(q->from[0]->alias, "s");
    EXPECT_EQ(q->from[0]->column_aliases, (std::vector<std::string>{"x"}));
    EXPECT_TRUE(q->from[1]->lateral);
    EXPECT_EQ(q->from[1]->alias, "l");
    EXPECT_EQ(q->from[2]->kind, TableRef::Kind::kFunction);
    EXPECT_EQ(Sexpr(*q->from[2]->function), "generate_series(1, 3)");
    EXPECT_EQ(q->from[2]->column_aliases, (std::vector<std::string>{"n"}));
  }
  {
    Status s = ParseError("select * from (select 1)");
    EXPECT_EQ(s.sqlstate(), "42601");
    EXPECT_EQ(s.message(), "subquery in FROM must have an alias");
    EXPECT_EQ(s.info().position, 15);
  }
}

TEST(ParserSelectTest, SetOperations) {
  {
    // INTERSECT binds tighter than UNION; UNION and EXCEPT associate left.
    auto q = ParseQuery("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->op, SelectStmt::Op::kExcept);
    EXPECT_TRUE(q->set_all);
    EXPECT_EQ(q->right->op, SelectStmt::Op::kSimple);
    const SelectStmt& u = *q->left;
    EXPECT_EQ(u.op, SelectStmt::Op::kUnion);
    EXPECT_FALSE(u.set_all);
    EXPECT_EQ(u.left->op, SelectStmt::Op::kSimple);
    EXPECT_EQ(u.right->op, SelectStmt::Op::kIntersect);
  }
  {
    // ORDER BY and LIMIT after a set operation apply to the whole of it.
    auto q = ParseQuery("SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 3");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->op, SelectStmt::Op::kUnion);
    EXPECT_TRUE(q->set_all);
    EXPECT_EQ(q->order_by.size(), 1u);
    EXPECT_TRUE(q->limit);
    EXPECT_FALSE(q->right->limit);
  }
  {
    auto q = ParseQuery("(SELECT 1 ORDER BY 1) UNION (SELECT 2 LIMIT 1)");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->op, SelectStmt::Op::kUnion);
    EXPECT_EQ(q->left->order_by.size(), 1u);
    EXPECT_TRUE(q->right->limit);
  }
  {
    // A second LIMIT on a parenthesized query wraps it.
    auto q = ParseQuery("(SELECT 1 LIMIT 5) LIMIT 2");
    ASSERT_TRUE(q);
    ASSERT_EQ(q->from.size(), 1u);
    EXPECT_EQ(q->from[0]->kind, TableRef::Kind::kSubquery);
    EXPECT_EQ(Sexpr(*q->limit), "2");
    EXPECT_EQ(Sexpr(*q->from[0]->subquery->limit), "5");
  }
}

TEST(ParserSelectTest, CommonTableExpressions) {
  auto q = ParseQuery(
      "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5), "
      "m AS MATERIALIZED (SELECT 2), x AS NOT MATERIALIZED (VALUES (3)) "
      "SELECT * FROM r ORDER BY n");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->with.size(), 3u);
  EXPECT_EQ(q->with[0].name, "r");
  EXPECT_EQ(q->with[0].columns, (std::vector<std::string>{"n"}));
  EXPECT_EQ(q->with[0].query->op, SelectStmt::Op::kUnion);
  EXPECT_EQ(q->with[1].name, "m");
  EXPECT_EQ(q->with[2].query->op, SelectStmt::Op::kValues);
  EXPECT_EQ(q->order_by.size(), 1u);
}

TEST(ParserSelectTest, Subqueries) {
  auto q = ParseQuery(
      "SELECT (SELECT max(b) FROM u WHERE u.a = t.a) FROM t WHERE EXISTS (SELECT 1 FROM v) "
      "AND a IN (SELECT a FROM w) AND b > ALL (SELECT 1)");
  ASSERT_TRUE(q);
  EXPECT_EQ(Sexpr(*q->targets[0].expr), "(SCALAR <query>)");
  ASSERT_TRUE(q->targets[0].expr->subquery);
  EXPECT_EQ(Sexpr(*q->targets[0].expr->subquery->where), "(= u.a t.a)");
  EXPECT_EQ(Sexpr(*q->where), "(AND (AND (EXISTS <query>) (IN = a <query>)) (ALL > b <query>))");
}

// ---------------------------------------------------------------------------------------------
// DML

TEST(ParserDmlTest, Insert) {
  {
    auto s = ParseAs<InsertStatement>(
        "INSERT INTO s.t AS x (a, b) VALUES (1, DEFAULT), ($1, 'z') "
        "ON CONFLICT (a) DO UPDATE SET b = excluded.b, (c, d) = (1, 2) WHERE x.a > 0 "
        "RETURNING a, b AS bee",
        StmtKind::kInsert);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->table, (std::vector<std::string>{"s", "t"}));
    EXPECT_EQ(s->alias, "x");
    EXPECT_EQ(s->columns, (std::vector<std::string>{"a", "b"}));
    ASSERT_TRUE(s->query);
    EXPECT_EQ(s->query->op, SelectStmt::Op::kValues);
    EXPECT_EQ(s->query->values.size(), 2u);
    ASSERT_TRUE(s->on_conflict);
    EXPECT_EQ(s->on_conflict->columns, (std::vector<std::string>{"a"}));
    EXPECT_TRUE(s->on_conflict->do_update);
    ASSERT_EQ(s->on_conflict->set.size(), 3u);
    EXPECT_EQ(s->on_conflict->set[0].first, "b");
    EXPECT_EQ(Sexpr(*s->on_conflict->set[0].second), "excluded.b");
    EXPECT_EQ(s->on_conflict->set[2].first, "d");
    EXPECT_EQ(Sexpr(*s->on_conflict->where), "(> x.a 0)");
    ASSERT_EQ(s->returning.size(), 2u);
    EXPECT_EQ(s->returning[1].alias, "bee");
  }
  {
    auto s = ParseAs<InsertStatement>("INSERT INTO t DEFAULT VALUES", StmtKind::kInsert);
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->query);
    EXPECT_FALSE(s->on_conflict);
  }
  {
    auto s = ParseAs<InsertStatement>(
        "INSERT INTO t (SELECT * FROM u) ON CONFLICT DO NOTHING RETURNING *", StmtKind::kInsert);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->columns.empty());
    ASSERT_TRUE(s->query);
    EXPECT_EQ(s->query->from.size(), 1u);
    ASSERT_TRUE(s->on_conflict);
    EXPECT_FALSE(s->on_conflict->do_update);
    EXPECT_TRUE(s->on_conflict->columns.empty());
    EXPECT_EQ(s->returning.size(), 1u);
  }
  {
    auto s = ParseAs<InsertStatement>(
        "INSERT INTO t SELECT 1 ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING", StmtKind::kInsert);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->on_conflict->constraint, "t_pkey");
  }
}

TEST(ParserDmlTest, Update) {
  auto s = ParseAs<UpdateStatement>(
      "UPDATE ONLY t AS x SET a = a + 1, x.b = DEFAULT, (c, d) = (1, 2) FROM u JOIN v ON true "
      "WHERE x.id = u.id RETURNING *",
      StmtKind::kUpdate);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->table, (std::vector<std::string>{"t"}));
  EXPECT_EQ(s->alias, "x");
  ASSERT_EQ(s->set.size(), 4u);
  EXPECT_EQ(s->set[0].first, "a");
  EXPECT_EQ(Sexpr(*s->set[0].second), "(+ a 1)");
  EXPECT_EQ(s->set[1].first, "b");
  EXPECT_EQ(Sexpr(*s->set[1].second), "DEFAULT");
  EXPECT_EQ(s->set[2].first, "c");
  EXPECT_EQ(s->set[3].first, "d");
  EXPECT_EQ(s->set_locations.size(), 4u);
  ASSERT_EQ(s->from.size(), 1u);
  EXPECT_EQ(s->from[0]->kind, TableRef::Kind::kJoin);
  EXPECT_EQ(Sexpr(*s->where), "(= x.id u.id)");
  EXPECT_EQ(s->returning.size(), 1u);

  auto bare = ParseAs<UpdateStatement>("UPDATE t u SET a = 1", StmtKind::kUpdate);
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->alias, "u");
  EXPECT_FALSE(bare->where);
}

TEST(ParserDmlTest, Delete) {
  auto s = ParseAs<DeleteStatement>(
      "DELETE FROM s.t x USING u, v WHERE x.a = u.a RETURNING x.a", StmtKind::kDelete);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->table, (std::vector<std::string>{"s", "t"}));
  EXPECT_EQ(s->alias, "x");
  EXPECT_EQ(s->using_.size(), 2u);
  EXPECT_EQ(Sexpr(*s->where), "(= x.a u.a)");
  EXPECT_EQ(s->returning.size(), 1u);

  auto all = ParseAs<DeleteStatement>("DELETE FROM t", StmtKind::kDelete);
  ASSERT_TRUE(all);
  EXPECT_FALSE(all->where);
  EXPECT_TRUE(all->alias.empty());
}

// ---------------------------------------------------------------------------------------------
// DDL

TEST(ParserDdlTest, CreateTable) {
  auto s = ParseAs<CreateTableStatement>(
      "CREATE TABLE IF NOT EXISTS s.t ("
      "  id bigint PRIMARY KEY,"
      "  name varchar(20) NOT NULL DEFAULT 'x' || 'y',"
      "  price numeric(10, 2) CONSTRAINT positive CHECK (price > 0),"
      "  ref int REFERENCES u (id) ON DELETE CASCADE ON UPDATE SET NULL,"
      "  tags text[] NULL UNIQUE,"
      "  CONSTRAINT pk2 UNIQUE (name, price),"
      "  CHECK (id <> ref),"
      "  FOREIGN KEY (ref, id) REFERENCES s.u (a, b)"
      ") WITH (fillfactor = 70)",
      StmtKind::kCreateTable);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->if_not_exists);
  EXPECT_FALSE(s->temporary);
  EXPECT_EQ(s->name, (std::vector<std::string>{"s", "t"}));
  ASSERT_EQ(s->columns.size(), 5u);
  using CK = ConstraintDef::Kind;

  EXPECT_EQ(s->columns[0].name, "id");
  EXPECT_EQ(s->columns[0].type.name, "bigint");
  ASSERT_EQ(s->columns[0].constraints.size(), 1u);
  EXPECT_EQ(s->columns[0].constraints[0].kind, CK::kPrimaryKey);

  EXPECT_EQ(TypeStr(s->columns[1].type), "varchar(20)");
  ASSERT_EQ(s->columns[1].constraints.size(), 2u);
  EXPECT_EQ(s->columns[1].constraints[0].kind, CK::kNotNull);
  EXPECT_EQ(s->columns[1].constraints[1].kind, CK::kDefault);
  EXPECT_EQ(s->columns[1].constraints[1].expr_text, "'x' || 'y'");
  EXPECT_EQ(Sexpr(*s->columns[1].constraints[1].expr), "(|| 'x' 'y')");

  EXPECT_EQ(TypeStr(s->columns[2].type), "numeric(10,2)");
  ASSERT_EQ(s->columns[2].constraints.size(), 1u);
  EXPECT_EQ(s->columns[2].constraints[0].kind, CK::kCheck);
  EXPECT_EQ(s->columns[2].constraints[0].name, "positive");
  EXPECT_EQ(s->columns[2].constraints[0].expr_text, "price > 0");

  ASSERT_EQ(s->columns[3].constraints.size(), 1u);
  EXPECT_EQ(s->columns[3].constraints[0].kind, CK::kForeignKey);
  EXPECT_EQ(s->columns[3].constraints[0].ref_table, (std::vector<std::string>{"u"}));
  EXPECT_EQ(s->columns[3].constraints[0].ref_columns, (std::vector<std::string>{"id"}));

  EXPECT_EQ(TypeStr(s->columns[4].type), "text[]");
  ASSERT_EQ(s->columns[4].constraints.size(), 2u);
  EXPECT_EQ(s->columns[4].constraints[0].kind, CK::kNull);
  EXPECT_EQ(s->columns[4].constraints[1].kind, CK::kUnique);

  ASSERT_EQ(s->constraints.size(), 3u);
  EXPECT_EQ(s->constraints[0].kind, CK::kUnique);
  EXPECT_EQ(s->constraints[0].name, "pk2");
  EXPECT_EQ(s->constraints[0].columns, (std::vector<std::string>{"name", "price"}));
  EXPECT_EQ(s->constraints[1].kind, CK::kCheck);
  EXPECT_EQ(s->constraints[1].expr_text, "id <> ref");
  EXPECT_EQ(s->constraints[2].kind, CK::kForeignKey);
  EXPECT_EQ(s->constraints[2].columns, (std::vector<std::string>{"ref", "id"}));
  EXPECT_EQ(s->constraints[2].ref_table, (std::vector<std::string>{"s", "u"}));
  EXPECT_EQ(s->constraints[2].ref_columns, (std::vector<std::string>{"a", "b"}));
}

TEST(ParserDdlTest, CreateTableVariants) {
  {
    auto s = ParseAs<CreateTableStatement>("CREATE TEMP TABLE t ()", StmtKind::kCreateTable);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->temporary);
    EXPECT_TRUE(s->columns.empty());
  }
  {
    auto s = ParseAs<CreateTableStatement>("CREATE TABLE t AS SELECT 1 AS a",
                                           StmtKind::kCreateTable);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->as_query);
    EXPECT_EQ(s->as_query->targets[0].alias, "a");
  }
  {
    auto s = ParseAs<CreateTableStatement>(
        "CREATE TABLE t (a int, PRIMARY KEY (a), b timestamp without time zone DEFAULT now(), "
        "c double precision DEFAULT -1.5 NOT NULL)",
        StmtKind::kCreateTable);
    ASSERT_TRUE(s);
    ASSERT_EQ(s->columns.size(), 3u);
    ASSERT_EQ(s->constraints.size(), 1u);
    EXPECT_EQ(s->constraints[0].kind, ConstraintDef::Kind::kPrimaryKey);
    EXPECT_EQ(s->columns[1].type.name, "timestamp without time zone");
    EXPECT_EQ(s->columns[1].constraints[0].expr_text, "now()");
    EXPECT_EQ(s->columns[2].type.name, "double precision");
    ASSERT_EQ(s->columns[2].constraints.size(), 2u);
    EXPECT_EQ(s->columns[2].constraints[0].expr_text, "-1.5");
    EXPECT_EQ(s->columns[2].constraints[1].kind, ConstraintDef::Kind::kNotNull);
  }
}

TEST(ParserDdlTest, CreateIndex) {
  auto s = ParseAs<CreateIndexStatement>(
      "CREATE UNIQUE INDEX IF NOT EXISTS i ON s.t USING btree (a, b DESC NULLS FIRST, "
      "(lower(c)), d text_pattern_ops) WHERE a > 0",
      StmtKind::kCreateIndex);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->unique);
  EXPECT_TRUE(s->if_not_exists);
  EXPECT_EQ(s->name, "i");
  EXPECT_EQ(s->table, (std::vector<std::string>{"s", "t"}));
  ASSERT_EQ(s->elems.size(), 4u);
  EXPECT_EQ(s->elems[0].column, "a");
  EXPECT_EQ(s->elems[1].column, "b");
  EXPECT_TRUE(s->elems[1].descending);
  EXPECT_EQ(s->elems[1].nulls, 1);
  EXPECT_TRUE(s->elems[2].column.empty());
  ASSERT_TRUE(s->elems[2].expr);
  EXPECT_EQ(Sexpr(*s->elems[2].expr), "lower(c)");
  EXPECT_EQ(s->elems[3].column, "d");
  EXPECT_EQ(Sexpr(*s->where), "(> a 0)");

  auto anon = ParseAs<CreateIndexStatement>("CREATE INDEX ON t (a)", StmtKind::kCreateIndex);
  ASSERT_TRUE(anon);
  EXPECT_TRUE(anon->name.empty());
  EXPECT_FALSE(anon->unique);
}

TEST(ParserDdlTest, OtherCreates) {
  {
    auto s = ParseAs<CreateSequenceStatement>(
        "CREATE SEQUENCE IF NOT EXISTS q INCREMENT BY -2 MINVALUE -100 MAXVALUE 100 START WITH 7 "
        "CACHE 5 CYCLE OWNED BY t.a",
        StmtKind::kCreateSequence);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->if_not_exists);
    EXPECT_EQ(s->increment, -2);
    EXPECT_EQ(s->min, -100);
    EXPECT_EQ(s->max, 100);
    EXPECT_EQ(s->start, 7);
    EXPECT_EQ(s->cache, 5);
    EXPECT_TRUE(s->cycle);
    EXPECT_EQ(s->owned_by, (std::vector<std::string>{"t", "a"}));
  }
  {
    auto s = ParseAs<CreateViewStatement>("CREATE OR REPLACE VIEW v (x) AS SELECT a FROM t",
                                          StmtKind::kCreateView);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->or_replace);
    EXPECT_EQ(s->columns, (std::vector<std::string>{"x"}));
    EXPECT_EQ(s->query_text, "SELECT a FROM t");
  }
  {
    auto s = ParseAs<CreateSchemaStatement>("CREATE SCHEMA IF NOT EXISTS sch",
                                            StmtKind::kCreateSchema);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->if_not_exists);
    EXPECT_EQ(s->name, "sch");
  }
  {
    auto s = ParseAs<CreateDatabaseStatement>("CREATE DATABASE d WITH OWNER x ENCODING 'UTF8'",
                                              StmtKind::kCreateDatabase);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "d");
  }
}

TEST(ParserDdlTest, AlterTable) {
  auto s = ParseAs<AlterTableStatement>(
      "ALTER TABLE IF EXISTS t "
      "ADD COLUMN IF NOT EXISTS c int NOT NULL DEFAULT 0, "
      "ADD d text, "
      "ADD CONSTRAINT u UNIQUE (c), "
      "DROP COLUMN IF EXISTS e CASCADE, "
      "DROP CONSTRAINT IF EXISTS k, "
      "RENAME COLUMN f TO g, "
      "ALTER COLUMN h SET DEFAULT 1 + 1, "
      "ALTER i DROP DEFAULT, "
      "ALTER j SET NOT NULL, "
      "ALTER j DROP NOT NULL, "
      "ALTER COLUMN k TYPE bigint USING k::bigint, "
      "ALTER l SET DATA TYPE varchar(3)",
      StmtKind::kAlterTable);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->if_exists);
  using AK = AlterAction::Kind;
  ASSERT_EQ(s->actions.size(), 12u);
  EXPECT_EQ(s->actions[0].kind, AK::kAddColumn);
  EXPECT_TRUE(s->actions[0].if_not_exists);
  EXPECT_EQ(s->actions[0].column.name, "c");
  EXPECT_EQ(s->actions[0].column.constraints.size(), 2u);
  EXPECT_EQ(s->actions[1].kind, AK::kAddColumn);
  EXPECT_EQ(s->actions[1].column.type.name, "text");
  EXPECT_EQ(s->actions[2].kind, AK::kAddConstraint);
  EXPECT_EQ(s->actions[2].constraint.name, "u");
  EXPECT_EQ(s->actions[3].kind, AK::kDropColumn);
  EXPECT_TRUE(s->actions[3].if_exists);
  EXPECT_TRUE(s->actions[3].cascade);
  EXPECT_EQ(s->actions[3].name, "e");
  EXPECT_EQ(s->actions[4].kind, AK::kDropConstraint);
  EXPECT_EQ(s->actions[4].name, "k");
  EXPECT_EQ(s->actions[5].kind, AK::kRenameColumn);
  EXPECT_EQ(s->actions[5].name, "f");
  EXPECT_EQ(s->actions[5].new_name, "g");
  EXPECT_EQ(s->actions[6].kind, AK::kSetDefault);
  EXPECT_EQ(s->actions[6].constraint.expr_text, "1 + 1");
  EXPECT_EQ(s->actions[7].kind, AK::kDropDefault);
  EXPECT_EQ(s->actions[8].kind, AK::kSetNotNull);
  EXPECT_EQ(s->actions[9].kind, AK::kDropNotNull);
  EXPECT_EQ(s->actions[10].kind, AK::kAlterType);
  EXPECT_EQ(s->actions[10].type.name, "bigint");
  EXPECT_EQ(s->actions[11].kind, AK::kAlterType);
  EXPECT_EQ(TypeStr(s->actions[11].type), "varchar(3)");

  auto rename = ParseAs<AlterTableStatement>("ALTER TABLE t RENAME TO u", StmtKind::kAlterTable);
  ASSERT_TRUE(rename);
  ASSERT_EQ(rename->actions.size(), 1u);
  EXPECT_EQ(rename->actions[0].kind, AK::kRenameTable);
  EXPECT_EQ(rename->actions[0].new_name, "u");
}

TEST(ParserDdlTest, DropAndTruncate) {
  using O = DropStatement::Object;
  const std::vector<std::pair<const char*, O>> objects = {
      {"DROP TABLE IF EXISTS a, s.b CASCADE", O::kTable},
      {"DROP INDEX CONCURRENTLY IF EXISTS a, s.b CASCADE", O::kIndex},
      {"DROP VIEW IF EXISTS a, s.b CASCADE", O::kView},
      {"DROP SEQUENCE IF EXISTS a, s.b CASCADE", O::kSequence},
      {"DROP SCHEMA IF EXISTS a, s.b CASCADE", O::kSchema},
  };
  for (const auto& [sql, object] : objects) {
    auto s = ParseAs<DropStatement>(sql, StmtKind::kDrop);
    ASSERT_TRUE(s) << sql;
    EXPECT_EQ(s->object, object) << sql;
    EXPECT_TRUE(s->if_exists) << sql;
    EXPECT_TRUE(s->cascade) << sql;
    ASSERT_EQ(s->names.size(), 2u) << sql;
    EXPECT_EQ(s->names[1], (std::vector<std::string>{"s", "b"})) << sql;
  }
  auto d = ParseAs<DropStatement>("DROP DATABASE d", StmtKind::kDrop);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->object, O::kDatabase);
  EXPECT_FALSE(d->if_exists);
  EXPECT_FALSE(d->cascade);

  auto t = ParseAs<TruncateStatement>("TRUNCATE TABLE a, ONLY b RESTART IDENTITY CASCADE",
                                      StmtKind::kTruncate);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->tables.size(), 2u);
  EXPECT_TRUE(t->restart_identity);
  EXPECT_TRUE(t->cascade);
  auto r = ParseAs<TruncateStatement>("TRUNCATE a RESTRICT", StmtKind::kTruncate);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->cascade);
}

TEST(ParserDdlTest, ForeignKeyClauses) {
  auto s = ParseAs<CreateTableStatement>(
      "CREATE TABLE t ("
      "  a int REFERENCES p MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL NOT DEFERRABLE,"
      "  b int NOT NULL REFERENCES p (x) DEFERRABLE INITIALLY IMMEDIATE NOT NULL,"
      "  FOREIGN KEY (a, b) REFERENCES p (x, y) MATCH SIMPLE ON DELETE SET DEFAULT (b)"
      "    ON UPDATE RESTRICT INITIALLY DEFERRED"
      ")",
      StmtKind::kCreateTable);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->columns.size(), 2u);
  ASSERT_EQ(s->columns[0].constraints.size(), 1u);
  const ConstraintDef& a = s->columns[0].constraints[0];
  EXPECT_EQ(a.kind, ConstraintDef::Kind::kForeignKey);
  EXPECT_TRUE(a.ref_columns.empty());
  EXPECT_EQ(a.match, 'f');
  EXPECT_EQ(a.on_update, 'c');
  EXPECT_EQ(a.on_delete, 'n');
  EXPECT_FALSE(a.deferrable);
  ASSERT_EQ(s->columns[1].constraints.size(), 3u);
  const ConstraintDef& b = s->columns[1].constraints[1];
  EXPECT_EQ(b.on_delete, 'a');
  EXPECT_EQ(b.on_update, 'a');
  EXPECT_EQ(b.match, 's');
  EXPECT_TRUE(b.deferrable);
  EXPECT_FALSE(b.initially_deferred);
  EXPECT_EQ(s->columns[1].constraints[2].kind, ConstraintDef::Kind::kNotNull);
  ASSERT_EQ(s->constraints.size(), 1u);
  const ConstraintDef& t = s->constraints[0];
  EXPECT_EQ(t.on_delete, 'd');
  EXPECT_EQ(t.delete_set_columns, (std::vector<std::string>{"b"}));
  EXPECT_EQ(t.on_update, 'r');
  EXPECT_TRUE(t.initially_deferred);

  auto alter = ParseAs<AlterTableStatement>(
      "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES p ON DELETE NO ACTION NOT VALID",
      StmtKind::kAlterTable);
  ASSERT_TRUE(alter);
  ASSERT_EQ(alter->actions.size(), 1u);
  EXPECT_EQ(alter->actions[0].constraint.name, "f");
  EXPECT_TRUE(alter->actions[0].constraint.not_valid);

  EXPECT_EQ(ParseError("CREATE TABLE t (a int REFERENCES p MATCH PARTIAL)").sqlstate(), "0A000");
  EXPECT_EQ(ParseError("CREATE TABLE t (a int REFERENCES p ON UPDATE SET NULL (a))").sqlstate(),
            "0A000");
  EXPECT_EQ(ParseError("CREATE TABLE t (a int REFERENCES p ON DELETE CASCADE ON DELETE CASCADE)")
                .sqlstate(),
            "42601");
}

// ---------------------------------------------------------------------------------------------
// Utility statements

TEST(ParserUtilityTest, SetShowReset) {
  {
    auto s = ParseAs<SetStatement>("SET search_path TO a, \"B\", 'c'", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "search_path");
    EXPECT_EQ(s->values, (std::vector<std::string>{"a", "B", "c"}));
    EXPECT_FALSE(s->local);
  }
  {
    auto s = ParseAs<SetStatement>("SET LOCAL statement_timeout = -5", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->local);
    EXPECT_EQ(s->values, (std::vector<std::string>{"-5"}));
  }
  {
    auto s = ParseAs<SetStatement>("SET SESSION TIME ZONE 'UTC'", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "timezone");
    EXPECT_EQ(s->values, (std::vector<std::string>{"UTC"}));
  }
  {
    auto s = ParseAs<SetStatement>("SET TIME ZONE LOCAL", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->is_default);
  }
  {
    auto s = ParseAs<SetStatement>("SET work_mem TO DEFAULT", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->is_default);
    EXPECT_TRUE(s->values.empty());
  }
  {
    auto s = ParseAs<SetStatement>("SET NAMES 'UTF8'", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "client_encoding");
  }
  {
    auto s = ParseAs<SetStatement>("SET my.custom = 1.5", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "my.custom");
    EXPECT_EQ(s->values, (std::vector<std::string>{"1.5"}));
  }
  {
    auto s = ParseAs<SetStatement>("RESET ALL", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->reset);
    EXPECT_EQ(s->name, "all");
  }
  {
    auto s = ParseAs<SetStatement>("RESET time zone", StmtKind::kSet);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->reset);
    EXPECT_EQ(s->name, "timezone");
  }
  const std::vector<std::pair<const char*, const char*>> shows = {
      {"SHOW ALL", "all"},
      {"SHOW search_path", "search_path"},
      {"SHOW TIME ZONE", "timezone"},
      {"SHOW TRANSACTION ISOLATION LEVEL", "transaction_isolation"},
      {"SHOW my.custom", "my.custom"},
  };
  for (const auto& [sql, name] : shows) {
    auto s = ParseAs<ShowStatement>(sql, StmtKind::kShow);
    ASSERT_TRUE(s) << sql;
    EXPECT_EQ(s->name, name) << sql;
  }
  EXPECT_EQ(ParseError("SET x 1").sqlstate(), "42601");
}

TEST(ParserUtilityTest, Transactions) {
  using Op = TransactionStatement::Op;
  struct TxnCase {
    const char* sql;
    Op op;
    const char* isolation;
    int read_only;
    const char* savepoint;
    bool start, end;
  };
  const std::vector<TxnCase> cases = {
      {"BEGIN", Op::kBegin, "", -1, "", false, false},
      {"BEGIN WORK", Op::kBegin, "", -1, "", false, false},
      {"BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY", Op::kBegin, "serializable",
       1, "", false, false},
      {"START TRANSACTION READ WRITE ISOLATION LEVEL REPEATABLE READ NOT DEFERRABLE", Op::kBegin,
       "repeatable read", 0, "", true, false},
      {"BEGIN ISOLATION LEVEL READ COMMITTED", Op::kBegin, "read committed", -1, "", false,
       false},
      {"COMMIT", Op::kCommit, "", -1, "", false, false},
      {"COMMIT WORK", Op::kCommit, "", -1, "", false, false},
      {"END TRANSACTION", Op::kCommit, "", -1, "", false, true},
      {"COMMIT AND NO CHAIN", Op::kCommit, "", -1, "", false, false},
      {"ROLLBACK", Op::kRollback, "", -1, "", false, false},
      {"ABORT", Op::kRollback, "", -1, "", false, true},
      {"ROLLBACK TO SAVEPOINT sp", Op::kRollbackTo, "", -1, "sp", false, false},
      {"ROLLBACK WORK TO sp", Op::kRollbackTo, "", -1, "sp", false, false},
      {"SAVEPOINT sp", Op::kSavepoint, "", -1, "sp", false, false},
      {"RELEASE SAVEPOINT sp", Op::kRelease, "", -1, "sp", false, false},
      {"RELEASE sp", Op::kRelease, "", -1, "sp", false, false},
      {"SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED", Op::kSetTransaction,
       "read uncommitted", -1, "", false, false},
      {"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", Op::kSetSessionCharacteristics, "",
       1, "", false, false},
  };
  for (const TxnCase& c : cases) {
    auto s = ParseAs<TransactionStatement>(c.sql, StmtKind::kTransaction);
    ASSERT_TRUE(s) << c.sql;
    EXPECT_EQ(s->op, c.op) << c.sql;
    EXPECT_EQ(s->isolation, c.isolation) << c.sql;
    EXPECT_EQ(s->read_only, c.read_only) << c.sql;
    EXPECT_EQ(s->savepoint, c.savepoint) << c.sql;
    EXPECT_EQ(s->start, c.start) << c.sql;
    EXPECT_EQ(s->end, c.end) << c.sql;
  }
  Status bad = ParseError("begin isolation level foo");
  EXPECT_EQ(bad.sqlstate(), "42601");
  EXPECT_EQ(bad.message(), "syntax error at or near \"foo\"");
  EXPECT_EQ(bad.info().position, 23);
}

TEST(ParserUtilityTest, Copy) {
  {
    auto s = ParseAs<CopyStatement>(
        "COPY s.t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', NULL 'NA', "
        "QUOTE '\"', ESCAPE '\\')",
        StmtKind::kCopy);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->table, (std::vector<std::string>{"s", "t"}));
    EXPECT_EQ(s->columns, (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(s->from);
    EXPECT_TRUE(s->csv);
    EXPECT_TRUE(s->header);
    EXPECT_TRUE(s->has_delimiter);
    EXPECT_EQ(s->delimiter, ";");
    EXPECT_EQ(s->null_string, "NA");
    EXPECT_EQ(s->quote, "\"");
    EXPECT_EQ(s->escape, "\\");
  }
  {
    auto s = ParseAs<CopyStatement>("COPY t TO STDOUT CSV HEADER", StmtKind::kCopy);
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->from);
    EXPECT_TRUE(s->csv);
    EXPECT_TRUE(s->header);
  }
  {
    auto s = ParseAs<CopyStatement>("COPY (SELECT 1) TO STDOUT (FORMAT binary)", StmtKind::kCopy);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->query);
    EXPECT_TRUE(s->binary);
    EXPECT_FALSE(s->from);
  }
  {
    auto s = ParseAs<CopyStatement>("COPY t FROM STDIN (HEADER false, FORMAT text)",
                                    StmtKind::kCopy);
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->header);
    EXPECT_FALSE(s->csv);
  }
  EXPECT_EQ(ParseError("COPY t FROM '/etc/passwd'").sqlstate(), "0A000");
  EXPECT_EQ(ParseError("COPY (SELECT 1) FROM STDIN").sqlstate(), "42601");
  EXPECT_EQ(ParseError("COPY t FROM STDIN (FORMAT xml)").sqlstate(), "22023");
}

TEST(ParserUtilityTest, Cursors) {
  {
    auto s = ParseAs<DeclareCursorStatement>(
        "DECLARE \"c\" NO SCROLL CURSOR WITHOUT HOLD FOR SELECT 1", StmtKind::kDeclareCursor);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "c");
    EXPECT_FALSE(s->scroll || s->hold || s->binary);
    ASSERT_TRUE(s->query);
    EXPECT_EQ(s->query->kind, StmtKind::kSelect);
    auto h = ParseAs<DeclareCursorStatement>(
        "DECLARE c BINARY SCROLL CURSOR WITH HOLD FOR VALUES (1)", StmtKind::kDeclareCursor);
    ASSERT_TRUE(h);
    EXPECT_TRUE(h->scroll && h->hold && h->binary);
  }
  EXPECT_EQ(ParseError("DECLARE c CURSOR FOR DELETE FROM t").sqlstate(), "42601");
  struct Case {
    const char* sql;
    bool move;
    const char* direction;
    int64_t count;
  };
  for (const Case& k : std::vector<Case>{{"FETCH c", false, "", 1},
                                         {"FETCH NEXT FROM c", false, "", 1},
                                         {"FETCH 5 IN c", false, "", 5},
                                         {"FETCH ALL c", false, "", -1},
                                         {"FETCH FORWARD c", false, "", 1},
                                         {"FETCH FORWARD 7 FROM c", false, "", 7},
                                         {"FETCH FORWARD ALL FROM c", false, "", -1},
                                         {"FETCH BACKWARD 2 c", false, "backward", 2},
                                         {"FETCH -3 c", false, "backward", -4},
                                         {"FETCH PRIOR c", false, "prior", 1},
                                         {"FETCH ABSOLUTE 4 c", false, "absolute", 4},
                                         {"FETCH RELATIVE 2 c", false, "relative", 2},
                                         {"MOVE 3 c", true, "", 3}}) {
    auto s = ParseAs<FetchStatement>(k.sql, StmtKind::kFetch);
    ASSERT_TRUE(s) << k.sql;
    EXPECT_EQ(s->name, "c") << k.sql;
    EXPECT_EQ(s->move, k.move) << k.sql;
    EXPECT_EQ(s->direction, k.direction) << k.sql;
    EXPECT_EQ(s->count, k.count) << k.sql;
  }
  auto close = ParseAs<CloseCursorStatement>("CLOSE c", StmtKind::kCloseCursor);
  ASSERT_TRUE(close);
  EXPECT_EQ(close->name, "c");
  auto all = ParseAs<CloseCursorStatement>("CLOSE ALL", StmtKind::kCloseCursor);
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->name.empty());
}

TEST(ParserUtilityTest, PrepareExecuteExplain) {
  {
    auto s = ParseAs<PrepareStatement>("PREPARE p (int, text) AS SELECT $1, $2",
                                       StmtKind::kPrepare);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "p");
    ASSERT_EQ(s->types.size(), 2u);
    EXPECT_EQ(s->types[0].name, "int");
    EXPECT_EQ(s->types[1].name, "text");
    ASSERT_TRUE(s->stmt);
    EXPECT_EQ(s->stmt->kind, StmtKind::kSelect);
    EXPECT_EQ(s->stmt_text, "SELECT $1, $2");
  }
  {
    auto s = ParseAs<PrepareStatement>("PREPARE q AS DELETE FROM t", StmtKind::kPrepare);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->types.empty());
    EXPECT_EQ(s->stmt->kind, StmtKind::kDelete);
  }
  {
    auto s = ParseAs<ExecuteStatement>("EXECUTE p (1, 'x' || 'y')", StmtKind::kExecute);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "p");
    ASSERT_EQ(s->args.size(), 2u);
    EXPECT_EQ(Sexpr(*s->args[1]), "(|| 'x' 'y')");
  }
  {
    auto s = ParseAs<DeallocateStatement>("DEALLOCATE PREPARE p", StmtKind::kDeallocate);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "p");
    auto all = ParseAs<DeallocateStatement>("DEALLOCATE ALL", StmtKind::kDeallocate);
    ASSERT_TRUE(all);
    EXPECT_TRUE(all->name.empty());
  }
  {
    auto s = ParseAs<ExplainStatement>("EXPLAIN SELECT 1", StmtKind::kExplain);
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->analyze);
    EXPECT_FALSE(s->verbose);
    EXPECT_EQ(s->stmt->kind, StmtKind::kSelect);
  }
  {
    auto s = ParseAs<ExplainStatement>("EXPLAIN ANALYZE VERBOSE UPDATE t SET a = 1",
                                       StmtKind::kExplain);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->analyze);
    EXPECT_TRUE(s->verbose);
    EXPECT_EQ(s->stmt->kind, StmtKind::kUpdate);
  }
  {
    auto s = ParseAs<ExplainStatement>(
        "EXPLAIN (ANALYZE, VERBOSE false, COSTS off, FORMAT text) INSERT INTO t VALUES (1)",
        StmtKind::kExplain);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->analyze);
    EXPECT_FALSE(s->verbose);
    EXPECT_EQ(s->stmt->kind, StmtKind::kInsert);
  }
}

TEST(ParserUtilityTest, NoOpsAndDiscard) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"ANALYZE t", "ANALYZE"},
      {"analyse", "ANALYZE"},
      {"VACUUM FULL t", "VACUUM"},
      {"CHECKPOINT", "CHECKPOINT"},
  };
  for (const auto& [sql, tag] : cases) {
    auto s = ParseAs<NoOpStatement>(sql, StmtKind::kNoOp);
    ASSERT_TRUE(s) << sql;
    EXPECT_EQ(s->tag, tag) << sql;
  }
  EXPECT_TRUE(ParseAs<DiscardStatement>("DISCARD ALL", StmtKind::kDiscard));
  EXPECT_EQ(ParseError("DISCARD everything").sqlstate(), "42601");
}

TEST(ParserUtilityTest, LockTable) {
  const std::vector<std::pair<const char*, int>> modes = {
      {"LOCK t", 8},
      {"LOCK TABLE t IN ACCESS SHARE MODE", 1},
      {"LOCK TABLE t IN ROW SHARE MODE", 2},
      {"LOCK TABLE t IN ROW EXCLUSIVE MODE", 3},
      {"LOCK TABLE t IN SHARE UPDATE EXCLUSIVE MODE", 4},
      {"LOCK TABLE t IN SHARE MODE", 5},
      {"LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE", 6},
      {"LOCK TABLE t IN EXCLUSIVE MODE", 7},
      {"LOCK TABLE t IN ACCESS EXCLUSIVE MODE", 8},
  };
  for (const auto& [sql, mode] : modes) {
    auto s = ParseAs<LockStatement>(sql, StmtKind::kLock);
    ASSERT_TRUE(s) << sql;
    EXPECT_EQ(s->mode, mode) << sql;
    EXPECT_FALSE(s->nowait);
  }
  auto s = ParseAs<LockStatement>("LOCK TABLE ONLY s.a *, b IN SHARE MODE NOWAIT", StmtKind::kLock);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->tables.size(), 2u);
  EXPECT_EQ(s->tables[0].name, (std::vector<std::string>{"s", "a"}));
  EXPECT_EQ(s->tables[1].name, (std::vector<std::string>{"b"}));
  EXPECT_TRUE(s->nowait);
  EXPECT_EQ(ParseError("LOCK TABLE t IN SHARE ROW MODE").sqlstate(), "42601");
  EXPECT_EQ(ParseError("LOCK TABLE t IN ACCESS MODE").sqlstate(), "42601");
}

// ---------------------------------------------------------------------------------------------
// Statement lists, syntax errors, limits

TEST(ParserTest, MultipleStatementsAndSpans) {
  std::string sql = " SELECT 1; ;INSERT INTO t VALUES (1)  ;\n; select 'a;b' -- c;\n";
  auto r = ParseSql(sql);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);
  const auto text = [&](const ParsedStatement& p) {
    return sql.substr(static_cast<size_t>(p.begin), static_cast<size_t>(p.end - p.begin));
  };
  EXPECT_EQ((*r)[0].stmt->kind, StmtKind::kSelect);
  EXPECT_EQ(text((*r)[0]), "SELECT 1");
  EXPECT_EQ((*r)[0].stmt->location, 1);
  EXPECT_EQ((*r)[1].stmt->kind, StmtKind::kInsert);
  EXPECT_EQ(text((*r)[1]), "INSERT INTO t VALUES (1)");
  EXPECT_EQ((*r)[2].stmt->kind, StmtKind::kSelect);
  EXPECT_EQ(text((*r)[2]), "select 'a;b'");
}

TEST(ParserTest, EmptyInput) {
  for (const char* sql : {"", "   ", ";", " ; ;; ", "-- nothing\n", "/* nothing */;"}) {
    auto r = ParseSql(sql);
    ASSERT_TRUE(r.ok()) << sql;
    EXPECT_TRUE(r->empty()) << sql;
  }
}

TEST(ParserTest, SyntaxErrors) {
  const std::vector<ErrorCase> cases = {
      {"selec 1", "42601", "syntax error at or near \"selec\"", 1},
      {"select * fron t", "42601", "syntax error at or near \"fron\"", 10},
      {"select * from t where", "42601", "syntax error at end of input", 22},
      {"insert into t values (1,", "42601", "syntax error at end of input", 25},
      {"create table (a int)", "42601", "syntax error at or near \"(\"", 14},
      {"update t set a = 1 where", "42601", "syntax error at end of input", 25},
      {"select a from t order by", "42601", "syntax error at end of input", 25},
      {"select * from t limit", "42601", "syntax error at end of input", 22},
      {"drop tablee t", "42601", "syntax error at or near \"tablee\"", 6},
      {"select 'é' + é from", "42601", "syntax error at end of input", 20},
      {"select 1; selec 2", "42601", "syntax error at or near \"selec\"", 11},
      {"select 1 < 2 < 3", "42601", "syntax error at or near \"<\"", 14},
      {"select 1 union", "42601", "syntax error at end of input", 15},
      {"delete t", "42601", "syntax error at or near \"t\"", 8},
      {"insert t values (1)", "42601", "syntax error at or near \"t\"", 8},
      {"select * from a join b", "42601", "syntax error at end of input", 23},
      {"select * from a natural", "42601", "syntax error at end of input", 24},
      {"create index on", "42601", "syntax error at end of input", 16},
      {"alter table t frobnicate", "42601", "syntax error at or near \"frobnicate\"", 15},
      {"select 1 from t group a", "42601", "syntax error at or near \"a\"", 23},
      {"select f(", "42601", "syntax error at end of input", 10},
      {"explain", "42601", "syntax error at end of input", 8},
      {"select 1 into x", "42601", "syntax error at or near \"into\"", 10},
  };
  for (const ErrorCase& c : cases) {
    Status s = ParseError(c.sql);
    ASSERT_FALSE(s.ok()) << c.sql;
    EXPECT_EQ(s.sqlstate(), c.sqlstate) << c.sql;
    EXPECT_EQ(s.message(), c.message) << c.sql;
    if (c.position != 0) {
      EXPECT_EQ(s.info().position, c.position) << c.sql;
    }
  }
}

TEST(ParserTest, ReservedWordsNeedQuoting) {
  EXPECT_EQ(ParseError("select * from select").sqlstate(), "42601");
  EXPECT_EQ(ParseError("create table order (a int)").sqlstate(), "42601");
  auto s = ParseAs<CreateTableStatement>("create table \"order\" (\"from\" int)",
                                         StmtKind::kCreateTable);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name[0], "order");
  EXPECT_EQ(s->columns[0].name, "from");
}

// Deeply nested or very long input must fail with an error, never exhaust the stack.
void ExpectCleanFailure(const std::string& sql) {
  Status s = ParseError(sql);
  ASSERT_FALSE(s.ok()) << sql.substr(0, 40);
  EXPECT_TRUE(s.sqlstate() == "54001" || s.sqlstate() == "42601")
      << sql.substr(0, 40) << ": " << s.ToString();
  if (s.sqlstate() == "54001") {
    EXPECT_EQ(s.message(), "stack depth limit exceeded");
  }
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Runs `fn` on a thread with a small stack, as a session thread might have.
void RunOnSmallStack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, size_t{4} << 20), 0);
  pthread_t thread;
  auto run = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, run, const_cast<std::function<void()>*>(&fn)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

TEST(ParserLimitsTest, DeepNestingFailsCleanly) {
  RunOnSmallStack([] {
  constexpr int kDeep = 100000;
  ExpectCleanFailure("SELECT " + Repeat("(", kDeep) + "1" + Repeat(")", kDeep));
  ExpectCleanFailure("SELECT " + Repeat("(", kDeep));  // unbalanced too
  ExpectCleanFailure("SELECT " + Repeat("- ", kDeep) + "1");
  ExpectCleanFailure("SELECT " + Repeat("NOT ", kDeep) + "true");
  ExpectCleanFailure("SELECT " + Repeat("(SELECT ", kDeep) + "1" + Repeat(")", kDeep));
  ExpectCleanFailure(Repeat("(", kDeep) + "SELECT 1" + Repeat(")", kDeep));
  ExpectCleanFailure("SELECT * FROM " + Repeat("(", kDeep) + "t" + Repeat(")", kDeep));
  ExpectCleanFailure("SELECT * FROM " + Repeat("(SELECT * FROM ", kDeep) + "t" +
                     Repeat(") s", kDeep));
  ExpectCleanFailure("SELECT " + Repeat("f(", kDeep) + "1" + Repeat(")", kDeep));
  ExpectCleanFailure("SELECT " + Repeat("ARRAY[", kDeep) + "1" + Repeat("]", kDeep));
  ExpectCleanFailure("SELECT " + Repeat("CASE WHEN true THEN ", kDeep) + "1" +
                     Repeat(" END", kDeep));
  ExpectCleanFailure(Repeat("EXPLAIN ", kDeep) + "SELECT 1");
  ExpectCleanFailure("SELECT 1 " + Repeat("UNION SELECT (", kDeep) + "1" + Repeat(")", kDeep));
  ExpectCleanFailure("SELECT * FROM " + Repeat("t JOIN (", kDeep) + "t" + Repeat(") ON true", kDeep));
  ExpectCleanFailure("PREPARE p AS " + Repeat("EXPLAIN ", kDeep) + "SELECT 1");
  });
}

TEST(ParserLimitsTest, LongChainsFailCleanly) {
  constexpr int kLong = 100000;
  ExpectCleanFailure("SELECT a" + Repeat(" + a", kLong));
  ExpectCleanFailure("SELECT a" + Repeat(" OR a", kLong));
  ExpectCleanFailure("SELECT a" + Repeat("::int", kLong));
  ExpectCleanFailure("SELECT a" + Repeat(" IS NULL", kLong));
  ExpectCleanFailure("SELECT a" + Repeat("[1]", kLong));
  ExpectCleanFailure("SELECT (a" + Repeat(" + a", kLong / 2) + ")" + Repeat(" * a", kLong / 2));
  ExpectCleanFailure("SELECT a" + Repeat(" AND (a" + Repeat(" OR a", 10) + ")", kLong / 20));
  // Heights add up through parentheses: each chain alone is within the limit.
  ExpectCleanFailure("SELECT (a" + Repeat(" + a", 1600) + ")" + Repeat(" * a", 1600));
  ExpectCleanFailure("SELECT (SELECT a" + Repeat(" + a", 2000) + ")" + Repeat(" + a", 2000));
  ExpectCleanFailure("SELECT 1" + Repeat(" UNION SELECT 1", kLong));
  ExpectCleanFailure("SELECT 1" + Repeat(" INTERSECT SELECT 1", kLong));
  ExpectCleanFailure("SELECT * FROM t" + Repeat(" JOIN t ON true", kLong));
  ExpectCleanFailure("SELECT * FROM t" + Repeat(" CROSS JOIN t", kLong));
  // PostgreSQL 15 also fails "1 + 1 + ..." with 5000 terms (stack depth limit exceeded).
  ExpectCleanFailure("SELECT 1" + Repeat(" + 1", 5000));
}

TEST(ParserLimitsTest, ModerateSizesParse) {
  // Wide but shallow input is fine, and so is nesting well under the limit.
  EXPECT_TRUE(ParseSql("SELECT " + Repeat("(", 50) + "1" + Repeat(")", 50)).ok());
  EXPECT_TRUE(ParseSql("SELECT " + Repeat("(SELECT ", 30) + "1" + Repeat(")", 30)).ok());
  EXPECT_TRUE(ParseSql("SELECT a" + Repeat(" + a", 1000)).ok());
  EXPECT_TRUE(ParseSql("SELECT a" + Repeat(" OR a = 1", 2000)).ok());
  EXPECT_TRUE(ParseSql("SELECT 1" + Repeat(" UNION ALL SELECT 1", 900)).ok());
  EXPECT_TRUE(ParseSql("SELECT * FROM t" + Repeat(" JOIN t ON true", 900)).ok());
  EXPECT_TRUE(ParseSql("SELECT a IN (1" + Repeat(", 1", 100000) + ")").ok());
  EXPECT_TRUE(ParseSql("SELECT 1" + Repeat(", 1", 100000)).ok());
  EXPECT_TRUE(ParseSql(Repeat("SELECT 1;", 10000)).ok());
}

}  // namespace
}  // namespace zijin::parser
