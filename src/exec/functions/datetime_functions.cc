// Date and time functions: current time, date_trunc, date_part/extract, make_*, age, justify_*.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "exec/functions/builtins.h"
#include "exec/functions/datetime_util.h"
#include "exec/functions/numeric_util.h"
#include "types/decimal.h"

namespace zijin::exec::builtins {
namespace {

using types::Decimal;
using types::Interval;

enum class Unit {
  kInvalid,
  kMicroseconds,
  kMilliseconds,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kEpoch,
  kDow,
  kIsoDow,
  kDoy,
  kIsoYear,
  kJulian,
  kTimezone,
  kTimezoneHour,
  kTimezoneMinute,
};

struct UnitName {
  std::string_view name;
  Unit unit;
};

// The spellings PostgreSQL's datetktbl and deltatktbl accept for units.
constexpr UnitName kUnitNames[] = {
    {"microsecond", Unit::kMicroseconds},
    {"microseconds", Unit::kMicroseconds},
    {"us", Unit::kMicroseconds},
    {"usec", Unit::kMicroseconds},
    {"usecs", Unit::kMicroseconds},
    {"useconds", Unit::kMicroseconds},
    {"millisecond", Unit::kMilliseconds},
    {"milliseconds", Unit::kMilliseconds},
    {"ms", Unit::kMilliseconds},
    {"msec", Unit::kMilliseconds},
    {"msecs", Unit::kMilliseconds},
    {"mseconds", Unit::kMilliseconds},
    {"second", Unit::kSecond},
    {"seconds", Unit::kSecond},
    {"s", Unit::kSecond},
    {"sec", Unit::kSecond},
    {"secs", Unit::kSecond},
    {"minute", Unit::kMinute},
    {"minutes", Unit::kMinute},
    {"m", Unit::kMinute},
    {"min", Unit::kMinute},
    {"mins", Unit::kMinute},
    {"hour", Unit::kHour},
    {"hours", Unit::kHour},
    {"h", Unit::kHour},
    {"hr", Unit::kHour},
    {"hrs", Unit::kHour},
    {"day", Unit::kDay},
    {"days", Unit::kDay},
    {"d", Unit::kDay},
    {"week", Unit::kWeek},
    {"weeks", Unit::kWeek},
    {"w", Unit::kWeek},
    {"month", Unit::kMonth},
    {"months", Unit::kMonth},
    {"mon", Unit::kMonth},
    {"mons", Unit::kMonth},
    {"quarter", Unit::kQuarter},
    {"qtr", Unit::kQuarter},
    {"year", Unit::kYear},
    {"years", Unit::kYear},
    {"y", Unit::kYear},
    {"yr", Unit::kYear},
    {"yrs", Unit::kYear},
    {"decade", Unit::kDecade},
    {"decades", Unit::kDecade},
    {"dec", Unit::kDecade},
    {"decs", Unit::kDecade},
    {"century", Unit::kCentury},
    {"centuries", Unit::kCentury},
    {"c", Unit::kCentury},
    {"cent", Unit::kCentury},
    {"millennium", Unit::kMillennium},
    {"millennia", Unit::kMillennium},
    {"mil", Unit::kMillennium},
    {"mils", Unit::kMillennium},
    {"epoch", Unit::kEpoch},
    {"dow", Unit::kDow},
    {"isodow", Unit::kIsoDow},
    {"doy", Unit::kDoy},
    {"isoyear", Unit::kIsoYear},
    {"julian", Unit::kJulian},
    {"j", Unit::kJulian},
    {"timezone", Unit::kTimezone},
    {"timezone_h", Unit::kTimezoneHour},
    {"timezone_hour", Unit::kTimezoneHour},
    {"timezone_m", Unit::kTimezoneMinute},
    {"timezone_minute", Unit::kTimezoneMinute},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Unit ParseUnit(std::string_view s, std::string* lowered) {
  *lowered = Lower(s);
  for (const UnitName& u : kUnitNames) {
    if (u.name == *lowered) return u.unit;
  }
  return Unit::kInvalid;
}

const char* TypeName(TypeId t) {
  switch (t) {
    case TypeId::kTimestamp:
      return "timestamp without time zone";
    case TypeId::kTimestampTz:
      return "timestamp with time zone";
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return "time without time zone";
    case TypeId::kTimeTz:
      return "time with time zone";
    default:
      return "interval";
  }
}

Status UnitNotRecognized(const std::string& unit, TypeId t) {
  return Status::Error(sqlstate::kInvalidParameterValue,
                       "unit \"" + unit + "\" not recognized for type " + TypeName(t));
}

Status UnitNotSupported(const std::string& unit, TypeId t) {
  return Status::Error(sqlstate::kFeatureNotSupported,
                       "unit \"" + unit + "\" not supported for type " + TypeName(t));
}

Result<Value> FnNow(const Value*, size_t, FunctionContext& ctx) {
  return Value::TimestampTz(ctx.transaction_timestamp_us);
}

Result<Value> FnStatementTimestamp(const Value*, size_t, FunctionContext& ctx) {
  return Value::TimestampTz(ctx.statement_timestamp_us);
}

Result<Value> FnClockTimestamp(const Value*, size_t, FunctionContext& ctx) {
  return Value::TimestampTz(ClockNow(ctx));
}

int64_t LocalNow(const FunctionContext& ctx) {
  int64_t t = ctx.transaction_timestamp_us;
  return t + int64_t{UtcOffsetSeconds(ctx, t)} * kUsPerSec;
}

Result<Value> FnCurrentDate(const Value*, size_t, FunctionContext& ctx) {
  return Value::Date(static_cast<int32_t>(FloorDiv(LocalNow(ctx), kUsPerDay)));
}

Result<Value> FnLocalTimestamp(const Value*, size_t, FunctionContext& ctx) {
  return Value::Timestamp(LocalNow(ctx));
}

Result<Value> FnCurrentTime(const Value*, size_t, FunctionContext& ctx) {
  int64_t t = ctx.transaction_timestamp_us;
  int32_t off = UtcOffsetSeconds(ctx, t);
  int64_t local = t + int64_t{off} * kUsPerSec;
  return Value::MakeTimeTz(types::TimeTz{local - FloorDiv(local, kUsPerDay) * kUsPerDay, off});
}

Result<Value> FnLocalTime(const Value*, size_t, FunctionContext& ctx) {
  int64_t t = LocalNow(ctx);
  return Value::Time(t - FloorDiv(t, kUsPerDay) * kUsPerDay);
}

Result<Value> FnTimeofday(const Value*, size_t, FunctionContext& ctx) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t now = ClockNow(ctx);
  int64_t local = now + int64_t{UtcOffsetSeconds(ctx, now)} * kUsPerSec;
  Tm tm = TimestampToTm(local);
  int dow = JulianDayOfWeek(DateToJulian(tm.year, tm.mon, tm.mday));
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%s %s %02d %02d:%02d:%02d.%06lld %d %s", kDays[dow],
                kMonths[tm.mon - 1], tm.mday, tm.hour, tm.min, tm.sec,
                static_cast<long long>(tm.fsec), tm.year, ZoneAbbrev(ctx, now).c_str());
  return Value::Text(buf);
}

// Truncates a broken-down time to `unit`, as timestamp_trunc's fall-through switch does.
Status TruncTm(Unit unit, const std::string& name, TypeId t, Tm* tm) {
  switch (unit) {
    case Unit::kWeek: {
      int j = IsoWeekStartJulian(IsoYear(tm->year, tm->mon, tm->mday),
                                 IsoWeek(tm->year, tm->mon, tm->mday));
      JulianToDate(j, &tm->year, &tm->mon, &tm->mday);
      tm->hour = tm->min = tm->sec = 0;
      tm->fsec = 0;
      return Status::OK();
    }
    case Unit::kMillennium:
      if (tm->year > 0) {
        tm->year = ((tm->year + 999) / 1000) * 1000 - 999;
      } else {
        tm->year = -((999 - (tm->year - 1)) / 1000) * 1000 + 1;
      }
      [[fallthrough]];
    case Unit::kCentury:
      if (unit == Unit::kCentury) {
        if (tm->year > 0) {
          tm->year = ((tm->year + 99) / 100) * 100 - 99;
        } else {
          tm->year = -((99 - (tm->year - 1)) / 100) * 100 + 1;
        }
      }
      [[fallthrough]];
    case Unit::kDecade:
      if (unit == Unit::kDecade) {
        if (tm->year > 0) {
          tm->year = (tm->year / 10) * 10;
        } else {
          tm->year = -((8 - (tm->year - 1)) / 10) * 10;
        }
      }
      [[fallthrough]];
    case Unit::kYear:
      tm->mon = 1;
      [[fallthrough]];
    case Unit::kQuarter:
      tm->mon = (3 * ((tm->mon - 1) / 3)) + 1;
      [[fallthrough]];
    case Unit::kMonth:
      tm->mday = 1;
      [[fallthrough]];
    case Unit::kDay:
      tm->hour = 0;
      [[fallthrough]];
    case Unit::kHour:
      tm->min = 0;
      [[fallthrough]];
    case Unit::kMinute:
      tm->sec = 0;
      [[fallthrough]];
    case Unit::kSecond:
      tm->fsec = 0;
      return Status::OK();
    case Unit::kMilliseconds:
      tm->fsec = (tm->fsec / 1000) * 1000;
      return Status::OK();
    case Unit::kMicroseconds:
      return Status::OK();
    case Unit::kInvalid:
      return UnitNotRecognized(name, t);
    default:
      return UnitNotSupported(name, t);
  }
}

Result<Value> FnDateTruncTimestamp(const Value* a, size_t, FunctionContext&) {
  std::string name;
  Unit unit = ParseUnit(a[0].GetString(), &name);
  int64_t ts = a[1].GetInt();
  Tm tm = TimestampToTm(ts);
  ZJ_RETURN_IF_ERROR(TruncTm(unit, name, TypeId::kTimestamp, &tm));
  if (!IsFiniteTimestamp(ts)) return a[1];
  return Value::Timestamp(TmToTimestamp(tm));
}

Result<Value> FnDateTruncTimestampTz(const Value* a, size_t, FunctionContext& ctx) {
  std::string name;
  Unit unit = ParseUnit(a[0].GetString(), &name);
  int64_t ts = a[1].GetInt();
  int64_t local = ts + int64_t{UtcOffsetSeconds(ctx, ts)} * kUsPerSec;
  Tm tm = TimestampToTm(local);
  ZJ_RETURN_IF_ERROR(TruncTm(unit, name, TypeId::kTimestampTz, &tm));
  if (!IsFiniteTimestamp(ts)) return a[1];
  // Units below an hour keep the instant's own offset (no DST jump inside the hour).
  if (unit == Unit::kMicroseconds || unit == Unit::kMilliseconds || unit == Unit::kSecond ||
      unit == Unit::kMinute) {
    return Value::TimestampTz(TmToTimestamp(tm) - (local - ts));
  }
  return Value::TimestampTz(LocalToUtc(ctx, TmToTimestamp(tm)));
}

Result<Value> FnDateTruncInterval(const Value* a, size_t, FunctionContext&) {
  std::string name;
  Unit unit = ParseUnit(a[0].GetString(), &name);
  Interval iv = a[1].GetInterval();
  int64_t year = iv.months / 12, mon = iv.months % 12, day = iv.days;
  int64_t hour = iv.micros / (3600 * kUsPerSec);
  int64_t rest = iv.micros % (3600 * kUsPerSec);
  int64_t min = rest / (60 * kUsPerSec);
  rest %= 60 * kUsPerSec;
  int64_t sec = rest / kUsPerSec, fsec = rest % kUsPerSec;
  switch (unit) {
    case Unit::kMillennium:
      year = (year / 1000) * 1000;
      [[fallthrough]];
    case Unit::kCentury:
      year = (year / 100) * 100;
      [[fallthrough]];
    case Unit::kDecade:
      year = (year / 10) * 10;
      [[fallthrough]];
    case Unit::kYear:
      mon = 0;
      [[fallthrough]];
    case Unit::kQuarter:
      mon = 3 * (mon / 3);
      [[fallthrough]];
    case Unit::kMonth:
      day = 0;
      [[fallthrough]];
    case Unit::kDay:
      hour = 0;
      [[fallthrough]];
    case Unit::kHour:
      min = 0;
      [[fallthrough]];
    case Unit::kMinute:
      sec = 0;
      [[fallthrough]];
    case Unit::kSecond:
      fsec = 0;
      break;
    case Unit::kMilliseconds:
      fsec = (fsec / 1000) * 1000;
      break;
    case Unit::kMicroseconds:
      break;
    case Unit::kWeek:
      return std::move(UnitNotSupported(name, TypeId::kInterval))
          .WithDetail("Months usually have fractional weeks.");
    case Unit::kInvalid:
      return UnitNotRecognized(name, TypeId::kInterval);
    default:
      return UnitNotSupported(name, TypeId::kInterval);
  }
  Interval r;
  r.months = static_cast<int32_t>(year * 12 + mon);
  r.days = static_cast<int32_t>(day);
  r.micros = ((hour * 60 + min) * 60 + sec) * kUsPerSec + fsec;
  return Value::MakeInterval(r);
}

Decimal Dec(int64_t v, int scale = 0) { return Decimal{v, scale}; }

int ExtractYear(const Tm& tm) { return tm.year > 0 ? tm.year : tm.year - 1; }

// The field `unit` of a broken-down timestamp as a numeric, as PostgreSQL's extract computes
// it; tz_seconds is the UTC offset when has_tz (timestamptz).
Result<Decimal> TimestampField(Unit unit, const std::string& name, TypeId t, const Tm& tm,
                               int64_t epoch_us, bool has_tz, int32_t tz_seconds) {
  int64_t sec_us = tm.sec * kUsPerSec + tm.fsec;
  switch (unit) {
    case Unit::kMicroseconds:
      return Dec(sec_us);
    case Unit::kMilliseconds:
      return Dec(sec_us, 3);
    case Unit::kSecond:
      return Dec(sec_us, 6);
    case Unit::kMinute:
      return Dec(tm.min);
    case Unit::kHour:
      return Dec(tm.hour);
    case Unit::kDay:
      return Dec(tm.mday);
    case Unit::kMonth:
      return Dec(tm.mon);
    case Unit::kQuarter:
      return Dec((tm.mon - 1) / 3 + 1);
    case Unit::kWeek:
      return Dec(IsoWeek(tm.year, tm.mon, tm.mday));
    case Unit::kYear:
      return Dec(ExtractYear(tm));
    case Unit::kDecade:
      return Dec(tm.year >= 0 ? tm.year / 10 : -((8 - (tm.year - 1)) / 10));
    case Unit::kCentury:
      return Dec(tm.year > 0 ? (tm.year + 99) / 100 : -((99 - (tm.year - 1)) / 100));
    case Unit::kMillennium:
      return Dec(tm.year > 0 ? (tm.year + 999) / 1000 : -((999 - (tm.year - 1)) / 1000));
    case Unit::kJulian: {
      int64_t day_us = ((tm.hour * 60 + tm.min) * 60 + int64_t{tm.sec}) * kUsPerSec + tm.fsec;
      ZJ_ASSIGN_OR_RETURN(Decimal frac, DivDecimal(Dec(day_us), Dec(kUsPerDay)));
      return AddDecimal(Dec(DateToJulian(tm.year, tm.mon, tm.mday)), frac);
    }
    case Unit::kIsoYear: {
      int y = IsoYear(tm.year, tm.mon, tm.mday);
      return Dec(y > 0 ? y : y - 1);
    }
    case Unit::kDow:
    case Unit::kIsoDow: {
      int dow = JulianDayOfWeek(DateToJulian(tm.year, tm.mon, tm.mday));
      if (unit == Unit::kIsoDow && dow == 0) dow = 7;
      return Dec(dow);
    }
    case Unit::kDoy:
      return Dec(DateToJulian(tm.year, tm.mon, tm.mday) - DateToJulian(tm.year, 1, 1) + 1);
    case Unit::kEpoch:
      return Dec(epoch_us - int64_t{kUnixEpochDays} * kUsPerDay, 6);
    case Unit::kTimezone:
    case Unit::kTimezoneHour:
    case Unit::kTimezoneMinute:
      if (!has_tz) return UnitNotSupported(name, t);
      if (unit == Unit::kTimezone) return Dec(tz_seconds);
      if (unit == Unit::kTimezoneHour) return Dec(tz_seconds / 3600);
      return Dec((tz_seconds / 60) % 60);
    case Unit::kInvalid:
      return UnitNotRecognized(name, t);
  }
  return UnitNotRecognized(name, t);
}

Result<Decimal> ExtractTimestamp(const Value& field, const Value& ts, FunctionContext& ctx) {
  std::string name;
  Unit unit = ParseUnit(field.GetString(), &name);
  int64_t us = ts.GetInt();
  if (ts.type() == TypeId::kTimestampTz) {
    int32_t off = UtcOffsetSeconds(ctx, us);
    Tm tm = TimestampToTm(us + int64_t{off} * kUsPerSec);
    return TimestampField(unit, name, ts.type(), tm, us, true, off);
  }
  return TimestampField(unit, name, ts.type(), TimestampToTm(us), us, false, 0);
}

Result<Decimal> ExtractDate(const Value& field, const Value& date) {
  std::string name;
  Unit unit = ParseUnit(field.GetString(), &name);
  Tm tm = TimestampToTm(date.GetInt() * kUsPerDay);
  switch (unit) {
    case Unit::kMicroseconds:
    case Unit::kMilliseconds:
    case Unit::kSecond:
    case Unit::kMinute:
    case Unit::kHour:
    case Unit::kTimezone:
    case Unit::kTimezoneHour:
    case Unit::kTimezoneMinute:
      return UnitNotSupported(name, TypeId::kDate);
    case Unit::kEpoch:
      return Dec((date.GetInt() - kUnixEpochDays) * 86400);
    case Unit::kJulian:
      return Dec(date.GetInt() + kEpochJulian);
    default:
      return TimestampField(unit, name, TypeId::kDate, tm, 0, false, 0);
  }
}

Result<Decimal> ExtractTime(const Value& field, const Value& time) {
  std::string name;
  Unit unit = ParseUnit(field.GetString(), &name);
  int64_t t = time.GetInt();
  switch (unit) {
    case Unit::kMicroseconds:
      return Dec(t % (60 * kUsPerSec));
    case Unit::kMilliseconds:
      return Dec(t % (60 * kUsPerSec), 3);
    case Unit::kSecond:
      return Dec(t % (60 * kUsPerSec), 6);
    case Unit::kMinute:
      return Dec((t / (60 * kUsPerSec)) % 60);
    case Unit::kHour:
      return Dec(t / (3600 * kUsPerSec));
    case Unit::kEpoch:
      return Dec(t, 6);
    case Unit::kInvalid:
      return UnitNotRecognized(name, TypeId::kTime);
    default:
      return UnitNotSupported(name, TypeId::kTime);
  }
}

// timetz_part: the time fields as for time, plus the zone; the epoch counts in UTC.
Result<Decimal> ExtractTimeTz(const Value& field, const Value& v) {
  std::string name;
  Unit unit = ParseUnit(field.GetString(), &name);
  const types::TimeTz& t = v.GetTimeTz();
  switch (unit) {
    case Unit::kTimezone: return Dec(t.offset);
    case Unit::kTimezoneHour: return Dec(t.offset / 3600);
    case Unit::kTimezoneMinute: return Dec(t.offset / 60 % 60);
    case Unit::kEpoch: return Dec(t.micros - int64_t{t.offset} * kUsPerSec, 6);
    case Unit::kInvalid: return UnitNotRecognized(name, TypeId::kTimeTz);
    default: break;
  }
  Result<Decimal> r = ExtractTime(field, Value::Time(t.micros));
  if (!r.ok() && r.status().Is(sqlstate::kFeatureNotSupported)) {
    return UnitNotSupported(name, TypeId::kTimeTz);
  }
  return r;
}

Result<Decimal> ExtractInterval(const Value& field, const Value& v) {
  std::string name;
  Unit unit = ParseUnit(field.GetString(), &name);
  const Interval& iv = v.GetInterval();
  int64_t t = iv.micros;
  int64_t year = iv.months / 12;
  switch (unit) {
    case Unit::kMicroseconds:
      return Dec(t % (60 * kUsPerSec));
    case Unit::kMilliseconds:
      return Dec(t % (60 * kUsPerSec), 3);
    case Unit::kSecond:
      return Dec(t % (60 * kUsPerSec), 6);
    case Unit::kMinute:
      return Dec((t / (60 * kUsPerSec)) % 60);
    case Unit::kHour:
      return Dec(t / (3600 * kUsPerSec));
    case Unit::kDay:
      return Dec(iv.days);
    case Unit::kMonth:
      return Dec(iv.months % 12);
    case Unit::kQuarter:
      return Dec((iv.months % 12) / 3 + 1);
    case Unit::kYear:
      return Dec(year);
    case Unit::kDecade:
      return Dec(year / 10);
    case Unit::kCentury:
      return Dec(year / 100);
    case Unit::kMillennium:
      return Dec(year / 1000);
    case Unit::kEpoch: {
      // 365.25 days a year and 30 days a month, in integers by working in quarter days.
      int64_t secs = (int64_t{1461} * (iv.months / 12) + int64_t{120} * (iv.months % 12) +
                      int64_t{4} * iv.days) *
                     (86400 / 4);
      return Dec(t + secs * kUsPerSec, 6);
    }
    case Unit::kInvalid:
      return UnitNotRecognized(name, TypeId::kInterval);
    default:
      return UnitNotSupported(name, TypeId::kInterval);
  }
}

Result<Decimal> Extract(const Value* a, FunctionContext& ctx) {
  switch (a[1].type()) {
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return ExtractTimestamp(a[0], a[1], ctx);
    case TypeId::kDate:
      return ExtractDate(a[0], a[1]);
    case TypeId::kTime:
      return ExtractTime(a[0], a[1]);
    case TypeId::kTimeTz:
      return ExtractTimeTz(a[0], a[1]);
    default:
      return ExtractInterval(a[0], a[1]);
  }
}

Result<Value> FnExtract(const Value* a, size_t, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(Decimal d, Extract(a, ctx));
  return Value::Numeric(d);
}

Result<Value> FnDatePart(const Value* a, size_t, FunctionContext& ctx) {
  // date_part(text, date) is date_part(text, date::timestamp) in PostgreSQL.
  Value args[2] = {a[0], a[1]};
  if (a[1].type() == TypeId::kDate) args[1] = Value::Timestamp(a[1].GetInt() * kUsPerDay);
  ZJ_ASSIGN_OR_RETURN(Decimal d, Extract(args, ctx));
  return Value::Float64(static_cast<double>(DecimalToLongDouble(d)));
}

Status DateOutOfRange(int64_t y, int64_t m, int64_t d) {
  char buf[96];
  std::snprintf(buf, sizeof(buf), "date field value out of range: %lld-%02lld-%02lld",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d));
  return Status::Error(sqlstate::kDatetimeFieldOverflow, buf);
}

