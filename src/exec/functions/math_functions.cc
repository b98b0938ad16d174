// Mathematical functions over integers, floats and numeric.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "exec/functions/builtins.h"
#include "exec/functions/numeric_util.h"
#include "types/decimal.h"

namespace zijin::exec::builtins {
namespace {

using types::Decimal;

const char* IntRangeName(TypeId t) {
  switch (t) {
    case TypeId::kInt16:
      return "smallint";
    case TypeId::kInt32:
      return "integer";
    default:
      return "bigint";
  }
}

// Packs an integer result in the argument's integer type, or 22003 when it does not fit.
Result<Value> MakeInt(TypeId t, Int128 v) {
  switch (t) {
    case TypeId::kInt16:
      if (v < INT16_MIN || v > INT16_MAX) break;
      return Value::Int16(static_cast<int16_t>(v));
    case TypeId::kInt32:
      if (v < INT32_MIN || v > INT32_MAX) break;
      return Value::Int32(static_cast<int32_t>(v));
    default:
      if (v < INT64_MIN || v > INT64_MAX) break;
      return Value::Int64(static_cast<int64_t>(v));
  }
  return OutOfRange(IntRangeName(t));
}

Status FloatOverflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}
Status FloatUnderflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
}
Status SqrtNegative() {
  return Status::Error("2201F", "cannot take square root of a negative number");
}
Status LogZero() { return Status::Error("2201E", "cannot take logarithm of zero"); }
Status LogNegative() {
  return Status::Error("2201E", "cannot take logarithm of a negative number");
}
Status DivisionByZero() { return Status::Error(sqlstate::kDivisionByZero, "division by zero"); }
Status InputOutOfRange() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "input is out of range");
}

// A float8 result, checked as PostgreSQL's float_overflow_error/underflow checks do.
Result<Value> CheckedDouble(double r, double in, bool zero_ok = true) {
  if (std::isinf(r) && !std::isinf(in)) return FloatOverflow();
  if (r == 0.0 && !zero_ok) return FloatUnderflow();
  return Value::Float64(r);
}

double D(const Value& v) { return v.GetDouble(); }
const Decimal& N(const Value& v) { return v.GetDecimal(); }

Result<Value> FnAbsInt(const Value* a, size_t, FunctionContext&) {
  Int128 v = a[0].GetInt();
  return MakeInt(a[0].type(), v < 0 ? -v : v);
}
Result<Value> FnAbsFloat4(const Value* a, size_t, FunctionContext&) {
  return Value::Float32(static_cast<float>(std::fabs(D(a[0]))));
}
Result<Value> FnAbsFloat8(const Value* a, size_t, FunctionContext&) {
  return Value::Float64(std::fabs(D(a[0])));
}
Result<Value> FnAbsNumeric(const Value* a, size_t, FunctionContext&) {
  Decimal d = N(a[0]);
  if (d.is_inf()) return Value::Numeric(Decimal::Infinity(false));
  if (d.unscaled < 0) d.unscaled = -d.unscaled;
  return Value::Numeric(d);
}

template <double (*F)(double)>
Result<Value> FnFloat1(const Value* a, size_t, FunctionContext&) {
  return CheckedDouble(F(D(a[0])), D(a[0]));
}

double Ceil(double x) { return std::ceil(x); }
double Floor(double x) { return std::floor(x); }
double Rint(double x) { return std::rint(x); }
double Trunc(double x) { return std::trunc(x); }
double Cbrt(double x) { return std::cbrt(x); }
double Sign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }
double Degrees(double x) { return x * (180.0 / std::numbers::pi); }
double Radians(double x) { return x * (std::numbers::pi / 180.0); }
double Atan(double x) { return std::atan(x); }

