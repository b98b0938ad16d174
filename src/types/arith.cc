// Arithmetic operators: PostgreSQL's operator resolution for + - * / % ^ and their evaluation
// over integers, floats, numerics and the date/time types.
#include "types/arith.h"

#include <cmath>

#include "types/cast.h"
#include "types/datetime.h"
#include "types/decimal.h"
#include "types/internal/io_util.h"

namespace zijin::types {

namespace {

const char* OpSymbol(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd: return "+";
    case ArithOp::kSub: return "-";
    case ArithOp::kMul: return "*";
    case ArithOp::kDiv: return "/";
    case ArithOp::kMod: return "%";
    case ArithOp::kPow: return "^";
  }
  return "?";
}

Status NoOperator(ArithOp op, const LogicalType& l, const LogicalType& r) {
  return Status::Error(sqlstate::kUndefinedFunction, "operator does not exist: " + l.ToString() +
                                                         " " + OpSymbol(op) + " " + r.ToString())
      .WithHint(
          "No operator matches the given name and argument types. You might need to add explicit "
          "type casts.");
}

// Numeric-family rank for choosing the result type: int2 < int4 < int8 < numeric < float4 <
// float8.
int Rank(TypeId t) {
  switch (t) {
    case TypeId::kInt16: return 0;
    case TypeId::kInt32: return 1;
    case TypeId::kInt64: return 2;
    case TypeId::kNumeric: return 3;
    case TypeId::kFloat32: return 4;
    case TypeId::kFloat64: return 5;
    default: return -1;
  }
}

bool IsFloat(TypeId t) { return t == TypeId::kFloat32 || t == TypeId::kFloat64; }

ArithSignature Sig(TypeId l, TypeId r, TypeId result) {
  return ArithSignature{LogicalType(l), LogicalType(r), LogicalType(result)};
}

Result<ArithSignature> ResolveNumeric(ArithOp op, TypeId l, TypeId r) {
  TypeId result;
  if (op == ArithOp::kPow) {
    // float8 ^ float8 and numeric ^ numeric: numeric wins when one side is numeric and neither
    // is a float.
    bool numeric = (l == TypeId::kNumeric || r == TypeId::kNumeric) && !IsFloat(l) && !IsFloat(r);
    result = numeric ? TypeId::kNumeric : TypeId::kFloat64;
  } else if (IsFloat(l) || IsFloat(r)) {
    result = (l == TypeId::kFloat32 && r == TypeId::kFloat32) ? TypeId::kFloat32 : TypeId::kFloat64;
  } else {
    result = Rank(l) > Rank(r) ? l : r;
  }
  return Sig(result, result, result);
}

bool IsIntOperand(TypeId t) { return t == TypeId::kInt16 || t == TypeId::kInt32; }

}  // namespace

