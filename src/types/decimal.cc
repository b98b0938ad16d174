// Decimal arithmetic: parsing, formatting, rounding and PostgreSQL's numeric operators.
#include "types/decimal.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace zijin::types {

namespace {

using i128 = __int128;
using u128 = unsigned __int128;

constexpr std::array<u128, kMaxDecimalDigits + 1> MakePow10() {
  std::array<u128, kMaxDecimalDigits + 1> t{};
  u128 p = 1;
  for (int i = 0; i <= kMaxDecimalDigits; ++i) {
    t[static_cast<size_t>(i)] = p;
    p *= 10;
  }
  return t;
}
constexpr std::array<u128, kMaxDecimalDigits + 1> kPow10 = MakePow10();

u128 Abs128(i128 v) { return v < 0 ? -static_cast<u128>(v) : static_cast<u128>(v); }

bool FitsDigits(u128 mag) { return mag < kPow10[kMaxDecimalDigits]; }

// A 256-bit unsigned integer, just enough for exact 38-digit x 38-digit products and the
// long division numeric / needs.
struct U256 {
  u128 hi = 0, lo = 0;
};

U256 Mul128(u128 a, u128 b) {
  uint64_t a0 = static_cast<uint64_t>(a), a1 = static_cast<uint64_t>(a >> 64);
  uint64_t b0 = static_cast<uint64_t>(b), b1 = static_cast<uint64_t>(b >> 64);
  u128 p00 = static_cast<u128>(a0) * b0, p01 = static_cast<u128>(a0) * b1;
  u128 p10 = static_cast<u128>(a1) * b0, p11 = static_cast<u128>(a1) * b1;
  u128 mid = (p00 >> 64) + static_cast<uint64_t>(p01) + static_cast<uint64_t>(p10);
  U256 r;
  r.lo = (mid << 64) | static_cast<uint64_t>(p00);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return r;
}

// a * b, false on overflow past 256 bits.
bool MulU256(const U256& a, u128 b, U256* out) {
  U256 lo = Mul128(a.lo, b);
  U256 hi = Mul128(a.hi, b);
  if (hi.hi != 0) return false;
  u128 top = lo.hi + hi.lo;
  if (top < lo.hi) return false;
  out->lo = lo.lo;
  out->hi = top;
  return true;
}

// n / d (d != 0) by shift-and-subtract; the quotient must fit in 128 bits, else false.
bool DivU256(const U256& n, u128 d, u128* q, u128* r) {
  if (n.hi >= d) return false;  // quotient >= 2^128
  u128 rem = n.hi, quo = 0;
  for (int i = 127; i >= 0; --i) {
    bool carry = (rem >> 127) != 0;
    rem = (rem << 1) | ((n.lo >> i) & 1);
    quo <<= 1;
    if (carry || rem >= d) {
      rem -= d;
      quo |= 1;
    }
  }
  *q = quo;
  *r = rem;
  return true;
}

// round(num * 10^shift / den), half away from zero, both magnitudes; false when the result
// does not fit in 38 digits.
bool ScaledDivRound(u128 num, int shift, u128 den, u128* out) {
  U256 n{0, num};
  while (shift > 0) {
    int step = std::min(shift, kMaxDecimalDigits);
    if (!MulU256(n, kPow10[static_cast<size_t>(step)], &n)) return false;
    shift -= step;
  }
  if (shift < 0) {
    // Scale the divisor instead; past 10^38 the quotient rounds to zero.
    int down = -shift;
    if (down > kMaxDecimalDigits) {
      *out = 0;
      return true;
    }
    U256 d = Mul128(den, kPow10[static_cast<size_t>(down)]);
    if (d.hi != 0) {
      *out = 0;  // den * 10^down > 2^128 > 2 * num
      return true;
    }
    den = d.lo;
  }
  u128 q, r;
  if (!DivU256(n, den, &q, &r)) return false;
  if (r >= den - r) ++q;
  if (!FitsDigits(q)) return false;
  *out = q;
  return true;
}

Decimal MakeDecimal(bool neg, u128 mag, int32_t scale) {
  i128 v = static_cast<i128>(mag);
  return Decimal{neg ? -v : v, scale};
}

// PostgreSQL's base-10000 weight and leading digit of a non-zero value, as select_div_scale
// reads them.
void BaseWeight(const Decimal& d, int* weight, int* first) {
  u128 mag = Abs128(d.unscaled);
  int digits = DecimalDigitCount(d.unscaled);
  int exp10 = digits - 1 - d.scale;  // position of the leading decimal digit
  // The base-10000 group holding position p is floor(p / 4).
  int w = exp10 >= 0 ? exp10 / 4 : -((-exp10 + 3) / 4);
  // Digits of that group: positions 4w+3 .. 4w; we take the value's digits down to 4w.
  int low = 4 * w;           // lowest decimal position of the group
  int drop = -d.scale - low;  // how many of mag's low digits lie below the group... negated
  u128 g;
  if (drop >= 0) {
    g = mag * kPow10[static_cast<size_t>(drop)];
  } else {
    int cut = -drop;
    g = cut > kMaxDecimalDigits ? 0 : mag / kPow10[static_cast<size_t>(cut)];
  }
  *weight = w;
  *first = static_cast<int>(g % 10000);
}

Status DivisionByZero() { return Status::Error(sqlstate::kDivisionByZero, "division by zero"); }

Status PowerError(const char* msg) { return Status::Error(sqlstate::kInvalidArgumentForPowerFunction, msg); }

}  // namespace