// Rounds toward -inf (floor) or +inf (ceil) to an integer. NaN, the infinities and integers
// too long for 38 digits stay as they are.
Result<Value> NumericToInteger(const Decimal& d, bool up) {
  if (!d.finite() || d.scale < 0) return Value::Numeric(d);
  ZJ_ASSIGN_OR_RETURN(Decimal t, TruncScale(d, 0));
  if (d.scale > 0) {
    Int128 back = t.unscaled * Pow10(std::min(d.scale, kMaxDecimalDigits));
    if (up && d.unscaled > back) ++t.unscaled;
    if (!up && d.unscaled < back) --t.unscaled;
  }
  return Value::Numeric(t);
}

Result<Value> FnCeilNumeric(const Value* a, size_t, FunctionContext&) {
  return NumericToInteger(N(a[0]), true);
}
Result<Value> FnFloorNumeric(const Value* a, size_t, FunctionContext&) {
  return NumericToInteger(N(a[0]), false);
}

// round/trunc(numeric, s): s may be negative (round to tens, hundreds ...); the result keeps
// max(s, 0) fractional digits.
Result<Value> RoundNumeric(const Decimal& d, int64_t s, bool truncate) {
  s = std::clamp<int64_t>(s, -1000, 1000);
  int scale = static_cast<int>(s);
  // NaN and the infinities stay; so does an integer past 38 digits that is already a multiple
  // of 10^-scale.
  if (!d.finite() || (d.scale < 0 && d.scale <= scale)) return Value::Numeric(d);
  if (scale >= 0) {
    ZJ_ASSIGN_OR_RETURN(Decimal r, truncate ? TruncScale(d, scale) : Rescale(d, scale));
    return Value::Numeric(r);
  }
  // Round once, straight to a multiple of 10^-scale (rounding to an integer first would
  // round twice: 14.9 -> 15 -> 20): the digits of d below that unit become a fraction.
  Decimal as_frac{d.unscaled, d.scale - scale};
  ZJ_ASSIGN_OR_RETURN(Decimal q, truncate ? TruncScale(as_frac, 0) : Rescale(as_frac, 0));
  if (q.unscaled == 0) return Value::Numeric(Decimal{0, 0});
  // q * 10^-scale, kept compact when its digits do not fit.
  return Value::Numeric(types::CanonicalDecimal(Decimal{q.unscaled, scale}));
}

Result<Value> FnRoundNumeric1(const Value* a, size_t, FunctionContext&) {
  return RoundNumeric(N(a[0]), 0, false);
}
Result<Value> FnRoundNumeric2(const Value* a, size_t, FunctionContext&) {
  return RoundNumeric(N(a[0]), a[1].GetInt(), false);
}
Result<Value> FnTruncNumeric1(const Value* a, size_t, FunctionContext&) {
  return RoundNumeric(N(a[0]), 0, true);
}
Result<Value> FnTruncNumeric2(const Value* a, size_t, FunctionContext&) {
  return RoundNumeric(N(a[0]), a[1].GetInt(), true);
}

Result<Value> FnModInt(const Value* a, size_t, FunctionContext&) {
  int64_t x = a[0].GetInt(), y = a[1].GetInt();
  if (y == 0) return DivisionByZero();
  if (y == -1) return MakeInt(a[0].type(), 0);
  return MakeInt(a[0].type(), x % y);
}

Result<Value> FnModNumeric(const Value* a, size_t, FunctionContext&) {
  Decimal x = N(a[0]), y = N(a[1]);
  if (!x.finite() || !y.finite() || x.scale < 0 || y.scale < 0) {
    ZJ_ASSIGN_OR_RETURN(Decimal r, types::ModDecimal(x, y));
    return Value::Numeric(r);
  }
  if (y.unscaled == 0) return DivisionByZero();
  int s = std::max(x.scale, y.scale);
  ZJ_ASSIGN_OR_RETURN(x, Rescale(x, s));
  ZJ_ASSIGN_OR_RETURN(y, Rescale(y, s));
  return Value::Numeric(Decimal{x.unscaled % y.unscaled, s});
}

