// String functions that quote, format and match regular expressions.
#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <regex>

#include "common/identifiers.h"
#include "exec/functions/builtins.h"
#include "exec/functions/like.h"
#include "types/array.h"

namespace zijin::exec::builtins {
namespace {

std::string_view Str(const Value& v) { return v.GetString(); }

std::string QuoteIdent(std::string_view s) { return common::QuoteIdentifier(s); }

std::string QuoteLiteral(std::string_view s) {
  std::string out;
  if (s.find('\\') != std::string_view::npos) out.push_back('E');
  out.push_back('\'');
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

Result<Value> FnQuoteIdent(const Value* a, size_t, FunctionContext&) {
  return Value::Text(QuoteIdent(Str(a[0])));
}

Result<Value> FnQuoteLiteral(const Value* a, size_t, FunctionContext& ctx) {
  return Value::Text(QuoteLiteral(ValueText(a[0], ctx)));
}

Result<Value> FnQuoteNullable(const Value* a, size_t, FunctionContext& ctx) {
  if (a[0].is_null()) return Value::Text("NULL");
  return Value::Text(QuoteLiteral(ValueText(a[0], ctx)));
}

Status FormatError(std::string message) {
  return std::move(Status::Error(sqlstate::kInvalidParameterValue, std::move(message)))
      .WithHint("For a single \"%\" use \"%%\".");
}

Status TooFewArgs() {
  return Status::Error(sqlstate::kInvalidParameterValue, "too few arguments for format()");
}

// Parses a decimal number at fmt[*i]; returns -1 when there is none.
int64_t ParseNum(std::string_view fmt, size_t* i) {
  if (*i >= fmt.size() || fmt[*i] < '0' || fmt[*i] > '9') return -1;
  int64_t n = 0;
  while (*i < fmt.size() && fmt[*i] >= '0' && fmt[*i] <= '9') {
    n = std::min<int64_t>(n * 10 + (fmt[*i] - '0'), INT32_MAX);
    ++*i;
  }
  return n;
}

// format(fmt, args...): %[n$][-][width]{s,I,L} and %%, as PostgreSQL's text_format.
Result<Value> FnFormat(const Value* a, size_t n, FunctionContext& ctx) {
  if (a[0].is_null()) return Value::Null(TypeId::kText);
  std::string_view fmt = Str(a[0]);
  std::string out;
  size_t next_arg = 1;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      out.push_back(fmt[i]);
      continue;
    }
    if (++i >= fmt.size()) return FormatError("unterminated format() type specifier");
    if (fmt[i] == '%') {
      out.push_back('%');
      continue;
    }
    // Optional "n$" argument position; a bare number is a width.
    size_t save = i;
    int64_t num = ParseNum(fmt, &i);
    if (num >= 0 && i < fmt.size() && fmt[i] == '$') {
      if (num == 0) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "format specifies argument 0, but arguments are numbered from 1");
      }
      next_arg = static_cast<size_t>(num);
      ++i;
    } else {
      i = save;
    }
    bool left_align = false;
    while (i < fmt.size() && fmt[i] == '-') {
      left_align = true;
      ++i;
    }
    int64_t width = 0;
    if (i < fmt.size() && fmt[i] == '*') {
      ++i;
      size_t wsave = i;
      int64_t wpos = ParseNum(fmt, &i);
      size_t warg = next_arg;
      if (wpos >= 0 && i < fmt.size() && fmt[i] == '$') {
        warg = static_cast<size_t>(wpos);
        ++i;
      } else {
        i = wsave;
        ++next_arg;
      }
      if (warg >= n) return TooFewArgs();
      if (!a[warg].is_null()) {
        width = a[warg].GetInt();
        if (width < 0) {
          left_align = true;
          width = -width;
        }
      }
    } else {
      width = std::max<int64_t>(ParseNum(fmt, &i), 0);
    }
    if (i >= fmt.size()) return FormatError("unterminated format() type specifier");
    char type = fmt[i];
    if (type != 's' && type != 'I' && type != 'L') {
      size_t len = Utf8CharLen(fmt[i]);
      return FormatError("unrecognized format() type specifier \"" +
                         std::string(fmt.substr(i, len)) + "\"");
    }
    if (next_arg >= n) return TooFewArgs();
    const Value& arg = a[next_arg++];
    std::string piece;
    if (type == 's') {
      if (!arg.is_null()) piece = ValueText(arg, ctx);
    } else if (type == 'I') {
      if (arg.is_null()) {
        return Status::Error(sqlstate::kNullValueNotAllowed,
                             "null values cannot be formatted as an SQL identifier");
      }
      piece = QuoteIdent(ValueText(arg, ctx));
    } else {
      piece = arg.is_null() ? "NULL" : QuoteLiteral(ValueText(arg, ctx));
    }
    int64_t pad = width - static_cast<int64_t>(Utf8Length(piece));
    if (pad > 0 && !left_align) out.append(pad, ' ');
    out += piece;
    if (pad > 0 && left_align) out.append(pad, ' ');
  }
  return Value::Text(std::move(out));
}