unsigned __int128 DecimalPow10(int n) { return kPow10[static_cast<size_t>(n)]; }

int DecimalDigitCount(__int128 v) {
  u128 m = Abs128(v);
  int n = 0;
  while (n <= kMaxDecimalDigits && m >= kPow10[static_cast<size_t>(n)]) ++n;
  if (n > kMaxDecimalDigits) {
    // 39 digits fit in an unsigned 128-bit value.
    return m >= kPow10[kMaxDecimalDigits] * 10 ? 40 : 39;
  }
  return n;
}

Status NumericOverflowError() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}

Result<Decimal> RescaleDecimal(const Decimal& d, int32_t scale) {
  if (scale == d.scale || !d.finite()) return d;
  bool neg = d.unscaled < 0;
  u128 mag = Abs128(d.unscaled);
  if (scale > d.scale) {
    int64_t up = int64_t{scale} - d.scale;
    if (mag == 0) return Decimal{0, scale};
    if (up > kMaxDecimalDigits) return NumericOverflowError();
    U256 p = Mul128(mag, kPow10[static_cast<size_t>(up)]);
    if (p.hi != 0 || !FitsDigits(p.lo)) return NumericOverflowError();
    return MakeDecimal(neg, p.lo, scale);
  }
  int64_t down = int64_t{d.scale} - scale;
  if (down > kMaxDecimalDigits) return Decimal{0, scale};
  u128 p = kPow10[static_cast<size_t>(down)];
  u128 q = mag / p, r = mag % p;
  if (r >= p - r) ++q;
  return MakeDecimal(neg, q, scale);
}

Decimal NormalizeDecimal(const Decimal& d) {
  if (!d.finite()) return d;
  if (d.unscaled == 0) return Decimal{0, 0};
  if (d.scale < 0) return CanonicalDecimal(d);
  Decimal r = d;
  while (r.scale > 0 && r.unscaled % 10 == 0) {
    r.unscaled /= 10;
    --r.scale;
  }
  return r;
}

Decimal CanonicalDecimal(const Decimal& d) {
  if (!d.finite() || d.scale >= 0) return d;
  if (d.unscaled == 0) return Decimal{0, 0};
  Result<Decimal> fits = RescaleDecimal(d, 0);
  if (fits.ok()) return *fits;
  Decimal r = d;
  while (r.unscaled % 10 == 0) {
    r.unscaled /= 10;
    --r.scale;
  }
  return r;
}

