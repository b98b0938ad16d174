// Calendar arithmetic and time zones: TZif parsing, POSIX TZ rules and a process-wide zone
// cache.
#include "types/datetime.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

namespace zijin::types {

bool IsValidDate(int32_t days) { return days >= kMinDate && days < kMaxDateExclusive; }

bool IsValidTimestamp(int64_t us) { return us >= kMinTimestamp && us < kMaxTimestampExclusive; }

int DateToJulian(int year, int month, int day) {
  // Fliegel and Van Flandern's algorithm shifted so that March is the first month, valid for
  // every year PostgreSQL accepts (julian day >= 0).
  int64_t y = year, m = month;
  if (m > 2) {
    m += 1;
    y += 4800;
  } else {
    m += 13;
    y += 4799;
  }
  int64_t century = y / 100;
  int64_t julian = y * 365 - 32167;
  julian += y / 4 - century + century / 4;
  julian += 7834 * m / 256 + day;
  return static_cast<int>(julian);
}

void JulianToDate(int jd, int* year, int* month, int* day) {
  uint32_t julian = static_cast<uint32_t>(jd) + 32044;
  uint32_t quad = julian / 146097;
  uint32_t extra = (julian - quad * 146097) * 4 + 3;
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

int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

DateTimeFields TimestampToFields(int64_t us) {
  int64_t days = FloorDiv(us, kUsPerDay);
  int64_t t = us - days * kUsPerDay;
  DateTimeFields f;
  JulianToDate(static_cast<int>(days + kPgEpochJulian), &f.year, &f.month, &f.day);
  f.hour = static_cast<int>(t / kUsPerHour);
  t %= kUsPerHour;
  f.minute = static_cast<int>(t / kUsPerMinute);
  t %= kUsPerMinute;
  f.second = static_cast<int>(t / kUsPerSec);
  f.micros = t % kUsPerSec;
  return f;
}

int64_t FieldsToTimestamp(const DateTimeFields& f) {
  int64_t days = int64_t{DateToJulian(f.year, f.month, f.day)} - kPgEpochJulian;
  return days * kUsPerDay + ((int64_t{f.hour} * 60 + f.minute) * 60 + f.second) * kUsPerSec +
         f.micros;
}

// ---- TimeZone ----

namespace {

constexpr int64_t kUnixToPgSecs = 946684800;  // seconds from 1970-01-01 to 2000-01-01
constexpr char kZoneInfoDir[] = "/usr/share/zoneinfo";

int64_t UsToUnixSecs(int64_t us) { return FloorDiv(us, kUsPerSec) + kUnixToPgSecs; }

// Days since 1970-01-01 of a civil date.
int64_t UnixDays(int year, int month, int day) {
  return int64_t{DateToJulian(year, month, day)} - kPgEpochJulian - kUnixEpochDays;
}

int YearOfUnixSecs(int64_t secs) {
  int y, m, d;
  JulianToDate(static_cast<int>(FloorDiv(secs, 86400) + kUnixEpochDays + kPgEpochJulian), &y, &m,
               &d);
  return y;
}

// ---- POSIX TZ strings ----

struct Cursor {
  std::string_view s;
  size_t p = 0;
  bool done() const { return p >= s.size(); }
  char peek() const { return done() ? '\0' : s[p]; }
};

bool ParseZoneName(Cursor* c) {
  if (c->peek() == '<') {
    size_t end = c->s.find('>', c->p);
    if (end == std::string_view::npos) return false;
    c->p = end + 1;
    return true;
  }
  size_t start = c->p;
  while (!c->done() && ((c->peek() | 0x20) >= 'a' && (c->peek() | 0x20) <= 'z')) ++c->p;
  return c->p - start >= 3;
}

bool ParseNum(Cursor* c, int max, int* out) {
  size_t start = c->p;
  int v = 0;
  while (!c->done() && c->peek() >= '0' && c->peek() <= '9') {
    v = v * 10 + (c->peek() - '0');
    if (v > max) return false;
    ++c->p;
  }
  *out = v;
  return c->p > start;
}

// [+-]hh[:mm[:ss]] in seconds, sign as written.
bool ParseHms(Cursor* c, int max_hours, int32_t* out) {
  int sign = 1;
  if (c->peek() == '+' || c->peek() == '-') sign = c->s[c->p++] == '-' ? -1 : 1;
  int h = 0, m = 0, s = 0;
  if (!ParseNum(c, max_hours, &h)) return false;
  if (c->peek() == ':') {
    ++c->p;
    if (!ParseNum(c, 59, &m)) return false;
    if (c->peek() == ':') {
      ++c->p;
      if (!ParseNum(c, 59, &s)) return false;
    }
  }
  *out = sign * (h * 3600 + m * 60 + s);
  return true;
}

bool ParseRuleDate(Cursor* c, TimeZone::RuleDate* r) {
  if (c->peek() == 'M') {
    ++c->p;
    r->kind = TimeZone::RuleDate::kMonthWeekDay;
    if (!ParseNum(c, 12, &r->month) || r->month < 1 || c->peek() != '.') return false;
    ++c->p;
    if (!ParseNum(c, 5, &r->week) || r->week < 1 || c->peek() != '.') return false;
    ++c->p;
    if (!ParseNum(c, 6, &r->weekday)) return false;
  } else if (c->peek() == 'J') {
    ++c->p;
    r->kind = TimeZone::RuleDate::kJulianNoLeap;
    if (!ParseNum(c, 365, &r->day) || r->day < 1) return false;
  } else {
    r->kind = TimeZone::RuleDate::kJulianZero;
    if (!ParseNum(c, 365, &r->day)) return false;
  }
  r->time = 7200;
  if (c->peek() == '/') {
    ++c->p;
    if (!ParseHms(c, 167, &r->time)) return false;
  }
  return true;
}

// Unix seconds of local midnight (as if UTC) of a rule date in `year`.
int64_t RuleDay(const TimeZone::RuleDate& r, int year) {
  switch (r.kind) {
    case TimeZone::RuleDate::kJulianNoLeap: {
      int d = r.day - 1;  // Feb 29 is never counted
      if (IsLeapYear(year) && r.day >= 60) ++d;
      return (UnixDays(year, 1, 1) + d) * 86400;
    }
    case TimeZone::RuleDate::kJulianZero:
      return (UnixDays(year, 1, 1) + r.day) * 86400;
    case TimeZone::RuleDate::kMonthWeekDay:
      break;
  }
  int64_t first = UnixDays(year, r.month, 1);
  int wday_first = static_cast<int>(FloorMod(first + 4, 7));  // 1970-01-01 was a Thursday
  int day = 1 + (r.weekday - wday_first + 7) % 7 + (r.week - 1) * 7;
  int dim = DaysInMonth(year, r.month);
  while (day > dim) day -= 7;
  return (first + day - 1) * 86400;
}

}  // namespace

bool ParsePosixRule(std::string_view spec, TimeZone::PosixRule* rule) {
  Cursor c{spec};
  if (!ParseZoneName(&c)) return false;
  int32_t off;
  if (!ParseHms(&c, 24, &off)) return false;
  rule->std_offset = -off;  // POSIX offsets are west of Greenwich
  rule->has_dst = false;
  if (c.done()) return true;
  if (!ParseZoneName(&c)) return false;
  rule->has_dst = true;
  rule->dst_offset = rule->std_offset + 3600;
  if (!c.done() && c.peek() != ',') {
    if (!ParseHms(&c, 24, &off)) return false;
    rule->dst_offset = -off;
  }
  if (c.done()) {
    // No rule given: the US rules POSIX implementations default to.
    rule->start = TimeZone::RuleDate{TimeZone::RuleDate::kMonthWeekDay, 3, 2, 0, 0, 7200};
    rule->end = TimeZone::RuleDate{TimeZone::RuleDate::kMonthWeekDay, 11, 1, 0, 0, 7200};
    return true;
  }
  if (c.peek() != ',') return false;
  ++c.p;
  if (!ParseRuleDate(&c, &rule->start) || c.peek() != ',') return false;
  ++c.p;
  if (!ParseRuleDate(&c, &rule->end)) return false;
  return c.done();
}

std::shared_ptr<const TimeZone> TimeZone::Fixed(int32_t offset) {
  auto z = std::make_shared<TimeZone>();
  z->initial_offset_ = offset;
  return z;
}

bool TimeZone::FixedOffset(int32_t* offset) const {
  for (int32_t o : offsets_) {
    if (o != initial_offset_) return false;
  }
  if (has_rule_ && (rule_.std_offset != initial_offset_ ||
                    (rule_.has_dst && rule_.dst_offset != initial_offset_))) {
    return false;
  }
  *offset = initial_offset_;
  return true;
}

Result<std::shared_ptr<const TimeZone>> TimeZone::FromPosix(std::string_view spec) {
  PosixRule rule;
  if (!ParsePosixRule(spec, &rule)) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "invalid POSIX time zone \"" + std::string(spec) + "\"");
  }
  auto z = std::make_shared<TimeZone>();
  z->initial_offset_ = rule.std_offset;
  z->has_rule_ = true;
  z->rule_ = rule;
  return std::shared_ptr<const TimeZone>(std::move(z));
}