// Validates a civil date; negative years are BC (there is no year 0).
Result<int32_t> MakeDays(int64_t y, int64_t m, int64_t d) {
  if (y == 0 || y < -4713 || y > 5874897 || m < 1 || m > 12 || d < 1) {
    return DateOutOfRange(y, m, d);
  }
  int year = static_cast<int>(y < 0 ? y + 1 : y);
  if (d > DaysInMonth(year, static_cast<int>(m))) return DateOutOfRange(y, m, d);
  return DateToJulian(year, static_cast<int>(m), static_cast<int>(d)) - kEpochJulian;
}

Result<Value> FnMakeDate(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(int32_t days, MakeDays(a[0].GetInt(), a[1].GetInt(), a[2].GetInt()));
  return Value::Date(days);
}

Result<int64_t> MakeTimeUs(int64_t h, int64_t m, double s) {
  if (h < 0 || h > 24 || m < 0 || m > 59 || s < 0 || s > 60 || (h == 24 && (m > 0 || s > 0))) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "time field value out of range: %lld:%02lld:%02g",
                  static_cast<long long>(h), static_cast<long long>(m), s);
    return Status::Error(sqlstate::kDatetimeFieldOverflow, buf);
  }
  return (h * 3600 + m * 60) * kUsPerSec + std::llround(s * 1e6);
}

