// Splits shell input into SQL statements and backslash commands, as psql's lexer does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zijin::client {

// Feed input one line at a time. A statement ends at a ';' outside quotes, comments, dollar
// quotes and parentheses, and keeps its ';' (psql sends it, and error carets point into it).
// A backslash outside those starts a meta-command that runs to the end of the line; the
// statement text gathered so far stays buffered (so "SELECT 1 \g" works).
class StatementSplitter {
 public:
  struct Piece {
    enum class Kind { kStatement, kMeta };
    Kind kind;
    std::string text;  // the statement with its ';', or the meta-command without the '\'
  };

  // Scans one line (without its newline) and returns what it completed, in input order.
  std::vector<Piece> FeedLine(std::string_view line);

  // The unfinished statement text; empty when nothing but whitespace and "--" comments was seen.
  const std::string& buffer() const { return buf_; }
  bool empty() const { return buf_.empty(); }
  // Returns and clears the unfinished text (for \g, and at the end of a script).
  std::string TakeBuffer();
  void Reset();

  // psql's %R prompt character: '=' when idle, '-' inside a statement, '\'', '"' or '$' inside
  // quotes, '*' inside a block comment, '(' inside parentheses.
  char PromptChar() const;

 private:
  enum class State { kNormal, kSingle, kEscapeString, kDouble, kDollar, kBlockComment };

  void Add(std::string_view text);
  void Add(char c);

  State state_ = State::kNormal;
  std::string buf_;
  std::string dollar_tag_;  // "$tag$" while inside a dollar quote
  int paren_depth_ = 0;
  int comment_depth_ = 0;
  bool pending_newline_ = false;
};

}  // namespace zijin::client
