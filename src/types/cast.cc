// Casts by PostgreSQL's pg_cast rules, value conversion, and select_common_type.
#include "types/cast.h"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "types/array.h"
#include "types/datetime.h"
#include "types/decimal.h"
#include "types/internal/io_util.h"

namespace zijin::types {

namespace {

bool IsStringCategory(TypeId t) {
  return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kChar || t == TypeId::kName;
}

// pg_cast's castcontext for a pair of distinct types; nullopt when there is no cast.
std::optional<CastContext> PgCast(TypeId from, TypeId to) {
  using T = TypeId;
  constexpr auto I = CastContext::kImplicit, A = CastContext::kAssignment,
                 E = CastContext::kExplicit;
  struct Row {
    TypeId from, to;
    CastContext ctx;
  };
  static constexpr Row kCasts[] = {
      {T::kInt16, T::kInt32, I},         {T::kInt16, T::kInt64, I},
      {T::kInt16, T::kFloat32, I},       {T::kInt16, T::kFloat64, I},
      {T::kInt16, T::kNumeric, I},       {T::kInt16, T::kOid, I},
      {T::kInt32, T::kInt16, A},         {T::kInt32, T::kInt64, I},
      {T::kInt32, T::kFloat32, I},       {T::kInt32, T::kFloat64, I},
      {T::kInt32, T::kNumeric, I},       {T::kInt32, T::kOid, I},
      {T::kInt32, T::kBool, E},          {T::kBool, T::kInt32, E},
      {T::kInt64, T::kInt16, A},         {T::kInt64, T::kInt32, A},
      {T::kInt64, T::kFloat32, I},       {T::kInt64, T::kFloat64, I},
      {T::kInt64, T::kNumeric, I},       {T::kInt64, T::kOid, I},
      {T::kFloat32, T::kInt16, A},       {T::kFloat32, T::kInt32, A},
      {T::kFloat32, T::kInt64, A},       {T::kFloat32, T::kFloat64, I},
      {T::kFloat32, T::kNumeric, A},     {T::kFloat64, T::kInt16, A},
      {T::kFloat64, T::kInt32, A},       {T::kFloat64, T::kInt64, A},
      {T::kFloat64, T::kFloat32, A},     {T::kFloat64, T::kNumeric, A},
      {T::kNumeric, T::kInt16, A},       {T::kNumeric, T::kInt32, A},
      {T::kNumeric, T::kInt64, A},       {T::kNumeric, T::kFloat32, I},
      {T::kNumeric, T::kFloat64, I},     {T::kOid, T::kInt32, A},
      {T::kOid, T::kInt64, A},           {T::kText, T::kVarchar, I},
      {T::kText, T::kChar, I},           {T::kText, T::kName, I},
      {T::kVarchar, T::kText, I},        {T::kVarchar, T::kChar, I},
      {T::kVarchar, T::kName, I},        {T::kChar, T::kText, I},
      {T::kChar, T::kVarchar, I},        {T::kChar, T::kName, I},
      {T::kName, T::kText, I},           {T::kName, T::kVarchar, A},
      {T::kName, T::kChar, A},           {T::kDate, T::kTimestamp, I},
      {T::kDate, T::kTimestampTz, I},    {T::kTime, T::kInterval, I},
      {T::kTimestamp, T::kDate, A},      {T::kTimestamp, T::kTime, A},
      {T::kTimestamp, T::kTimestampTz, I}, {T::kTimestampTz, T::kDate, A},
      {T::kTimestampTz, T::kTime, A},    {T::kTimestampTz, T::kTimestamp, A},
      {T::kInterval, T::kTime, A},       {T::kTime, T::kTimeTz, I},
      {T::kTimeTz, T::kTime, A},         {T::kTimestampTz, T::kTimeTz, A},
  };
  for (const Row& r : kCasts) {
    if (r.from == from && r.to == to) return r.ctx;
  }
  // The OID alias types: binary-coercible with oid, from integers implicitly, to them by
  // assignment; text and varchar name a relation (regclass(text)).
  bool reg_from = IsOidFamily(from) && from != T::kOid, reg_to = IsOidFamily(to) && to != T::kOid;
  if (reg_from || reg_to) {
    if (IsOidFamily(from) && IsOidFamily(to) && (from == T::kOid || to == T::kOid)) return I;
    if (reg_to && IsInteger(from)) return I;
    if (reg_from && (to == T::kInt32 || to == T::kInt64)) return A;
    if (to == T::kRegclass && (from == T::kText || from == T::kVarchar)) return I;
  }
  // Automatic I/O conversion casts: to a string type by assignment, from one explicitly.
  if (IsStringCategory(to)) return A;
  if (IsStringCategory(from)) return E;
  return std::nullopt;
}

Status IntRange(TypeId t) {
  const char* msg = t == TypeId::kInt16   ? "smallint out of range"
                    : t == TypeId::kInt32 ? "integer out of range"
                                          : "bigint out of range";
  return Status::Error(sqlstate::kNumericValueOutOfRange, msg);
}

Result<Value> MakeInt(int64_t v, TypeId t) {
  switch (t) {
    case TypeId::kInt16:
      if (v < INT16_MIN || v > INT16_MAX) return IntRange(t);
      return Value::Int16(static_cast<int16_t>(v));
    case TypeId::kInt32:
      if (v < INT32_MIN || v > INT32_MAX) return IntRange(t);
      return Value::Int32(static_cast<int32_t>(v));
    default: return Value::Int64(v);
  }
}

Result<Value> FloatToInt(double d, TypeId t) {
  double r = internal::RoundHalfEven(d);
  // Bounds as PostgreSQL's FLOAT8_FITS_IN_INT*: [-2^(n-1), 2^(n-1)).
  double lo = t == TypeId::kInt16 ? -32768.0 : t == TypeId::kInt32 ? -2147483648.0 : -9223372036854775808.0;
  if (std::isnan(r) || r < lo || r >= -lo) return IntRange(t);
  return MakeInt(static_cast<int64_t>(r), t);
}

Status FloatOverflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}
Status FloatUnderflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
}