Result<Value> FnMakeTimestamp(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(int32_t days, MakeDays(a[0].GetInt(), a[1].GetInt(), a[2].GetInt()));
  ZJ_ASSIGN_OR_RETURN(int64_t t, MakeTimeUs(a[3].GetInt(), a[4].GetInt(), a[5].GetDouble()));
  return Value::Timestamp(days * kUsPerDay + t);
}

Result<Value> FnMakeTimestampTz(const Value* a, size_t, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(int32_t days, MakeDays(a[0].GetInt(), a[1].GetInt(), a[2].GetInt()));
  ZJ_ASSIGN_OR_RETURN(int64_t t, MakeTimeUs(a[3].GetInt(), a[4].GetInt(), a[5].GetDouble()));
  return Value::TimestampTz(LocalToUtc(ctx, days * kUsPerDay + t));
}

Result<Value> FnMakeTime(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(int64_t t, MakeTimeUs(a[0].GetInt(), a[1].GetInt(), a[2].GetDouble()));
  return Value::Time(t);
}

Result<Value> FnMakeInterval(const Value* a, size_t, FunctionContext&) {
  Interval iv;
  iv.months = static_cast<int32_t>(a[0].GetInt() * 12 + a[1].GetInt());
  iv.days = static_cast<int32_t>(a[2].GetInt() * 7 + a[3].GetInt());
  double secs = a[6].GetDouble();
  if (std::isnan(secs) || std::isinf(secs)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  iv.micros = (a[4].GetInt() * 3600 + a[5].GetInt() * 60) * kUsPerSec + std::llround(secs * 1e6);
  return Value::MakeInterval(iv);
}

// age(): field-by-field difference with borrows, as timestamp_age does.
Interval Age(const Tm& t1, const Tm& t2) {
  int64_t fsec = t1.fsec - t2.fsec;
  int sec = t1.sec - t2.sec, min = t1.min - t2.min, hour = t1.hour - t2.hour;
  int mday = t1.mday - t2.mday, mon = t1.mon - t2.mon, year = t1.year - t2.year;
  bool neg = TmToTimestamp(t1) < TmToTimestamp(t2);
  if (neg) {
    fsec = -fsec;
    sec = -sec;
    min = -min;
    hour = -hour;
    mday = -mday;
    mon = -mon;
    year = -year;
  }
  while (fsec < 0) {
    fsec += kUsPerSec;
    --sec;
  }
  while (sec < 0) {
    sec += 60;
    --min;
  }
  while (min < 0) {
    min += 60;
    --hour;
  }
  while (hour < 0) {
    hour += 24;
    --mday;
  }
  while (mday < 0) {
    const Tm& base = neg ? t1 : t2;
    mday += base.mon == 0 ? 31 : DaysInMonth(base.year, base.mon);
    --mon;
  }
  while (mon < 0) {
    mon += 12;
    --year;
  }
  if (neg) {
    fsec = -fsec;
    sec = -sec;
    min = -min;
    hour = -hour;
    mday = -mday;
    mon = -mon;
    year = -year;
  }
  Interval r;
  r.months = year * 12 + mon;
  r.days = mday;
  r.micros = ((int64_t{hour} * 60 + min) * 60 + sec) * kUsPerSec + fsec;
  return r;
}

Result<Value> FnAge2(const Value* a, size_t, FunctionContext& ctx) {
  int64_t x = a[0].GetInt(), y = a[1].GetInt();
  if (a[0].type() == TypeId::kTimestampTz) {
    x += int64_t{UtcOffsetSeconds(ctx, x)} * kUsPerSec;
    y += int64_t{UtcOffsetSeconds(ctx, y)} * kUsPerSec;
  }
  return Value::MakeInterval(Age(TimestampToTm(x), TimestampToTm(y)));
}

Result<Value> FnAge1(const Value* a, size_t, FunctionContext& ctx) {
  int64_t today = FloorDiv(LocalNow(ctx), kUsPerDay) * kUsPerDay;
  int64_t x = a[0].GetInt();
  if (a[0].type() == TypeId::kTimestampTz) x += int64_t{UtcOffsetSeconds(ctx, x)} * kUsPerSec;
  return Value::MakeInterval(Age(TimestampToTm(today), TimestampToTm(x)));
}

Result<Value> FnJustifyDays(const Value* a, size_t, FunctionContext&) {
  Interval iv = a[0].GetInterval();
  int32_t whole = iv.days / 30;
  iv.days -= whole * 30;
  iv.months += whole;
  if (iv.months > 0 && iv.days < 0) {
    iv.days += 30;
    --iv.months;
  } else if (iv.months < 0 && iv.days > 0) {
    iv.days -= 30;
    ++iv.months;
  }
  return Value::MakeInterval(iv);
}

Result<Value> FnJustifyHours(const Value* a, size_t, FunctionContext&) {
  Interval iv = a[0].GetInterval();
  int64_t whole = iv.micros / kUsPerDay;
  iv.micros -= whole * kUsPerDay;
  iv.days += static_cast<int32_t>(whole);
  if (iv.days > 0 && iv.micros < 0) {
    iv.micros += kUsPerDay;
    --iv.days;
  } else if (iv.days < 0 && iv.micros > 0) {
    iv.micros -= kUsPerDay;
    ++iv.days;
  }
  return Value::MakeInterval(iv);
}

Result<Value> FnJustifyInterval(const Value* a, size_t, FunctionContext&) {
  Interval iv = a[0].GetInterval();
  int64_t whole = iv.micros / kUsPerDay;
  iv.micros -= whole * kUsPerDay;
  iv.days += static_cast<int32_t>(whole);
  int32_t months = iv.days / 30;
  iv.days -= months * 30;
  iv.months += months;
  if (iv.months > 0 && (iv.days < 0 || (iv.days == 0 && iv.micros < 0))) {
    iv.days += 30;
    --iv.months;
  } else if (iv.months < 0 && (iv.days > 0 || (iv.days == 0 && iv.micros > 0))) {
    iv.days -= 30;
    ++iv.months;
  }
  if (iv.days > 0 && iv.micros < 0) {
    iv.micros += kUsPerDay;
    --iv.days;
  } else if (iv.days < 0 && iv.micros > 0) {
    iv.micros -= kUsPerDay;
    ++iv.days;
  }
  return Value::MakeInterval(iv);
}

Result<Value> FnToTimestampEpoch(const Value* a, size_t, FunctionContext&) {
  double secs = a[0].GetDouble();
  if (std::isnan(secs)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
  }
  if (std::isinf(secs)) return Value::TimestampTz(secs > 0 ? INT64_MAX : INT64_MIN);
  // secs counts from 1970; Zijin's timestamps count from 2000.
  double us = std::nearbyint(secs * 1e6) + static_cast<double>(int64_t{kUnixEpochDays} * kUsPerDay);
  if (us < -211813488000000000.0 || us >= 9223371331200000000.0) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "timestamp out of range: \"%g\"", secs);
    return Status::Error(sqlstate::kDatetimeFieldOverflow, buf);
  }
  return Value::TimestampTz(static_cast<int64_t>(us));
}

