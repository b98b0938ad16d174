// Calendar arithmetic and time zones (TZif files, POSIX rules, fixed offsets) for the date/time
// types.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace zijin::types {

inline constexpr int64_t kUsPerSec = 1000000;
inline constexpr int64_t kUsPerMinute = 60 * kUsPerSec;
inline constexpr int64_t kUsPerHour = 3600 * kUsPerSec;
inline constexpr int64_t kUsPerDay = 86400 * kUsPerSec;
inline constexpr int kPgEpochJulian = 2451545;  // julian day of 2000-01-01
inline constexpr int kUnixEpochDays = -10957;   // 1970-01-01 in days since 2000-01-01

// PostgreSQL's special values: date and timestamp 'infinity' / '-infinity'.
inline constexpr int32_t kDateNegInfinity = INT32_MIN;
inline constexpr int32_t kDatePosInfinity = INT32_MAX;
inline constexpr int64_t kTimestampNegInfinity = INT64_MIN;
inline constexpr int64_t kTimestampPosInfinity = INT64_MAX;
// Valid ranges (PostgreSQL's IS_VALID_DATE / IS_VALID_TIMESTAMP): 4714-11-24 BC up to
// 5874898-01-01 for dates and 294277-01-01 for timestamps (exclusive).
inline constexpr int32_t kMinDate = -2451545;
inline constexpr int32_t kMaxDateExclusive = 2145031949;
inline constexpr int64_t kMinTimestamp = -211813488000000000;
inline constexpr int64_t kMaxTimestampExclusive = 9223371331200000000;

bool IsValidDate(int32_t days);       // finite and in range
bool IsValidTimestamp(int64_t us);    // finite and in range

// Proleptic Gregorian calendar; year 0 is 1 BC.
int DateToJulian(int year, int month, int day);
void JulianToDate(int julian, int* year, int* month, int* day);
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
int64_t FloorDiv(int64_t a, int64_t b);
int64_t FloorMod(int64_t a, int64_t b);

// A broken-down date and time.
struct DateTimeFields {
  int year = 2000, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
  int64_t micros = 0;  // fraction of the second
};

DateTimeFields TimestampToFields(int64_t us);  // us finite
int64_t FieldsToTimestamp(const DateTimeFields& f);

// A time zone: UTC offsets over time. Immutable once built; shared across sessions.
class TimeZone {
 public:
  // A zone with one fixed offset (seconds east of UTC).
  static std::shared_ptr<const TimeZone> Fixed(int32_t offset);
  // As PostgreSQL's TimeZone setting: "UTC"/"GMT"; a number of hours, east positive ("+05",
  // "-3", "5.5"); an IANA name read from /usr/share/zoneinfo (case-insensitive); or a POSIX TZ
  // string, west positive ("EST5EDT", "UTC+3", "<+03>-3", and a bare "+05:30" = UTC-05:30).
  // Parsed zones are cached process-wide. 22023 when unknown.
  static Result<std::shared_ptr<const TimeZone>> Find(std::string_view name);
  // The TimeZone setting's value for `name`, as PostgreSQL shows it: a zone file's own spelling
  // ("europe/berlin" -> "Europe/Berlin"), "<+05:30>-05:30" for a number of hours, otherwise
  // `name` itself. 22023 when Find() does not know the zone.
  static Result<std::string> CanonicalName(std::string_view name);

  // Offset east of UTC in seconds at a UTC instant (microseconds since 2000-01-01).
  int32_t OffsetAtUtc(int64_t utc_us) const;
  // The offset to apply to a local time (microseconds since 2000-01-01, local), chosen as
  // PostgreSQL does: in a spring-forward gap the offset before the transition, in a fall-back
  // overlap the offset after it.
  int32_t OffsetForLocal(int64_t local_us) const;
  // True (with the offset) when the zone has had one offset at all times, as PostgreSQL's
  // pg_get_timezone_offset: such a zone needs no date to give a time of day an offset.
  bool FixedOffset(int32_t* offset) const;
  // local -> UTC and UTC -> local.
  int64_t LocalToUtc(int64_t local_us) const;
  int64_t UtcToLocal(int64_t utc_us) const;

  // A POSIX TZ rule ("M3.2.0/2"): month, week (5 = last), weekday, or a julian day.
  struct RuleDate {
    enum Kind { kMonthWeekDay, kJulianNoLeap, kJulianZero } kind = kMonthWeekDay;
    int month = 0, week = 0, weekday = 0, day = 0;
    int32_t time = 7200;  // seconds after local midnight
  };
  struct PosixRule {
    int32_t std_offset = 0;  // east positive
    bool has_dst = false;
    int32_t dst_offset = 0;
    RuleDate start, end;
  };

  // Builds from TZif data (version 2+ 64-bit section preferred); for tests and Find().
  static Result<std::shared_ptr<const TimeZone>> FromTzif(std::string_view data);
  // Builds from a POSIX TZ string.
  static Result<std::shared_ptr<const TimeZone>> FromPosix(std::string_view spec);

 private:
  // The next transition strictly after `utc_secs` (Unix seconds): false when none.
  bool NextTransition(int64_t utc_secs, int64_t* at, int32_t* before, int32_t* after) const;
  int32_t OffsetAtUnix(int64_t utc_secs) const;
  int32_t RuleOffsetAt(int64_t utc_secs) const;
  // The footer rule's transitions of one year, in UTC seconds.
  void RuleTransitions(int year, int64_t* dst_start, int64_t* dst_end) const;

  std::vector<int64_t> times_;     // transition instants, Unix seconds, ascending
  std::vector<int32_t> offsets_;   // offset in effect from times_[i]
  int32_t initial_offset_ = 0;     // before the first transition
  bool has_rule_ = false;          // rule_ applies after the last transition
  PosixRule rule_;
};

// Parses a POSIX TZ string ("PST8PDT,M3.2.0,M11.1.0"); offsets in the result are east positive.
bool ParsePosixRule(std::string_view spec, TimeZone::PosixRule* rule);

}  // namespace zijin::types