Result<Value> FnDivNumeric(const Value* a, size_t, FunctionContext&) {
  Decimal x = N(a[0]), y = N(a[1]);
  if (!x.finite() || !y.finite()) {
    // numeric_div_trunc: as / for NaN and the infinities, and x div inf is 0.
    if (x.is_nan() || y.is_nan() || (x.is_inf() && y.is_inf())) {
      return Value::Numeric(Decimal::NaN());
    }
    if (x.is_inf()) {
      if (y.sign() == 0) return DivisionByZero();
      return Value::Numeric(Decimal::Infinity((x.sign() < 0) != (y.sign() < 0)));
    }
    return Value::Numeric(Decimal{0, 0});
  }
  if (y.unscaled == 0) return DivisionByZero();
  int s = std::max(x.scale, y.scale);
  ZJ_ASSIGN_OR_RETURN(x, Rescale(x, s));
  ZJ_ASSIGN_OR_RETURN(y, Rescale(y, s));
  return Value::Numeric(Decimal{x.unscaled / y.unscaled, 0});
}

// scale(numeric): the display scale; NULL for NaN and the infinities.
Result<Value> FnScaleNumeric(const Value* a, size_t, FunctionContext&) {
  if (!N(a[0]).finite()) return Value::Null(TypeId::kInt32);
  return Value::Int32(std::max(N(a[0]).scale, 0));
}

Result<Value> FnSignNumeric(const Value* a, size_t, FunctionContext&) {
  if (N(a[0]).is_nan()) return Value::Numeric(Decimal::NaN());
  return Value::Numeric(Decimal{N(a[0]).sign(), 0});
}

Result<Value> FnSqrt(const Value* a, size_t, FunctionContext&) {
  double x = D(a[0]);
  if (x < 0) return SqrtNegative();
  return Value::Float64(std::sqrt(x));
}

Result<Value> FnSqrtNumeric(const Value* a, size_t, FunctionContext&) {
  const Decimal& d = N(a[0]);
  if (d.sign() < 0) return SqrtNegative();
  if (!d.finite()) return Value::Numeric(d);  // NaN, Infinity
  int sweight = (DecimalWeight(d) + 1) * 4 / 2 - 1;
  int rscale = std::clamp(std::max(kMinSigDigits - sweight, d.scale), 0, 1000);
  ZJ_ASSIGN_OR_RETURN(Decimal r, SqrtDecimal(d, rscale));
  return Value::Numeric(r);
}

Result<Value> FnExp(const Value* a, size_t, FunctionContext&) {
  double x = D(a[0]);
  double r = std::exp(x);
  if (std::isinf(r) && !std::isinf(x)) return FloatOverflow();
  if (r == 0.0 && !std::isinf(x)) return FloatUnderflow();
  return Value::Float64(r);
}

Result<Value> FnExpNumeric(const Value* a, size_t, FunctionContext&) {
  const Decimal& d = N(a[0]);
  if (d.kind == Decimal::Kind::kNegInf) return Value::Numeric(Decimal{0, 0});
  if (!d.finite()) return Value::Numeric(d);  // NaN, Infinity
  long double x = DecimalToLongDouble(d);
  double val = std::clamp(static_cast<double>(x) * 0.434294481903252, -1000.0, 1000.0);
  int rscale = std::clamp(std::max(kMinSigDigits - static_cast<int>(val), d.scale), 0, 1000);
  ZJ_ASSIGN_OR_RETURN(Decimal r, DecimalFromLongDouble(std::exp(x), rscale));
  return Value::Numeric(r);
}

Result<Value> FnLn(const Value* a, size_t, FunctionContext&) {
  double x = D(a[0]);
  if (x == 0) return LogZero();
  if (x < 0) return LogNegative();
  return Value::Float64(std::log(x));
}

Result<Value> FnLog10(const Value* a, size_t, FunctionContext&) {
  double x = D(a[0]);
  if (x == 0) return LogZero();
  if (x < 0) return LogNegative();
  return Value::Float64(std::log10(x));
}

// PostgreSQL's estimate_ln_dweight: the decimal weight of ln(d), which sets result scales.
int EstimateLnWeight(const Decimal& d) {
  if (d.unscaled <= 0) return 0;
  long double x = DecimalToLongDouble(d);
  if (x >= 0.9L && x <= 1.1L) {
    Result<Decimal> diff = AddDecimal(d, Decimal{-1, 0});
    if (!diff.ok() || diff->unscaled == 0) return 0;
    return DecimalExponent(*diff);
  }
  return static_cast<int>(std::log10(std::fabs(std::log(x))));
}

