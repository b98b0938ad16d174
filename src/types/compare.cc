// Ordering, equality and hashing of values with PostgreSQL's semantics (C collation).
#include "types/compare.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "types/array.h"
#include "types/datetime.h"
#include "types/decimal.h"

namespace zijin::types {

namespace {

int Sign(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

// NaN equals NaN and sorts above everything; -0 equals 0.
int CompareDouble(double a, double b) {
  bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

std::string_view StripTrailingBlanks(const std::string& s) {
  size_t n = s.size();
  while (n > 0 && s[n - 1] == ' ') --n;
  return std::string_view(s.data(), n);
}

int CompareBytes(std::string_view a, std::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

__int128 IntervalTotal(const Interval& iv) {
  return (__int128{iv.months} * 30 + iv.days) * kUsPerDay + iv.micros;
}

int64_t TimeTzUtc(const TimeTz& t) { return t.micros - int64_t{t.offset} * kUsPerSec; }

bool IsIntLike(TypeId t) {
  switch (t) {
    case TypeId::kBool:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: return true;
    default: return false;
  }
}

double AsDouble(const Value& v) {
  if (v.type() == TypeId::kFloat32 || v.type() == TypeId::kFloat64) return v.GetDouble();
  if (v.type() == TypeId::kNumeric) return DecimalToDouble(v.GetDecimal());
  return static_cast<double>(v.GetInt());
}

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix(h ^ s.size());
}

uint64_t Hash128(__int128 v) {
  uint64_t lo = static_cast<uint64_t>(v), hi = static_cast<uint64_t>(static_cast<unsigned __int128>(v) >> 64);
  return Mix(lo ^ Mix(hi + 0x9e3779b97f4a7c15ULL));
}

}  // namespace

int CompareValues(const Value& a, const Value& b) {
  TypeId t = a.type();
  if (t != b.type()) {
    // Mixed types only reach here through lenient callers: compare within the family.
    if (IsIntLike(t) && IsIntLike(b.type())) return Sign(a.GetInt(), b.GetInt());
    if (IsNumericFamily(t) && IsNumericFamily(b.type())) {
      if (t == TypeId::kFloat32 || t == TypeId::kFloat64 || b.type() == TypeId::kFloat32 ||
          b.type() == TypeId::kFloat64) {
        return CompareDouble(AsDouble(a), AsDouble(b));
      }
      Decimal x = t == TypeId::kNumeric ? a.GetDecimal() : Decimal{a.GetInt(), 0};
      Decimal y = b.type() == TypeId::kNumeric ? b.GetDecimal() : Decimal{b.GetInt(), 0};
      return CompareDecimal(x, y);
    }
    if (t == TypeId::kChar || b.type() == TypeId::kChar) {
      return CompareBytes(StripTrailingBlanks(a.GetString()), StripTrailingBlanks(b.GetString()));
    }
    if (IsStringFamily(t) && IsStringFamily(b.type())) {
      return CompareBytes(a.GetString(), b.GetString());
    }
    return t < b.type() ? -1 : 1;
  }
  switch (t) {
    case TypeId::kFloat32:
    case TypeId::kFloat64: return CompareDouble(a.GetDouble(), b.GetDouble());
    case TypeId::kNumeric: return CompareDecimal(a.GetDecimal(), b.GetDecimal());
    case TypeId::kChar:
      return CompareBytes(StripTrailingBlanks(a.GetString()), StripTrailingBlanks(b.GetString()));
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kUuid:
    case TypeId::kBytea: return CompareBytes(a.GetString(), b.GetString());
    case TypeId::kInterval: {
      __int128 x = IntervalTotal(a.GetInterval()), y = IntervalTotal(b.GetInterval());
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case TypeId::kArray: return CompareArrays(a, b);
    case TypeId::kTimeTz: {
      // timetz_cmp: by the UTC instant, then the larger offset east first (PostgreSQL orders
      // by zone, which counts west).
      const TimeTz &x = a.GetTimeTz(), &y = b.GetTimeTz();
      int c = Sign(TimeTzUtc(x), TimeTzUtc(y));
      return c != 0 ? c : Sign(y.offset, x.offset);
    }
    default: return Sign(a.GetInt(), b.GetInt());
  }
}

bool ValuesEqual(const Value& a, const Value& b) { return CompareValues(a, b) == 0; }

uint64_t HashValue(const Value& v) {
  if (v.is_null()) return 0x6e756c6cULL;
  switch (v.type()) {
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double d = v.GetDouble();
      if (std::isnan(d)) return Mix(0x7ff8000000000000ULL);
      if (d == 0.0) d = 0.0;  // -0 hashes as 0
      // Integral doubles hash like the integer, so 1::float8 and 1::int join alike.
      if (d == std::trunc(d) && std::fabs(d) < 9.2e18) {
        return Mix(static_cast<uint64_t>(static_cast<int64_t>(d)));
      }
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof(bits));
      return Mix(bits ^ 0x5bd1e995ULL);
    }
    case TypeId::kNumeric: {
      Decimal n = NormalizeDecimal(v.GetDecimal());
      if (!n.finite()) return Mix(0x4e614e0000ULL + static_cast<uint64_t>(n.kind));
      if (n.scale == 0 && n.unscaled >= INT64_MIN && n.unscaled <= INT64_MAX) {
        return Mix(static_cast<uint64_t>(static_cast<int64_t>(n.unscaled)));
      }
      return Hash128(n.unscaled) ^ Mix(static_cast<uint64_t>(n.scale));
    }
    case TypeId::kChar: return HashBytes(StripTrailingBlanks(v.GetString()));
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kUuid:
    case TypeId::kBytea: return HashBytes(v.GetString());
    case TypeId::kInterval: return Hash128(IntervalTotal(v.GetInterval()));
    case TypeId::kArray: return HashArray(v);
    case TypeId::kTimeTz:
      return Mix(static_cast<uint64_t>(v.GetTimeTz().micros) ^
                 Mix(static_cast<uint64_t>(v.GetTimeTz().offset)));
    default: return Mix(static_cast<uint64_t>(v.GetInt()));
  }
}

}  // namespace zijin::types