// isfinite(): false for 'infinity' and '-infinity'; an interval is always finite (PostgreSQL
// 15 has no infinite intervals).
Result<Value> FnIsFinite(const Value* a, size_t, FunctionContext&) {
  switch (a[0].type()) {
    case TypeId::kDate:
      return Value::Bool(a[0].GetInt() != INT32_MIN && a[0].GetInt() != INT32_MAX);
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Value::Bool(IsFiniteTimestamp(a[0].GetInt()));
    default:
      return Value::Bool(true);
  }
}

}  // namespace

void AddDateTimeFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText), i4(TypeId::kInt32), f8(TypeId::kFloat64);
  const LogicalType num(TypeId::kNumeric), date(TypeId::kDate), time(TypeId::kTime);
  const LogicalType ts(TypeId::kTimestamp), tstz(TypeId::kTimestampTz);
  const LogicalType iv(TypeId::kInterval);
  for (const char* name : {"now", "current_timestamp", "transaction_timestamp"}) {
    out->push_back(Stable(Fn(name, {}, tstz, FnNow)));
  }
  out->push_back(Stable(Fn("statement_timestamp", {}, tstz, FnStatementTimestamp)));
  out->push_back(Volatile(Fn("clock_timestamp", {}, tstz, FnClockTimestamp)));
  out->push_back(Volatile(Fn("timeofday", {}, text, FnTimeofday)));
  out->push_back(Stable(Fn("current_date", {}, date, FnCurrentDate)));
  out->push_back(Stable(Fn("localtimestamp", {}, ts, FnLocalTimestamp)));
  out->push_back(Stable(Fn("localtime", {}, time, FnLocalTime)));
  out->push_back(Stable(Fn("current_time", {}, LogicalType(TypeId::kTimeTz), FnCurrentTime)));
  out->push_back(Fn("date_trunc", {text, ts}, ts, FnDateTruncTimestamp));
  out->push_back(Stable(Fn("date_trunc", {text, tstz}, tstz, FnDateTruncTimestampTz)));
  out->push_back(Fn("date_trunc", {text, iv}, iv, FnDateTruncInterval));
  for (const LogicalType& t : {ts, tstz, date, time, LogicalType(TypeId::kTimeTz), iv}) {
    bool stable = t.id == TypeId::kTimestampTz;
    ScalarFunction part = Fn("date_part", {text, t}, f8, FnDatePart);
    ScalarFunction extract = Fn("extract", {text, t}, num, FnExtract);
    out->push_back(stable ? Stable(part) : part);
    out->push_back(stable ? Stable(extract) : extract);
  }
  out->push_back(
      Named(Fn("make_date", {i4, i4, i4}, date, FnMakeDate), {"year", "month", "day"}));
  out->push_back(Named(Fn("make_time", {i4, i4, f8}, time, FnMakeTime), {"hour", "min", "sec"}));
  out->push_back(Named(Fn("make_timestamp", {i4, i4, i4, i4, i4, f8}, ts, FnMakeTimestamp),
                       {"year", "month", "mday", "hour", "min", "sec"}));
  out->push_back(
      Named(Stable(Fn("make_timestamptz", {i4, i4, i4, i4, i4, f8}, tstz, FnMakeTimestampTz)),
            {"year", "month", "mday", "hour", "min", "sec"}));
  const Value zero = Value::Int32(0);
  out->push_back(Named(Fn("make_interval", {i4, i4, i4, i4, i4, i4, f8}, iv, FnMakeInterval),
                       {"years", "months", "weeks", "days", "hours", "mins", "secs"},
                       {zero, zero, zero, zero, zero, zero, Value::Float64(0.0)}));
  out->push_back(Fn("age", {ts, ts}, iv, FnAge2));
  out->push_back(Stable(Fn("age", {tstz, tstz}, iv, FnAge2)));
  out->push_back(Stable(Fn("age", {ts}, iv, FnAge1)));
  out->push_back(Stable(Fn("age", {tstz}, iv, FnAge1)));
  out->push_back(Fn("justify_days", {iv}, iv, FnJustifyDays));
  out->push_back(Fn("justify_hours", {iv}, iv, FnJustifyHours));
  out->push_back(Fn("justify_interval", {iv}, iv, FnJustifyInterval));
  out->push_back(Fn("to_timestamp", {f8}, tstz, FnToTimestampEpoch));
  for (const LogicalType& t : {date, ts, tstz, iv}) {
    out->push_back(Fn("isfinite", {t}, LogicalType(TypeId::kBool), FnIsFinite));
  }
}

}  // namespace zijin::exec::builtins