int CompareDecimal(const Decimal& a, const Decimal& b) {
  if (!a.finite() || !b.finite()) {
    // -Infinity < finite < Infinity < NaN.
    auto rank = [](const Decimal& d) {
      switch (d.kind) {
        case Decimal::Kind::kNegInf: return 0;
        case Decimal::Kind::kFinite: return 1;
        case Decimal::Kind::kPosInf: return 2;
        case Decimal::Kind::kNaN: return 3;
      }
      return 1;
    };
    int x = rank(a), y = rank(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if ((a.unscaled < 0) != (b.unscaled < 0)) return a.unscaled < 0 ? -1 : 1;
  if (a.scale == b.scale) return a.unscaled < b.unscaled ? -1 : (a.unscaled > b.unscaled ? 1 : 0);
  // Same sign: compare magnitudes exactly in 256 bits.
  bool neg = a.unscaled < 0;
  u128 ma = Abs128(a.unscaled), mb = Abs128(b.unscaled);
  int32_t s = std::max(a.scale, b.scale);
  U256 x{0, ma}, y{0, mb};
  bool okx = true, oky = true;
  for (int64_t k = s - a.scale; k > 0 && okx; k -= kMaxDecimalDigits) {
    okx = MulU256(x, kPow10[static_cast<size_t>(std::min<int64_t>(k, kMaxDecimalDigits))], &x);
  }
  for (int64_t k = s - b.scale; k > 0 && oky; k -= kMaxDecimalDigits) {
    oky = MulU256(y, kPow10[static_cast<size_t>(std::min<int64_t>(k, kMaxDecimalDigits))], &y);
  }
  int c;
  if (!okx || !oky) {
    // Only reachable with absurd scale differences; the side that overflowed is larger.
    c = okx ? -1 : (oky ? 1 : 0);
    if (ma == 0) c = mb == 0 ? 0 : -1;
    if (mb == 0) c = ma == 0 ? 0 : 1;
  } else if (x.hi != y.hi) {
    c = x.hi < y.hi ? -1 : 1;
  } else {
    c = x.lo < y.lo ? -1 : (x.lo > y.lo ? 1 : 0);
  }
  return neg ? -c : c;
}

namespace {

// numeric input split into its digits: value = digits * 10^-scale; or a special value.
struct DigitString {
  bool neg = false;
  std::string digits;  // no leading zeros; empty for zero
  int64_t scale = 0;
  Decimal::Kind special = Decimal::Kind::kFinite;
};

Status NumericSyntax(std::string_view text) {
  return Status::Error(sqlstate::kInvalidTextRepresentation,
                       "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Result<DigitString> SplitNumeric(std::string_view text) {
  size_t i = 0, n = text.size();
  while (i < n && IsSpace(text[i])) ++i;
  while (n > i && IsSpace(text[n - 1])) --n;
  std::string_view s = text.substr(i, n - i);
  DigitString out;
  size_t p = 0;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) out.neg = s[p++] == '-';
  std::string_view rest = s.substr(p);
  auto ieq = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k) {
      if ((a[k] | 0x20) != b[k]) return false;
    }
    return true;
  };
  if (ieq(rest, "infinity") || ieq(rest, "inf")) {
    out.special = out.neg ? Decimal::Kind::kNegInf : Decimal::Kind::kPosInf;
    return out;
  }
  if (ieq(s, "nan")) {  // no sign allowed
    out.special = Decimal::Kind::kNaN;
    return out;
  }
  bool any = false, point = false;
  int64_t frac = 0;
  for (; p < s.size(); ++p) {
    char c = s[p];
    if (c >= '0' && c <= '9') {
      any = true;
      if (point) ++frac;
      if (out.digits.empty() && c == '0') continue;
      out.digits.push_back(c);
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  // Leading zeros after the point still count toward the scale; they were dropped from digits,
  // which is fine because value = digits * 10^-frac either way.
  if (!any) return NumericSyntax(text);
  int64_t exp = 0;
  if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
    ++p;
    bool eneg = false;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) eneg = s[p++] == '-';
    bool edig = false;
    for (; p < s.size() && s[p] >= '0' && s[p] <= '9'; ++p) {
      edig = true;
      exp = exp * 10 + (s[p] - '0');
      if (exp > 1000000) {
        return Status::Error(sqlstate::kInvalidTextRepresentation,
                             "invalid input syntax for type numeric: \"" + std::string(text) +
                                 "\"");
      }
    }
    if (!edig) return NumericSyntax(text);
    if (eneg) exp = -exp;
  }
  if (p != s.size()) return NumericSyntax(text);
  out.scale = frac - exp;
  if (out.digits.empty()) {
    out.scale = std::max<int64_t>(out.scale, 0);
  } else if (static_cast<int64_t>(out.digits.size()) - 1 - out.scale >= kMaxNumericExponent) {
    return NumericOverflowError();
  }
  return out;
}

// Rounds the digit string to `scale` fractional digits (half away from zero).
void RoundDigits(DigitString* d, int64_t scale) {
  if (d->special != Decimal::Kind::kFinite) return;
  if (scale >= d->scale) {
    if (!d->digits.empty()) d->digits.append(static_cast<size_t>(scale - d->scale), '0');
    d->scale = scale;
    return;
  }
  int64_t cut = d->scale - scale;
  d->scale = scale;
  if (static_cast<int64_t>(d->digits.size()) < cut) {
    d->digits.clear();
    return;
  }
  size_t keep = d->digits.size() - static_cast<size_t>(cut);
  bool up = d->digits[keep] >= '5';
  d->digits.resize(keep);
  if (up) {
    size_t k = keep;
    while (k > 0 && d->digits[k - 1] == '9') d->digits[--k] = '0';
    if (k == 0) {
      d->digits.insert(d->digits.begin(), '1');
    } else {
      ++d->digits[k - 1];
    }
  }
  size_t nz = d->digits.find_first_not_of('0');
  if (nz == std::string::npos) {
    d->digits.clear();
  } else if (nz > 0) {
    d->digits.erase(0, nz);
  }
}

Result<Decimal> DigitsToDecimal(const DigitString& in) {
  if (in.special != Decimal::Kind::kFinite) {
    Decimal r;
    r.kind = in.special;
    return r;
  }
  DigitString d = in;
  // Trailing zeros of an integer part too long for 38 digits go into a negative scale.
  while (d.digits.size() > static_cast<size_t>(kMaxDecimalDigits) && d.digits.back() == '0' &&
         d.scale <= 0) {
    d.digits.pop_back();
    --d.scale;
  }
  if (d.digits.size() > static_cast<size_t>(kMaxDecimalDigits)) return NumericOverflowError();
  if (d.scale > INT32_MAX || d.scale < -kMaxNumericExponent) return NumericOverflowError();
  u128 mag = 0;
  for (char c : d.digits) mag = mag * 10 + static_cast<unsigned>(c - '0');
  return CanonicalDecimal(MakeDecimal(d.neg, mag, static_cast<int32_t>(d.scale)));
}

Status InfiniteFieldOverflow(int precision, int scale) {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
      .WithDetail("A field with precision " + std::to_string(precision) + ", scale " +
                  std::to_string(scale) + " cannot hold an infinite value.");
}

Status FieldOverflow(int precision, int scale) {
  int maxdigits = precision - scale;
  std::string limit = maxdigits != 0 ? "10^" + std::to_string(maxdigits) : "1";
  return Status::Error(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
      .WithDetail("A field with precision " + std::to_string(precision) + ", scale " +
                  std::to_string(scale) + " must round to an absolute value less than " + limit +
                  ".");
}

}  // namespace

Result<Decimal> ParseDecimal(std::string_view text, int32_t scale) {
  ZJ_ASSIGN_OR_RETURN(DigitString d, SplitNumeric(text));
  if (scale >= 0) RoundDigits(&d, scale);
  return DigitsToDecimal(d);
}

Status ApplyNumericTypmod(Decimal* d, int32_t typmod) {
  if (typmod < 0 || d->is_nan()) return Status::OK();
  int precision = typmod >> 16, scale = typmod & 0xffff;
  if (d->is_inf()) return InfiniteFieldOverflow(precision, scale);
  if (d->scale < 0) {
    // An integer past 38 digits: it fits when its digits do; the fractional zeros the typmod
    // asks for cannot be shown.
    if (DecimalDigitCount(d->unscaled) - d->scale > precision - scale) {
      return FieldOverflow(precision, scale);
    }
    return Status::OK();
  }
  ZJ_ASSIGN_OR_RETURN(Decimal r, RescaleDecimal(*d, scale));
  if (r.unscaled != 0 &&
      (precision > kMaxDecimalDigits ? false
                                     : Abs128(r.unscaled) >= kPow10[static_cast<size_t>(precision)])) {
    return FieldOverflow(precision, scale);
  }
  *d = r;
  return Status::OK();
}

// Used by ParseText: the typmod check happens on the digit string, so that '1e1000' into
// numeric(3,0) is a field overflow, as in PostgreSQL, not a representation overflow.
Result<Decimal> ParseDecimalTypmod(std::string_view text, int32_t typmod) {
  if (typmod < 0) return ParseDecimal(text, -1);
  int precision = typmod >> 16, scale = typmod & 0xffff;
  ZJ_ASSIGN_OR_RETURN(DigitString d, SplitNumeric(text));
  if (d.special == Decimal::Kind::kPosInf || d.special == Decimal::Kind::kNegInf) {
    return InfiniteFieldOverflow(precision, scale);
  }
  RoundDigits(&d, scale);
  if (!d.digits.empty() && static_cast<int64_t>(d.digits.size()) > precision) {
    return FieldOverflow(precision, scale);
  }
  return DigitsToDecimal(d);
}

void FormatDecimal(const Decimal& d, std::string* out) {
  switch (d.kind) {
    case Decimal::Kind::kNaN: out->append("NaN"); return;
    case Decimal::Kind::kPosInf: out->append("Infinity"); return;
    case Decimal::Kind::kNegInf: out->append("-Infinity"); return;
    case Decimal::Kind::kFinite: break;
  }
  char buf[48];
  u128 mag = Abs128(d.unscaled);
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + static_cast<int>(mag % 10));
    mag /= 10;
  } while (mag != 0);
  if (d.unscaled < 0) out->push_back('-');
  int scale = d.scale;
  if (scale <= 0) {
    for (int i = n - 1; i >= 0; --i) out->push_back(buf[i]);
    if (d.unscaled != 0) out->append(static_cast<size_t>(-scale), '0');
    return;
  }
  if (n <= scale) {
    out->append("0.");
    out->append(static_cast<size_t>(scale - n), '0');
    for (int i = n - 1; i >= 0; --i) out->push_back(buf[i]);
    return;
  }
  for (int i = n - 1; i >= scale; --i) out->push_back(buf[i]);
  out->push_back('.');
  for (int i = scale - 1; i >= 0; --i) out->push_back(buf[i]);
}

