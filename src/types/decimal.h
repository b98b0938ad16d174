// Exact decimal arithmetic on types::Decimal (a 128-bit unscaled integer and a scale) with
// PostgreSQL's numeric result-scale rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/value.h"

namespace zijin::types {

// A Decimal holds at most this many significant digits: |unscaled| < 10^38.
inline constexpr int kMaxDecimalDigits = 38;
// PostgreSQL's numeric range: fewer than 131072 digits before the point (the decimal exponent of
// the leading digit is below this).
inline constexpr int kMaxNumericExponent = 131072;
// PostgreSQL's NUMERIC_MIN_SIG_DIGITS and NUMERIC_MAX_DISPLAY_SCALE.
inline constexpr int kNumericMinSigDigits = 16;
inline constexpr int kNumericMaxDisplayScale = 1000;

// 10^n as an unsigned 128-bit integer, n in [0, 38].
unsigned __int128 DecimalPow10(int n);
// Number of decimal digits of |v| (0 for 0).
int DecimalDigitCount(__int128 v);
// 22003 "value overflows numeric format".
Status NumericOverflowError();

// Changes the scale: up multiplies exactly (22003 past 38 digits), down rounds half away from
// zero, as PostgreSQL's round_var does. NaN and the infinities come back as they are.
Result<Decimal> RescaleDecimal(const Decimal& d, int32_t scale);
// Strips trailing fractional zeros: 1.500 -> 1.5, 100 -> 100 (scale never drops below 0 unless
// the digits need it), so that equal values normalize alike.
Decimal NormalizeDecimal(const Decimal& d);
// The canonical form of an integer held with a negative scale: scale 0 when its digits fit,
// else the fewest digits (trailing zeros moved into the scale). Other values are unchanged.
Decimal CanonicalDecimal(const Decimal& d);
// PostgreSQL's order: -Infinity < finite values < Infinity < NaN, and NaN = NaN.
int CompareDecimal(const Decimal& a, const Decimal& b);

// numeric input syntax (whitespace, sign, digits, point, exponent), rounded to `scale` when
// scale >= 0, else kept at its written scale. Errors carry the numeric wording; the caller's
// `text` is quoted in them.
Result<Decimal> ParseDecimal(std::string_view text, int32_t scale = -1);
// ParseDecimal with a numeric(p,s) typmod (or -1) applied to the digits as written, so that
// '1e1000' into numeric(3,0) is PostgreSQL's "numeric field overflow", not a format overflow.
Result<Decimal> ParseDecimalTypmod(std::string_view text, int32_t typmod);
// numeric(p,s) typmod: rounds to s and checks precision (22003 "numeric field overflow").
Status ApplyNumericTypmod(Decimal* d, int32_t typmod);
void FormatDecimal(const Decimal& d, std::string* out);

Result<Decimal> AddDecimal(const Decimal& a, const Decimal& b);
Result<Decimal> SubDecimal(const Decimal& a, const Decimal& b);
Result<Decimal> MulDecimal(const Decimal& a, const Decimal& b);
// select_div_scale: at least 16 significant digits, never fewer fractional digits than either
// input; 22012 on b == 0.
Result<Decimal> DivDecimal(const Decimal& a, const Decimal& b);
// a / b rounded (half away from zero) to `scale` fractional digits.
Result<Decimal> DivDecimalScale(const Decimal& a, const Decimal& b, int32_t scale);
// PostgreSQL's numeric %: sign of a, scale max(a.scale, b.scale).
Result<Decimal> ModDecimal(const Decimal& a, const Decimal& b);
Result<Decimal> PowDecimal(const Decimal& base, const Decimal& exp);

// Nearest double (correctly rounded); NaN and the infinities as doubles.
double DecimalToDouble(const Decimal& d);
// PostgreSQL's float8_numeric/float4_numeric: `digits` significant digits (15 or 6); NaN and
// the infinities map to numeric's.
Result<Decimal> DecimalFromDouble(double v, int digits);
// Rounds half away from zero to an integer; false when it does not fit in int64 (or is NaN or
// infinite).
bool DecimalToInt64(const Decimal& d, int64_t* out);

}  // namespace zijin::types
