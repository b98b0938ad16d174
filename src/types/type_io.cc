// Text and binary input/output of values: numbers, booleans, strings and bytea here, date/time
// in datetime_io.cc.
#include "types/type_io.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "types/array.h"
#include "types/decimal.h"
#include "types/internal/io_util.h"

namespace zijin::types {

using internal::ApplyStringTypmod;

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

Status SyntaxError(const char* type_name, std::string_view text) {
  return Status::Error(sqlstate::kInvalidTextRepresentation,
                       std::string("invalid input syntax for type ") + type_name + ": \"" +
                           std::string(text) + "\"");
}

Status RangeError(const char* type_name, std::string_view text) {
  return Status::Error(sqlstate::kNumericValueOutOfRange,
                       "value \"" + std::string(text) + "\" is out of range for type " + type_name);
}

// pg_strtoint16/32/64: optional whitespace, sign, decimal digits, optional whitespace.
Result<int64_t> ParseInt(std::string_view text, int64_t min, int64_t max, const char* type_name) {
  std::string_view s = Trim(text);
  size_t p = 0;
  bool neg = false;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) neg = s[p++] == '-';
  if (p == s.size()) return SyntaxError(type_name, text);
  uint64_t mag = 0;
  bool overflow = false;
  for (; p < s.size(); ++p) {
    char c = s[p];
    if (c < '0' || c > '9') return SyntaxError(type_name, text);
    if (mag > (UINT64_MAX - 9) / 10) {
      overflow = true;
    } else {
      mag = mag * 10 + static_cast<uint64_t>(c - '0');
    }
  }
  uint64_t limit = neg ? static_cast<uint64_t>(-(min + 1)) + 1 : static_cast<uint64_t>(max);
  if (overflow || mag > limit) return RangeError(type_name, text);
  return neg ? static_cast<int64_t>(0 - mag) : static_cast<int64_t>(mag);
}

Result<Value> ParseOid(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return SyntaxError("oid", text);
  size_t p = 0;
  bool neg = false;
  if (s[p] == '+' || s[p] == '-') neg = s[p++] == '-';
  if (p == s.size()) return SyntaxError("oid", text);
  uint64_t mag = 0;
  for (; p < s.size(); ++p) {
    char c = s[p];
    if (c < '0' || c > '9') return SyntaxError("oid", text);
    mag = mag * 10 + static_cast<uint64_t>(c - '0');
    if (mag > UINT32_MAX) return RangeError("oid", text);
  }
  // Like strtoul, a negative value wraps around (PostgreSQL accepts '-1'::oid).
  uint32_t v = static_cast<uint32_t>(mag);
  if (neg) v = static_cast<uint32_t>(0u - v);
  return Value::Oid(v);
}

Result<Value> ParseBool(std::string_view text) {
  std::string_view s = Trim(text);
  auto prefix_of = [&](std::string_view word, size_t min_len) {
    if (s.size() < min_len || s.size() > word.size()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c != word[i]) return false;
    }
    return true;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || s == "1") {
    return Value::Bool(true);
  }
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || s == "0") {
    return Value::Bool(false);
  }
  return SyntaxError("boolean", text);
}

Result<Value> ParseFloat(std::string_view text, bool is_float4) {
  const char* type_name = is_float4 ? "real" : "double precision";
  std::string_view s = Trim(text);
  if (s.empty()) return SyntaxError(type_name, text);
  std::string buf(s);
  char* end = nullptr;
  errno = 0;
  double v;
  if (is_float4) {
    float f = std::strtof(buf.c_str(), &end);
    v = f;
  } else {
    v = std::strtod(buf.c_str(), &end);
  }
  if (end == buf.c_str() || end != buf.c_str() + buf.size()) return SyntaxError(type_name, text);
  if (errno == ERANGE && (v == 0.0 || std::isinf(v))) {
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         "\"" + std::string(s) + "\" is out of range for type " + type_name);
  }
  return is_float4 ? Value::Float32(static_cast<float>(v)) : Value::Float64(v);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// uuid_in: 32 hex digits, a hyphen allowed after any group of four but the last, optionally