Result<ArithSignature> ResolveArith(ArithOp op, const LogicalType& l, const LogicalType& r) {
  TypeId a = l.id, b = r.id;
  if (Rank(a) >= 0 && Rank(b) >= 0) {
    if (op == ArithOp::kMod && (IsFloat(a) || IsFloat(b))) return NoOperator(op, l, r);
    return ResolveNumeric(op, a, b);
  }
  using T = TypeId;
  bool add = op == ArithOp::kAdd, sub = op == ArithOp::kSub;
  if (add || sub) {
    if (a == T::kDate && IsIntOperand(b)) return Sig(T::kDate, T::kInt32, T::kDate);
    if (add && IsIntOperand(a) && b == T::kDate) return Sig(T::kInt32, T::kDate, T::kDate);
    if (sub && a == T::kDate && b == T::kDate) return Sig(T::kDate, T::kDate, T::kInt32);
    if (a == T::kDate && b == T::kInterval) return Sig(T::kDate, T::kInterval, T::kTimestamp);
    if (add && a == T::kInterval && b == T::kDate) {
      return Sig(T::kInterval, T::kDate, T::kTimestamp);
    }
    if (add && a == T::kDate && b == T::kTime) return Sig(T::kDate, T::kTime, T::kTimestamp);
    if (add && a == T::kTime && b == T::kDate) return Sig(T::kTime, T::kDate, T::kTimestamp);
    if (add && a == T::kDate && b == T::kTimeTz) {
      return Sig(T::kDate, T::kTimeTz, T::kTimestampTz);
    }
    if (add && a == T::kTimeTz && b == T::kDate) {
      return Sig(T::kTimeTz, T::kDate, T::kTimestampTz);
    }
    for (T ts : {T::kTimestamp, T::kTimestampTz, T::kTime, T::kTimeTz}) {
      if (a == ts && b == T::kInterval) return Sig(ts, T::kInterval, ts);
      if (add && a == T::kInterval && b == ts) return Sig(T::kInterval, ts, ts);
    }
    if (a == T::kInterval && b == T::kInterval) {
      return Sig(T::kInterval, T::kInterval, T::kInterval);
    }
    if (sub && a == T::kTime && b == T::kTime) return Sig(T::kTime, T::kTime, T::kInterval);
    auto is_stamp = [](T t) { return t == T::kDate || t == T::kTimestamp || t == T::kTimestampTz; };
    if (sub && is_stamp(a) && is_stamp(b)) {
      // timestamp - date, timestamptz - timestamp ...: both to the common type.
      auto common = CommonType(l, r, "");
      if (common.ok() && common->id != T::kDate) return Sig(common->id, common->id, T::kInterval);
    }
  }
  if (op == ArithOp::kMul) {
    if (a == T::kInterval && Rank(b) >= 0) return Sig(T::kInterval, T::kFloat64, T::kInterval);
    if (Rank(a) >= 0 && b == T::kInterval) return Sig(T::kFloat64, T::kInterval, T::kInterval);
  }
  if (op == ArithOp::kDiv && a == T::kInterval && Rank(b) >= 0) {
    return Sig(T::kInterval, T::kFloat64, T::kInterval);
  }
  return NoOperator(op, l, r);
}

namespace {

Status IntOutOfRange(TypeId t) {
  const char* msg = t == TypeId::kInt16   ? "smallint out of range"
                    : t == TypeId::kInt32 ? "integer out of range"
                                          : "bigint out of range";
  return Status::Error(sqlstate::kNumericValueOutOfRange, msg);
}

Status DivByZero() { return Status::Error(sqlstate::kDivisionByZero, "division by zero"); }

Result<Value> IntValue(int64_t v, TypeId t) {
  if (t == TypeId::kInt16) {
    if (v < INT16_MIN || v > INT16_MAX) return IntOutOfRange(t);
    return Value::Int16(static_cast<int16_t>(v));
  }
  if (t == TypeId::kInt32) {
    if (v < INT32_MIN || v > INT32_MAX) return IntOutOfRange(t);
    return Value::Int32(static_cast<int32_t>(v));
  }
  return Value::Int64(v);
}

Result<Value> IntArith(ArithOp op, int64_t a, int64_t b, TypeId t) {
  int64_t r = 0;
  bool overflow = false;
  switch (op) {
    case ArithOp::kAdd: overflow = __builtin_add_overflow(a, b, &r); break;
    case ArithOp::kSub: overflow = __builtin_sub_overflow(a, b, &r); break;
    case ArithOp::kMul: overflow = __builtin_mul_overflow(a, b, &r); break;
    case ArithOp::kDiv:
      if (b == 0) return DivByZero();
      if (b == -1) {
        overflow = __builtin_sub_overflow(int64_t{0}, a, &r);
      } else {
        r = a / b;
      }
      break;
    case ArithOp::kMod:
      if (b == 0) return DivByZero();
      r = b == -1 ? 0 : a % b;
      break;
    case ArithOp::kPow: return Status::Internal("integer ^ is resolved to float8");
  }
  if (overflow) return IntOutOfRange(t);
  return IntValue(r, t);
}

Status PowerError(const char* msg) { return Status::Error(sqlstate::kInvalidArgumentForPowerFunction, msg); }

Result<double> FloatArith(ArithOp op, double a, double b, bool is_float4) {
  double r = 0;
  switch (op) {
    case ArithOp::kAdd: r = is_float4 ? double{static_cast<float>(a) + static_cast<float>(b)} : a + b; break;
    case ArithOp::kSub: r = is_float4 ? double{static_cast<float>(a) - static_cast<float>(b)} : a - b; break;
    case ArithOp::kMul: r = is_float4 ? double{static_cast<float>(a) * static_cast<float>(b)} : a * b; break;
    case ArithOp::kDiv:
      if (b == 0.0) return DivByZero();
      r = is_float4 ? double{static_cast<float>(a) / static_cast<float>(b)} : a / b;
      break;
    case ArithOp::kPow:
      if (a == 0.0 && b < 0.0) return PowerError("zero raised to a negative power is undefined");
      if (a < 0.0 && std::floor(b) != b && !std::isnan(b)) {
        return PowerError("a negative number raised to a non-integer power yields a complex result");
      }
      r = std::pow(a, b);
      break;
    case ArithOp::kMod: return Status::Internal("float % is not an operator");
  }
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  }
  bool zero_ok = op == ArithOp::kAdd || op == ArithOp::kSub || a == 0.0 ||
                 (op == ArithOp::kMul && b == 0.0) || (op == ArithOp::kDiv && std::isinf(b)) ||
                 (op == ArithOp::kPow && (b > 0 ? std::fabs(a) < 1 : std::fabs(a) > 1));
  if (r == 0.0 && !zero_ok) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  }
  return r;
}