Result<Decimal> AddDecimal(const Decimal& a, const Decimal& b) {
  if (!a.finite() || !b.finite()) {
    if (a.is_nan() || b.is_nan()) return Decimal::NaN();
    if (a.is_inf() && b.is_inf() && a.kind != b.kind) return Decimal::NaN();  // inf + -inf
    return a.is_inf() ? a : b;
  }
  int32_t s = std::max(a.scale, b.scale);
  ZJ_ASSIGN_OR_RETURN(Decimal x, RescaleDecimal(a, s));
  ZJ_ASSIGN_OR_RETURN(Decimal y, RescaleDecimal(b, s));
  i128 r;
  if (__builtin_add_overflow(x.unscaled, y.unscaled, &r) || !FitsDigits(Abs128(r))) {
    return NumericOverflowError();
  }
  return CanonicalDecimal(Decimal{r, s});
}

namespace {

Decimal NegateDecimal(const Decimal& d) {
  if (d.kind == Decimal::Kind::kPosInf) return Decimal::Infinity(true);
  if (d.kind == Decimal::Kind::kNegInf) return Decimal::Infinity(false);
  if (d.is_nan()) return d;
  return Decimal{-d.unscaled, d.scale};
}

// The result of an operation on NaN or an infinity with the sign rule of * and /: NaN stays,
// else an infinity signed by both operands.
Decimal SignedInfinity(int sign_a, int sign_b) {
  return Decimal::Infinity((sign_a < 0) != (sign_b < 0));
}

}  // namespace