namespace {

int64_t ReadBE(std::string_view d, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(d[at + static_cast<size_t>(i)]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

Status BadTzif() { return Status::Error(sqlstate::kInvalidParameterValue, "invalid time zone file"); }

}  // namespace

Result<std::shared_ptr<const TimeZone>> TimeZone::FromTzif(std::string_view data) {
  struct Counts {
    int64_t isut, isstd, leap, time, type, chr;
  };
  auto header = [&](size_t at, Counts* c) {
    if (data.size() < at + 44 || data.substr(at, 4) != "TZif") return false;
    c->isut = ReadBE(data, at + 20, 4);
    c->isstd = ReadBE(data, at + 24, 4);
    c->leap = ReadBE(data, at + 28, 4);
    c->time = ReadBE(data, at + 32, 4);
    c->type = ReadBE(data, at + 36, 4);
    c->chr = ReadBE(data, at + 40, 4);
    return c->isut >= 0 && c->isstd >= 0 && c->leap >= 0 && c->time >= 0 && c->type > 0 &&
           c->chr >= 0;
  };
  auto block_size = [](const Counts& c, int tsize) {
    return static_cast<size_t>(c.time * tsize + c.time + c.type * 6 + c.chr +
                               c.leap * (tsize + 4) + c.isstd + c.isut);
  };
  Counts c;
  if (!header(0, &c)) return BadTzif();
  size_t at = 44;
  int tsize = 4;
  if (data[4] >= '2') {
    // Skip the 32-bit block and use the 64-bit one.
    at += block_size(c, 4);
    if (!header(at, &c)) return BadTzif();
    at += 44;
    tsize = 8;
  }
  if (data.size() < at + block_size(c, tsize)) return BadTzif();
  auto z = std::make_shared<TimeZone>();
  size_t times_at = at, idx_at = at + static_cast<size_t>(c.time * tsize);
  size_t types_at = idx_at + static_cast<size_t>(c.time);
  std::vector<int32_t> type_off(static_cast<size_t>(c.type));
  for (int64_t i = 0; i < c.type; ++i) {
    type_off[static_cast<size_t>(i)] =
        static_cast<int32_t>(ReadBE(data, types_at + static_cast<size_t>(i) * 6, 4));
  }
  z->initial_offset_ = type_off[0];
  for (int64_t i = 0; i < c.time; ++i) {
    size_t idx = static_cast<unsigned char>(data[idx_at + static_cast<size_t>(i)]);
    if (idx >= type_off.size()) return BadTzif();
    z->times_.push_back(ReadBE(data, times_at + static_cast<size_t>(i * tsize), tsize));
    z->offsets_.push_back(type_off[idx]);
  }
  at += block_size(c, tsize);
  if (tsize == 8 && at < data.size() && data[at] == '\n') {
    size_t end = data.find('\n', at + 1);
    if (end != std::string_view::npos && end > at + 1) {
      PosixRule rule;
      if (ParsePosixRule(data.substr(at + 1, end - at - 1), &rule)) {
        z->has_rule_ = true;
        z->rule_ = rule;
      }
    }
  }
  return std::shared_ptr<const TimeZone>(std::move(z));
}

void TimeZone::RuleTransitions(int year, int64_t* dst_start, int64_t* dst_end) const {
  *dst_start = RuleDay(rule_.start, year) + rule_.start.time - rule_.std_offset;
  *dst_end = RuleDay(rule_.end, year) + rule_.end.time - rule_.dst_offset;
}

int32_t TimeZone::RuleOffsetAt(int64_t secs) const {
  if (!rule_.has_dst) return rule_.std_offset;
  int year = YearOfUnixSecs(secs + rule_.std_offset);
  int64_t start, end;
  RuleTransitions(year, &start, &end);
  bool dst = start < end ? (secs >= start && secs < end) : !(secs >= end && secs < start);
  return dst ? rule_.dst_offset : rule_.std_offset;
}

int32_t TimeZone::OffsetAtUnix(int64_t secs) const {
  if (times_.empty() || secs < times_.front()) {
    if (times_.empty() && has_rule_) return RuleOffsetAt(secs);
    return initial_offset_;
  }
  if (has_rule_ && secs >= times_.back()) return RuleOffsetAt(secs);
  auto it = std::upper_bound(times_.begin(), times_.end(), secs);
  return offsets_[static_cast<size_t>(it - times_.begin()) - 1];
}

bool TimeZone::NextTransition(int64_t secs, int64_t* at, int32_t* before, int32_t* after) const {
  auto it = std::upper_bound(times_.begin(), times_.end(), secs);
  if (it != times_.end()) {
    size_t i = static_cast<size_t>(it - times_.begin());
    *at = *it;
    *before = i == 0 ? initial_offset_ : offsets_[i - 1];
    *after = offsets_[i];
    return true;
  }
  if (!has_rule_ || !rule_.has_dst) return false;
  int year = YearOfUnixSecs(secs);
  int64_t best = INT64_MAX;
  for (int y = year - 1; y <= year + 1; ++y) {
    int64_t s, e;
    RuleTransitions(y, &s, &e);
    if (s > secs) best = std::min(best, s);
    if (e > secs) best = std::min(best, e);
  }
  if (best == INT64_MAX) return false;
  *at = best;
  *before = OffsetAtUnix(best - 1);
  *after = OffsetAtUnix(best);
  return true;
}

int32_t TimeZone::OffsetAtUtc(int64_t utc_us) const {
  if (times_.empty() && !has_rule_) return initial_offset_;
  return OffsetAtUnix(UsToUnixSecs(utc_us));
}

int32_t TimeZone::OffsetForLocal(int64_t local_us) const {
  if (times_.empty() && !has_rule_) return initial_offset_;
  int64_t local = UsToUnixSecs(local_us);
  // Look for a transition within a day after (local - 1 day): zones are less than a day off
  // UTC and transitions are more than two days apart.
  int64_t prev = local - 86400;
  int64_t boundary;
  int32_t before, after;
  if (!NextTransition(prev, &boundary, &before, &after)) return OffsetAtUnix(prev);
  int64_t before_time = local - before, after_time = local - after;
  if (before_time < boundary && after_time < boundary) return before;
  if (before_time >= boundary && after_time >= boundary) return after;
  // In the gap of a spring-forward the "before" reading is later; in a fall-back overlap the
  // "after" one is.
  return before_time > after_time ? before : after;
}

int64_t TimeZone::LocalToUtc(int64_t local_us) const {
  return local_us - int64_t{OffsetForLocal(local_us)} * kUsPerSec;
}

int64_t TimeZone::UtcToLocal(int64_t utc_us) const {
  return utc_us + int64_t{OffsetAtUtc(utc_us)} * kUsPerSec;
}

// ---- lookup and cache ----

namespace {

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& ch : r) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  return r;
}

// A bare number of hours ("+05", "-3", "5.5") is SQL's sign convention: east positive.
bool ParseHoursEast(std::string_view s, int32_t* out) {
  std::string buf(s);
  char* end = nullptr;
  double hours = std::strtod(buf.c_str(), &end);
  if (end == buf.c_str() || *end != '\0' || !(hours > -168 && hours < 168)) return false;
  *out = static_cast<int32_t>(std::lround(hours * 3600));
  return true;
}

// "[+-]hh[:mm[:ss]]" with POSIX's sign convention: west positive, so "+05:30" is UTC-05:30.
bool ParsePosixOffset(std::string_view s, int32_t* out) {
  Cursor c{s};
  int32_t off;
  if (!ParseHms(&c, 167, &off) || !c.done()) return false;
  *out = -off;
  return true;
}

bool SafeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 200 || name[0] == '/' || name.find("..") != std::string_view::npos) {
    return false;
  }
  for (char ch : name) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '/' || ch == '_' || ch == '-' || ch == '+';
    if (!ok) return false;
  }
  return true;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

