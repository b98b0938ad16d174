// Memcomparable key encoding of values (see docs/internals/key_layout.md, "Value encodings").
#include "types/key_codec.h"

#include <cmath>
#include <cstring>

#include "types/array.h"
#include "types/datetime.h"
#include "types/decimal.h"

namespace zijin::types {

namespace {

constexpr unsigned char kValueMarker = 0x01;
constexpr unsigned char kNullMarker = 0x02;
constexpr unsigned char kArrayEnd = 0x00;  // after an array's elements
// numeric sign classes
constexpr unsigned char kNumNegInf = 0x20, kNumNeg = 0x40, kNumZero = 0x80, kNumPos = 0xC0,
                        kNumPosInf = 0xE0, kNumNaN = 0xF0;
// A decimal exponent outside the 16-bit range follows one of these escape values as 32 bits.
constexpr uint16_t kExpEscapeLow = 0x0000, kExpEscapeHigh = 0xFFFF;
constexpr unsigned char kDigitsEnd = 0x01;  // after base-100 digit bytes 2..101

// Appends bytes, inverted for descending columns.
class KeyWriter {
 public:
  KeyWriter(std::string* out, bool desc) : out_(out), mask_(desc ? 0xff : 0) {}
  void Byte(unsigned char b) { out_->push_back(static_cast<char>(b ^ mask_)); }
  void BigEndian(uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) Byte(static_cast<unsigned char>(v >> (8 * i)));
  }

 private:
  std::string* out_;
  unsigned char mask_;
};

class KeyReader {
 public:
  KeyReader(std::string_view* in, bool desc) : in_(in), mask_(desc ? 0xff : 0) {}
  bool Byte(unsigned char* b) {
    if (pos_ >= in_->size()) return false;
    *b = static_cast<unsigned char>((*in_)[pos_++]) ^ mask_;
    return true;
  }
  bool BigEndian(int bytes, uint64_t* v) {
    *v = 0;
    for (int i = 0; i < bytes; ++i) {
      unsigned char b;
      if (!Byte(&b)) return false;
      *v = (*v << 8) | b;
    }
    return true;
  }
  void Commit() {
    in_->remove_prefix(pos_);
    pos_ = 0;
  }
  // The next byte without consuming it; 0x100 at the end.
  int Peek() const {
    return pos_ < in_->size() ? static_cast<unsigned char>((*in_)[pos_]) ^ mask_ : 0x100;
  }