Result<Decimal> SubDecimal(const Decimal& a, const Decimal& b) {
  return AddDecimal(a, NegateDecimal(b));
}

Result<Decimal> MulDecimal(const Decimal& a, const Decimal& b) {
  if (!a.finite() || !b.finite()) {
    if (a.is_nan() || b.is_nan()) return Decimal::NaN();
    if (a.sign() == 0 || b.sign() == 0) return Decimal::NaN();  // inf * 0
    return SignedInfinity(a.sign(), b.sign());
  }
  int64_t s = int64_t{a.scale} + b.scale;
  U256 p = Mul128(Abs128(a.unscaled), Abs128(b.unscaled));
  if (p.hi != 0 || !FitsDigits(p.lo) || s > INT32_MAX) return NumericOverflowError();
  bool neg = (a.unscaled < 0) != (b.unscaled < 0);
  Decimal r = MakeDecimal(neg, p.lo, static_cast<int32_t>(s));
  // PostgreSQL caps the product's display scale.
  if (s > kNumericMaxDisplayScale) return RescaleDecimal(r, kNumericMaxDisplayScale);
  if (s < 0) {
    // A factor held with a negative scale: PostgreSQL's display scale would be the sum of the
    // non-negative ones, which the digits can show only when they fit.
    Result<Decimal> shown = RescaleDecimal(r, std::max(a.scale, 0) + std::max(b.scale, 0));
    return shown.ok() ? *shown : CanonicalDecimal(r);
  }
  return r;
}