Status CheckLogArg(const Decimal& d) {
  if (d.sign() == 0 && !d.is_nan()) return LogZero();
  if (d.sign() < 0) return LogNegative();
  return Status::OK();
}

Result<Value> FnLnNumeric(const Value* a, size_t, FunctionContext&) {
  const Decimal& d = N(a[0]);
  if (d.is_nan()) return Value::Numeric(d);
  ZJ_RETURN_IF_ERROR(CheckLogArg(d));
  if (d.is_inf()) return Value::Numeric(d);
  int rscale = std::clamp(std::max(kMinSigDigits - EstimateLnWeight(d), d.scale), 0, 1000);
  ZJ_ASSIGN_OR_RETURN(Decimal r, DecimalFromLongDouble(std::log(DecimalToLongDouble(d)), rscale));
  return Value::Numeric(r);
}

Result<Value> LogNumeric(const Decimal& base, const Decimal& num) {
  if (base.is_nan() || num.is_nan()) return Value::Numeric(Decimal::NaN());
  ZJ_RETURN_IF_ERROR(CheckLogArg(base));
  ZJ_RETURN_IF_ERROR(CheckLogArg(num));
  if (base.is_inf()) {
    // log(Inf, Inf) is Inf / Inf; log(Inf, x) is 0.
    return Value::Numeric(num.is_inf() ? Decimal::NaN() : Decimal{0, 0});
  }
  if (num.is_inf()) return Value::Numeric(num);
  long double lb = std::log(DecimalToLongDouble(base));
  if (lb == 0) return DivisionByZero();
  int rweight = EstimateLnWeight(num) - EstimateLnWeight(base);
  int rscale = std::clamp(std::max({kMinSigDigits - rweight, base.scale, num.scale}), 0, 1000);
  long double r = std::log(DecimalToLongDouble(num)) / lb;
  ZJ_ASSIGN_OR_RETURN(Decimal d, DecimalFromLongDouble(r, rscale));
  return Value::Numeric(d);
}

Result<Value> FnLogNumeric1(const Value* a, size_t, FunctionContext&) {
  return LogNumeric(Decimal{10, 0}, N(a[0]));
}
Result<Value> FnLogNumeric2(const Value* a, size_t, FunctionContext&) {
  return LogNumeric(N(a[0]), N(a[1]));
}

Result<Value> FnPower(const Value* a, size_t, FunctionContext&) {
  double x = D(a[0]), y = D(a[1]);
  if (x == 0 && y < 0) {
    return Status::Error("2201F", "zero raised to a negative power is undefined");
  }
  if (x < 0 && std::floor(y) != y) {
    return Status::Error("2201F",
                         "a negative number raised to a non-integer power yields a complex result");
  }
  double r = std::pow(x, y);
  if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) return FloatOverflow();
  if (r == 0.0 && x != 0 && !std::isinf(y)) return FloatUnderflow();
  return Value::Float64(r);
}

