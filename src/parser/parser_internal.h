// The recursive-descent parser's shared state (internal to the parser module).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "parser/lexer.h"
#include "parser/syntax.h"

namespace zijin::parser {

// Each Parse* method either matches (advancing) or fails with a syntax error at the current
// token. Recursion depth is bounded so deeply nested input cannot exhaust the stack.
class Parser {
 public:
  Parser(std::string_view sql, std::vector<Token> tokens)
      : sql_(sql),
        toks_(std::move(tokens)),
        stack_base_(reinterpret_cast<uintptr_t>(__builtin_frame_address(0))) {}

  Result<std::unique_ptr<Statement>> ParseStatement();
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  bool AcceptOp(std::string_view op);
  const Token& Peek(size_t ahead = 0) const {
    size_t k = pos_ + ahead;
    return k < toks_.size() ? toks_[k] : toks_.back();
  }
  size_t pos() const { return pos_; }

  // Expressions (parse_expr.cc).
  Result<ExprPtr> ParseExpr();
  Result<ExprPtr> ParseExprPrec(int min_prec);
  Result<ExprPtr> ParsePrimary();
  Result<TypeName> ParseTypeName();
  Result<std::vector<ExprPtr>> ParseExprList();
  // A function call's arguments, positional and named (name => value, name := value).
  Status ParseCallArgs(Expr* call);
  // [elements] of ARRAY[...], where a bare [...] element is a nested array.
  Status ParseArrayElements(Expr* array);

  // Queries (parse_select.cc).
  Result<std::shared_ptr<SelectStmt>> ParseQuery();
  Result<std::vector<Target>> ParseTargetList();
  Result<std::vector<TableRefPtr>> ParseFromList();
  Result<std::vector<OrderItem>> ParseOrderList();
  Result<std::unique_ptr<WindowSpec>> ParseWindowSpecBody();

  // Helpers.
  bool IsKeyword(std::string_view kw, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdent && t.text == kw;
  }
  bool AcceptKeyword(std::string_view kw) {
    if (!IsKeyword(kw)) return false;
    ++pos_;
    return true;
  }
  Status ExpectKeyword(std::string_view kw) {
    if (AcceptKeyword(kw)) return Status::OK();
    return SyntaxError();
  }
  Status ExpectOp(std::string_view op) {
    if (AcceptOp(op)) return Status::OK();
    return SyntaxError();
  }
  // An identifier: unquoted non-reserved word or quoted identifier.
  Result<std::string> ParseIdent();
  // Same, but also accepts reserved words where PostgreSQL does (after AS, after '.').
  Result<std::string> ParseAnyName();
  Result<std::vector<std::string>> ParseQualifiedName();
  bool PeekIdent(size_t ahead = 0) const;
  Status SyntaxError() const;
  Status SyntaxErrorAt(size_t tok) const;
  std::string_view TextBetween(int begin, int end) const { return sql_.substr(begin, end - begin); }
  int Loc() const { return Peek().begin; }
  // Recursion depth: every recursive rule calls Enter() first and Leave() when done (DepthGuard).
  static constexpr int kMaxDepth = 1000;
  // Stack the parser may use below the frame that constructed it, as PostgreSQL's
  // max_stack_depth: frame sizes differ a lot between optimized, debug and sanitizer builds, so
  // the depth count alone cannot keep a session thread's stack safe.
  static constexpr uintptr_t kMaxStackBytes = 2u << 20;
  // The tallest expression tree the parser builds. Trees are walked recursively downstream
  // (binder, planner, destructors), so long chains (a + a + ... , a OR a OR ...) are bounded
  // even though the parser itself builds them in a loop.
  static constexpr int kMaxExprHeight = 3000;
  Status Enter();
  void Leave() { --depth_; }
  Status TooDeep() const;
  // The 1-based character position of byte offset `byte` of the input, for error reports.
  int CharPosition(int byte) const;
  static bool IsReserved(std::string_view word);

  // Statements (parse_stmt.cc, parse_ddl.cc).
  Result<std::unique_ptr<Statement>> ParseInsert();
  Result<std::unique_ptr<Statement>> ParseUpdate();
  Result<std::unique_ptr<Statement>> ParseDelete();
  Result<std::unique_ptr<Statement>> ParseCreate();
  Result<std::unique_ptr<Statement>> ParseDrop();
  Result<std::unique_ptr<Statement>> ParseAlter();
  Result<std::unique_ptr<Statement>> ParseSet();
  Result<std::unique_ptr<Statement>> ParseCopy();
  Result<std::unique_ptr<Statement>> ParseTransaction();
  Result<std::vector<Target>> ParseReturning();
  Result<ColumnDef> ParseColumnDef();
  Result<ConstraintDef> ParseTableConstraint();
  Status ParseColumnConstraints(ColumnDef* col);
  // After REFERENCES: table [(columns)] [MATCH ...] [ON DELETE action] [ON UPDATE action].
  Status ParseReferences(ConstraintDef* c);
  // [NOT] DEFERRABLE, INITIALLY {DEFERRED | IMMEDIATE}, NOT VALID after a constraint.
  Status ParseConstraintAttributes(ConstraintDef* c);
  Result<std::vector<std::string>> ParseNameList();
  Result<int64_t> ParseSignedInteger();
  // Skips a balanced parenthesized group (WITH (...) options we accept and ignore).
  Status SkipParens();

  std::string_view sql_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  int depth_ = 0;
  uintptr_t stack_base_;
  // The height of the tallest expression tree completed since the innermost ParseExprPrec
  // reset it: how a node learns the height of operands parsed by nested rules.
  int height_ = 0;
};

// Leaves the recursion level entered by Parser::Enter() when the enclosing rule returns.
class DepthGuard {
 public:
  explicit DepthGuard(Parser* p) : p_(p) {}
  ~DepthGuard() { p_->Leave(); }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  Parser* p_;
};

}  // namespace zijin::parser