// in braces; nothing else, not even spaces.
Result<Value> ParseUuid(std::string_view s) {
  std::string out;
  size_t at = 0;
  bool braces = !s.empty() && s[0] == '{';
  if (braces) ++at;
  for (int i = 0; i < 16; ++i) {
    if (at + 2 > s.size()) return SyntaxError("uuid", s);
    int hi = HexValue(s[at]), lo = HexValue(s[at + 1]);
    if (hi < 0 || lo < 0) return SyntaxError("uuid", s);
    out.push_back(static_cast<char>(hi * 16 + lo));
    at += 2;
    if (at < s.size() && s[at] == '-' && i % 2 == 1 && i < 15) ++at;
  }
  if (braces) {
    if (at >= s.size() || s[at] != '}') return SyntaxError("uuid", s);
    ++at;
  }
  if (at != s.size()) return SyntaxError("uuid", s);
  return Value::String(TypeId::kUuid, std::move(out));
}

Result<Value> ParseBytea(std::string_view s) {
  std::string out;
  if (s.size() >= 2 && s[0] == '\\' && s[1] == 'x') {
    out.reserve((s.size() - 2) / 2);
    size_t p = 2;
    while (p < s.size()) {
      if (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r') {
        ++p;
        continue;
      }
      int hi = HexValue(s[p]);
      if (hi < 0) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal digit: \"" + std::string(1, s[p]) + "\"");
      }
      if (p + 1 >= s.size()) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal data: odd number of digits");
      }
      int lo = HexValue(s[p + 1]);
      if (lo < 0) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal digit: \"" + std::string(1, s[p + 1]) + "\"");
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      p += 2;
    }
    return Value::Bytea(std::move(out));
  }
  out.reserve(s.size());
  for (size_t p = 0; p < s.size();) {
    if (s[p] != '\\') {
      out.push_back(s[p++]);
      continue;
    }
    if (p + 1 < s.size() && s[p + 1] == '\\') {
      out.push_back('\\');
      p += 2;
    } else if (p + 3 < s.size() + 0 && s[p + 1] >= '0' && s[p + 1] <= '3' && s[p + 2] >= '0' &&
               s[p + 2] <= '7' && s[p + 3] >= '0' && s[p + 3] <= '7') {
      out.push_back(static_cast<char>((s[p + 1] - '0') * 64 + (s[p + 2] - '0') * 8 + (s[p + 3] - '0')));
      p += 4;
    } else {
      return Status::Error(sqlstate::kInvalidTextRepresentation,
                           "invalid input syntax for type bytea");
    }
  }
  return Value::Bytea(std::move(out));
}

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, r.ptr);
}

// ---- binary helpers ----

void PutBE(uint64_t v, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (i * 8)) & 0xff));
}

uint64_t GetBE(std::string_view d, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) {
    v = (v << 8) | static_cast<unsigned char>(d[at + static_cast<size_t>(i)]);
  }
  return v;
}

// As PostgreSQL's recv functions fail: reading past the end of the value is the protocol
// error of pq_getmsg*; bytes left over are the caller's 22P03 (which the protocol reports as
// "incorrect binary data format in bind parameter n").
Status ShortBinary() {
  return Status::Error(sqlstate::kProtocolViolation, "insufficient data left in message");
}

Status BadBinary() {
  return Status::Error(sqlstate::kInvalidBinaryRepresentation, kIncorrectBinaryData);
}