 private:
  std::string_view* in_;
  size_t pos_ = 0;
  unsigned char mask_;
};

uint64_t FlipSign(int64_t v, int bytes) {
  uint64_t u = static_cast<uint64_t>(v);
  return u ^ (uint64_t{1} << (8 * bytes - 1));
}

int64_t UnflipSign(uint64_t u, int bytes) {
  u ^= uint64_t{1} << (8 * bytes - 1);
  if (bytes < 8) {
    // Sign-extend.
    int shift = 64 - 8 * bytes;
    return static_cast<int64_t>(u << shift) >> shift;
  }
  return static_cast<int64_t>(u);
}

uint64_t EncodeDouble(double d) {
  if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
  if (d == 0.0) d = 0.0;
  uint64_t bits;
  std::memcpy(&bits, &d, 8);
  if (std::isnan(d)) bits = 0x7ff8000000000000ULL;
  return (bits & (uint64_t{1} << 63)) ? ~bits : bits | (uint64_t{1} << 63);
}

double DecodeDouble(uint64_t bits) {
  bits = (bits & (uint64_t{1} << 63)) ? bits & ~(uint64_t{1} << 63) : ~bits;
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

uint32_t EncodeFloat(float f) {
  if (std::isnan(f)) f = std::numeric_limits<float>::quiet_NaN();
  if (f == 0.0f) f = 0.0f;
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if (std::isnan(f)) bits = 0x7fc00000U;
  return (bits & 0x80000000U) ? ~bits : bits | 0x80000000U;
}

float DecodeFloat(uint32_t bits) {
  bits = (bits & 0x80000000U) ? bits & ~0x80000000U : ~bits;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

void EncodeString(std::string_view s, KeyWriter* w) {
  for (char c : s) {
    w->Byte(static_cast<unsigned char>(c));
    if (c == '\0') w->Byte(0xff);
  }
  w->Byte(0x00);
  w->Byte(0x01);
}

bool DecodeString(KeyReader* r, std::string* out) {
  out->clear();
  for (;;) {
    unsigned char b;
    if (!r->Byte(&b)) return false;
    if (b != 0) {
      out->push_back(static_cast<char>(b));
      continue;
    }
    if (!r->Byte(&b)) return false;
    if (b == 0x01) return true;
    if (b != 0xff) return false;
    out->push_back('\0');
  }
}

// numeric: sign class (-Infinity, negative, zero, positive, Infinity, NaN in that order), then
// for non-zero finite values the decimal exponent E (value = 0.d1d2... * 10^E) as a biased
// 16-bit integer (or an escape value and 32 bits past that range) and the significant digits
// two per byte (pair + 2), ended by 0x01; for negative values everything after the class byte
// is inverted.
void EncodeNumeric(const Decimal& d, KeyWriter* w) {
  switch (d.kind) {
    case Decimal::Kind::kNegInf: w->Byte(kNumNegInf); return;
    case Decimal::Kind::kPosInf: w->Byte(kNumPosInf); return;
    case Decimal::Kind::kNaN: w->Byte(kNumNaN); return;
    case Decimal::Kind::kFinite: break;
  }
  if (d.unscaled == 0) {
    w->Byte(kNumZero);
    return;
  }
  bool neg = d.unscaled < 0;
  std::string digits;
  FormatDecimal(Decimal{neg ? -d.unscaled : d.unscaled, 0}, &digits);
  int64_t exp = static_cast<int64_t>(digits.size()) - d.scale;
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  unsigned char inv = neg ? 0xff : 0;
  w->Byte(neg ? kNumNeg : kNumPos);
  auto put16 = [&](uint16_t e) {
    w->Byte(static_cast<unsigned char>((e >> 8) ^ inv));
    w->Byte(static_cast<unsigned char>((e & 0xff) ^ inv));
  };
  if (exp > -0x8000 && exp < 0x7FFF) {
    put16(static_cast<uint16_t>(exp + 0x8000));
  } else {
    put16(exp > 0 ? kExpEscapeHigh : kExpEscapeLow);
    auto e32 = static_cast<uint32_t>(exp + 0x80000000LL);
    for (int i = 3; i >= 0; --i) w->Byte(static_cast<unsigned char>((e32 >> (8 * i)) ^ inv));
  }
  for (size_t i = 0; i < digits.size(); i += 2) {
    int pair = (digits[i] - '0') * 10 + (i + 1 < digits.size() ? digits[i + 1] - '0' : 0);
    w->Byte(static_cast<unsigned char>(pair + 2) ^ inv);
  }
  w->Byte(kDigitsEnd ^ inv);
}

Status Corrupt() {
  return Status::Error(sqlstate::kDataCorrupted, "invalid key encoding");
}

Status DecodeNumeric(KeyReader* r, const LogicalType& type, Decimal* out) {
  unsigned char cls;
  if (!r->Byte(&cls)) return Corrupt();
  if (cls == kNumZero) {
    *out = Decimal{0, type.typmod >= 0 ? type.numeric_scale() : 0};
    return Status::OK();
  }
  if (cls == kNumNegInf || cls == kNumPosInf) {
    *out = Decimal::Infinity(cls == kNumNegInf);
    return Status::OK();
  }
  if (cls == kNumNaN) {
    *out = Decimal::NaN();
    return Status::OK();
  }
  if (cls != kNumNeg && cls != kNumPos) return Corrupt();
  unsigned char inv = cls == kNumNeg ? 0xff : 0;
  unsigned char hi, lo;
  if (!r->Byte(&hi) || !r->Byte(&lo)) return Corrupt();
  int64_t e16 = ((hi ^ inv) << 8) | (lo ^ inv);
  int64_t exp = e16 - 0x8000;
  if (e16 == kExpEscapeLow || e16 == kExpEscapeHigh) {
    uint64_t e32 = 0;
    for (int i = 0; i < 4; ++i) {
      unsigned char b;
      if (!r->Byte(&b)) return Corrupt();
      e32 = (e32 << 8) | (b ^ inv);
    }
    exp = static_cast<int64_t>(e32) - 0x80000000LL;
  }
  std::string digits;
  for (;;) {
    unsigned char b;
    if (!r->Byte(&b)) return Corrupt();
    b ^= inv;
    if (b == kDigitsEnd) break;
    if (b < 2 || b > 101) return Corrupt();
    int pair = b - 2;
    digits.push_back(static_cast<char>('0' + pair / 10));
    digits.push_back(static_cast<char>('0' + pair % 10));
  }
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  if (digits.empty() || digits.size() > static_cast<size_t>(kMaxDecimalDigits)) return Corrupt();
  int64_t scale = static_cast<int64_t>(digits.size()) - exp;
  if (scale < 0 && static_cast<int64_t>(digits.size()) - scale <= kMaxDecimalDigits) {
    digits.append(static_cast<size_t>(-scale), '0');
    scale = 0;
  }
  if (digits.size() > static_cast<size_t>(kMaxDecimalDigits) || scale > INT32_MAX ||
      scale < INT32_MIN) {
    return Corrupt();
  }
  __int128 u = 0;
  for (char c : digits) u = u * 10 + (c - '0');
  Decimal d{cls == kNumNeg ? -u : u, static_cast<int32_t>(scale)};
  if (type.typmod >= 0 && type.numeric_scale() > d.scale && d.scale >= 0) {
    Result<Decimal> widened = RescaleDecimal(d, type.numeric_scale());
    if (widened.ok()) d = *widened;
  }
  *out = d;
  return Status::OK();
}

__int128 IntervalTotal(const Interval& iv) {
  return (__int128{iv.months} * 30 + iv.days) * kUsPerDay + iv.micros;
}

}  // namespace

void EncodeKeyValue(const Value& v, bool descending, std::string* out) {
  KeyWriter w(out, descending);
  if (v.is_null()) {
    w.Byte(kNullMarker);
    return;
  }
  w.Byte(kValueMarker);
  switch (v.type()) {
    case TypeId::kBool: w.Byte(v.GetBool() ? 1 : 0); return;
    case TypeId::kInt16: w.BigEndian(FlipSign(v.GetInt(), 2), 2); return;
    case TypeId::kInt32:
    case TypeId::kDate: w.BigEndian(FlipSign(v.GetInt(), 4), 4); return;
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: w.BigEndian(FlipSign(v.GetInt(), 8), 8); return;
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
      w.BigEndian(static_cast<uint32_t>(v.GetInt()), 4); return;
    case TypeId::kFloat32: w.BigEndian(EncodeFloat(static_cast<float>(v.GetDouble())), 4); return;
    case TypeId::kFloat64: w.BigEndian(EncodeDouble(v.GetDouble()), 8); return;
    case TypeId::kNumeric: EncodeNumeric(v.GetDecimal(), &w); return;
    case TypeId::kChar: {
      const std::string& s = v.GetString();
      size_t n = s.size();
      while (n > 0 && s[n - 1] == ' ') --n;
      EncodeString(std::string_view(s.data(), n), &w);
      return;
    }
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kUuid:
    case TypeId::kBytea: EncodeString(v.GetString(), &w); return;
    case TypeId::kArray: {
      // As CompareArrays: each element (marker and value, a NULL after any value), then 0x00,
      // which sorts before either marker so that a prefix sorts first, then the lower bound.
      Result<ArrayData> a = DecodeArray(v);
      if (a.ok()) {
        for (const Value& e : a->elements) EncodeKeyValue(e, descending, out);
      }
      w.Byte(kArrayEnd);
      w.BigEndian(FlipSign(a.ok() ? a->lower_bound : 1, 4), 4);
      return;
    }
    case TypeId::kTimeTz: {
      // As timetz_cmp: the UTC time, then the offset east descending.
      const TimeTz& t = v.GetTimeTz();
      w.BigEndian(FlipSign(t.micros - int64_t{t.offset} * kUsPerSec, 8), 8);
      w.BigEndian(FlipSign(-int64_t{t.offset}, 4), 4);
      return;
    }
    case TypeId::kInterval: {
      unsigned __int128 u = static_cast<unsigned __int128>(IntervalTotal(v.GetInterval()));
      u ^= static_cast<unsigned __int128>(1) << 127;
      w.BigEndian(static_cast<uint64_t>(u >> 64), 8);
      w.BigEndian(static_cast<uint64_t>(u), 8);
      return;
    }
  }
}

Status DecodeKeyValue(std::string_view* in, const LogicalType& type, bool descending, Value* out) {
  KeyReader r(in, descending);
  unsigned char marker;
  if (!r.Byte(&marker)) return Corrupt();
  if (marker == kNullMarker) {
    *out = Value::Null(type.id);
    r.Commit();
    return Status::OK();
  }
  if (marker != kValueMarker) return Corrupt();
  uint64_t u;
  switch (type.id) {
    case TypeId::kBool: {
      unsigned char b;
      if (!r.Byte(&b)) return Corrupt();
      *out = Value::Bool(b != 0);
      break;
    }
    case TypeId::kInt16:
      if (!r.BigEndian(2, &u)) return Corrupt();
      *out = Value::Int16(static_cast<int16_t>(UnflipSign(u, 2)));
      break;
    case TypeId::kInt32:
    case TypeId::kDate: {
      if (!r.BigEndian(4, &u)) return Corrupt();
      int32_t i = static_cast<int32_t>(UnflipSign(u, 4));
      *out = type.id == TypeId::kInt32 ? Value::Int32(i) : Value::Date(i);
      break;
    }
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      if (!r.BigEndian(8, &u)) return Corrupt();
      int64_t i = UnflipSign(u, 8);
      switch (type.id) {
        case TypeId::kInt64: *out = Value::Int64(i); break;
        case TypeId::kTime: *out = Value::Time(i); break;
        case TypeId::kTimestamp: *out = Value::Timestamp(i); break;
        default: *out = Value::TimestampTz(i); break;
      }
      break;
    }
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
      if (!r.BigEndian(4, &u)) return Corrupt();
      *out = Value::OidOf(type.id, static_cast<uint32_t>(u));
      break;
    case TypeId::kArray: {
      ArrayData a;
      a.element = LogicalType(type.elem);
      LogicalType elem = type.element();
      for (;;) {
        if (r.Peek() == kArrayEnd) break;
        r.Commit();
        Value e;
        ZJ_RETURN_IF_ERROR(DecodeKeyValue(in, elem, descending, &e));
        a.elements.push_back(std::move(e));
      }
      unsigned char end;
      if (!r.Byte(&end) || !r.BigEndian(4, &u)) return Corrupt();
      a.lower_bound = static_cast<int32_t>(UnflipSign(u, 4));
      *out = MakeArray(a);
      break;
    }
    case TypeId::kTimeTz: {
      uint64_t z;
      if (!r.BigEndian(8, &u) || !r.BigEndian(4, &z)) return Corrupt();
      auto offset = static_cast<int32_t>(-UnflipSign(z, 4));
      *out = Value::MakeTimeTz(TimeTz{UnflipSign(u, 8) + int64_t{offset} * kUsPerSec, offset});
      break;
    }
    case TypeId::kFloat32:
      if (!r.BigEndian(4, &u)) return Corrupt();
      *out = Value::Float32(DecodeFloat(static_cast<uint32_t>(u)));
      break;
    case TypeId::kFloat64:
      if (!r.BigEndian(8, &u)) return Corrupt();
      *out = Value::Float64(DecodeDouble(u));
      break;
    case TypeId::kNumeric: {
      Decimal d;
      ZJ_RETURN_IF_ERROR(DecodeNumeric(&r, type, &d));
      *out = Value::Numeric(d);
      break;
    }
    case TypeId::kChar:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kUuid:
    case TypeId::kBytea: {
      std::string s;
      if (!DecodeString(&r, &s)) return Corrupt();
      if (type.id == TypeId::kChar && type.typmod > 0) {
        // Re-pad the blanks the encoding dropped (characters, not bytes).
        size_t chars = 0;
        for (char c : s) chars += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
        if (chars < static_cast<size_t>(type.typmod)) {
          s.append(static_cast<size_t>(type.typmod) - chars, ' ');
        }
      }
      *out = Value::String(type.id, std::move(s));
      break;
    }
    case TypeId::kInterval: {
      uint64_t hi, lo;
      if (!r.BigEndian(8, &hi) || !r.BigEndian(8, &lo)) return Corrupt();
      unsigned __int128 t = (static_cast<unsigned __int128>(hi) << 64) | lo;
      t ^= static_cast<unsigned __int128>(1) << 127;
      __int128 total = static_cast<__int128>(t);
      // Only the total survives (equal intervals encode equally): return it justified into
      // 30-day months, days and microseconds.
      __int128 days = total / kUsPerDay;
      int64_t micros = static_cast<int64_t>(total - days * kUsPerDay);
      Interval iv;
      iv.months = static_cast<int32_t>(days / 30);
      iv.days = static_cast<int32_t>(days % 30);
      iv.micros = micros;
      *out = Value::MakeInterval(iv);
      break;
    }
  }
  r.Commit();
  return Status::OK();
}

}  // namespace zijin::types