Result<Value> FnPowerNumeric(const Value* a, size_t, FunctionContext&) {
  const Decimal& base = N(a[0]);
  const Decimal& exp = N(a[1]);
  if (!base.finite() || !exp.finite() || base.scale < 0 || exp.scale < 0) {
    ZJ_ASSIGN_OR_RETURN(Decimal r, types::PowDecimal(base, exp));
    return Value::Numeric(r);
  }
  Result<Decimal> exp_int = TruncScale(exp, 0);
  bool integral = exp_int.ok() && CompareDecimal(*exp_int, exp) == 0;
  if (base.unscaled == 0 && exp.unscaled < 0) {
    return Status::Error("2201F", "zero raised to a negative power is undefined");
  }
  if (base.unscaled < 0 && !integral) {
    return Status::Error("2201F",
                         "a negative number raised to a non-integer power yields a complex result");
  }
  long double b = DecimalToLongDouble(base), e = DecimalToLongDouble(exp);
  int rscale;
  if (integral && exp_int->unscaled >= INT32_MIN && exp_int->unscaled <= INT32_MAX) {
    rscale = std::clamp(std::max(kMinSigDigits, base.scale), 0, 1000);
    int64_t n = static_cast<int64_t>(exp_int->unscaled);
    // Exact by repeated squaring while the digits fit; otherwise fall back to long double.
    if (n >= 0) {
      Int128 result = 1, sq = base.unscaled;
      int64_t scale = 0, sq_scale = base.scale;
      bool fits = true;
      for (int64_t k = n; k > 0 && fits; k >>= 1) {
        if (k & 1) {
          fits = !__builtin_mul_overflow(result, sq, &result);
          scale += sq_scale;
        }
        if (k > 1 && fits) {
          fits = !__builtin_mul_overflow(sq, sq, &sq);
          sq_scale *= 2;
        }
      }
      if (fits && scale <= kMaxDecimalDigits) {
        Result<Decimal> r = Rescale(Decimal{result, static_cast<int32_t>(scale)}, rscale);
        if (r.ok()) return Value::Numeric(*r);
      }
    }
  } else {
    if (base.unscaled == 0) return Value::Numeric(Decimal{0, kMinSigDigits});
    double val = static_cast<double>(e * std::log(b)) * 0.434294481903252;
    rscale = std::clamp(std::max({kMinSigDigits - static_cast<int>(val), base.scale, exp.scale}), 0,
                        1000);
  }
  ZJ_ASSIGN_OR_RETURN(Decimal r, DecimalFromLongDouble(std::pow(b, e), rscale));
  return Value::Numeric(r);
}

Result<Value> FnPi(const Value*, size_t, FunctionContext&) {
  return Value::Float64(std::numbers::pi);
}

template <double (*F)(double)>
Result<Value> FnTrig(const Value* a, size_t, FunctionContext&) {
  double x = D(a[0]);
  if (std::isinf(x)) return InputOutOfRange();
  return Value::Float64(F(x));
}

double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Cot(double x) { return 1.0 / std::tan(x); }

template <double (*F)(double)>
Result<Value> FnArcTrig(const Value* a, size_t, FunctionContext&) {
  double x = D(a[0]);
  if (x < -1 || x > 1) return InputOutOfRange();
  return Value::Float64(F(x));
}

double Asin(double x) { return std::asin(x); }
double Acos(double x) { return std::acos(x); }

Result<Value> FnAtan2(const Value* a, size_t, FunctionContext&) {
  return Value::Float64(std::atan2(D(a[0]), D(a[1])));
}

// xorshift64*; the session owns the state so results are reproducible per session seed.
Result<Value> FnRandom(const Value*, size_t, FunctionContext& ctx) {
  uint64_t fixed = 0x9e3779b97f4a7c15ULL;
  uint64_t& s = ctx.random_state != nullptr ? *ctx.random_state : fixed;
  if (s == 0) s = 0x9e3779b97f4a7c15ULL;
  s ^= s >> 12;
  s ^= s << 25;
  s ^= s >> 27;
  uint64_t r = s * 0x2545f4914f6cdd1dULL;
  return Value::Float64(static_cast<double>(r >> 11) * 0x1.0p-53);
}

Int128 Gcd(Int128 x, Int128 y) {
  while (y != 0) {
    Int128 t = x % y;
    x = y;
    y = t;
  }
  return x < 0 ? -x : x;
}

Result<Value> FnGcdInt(const Value* a, size_t, FunctionContext&) {
  return MakeInt(a[0].type(), Gcd(a[0].GetInt(), a[1].GetInt()));
}

Result<Value> FnLcmInt(const Value* a, size_t, FunctionContext&) {
  Int128 x = a[0].GetInt(), y = a[1].GetInt();
  if (x == 0 || y == 0) return MakeInt(a[0].type(), 0);
  Int128 r = x / Gcd(x, y) * y;
  return MakeInt(a[0].type(), r < 0 ? -r : r);
}