// PostgreSQL's numeric send format: base-10000 digits, weight of the first, sign, dscale.
void NumericSend(const Decimal& d, std::string* out) {
  if (!d.finite()) {
    // ndigits 0, weight 0, then NUMERIC_NAN / NUMERIC_PINF / NUMERIC_NINF and a dscale of 0
    // for NaN but 32 for the infinities: PostgreSQL 15 reads the scale of a special value out
    // of its header bits as if it were a short numeric, and drivers see exactly those bytes.
    PutBE(0, 2, out);
    PutBE(0, 2, out);
    PutBE(d.is_nan() ? 0xC000 : d.kind == Decimal::Kind::kPosInf ? 0xD000 : 0xF000, 2, out);
    PutBE(d.is_nan() ? 0 : 32, 2, out);
    return;
  }
  std::string digits;
  // A negative scale holds trailing zeros of the integer part: write them out.
  FormatDecimal(Decimal{d.unscaled < 0 ? -d.unscaled : d.unscaled, std::min(d.scale, 0)}, &digits);
  int32_t scale = d.scale < 0 ? 0 : d.scale;
  // Split digits into integer and fraction parts at `scale`.
  std::string ip, fp;
  if (static_cast<int32_t>(digits.size()) > scale) {
    ip = digits.substr(0, digits.size() - static_cast<size_t>(scale));
    fp = digits.substr(digits.size() - static_cast<size_t>(scale));
  } else {
    fp = std::string(static_cast<size_t>(scale) - digits.size(), '0') + digits;
  }
  if (ip == "0") ip.clear();
  ip.insert(0, (4 - ip.size() % 4) % 4, '0');
  fp.append((4 - fp.size() % 4) % 4, '0');
  std::vector<int> groups;
  for (size_t i = 0; i < ip.size(); i += 4) groups.push_back(std::stoi(ip.substr(i, 4)));
  for (size_t i = 0; i < fp.size(); i += 4) groups.push_back(std::stoi(fp.substr(i, 4)));
  int weight = static_cast<int>(ip.size() / 4) - 1;
  size_t first = 0;
  while (first < groups.size() && groups[first] == 0) {
    ++first;
    --weight;
  }
  size_t last = groups.size();
  while (last > first && groups[last - 1] == 0) --last;
  int16_t ndigits = static_cast<int16_t>(last - first);
  if (ndigits == 0) weight = 0;
  PutBE(static_cast<uint16_t>(ndigits), 2, out);
  PutBE(static_cast<uint16_t>(static_cast<int16_t>(weight)), 2, out);
  PutBE(d.unscaled < 0 ? 0x4000 : 0x0000, 2, out);
  PutBE(static_cast<uint16_t>(scale), 2, out);
  for (size_t i = first; i < last; ++i) PutBE(static_cast<uint16_t>(groups[i]), 2, out);
}

Result<Decimal> NumericRecv(std::string_view data) {
  // numeric_recv's order: the header, the sign, the scale, then each digit as it is read.
  if (data.size() < 8) return ShortBinary();
  size_t ndigits = static_cast<uint16_t>(GetBE(data, 0, 2));
  int weight = static_cast<int16_t>(GetBE(data, 2, 2));
  uint16_t sign = static_cast<uint16_t>(GetBE(data, 4, 2));
  int dscale = static_cast<uint16_t>(GetBE(data, 6, 2));
  if (sign != 0x0000 && sign != 0x4000 && sign != 0xC000 && sign != 0xD000 && sign != 0xF000) {
    return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                         "invalid sign in external \"numeric\" value");
  }
  if (dscale > 0x3fff) {
    return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                         "invalid scale in external \"numeric\" value");
  }
  for (size_t i = 0; i < ndigits; ++i) {
    if (data.size() < 10 + 2 * i) return ShortBinary();
    int dg = static_cast<int16_t>(GetBE(data, 8 + 2 * i, 2));
    if (dg < 0 || dg >= 10000) {
      return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                           "invalid digit in external \"numeric\" value");
    }
  }
  if (data.size() != 8 + 2 * ndigits) return BadBinary();
  if (sign == 0xC000) return Decimal::NaN();
  if (sign == 0xD000 || sign == 0xF000) return Decimal::Infinity(sign == 0xF000);
  // Build the decimal digit string, truncated to dscale as numeric_recv does: digits past the
  // scale (a base-10000 group's trailing zeros) must not count against the 38 Zijin keeps.
  std::string digits;
  for (size_t i = 0; i < ndigits; ++i) {
    int dg = static_cast<int16_t>(GetBE(data, 8 + 2 * i, 2));
    char buf[8];
    std::snprintf(buf, sizeof(buf), "%04d", dg);
    digits += buf;
  }
  // value = 0.digits * 10^(4 * (weight + 1))
  int64_t exp10 = 4 * (int64_t{weight} + 1);
  int64_t fraction_digits = static_cast<int64_t>(digits.size()) - exp10;
  if (fraction_digits > dscale) {
    int64_t keep = static_cast<int64_t>(digits.size()) - (fraction_digits - dscale);
    digits.resize(static_cast<size_t>(std::max<int64_t>(keep, 0)));
  }
  if (digits.empty()) digits = "0";
  std::string text = (sign == 0x4000 ? "-0." : "0.") + digits + "e" + std::to_string(exp10);
  ZJ_ASSIGN_OR_RETURN(Decimal full, ParseDecimal(text, -1));
  if (full.scale < 0) return full;  // an integer past 38 digits
  if (full.scale > dscale) {
    // Truncate, not round.
    int64_t cut = int64_t{full.scale} - dscale;
    __int128 u = full.unscaled;
    for (int64_t k = 0; k < cut && u != 0; ++k) u /= 10;
    return Decimal{u, dscale};
  }
  return RescaleDecimal(full, dscale);
}

}  // namespace

