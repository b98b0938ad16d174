// Internal to the function library: calendar arithmetic and session time zone conversion.
#pragma once

#include <cstdint>
#include <string>

#include "exec/functions/function_registry.h"

namespace zijin::exec::builtins {

inline constexpr int64_t kUsPerSec = 1000000;
inline constexpr int64_t kUsPerDay = 86400 * kUsPerSec;
inline constexpr int kEpochJulian = 2451545;   // julian day of 2000-01-01
inline constexpr int kUnixEpochDays = -10957;  // 1970-01-01 in days since 2000-01-01

// PostgreSQL's calendar (proleptic Gregorian; year 0 is 1 BC).
int DateToJulian(int year, int month, int day);
void JulianToDate(int julian, int* year, int* month, int* day);
int JulianDayOfWeek(int julian);  // 0 = Sunday
int IsoWeek(int year, int month, int day);
int IsoYear(int year, int month, int day);
int IsoWeekStartJulian(int iso_year, int week);  // julian day of the Monday of that week
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

int64_t FloorDiv(int64_t a, int64_t b);

// A broken-down timestamp.
struct Tm {
  int year = 2000, mon = 1, mday = 1, hour = 0, min = 0, sec = 0;
  int64_t fsec = 0;  // microseconds
};

Tm TimestampToTm(int64_t us);
int64_t TmToTimestamp(const Tm& tm);
bool IsFiniteTimestamp(int64_t us);

// The session time zone, from ctx.format (UTC when absent): offset east of UTC in seconds for a
// UTC instant, for a local time, and the abbreviation to print ("UTC", "+08").
int32_t UtcOffsetSeconds(const FunctionContext& ctx, int64_t utc_us);
int64_t LocalToUtc(const FunctionContext& ctx, int64_t local_us);
std::string ZoneAbbrev(const FunctionContext& ctx, int64_t utc_us);

// The system clock in microseconds since 2000-01-01 UTC, or ctx.clock_us.
int64_t ClockNow(const FunctionContext& ctx);

}  // namespace zijin::exec::builtins
