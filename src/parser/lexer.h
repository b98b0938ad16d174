// The SQL lexer: PostgreSQL's lexical rules (identifiers, keywords, literals, operators).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace zijin::parser {

enum class TokenKind : uint8_t {
  kIdent,     // unquoted identifier or keyword: text is lower-cased
  kQuotedIdent,
  kInteger,
  kNumeric,
  kString,    // text is the unescaped value
  kParam,     // $n
  kOp,        // operators and punctuation: ( ) , ; . [ ] :: + - * / ...
  kEnd,
};

struct Token {
  TokenKind kind;
  std::string text;
  int begin = 0, end = 0;  // byte offsets in the input
};

Result<std::vector<Token>> Lex(std::string_view sql);

}  // namespace zijin::parser