Result<Value> NumberToNumeric(const Value& v, const LogicalType& to) {
  Decimal d;
  switch (v.type()) {
    case TypeId::kFloat32: {
      ZJ_ASSIGN_OR_RETURN(d, DecimalFromDouble(v.GetDouble(), 6));
      break;
    }
    case TypeId::kFloat64: {
      ZJ_ASSIGN_OR_RETURN(d, DecimalFromDouble(v.GetDouble(), 15));
      break;
    }
    case TypeId::kNumeric: d = v.GetDecimal(); break;
    default: d = Decimal{v.GetInt(), 0}; break;
  }
  ZJ_RETURN_IF_ERROR(ApplyNumericTypmod(&d, to.typmod));
  return Value::Numeric(d);
}

Status TimestampRange() {
  return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}

Result<int64_t> DateToTimestamp(int64_t days) {
  if (days == kDateNegInfinity) return kTimestampNegInfinity;
  if (days == kDatePosInfinity) return kTimestampPosInfinity;
  int64_t us = days * kUsPerDay;
  if (!IsValidTimestamp(us)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  }
  return us;
}

bool IsInfiniteTs(int64_t us) { return us == kTimestampNegInfinity || us == kTimestampPosInfinity; }

int32_t TimestampToDate(int64_t us) {
  if (us == kTimestampNegInfinity) return kDateNegInfinity;
  if (us == kTimestampPosInfinity) return kDatePosInfinity;
  return static_cast<int32_t>(FloorDiv(us, kUsPerDay));
}

Status CannotCast(TypeId from, const LogicalType& to) {
  return Status::Error(sqlstate::kCannotCoerce, "cannot cast type " +
                                                    LogicalType(from).ToString() + " to " +
                                                    to.ToString());
}

}  // namespace