Result<Value> GcdLcmNumeric(const Value* a, bool lcm) {
  Decimal x = N(a[0]), y = N(a[1]);
  if (!x.finite() || !y.finite()) return Value::Numeric(Decimal::NaN());
  int s = std::max(x.scale, y.scale);
  ZJ_ASSIGN_OR_RETURN(x, Rescale(x, s));
  ZJ_ASSIGN_OR_RETURN(y, Rescale(y, s));
  Int128 g = Gcd(x.unscaled, y.unscaled);
  if (!lcm) return Value::Numeric(Decimal{g, s});
  if (x.unscaled == 0 || y.unscaled == 0) return Value::Numeric(Decimal{0, s});
  Int128 r;
  if (__builtin_mul_overflow(x.unscaled / g, y.unscaled, &r)) return NumericOverflow();
  return Value::Numeric(Decimal{r < 0 ? -r : r, s});
}

Result<Value> FnGcdNumeric(const Value* a, size_t, FunctionContext&) {
  return GcdLcmNumeric(a, false);
}
Result<Value> FnLcmNumeric(const Value* a, size_t, FunctionContext&) {
  return GcdLcmNumeric(a, true);
}

Result<Value> WidthBucket(long double x, long double lo, long double hi, int64_t count) {
  if (count <= 0) {
    return Status::Error("2201G", "count must be greater than zero");
  }
  if (lo == hi) return Status::Error("2201G", "lower bound cannot equal upper bound");
  if (std::isnan(x) || std::isnan(lo) || std::isnan(hi)) {
    return Status::Error("2201G", "operand, lower bound, and upper bound cannot be NaN");
  }
  int64_t r;
  if (lo < hi) {
    if (x < lo) {
      r = 0;
    } else if (x >= hi) {
      r = count + 1;
    } else {
      r = static_cast<int64_t>(count * ((x - lo) / (hi - lo))) + 1;
    }
  } else {
    if (x > lo) {
      r = 0;
    } else if (x <= hi) {
      r = count + 1;
    } else {
      r = static_cast<int64_t>(count * ((lo - x) / (lo - hi))) + 1;
    }
  }
  if (r > INT32_MAX) return OutOfRange("integer");
  return Value::Int32(static_cast<int32_t>(r));
}

Result<Value> FnWidthBucket(const Value* a, size_t, FunctionContext&) {
  return WidthBucket(D(a[0]), D(a[1]), D(a[2]), a[3].GetInt());
}

Result<Value> FnWidthBucketNumeric(const Value* a, size_t, FunctionContext&) {
  if (N(a[0]).is_nan() || N(a[1]).is_nan() || N(a[2]).is_nan()) {
    return Status::Error("2201G", "operand, lower bound, and upper bound cannot be NaN");
  }
  if (N(a[1]).is_inf() || N(a[2]).is_inf()) {
    return Status::Error("2201G", "lower and upper bounds must be finite");
  }
  return WidthBucket(DecimalToLongDouble(N(a[0])), DecimalToLongDouble(N(a[1])),
                     DecimalToLongDouble(N(a[2])), a[3].GetInt());
}

// The bitwise operators & | # ~ << >> over smallint, integer and bigint (int4and ...). Shifts
// behave as PostgreSQL's C code does on x86-64: the count is taken modulo the width of the
// operation (32 bits for smallint and integer, 64 for bigint), and a smallint result keeps the
// low 16 bits.
enum class BitOp { kAnd, kOr, kXor, kShl, kShr };