Result<Value> ParseText(std::string_view text, const LogicalType& type, const FormatOptions& opts) {
  switch (type.id) {
    case TypeId::kBool: return ParseBool(text);
    case TypeId::kInt16: {
      ZJ_ASSIGN_OR_RETURN(int64_t v, ParseInt(text, INT16_MIN, INT16_MAX, "smallint"));
      return Value::Int16(static_cast<int16_t>(v));
    }
    case TypeId::kInt32: {
      ZJ_ASSIGN_OR_RETURN(int64_t v, ParseInt(text, INT32_MIN, INT32_MAX, "integer"));
      return Value::Int32(static_cast<int32_t>(v));
    }
    case TypeId::kInt64: {
      ZJ_ASSIGN_OR_RETURN(int64_t v, ParseInt(text, INT64_MIN, INT64_MAX, "bigint"));
      return Value::Int64(v);
    }
    case TypeId::kOid: return ParseOid(text);
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole: return internal::ParseRegText(text, type.id, opts);
    case TypeId::kFloat32: return ParseFloat(text, true);
    case TypeId::kFloat64: return ParseFloat(text, false);
    case TypeId::kNumeric: {
      auto d = ParseDecimalTypmod(text, type.typmod);
      if (!d.ok() && d.status().Is(sqlstate::kInvalidTextRepresentation)) {
        return SyntaxError("numeric", text);
      }
      if (!d.ok()) return d.status();
      return Value::Numeric(*d);
    }
    case TypeId::kText:
    case TypeId::kUnknown: return Value::String(type.id, std::string(text));
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName: {
      std::string s(text);
      ZJ_RETURN_IF_ERROR(ApplyStringTypmod(&s, type.id, type.typmod, false));
      return Value::String(type.id, std::move(s));
    }
    case TypeId::kBytea: return ParseBytea(text);
    case TypeId::kUuid: return ParseUuid(text);
    case TypeId::kDate: {
      ZJ_ASSIGN_OR_RETURN(int32_t d, internal::ParseDate(text, opts));
      return Value::Date(d);
    }
    case TypeId::kTime: {
      ZJ_ASSIGN_OR_RETURN(int64_t t, internal::ParseTime(text, opts));
      return Value::Time(t);
    }
    case TypeId::kTimeTz: {
      ZJ_ASSIGN_OR_RETURN(TimeTz t, internal::ParseTimeTz(text, opts));
      return Value::MakeTimeTz(t);
    }
    case TypeId::kArray: return ParseArrayText(text, type, opts);
    case TypeId::kTimestamp: {
      ZJ_ASSIGN_OR_RETURN(int64_t t, internal::ParseTimestamp(text, false, opts));
      return Value::Timestamp(t);
    }
    case TypeId::kTimestampTz: {
      ZJ_ASSIGN_OR_RETURN(int64_t t, internal::ParseTimestamp(text, true, opts));
      return Value::TimestampTz(t);
    }
    case TypeId::kInterval: {
      ZJ_ASSIGN_OR_RETURN(Interval iv, internal::ParseInterval(text));
      return Value::MakeInterval(iv);
    }
  }
  return Status::Internal("ParseText: unhandled type");
}