namespace {

// a / b when either is NaN or infinite, as numeric_div: NaN in, NaN out; inf / inf is NaN;
// x / inf is 0; inf / 0 is still division by zero.
Result<Decimal> DivSpecial(const Decimal& a, const Decimal& b, int32_t scale) {
  if (a.is_nan() || b.is_nan()) return Decimal::NaN();
  if (a.is_inf()) {
    if (b.is_inf()) return Decimal::NaN();
    if (b.sign() == 0) return DivisionByZero();
    return SignedInfinity(a.sign(), b.sign());
  }
  return Decimal{0, std::max(scale, 0)};
}

}  // namespace

Result<Decimal> DivDecimalScale(const Decimal& a, const Decimal& b, int32_t scale) {
  if (!a.finite() || !b.finite()) return DivSpecial(a, b, scale);
  if (b.unscaled == 0) return DivisionByZero();
  bool neg = (a.unscaled < 0) != (b.unscaled < 0);
  // q = a.u * 10^-a.s / (b.u * 10^-b.s) at scale `scale`: a.u * 10^(scale + b.s - a.s) / b.u.
  int64_t shift = int64_t{scale} + b.scale - a.scale;
  u128 q;
  if (a.unscaled == 0) return Decimal{0, scale};
  if (shift <= 3 * kMaxDecimalDigits &&
      ScaledDivRound(Abs128(a.unscaled), static_cast<int>(std::max<int64_t>(shift, -1000)),
                     Abs128(b.unscaled), &q)) {
    return MakeDecimal(neg && q != 0, q, scale);
  }
  // The quotient has more digits than 38 at this scale. It is still representable when it is
  // an exact integer with trailing zeros (2e300 / 2): divide at the coarsest scale that keeps
  // 38 digits and check that nothing was rounded away.
  int64_t lead = (int64_t{DecimalDigitCount(a.unscaled)} - a.scale) -
                 (int64_t{DecimalDigitCount(b.unscaled)} - b.scale) + 1;
  int64_t coarse = int64_t{kMaxDecimalDigits} - 1 - lead;
  if (coarse >= scale || coarse < INT32_MIN) return NumericOverflowError();
  shift = coarse + b.scale - a.scale;
  if (shift > 3 * kMaxDecimalDigits || shift < -1000 ||
      !ScaledDivRound(Abs128(a.unscaled), static_cast<int>(shift), Abs128(b.unscaled), &q)) {
    return NumericOverflowError();
  }
  Decimal r = MakeDecimal(neg, q, static_cast<int32_t>(coarse));
  Result<Decimal> back = MulDecimal(r, b);
  if (!back.ok() || CompareDecimal(*back, a) != 0) return NumericOverflowError();
  return CanonicalDecimal(r);
}

