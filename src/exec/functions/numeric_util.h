// Internal to the function library: the small Decimal helpers the numeric kernels share.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "types/value.h"

namespace zijin::exec::builtins {

using Int128 = __int128;

// PostgreSQL's limits for numeric results computed by functions (NUMERIC_MIN_SIG_DIGITS ...).
inline constexpr int kMinSigDigits = 16;
inline constexpr int kMaxDecimalDigits = 38;  // what Decimal's 128 bits hold

Int128 Pow10(int n);       // n in [0, 38]
Status NumericOverflow();  // 22003 "value overflows numeric format"

// Exact scale change: up multiplies (error on overflow), down rounds half away from zero.
// Finite values only (the kernels handle NaN and the infinities first).
Result<types::Decimal> Rescale(const types::Decimal& d, int scale);
// Scale change that truncates toward zero when going down.
Result<types::Decimal> TruncScale(const types::Decimal& d, int scale);
// Number of decimal digits before the point minus one: floor(log10(|d|)); 0 for zero.
int DecimalExponent(const types::Decimal& d);
// PostgreSQL's "weight": the base-10000 position of the first non-zero digit.
int DecimalWeight(const types::Decimal& d);

long double DecimalToLongDouble(const types::Decimal& d);  // NaN and infinities too
// Rounds v to `scale` fractional digits; 22003 when it does not fit.
Result<types::Decimal> DecimalFromLongDouble(long double v, int scale);
types::Decimal DecimalFromInt(int64_t v);
// Square root of d >= 0 rounded to `rscale` fractional digits.
Result<types::Decimal> SqrtDecimal(const types::Decimal& d, int rscale);

}  // namespace zijin::exec::builtins