bool CanCast(const LogicalType& from, const LogicalType& to, CastContext ctx) {
  // An array casts as its elements do (PostgreSQL's array coercion).
  if (from.id == TypeId::kArray && to.id == TypeId::kArray) {
    return from.elem == to.elem || to.elem == TypeId::kUnknown ||
           CanCast(from.element(), to.element(), ctx);
  }
  if (from.id == to.id || from.id == TypeId::kUnknown) return true;
  if (to.id == TypeId::kUnknown) return false;
  std::optional<CastContext> c = PgCast(from.id, to.id);
  return c.has_value() && static_cast<int>(ctx) >= static_cast<int>(*c);
}

Result<Value> CastValue(const Value& v, const LogicalType& to, const FormatOptions& opts,
                        bool explicit_cast) {
  if (v.is_null()) return Value::Null(to.id);
  TypeId from = v.type();
  if (from == TypeId::kArray && to.id == TypeId::kArray) {
    if (to.elem == TypeId::kUnknown) return v;
    return CastArray(v, to, opts, explicit_cast);
  }
  // Same type: only the modifier applies.
  if (from == to.id) {
    if (to.typmod < 0) return v;
    if (from == TypeId::kNumeric) return NumberToNumeric(v, to);
    if (from == TypeId::kVarchar || from == TypeId::kChar) {
      std::string s = v.GetString();
      ZJ_RETURN_IF_ERROR(internal::ApplyStringTypmod(&s, to.id, to.typmod, explicit_cast));
      return Value::String(to.id, std::move(s));
    }
    return v;
  }
  bool from_string = IsStringCategory(from) || from == TypeId::kUnknown;
  if (IsStringCategory(to.id)) {
    std::string s;
    if (from_string) {
      s = v.GetString();
      // bpchar's trailing blanks are not significant and are dropped on the way out.
      if (from == TypeId::kChar && to.id != TypeId::kChar) {
        size_t end = s.find_last_not_of(' ');
        s.resize(end == std::string::npos ? 0 : end + 1);
      }
    } else if (from == TypeId::kBool) {
      s = v.GetBool() ? "true" : "false";
    } else {
      FormatText(v, &s, opts);
    }
    ZJ_RETURN_IF_ERROR(internal::ApplyStringTypmod(&s, to.id, to.typmod, explicit_cast));
    return Value::String(to.id, std::move(s));
  }
  if (from_string) return ParseText(v.GetString(), to, opts);
  switch (to.id) {
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      switch (from) {
        case TypeId::kInt16:
        case TypeId::kInt32:
        case TypeId::kInt64: return MakeInt(v.GetInt(), to.id);
        case TypeId::kOid:
        case TypeId::kRegclass:
        case TypeId::kRegtype:
        case TypeId::kRegnamespace:
        case TypeId::kRegrole:
          if (to.id == TypeId::kInt32) return Value::Int32(static_cast<int32_t>(v.GetInt()));
          if (to.id == TypeId::kInt64) return Value::Int64(v.GetInt());
          break;
        case TypeId::kBool:
          if (to.id == TypeId::kInt32) return Value::Int32(v.GetBool() ? 1 : 0);
          break;
        case TypeId::kFloat32:
        case TypeId::kFloat64: return FloatToInt(v.GetDouble(), to.id);
        case TypeId::kNumeric: {
          const Decimal& d = v.GetDecimal();
          if (!d.finite()) {
            const char* name = to.id == TypeId::kInt16   ? "smallint"
                               : to.id == TypeId::kInt32 ? "integer"
                                                         : "bigint";
            return Status::NotSupported(std::string("cannot convert ") +
                                        (d.is_nan() ? "NaN" : "infinity") + " to " + name);
          }
          int64_t i;
          if (!DecimalToInt64(d, &i)) return IntRange(to.id);
          return MakeInt(i, to.id);
        }
        default: break;
      }
      break;
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
      if (IsOidFamily(from)) return Value::OidOf(to.id, static_cast<uint32_t>(v.GetInt()));
      if (from == TypeId::kInt32 || from == TypeId::kInt16) {
        return Value::OidOf(to.id, static_cast<uint32_t>(v.GetInt()));
      }
      if (from == TypeId::kInt64) {
        if (v.GetInt() < 0 || v.GetInt() > UINT32_MAX) {
          return Status::Error(sqlstate::kNumericValueOutOfRange, "OID out of range");
        }
        return Value::OidOf(to.id, static_cast<uint32_t>(v.GetInt()));
      }
      break;
    case TypeId::kBool:
      if (from == TypeId::kInt32) return Value::Bool(v.GetInt() != 0);
      break;
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double d;
      if (IsInteger(from)) {
        d = static_cast<double>(v.GetInt());
      } else if (from == TypeId::kNumeric) {
        const Decimal& dec = v.GetDecimal();
        if (!dec.finite()) {
          d = DecimalToDouble(dec);
        } else {
          // numeric_float8/float4 go through the float's input function, which rejects what
          // overflows or underflows to zero.
          std::string text;
          FormatDecimal(dec, &text);
          errno = 0;
          bool is_float4 = to.id == TypeId::kFloat32;
          d = is_float4 ? std::strtof(text.c_str(), nullptr) : std::strtod(text.c_str(), nullptr);
          if (errno == ERANGE && (d == 0.0 || std::isinf(d))) {
            return Status::Error(sqlstate::kNumericValueOutOfRange,
                                 "\"" + text + "\" is out of range for type " +
                                     (is_float4 ? "real" : "double precision"));
          }
          if (is_float4) return Value::Float32(static_cast<float>(d));
        }
      } else if (from == TypeId::kFloat32 || from == TypeId::kFloat64) {
        d = v.GetDouble();
      } else {
        break;
      }
      if (to.id == TypeId::kFloat64) return Value::Float64(d);
      if (IsInteger(from)) return Value::Float32(static_cast<float>(v.GetInt()));
      float f = static_cast<float>(d);
      if (std::isinf(f) && !std::isinf(d)) return FloatOverflow();
      if (f == 0.0f && d != 0.0) return FloatUnderflow();
      return Value::Float32(f);
    }
    case TypeId::kNumeric:
      if (IsNumericFamily(from)) return NumberToNumeric(v, to);
      break;
    case TypeId::kDate:
      if (from == TypeId::kTimestamp) return Value::Date(TimestampToDate(v.GetInt()));
      if (from == TypeId::kTimestampTz) {
        int64_t us = v.GetInt();
        if (!IsInfiniteTs(us)) us = internal::SessionZone(opts)->UtcToLocal(us);
        return Value::Date(TimestampToDate(us));
      }
      break;
    case TypeId::kTime:
      if (from == TypeId::kTimestamp || from == TypeId::kTimestampTz) {
        int64_t us = v.GetInt();
        if (IsInfiniteTs(us)) return TimestampRange();
        if (from == TypeId::kTimestampTz) us = internal::SessionZone(opts)->UtcToLocal(us);
        return Value::Time(FloorMod(us, kUsPerDay));
      }
      if (from == TypeId::kInterval) return Value::Time(FloorMod(v.GetInterval().micros, kUsPerDay));
      if (from == TypeId::kTimeTz) return Value::Time(v.GetTimeTz().micros);
      break;
    case TypeId::kTimeTz:
      if (from == TypeId::kTimestampTz) {
        int64_t us = v.GetInt();
        if (IsInfiniteTs(us)) return TimestampRange();
        int32_t off = internal::SessionZone(opts)->OffsetAtUtc(us);
        return Value::MakeTimeTz(TimeTz{FloorMod(us + int64_t{off} * kUsPerSec, kUsPerDay), off});
      }
      if (from == TypeId::kTime) {
        // time_timetz: the session zone's offset on the current date.
        auto now = std::chrono::system_clock::now().time_since_epoch();
        int64_t utc = std::chrono::duration_cast<std::chrono::microseconds>(now).count() +
                      int64_t{kUnixEpochDays} * kUsPerDay;
        int32_t off = internal::SessionZone(opts)->OffsetAtUtc(utc);
        return Value::MakeTimeTz(TimeTz{v.GetInt(), off});
      }
      break;
    case TypeId::kTimestamp:
      if (from == TypeId::kDate) {
        ZJ_ASSIGN_OR_RETURN(int64_t us, DateToTimestamp(v.GetInt()));
        return Value::Timestamp(us);
      }
      if (from == TypeId::kTimestampTz) {
        int64_t us = v.GetInt();
        if (!IsInfiniteTs(us)) {
          us = internal::SessionZone(opts)->UtcToLocal(us);
          if (!IsValidTimestamp(us)) return TimestampRange();
        }
        return Value::Timestamp(us);
      }
      break;
    case TypeId::kTimestampTz:
      if (from == TypeId::kDate || from == TypeId::kTimestamp) {
        int64_t us = v.GetInt();
        if (from == TypeId::kDate) {
          ZJ_ASSIGN_OR_RETURN(us, DateToTimestamp(us));
        }
        if (!IsInfiniteTs(us)) {
          us = internal::SessionZone(opts)->LocalToUtc(us);
          if (!IsValidTimestamp(us)) return TimestampRange();
        }
        return Value::TimestampTz(us);
      }
      break;
    case TypeId::kInterval:
      if (from == TypeId::kTime) return Value::MakeInterval(Interval{0, 0, v.GetInt()});
      break;
    case TypeId::kBytea:
    default: break;
  }
  return CannotCast(from, to);
}