// Parsed zones are immutable and the zone database does not change while the server runs, so
// one process-wide cache is shared by every session (the one piece of mutable static state in
// this module; it only ever memoizes file contents).
class ZoneCache {
 public:
  std::shared_ptr<const TimeZone> Get(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = zones_.find(key);
    return it == zones_.end() ? nullptr : it->second;
  }
  void Put(const std::string& key, std::shared_ptr<const TimeZone> z) {
    std::lock_guard<std::mutex> lock(mu_);
    if (zones_.size() < 4096) zones_.emplace(key, std::move(z));
  }
  // The zone file's real relative path for a case-insensitive name, or "".
  std::string CanonicalPath(const std::string& lower) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!indexed_) {
      indexed_ = true;
      std::error_code ec;
      std::filesystem::recursive_directory_iterator it(kZoneInfoDir, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        // Lexically: relative() would resolve links, and UTC is a link to Etc/UTC.
        std::string rel = it->path().lexically_relative(kZoneInfoDir).string();
        if (!rel.empty()) lower_paths_.emplace(Lower(rel), rel);
      }
    }
    auto it = lower_paths_.find(lower);
    return it == lower_paths_.end() ? std::string() : it->second;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const TimeZone>> zones_;
  bool indexed_ = false;
  std::unordered_map<std::string, std::string> lower_paths_;
};