void FormatText(const Value& v, std::string* out, const FormatOptions& opts) {
  if (v.is_null()) return;
  switch (v.type()) {
    case TypeId::kBool: out->push_back(v.GetBool() ? 't' : 'f'); return;
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kOid: AppendInt(v.GetInt(), out); return;
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole: internal::FormatRegText(v, opts, out); return;
    case TypeId::kFloat32:
      internal::FormatFloat(v.GetDouble(), true, opts.extra_float_digits, out);
      return;
    case TypeId::kFloat64:
      internal::FormatFloat(v.GetDouble(), false, opts.extra_float_digits, out);
      return;
    case TypeId::kNumeric: FormatDecimal(v.GetDecimal(), out); return;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
    case TypeId::kUnknown: out->append(v.GetString()); return;
    case TypeId::kUuid: {
      static constexpr char kHex[] = "0123456789abcdef";
      const std::string& b = v.GetString();
      for (size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out->push_back('-');
        auto c = static_cast<unsigned char>(b[i]);
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
      }
      return;
    }
    case TypeId::kBytea: {
      static constexpr char kHex[] = "0123456789abcdef";
      const std::string& b = v.GetString();
      out->reserve(out->size() + 2 + 2 * b.size());
      out->append("\\x");
      for (unsigned char c : b) {
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
      }
      return;
    }
    case TypeId::kDate: internal::FormatDate(static_cast<int32_t>(v.GetInt()), out); return;
    case TypeId::kTime: internal::FormatTime(v.GetInt(), out); return;
    case TypeId::kTimeTz: internal::FormatTimeTz(v.GetTimeTz(), out); return;
    case TypeId::kArray: FormatArrayText(v, out, opts); return;
    case TypeId::kTimestamp: internal::FormatTimestamp(v.GetInt(), out); return;
    case TypeId::kTimestampTz:
      internal::FormatTimestampTz(v.GetInt(), *internal::SessionZone(opts), out);
      return;
    case TypeId::kInterval: internal::FormatInterval(v.GetInterval(), out); return;
  }
}

std::string ToText(const Value& v, const FormatOptions& opts) {
  std::string s;
  FormatText(v, &s, opts);
  return s;
}

Result<Value> ParseBinary(std::string_view data, const LogicalType& type) {
  auto want = [&](size_t n) {
    return data.size() == n ? Status::OK() : data.size() < n ? ShortBinary() : BadBinary();
  };
  switch (type.id) {
    case TypeId::kBool:
      ZJ_RETURN_IF_ERROR(want(1));
      return Value::Bool(data[0] != 0);
    case TypeId::kInt16:
      ZJ_RETURN_IF_ERROR(want(2));
      return Value::Int16(static_cast<int16_t>(GetBE(data, 0, 2)));
    case TypeId::kInt32:
      ZJ_RETURN_IF_ERROR(want(4));
      return Value::Int32(static_cast<int32_t>(GetBE(data, 0, 4)));
    case TypeId::kInt64:
      ZJ_RETURN_IF_ERROR(want(8));
      return Value::Int64(static_cast<int64_t>(GetBE(data, 0, 8)));
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
      ZJ_RETURN_IF_ERROR(want(4));
      return Value::OidOf(type.id, static_cast<uint32_t>(GetBE(data, 0, 4)));
    case TypeId::kFloat32: {
      ZJ_RETURN_IF_ERROR(want(4));
      uint32_t bits = static_cast<uint32_t>(GetBE(data, 0, 4));
      float f;
      std::memcpy(&f, &bits, 4);
      return Value::Float32(f);
    }
    case TypeId::kFloat64: {
      ZJ_RETURN_IF_ERROR(want(8));
      uint64_t bits = GetBE(data, 0, 8);
      double d;
      std::memcpy(&d, &bits, 8);
      return Value::Float64(d);
    }
    case TypeId::kNumeric: {
      ZJ_ASSIGN_OR_RETURN(Decimal d, NumericRecv(data));
      ZJ_RETURN_IF_ERROR(ApplyNumericTypmod(&d, type.typmod));
      return Value::Numeric(d);
    }
    case TypeId::kText:
    case TypeId::kUnknown:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName: {
      ZJ_RETURN_IF_ERROR(VerifyUtf8(data));
      std::string s(data);
      ZJ_RETURN_IF_ERROR(ApplyStringTypmod(&s, type.id, type.typmod, false));
      return Value::String(type.id, std::move(s));
    }
    case TypeId::kBytea: return Value::Bytea(std::string(data));
    case TypeId::kUuid:
      ZJ_RETURN_IF_ERROR(want(16));
      return Value::String(TypeId::kUuid, std::string(data));
    case TypeId::kDate: {
      ZJ_RETURN_IF_ERROR(want(4));
      int32_t d = static_cast<int32_t>(GetBE(data, 0, 4));
      if (d != kDateNegInfinity && d != kDatePosInfinity && !IsValidDate(d)) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range");
      }
      return Value::Date(d);
    }
    case TypeId::kTime: {
      ZJ_RETURN_IF_ERROR(want(8));
      int64_t t = static_cast<int64_t>(GetBE(data, 0, 8));
      if (t < 0 || t > kUsPerDay) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "time out of range");
      }
      return Value::Time(t);
    }
    case TypeId::kTimeTz: {
      // timetz_recv: the time, then the zone in seconds west of UTC.
      ZJ_RETURN_IF_ERROR(want(12));
      int64_t t = static_cast<int64_t>(GetBE(data, 0, 8));
      int32_t zone = static_cast<int32_t>(GetBE(data, 8, 4));
      if (t < 0 || t > kUsPerDay) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "time out of range");
      }
      if (zone <= -(15 * 3600 + 59 * 60 + 60) || zone >= 15 * 3600 + 59 * 60 + 60) {
        return Status::Error("22009",  // invalid_time_zone_displacement_value
                             "time zone displacement out of range");
      }
      return Value::MakeTimeTz(TimeTz{t, -zone});
    }
    case TypeId::kArray: return ParseArrayBinary(data, type);
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      ZJ_RETURN_IF_ERROR(want(8));
      int64_t t = static_cast<int64_t>(GetBE(data, 0, 8));
      if (t != kTimestampNegInfinity && t != kTimestampPosInfinity && !IsValidTimestamp(t)) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
      }
      return type.id == TypeId::kTimestamp ? Value::Timestamp(t) : Value::TimestampTz(t);
    }
    case TypeId::kInterval: {
      ZJ_RETURN_IF_ERROR(want(16));
      Interval iv;
      iv.micros = static_cast<int64_t>(GetBE(data, 0, 8));
      iv.days = static_cast<int32_t>(GetBE(data, 8, 4));
      iv.months = static_cast<int32_t>(GetBE(data, 12, 4));
      return Value::MakeInterval(iv);
    }
  }
  return Status::Internal("ParseBinary: unhandled type");
}