// Regular expressions use std::regex's ECMAScript grammar, which agrees with PostgreSQL's
// advanced regular expressions for the common subset (classes, quantifiers, groups, anchors,
// alternation, \d \s \w); POSIX bracket classes such as [[:alpha:]] also work.
struct RegexFlags {
  bool global = false;
  bool icase = false;
};

Result<RegexFlags> ParseFlags(std::string_view flags) {
  RegexFlags f;
  for (char c : flags) {
    switch (c) {
      case 'g':
        f.global = true;
        break;
      case 'i':
        f.icase = true;
        break;
      case 'c':
        f.icase = false;
        break;
      case 'n':
      case 'p':
      case 'w':
      case 's':
      case 't':
        break;
      default:
        return Status::Error(sqlstate::kInvalidParameterValue,
                             std::string("invalid regular expression option: \"") + c + "\"");
    }
  }
  return f;
}

Result<std::regex> Compile(std::string_view pattern, bool icase) {
  auto opts = std::regex::ECMAScript;
  if (icase) opts |= std::regex::icase;
  try {
    return std::regex(pattern.begin(), pattern.end(), opts);
  } catch (const std::regex_error& e) {
    return Status::Error(sqlstate::kInvalidRegularExpression,
                         std::string("invalid regular expression: ") + e.what());
  }
}

// Appends `repl` with \1..\9 and \& substituted from `m`, as PostgreSQL's regexp_replace.
void AppendReplacement(std::string_view repl, const std::cmatch& m, std::string* out) {
  for (size_t i = 0; i < repl.size(); ++i) {
    if (repl[i] != '\\' || i + 1 >= repl.size()) {
      out->push_back(repl[i]);
      continue;
    }
    char c = repl[i + 1];
    if (c >= '1' && c <= '9') {
      size_t k = static_cast<size_t>(c - '0');
      if (k < m.size() && m[k].matched) out->append(m[k].first, m[k].second);
      ++i;
    } else if (c == '&') {
      out->append(m[0].first, m[0].second);
      ++i;
    } else if (c == '\\') {
      out->push_back('\\');
      ++i;
    } else {
      out->push_back('\\');
    }
  }
}

Result<Value> RegexpReplace(std::string_view s, std::string_view pattern, std::string_view repl,
                            std::string_view flags) {
  ZJ_ASSIGN_OR_RETURN(RegexFlags f, ParseFlags(flags));
  ZJ_ASSIGN_OR_RETURN(std::regex re, Compile(pattern, f.icase));
  std::string out;
  const char* pos = s.data();
  const char* end = s.data() + s.size();
  for (std::cregex_iterator it(s.data(), end, re), last; it != last; ++it) {
    const std::cmatch& m = *it;
    out.append(pos, m[0].first);
    AppendReplacement(repl, m, &out);
    pos = m[0].second;
    if (!f.global) break;
  }
  out.append(pos, end);
  return Value::Text(std::move(out));
}

Result<Value> FnRegexpReplace3(const Value* a, size_t, FunctionContext&) {
  return RegexpReplace(Str(a[0]), Str(a[1]), Str(a[2]), "");
}

Result<Value> FnRegexpReplace4(const Value* a, size_t, FunctionContext&) {
  return RegexpReplace(Str(a[0]), Str(a[1]), Str(a[2]), Str(a[3]));
}

