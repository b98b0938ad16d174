// String functions: length, case, substrings, padding, trimming, concat and friends.
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "exec/functions/builtins.h"

namespace zijin::exec::builtins {

size_t Utf8CharLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xe0) == 0xc0) return 2;
  if ((c & 0xf0) == 0xe0) return 3;
  if ((c & 0xf8) == 0xf0) return 4;
  return 1;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += Utf8CharLen(s[i])) ++n;
  return n;
}

size_t Utf8Offset(std::string_view s, int64_t n) {
  size_t i = 0;
  while (n > 0 && i < s.size()) {
    i += Utf8CharLen(s[i]);
    --n;
  }
  return std::min(i, s.size());
}

uint32_t Utf8Decode(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  size_t len = Utf8CharLen(c);
  if (len == 1 || *i + len > s.size()) {
    ++*i;
    return c;
  }
  uint32_t cp = c & (0xff >> (len + 1));
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3f);
  *i += len;
  return cp;
}

void Utf8Append(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

Status OutOfRange(std::string_view what) {
  return Status::Error(sqlstate::kNumericValueOutOfRange, std::string(what) + " out of range");
}

namespace {

// Simple case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic: what a UTF-8
// locale does for the scripts most data uses (full Unicode tables are not carried).
uint32_t ToLowerCp(uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if ((c >= 0xc0 && c <= 0xde && c != 0xd7)) return c + 32;
  if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x138 && c != 0x149 && c != 0x17f) {
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
    if (odd_upper) return (c % 2 == 1) ? c + 1 : c;
    return (c % 2 == 0) ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3ab && c != 0x3a2) return c + 32;
  if (c >= 0x410 && c <= 0x42f) return c + 32;
  if (c >= 0x400 && c <= 0x40f) return c + 80;
  return c;
}

uint32_t ToUpperCp(uint32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 32;
  if (c >= 0x100 && c <= 0x17f && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17f) {
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
    if (odd_upper) return (c % 2 == 0) ? c - 1 : c;
    return (c % 2 == 1) ? c - 1 : c;
  }
  if (c >= 0x3b1 && c <= 0x3cb && c != 0x3c2) return c - 32;
  if (c >= 0x430 && c <= 0x44f) return c - 32;
  if (c >= 0x450 && c <= 0x45f) return c - 80;
  return c;
}

bool IsAlnumCp(uint32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0;
  if (c < 0xc0) return c == 0xaa || c == 0xb5 || c == 0xba;
  if (c == 0xd7 || c == 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;  // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303f) return false;  // CJK punctuation
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return true;
}

template <uint32_t (*Map)(uint32_t)>
std::string MapCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) Utf8Append(Map(Utf8Decode(s, &i)), &out);
  return out;
}

std::string_view Str(const Value& v) { return v.GetString(); }
int64_t Int(const Value& v) { return v.GetInt(); }

Result<Value> FnLength(const Value* a, size_t, FunctionContext&) {
  return Value::Int32(static_cast<int32_t>(Utf8Length(Str(a[0]))));
}

Result<Value> FnBpcharLength(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return Value::Int32(static_cast<int32_t>(Utf8Length(s)));
}

Result<Value> FnOctetLength(const Value* a, size_t, FunctionContext&) {
  return Value::Int32(static_cast<int32_t>(Str(a[0]).size()));
}

Result<Value> FnLower(const Value* a, size_t, FunctionContext&) {
  return Value::Text(LowerUtf8(Str(a[0])));
}

Result<Value> FnUpper(const Value* a, size_t, FunctionContext&) {
  return Value::Text(MapCase<ToUpperCp>(Str(a[0])));
}

Result<Value> FnInitcap(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]);
  std::string out;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    uint32_t c = Utf8Decode(s, &i);
    Utf8Append(in_word ? ToLowerCp(c) : ToUpperCp(c), &out);
    in_word = IsAlnumCp(c);
  }
  return Value::Text(std::move(out));
}