void FormatBinary(const Value& v, std::string* out) {
  if (v.is_null()) return;
  switch (v.type()) {
    case TypeId::kBool: out->push_back(v.GetBool() ? 1 : 0); return;
    case TypeId::kInt16: PutBE(static_cast<uint64_t>(v.GetInt()), 2, out); return;
    case TypeId::kInt32:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kDate: PutBE(static_cast<uint64_t>(v.GetInt()), 4, out); return;
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: PutBE(static_cast<uint64_t>(v.GetInt()), 8, out); return;
    case TypeId::kFloat32: {
      float f = static_cast<float>(v.GetDouble());
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      PutBE(bits, 4, out);
      return;
    }
    case TypeId::kFloat64: {
      double d = v.GetDouble();
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      PutBE(bits, 8, out);
      return;
    }
    case TypeId::kNumeric: NumericSend(v.GetDecimal(), out); return;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kArray:
    case TypeId::kUuid:
    case TypeId::kBytea: out->append(v.GetString()); return;
    case TypeId::kTimeTz:
      PutBE(static_cast<uint64_t>(v.GetTimeTz().micros), 8, out);
      PutBE(static_cast<uint32_t>(-v.GetTimeTz().offset), 4, out);
      return;
    case TypeId::kInterval: {
      const Interval& iv = v.GetInterval();
      PutBE(static_cast<uint64_t>(iv.micros), 8, out);
      PutBE(static_cast<uint32_t>(iv.days), 4, out);
      PutBE(static_cast<uint32_t>(iv.months), 4, out);
      return;
    }
  }
}

// ---- shared helpers (internal/io_util.h) ----

