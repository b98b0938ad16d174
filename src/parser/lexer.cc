// Tokenizes SQL text.
#include "parser/lexer.h"

#include <cctype>

namespace zijin::parser {
namespace {

bool IsIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentChar(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

int CharPosition(std::string_view sql, int byte) {
  int pos = 1;
  for (int i = 0; i < byte && i < static_cast<int>(sql.size()); ++i) {
    if ((static_cast<unsigned char>(sql[static_cast<size_t>(i)]) & 0xC0) != 0x80) ++pos;
  }
  return pos;
}

Status LexError(std::string_view sql, int at, const std::string& msg) {
  return Status::Error(sqlstate::kSyntaxError, msg).WithPosition(CharPosition(sql, at));
}

bool IsOpChar(char c) {
  return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

Result<std::vector<Token>> Lex(std::string_view sql) {
  std::vector<Token> out;
  size_t i = 0, n = sql.size();
  auto at = [&](size_t k) -> char { return k < n ? sql[k] : '\0'; };
  while (i < n) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '-' && at(i + 1) == '-') {
      while (i < n && sql[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && at(i + 1) == '*') {
      size_t start = i;
      int depth = 0;
      while (i < n) {
        if (sql[i] == '/' && at(i + 1) == '*') {
          ++depth;
          i += 2;
        } else if (sql[i] == '*' && at(i + 1) == '/') {
          --depth;
          i += 2;
          if (depth == 0) break;
        } else {
          ++i;
        }
      }
      if (depth != 0) {
        return LexError(sql, static_cast<int>(start), "unterminated /* comment at or near \"" +
                                                          std::string(sql.substr(start)) + "\"");
      }
      continue;
    }
    Token t;
    t.begin = static_cast<int>(i);
    // String constants: '...', E'...', N'...', X'...', B'...'.
    bool escape_string = false;
    if ((c == 'e' || c == 'E') && at(i + 1) == '\'') {
      escape_string = true;
      ++i;
      c = '\'';
    } else if ((c == 'n' || c == 'N') && at(i + 1) == '\'') {
      ++i;
      c = '\'';
    }
    if (c == '\'') {
      size_t start = i;
      ++i;
      std::string val;
      for (;;) {
        if (i >= n) {
          return LexError(sql, t.begin, "unterminated quoted string at or near \"" +
                                            std::string(sql.substr(static_cast<size_t>(t.begin))) +
                                            "\"");
        }
        char d = sql[i];
        if (d == '\'') {
          if (at(i + 1) == '\'') {
            val.push_back('\'');
            i += 2;
            continue;
          }
          ++i;
          // Adjacent string constants separated by a newline are concatenated.
          size_t k = i;
          bool newline = false;
          while (k < n && std::isspace(static_cast<unsigned char>(sql[k]))) {
            newline |= sql[k] == '\n';
            ++k;
          }
          if (newline && k < n && sql[k] == '\'') {
            i = k + 1;
            continue;
          }
          break;
        }
        if (escape_string && d == '\\' && i + 1 < n) {
          char e = sql[i + 1];
          i += 2;
          switch (e) {
            case 'n': val.push_back('\n'); break;
            case 't': val.push_back('\t'); break;
            case 'r': val.push_back('\r'); break;
            case 'b': val.push_back('\b'); break;
            case 'f': val.push_back('\f'); break;
            case 'x': {
              int v = 0, k = 0;
              while (k < 2 && i < n && std::isxdigit(static_cast<unsigned char>(sql[i]))) {
                char h = sql[i++];
                v = v * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0'
                                                                          : std::tolower(h) - 'a' + 10);
                ++k;
              }
              val.push_back(static_cast<char>(v));
              break;
            }
            case 'u':
            case 'U': {
              int digits = e == 'u' ? 4 : 8;
              uint32_t cp = 0;
              for (int k = 0; k < digits && i < n; ++k) {
                char h = sql[i++];
                cp = cp * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(h))
                                                         ? h - '0'
                                                         : std::tolower(h) - 'a' + 10);
              }
              AppendUtf8(cp, &val);
              break;
            }
            default:
              if (e >= '0' && e <= '7') {
                int v = e - '0';
                for (int k = 0; k < 2 && i < n && sql[i] >= '0' && sql[i] <= '7'; ++k) {
                  v = v * 8 + (sql[i++] - '0');
                }
                val.push_back(static_cast<char>(v));
              } else {
                val.push_back(e);
              }
          }
          continue;
        }
        val.push_back(d);
        ++i;
      }
      (void)start;
      t.kind = TokenKind::kString;
      t.text = std::move(val);
      t.end = static_cast<int>(i);
      out.push_back(std::move(t));
      continue;
    }
    // Dollar-quoted strings and $n parameters.
    if (c == '$') {
      if (std::isdigit(static_cast<unsigned char>(at(i + 1)))) {
        size_t j = i + 1;
        while (j < n && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
        t.kind = TokenKind::kParam;
        t.text = std::string(sql.substr(i + 1, j - i - 1));
        t.end = static_cast<int>(j);
        i = j;
        out.push_back(std::move(t));
        continue;
      }
      size_t j = i + 1;
      while (j < n && IsIdentChar(static_cast<unsigned char>(sql[j])) && sql[j] != '$') ++j;
      if (at(j) == '$') {
        std::string tag(sql.substr(i, j - i + 1));
        size_t close = sql.find(tag, j + 1);
        if (close == std::string_view::npos) {
          return LexError(sql, t.begin, "unterminated dollar-quoted string at or near \"" +
                                            std::string(sql.substr(i)) + "\"");
        }
        t.kind = TokenKind::kString;
        t.text = std::string(sql.substr(j + 1, close - j - 1));
        i = close + tag.size();
        t.end = static_cast<int>(i);
        out.push_back(std::move(t));
        continue;
      }
    }
    if (c == '"') {
      std::string val;
      ++i;
      for (;;) {
        if (i >= n) {
          return LexError(sql, t.begin, "unterminated quoted identifier at or near \"" +
                                            std::string(sql.substr(static_cast<size_t>(t.begin))) +
                                            "\"");
        }
        if (sql[i] == '"') {
          if (at(i + 1) == '"') {
            val.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        val.push_back(sql[i++]);
      }
      if (val.empty()) return LexError(sql, t.begin, "zero-length delimited identifier at or near \"\"\"\"");
      t.kind = TokenKind::kQuotedIdent;
      t.text = std::move(val);
      t.end = static_cast<int>(i);
      out.push_back(std::move(t));
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && std::isdigit(static_cast<unsigned char>(at(i + 1))))) {
      size_t j = i;
      bool is_numeric = false;
      while (j < n && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      if (at(j) == '.' && at(j + 1) != '.') {
        is_numeric = true;
        ++j;
        while (j < n && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      }
      if ((at(j) == 'e' || at(j) == 'E') &&
          (std::isdigit(static_cast<unsigned char>(at(j + 1))) ||
           ((at(j + 1) == '+' || at(j + 1) == '-') &&
            std::isdigit(static_cast<unsigned char>(at(j + 2)))))) {
        is_numeric = true;
        j += 2;
        while (j < n && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      }
      if (j < n && IsIdentStart(static_cast<unsigned char>(sql[j]))) {
        size_t k = j;
        while (k < n && IsIdentChar(static_cast<unsigned char>(sql[k]))) ++k;
        return LexError(sql, t.begin, "trailing junk after numeric literal at or near \"" +
                                          std::string(sql.substr(i, k - i)) + "\"");
      }
      t.kind = is_numeric ? TokenKind::kNumeric : TokenKind::kInteger;
      t.text = std::string(sql.substr(i, j - i));
      t.end = static_cast<int>(j);
      i = j;
      out.push_back(std::move(t));
      continue;
    }
    if (IsIdentStart(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < n && IsIdentChar(static_cast<unsigned char>(sql[j]))) ++j;
      t.kind = TokenKind::kIdent;
      t.text = std::string(sql.substr(i, j - i));
      for (char& ch : t.text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      t.end = static_cast<int>(j);
      i = j;
      out.push_back(std::move(t));
      continue;
    }
    // Operators: the longest run of operator characters, with PostgreSQL's rule that a
    // multi-character operator cannot end in + or - unless it contains ~ ! @ # % ^ & | ` ?.
    if (IsOpChar(c)) {
      size_t j = i;
      while (j < n && IsOpChar(sql[j])) {
        if ((sql[j] == '-' && at(j + 1) == '-') || (sql[j] == '/' && at(j + 1) == '*')) break;
        ++j;
      }
      std::string op(sql.substr(i, j - i));
      while (op.size() > 1 && (op.back() == '+' || op.back() == '-') &&
             op.find_first_of("~!@#%^&|`?") == std::string::npos) {
        op.pop_back();
      }
      t.kind = TokenKind::kOp;
      t.text = op;
      i += op.size();
      t.end = static_cast<int>(i);
      out.push_back(std::move(t));
      continue;
    }
    if (c == ':' && (at(i + 1) == ':' || at(i + 1) == '=')) {
      // "::" casts; ":=" names a function argument, as "=>" does.
      t.kind = TokenKind::kOp;
      t.text = at(i + 1) == ':' ? "::" : ":=";
      i += 2;
      t.end = static_cast<int>(i);
      out.push_back(std::move(t));
      continue;
    }
    if (std::string_view("(),;.[]:").find(c) != std::string_view::npos) {
      t.kind = TokenKind::kOp;
      t.text = std::string(1, c);
      ++i;
      t.end = static_cast<int>(i);
      out.push_back(std::move(t));
      continue;
    }
    return LexError(sql, static_cast<int>(i),
                    "syntax error at or near \"" + std::string(1, c) + "\"");
  }
  Token end;
  end.kind = TokenKind::kEnd;
  end.begin = end.end = static_cast<int>(n);
  out.push_back(end);
  return out;
}

}  // namespace zijin::parser
