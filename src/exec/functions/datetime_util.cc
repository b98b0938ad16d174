// Calendar arithmetic (ports of PostgreSQL's date2j/j2date family) and time zone helpers.
#include "exec/functions/datetime_util.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string_view>

#include "types/type_io.h"

namespace zijin::exec::builtins {

int DateToJulian(int year, int month, int day) {
  if (month > 2) {
    month += 1;
    year += 4800;
  } else {
    month += 13;
    year += 4799;
  }
  int century = year / 100;
  int julian = year * 365 - 32167;
  julian += year / 4 - century + century / 4;
  julian += 7834 * month / 256 + day;
  return julian;
}

void JulianToDate(int jd, int* year, int* month, int* day) {
  unsigned int julian = static_cast<unsigned int>(jd) + 32044;
  unsigned int quad = julian / 146097;
  unsigned int extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + extra / 146097;
  quad = julian / 1461;
  julian -= quad * 1461;
  int y = static_cast<int>(julian * 4 / 1461);
  julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366)) + 123;
  y += static_cast<int>(quad * 4);
  *year = y - 4800;
  quad = julian * 2141 / 65536;
  *day = static_cast<int>(julian - 7834 * quad / 256);
  *month = static_cast<int>((quad + 10) % 12 + 1);
}

int JulianDayOfWeek(int julian) {
  int d = (julian + 1) % 7;
  return d < 0 ? d + 7 : d;
}

int IsoWeek(int year, int mon, int mday) {
  int dayn = DateToJulian(year, mon, mday);
  int day4 = DateToJulian(year, 1, 4);
  int day0 = JulianDayOfWeek(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = DateToJulian(year - 1, 1, 4);
    day0 = JulianDayOfWeek(day4 - 1);
  }
  int result = (dayn - (day4 - day0)) / 7 + 1;
  if (result >= 52) {
    day4 = DateToJulian(year + 1, 1, 4);
    day0 = JulianDayOfWeek(day4 - 1);
    if (dayn >= day4 - day0) result = (dayn - (day4 - day0)) / 7 + 1;
  }
  return result;
}

int IsoYear(int year, int mon, int mday) {
  int dayn = DateToJulian(year, mon, mday);
  int day4 = DateToJulian(year, 1, 4);
  int day0 = JulianDayOfWeek(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = DateToJulian(year - 1, 1, 4);
    day0 = JulianDayOfWeek(day4 - 1);
    --year;
  }
  int result = (dayn - (day4 - day0)) / 7 + 1;
  if (result >= 52) {
    day4 = DateToJulian(year + 1, 1, 4);
    day0 = JulianDayOfWeek(day4 - 1);
    if (dayn >= day4 - day0) ++year;
  }
  return year;
}

int IsoWeekStartJulian(int iso_year, int week) {
  int day4 = DateToJulian(iso_year, 1, 4);
  int day0 = JulianDayOfWeek(day4 - 1);
  return (week - 1) * 7 + (day4 - day0);
}

bool IsLeapYear(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool IsFiniteTimestamp(int64_t us) { return us != INT64_MIN && us != INT64_MAX; }

Tm TimestampToTm(int64_t us) {
  int64_t days = FloorDiv(us, kUsPerDay);
  int64_t t = us - days * kUsPerDay;
  Tm tm;
  JulianToDate(static_cast<int>(days + kEpochJulian), &tm.year, &tm.mon, &tm.mday);
  tm.hour = static_cast<int>(t / (3600 * kUsPerSec));
  t %= 3600 * kUsPerSec;
  tm.min = static_cast<int>(t / (60 * kUsPerSec));
  t %= 60 * kUsPerSec;
  tm.sec = static_cast<int>(t / kUsPerSec);
  tm.fsec = t % kUsPerSec;
  return tm;
}

int64_t TmToTimestamp(const Tm& tm) {
  int64_t days = DateToJulian(tm.year, tm.mon, tm.mday) - kEpochJulian;
  return days * kUsPerDay + ((tm.hour * 60 + tm.min) * 60 + int64_t{tm.sec}) * kUsPerSec + tm.fsec;
}

namespace {

// Parses "[+-]HH[:MM[:SS]]" (ISO 8601 sign: east of Greenwich is positive) into seconds.
std::optional<int32_t> ParseOffset(std::string_view z) {
  if (z.empty() || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  int sign = z[0] == '-' ? -1 : 1;
  int32_t parts[3] = {0, 0, 0};
  size_t part = 0, digits = 0;
  for (size_t i = 1; i < z.size(); ++i) {
    if (z[i] == ':') {
      if (digits == 0 || ++part > 2) return std::nullopt;
      digits = 0;
    } else if (z[i] >= '0' && z[i] <= '9' && digits < 2) {
      parts[part] = parts[part] * 10 + (z[i] - '0');
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || parts[0] > 15 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
}

}  // namespace

// The session zone: UTC and its aliases, or a fixed ISO offset ("+08", "-05:30"). Named zones
// with daylight rules need the time zone database, which Zijin does not carry yet; they fall
// back to UTC here.
int32_t UtcOffsetSeconds(const FunctionContext& ctx, int64_t) {
  if (ctx.format == nullptr) return 0;
  std::optional<int32_t> off = ParseOffset(ctx.format->time_zone);
  return off ? *off : 0;
}

int64_t LocalToUtc(const FunctionContext& ctx, int64_t local_us) {
  int64_t guess = local_us - int64_t{UtcOffsetSeconds(ctx, local_us)} * kUsPerSec;
  return local_us - int64_t{UtcOffsetSeconds(ctx, guess)} * kUsPerSec;
}

std::string ZoneAbbrev(const FunctionContext& ctx, int64_t utc_us) {
  int32_t off = UtcOffsetSeconds(ctx, utc_us);
  if (off == 0) return "UTC";
  std::string s = off < 0 ? "-" : "+";
  int32_t a = off < 0 ? -off : off;
  char buf[16];
  if (a % 3600 == 0) {
    std::snprintf(buf, sizeof(buf), "%02d", a / 3600);
  } else {
    std::snprintf(buf, sizeof(buf), "%02d:%02d", a / 3600, (a / 60) % 60);
  }
  return s + buf;
}

int64_t ClockNow(const FunctionContext& ctx) {
  if (ctx.clock_us != nullptr) return ctx.clock_us();
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t unix_us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  return unix_us + int64_t{kUnixEpochDays} * kUsPerDay;
}

}  // namespace zijin::exec::builtins