Result<Decimal> DivDecimal(const Decimal& a, const Decimal& b) {
  if (!a.finite() || !b.finite()) return DivSpecial(a, b, 0);
  if (b.unscaled == 0) return DivisionByZero();
  int w1 = 0, f1 = 0, w2 = 0, f2 = 0;
  if (a.unscaled != 0) BaseWeight(a, &w1, &f1);
  BaseWeight(b, &w2, &f2);
  int qweight = w1 - w2;
  if (f1 <= f2) --qweight;
  int rscale = kNumericMinSigDigits - qweight * 4;
  rscale = std::max({rscale, static_cast<int>(a.scale), static_cast<int>(b.scale), 0});
  rscale = std::min(rscale, kNumericMaxDisplayScale);
  return DivDecimalScale(a, b, rscale);
}

Result<Decimal> ModDecimal(const Decimal& a, const Decimal& b) {
  if (!a.finite() || !b.finite()) {
    // numeric_mod: NaN in is NaN; inf % 0 is still division by zero, inf % y NaN; x % inf x.
    if (a.is_nan() || b.is_nan()) return Decimal::NaN();
    if (a.is_inf()) {
      if (b.sign() == 0) return DivisionByZero();
      return Decimal::NaN();
    }
    return a;
  }
  if (b.unscaled == 0) return DivisionByZero();
  int32_t s = std::max(a.scale, b.scale);
  ZJ_ASSIGN_OR_RETURN(Decimal x, RescaleDecimal(a, s));
  ZJ_ASSIGN_OR_RETURN(Decimal y, RescaleDecimal(b, s));
  return Decimal{x.unscaled % y.unscaled, s};
}

namespace {

// base^n exactly for n >= 0, or false on overflow.
bool ExactPower(const Decimal& base, int64_t n, Decimal* out) {
  Decimal r{1, 0};
  for (int64_t i = 0; i < n; ++i) {
    Result<Decimal> m = MulDecimal(r, base);
    if (!m.ok() || m->scale > kNumericMaxDisplayScale) return false;
    r = *m;
  }
  *out = r;
  return true;
}

Result<Decimal> FromLongDouble(long double v, int rscale) {
  if (std::isnan(v) || std::isinf(v)) return NumericOverflowError();
  char buf[128];
  // %.*Le keeps ~19 significant digits; ParseDecimal rounds them to rscale.
  std::snprintf(buf, sizeof(buf), "%.20Le", v);
  return ParseDecimal(buf, rscale);
}

}  // namespace

namespace {

bool IsOddInteger(const Decimal& d) {
  Decimal n = NormalizeDecimal(d);
  return n.scale == 0 && n.unscaled % 2 != 0;
}

bool IsInteger(const Decimal& d) {
  if (!d.finite()) return true;  // PostgreSQL treats infinity as integral here
  return NormalizeDecimal(d).scale <= 0;
}

// numeric_power's rules when an operand is NaN or infinite.
Result<Decimal> PowSpecial(const Decimal& base, const Decimal& exp) {
  if (base.is_nan()) {
    if (exp.finite() && exp.unscaled == 0) return Decimal{1, 0};
    return Decimal::NaN();
  }
  if (exp.is_nan()) {
    if (base.finite() && CompareDecimal(base, Decimal{1, 0}) == 0) return Decimal{1, 0};
    return Decimal::NaN();
  }
  int sb = base.sign(), se = exp.sign();
  if (sb == 0 && se < 0) return PowerError("zero raised to a negative power is undefined");
  if (sb < 0 && !IsInteger(exp)) {
    return PowerError("a negative number raised to a non-integer power yields a complex result");
  }
  auto abs_vs_one = [&] {  // |base| compared with 1
    if (base.is_inf()) return 1;
    Decimal a = base;
    if (a.unscaled < 0) a.unscaled = -a.unscaled;
    return CompareDecimal(a, Decimal{1, 0});
  };
  if (exp.kind == Decimal::Kind::kPosInf) {
    int c = abs_vs_one();
    if (c == 0) return Decimal{1, 0};
    return c > 0 ? Decimal::Infinity(false) : Decimal{0, 0};
  }
  if (exp.kind == Decimal::Kind::kNegInf) {
    int c = abs_vs_one();
    if (c == 0) return Decimal{1, 0};
    return c > 0 ? Decimal{0, 0} : Decimal::Infinity(false);
  }
  // An infinite base with a finite exponent.
  if (se == 0) return Decimal{1, 0};
  if (se < 0) return Decimal{0, 0};
  if (base.kind == Decimal::Kind::kNegInf && IsOddInteger(exp)) return Decimal::Infinity(true);
  return Decimal::Infinity(false);
}

}  // namespace