Decimal ToDecimal(const Value& v) {
  if (v.type() == TypeId::kNumeric) return v.GetDecimal();
  return Decimal{v.GetInt(), 0};
}

double ToDouble(const Value& v) {
  switch (v.type()) {
    case TypeId::kFloat32:
    case TypeId::kFloat64: return v.GetDouble();
    case TypeId::kNumeric: return DecimalToDouble(v.GetDecimal());
    default: return static_cast<double>(v.GetInt());
  }
}

Result<Value> NumericArith(ArithOp op, const Decimal& a, const Decimal& b) {
  Result<Decimal> r = Decimal{};
  switch (op) {
    case ArithOp::kAdd: r = AddDecimal(a, b); break;
    case ArithOp::kSub: r = SubDecimal(a, b); break;
    case ArithOp::kMul: r = MulDecimal(a, b); break;
    case ArithOp::kDiv: r = DivDecimal(a, b); break;
    case ArithOp::kMod: r = ModDecimal(a, b); break;
    case ArithOp::kPow: r = PowDecimal(a, b); break;
  }
  if (!r.ok()) return r.status();
  return Value::Numeric(*r);
}

// ---- date/time ----

Status TimestampOutOfRange() {
  return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}
Status IntervalOutOfRange() {
  return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
}

bool IsInfinite(int64_t us) { return us == kTimestampNegInfinity || us == kTimestampPosInfinity; }

// timestamp + interval in local time: months (day clamped to the month's end), days, then
// microseconds. `zone` non-null for timestamptz: months and days apply in its local time.
Result<int64_t> AddInterval(int64_t ts, Interval iv, const TimeZone* zone) {
  if (IsInfinite(ts)) return ts;
  if (iv.months != 0) {
    int64_t local = zone ? zone->UtcToLocal(ts) : ts;
    DateTimeFields f = TimestampToFields(local);
    int64_t month = int64_t{f.year} * 12 + (f.month - 1) + iv.months;
    f.year = static_cast<int>(FloorDiv(month, 12));
    f.month = static_cast<int>(FloorMod(month, 12)) + 1;
    if (f.year < -4713 || f.year > 294277) return TimestampOutOfRange();
    f.day = std::min(f.day, DaysInMonth(f.year, f.month));
    local = FieldsToTimestamp(f);
    ts = zone ? zone->LocalToUtc(local) : local;
  }
  if (iv.days != 0) {
    int64_t local = zone ? zone->UtcToLocal(ts) : ts;
    if (__builtin_add_overflow(local, int64_t{iv.days} * kUsPerDay, &local)) {
      return TimestampOutOfRange();
    }
    ts = zone ? zone->LocalToUtc(local) : local;
  }
  if (__builtin_add_overflow(ts, iv.micros, &ts) || !IsValidTimestamp(ts)) {
    return TimestampOutOfRange();
  }
  return ts;
}

