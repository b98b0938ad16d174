// Aggregate functions: count, sum, avg, min/max, bool_and/bool_or, string_agg, stddev/variance.
#include <cmath>
#include <new>

#include "exec/functions/builtins.h"
#include "exec/functions/numeric_util.h"
#include "types/array.h"
#include "types/compare.h"
#include "types/decimal.h"

namespace zijin::exec::builtins {
namespace {

using types::Decimal;
using types::Interval;

template <typename S>
void Init(void* p) {
  new (p) S();
}

template <typename S>
void Destroy(void* p) {
  static_cast<S*>(p)->~S();
}

template <typename S>
S& St(void* p) {
  return *static_cast<S*>(p);
}

struct CountState {
  int64_t n = 0;
};

Status CountUpdate(void* p, const Value&) {
  ++St<CountState>(p).n;
  return Status::OK();
}

Result<Value> CountFinal(void* p) { return Value::Int64(St<CountState>(p).n); }

// sum(int2/int4) -> int8.
struct IntSumState {
  int64_t sum = 0;
  bool any = false;
};

Status IntSumUpdate(void* p, const Value& v) {
  IntSumState& s = St<IntSumState>(p);
  if (__builtin_add_overflow(s.sum, v.GetInt(), &s.sum)) return OutOfRange("bigint");
  s.any = true;
  return Status::OK();
}

Result<Value> IntSumFinal(void* p) {
  IntSumState& s = St<IntSumState>(p);
  return s.any ? Value::Int64(s.sum) : Value::Null(TypeId::kInt64);
}

// sum(int8) -> numeric, avg(integers) -> numeric: exact 128-bit sums.
struct WideSumState {
  Int128 sum = 0;
  int64_t n = 0;
};

Status WideSumUpdate(void* p, const Value& v) {
  WideSumState& s = St<WideSumState>(p);
  s.sum += v.GetInt();
  ++s.n;
  return Status::OK();
}

Result<Value> WideSumFinal(void* p) {
  WideSumState& s = St<WideSumState>(p);
  return s.n > 0 ? Value::Numeric(Decimal{s.sum, 0}) : Value::Null(TypeId::kNumeric);
}

Result<Value> IntAvgFinal(void* p) {
  WideSumState& s = St<WideSumState>(p);
  if (s.n == 0) return Value::Null(TypeId::kNumeric);
  ZJ_ASSIGN_OR_RETURN(Decimal d, DivDecimal(Decimal{s.sum, 0}, DecimalFromInt(s.n)));
  return Value::Numeric(d);
}

struct NumericSumState {
  Decimal sum;
  int64_t n = 0;
};

Status NumericSumUpdate(void* p, const Value& v) {
  NumericSumState& s = St<NumericSumState>(p);
  if (s.n == 0) {
    s.sum = v.GetDecimal();
  } else {
    ZJ_ASSIGN_OR_RETURN(s.sum, AddDecimal(s.sum, v.GetDecimal()));
  }
  ++s.n;
  return Status::OK();
}

Result<Value> NumericSumFinal(void* p) {
  NumericSumState& s = St<NumericSumState>(p);
  return s.n > 0 ? Value::Numeric(s.sum) : Value::Null(TypeId::kNumeric);
}

Result<Value> NumericAvgFinal(void* p) {
  NumericSumState& s = St<NumericSumState>(p);
  if (s.n == 0) return Value::Null(TypeId::kNumeric);
  ZJ_ASSIGN_OR_RETURN(Decimal d, DivDecimal(s.sum, DecimalFromInt(s.n)));
  return Value::Numeric(d);
}

// sum(float4) and sum(float8) add in their own precision, as float4pl/float8pl do.
template <typename F>
struct FloatSumState {
  F sum = 0;
  bool any = false;
};

template <typename F>
Status FloatSumUpdate(void* p, const Value& v) {
  FloatSumState<F>& s = St<FloatSumState<F>>(p);
  F x = static_cast<F>(v.GetDouble());
  F r = s.sum + x;
  if (std::isinf(r) && !std::isinf(s.sum) && !std::isinf(x)) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  s.sum = r;
  s.any = true;
  return Status::OK();
}

Result<Value> Float4SumFinal(void* p) {
  FloatSumState<float>& s = St<FloatSumState<float>>(p);
  return s.any ? Value::Float32(s.sum) : Value::Null(TypeId::kFloat32);
}

Result<Value> Float8SumFinal(void* p) {
  FloatSumState<double>& s = St<FloatSumState<double>>(p);
  return s.any ? Value::Float64(s.sum) : Value::Null(TypeId::kFloat64);
}

// Float moments with the Youngs-Cramer update PostgreSQL's float8_accum uses, so that sums,
// averages and variances round exactly as there.
struct FloatMomentState {
  double n = 0, sx = 0, sxx = 0;
};

Status FloatMomentUpdate(void* p, const Value& v) {
  FloatMomentState& s = St<FloatMomentState>(p);
  double x = v.GetDouble();
  double old_n = s.n;
  s.n += 1.0;
  s.sx += x;
  if (old_n > 0.0) {
    double tmp = x * s.n - s.sx;
    s.sxx += tmp * tmp / (s.n * old_n);
    if (std::isinf(s.sx) || std::isinf(s.sxx)) {
      if (!std::isinf(x) && !std::isinf(s.sx - x)) {
        return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
      }
      s.sxx = std::nan("");
    }
  } else if (std::isnan(x) || std::isinf(x)) {
    s.sxx = std::nan("");
  }
  return Status::OK();
}

Result<Value> Float8AvgFinal(void* p) {
  FloatMomentState& s = St<FloatMomentState>(p);
  return s.n > 0 ? Value::Float64(s.sx / s.n) : Value::Null(TypeId::kFloat64);
}

template <bool kSample, bool kStddev>
Result<Value> FloatVarianceFinal(void* p) {
  FloatMomentState& s = St<FloatMomentState>(p);
  if (s.n < (kSample ? 2.0 : 1.0)) return Value::Null(TypeId::kFloat64);
  double var = s.sxx / (kSample ? s.n - 1.0 : s.n);
  return Value::Float64(kStddev ? std::sqrt(var) : var);
}

// Numeric moments for integer and numeric inputs: exact sums of x and x^2.
struct NumericMomentState {
  Decimal sx, sxx;
  int64_t n = 0;
  bool overflow = false;
  bool special = false;  // a NaN or infinite input: the result is NaN
  long double fsx = 0, fsxx = 0;  // kept in case the exact sums overflow 38 digits
};

Status NumericMomentUpdate(void* p, const Value& v) {
  NumericMomentState& s = St<NumericMomentState>(p);
  Decimal x = v.type() == TypeId::kNumeric ? v.GetDecimal() : DecimalFromInt(v.GetInt());
  if (!x.finite()) {
    s.special = true;
    ++s.n;
    return Status::OK();
  }
  long double fx = DecimalToLongDouble(x);
  s.fsx += fx;
  s.fsxx += fx * fx;
  ++s.n;
  if (s.overflow) return Status::OK();
  Int128 sq;
  if (x.scale < 0 || x.scale > kMaxDecimalDigits / 2 ||
      __builtin_mul_overflow(x.unscaled, x.unscaled, &sq)) {
    s.overflow = true;
    return Status::OK();
  }
  Result<Decimal> sx = AddDecimal(s.sx, x);
  Result<Decimal> sxx = AddDecimal(s.sxx, Decimal{sq, x.scale * 2});
  if (!sx.ok() || !sxx.ok()) {
    s.overflow = true;
    return Status::OK();
  }
  s.sx = *sx;
  s.sxx = *sxx;
  return Status::OK();
}

// numeric_stddev_internal: (N*sumX2 - sumX^2) / (N*(N-1)) at select_div_scale, then sqrt.
template <bool kSample, bool kStddev>
Result<Value> NumericVarianceFinal(void* p) {
  NumericMomentState& s = St<NumericMomentState>(p);
  if (s.n < (kSample ? 2 : 1)) return Value::Null(TypeId::kNumeric);
  if (s.special) return Value::Numeric(Decimal::NaN());
  Int128 den = kSample ? Int128{s.n} * (s.n - 1) : Int128{s.n} * s.n;
  if (!s.overflow) {
    Int128 nsxx, sx2;
    Result<Decimal> sx = Rescale(s.sx, s.sxx.scale / 2);
    if (sx.ok() && !__builtin_mul_overflow(s.sxx.unscaled, Int128{s.n}, &nsxx) &&
        !__builtin_mul_overflow(sx->unscaled, sx->unscaled, &sx2)) {
      Decimal num{nsxx - sx2, s.sxx.scale};
      if (num.unscaled <= 0) return Value::Numeric(Decimal{0, 0});
      ZJ_ASSIGN_OR_RETURN(Decimal var, DivDecimal(num, Decimal{den, 0}));
      if (!kStddev) return Value::Numeric(var);
      ZJ_ASSIGN_OR_RETURN(Decimal sd, SqrtDecimal(var, var.scale));
      return Value::Numeric(sd);
    }
  }
  long double n = static_cast<long double>(s.n);
  long double num = n * s.fsxx - s.fsx * s.fsx;
  if (num <= 0) return Value::Numeric(Decimal{0, 0});
  long double var = num / static_cast<long double>(den);
  ZJ_ASSIGN_OR_RETURN(Decimal d, DecimalFromLongDouble(kStddev ? std::sqrt(var) : var, 16));
  return Value::Numeric(d);
}

struct IntervalSumState {
  Interval sum;
  int64_t n = 0;
};

Status IntervalSumUpdate(void* p, const Value& v) {
  IntervalSumState& s = St<IntervalSumState>(p);
  const Interval& x = v.GetInterval();
  if (__builtin_add_overflow(s.sum.months, x.months, &s.sum.months) ||
      __builtin_add_overflow(s.sum.days, x.days, &s.sum.days) ||
      __builtin_add_overflow(s.sum.micros, x.micros, &s.sum.micros)) {
    return OutOfRange("interval");
  }
  ++s.n;
  return Status::OK();
}

Result<Value> IntervalSumFinal(void* p) {
  IntervalSumState& s = St<IntervalSumState>(p);
  return s.n > 0 ? Value::MakeInterval(s.sum) : Value::Null(TypeId::kInterval);
}

// interval / count, cascading fractional months into days and days into time (interval_div).
Result<Value> IntervalAvgFinal(void* p) {
  IntervalSumState& s = St<IntervalSumState>(p);
  if (s.n == 0) return Value::Null(TypeId::kInterval);
  double factor = static_cast<double>(s.n);
  Interval r;
  double months = s.sum.months / factor;
  double days = s.sum.days / factor;
  r.months = static_cast<int32_t>(months);
  r.days = static_cast<int32_t>(days);
  double month_remainder_days = (months - r.months) * 30.0;
  double sec_remainder =
      (days - r.days + month_remainder_days - static_cast<int>(month_remainder_days)) * 86400.0;
  sec_remainder = std::rint(sec_remainder * 1e6) / 1e6;
  if (std::fabs(sec_remainder) >= 86400.0) {
    r.days += static_cast<int>(sec_remainder / 86400.0);
    sec_remainder -= static_cast<int>(sec_remainder / 86400.0) * 86400.0;
  }
  r.days += static_cast<int32_t>(month_remainder_days);
  r.micros = static_cast<int64_t>(std::rint(s.sum.micros / factor + sec_remainder * 1e6));
  return Value::MakeInterval(r);
}

struct MinMaxState {
  Value best;
  bool any = false;
};

template <bool kMax>
Status MinMaxUpdate(void* p, const Value& v) {
  MinMaxState& s = St<MinMaxState>(p);
  if (!s.any) {
    s.best = v;
    s.any = true;
    return Status::OK();
  }
  // Ties take the newer value, as PostgreSQL's *_larger/*_smaller functions do (visible for
  // numeric: min(1.50, 1.5) is 1.5).
  int c = types::CompareValues(v, s.best);
  if (kMax ? c >= 0 : c <= 0) s.best = v;
  return Status::OK();
}

Result<Value> MinMaxFinal(void* p) {
  MinMaxState& s = St<MinMaxState>(p);
  return s.any ? s.best : Value::Null();
}

struct BoolState {
  bool value = false;
  bool any = false;
};

template <bool kAnd>
Status BoolUpdate(void* p, const Value& v) {
  BoolState& s = St<BoolState>(p);
  s.value = s.any ? (kAnd ? (s.value && v.GetBool()) : (s.value || v.GetBool())) : v.GetBool();
  s.any = true;
  return Status::OK();
}

Result<Value> BoolFinal(void* p) {
  BoolState& s = St<BoolState>(p);
  return s.any ? Value::Bool(s.value) : Value::Null(TypeId::kBool);
}

struct StringAggState {
  std::string s;
  bool any = false;
  TypeId type = TypeId::kText;
};

Status StringAggUpdate2(void* p, const Value& v, const Value& delim) {
  StringAggState& s = St<StringAggState>(p);
  if (s.any && !delim.is_null()) s.s += delim.GetString();
  s.s += v.GetString();
  s.any = true;
  s.type = v.type() == TypeId::kBytea ? TypeId::kBytea : TypeId::kText;
  return Status::OK();
}

Status StringAggUpdate(void* p, const Value& v) { return StringAggUpdate2(p, v, Value::Null()); }

Result<Value> StringAggFinal(void* p) {
  StringAggState& s = St<StringAggState>(p);
  return s.any ? Value::String(s.type, s.s) : Value::Null(s.type);
}

struct ArrayAggState {
  std::vector<Value> elements;
  LogicalType element;
  bool any = false;
};

Status ArrayAggUpdate(void* p, const Value& v) {
  ArrayAggState& s = St<ArrayAggState>(p);
  if (!s.any || s.element.id == TypeId::kUnknown) s.element = LogicalType(v.type());
  s.any = true;
  s.elements.push_back(v);
  return Status::OK();
}

Result<Value> ArrayAggFinal(void* p) {
  ArrayAggState& s = St<ArrayAggState>(p);
  if (!s.any) return Value::Null(TypeId::kArray);
  types::ArrayData a;
  a.element = s.element;
  a.elements = s.elements;
  for (Value& v : a.elements) {
    if (v.is_null()) v = Value::Null(s.element.id);
  }
  return types::MakeArray(a);
}

template <typename S>
AggregateFunction Agg(std::string name, LogicalType arg, LogicalType ret,
                      Status (*update)(void*, const Value&), Result<Value> (*finalize)(void*)) {
  static_assert(alignof(S) <= 16, "aggregate state memory is aligned to 16");
  AggregateFunction f;
  f.name = std::move(name);
  f.arg_type = arg;
  f.return_type = ret;
  f.state_size = sizeof(S);
  f.init = Init<S>;
  f.update = update;
  f.finalize = finalize;
  f.destroy = Destroy<S>;
  return f;
}

}  // namespace

void AddAggregates(std::vector<AggregateFunction>* out) {
  const LogicalType i2(TypeId::kInt16), i4(TypeId::kInt32), i8(TypeId::kInt64);
  const LogicalType f4(TypeId::kFloat32), f8(TypeId::kFloat64), num(TypeId::kNumeric);
  const LogicalType text(TypeId::kText), bytea(TypeId::kBytea), boolean(TypeId::kBool);
  const LogicalType iv(TypeId::kInterval);

  AggregateFunction count_star =
      Agg<CountState>("count", LogicalType(), i8, CountUpdate, CountFinal);
  count_star.nargs = 0;
  out->push_back(count_star);
  out->push_back(Agg<CountState>("count", LogicalType(kAnyArg), i8, CountUpdate, CountFinal));

  out->push_back(Agg<IntSumState>("sum", i2, i8, IntSumUpdate, IntSumFinal));
  out->push_back(Agg<IntSumState>("sum", i4, i8, IntSumUpdate, IntSumFinal));
  out->push_back(Agg<WideSumState>("sum", i8, num, WideSumUpdate, WideSumFinal));
  out->push_back(Agg<NumericSumState>("sum", num, num, NumericSumUpdate, NumericSumFinal));
  out->push_back(
      Agg<FloatSumState<float>>("sum", f4, f4, FloatSumUpdate<float>, Float4SumFinal));
  out->push_back(
      Agg<FloatSumState<double>>("sum", f8, f8, FloatSumUpdate<double>, Float8SumFinal));
  out->push_back(Agg<IntervalSumState>("sum", iv, iv, IntervalSumUpdate, IntervalSumFinal));

  for (const LogicalType& t : {i2, i4, i8}) {
    out->push_back(Agg<WideSumState>("avg", t, num, WideSumUpdate, IntAvgFinal));
  }
  out->push_back(Agg<NumericSumState>("avg", num, num, NumericSumUpdate, NumericAvgFinal));
  out->push_back(Agg<FloatMomentState>("avg", f4, f8, FloatMomentUpdate, Float8AvgFinal));
  out->push_back(Agg<FloatMomentState>("avg", f8, f8, FloatMomentUpdate, Float8AvgFinal));
  out->push_back(Agg<IntervalSumState>("avg", iv, iv, IntervalSumUpdate, IntervalAvgFinal));

  for (TypeId id :
       {TypeId::kInt16, TypeId::kInt32, TypeId::kInt64, TypeId::kFloat32, TypeId::kFloat64,
        TypeId::kNumeric, TypeId::kText, TypeId::kChar, TypeId::kDate, TypeId::kTime,
        TypeId::kTimeTz, TypeId::kTimestamp, TypeId::kTimestampTz, TypeId::kInterval,
        TypeId::kOid}) {
    LogicalType t(id);
    out->push_back(Agg<MinMaxState>("max", t, t, MinMaxUpdate<true>, MinMaxFinal));
    out->push_back(Agg<MinMaxState>("min", t, t, MinMaxUpdate<false>, MinMaxFinal));
  }

  out->push_back(Agg<BoolState>("bool_and", boolean, boolean, BoolUpdate<true>, BoolFinal));
  out->push_back(Agg<BoolState>("every", boolean, boolean, BoolUpdate<true>, BoolFinal));
  out->push_back(Agg<BoolState>("bool_or", boolean, boolean, BoolUpdate<false>, BoolFinal));

  for (const LogicalType& t : {text, bytea}) {
    AggregateFunction sa = Agg<StringAggState>("string_agg", t, t, StringAggUpdate, StringAggFinal);
    sa.nargs = 2;
    sa.arg2_type = t;
    sa.update2 = StringAggUpdate2;
    out->push_back(sa);
  }

  AggregateFunction array_agg =
      Agg<ArrayAggState>("array_agg", LogicalType(kAnyArg), LogicalType(TypeId::kArray),
                         ArrayAggUpdate, ArrayAggFinal);
  array_agg.array_of_arg = true;
  out->push_back(array_agg);

  struct VarianceAgg {
    const char* name;
    Result<Value> (*float_final)(void*);
    Result<Value> (*numeric_final)(void*);
  };
  const VarianceAgg kVariance[] = {
      {"stddev", FloatVarianceFinal<true, true>, NumericVarianceFinal<true, true>},
      {"stddev_samp", FloatVarianceFinal<true, true>, NumericVarianceFinal<true, true>},
      {"stddev_pop", FloatVarianceFinal<false, true>, NumericVarianceFinal<false, true>},
      {"variance", FloatVarianceFinal<true, false>, NumericVarianceFinal<true, false>},
      {"var_samp", FloatVarianceFinal<true, false>, NumericVarianceFinal<true, false>},
      {"var_pop", FloatVarianceFinal<false, false>, NumericVarianceFinal<false, false>},
  };
  for (const VarianceAgg& v : kVariance) {
    for (const LogicalType& t : {f4, f8}) {
      out->push_back(Agg<FloatMomentState>(v.name, t, f8, FloatMomentUpdate, v.float_final));
    }
    for (const LogicalType& t : {i2, i4, i8, num}) {
      out->push_back(Agg<NumericMomentState>(v.name, t, num, NumericMomentUpdate, v.numeric_final));
    }
  }
}

}  // namespace zijin::exec::builtins