Result<Value> RegexpMatch(std::string_view s, std::string_view pattern, std::string_view flags) {
  ZJ_ASSIGN_OR_RETURN(RegexFlags f, ParseFlags(flags));
  if (f.global) {
    return std::move(Status::Error(sqlstate::kInvalidParameterValue,
                                   "regexp_match() does not support the \"global\" option"))
        .WithHint("Use the regexp_matches function instead.");
  }
  ZJ_ASSIGN_OR_RETURN(std::regex re, Compile(pattern, f.icase));
  std::cmatch m;
  if (!std::regex_search(s.data(), s.data() + s.size(), m, re)) {
    return Value::Null(TypeId::kArray);
  }
  types::ArrayData out;
  out.element = LogicalType(TypeId::kText);
  size_t first = m.size() > 1 ? 1 : 0;
  for (size_t k = first; k < m.size(); ++k) {
    out.elements.push_back(m[k].matched ? Value::Text(std::string(m[k].first, m[k].length()))
                                        : Value::Null(TypeId::kText));
  }
  return types::MakeArray(out);
}

Result<Value> FnRegexpMatch2(const Value* a, size_t, FunctionContext&) {
  return RegexpMatch(Str(a[0]), Str(a[1]), "");
}

Result<Value> FnRegexpMatch3(const Value* a, size_t, FunctionContext&) {
  return RegexpMatch(Str(a[0]), Str(a[1]), Str(a[2]));
}

// substring(text FROM pattern): the first parenthesized subexpression's match, or the whole
// match when the pattern has none; NULL when nothing matches.
Result<Value> FnSubstringRegex(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(std::regex re, Compile(Str(a[1]), false));
  std::string_view s = Str(a[0]);
  std::cmatch m;
  if (!std::regex_search(s.data(), s.data() + s.size(), m, re)) {
    return Value::Null(TypeId::kText);
  }
  size_t k = m.size() > 1 ? 1 : 0;
  if (!m[k].matched) return Value::Null(TypeId::kText);
  return Value::Text(std::string(m[k].first, m[k].second));
}

template <bool kIcase, bool kNegate>
Result<Value> FnRegexOp(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(std::regex re, Compile(Str(a[1]), kIcase));
  std::string_view s = Str(a[0]);
  bool found = std::regex_search(s.begin(), s.end(), re);
  return Value::Bool(found != kNegate);
}

template <bool kIcase, bool kNegate>
Result<Value> FnLikeOp(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(bool m, LikeMatch(Str(a[0]), Str(a[1]), '\\', kIcase));
  return Value::Bool(m != kNegate);
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Status UnrecognizedEncoding(std::string_view name) {
  return Status::Error(sqlstate::kInvalidParameterValue,
                       "unrecognized encoding: \"" + std::string(name) + "\"");
}

// encode(bytea, 'hex' | 'base64' | 'escape') as PostgreSQL's binary_encode.
Result<Value> FnEncode(const Value* a, size_t, FunctionContext&) {
  std::string_view data = Str(a[0]), fmt = Str(a[1]);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  if (fmt == "hex") {
    for (unsigned char c : data) {
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  } else if (fmt == "base64") {
    size_t line = 0;
    for (size_t i = 0; i < data.size(); i += 3) {
      uint32_t v = static_cast<unsigned char>(data[i]) << 16;
      if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
      if (i + 2 < data.size()) v |= static_cast<unsigned char>(data[i + 2]);
      if (line >= 76) {
        out.push_back('\n');
        line = 0;
      }
      out.push_back(kBase64[(v >> 18) & 63]);
      out.push_back(kBase64[(v >> 12) & 63]);
      out.push_back(i + 1 < data.size() ? kBase64[(v >> 6) & 63] : '=');
      out.push_back(i + 2 < data.size() ? kBase64[v & 63] : '=');
      line += 4;
    }
  } else if (fmt == "escape") {
    for (unsigned char c : data) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == 0 || c >= 0x80) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\%03o", c);
        out += buf;
      } else {
        out.push_back(static_cast<char>(c));
      }
    }
  } else {
    return UnrecognizedEncoding(fmt);
  }
  return Value::Text(std::move(out));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<Value> FnDecode(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]), fmt = Str(a[1]);
  std::string out;
  if (fmt == "hex") {
    for (size_t i = 0; i < s.size();) {
      if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
        ++i;
        continue;
      }
      int hi = HexValue(s[i]);
      if (hi < 0) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal digit: \"" + std::string(1, s[i]) + "\"");
      }
      if (i + 1 >= s.size()) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal data: odd number of digits");
      }
      int lo = HexValue(s[i + 1]);
      if (lo < 0) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal digit: \"" + std::string(1, s[i + 1]) + "\"");
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  } else if (fmt == "base64") {
    uint32_t acc = 0;
    int bits = 0;
    for (char c : s) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '=') continue;
      const char* p = std::strchr(kBase64, c);
      if (p == nullptr || c == '\0') {
        return Status::Error(
            sqlstate::kInvalidParameterValue,
            "invalid symbol \"" + std::string(1, c) + "\" found while decoding base64 sequence");
      }
      acc = (acc << 6) | static_cast<uint32_t>(p - kBase64);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push_back(static_cast<char>((acc >> bits) & 0xff));
      }
    }
  } else if (fmt == "escape") {
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '\\') {
        out.push_back(s[i]);
      } else if (i + 1 < s.size() && s[i + 1] == '\\') {
        out.push_back('\\');
        ++i;
      } else if (i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' &&
                 s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
        out.push_back(
            static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
        i += 3;
      } else {
        return Status::Error(sqlstate::kInvalidTextRepresentation,
                             "invalid input syntax for type bytea");
      }
    }
  } else {
    return UnrecognizedEncoding(fmt);
  }
  return Value::Bytea(std::move(out));
}

