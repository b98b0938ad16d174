// Decimal helpers for the numeric kernels: rescaling, exact add and divide, conversions.
#include "exec/functions/numeric_util.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "types/decimal.h"

namespace zijin::exec::builtins {

using types::Decimal;

Int128 Pow10(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

Status NumericOverflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}

namespace {

int DigitCount(Int128 v) {
  if (v < 0) v = -v;
  int n = 0;
  while (v != 0) {
    v /= 10;
    ++n;
  }
  return n;
}

}  // namespace

Result<Decimal> Rescale(const Decimal& d, int scale) {
  if (scale >= d.scale) {
    int up = scale - d.scale;
    if (up > kMaxDecimalDigits) {
      if (d.unscaled == 0) return Decimal{0, scale};
      return NumericOverflow();
    }
    Int128 r;
    if (__builtin_mul_overflow(d.unscaled, Pow10(up), &r)) return NumericOverflow();
    return Decimal{r, scale};
  }
  int down = d.scale - scale;
  if (down > kMaxDecimalDigits) return Decimal{0, scale};
  Int128 p = Pow10(down);
  Int128 q = d.unscaled / p;
  Int128 rem = d.unscaled % p;
  if (rem < 0) rem = -rem;
  if (rem * 2 >= p) q += d.unscaled < 0 ? -1 : 1;
  return Decimal{q, scale};
}

Result<Decimal> TruncScale(const Decimal& d, int scale) {
  if (scale >= d.scale) return Rescale(d, scale);
  int down = d.scale - scale;
  if (down > kMaxDecimalDigits) return Decimal{0, scale};
  return Decimal{d.unscaled / Pow10(down), scale};
}



int DecimalExponent(const Decimal& d) {
  if (d.unscaled == 0) return 0;
  return DigitCount(d.unscaled) - 1 - d.scale;
}

int DecimalWeight(const Decimal& d) {
  if (d.unscaled == 0) return 0;
  int e = DecimalExponent(d);
  return e >= 0 ? e / 4 : -((-e + 3) / 4);
}

long double DecimalToLongDouble(const Decimal& d) {
  if (d.is_nan()) return std::numeric_limits<long double>::quiet_NaN();
  if (d.is_inf()) {
    long double inf = std::numeric_limits<long double>::infinity();
    return d.kind == Decimal::Kind::kNegInf ? -inf : inf;
  }
  return static_cast<long double>(d.unscaled) / std::pow(10.0L, d.scale);
}

Result<Decimal> DecimalFromLongDouble(long double v, int scale) {
  if (std::isnan(v) || std::isinf(v)) return NumericOverflow();
  long double scaled = std::roundl(v * std::pow(10.0L, scale));
  if (std::fabs(scaled) >= 1e38L) return NumericOverflow();
  return Decimal{static_cast<Int128>(scaled), scale};
}

Decimal DecimalFromInt(int64_t v) { return Decimal{v, 0}; }

namespace {

Int128 ISqrt(Int128 n) {
  if (n < 2) return n;
  Int128 x = static_cast<Int128>(std::sqrt(static_cast<long double>(n)));
  while (x * x > n) --x;
  while ((x + 1) * (x + 1) <= n) ++x;
  return x;
}

}  // namespace

Result<Decimal> SqrtDecimal(const Decimal& d, int rscale) {
  // Exact: isqrt(d * 10^(2*(rscale+1))) then round the extra digit, when it fits.
  int shift = 2 * (rscale + 1) - d.scale;
  Int128 n = d.unscaled;
  if (shift >= 0 && shift <= kMaxDecimalDigits && !__builtin_mul_overflow(n, Pow10(shift), &n)) {
    Int128 r = ISqrt(n);
    return Decimal{r / 10 + (r % 10 >= 5 ? 1 : 0), rscale};
  }
  return DecimalFromLongDouble(std::sqrt(DecimalToLongDouble(d)), rscale);
}

}  // namespace zijin::exec::builtins