Status NegativeLength() { return Status::Error("22011", "negative substring length not allowed"); }

// Characters [start, start + count) of s, 1-based, as SQL's SUBSTRING defines them.
Result<Value> Substring(std::string_view s, int64_t start, int64_t count, bool has_count) {
  if (has_count && count < 0) return NegativeLength();
  int64_t end = has_count ? start + count : INT64_MAX;
  if (has_count && count > 0 && start > INT64_MAX - count) end = INT64_MAX;
  int64_t from = std::max<int64_t>(start, 1);
  if (end <= from) return Value::Text("");
  size_t b = Utf8Offset(s, from - 1);
  size_t e = end == INT64_MAX ? s.size() : b + Utf8Offset(s.substr(b), end - from);
  return Value::Text(std::string(s.substr(b, e - b)));
}

Result<Value> FnSubstr2(const Value* a, size_t, FunctionContext&) {
  return Substring(Str(a[0]), Int(a[1]), 0, false);
}

Result<Value> FnSubstr3(const Value* a, size_t, FunctionContext&) {
  return Substring(Str(a[0]), Int(a[1]), Int(a[2]), true);
}

Result<Value> FnByteaSubstr2(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]);
  int64_t from = std::max<int64_t>(Int(a[1]), 1) - 1;
  if (from >= static_cast<int64_t>(s.size())) return Value::Bytea("");
  return Value::Bytea(std::string(s.substr(from)));
}

Result<Value> FnByteaSubstr3(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]);
  int64_t start = Int(a[1]), count = Int(a[2]);
  if (count < 0) return NegativeLength();
  int64_t end = std::min<int64_t>(start + count, static_cast<int64_t>(s.size()) + 1);
  int64_t from = std::max<int64_t>(start, 1);
  if (end <= from) return Value::Bytea("");
  return Value::Bytea(std::string(s.substr(from - 1, end - from)));
}

Result<Value> FnStrpos(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]), sub = Str(a[1]);
  size_t pos = s.find(sub);
  if (pos == std::string_view::npos) return Value::Int32(0);
  return Value::Int32(static_cast<int32_t>(Utf8Length(s.substr(0, pos)) + 1));
}

Result<Value> FnReplace(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]), from = Str(a[1]), to = Str(a[2]);
  if (from.empty()) return Value::Text(std::string(s));
  std::string out;
  size_t i = 0;
  for (size_t p; (p = s.find(from, i)) != std::string_view::npos; i = p + from.size()) {
    out.append(s.substr(i, p - i));
    out.append(to);
  }
  out.append(s.substr(i));
  return Value::Text(std::move(out));
}