template <BitOp kOp>
Result<Value> FnBitwise(const Value* a, size_t, FunctionContext&) {
  TypeId t = a[0].type();
  int64_t x = a[0].GetInt(), y = a[1].GetInt();
  int64_t r = 0;
  switch (kOp) {
    case BitOp::kAnd: r = x & y; break;
    case BitOp::kOr: r = x | y; break;
    case BitOp::kXor: r = x ^ y; break;
    case BitOp::kShl:
    case BitOp::kShr:
      if (t == TypeId::kInt64) {
        int n = static_cast<int>(y & 63);
        r = kOp == BitOp::kShl ? static_cast<int64_t>(static_cast<uint64_t>(x) << n) : x >> n;
      } else {
        int n = static_cast<int>(y & 31);
        auto x32 = static_cast<int32_t>(x);
        r = kOp == BitOp::kShl ? static_cast<int32_t>(static_cast<uint32_t>(x32) << n) : x32 >> n;
      }
      break;
  }
  switch (t) {
    case TypeId::kInt16: return Value::Int16(static_cast<int16_t>(r));
    case TypeId::kInt32: return Value::Int32(static_cast<int32_t>(r));
    default: return Value::Int64(r);
  }
}

Result<Value> FnBitNot(const Value* a, size_t, FunctionContext&) {
  int64_t x = ~a[0].GetInt();
  switch (a[0].type()) {
    case TypeId::kInt16: return Value::Int16(static_cast<int16_t>(x));
    case TypeId::kInt32: return Value::Int32(static_cast<int32_t>(x));
    default: return Value::Int64(x);
  }
}

}  // namespace

void AddMathFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType i2(TypeId::kInt16), i4(TypeId::kInt32), i8(TypeId::kInt64);
  const LogicalType f4(TypeId::kFloat32), f8(TypeId::kFloat64), num(TypeId::kNumeric);
  out->push_back(Fn("abs", {i2}, i2, FnAbsInt));
  out->push_back(Fn("abs", {i4}, i4, FnAbsInt));
  out->push_back(Fn("abs", {i8}, i8, FnAbsInt));
  out->push_back(Fn("abs", {f4}, f4, FnAbsFloat4));
  out->push_back(Fn("abs", {f8}, f8, FnAbsFloat8));
  out->push_back(Fn("abs", {num}, num, FnAbsNumeric));
  // The functions behind operators (@ & | # ~ << >> |/ ||/), callable by name as in PostgreSQL.
  out->push_back(Fn("int2abs", {i2}, i2, FnAbsInt));
  out->push_back(Fn("int4abs", {i4}, i4, FnAbsInt));
  out->push_back(Fn("int8abs", {i8}, i8, FnAbsInt));
  out->push_back(Fn("float4abs", {f4}, f4, FnAbsFloat4));
  out->push_back(Fn("float8abs", {f8}, f8, FnAbsFloat8));
  out->push_back(Fn("numeric_abs", {num}, num, FnAbsNumeric));
  struct IntType {
    const char* prefix;
    LogicalType type;
  };
  for (const IntType& it : {IntType{"int2", i2}, IntType{"int4", i4}, IntType{"int8", i8}}) {
    std::string p = it.prefix;
    LogicalType t = it.type;
    out->push_back(Fn(p + "and", {t, t}, t, FnBitwise<BitOp::kAnd>));
    out->push_back(Fn(p + "or", {t, t}, t, FnBitwise<BitOp::kOr>));
    out->push_back(Fn(p + "xor", {t, t}, t, FnBitwise<BitOp::kXor>));
    out->push_back(Fn(p + "shl", {t, i4}, t, FnBitwise<BitOp::kShl>));
    out->push_back(Fn(p + "shr", {t, i4}, t, FnBitwise<BitOp::kShr>));
    out->push_back(Fn(p + "not", {t}, t, FnBitNot));
  }
  out->push_back(Fn("dsqrt", {f8}, f8, FnSqrt));
  out->push_back(Fn("dcbrt", {f8}, f8, FnFloat1<Cbrt>));
  for (const char* name : {"ceil", "ceiling"}) {
    out->push_back(Fn(name, {f8}, f8, FnFloat1<Ceil>));
    out->push_back(Fn(name, {num}, num, FnCeilNumeric));
  }
  out->push_back(Fn("floor", {f8}, f8, FnFloat1<Floor>));
  out->push_back(Fn("floor", {num}, num, FnFloorNumeric));
  out->push_back(Fn("round", {f8}, f8, FnFloat1<Rint>));
  out->push_back(Fn("round", {num}, num, FnRoundNumeric1));
  out->push_back(Fn("round", {num, i4}, num, FnRoundNumeric2));
  out->push_back(Fn("trunc", {f8}, f8, FnFloat1<Trunc>));
  out->push_back(Fn("trunc", {num}, num, FnTruncNumeric1));
  out->push_back(Fn("trunc", {num, i4}, num, FnTruncNumeric2));
  out->push_back(Fn("mod", {i2, i2}, i2, FnModInt));
  out->push_back(Fn("mod", {i4, i4}, i4, FnModInt));
  out->push_back(Fn("mod", {i8, i8}, i8, FnModInt));
  out->push_back(Fn("mod", {num, num}, num, FnModNumeric));
  out->push_back(Fn("div", {num, num}, num, FnDivNumeric));
  for (const char* name : {"power", "pow"}) {
    out->push_back(Fn(name, {f8, f8}, f8, FnPower));
    out->push_back(Fn(name, {num, num}, num, FnPowerNumeric));
  }
  out->push_back(Fn("sqrt", {f8}, f8, FnSqrt));
  out->push_back(Fn("sqrt", {num}, num, FnSqrtNumeric));
  out->push_back(Fn("cbrt", {f8}, f8, FnFloat1<Cbrt>));
  out->push_back(Fn("exp", {f8}, f8, FnExp));
  out->push_back(Fn("exp", {num}, num, FnExpNumeric));
  out->push_back(Fn("ln", {f8}, f8, FnLn));
  out->push_back(Fn("ln", {num}, num, FnLnNumeric));
  out->push_back(Fn("log", {f8}, f8, FnLog10));
  out->push_back(Fn("log", {num}, num, FnLogNumeric1));
  out->push_back(Fn("log", {num, num}, num, FnLogNumeric2));
  out->push_back(Fn("log10", {f8}, f8, FnLog10));
  out->push_back(Fn("log10", {num}, num, FnLogNumeric1));
  out->push_back(Fn("sign", {f8}, f8, FnFloat1<Sign>));
  out->push_back(Fn("sign", {num}, num, FnSignNumeric));
  out->push_back(Fn("scale", {num}, i4, FnScaleNumeric));
  out->push_back(Fn("pi", {}, f8, FnPi));
  out->push_back(Fn("degrees", {f8}, f8, FnFloat1<Degrees>));
  out->push_back(Fn("radians", {f8}, f8, FnFloat1<Radians>));
  out->push_back(Fn("sin", {f8}, f8, FnTrig<Sin>));
  out->push_back(Fn("cos", {f8}, f8, FnTrig<Cos>));
  out->push_back(Fn("tan", {f8}, f8, FnTrig<Tan>));
  out->push_back(Fn("cot", {f8}, f8, FnTrig<Cot>));
  out->push_back(Fn("asin", {f8}, f8, FnArcTrig<Asin>));
  out->push_back(Fn("acos", {f8}, f8, FnArcTrig<Acos>));
  out->push_back(Fn("atan", {f8}, f8, FnFloat1<Atan>));
  out->push_back(Fn("atan2", {f8, f8}, f8, FnAtan2));
  out->push_back(Volatile(Fn("random", {}, f8, FnRandom)));
  out->push_back(Fn("gcd", {i4, i4}, i4, FnGcdInt));
  out->push_back(Fn("gcd", {i8, i8}, i8, FnGcdInt));
  out->push_back(Fn("gcd", {num, num}, num, FnGcdNumeric));
  out->push_back(Fn("lcm", {i4, i4}, i4, FnLcmInt));
  out->push_back(Fn("lcm", {i8, i8}, i8, FnLcmInt));
  out->push_back(Fn("lcm", {num, num}, num, FnLcmNumeric));
  out->push_back(Fn("width_bucket", {f8, f8, f8, i4}, i4, FnWidthBucket));
  out->push_back(Fn("width_bucket", {num, num, num, i4}, i4, FnWidthBucketNumeric));
}

}  // namespace zijin::exec::builtins
