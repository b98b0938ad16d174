// Statement splitting for the shell: quotes, comments, dollar quotes, parentheses, meta-commands.
#include "client/split.h"

#include <cctype>

namespace zijin::client {
namespace {

bool IdentChar(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

bool TagStart(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || c == '_' || u >= 0x80;
}

}  // namespace

void StatementSplitter::Add(std::string_view text) {
  if (pending_newline_) {
    buf_ += '\n';
    pending_newline_ = false;
  }
  buf_.append(text);
}

void StatementSplitter::Add(char c) { Add(std::string_view(&c, 1)); }

std::string StatementSplitter::TakeBuffer() {
  std::string out = std::move(buf_);
  Reset();
  return out;
}

void StatementSplitter::Reset() {
  state_ = State::kNormal;
  buf_.clear();
  dollar_tag_.clear();
  paren_depth_ = 0;
  comment_depth_ = 0;
  pending_newline_ = false;
}

char StatementSplitter::PromptChar() const {
  switch (state_) {
    case State::kSingle:
    case State::kEscapeString:
      return '\'';
    case State::kDouble:
      return '"';
    case State::kDollar:
      return '$';
    case State::kBlockComment:
      return '*';
    case State::kNormal:
      break;
  }
  if (paren_depth_ > 0) return '(';
  return buf_.empty() ? '=' : '-';
}

std::vector<StatementSplitter::Piece> StatementSplitter::FeedLine(std::string_view line) {
  std::vector<Piece> pieces;
  // The newline joins this line to the buffered text once something follows it, so a
  // meta-command on its own line (\g) does not leave a trailing newline in the statement.
  pending_newline_ = !buf_.empty();
  size_t i = 0;
  const size_t n = line.size();
  auto next_is = [&](char c) { return i + 1 < n && line[i + 1] == c; };
  while (i < n) {
    char c = line[i];
    switch (state_) {
      case State::kNormal:
        if (buf_.empty() && std::isspace(static_cast<unsigned char>(c))) {
          ++i;  // whitespace before a statement is not part of it
        } else if (c == '-' && next_is('-')) {
          if (!buf_.empty()) Add(line.substr(i));  // leading comments are dropped
          i = n;
        } else if (c == '/' && next_is('*')) {
          state_ = State::kBlockComment;
          comment_depth_ = 1;
          Add("/*");
          i += 2;
        } else if (c == '\'') {
          bool escape = !buf_.empty() && (buf_.back() == 'E' || buf_.back() == 'e') &&
                        (buf_.size() == 1 || !IdentChar(buf_[buf_.size() - 2]));
          state_ = escape ? State::kEscapeString : State::kSingle;
          Add(c);
          ++i;
        } else if (c == '"') {
          state_ = State::kDouble;
          Add(c);
          ++i;
        } else if (c == '$' && (buf_.empty() || !IdentChar(buf_.back()))) {
          size_t j = i + 1;
          if (j < n && TagStart(line[j])) {
            while (j < n && IdentChar(line[j]) && line[j] != '$') ++j;
          }
          if (j < n && line[j] == '$') {
            dollar_tag_ = std::string(line.substr(i, j - i + 1));
            Add(dollar_tag_);
            state_ = State::kDollar;
            i = j + 1;
          } else {
            Add(c);
            ++i;
          }
        } else if (c == '(') {
          ++paren_depth_;
          Add(c);
          ++i;
        } else if (c == ')') {
          if (paren_depth_ > 0) --paren_depth_;
          Add(c);
          ++i;
        } else if (c == ';' && paren_depth_ == 0) {
          Add(c);
          pieces.push_back({Piece::Kind::kStatement, std::move(buf_)});
          buf_.clear();
          pending_newline_ = false;
          ++i;
        } else if (c == '\\') {
          pieces.push_back({Piece::Kind::kMeta, std::string(line.substr(i + 1))});
          i = n;
        } else {
          Add(c);
          ++i;
        }
        break;
      case State::kSingle:
      case State::kDouble: {
        char quote = state_ == State::kSingle ? '\'' : '"';
        Add(c);
        ++i;
        if (c == quote) {
          if (i < n && line[i] == quote) {  // doubled quote: still inside
            Add(quote);
            ++i;
          } else {
            state_ = State::kNormal;
          }
        }
        break;
      }
      case State::kEscapeString:
        Add(c);
        ++i;
        if (c == '\\' && i < n) {
          Add(line[i++]);
        } else if (c == '\'') {
          if (i < n && line[i] == '\'') {
            Add('\'');
            ++i;
          } else {
            state_ = State::kNormal;
          }
        }
        break;
      case State::kDollar:
        if (line.substr(i, dollar_tag_.size()) == dollar_tag_) {
          Add(dollar_tag_);
          i += dollar_tag_.size();
          state_ = State::kNormal;
        } else {
          Add(c);
          ++i;
        }
        break;
      case State::kBlockComment:
        if (c == '/' && next_is('*')) {
          ++comment_depth_;
          Add("/*");
          i += 2;
        } else if (c == '*' && next_is('/')) {
          Add("*/");
          i += 2;
          if (--comment_depth_ == 0) state_ = State::kNormal;
        } else {
          Add(c);
          ++i;
        }
        break;
    }
  }
  return pieces;
}

}  // namespace zijin::client