std::vector<std::string_view> SplitChars(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = std::min(Utf8CharLen(s[i]), s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

Result<Value> FnTranslate(const Value* a, size_t, FunctionContext&) {
  std::vector<std::string_view> s = SplitChars(Str(a[0]));
  std::vector<std::string_view> from = SplitChars(Str(a[1]));
  std::vector<std::string_view> to = SplitChars(Str(a[2]));
  std::string out;
  for (std::string_view c : s) {
    auto it = std::find(from.begin(), from.end(), c);
    if (it == from.end()) {
      out.append(c);
    } else if (size_t k = it - from.begin(); k < to.size()) {
      out.append(to[k]);
    }
  }
  return Value::Text(std::move(out));
}

enum TrimSide { kLeft = 1, kRight = 2, kBoth = 3 };

std::string Trim(std::string_view s, std::string_view set, int side) {
  std::vector<std::string_view> chars = SplitChars(set);
  auto in_set = [&](std::string_view c) {
    return std::find(chars.begin(), chars.end(), c) != chars.end();
  };
  std::vector<std::string_view> sc = SplitChars(s);
  size_t b = 0, e = sc.size();
  if (side & kLeft) {
    while (b < e && in_set(sc[b])) ++b;
  }
  if (side & kRight) {
    while (e > b && in_set(sc[e - 1])) --e;
  }
  if (b == e) return "";
  size_t start = sc[b].data() - s.data();
  size_t end = sc[e - 1].data() + sc[e - 1].size() - s.data();
  return std::string(s.substr(start, end - start));
}

template <int kSide>
Result<Value> FnTrim1(const Value* a, size_t, FunctionContext&) {
  return Value::Text(Trim(Str(a[0]), " ", kSide));
}

template <int kSide>
Result<Value> FnTrim2(const Value* a, size_t, FunctionContext&) {
  return Value::Text(Trim(Str(a[0]), Str(a[1]), kSide));
}

Result<Value> Pad(std::string_view s, int64_t len, std::string_view fill, bool left) {
  if (len < 0) len = 0;
  if (len > (int64_t{1} << 28)) {
    return Status::Error(sqlstate::kProgramLimitExceeded, "requested length too large");
  }
  size_t slen = Utf8Length(s);
  if (static_cast<int64_t>(slen) >= len || fill.empty()) {
    return Value::Text(std::string(s.substr(0, Utf8Offset(s, len))));
  }
  std::vector<std::string_view> fc = SplitChars(fill);
  std::string pad;
  for (int64_t i = 0; i < len - static_cast<int64_t>(slen); ++i) pad.append(fc[i % fc.size()]);
  return Value::Text(left ? pad + std::string(s) : std::string(s) + pad);
}

Result<Value> FnLpad2(const Value* a, size_t, FunctionContext&) {
  return Pad(Str(a[0]), Int(a[1]), " ", true);
}
Result<Value> FnLpad3(const Value* a, size_t, FunctionContext&) {
  return Pad(Str(a[0]), Int(a[1]), Str(a[2]), true);
}
Result<Value> FnRpad2(const Value* a, size_t, FunctionContext&) {
  return Pad(Str(a[0]), Int(a[1]), " ", false);
}
Result<Value> FnRpad3(const Value* a, size_t, FunctionContext&) {
  return Pad(Str(a[0]), Int(a[1]), Str(a[2]), false);
}

Result<Value> FnConcat(const Value* a, size_t n, FunctionContext& ctx) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (!a[i].is_null()) out += ValueText(a[i], ctx);
  }
  return Value::Text(std::move(out));
}

Result<Value> FnConcatWs(const Value* a, size_t n, FunctionContext& ctx) {
  if (a[0].is_null()) return Value::Null(TypeId::kText);
  std::string out;
  bool first = true;
  for (size_t i = 1; i < n; ++i) {
    if (a[i].is_null()) continue;
    if (!first) out += Str(a[0]);
    out += ValueText(a[i], ctx);
    first = false;
  }
  return Value::Text(std::move(out));
}

Result<Value> FnTextcat(const Value* a, size_t, FunctionContext&) {
  std::string out(Str(a[0]));
  out += Str(a[1]);
  return Value::Text(std::move(out));
}

Result<Value> FnByteacat(const Value* a, size_t, FunctionContext&) {
  std::string out(Str(a[0]));
  out += Str(a[1]);
  return Value::Bytea(std::move(out));
}

Result<Value> FnLeft(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]);
  int64_t n = Int(a[1]);
  if (n < 0) n = std::max<int64_t>(0, static_cast<int64_t>(Utf8Length(s)) + n);
  return Value::Text(std::string(s.substr(0, Utf8Offset(s, n))));
}

Result<Value> FnRight(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]);
  int64_t len = static_cast<int64_t>(Utf8Length(s));
  int64_t n = Int(a[1]);
  int64_t skip = n < 0 ? std::min(-n, len) : std::max<int64_t>(0, len - n);
  return Value::Text(std::string(s.substr(Utf8Offset(s, skip))));
}