namespace internal {

double RoundHalfEven(double v) { return std::nearbyint(v); }

void FormatFloat(double v, bool is_float4, int extra_float_digits, std::string* out) {
  if (std::isnan(v)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out->append(v < 0 ? "-Infinity" : "Infinity");
    return;
  }
  char buf[64];
  if (extra_float_digits <= 0) {
    int digits = (is_float4 ? 6 : 15) + extra_float_digits;
    if (digits < 1) digits = 1;
    int n = std::snprintf(buf, sizeof(buf), "%.*g", digits, v);
    out->append(buf, static_cast<size_t>(n));
    return;
  }
  // Shortest round-trip digits, laid out as PostgreSQL's ryu-based output: fixed notation for
  // decimal exponents in [-4, 15) (float4: [-4, 6)), else d.ddde+XX.
  std::to_chars_result r = is_float4 ? std::to_chars(buf, buf + sizeof(buf), static_cast<float>(v),
                                                     std::chars_format::scientific)
                                     : std::to_chars(buf, buf + sizeof(buf), v,
                                                     std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
  bool neg = sci[0] == '-';
  if (neg) sci.remove_prefix(1);
  size_t epos = sci.find('e');
  std::string digits;
  for (size_t i = 0; i < epos; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  int exp = 0;
  std::from_chars(sci.data() + epos + (sci[epos + 1] == '+' ? 2 : 1), sci.data() + sci.size(), exp);
  if (neg) out->push_back('-');
  int limit = is_float4 ? 6 : 15;
  if (exp < -4 || exp >= limit) {
    out->push_back(digits[0]);
    if (digits.size() > 1) {
      out->push_back('.');
      out->append(digits, 1, std::string::npos);
    }
    out->push_back('e');
    out->push_back(exp < 0 ? '-' : '+');
    int ae = exp < 0 ? -exp : exp;
    if (ae < 10) out->push_back('0');
    AppendInt(ae, out);
    return;
  }
  int nd = static_cast<int>(digits.size());
  if (exp < 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-exp - 1), '0');
    out->append(digits);
  } else if (nd <= exp + 1) {
    out->append(digits);
    out->append(static_cast<size_t>(exp + 1 - nd), '0');
  } else {
    out->append(digits, 0, static_cast<size_t>(exp + 1));
    out->push_back('.');
    out->append(digits, static_cast<size_t>(exp + 1), std::string::npos);
  }
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

size_t Utf8Prefix(std::string_view s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) {
      if (chars == n) return i;
      ++chars;
    }
  }
  return s.size();
}

Status ApplyStringTypmod(std::string* s, TypeId id, int32_t typmod, bool explicit_cast) {
  if (id == TypeId::kName) {
    // NAMEDATALEN - 1 bytes, cut at a character boundary.
    if (s->size() > 63) {
      size_t cut = 63;
      while (cut > 0 && (static_cast<unsigned char>((*s)[cut]) & 0xc0) == 0x80) --cut;
      s->resize(cut);
    }
    return Status::OK();
  }
  if ((id != TypeId::kVarchar && id != TypeId::kChar) || typmod < 0) return Status::OK();
  size_t n = static_cast<size_t>(typmod);
  size_t len = s->size() <= n ? s->size() : Utf8Length(*s);
  if (len > n) {
    size_t cut = Utf8Prefix(*s, n);
    if (!explicit_cast && s->find_first_not_of(' ', cut) != std::string::npos) {
      return Status::Error(sqlstate::kStringDataRightTruncation,
                           "value too long for type " + LogicalType(id, typmod).ToString());
    }
    s->resize(cut);
    len = n;
  }
  if (id == TypeId::kChar && len < n) s->append(n - len, ' ');
  return Status::OK();
}

}  // namespace internal

Status VerifyUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    // pg_utf_mblen: the length the lead byte announces (1 for an invalid lead byte).
    size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3
                                                         : (c & 0xf8) == 0xf0 ? 4 : 1;
    bool ok = c != 0 && (c < 0x80 || len > 1) && i + len <= n;
    if (ok && len == 2) ok = c >= 0xc2;
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    }
    if (ok && len == 3) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);
    } else if (ok && len == 4) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = c <= 0xf4 && !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
    }
    if (!ok) return InvalidByteSequence("UTF8", s.substr(i, std::min(len, n - i)));
    i += len;
  }
  return Status::OK();
}

Status InvalidByteSequence(std::string_view encoding, std::string_view bytes) {
  std::string shown;
  char buf[8];
  for (size_t k = 0; k < bytes.size(); ++k) {
    std::snprintf(buf, sizeof(buf), "%s0x%02x", k == 0 ? "" : " ",
                  static_cast<unsigned char>(bytes[k]));
    shown += buf;
  }
  return Status::Error(sqlstate::kCharacterNotInRepertoire,
                       "invalid byte sequence for encoding \"" + std::string(encoding) +
                           "\": " + shown);
}

}  // namespace zijin::types