template <const EVP_MD* (*kDigest)()>
Result<Value> FnDigest(const Value* a, size_t, FunctionContext&) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  std::string_view s = Str(a[0]);
  if (EVP_Digest(s.data(), s.size(), digest, &len, kDigest(), nullptr) != 1) {
    return Status::Internal("could not compute hash");
  }
  return Value::Bytea(std::string(reinterpret_cast<const char*>(digest), len));
}

}  // namespace

void AddStringFunctions2(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText), boolean(TypeId::kBool), any(kAnyArg);
  const LogicalType bytea(TypeId::kBytea);
  out->push_back(Fn("quote_ident", {text}, text, FnQuoteIdent));
  out->push_back(Fn("quote_literal", {text}, text, FnQuoteLiteral));
  out->push_back(Stable(Fn("quote_literal", {any}, text, FnQuoteLiteral)));
  out->push_back(NonStrict(Fn("quote_nullable", {text}, text, FnQuoteNullable)));
  out->push_back(Stable(NonStrict(Fn("quote_nullable", {any}, text, FnQuoteNullable))));
  out->push_back(Stable(NonStrict(Fn("format", {text}, text, FnFormat))));
  out->push_back(Stable(NonStrict(Variadic(Fn("format", {text, any}, text, FnFormat)))));
  out->push_back(Fn("regexp_replace", {text, text, text}, text, FnRegexpReplace3));
  out->push_back(Fn("regexp_replace", {text, text, text, text}, text, FnRegexpReplace4));
  const LogicalType text_array = LogicalType::Array(text);
  out->push_back(Fn("regexp_match", {text, text}, text_array, FnRegexpMatch2));
  out->push_back(Fn("substring", {text, text}, text, FnSubstringRegex));
  out->push_back(Fn("regexp_match", {text, text, text}, text_array, FnRegexpMatch3));
  out->push_back(Fn("textregexeq", {text, text}, boolean, FnRegexOp<false, false>));
  out->push_back(Fn("textregexne", {text, text}, boolean, FnRegexOp<false, true>));
  out->push_back(Fn("texticregexeq", {text, text}, boolean, FnRegexOp<true, false>));
  out->push_back(Fn("texticregexne", {text, text}, boolean, FnRegexOp<true, true>));
  out->push_back(Fn("textlike", {text, text}, boolean, FnLikeOp<false, false>));
  out->push_back(Fn("textnlike", {text, text}, boolean, FnLikeOp<false, true>));
  out->push_back(Fn("texticlike", {text, text}, boolean, FnLikeOp<true, false>));
  out->push_back(Fn("texticnlike", {text, text}, boolean, FnLikeOp<true, true>));
  out->push_back(Fn("like", {text, text}, boolean, FnLikeOp<false, false>));
  out->push_back(Fn("encode", {bytea, text}, text, FnEncode));
  out->push_back(Fn("decode", {text, text}, bytea, FnDecode));
  out->push_back(Fn("sha224", {bytea}, bytea, FnDigest<EVP_sha224>));
  out->push_back(Fn("sha256", {bytea}, bytea, FnDigest<EVP_sha256>));
  out->push_back(Fn("sha384", {bytea}, bytea, FnDigest<EVP_sha384>));
  out->push_back(Fn("sha512", {bytea}, bytea, FnDigest<EVP_sha512>));
  out->push_back(Fn("notlike", {text, text}, boolean, FnLikeOp<false, true>));
}

}  // namespace zijin::exec::builtins