Result<Interval> NegateInterval(const Interval& iv) {
  if (iv.months == INT32_MIN || iv.days == INT32_MIN || iv.micros == INT64_MIN) {
    return IntervalOutOfRange();
  }
  return Interval{-iv.months, -iv.days, -iv.micros};
}

Result<Interval> AddIntervals(const Interval& a, const Interval& b) {
  Interval r;
  if (__builtin_add_overflow(a.months, b.months, &r.months) ||
      __builtin_add_overflow(a.days, b.days, &r.days) ||
      __builtin_add_overflow(a.micros, b.micros, &r.micros)) {
    return IntervalOutOfRange();
  }
  return r;
}

// interval * factor: whole months and days scale; their fractions cascade down (30-day months,
// 24-hour days) rounded to microseconds, never up.
Result<Interval> ScaleInterval(const Interval& iv, double factor, bool divide) {
  if (divide && factor == 0.0) return DivByZero();
  auto scale = [&](double v) { return divide ? v / factor : v * factor; };
  double months = scale(iv.months), days = scale(iv.days);
  if (std::isnan(months) || months > INT32_MAX || months < INT32_MIN || std::isnan(days) ||
      days > INT32_MAX || days < INT32_MIN) {
    return IntervalOutOfRange();
  }
  Interval r;
  r.months = static_cast<int32_t>(months);
  r.days = static_cast<int32_t>(days);
  auto round6 = [](double v) { return std::nearbyint(v * 1e6) / 1e6; };
  double month_rem_days = round6((months - r.months) * 30);
  double sec_rem = round6((days - r.days + month_rem_days - std::trunc(month_rem_days)) * 86400);
  if (std::fabs(sec_rem) >= 86400) {
    int extra = static_cast<int>(sec_rem / 86400);
    r.days += extra;
    sec_rem -= extra * 86400.0;
  }
  r.days += static_cast<int32_t>(month_rem_days);
  double micros = std::nearbyint(scale(static_cast<double>(iv.micros)) + sec_rem * 1e6);
  if (std::isnan(micros) || micros >= 9.2233720368547758e18 || micros < -9.2233720368547758e18) {
    return IntervalOutOfRange();
  }
  r.micros = static_cast<int64_t>(micros);
  return r;
}