ZoneCache& Cache() {
  static ZoneCache cache;
  return cache;
}

}  // namespace

Result<std::shared_ptr<const TimeZone>> TimeZone::Find(std::string_view name) {
  std::string lower = Lower(name);
  if (lower == "utc" || lower == "gmt" || lower == "z" || lower == "zulu" || lower == "uct" ||
      lower == "universal" || lower == "etc/utc" || lower == "etc/gmt" || lower == "greenwich") {
    static const std::shared_ptr<const TimeZone> kUtc = Fixed(0);
    return kUtc;
  }
  auto unknown = [&] {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "time zone \"" + std::string(name) + "\" not recognized");
  };
  if (!name.empty() && (name[0] == '+' || name[0] == '-' || name[0] == '.' ||
                        (name[0] >= '0' && name[0] <= '9'))) {
    int32_t off;
    if (ParseHoursEast(name, &off) || ParsePosixOffset(name, &off)) return Fixed(off);
    return unknown();
  }
  ZoneCache& cache = Cache();
  std::string key(name);
  if (auto z = cache.Get(key)) return z;
  std::shared_ptr<const TimeZone> zone;
  if (SafeZoneName(name)) {
    std::string data;
    bool found = ReadFile(std::string(kZoneInfoDir) + "/" + key, &data);
    if (!found) {
      std::string rel = cache.CanonicalPath(lower);
      found = !rel.empty() && ReadFile(std::string(kZoneInfoDir) + "/" + rel, &data);
    }
    if (found) {
      auto parsed = FromTzif(data);
      if (parsed.ok()) zone = *parsed;
    }
  }
  if (zone == nullptr) {
    auto posix = FromPosix(name);
    if (!posix.ok()) return unknown();
    zone = *posix;
  }
  cache.Put(key, zone);
  return zone;
}

Result<std::string> TimeZone::CanonicalName(std::string_view name) {
  ZJ_RETURN_IF_ERROR(Find(name).status());
  int32_t east;
  if (!name.empty() && name[0] != '<' && ParseHoursEast(name, &east)) {
    // PostgreSQL's pg_tzset_offset names a fixed offset as a POSIX zone with an abbreviation.
    int32_t abs = east < 0 ? -east : east;
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%02d", abs / 3600);
    std::string text = buf;
    if (abs % 3600 != 0) {
      std::snprintf(buf, sizeof(buf), ":%02d", abs % 3600 / 60);
      text += buf;
      if (abs % 60 != 0) {
        std::snprintf(buf, sizeof(buf), ":%02d", abs % 60);
        text += buf;
      }
    }
    return east < 0 ? "<-" + text + ">+" + text : "<+" + text + ">-" + text;
  }
  if (SafeZoneName(name)) {
    std::error_code ec;
    std::string key(name);
    if (std::filesystem::is_regular_file(std::string(kZoneInfoDir) + "/" + key, ec)) return key;
    std::string rel = Cache().CanonicalPath(Lower(name));
    if (!rel.empty()) return rel;
  }
  return std::string(name);
}

}  // namespace zijin::types