Result<Value> FnRepeat(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]);
  int64_t n = Int(a[1]);
  if (n <= 0 || s.empty()) return Value::Text("");
  if (static_cast<double>(n) * static_cast<double>(s.size()) > (1 << 30) - 1) {
    return Status::Error(sqlstate::kProgramLimitExceeded, "requested length too large");
  }
  std::string out;
  out.reserve(s.size() * n);
  for (int64_t i = 0; i < n; ++i) out.append(s);
  return Value::Text(std::move(out));
}

Result<Value> FnSplitPart(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]), d = Str(a[1]);
  int64_t n = Int(a[2]);
  if (n == 0) {
    return Status::Error(sqlstate::kInvalidParameterValue, "field position must not be zero");
  }
  if (s.empty()) return Value::Text("");
  if (d.empty()) return Value::Text((n == 1 || n == -1) ? std::string(s) : "");
  std::vector<std::string_view> parts;
  size_t i = 0;
  for (size_t p; (p = s.find(d, i)) != std::string_view::npos; i = p + d.size()) {
    parts.push_back(s.substr(i, p - i));
  }
  parts.push_back(s.substr(i));
  int64_t k = n > 0 ? n - 1 : static_cast<int64_t>(parts.size()) + n;
  if (k < 0 || k >= static_cast<int64_t>(parts.size())) return Value::Text("");
  return Value::Text(std::string(parts[k]));
}

Result<Value> FnReverse(const Value* a, size_t, FunctionContext&) {
  std::vector<std::string_view> c = SplitChars(Str(a[0]));
  std::string out;
  for (auto it = c.rbegin(); it != c.rend(); ++it) out.append(*it);
  return Value::Text(std::move(out));
}

Result<Value> FnMd5(const Value* a, size_t, FunctionContext&) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  std::string_view s = Str(a[0]);
  if (EVP_Digest(s.data(), s.size(), digest, &len, EVP_md5(), nullptr) != 1) {
    return Status::Internal("could not compute MD5 hash");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return Value::Text(std::move(out));
}

Result<Value> FnAscii(const Value* a, size_t, FunctionContext&) {
  std::string_view s = Str(a[0]);
  if (s.empty()) return Value::Int32(0);
  size_t i = 0;
  return Value::Int32(static_cast<int32_t>(Utf8Decode(s, &i)));
}

Result<Value> FnChr(const Value* a, size_t, FunctionContext&) {
  int64_t c = Int(a[0]);
  if (c < 0) {
    return Status::Error(sqlstate::kInvalidParameterValue, "character number must be positive");
  }
  if (c == 0) return Status::Error(sqlstate::kProgramLimitExceeded, "null character not permitted");
  if (c > 0x10ffff) {
    return Status::Error(sqlstate::kProgramLimitExceeded,
                         "requested character too large for encoding: " + std::to_string(c));
  }
  if (c >= 0xd800 && c <= 0xdfff) {
    return Status::Error(sqlstate::kProgramLimitExceeded,
                         "requested character not valid for encoding: " + std::to_string(c));
  }
  std::string out;
  Utf8Append(static_cast<uint32_t>(c), &out);
  return Value::Text(std::move(out));
}

Result<Value> FnStartsWith(const Value* a, size_t, FunctionContext&) {
  return Value::Bool(Str(a[0]).starts_with(Str(a[1])));
}

Result<Value> FnToHex(const Value* a, size_t, FunctionContext&) {
  uint64_t v = a[0].type() == TypeId::kInt32 ? static_cast<uint32_t>(Int(a[0]))
                                             : static_cast<uint64_t>(Int(a[0]));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  do {
    out.push_back(kHex[v & 15]);
    v >>= 4;
  } while (v != 0);
  std::reverse(out.begin(), out.end());
  return Value::Text(std::move(out));
}

}  // namespace

std::string LowerUtf8(std::string_view s) { return MapCase<ToLowerCp>(s); }

void AddStringFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText), i4(TypeId::kInt32), i8(TypeId::kInt64);
  const LogicalType bpchar(TypeId::kChar), bytea(TypeId::kBytea), boolean(TypeId::kBool);
  for (const char* name : {"length", "char_length", "character_length"}) {
    out->push_back(Fn(name, {text}, i4, FnLength));
    out->push_back(Fn(name, {bpchar}, i4, FnBpcharLength));
  }
  out->push_back(Fn("length", {bytea}, i4, FnOctetLength));
  out->push_back(Fn("octet_length", {text}, i4, FnOctetLength));
  out->push_back(Fn("octet_length", {bpchar}, i4, FnOctetLength));
  out->push_back(Fn("octet_length", {bytea}, i4, FnOctetLength));
  out->push_back(Fn("lower", {text}, text, FnLower));
  out->push_back(Fn("upper", {text}, text, FnUpper));
  out->push_back(Fn("initcap", {text}, text, FnInitcap));
  for (const char* name : {"substr", "substring"}) {
    out->push_back(Fn(name, {text, i4}, text, FnSubstr2));
    out->push_back(Fn(name, {text, i4, i4}, text, FnSubstr3));
    out->push_back(Fn(name, {bytea, i4}, bytea, FnByteaSubstr2));
    out->push_back(Fn(name, {bytea, i4, i4}, bytea, FnByteaSubstr3));
  }
  out->push_back(Fn("strpos", {text, text}, i4, FnStrpos));
  out->push_back(Fn("position", {text, text}, i4, FnStrpos));
  out->push_back(Fn("replace", {text, text, text}, text, FnReplace));
  out->push_back(Fn("translate", {text, text, text}, text, FnTranslate));
  out->push_back(Fn("btrim", {text}, text, FnTrim1<kBoth>));
  out->push_back(Fn("btrim", {text, text}, text, FnTrim2<kBoth>));
  out->push_back(Fn("ltrim", {text}, text, FnTrim1<kLeft>));
  out->push_back(Fn("ltrim", {text, text}, text, FnTrim2<kLeft>));
  out->push_back(Fn("rtrim", {text}, text, FnTrim1<kRight>));
  out->push_back(Fn("rtrim", {text, text}, text, FnTrim2<kRight>));
  out->push_back(Fn("lpad", {text, i4}, text, FnLpad2));
  out->push_back(Fn("lpad", {text, i4, text}, text, FnLpad3));
  out->push_back(Fn("rpad", {text, i4}, text, FnRpad2));
  out->push_back(Fn("rpad", {text, i4, text}, text, FnRpad3));
  out->push_back(Stable(NonStrict(Variadic(Fn("concat", {LogicalType(kAnyArg)}, text, FnConcat)))));
  out->push_back(
      Stable(NonStrict(Variadic(Fn("concat_ws", {text, LogicalType(kAnyArg)}, text, FnConcatWs)))));
  out->push_back(Fn("textcat", {text, text}, text, FnTextcat));
  out->push_back(Fn("byteacat", {bytea, bytea}, bytea, FnByteacat));
  out->push_back(Fn("left", {text, i4}, text, FnLeft));
  out->push_back(Fn("right", {text, i4}, text, FnRight));
  out->push_back(Fn("repeat", {text, i4}, text, FnRepeat));
  out->push_back(Fn("split_part", {text, text, i4}, text, FnSplitPart));
  out->push_back(Fn("reverse", {text}, text, FnReverse));
  out->push_back(Fn("md5", {text}, text, FnMd5));
  out->push_back(Fn("md5", {bytea}, text, FnMd5));
  out->push_back(Fn("ascii", {text}, i4, FnAscii));
  out->push_back(Fn("chr", {i4}, text, FnChr));
  out->push_back(Fn("starts_with", {text, text}, boolean, FnStartsWith));
  out->push_back(Fn("to_hex", {i4}, text, FnToHex));
  out->push_back(Fn("to_hex", {i8}, text, FnToHex));
}

}  // namespace zijin::exec::builtins