Result<Value> DateTimeArith(ArithOp op, const Value& l, const Value& r, const FormatOptions* opts) {
  using T = TypeId;
  T a = l.type(), b = r.type();
  bool sub = op == ArithOp::kSub;
  auto date_range = [] { return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range"); };
  if (a == T::kDate && IsInteger(b)) {
    int64_t d = l.GetInt();
    if (d == kDateNegInfinity || d == kDatePosInfinity) return l;
    int64_t n = sub ? d - r.GetInt() : d + r.GetInt();
    if (!IsValidDate(static_cast<int32_t>(n)) || n != static_cast<int32_t>(n)) return date_range();
    return Value::Date(static_cast<int32_t>(n));
  }
  if (IsInteger(a) && b == T::kDate) return DateTimeArith(op, r, l, opts);
  if (a == T::kDate && b == T::kDate) {
    if (l.GetInt() == kDateNegInfinity || l.GetInt() == kDatePosInfinity ||
        r.GetInt() == kDateNegInfinity || r.GetInt() == kDatePosInfinity) {
      return Status::Error(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite dates");
    }
    return Value::Int32(static_cast<int32_t>(l.GetInt() - r.GetInt()));
  }
  auto to_ts = [&](const Value& v) -> Result<int64_t> {
    if (v.type() != T::kDate) return v.GetInt();
    int64_t d = v.GetInt();
    if (d == kDateNegInfinity) return kTimestampNegInfinity;
    if (d == kDatePosInfinity) return kTimestampPosInfinity;
    return d * kUsPerDay;
  };
  if ((a == T::kDate && b == T::kTime) || (a == T::kTime && b == T::kDate)) {
    const Value& date = a == T::kDate ? l : r;
    const Value& time = a == T::kDate ? r : l;
    ZJ_ASSIGN_OR_RETURN(int64_t ts, to_ts(date));
    if (IsInfinite(ts)) return Value::Timestamp(ts);
    ts += time.GetInt();
    if (!IsValidTimestamp(ts)) return TimestampOutOfRange();
    return Value::Timestamp(ts);
  }
  if ((a == T::kDate && b == T::kTimeTz) || (a == T::kTimeTz && b == T::kDate)) {
    // date + timetz: the local time on that date at the given offset, as a UTC instant.
    const Value& date = a == T::kDate ? l : r;
    const TimeTz& t = (a == T::kDate ? r : l).GetTimeTz();
    ZJ_ASSIGN_OR_RETURN(int64_t ts, to_ts(date));
    if (IsInfinite(ts)) return Value::TimestampTz(ts);
    ts += t.micros - int64_t{t.offset} * kUsPerSec;
    if (!IsValidTimestamp(ts)) return TimestampOutOfRange();
    return Value::TimestampTz(ts);
  }
  if (b == T::kInterval && (a == T::kDate || a == T::kTimestamp || a == T::kTimestampTz)) {
    ZJ_ASSIGN_OR_RETURN(int64_t ts, to_ts(l));
    Interval iv = r.GetInterval();
    if (sub) {
      ZJ_ASSIGN_OR_RETURN(iv, NegateInterval(iv));
    }
    std::shared_ptr<const TimeZone> zone;
    if (a == T::kTimestampTz && opts != nullptr) zone = internal::SessionZone(*opts);
    ZJ_ASSIGN_OR_RETURN(int64_t out, AddInterval(ts, iv, zone.get()));
    return a == T::kTimestampTz ? Value::TimestampTz(out) : Value::Timestamp(out);
  }
  if (a == T::kInterval && (b == T::kDate || b == T::kTimestamp || b == T::kTimestampTz ||
                            b == T::kTime || b == T::kTimeTz)) {
    return DateTimeArith(op, r, l, opts);
  }
  if (a == T::kTime && b == T::kInterval) {
    int64_t m = sub ? -r.GetInterval().micros : r.GetInterval().micros;
    return Value::Time(FloorMod(l.GetInt() + FloorMod(m, kUsPerDay), kUsPerDay));
  }
  if (a == T::kTimeTz && b == T::kInterval) {
    // The time wraps around midnight; the offset stays.
    int64_t m = sub ? -r.GetInterval().micros : r.GetInterval().micros;
    TimeTz t = l.GetTimeTz();
    t.micros = FloorMod(t.micros + FloorMod(m, kUsPerDay), kUsPerDay);
    return Value::MakeTimeTz(t);
  }
  if (a == T::kTime && b == T::kTime) {
    return Value::MakeInterval(Interval{0, 0, l.GetInt() - r.GetInt()});
  }
  if ((a == T::kTimestamp || a == T::kTimestampTz) && a == b) {
    int64_t x = l.GetInt(), y = r.GetInt();
    if (IsInfinite(x) || IsInfinite(y)) {
      return Status::Error(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
    }
    int64_t diff;
    if (__builtin_sub_overflow(x, y, &diff)) return IntervalOutOfRange();
    // interval_justify_hours: whole days out of the microseconds.
    int64_t days = diff / kUsPerDay;
    return Value::MakeInterval(Interval{0, static_cast<int32_t>(days), diff - days * kUsPerDay});
  }
  if (a == T::kInterval && b == T::kInterval) {
    Interval y = r.GetInterval();
    if (sub) {
      ZJ_ASSIGN_OR_RETURN(y, NegateInterval(y));
    }
    ZJ_ASSIGN_OR_RETURN(Interval out, AddIntervals(l.GetInterval(), y));
    return Value::MakeInterval(out);
  }
  if (a == T::kInterval && (op == ArithOp::kMul || op == ArithOp::kDiv) && IsNumericFamily(b)) {
    ZJ_ASSIGN_OR_RETURN(Interval out, ScaleInterval(l.GetInterval(), ToDouble(r),
                                                    op == ArithOp::kDiv));
    return Value::MakeInterval(out);
  }
  if (IsNumericFamily(a) && b == T::kInterval && op == ArithOp::kMul) {
    return DateTimeArith(op, r, l, opts);
  }
  return NoOperator(op, LogicalType(a), LogicalType(b));
}

Result<Value> Eval(ArithOp op, const Value& l, const Value& r, const FormatOptions* opts) {
  TypeId a = l.type(), b = r.type();
  if (Rank(a) >= 0 && Rank(b) >= 0) {
    if (IsFloat(a) || IsFloat(b) || op == ArithOp::kPow) {
      if (op == ArithOp::kPow && !IsFloat(a) && !IsFloat(b) &&
          (a == TypeId::kNumeric || b == TypeId::kNumeric)) {
        return NumericArith(op, ToDecimal(l), ToDecimal(r));
      }
      if (op == ArithOp::kMod) return NoOperator(op, LogicalType(a), LogicalType(b));
      bool f4 = a == TypeId::kFloat32 && b == TypeId::kFloat32;
      ZJ_ASSIGN_OR_RETURN(double d, FloatArith(op, ToDouble(l), ToDouble(r), f4));
      return f4 ? Value::Float32(static_cast<float>(d)) : Value::Float64(d);
    }
    if (a == TypeId::kNumeric || b == TypeId::kNumeric) {
      return NumericArith(op, ToDecimal(l), ToDecimal(r));
    }
    return IntArith(op, l.GetInt(), r.GetInt(), Rank(a) > Rank(b) ? a : b);
  }
  return DateTimeArith(op, l, r, opts);
}

}  // namespace

Result<Value> EvalArith(ArithOp op, const Value& l, const Value& r) {
  return Eval(op, l, r, nullptr);
}

Result<Value> EvalArith(ArithOp op, const Value& l, const Value& r, const FormatOptions& opts) {
  return Eval(op, l, r, &opts);
}

Result<Value> Negate(const Value& v) {
  if (v.is_null()) return v;
  switch (v.type()) {
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64: {
      if (v.GetInt() == INT64_MIN) return IntOutOfRange(v.type());
      return IntValue(-v.GetInt(), v.type());
    }
    case TypeId::kFloat32: return Value::Float32(static_cast<float>(-v.GetDouble()));
    case TypeId::kFloat64: return Value::Float64(-v.GetDouble());
    case TypeId::kNumeric: {
      Decimal d = v.GetDecimal();
      if (d.is_inf()) return Value::Numeric(Decimal::Infinity(d.kind == Decimal::Kind::kPosInf));
      d.unscaled = -d.unscaled;
      return Value::Numeric(d);
    }
    case TypeId::kInterval: {
      ZJ_ASSIGN_OR_RETURN(Interval iv, NegateInterval(v.GetInterval()));
      return Value::MakeInterval(iv);
    }
    default:
      return Status::Error(sqlstate::kUndefinedFunction,
                           "operator does not exist: - " + LogicalType(v.type()).ToString())
          .WithHint(
              "No operator matches the given name and argument types. You might need to add "
              "explicit type casts.");
  }
}

}  // namespace zijin::types