Result<Decimal> PowDecimal(const Decimal& base, const Decimal& exp) {
  if (!base.finite() || !exp.finite()) return PowSpecial(base, exp);
  Decimal e = NormalizeDecimal(exp);
  if (base.unscaled == 0 && exp.unscaled < 0) {
    return PowerError("zero raised to a negative power is undefined");
  }
  bool int_exp = e.scale == 0 && e.unscaled >= INT32_MIN && e.unscaled <= INT32_MAX;
  if (base.unscaled < 0 && e.scale > 0) {
    return PowerError("a negative number raised to a non-integer power yields a complex result");
  }
  if (int_exp) {
    int rscale = std::min(std::max(kNumericMinSigDigits, static_cast<int>(base.scale)),
                          kNumericMaxDisplayScale);
    int64_t n = static_cast<int64_t>(e.unscaled);
    if (n == 0) return RescaleDecimal(Decimal{1, 0}, rscale);
    if (base.unscaled == 0) return Decimal{0, rscale};
    int64_t an = n < 0 ? -n : n;
    Decimal p;
    if (an <= 4096 && ExactPower(base, an, &p)) {
      if (n > 0) return RescaleDecimal(p, rscale);
      return DivDecimalScale(Decimal{1, 0}, p, rscale);
    }
    long double lb = static_cast<long double>(DecimalToDouble(base));
    long double v = std::pow(lb, static_cast<long double>(n));
    if (std::isinf(v)) return NumericOverflowError();
    return FromLongDouble(v, rscale);
  }
  long double lb = DecimalToDouble(base), le = DecimalToDouble(exp);
  if (base.unscaled == 0) {
    return Decimal{0, std::min(std::max({kNumericMinSigDigits, static_cast<int>(base.scale),
                                         static_cast<int>(exp.scale)}),
                               kNumericMaxDisplayScale)};
  }
  // A negative base here has an integral exponent too large for int32: |base|^exp, negated
  // for an odd exponent.
  bool negate = lb < 0 && e.scale == 0 && e.unscaled % 2 != 0;
  long double v = std::pow(std::fabs(lb), le);
  if (negate) v = -v;
  if (std::isinf(v)) return NumericOverflowError();
  double lg = static_cast<double>(le * std::log10(std::fabs(lb)));
  lg = std::clamp(lg, -2000.0, 2000.0);
  int rscale = kNumericMinSigDigits - static_cast<int>(lg);
  rscale = std::max({rscale, static_cast<int>(base.scale), static_cast<int>(exp.scale), 0});
  rscale = std::min(rscale, kNumericMaxDisplayScale);
  return FromLongDouble(v, rscale);
}

double DecimalToDouble(const Decimal& d) {
  switch (d.kind) {
    case Decimal::Kind::kNaN: return std::numeric_limits<double>::quiet_NaN();
    case Decimal::Kind::kPosInf: return std::numeric_limits<double>::infinity();
    case Decimal::Kind::kNegInf: return -std::numeric_limits<double>::infinity();
    case Decimal::Kind::kFinite: break;
  }
  std::string s;
  FormatDecimal(d, &s);
  return std::strtod(s.c_str(), nullptr);
}

Result<Decimal> DecimalFromDouble(double v, int digits) {
  if (std::isnan(v)) return Decimal::NaN();
  if (std::isinf(v)) return Decimal::Infinity(v < 0);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*g", digits, v);
  return ParseDecimal(buf, -1);
}

bool DecimalToInt64(const Decimal& d, int64_t* out) {
  if (!d.finite()) return false;
  Result<Decimal> r = RescaleDecimal(d, 0);
  if (!r.ok() || r->unscaled > INT64_MAX || r->unscaled < INT64_MIN) return false;
  *out = static_cast<int64_t>(r->unscaled);
  return true;
}

}  // namespace zijin::types