namespace {

enum class Category { kNumeric, kString, kDateTime, kTimespan, kBool, kArray, kUser, kUnknown };

Category CategoryOf(TypeId t, bool* preferred) {
  *preferred = false;
  switch (t) {
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kFloat32:
    case TypeId::kNumeric: return Category::kNumeric;
    case TypeId::kFloat64:
    case TypeId::kOid: *preferred = true; return Category::kNumeric;
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole: return Category::kNumeric;
    case TypeId::kText: *preferred = true; return Category::kString;
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName: return Category::kString;
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kTimestamp: return Category::kDateTime;
    case TypeId::kTimestampTz: *preferred = true; return Category::kDateTime;
    case TypeId::kInterval: *preferred = true; return Category::kTimespan;
    case TypeId::kBool: *preferred = true; return Category::kBool;
    case TypeId::kBytea:
    case TypeId::kUuid: return Category::kUser;
    case TypeId::kArray: return Category::kArray;
    case TypeId::kUnknown: return Category::kUnknown;
  }
  return Category::kUser;
}

}  // namespace

Result<LogicalType> CommonType(const LogicalType& a, const LogicalType& b,
                               std::string_view context) {
  if (a.id == TypeId::kUnknown && b.id == TypeId::kUnknown) return LogicalType(TypeId::kText);
  if (a.id == TypeId::kUnknown) return b;
  if (b.id == TypeId::kUnknown) return a;
  if (a.id == TypeId::kArray && b.id == TypeId::kArray && a.elem != b.elem) {
    // Arrays of different element types meet at their elements' common type.
    Result<LogicalType> e = CommonType(a.element(), b.element(), "");
    if (!e.ok() || !CanCast(a, LogicalType::Array(*e), CastContext::kImplicit) ||
        !CanCast(b, LogicalType::Array(*e), CastContext::kImplicit)) {
      std::string msg(context);
      if (!msg.empty()) msg.push_back(' ');
      msg += "types " + a.ToString() + " and " + b.ToString() + " cannot be matched";
      return Status::Error(sqlstate::kDatatypeMismatch, std::move(msg));
    }
    return LogicalType::Array(LogicalType(e->id));
  }
  if (a.id == b.id) {
    LogicalType t(a.id, a.typmod == b.typmod ? a.typmod : -1);
    t.elem = a.elem;
    return t;
  }
  bool pa, pb;
  Category ca = CategoryOf(a.id, &pa), cb = CategoryOf(b.id, &pb);
  if (ca != cb) {
    std::string msg(context);
    if (!msg.empty()) msg.push_back(' ');
    msg += "types " + a.ToString() + " and " + b.ToString() + " cannot be matched";
    return Status::Error(sqlstate::kDatatypeMismatch, std::move(msg));
  }
  if (!pa && CanCast(a, b, CastContext::kImplicit) && !CanCast(b, a, CastContext::kImplicit)) {
    return b;
  }
  return a;
}

}  // namespace zijin::types
