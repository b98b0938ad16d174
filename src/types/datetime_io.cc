// Text input and output of date, time, timestamp, timestamptz and interval, following
// PostgreSQL's datetime parser (ISO DateStyle output; MDY, DMY or YMD input order).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

#include "types/datetime.h"
#include "types/internal/io_util.h"

namespace zijin::types::internal {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string LowerStr(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = Lower(c);
  return r;
}

Status BadSyntax(const char* type_name, std::string_view text) {
  return Status::Error(sqlstate::kInvalidDatetimeFormat,
                       std::string("invalid input syntax for type ") + type_name + ": \"" +
                           std::string(text) + "\"");
}

Status FieldOverflow(std::string_view text) {
  return Status::Error(sqlstate::kDatetimeFieldOverflow,
                       "date/time field value out of range: \"" + std::string(text) + "\"");
}

// Appends ".ffffff" without trailing zeros when us != 0.
void AppendFraction(int64_t us, std::string* out) {
  if (us == 0) return;
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%06lld", static_cast<long long>(us));
  int n = 6;
  while (n > 0 && buf[n - 1] == '0') --n;
  out->push_back('.');
  out->append(buf, static_cast<size_t>(n));
}

void AppendDate(int year, int month, int day, std::string* out) {
  char buf[32];
  int y = year > 0 ? year : 1 - year;
  int n = std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, month, day);
  out->append(buf, static_cast<size_t>(n));
}

void AppendTime(int hour, int minute, int second, int64_t micros, std::string* out) {
  char buf[32];
  int n = std::snprintf(buf, sizeof(buf), "%02d:%02d:%02d", hour, minute, second);
  out->append(buf, static_cast<size_t>(n));
  AppendFraction(micros, out);
}

// ---- the date/time tokenizer and decoder ----

enum class Tok { kNumber, kDate, kTime, kAlpha, kOffset };

struct Token {
  Tok kind;
  std::string text;  // as written (zone names keep their case)
};

// Splits date/time text into fields as PostgreSQL's ParseDateTime does, in simplified form.
int MonthFromName(std::string_view w);  // 1..12 for a month name or abbreviation, else 0

bool Tokenize(std::string_view s, std::vector<Token>* out) {
  size_t i = 0, n = s.size();
  while (i < n) {
    char c = s[i];
    if (IsSpace(c) || c == ',') {
      ++i;
      continue;
    }
    size_t start = i;
    if (IsDigit(c)) {
      while (i < n && IsDigit(s[i])) ++i;
      if (i < n && s[i] == ':') {
        while (i < n && (IsDigit(s[i]) || s[i] == ':' || s[i] == '.')) ++i;
        out->push_back({Tok::kTime, std::string(s.substr(start, i - start))});
      } else if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char sep = s[i];
        // A '.' with only digits after it and no second '.' is a fraction ("13.5"), unless
        // more separators follow (a date like 2024.01.31).
        while (i < n && (IsDigit(s[i]) || s[i] == sep ||
                         (IsAlpha(s[i]) && !(Lower(s[i]) == 't' && i + 1 < n && IsDigit(s[i + 1]))))) {
          ++i;
        }
        std::string text(s.substr(start, i - start));
        size_t seps = 0;
        for (char ch : text) seps += ch == sep;
        if (sep == '.' && seps == 1) {
          out->push_back({Tok::kNumber, text});
        } else {
          out->push_back({Tok::kDate, text});
        }
      } else {
        out->push_back({Tok::kNumber, std::string(s.substr(start, i - start))});
      }
      // ISO 8601 "T" between date and time.
      if (i + 1 < n && Lower(s[i]) == 't' && IsDigit(s[i + 1])) ++i;
      continue;
    }
    if ((c == '+' || c == '-') && i + 1 < n && IsDigit(s[i + 1])) {
      ++i;
      while (i < n && (IsDigit(s[i]) || s[i] == ':')) ++i;
      out->push_back({Tok::kOffset, std::string(s.substr(start, i - start))});
      continue;
    }
    if (IsAlpha(c)) {
      // A month name run into a date ("Jan-31-2024", "Feb/01/2024"), as PostgreSQL's
      // ParseDateTime reads a word followed by a date separator.
      size_t j = i;
      while (j < n && IsAlpha(s[j])) ++j;
      if (j + 1 < n && (s[j] == '-' || s[j] == '/' || s[j] == '.') && IsDigit(s[j + 1]) &&
          MonthFromName(LowerStr(s.substr(i, j - i))) != 0) {
        i = j;
        while (i < n && (IsDigit(s[i]) || IsAlpha(s[i]) || s[i] == s[j])) ++i;
        out->push_back({Tok::kDate, std::string(s.substr(start, i - start))});
        continue;
      }
    }
    if (IsAlpha(c) || ((c == '-' || c == '+') && i + 1 < n && IsAlpha(s[i + 1]))) {
      ++i;
      // Zone names: "America/New_York", "EST5EDT", "Etc/GMT+5" (signs only after a '/').
      bool has_slash = false;
      while (i < n) {
        char ch = s[i];
        if (ch == '/') has_slash = true;
        bool ok = IsAlpha(ch) || IsDigit(ch) || ch == '_' || ch == '.' || ch == '/' ||
                  (has_slash && (ch == '+' || ch == '-'));
        if (!ok) break;
        ++i;
      }
      out->push_back({Tok::kAlpha, std::string(s.substr(start, i - start))});
      continue;
    }
    return false;
  }
  return true;
}

int MonthFromName(std::string_view w) {
  static constexpr const char* kMonths[] = {"january", "february", "march",     "april",
                                            "may",     "june",     "july",      "august",
                                            "september", "october", "november", "december"};
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kMonths[m];
    if (w == full || (w.size() == 3 && full.substr(0, 3) == w)) return m + 1;
  }
  return 0;
}

bool IsDayName(std::string_view w) {
  static constexpr const char* kDays[] = {"sunday", "monday", "tuesday", "wednesday",
                                          "thursday", "friday", "saturday"};
  if (w == "tues" || w == "wednes" || w == "thur" || w == "thurs") return true;
  for (const char* d : kDays) {
    std::string_view full = d;
    if (w == full || (w.size() == 3 && full.substr(0, 3) == w)) return true;
  }
  return false;
}

// Fixed-offset abbreviations PostgreSQL's default set knows (a subset), seconds east.
std::optional<int32_t> AbbrevOffset(std::string_view w) {
  struct Abbrev {
    const char* name;
    int32_t offset;
  };
  static constexpr Abbrev kAbbrevs[] = {
      {"utc", 0},          {"gmt", 0},          {"z", 0},           {"ut", 0},
      {"zulu", 0},         {"wet", 0},          {"west", 3600},     {"bst", 3600},
      {"cet", 3600},       {"cest", 7200},      {"met", 3600},      {"mest", 7200},
      {"eet", 7200},       {"eest", 10800},     {"msk", 10800},     {"ist", 7200},
      {"est", -18000},     {"edt", -14400},     {"cst", -21600},    {"cdt", -18000},
      {"mst", -25200},     {"mdt", -21600},     {"pst", -28800},    {"pdt", -25200},
      {"akst", -32400},    {"akdt", -28800},    {"hst", -36000},    {"ast", -14400},
      {"adt", -10800},     {"nst", -12600},     {"ndt", -9000},     {"jst", 32400},
      {"kst", 32400},      {"hkt", 28800},      {"sgt", 28800},     {"awst", 28800},
      {"acst", 34200},     {"acdt", 37800},     {"aest", 36000},    {"aedt", 39600},
      {"nzst", 43200},     {"nzdt", 46800},
  };
  for (const Abbrev& a : kAbbrevs) {
    if (w == a.name) return a.offset;
  }
  return std::nullopt;
}

// "+05", "-08:00", "+0530", "+05:30:15": seconds east. *in_range is false past PostgreSQL's
// limits (hours up to 15, minutes and seconds up to 59).
bool ParseOffsetToken(std::string_view s, int32_t* out, bool* in_range = nullptr) {
  int sign = s[0] == '-' ? -1 : 1;
  std::string_view body = s.substr(1);
  int parts[3] = {0, 0, 0};
  int np = 0, nd = 0, cur = 0;
  for (char c : body) {
    if (IsDigit(c)) {
      cur = cur * 10 + (c - '0');
      ++nd;
    } else if (c == ':' && nd > 0 && np < 2) {
      parts[np++] = cur;
      cur = 0;
      nd = 0;
    } else {
      return false;
    }
  }
  if (nd == 0) return false;
  if (np == 0) {
    if (nd <= 2) {
      parts[0] = cur;
    } else if (nd == 4) {
      parts[0] = cur / 100;
      parts[1] = cur % 100;
    } else if (nd == 6) {
      parts[0] = cur / 10000;
      parts[1] = cur / 100 % 100;
      parts[2] = cur % 100;
    } else {
      return false;
    }
  } else {
    parts[np] = cur;
  }
  bool ok = parts[0] <= 15 && parts[1] <= 59 && parts[2] <= 59;
  if (in_range != nullptr) {
    *in_range = ok;
  } else if (!ok) {
    return false;
  }
  *out = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return true;
}


// What the decoder found.
struct Decoded {
  DateOrder order = DateOrder::kMDY;  // in: how to read an all-numeric date
  bool have_date = false, have_time = false;
  int year = 0, month = 0, day = 0;
  bool bc = false;
  int64_t time_us = 0;  // time of day
  std::optional<int32_t> offset;
  std::shared_ptr<const TimeZone> zone;
  std::string bad_zone;  // a zone-like word that did not resolve
  enum Special { kNone, kEpoch, kInfinity, kNegInfinity, kAllBalls } special = kNone;
};

enum class DecodeError { kNone, kSyntax, kRange, kRangeHint, kBadZone, kZoneRange };

// "h:m[:s[.frac]]" -> microseconds; hour up to 24 (range checks by the caller's type).
bool ParseClock(std::string_view s, int64_t* us, int* hour_out) {
  int64_t parts[3] = {0, 0, 0};
  int np = 0, nd = 0;
  int64_t cur = 0;
  size_t i = 0;
  int64_t frac_us = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (IsDigit(c)) {
      if (++nd > 9) return false;
      cur = cur * 10 + (c - '0');
    } else if (c == ':' && nd > 0 && np < 2) {
      parts[np++] = cur;
      cur = 0;
      nd = 0;
    } else if (c == '.' && nd > 0 && np >= 1) {
      // Fraction of the last field (seconds, or minutes when there is no seconds field).
      size_t j = i + 1;
      int64_t digits = 0;
      int count = 0;
      int round_digit = 0;
      for (; j < s.size() && IsDigit(s[j]); ++j) {
        if (count < 6) {
          digits = digits * 10 + (s[j] - '0');
        } else if (count == 6) {
          round_digit = s[j] - '0';
        }
        ++count;
      }
      if (j != s.size()) return false;
      for (int k = count; k < 6; ++k) digits *= 10;
      if (round_digit >= 5) ++digits;
      frac_us = digits;
      i = j;
      break;
    } else {
      return false;
    }
  }
  if (nd == 0) return false;
  parts[np] = cur;
  if (np == 0) return false;
  int64_t h = parts[0], m = parts[1], sec = np == 2 ? parts[2] : 0;
  if (np == 1 && frac_us != 0) {
    // "mm:ss.f" is not a form PostgreSQL accepts for time of day; treat "h:m.f" as minutes.
    return false;
  }
  if (m > 59 || sec > 60) return false;
  *hour_out = static_cast<int>(h);
  *us = ((h * 60 + m) * 60 + sec) * kUsPerSec + frac_us;
  return true;
}

int AdjustTwoDigitYear(int year, size_t digits) {
  if (digits <= 2) return year < 70 ? year + 2000 : year + 1900;
  return year;
}

DecodeError DecodeDateToken(const std::string& text, Decoded* d) {
  char sep = 0;
  for (char c : text) {
    if (c == '-' || c == '/' || c == '.') {
      sep = c;
      break;
    }
  }
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3) return DecodeError::kSyntax;
  for (const auto& p : parts) {
    if (p.empty()) return DecodeError::kSyntax;
  }
  auto num = [](const std::string& p, int* v) {
    if (p.size() > 9) return false;
    int r = 0;
    for (char c : p) {
      if (!IsDigit(c)) return false;
      r = r * 10 + (c - '0');
    }
    *v = r;
    return true;
  };
  int a, b, c;
  int ma = MonthFromName(LowerStr(parts[0])), mb = MonthFromName(LowerStr(parts[1]));
  if (ma != 0 || mb != 0) {
    // A textual month (Jan-31-2024, 31-Jan-2024, 2024-Jan-31): as PostgreSQL's DecodeNumber,
    // the first number is the year when it has three or more digits or the order is YMD,
    // except that DD-MON-YYYY is accepted even in YMD.
    const std::string& first = parts[ma != 0 ? 1 : 0];
    const std::string& second = parts[2];
    if (!num(first, &a) || !num(second, &b)) return DecodeError::kSyntax;
    d->month = ma != 0 ? ma : mb;
    if ((first.size() >= 3 || d->order == DateOrder::kYMD) &&
        !(second.size() >= 3 && first.size() <= 2)) {
      d->year = AdjustTwoDigitYear(a, first.size());
      d->day = b;
    } else if (first.size() >= 3 || d->order == DateOrder::kYMD) {
      d->day = a;
      d->year = b;
    } else {
      d->day = a;
      d->year = AdjustTwoDigitYear(b, second.size());
    }
  } else if (num(parts[0], &a) && num(parts[1], &b) && num(parts[2], &c)) {
    // All numeric: y-m-d when the first field has three or more digits, else DateStyle's order.
    if (parts[0].size() >= 3 || d->order == DateOrder::kYMD) {
      d->year = AdjustTwoDigitYear(a, parts[0].size());
      d->month = b;
      d->day = c;
    } else if (d->order == DateOrder::kDMY) {
      d->day = a;
      d->month = b;
      d->year = AdjustTwoDigitYear(c, parts[2].size());
    } else {
      d->month = a;
      d->day = b;
      d->year = AdjustTwoDigitYear(c, parts[2].size());
    }
  } else {
    return DecodeError::kSyntax;
  }
  // A month or day that cannot be one suggests the wrong field order (PostgreSQL's
  // DTERR_MD_FIELD_OVERFLOW).
  if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31) return DecodeError::kRangeHint;
  d->have_date = true;
  return DecodeError::kNone;
}

DecodeError Decode(std::string_view text, Decoded* d) {
  std::vector<Token> toks;
  if (!Tokenize(text, &toks) || toks.empty()) return DecodeError::kSyntax;
  std::vector<const Token*> pending;  // bare numbers to place with a textual month
  bool text_month = false;
  int ampm = 0;  // 1 am, 2 pm
  int hour = -1;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    switch (t.kind) {
      case Tok::kDate: {
        if (d->have_date) return DecodeError::kSyntax;
        DecodeError e = DecodeDateToken(t.text, d);
        if (e != DecodeError::kNone) return e;
        break;
      }
      case Tok::kTime: {
        if (d->have_time) return DecodeError::kSyntax;
        if (!ParseClock(t.text, &d->time_us, &hour)) {
          // Distinguish bad values (25:00, 12:60) from bad syntax.
          bool digits_colons = true;
          for (char c : t.text) digits_colons &= IsDigit(c) || c == ':' || c == '.';
          return digits_colons ? DecodeError::kRange : DecodeError::kSyntax;
        }
        d->have_time = true;
        break;
      }
      case Tok::kOffset: {
        int32_t off;
        if (!d->have_time && !d->have_date) return DecodeError::kSyntax;
        bool in_range = true;
        if (d->offset || d->zone || !ParseOffsetToken(t.text, &off, &in_range)) {
          return DecodeError::kSyntax;
        }
        if (!in_range) return DecodeError::kZoneRange;
        d->offset = off;
        break;
      }
      case Tok::kNumber: {
        const std::string& s = t.text;
        if (s.find('.') != std::string::npos) return DecodeError::kSyntax;
        // YYYYMMDD / YYMMDD as the first date field.
        if (!d->have_date && !text_month && pending.empty() && (s.size() == 8 || s.size() == 6)) {
          int v = std::stoi(s);
          if (s.size() == 8) {
            d->year = v / 10000;
          } else {
            d->year = AdjustTwoDigitYear(v / 10000, 2);
          }
          d->month = v / 100 % 100;
          d->day = v % 100;
          d->have_date = true;
          break;
        }
        if (s.size() > 9) return DecodeError::kSyntax;
        pending.push_back(&t);
        break;
      }
      case Tok::kAlpha: {
        std::string w = LowerStr(t.text);
        if (int m = MonthFromName(w); m != 0) {
          if (text_month || d->have_date) return DecodeError::kSyntax;
          d->month = m;
          text_month = true;
        } else if (IsDayName(w) || w == "t" || w == "at" || w == "on") {
          // ignored noise words
        } else if (w == "am" || w == "a.m." || w == "pm" || w == "p.m.") {
          if (ampm != 0) return DecodeError::kSyntax;
          ampm = w[0] == 'a' ? 1 : 2;
        } else if (w == "bc" || w == "b.c.") {
          d->bc = true;
        } else if (w == "ad" || w == "a.d.") {
          // the default era
        } else if (w == "epoch") {
          d->special = Decoded::kEpoch;
        } else if (w == "infinity" || w == "+infinity") {
          d->special = Decoded::kInfinity;
        } else if (w == "-infinity") {
          d->special = Decoded::kNegInfinity;
        } else if (w == "allballs") {
          d->special = Decoded::kAllBalls;
        } else if (auto off = AbbrevOffset(w)) {
          if (d->offset || d->zone) return DecodeError::kSyntax;
          d->offset = *off;
        } else {
          if (d->offset || d->zone) return DecodeError::kSyntax;
          auto z = TimeZone::Find(t.text);
          if (!z.ok() || w.size() < 3) {
            if (w.find('/') == std::string::npos) return DecodeError::kSyntax;
            d->bad_zone = w;
            return DecodeError::kBadZone;
          }
          d->zone = *z;
        }
        break;
      }
    }
  }
  if (d->special != Decoded::kNone) {
    if (toks.size() != 1) return DecodeError::kSyntax;
    return DecodeError::kNone;
  }
  if (text_month) {
    bool have_day = false, have_year = false;
    for (const Token* p : pending) {
      int v = std::stoi(p->text);
      if (!have_day && p->text.size() <= 2 && !(have_year == false && v > 31)) {
        d->day = v;
        have_day = true;
      } else if (!have_year) {
        d->year = AdjustTwoDigitYear(v, p->text.size());
        have_year = true;
      } else {
        return DecodeError::kSyntax;
      }
    }
    if (!have_day || !have_year) return DecodeError::kSyntax;
    d->have_date = true;
  } else if (!pending.empty()) {
    return DecodeError::kSyntax;
  }
  if (ampm != 0) {
    if (!d->have_time || hour > 12) return DecodeError::kRange;
    if (ampm == 1 && hour == 12) d->time_us -= 12 * kUsPerHour;
    if (ampm == 2 && hour != 12) d->time_us += 12 * kUsPerHour;
  }
  if (d->have_time) {
    if (hour > 24 || d->time_us > kUsPerDay) return DecodeError::kRange;
  }
  if (d->have_date) {
    if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31) {
      return DecodeError::kRangeHint;
    }
    if (d->bc) {
      if (d->year <= 0) return DecodeError::kRange;
      d->year = 1 - d->year;
    }
    if (d->year == 0 && !d->bc) return DecodeError::kRange;
    if (d->day > DaysInMonth(d->year, d->month)) return DecodeError::kRange;
  }
  return DecodeError::kNone;
}

Status DecodeText(std::string_view text, const char* type_name, Decoded* d) {
  DecodeError e = Decode(text, d);
  const std::string& bad_zone = d->bad_zone;
  switch (e) {
    case DecodeError::kBadZone:
      return Status::Error(sqlstate::kInvalidParameterValue,
                           "time zone \"" + bad_zone + "\" not recognized");
    case DecodeError::kNone: return Status::OK();
    case DecodeError::kZoneRange:
      return Status::Error("22009",  // invalid_time_zone_displacement_value
                           "time zone displacement out of range: \"" + std::string(text) + "\"");
    case DecodeError::kSyntax: return BadSyntax(type_name, text);
    case DecodeError::kRange: return FieldOverflow(text);
    case DecodeError::kRangeHint:
      return FieldOverflow(text).WithHint("Perhaps you need a different \"datestyle\" setting.");
  }
  return Status::OK();
}

}  // namespace

std::shared_ptr<const TimeZone> SessionZone(const FormatOptions& opts) {
  auto z = TimeZone::Find(opts.time_zone);
  if (z.ok()) return *z;
  return TimeZone::Fixed(0);
}

Result<int32_t> ParseDate(std::string_view text, const FormatOptions& opts) {
  Decoded d;
  d.order = opts.date_order;
  ZJ_RETURN_IF_ERROR(DecodeText(text, "date", &d));
  switch (d.special) {
    case Decoded::kEpoch: return kUnixEpochDays;
    case Decoded::kInfinity: return kDatePosInfinity;
    case Decoded::kNegInfinity: return kDateNegInfinity;
    case Decoded::kAllBalls: return BadSyntax("date", text);
    case Decoded::kNone: break;
  }
  if (!d.have_date) return BadSyntax("date", text);
  // Julian day 0 is the first valid date.
  if (d.year < -4713 || (d.year == -4713 && d.month < 11) ||
      (d.year == -4713 && d.month == 11 && d.day < 24) || d.year > 5874897) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         "date out of range: \"" + std::string(text) + "\"");
  }
  return static_cast<int32_t>(DateToJulian(d.year, d.month, d.day) - kPgEpochJulian);
}

Result<int64_t> ParseTime(std::string_view text, const FormatOptions& opts) {
  Decoded d;
  d.order = opts.date_order;
  ZJ_RETURN_IF_ERROR(DecodeText(text, "time", &d));
  if (d.special == Decoded::kAllBalls) return int64_t{0};
  if (d.special != Decoded::kNone || !d.have_time) return BadSyntax("time", text);
  return d.time_us;
}

Result<TimeTz> ParseTimeTz(std::string_view text, const FormatOptions& opts) {
  Decoded d;
  ZJ_RETURN_IF_ERROR(DecodeText(text, "time with time zone", &d));
  if (d.special == Decoded::kAllBalls) return TimeTz{0, 0};
  if (d.special != Decoded::kNone || !d.have_time) return BadSyntax("time with time zone", text);
  TimeTz t{d.time_us, 0};
  if (d.offset) {
    t.offset = *d.offset;
    return t;
  }
  // A zone name, or else the session zone, gives the offset in effect on the date the text
  // names, or on the current date as in PostgreSQL. A named zone whose offset has changed over
  // time needs the date.
  int32_t fixed;
  if (d.zone && !d.have_date && !d.zone->FixedOffset(&fixed)) {
    return BadSyntax("time with time zone", text);
  }
  std::shared_ptr<const TimeZone> zone = d.zone ? d.zone : SessionZone(opts);
  int64_t day_us;
  if (d.have_date) {
    day_us = (int64_t{DateToJulian(d.year, d.month, d.day)} - kPgEpochJulian) * kUsPerDay;
  } else {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    int64_t unix_us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    day_us = FloorDiv(unix_us + int64_t{kUnixEpochDays} * kUsPerDay, kUsPerDay) * kUsPerDay;
  }
  t.offset = zone->OffsetForLocal(day_us + d.time_us);
  return t;
}

Result<int64_t> ParseTimestamp(std::string_view text, bool with_tz, const FormatOptions& opts) {
  const char* type_name = with_tz ? "timestamp with time zone" : "timestamp";
  Decoded d;
  d.order = opts.date_order;
  ZJ_RETURN_IF_ERROR(DecodeText(text, type_name, &d));
  switch (d.special) {
    case Decoded::kEpoch: return int64_t{kUnixEpochDays} * kUsPerDay;
    case Decoded::kInfinity: return kTimestampPosInfinity;
    case Decoded::kNegInfinity: return kTimestampNegInfinity;
    case Decoded::kAllBalls: return BadSyntax(type_name, text);
    case Decoded::kNone: break;
  }
  if (!d.have_date) return BadSyntax(type_name, text);
  auto out_of_range = [&] {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         "timestamp out of range: \"" + std::string(text) + "\"");
  };
  if (d.year < -4713 || d.year > 294277) return out_of_range();
  int64_t days = int64_t{DateToJulian(d.year, d.month, d.day)} - kPgEpochJulian;
  int64_t local = days * kUsPerDay + d.time_us;
  int64_t result = local;
  if (with_tz) {
    if (d.offset) {
      result = local - int64_t{*d.offset} * kUsPerSec;
    } else if (d.zone) {
      result = d.zone->LocalToUtc(local);
    } else {
      result = SessionZone(opts)->LocalToUtc(local);
    }
  }
  if (!IsValidTimestamp(result)) return out_of_range();
  return result;
}

// ---- interval input ----

namespace {

enum Unit {
  kUMicro, kUMilli, kUSecond, kUMinute, kUHour, kUDay, kUWeek, kUMonth, kUYear, kUDecade,
  kUCentury, kUMillennium, kUNone
};

Unit UnitFromWord(std::string_view w) {
  struct U {
    const char* name;
    Unit unit;
  };
  static constexpr U kUnits[] = {
      {"microsecond", kUMicro}, {"microseconds", kUMicro}, {"us", kUMicro},
      {"usec", kUMicro},        {"usecs", kUMicro},        {"useconds", kUMicro},
      {"millisecond", kUMilli}, {"milliseconds", kUMilli}, {"ms", kUMilli},
      {"msec", kUMilli},        {"msecs", kUMilli},        {"mseconds", kUMilli},
      {"second", kUSecond},     {"seconds", kUSecond},     {"s", kUSecond},
      {"sec", kUSecond},        {"secs", kUSecond},        {"minute", kUMinute},
      {"minutes", kUMinute},    {"m", kUMinute},           {"min", kUMinute},
      {"mins", kUMinute},       {"hour", kUHour},          {"hours", kUHour},
      {"h", kUHour},            {"hr", kUHour},            {"hrs", kUHour},
      {"day", kUDay},           {"days", kUDay},           {"d", kUDay},
      {"week", kUWeek},         {"weeks", kUWeek},         {"w", kUWeek},
      {"month", kUMonth},       {"months", kUMonth},       {"mon", kUMonth},
      {"mons", kUMonth},        {"year", kUYear},          {"years", kUYear},
      {"y", kUYear},            {"yr", kUYear},            {"yrs", kUYear},
      {"decade", kUDecade},     {"decades", kUDecade},     {"dec", kUDecade},
      {"decs", kUDecade},       {"century", kUCentury},    {"centuries", kUCentury},
      {"c", kUCentury},         {"cent", kUCentury},       {"millennium", kUMillennium},
      {"millennia", kUMillennium}, {"mil", kUMillennium},  {"mils", kUMillennium},
  };
  for (const U& u : kUnits) {
    if (w == u.name) return u.unit;
  }
  return kUNone;
}

// Accumulates interval fields with PostgreSQL's cascading of fractions down (never up).
struct IntervalAcc {
  __int128 months = 0, days = 0, micros = 0;

  void AddFracDays(double frac_days) {
    double whole = std::trunc(frac_days);
    days += static_cast<int64_t>(whole);
    micros += static_cast<int64_t>(std::nearbyint((frac_days - whole) * kUsPerDay));
  }
  void Add(Unit u, int64_t ip, double frac) {
    switch (u) {
      case kUMicro: micros += ip + static_cast<int64_t>(std::nearbyint(frac)); break;
      case kUMilli:
        micros += __int128{ip} * 1000 + static_cast<int64_t>(std::nearbyint(frac * 1000));
        break;
      case kUSecond:
        micros += __int128{ip} * kUsPerSec + static_cast<int64_t>(std::nearbyint(frac * 1e6));
        break;
      case kUMinute:
        micros += __int128{ip} * kUsPerMinute + static_cast<int64_t>(std::nearbyint(frac * 6e7));
        break;
      case kUHour:
        micros += __int128{ip} * kUsPerHour + static_cast<int64_t>(std::nearbyint(frac * 3.6e9));
        break;
      case kUDay:
        days += ip;
        AddFracDays(frac);
        break;
      case kUWeek:
        days += __int128{ip} * 7;
        AddFracDays(frac * 7);
        break;
      case kUMonth: {
        months += ip;
        AddFracDays(frac * 30);
        break;
      }
      case kUYear:
      case kUDecade:
      case kUCentury:
      case kUMillennium: {
        int scale = u == kUYear ? 1 : u == kUDecade ? 10 : u == kUCentury ? 100 : 1000;
        months += __int128{ip} * 12 * scale;
        months += static_cast<int64_t>(std::nearbyint(frac * 12 * scale));
        break;
      }
      case kUNone: break;
    }
  }
};

// "[-+]digits[.digits]": integer part and signed fraction.
bool SplitNumber(std::string_view s, int64_t* ip, double* frac) {
  size_t p = 0;
  bool neg = false;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) neg = s[p++] == '-';
  int64_t v = 0;
  size_t digits = 0;
  for (; p < s.size() && IsDigit(s[p]); ++p, ++digits) {
    if (v > (INT64_MAX - 9) / 10) return false;
    v = v * 10 + (s[p] - '0');
  }
  double f = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    double scale = 0.1;
    for (; p < s.size() && IsDigit(s[p]); ++p, ++digits) {
      f += (s[p] - '0') * scale;
      scale /= 10;
    }
  }
  if (digits == 0 || p != s.size()) return false;
  *ip = neg ? -v : v;
  *frac = neg ? -f : f;
  return true;
}

// ISO 8601 "P1Y2M3DT4H5M6S" (weeks too).
bool ParseIsoInterval(std::string_view s, IntervalAcc* acc) {
  size_t p = 1;
  bool in_time = false;
  if (p >= s.size()) return false;
  while (p < s.size()) {
    if (s[p] == 't') {
      if (in_time) return false;
      in_time = true;
      ++p;
      continue;
    }
    size_t start = p;
    while (p < s.size() && (IsDigit(s[p]) || s[p] == '.' || s[p] == '-' || s[p] == '+')) ++p;
    if (p == start || p >= s.size()) return false;
    int64_t ip;
    double frac;
    if (!SplitNumber(s.substr(start, p - start), &ip, &frac)) return false;
    char u = s[p++];
    Unit unit;
    if (!in_time) {
      unit = u == 'y' ? kUYear : u == 'm' ? kUMonth : u == 'w' ? kUWeek : u == 'd' ? kUDay : kUNone;
    } else {
      unit = u == 'h' ? kUHour : u == 'm' ? kUMinute : u == 's' ? kUSecond : kUNone;
    }
    if (unit == kUNone) return false;
    acc->Add(unit, ip, frac);
  }
  return true;
}

}  // namespace

Result<Interval> ParseInterval(std::string_view text) {
  std::string s = LowerStr(text);
  auto syntax = [&] { return BadSyntax("interval", text); };
  IntervalAcc acc;
  size_t b = 0;
  while (b < s.size() && IsSpace(s[b])) ++b;
  size_t e = s.size();
  while (e > b && IsSpace(s[e - 1])) --e;
  std::string_view body(s.data() + b, e - b);
  if (body.empty()) return syntax();
  if (body[0] == 'p') {
    if (!ParseIsoInterval(body, &acc)) return syntax();
  } else {
    std::vector<std::string> toks;
    size_t i = 0;
    while (i < body.size()) {
      if (IsSpace(body[i]) || body[i] == ',') {
        ++i;
        continue;
      }
      size_t start = i;
      // A number with an attached unit ("1d") splits into two tokens.
      if (IsDigit(body[i]) || body[i] == '-' || body[i] == '+' || body[i] == '.') {
        ++i;
        while (i < body.size() && (IsDigit(body[i]) || body[i] == '.' || body[i] == ':' ||
                                   body[i] == '-')) {
          ++i;
        }
      } else {
        while (i < body.size() && !IsSpace(body[i]) && !IsDigit(body[i]) && body[i] != ',' &&
               body[i] != '-' && body[i] != '+') {
          ++i;
        }
      }
      if (i == start) return syntax();
      toks.emplace_back(body.substr(start, i - start));
    }
    bool negate = false;
    uint32_t seen = 0;
    auto mark = [&](uint32_t bits) {
      if (seen & bits) return false;
      seen |= bits;
      return true;
    };
    Unit pending = kUNone;  // unit word waiting for the number on its left
    Unit implicit = kUSecond;
    // Right to left, as PostgreSQL does: a unit applies to the number before it, a bare number
    // before a time field is days, a trailing bare number is seconds.
    for (size_t k = toks.size(); k-- > 0;) {
      const std::string& t = toks[k];
      if (t == "@") {
        if (k != 0) return syntax();
        continue;
      }
      if (t == "ago") {
        if (negate || pending != kUNone) return syntax();
        negate = true;
        continue;
      }
      if (IsAlpha(t[0])) {
        Unit u = UnitFromWord(t);
        if (u == kUNone || pending != kUNone) return syntax();
        pending = u;
        continue;
      }
      if (t.find(':') != std::string::npos) {
        if (pending != kUNone) return syntax();
        bool neg = t[0] == '-';
        std::string_view clock = t;
        if (t[0] == '-' || t[0] == '+') clock.remove_prefix(1);
        int64_t us;
        int hour;
        // Interval clocks may exceed 24 hours: parse the hour separately.
        size_t colon = clock.find(':');
        int64_t h = 0;
        for (size_t q = 0; q < colon; ++q) {
          if (!IsDigit(clock[q]) || h > INT64_MAX / 100) return syntax();
          h = h * 10 + (clock[q] - '0');
        }
        std::string rest = "0" + std::string(clock.substr(colon));
        if (colon == 0 || !ParseClock(rest, &us, &hour)) {
          return Status::Error(sqlstate::kIntervalFieldOverflow,
                               "interval field value out of range: \"" + std::string(text) + "\"");
        }
        if (!mark(1u << kUHour | 1u << kUMinute | 1u << kUSecond)) return syntax();
        __int128 total = __int128{h} * kUsPerHour + us;
        acc.micros += neg ? -total : total;
        implicit = kUDay;
        continue;
      }
      size_t dash = t.find('-', 1);
      if (dash != std::string::npos && pending == kUNone) {
        // "y-m"
        int64_t y, m;
        double f1, f2;
        bool neg = t[0] == '-';
        std::string_view ys(t.data() + (neg ? 1 : 0), dash - (neg ? 1 : 0));
        if (!SplitNumber(ys, &y, &f1) || !SplitNumber(std::string_view(t).substr(dash + 1), &m, &f2) ||
            f1 != 0 || f2 != 0 || m > 11) {
          return syntax();
        }
        if (!mark(1u << kUYear | 1u << kUMonth)) return syntax();
        acc.months += (neg ? -1 : 1) * (__int128{y} * 12 + m);
        continue;
      }
      int64_t ip;
      double frac;
      if (!SplitNumber(t, &ip, &frac)) return syntax();
      Unit u = pending != kUNone ? pending : implicit;
      pending = kUNone;
      if (!mark(1u << u)) return syntax();
      acc.Add(u, ip, frac);
      implicit = kUSecond;
    }
    if (pending != kUNone) return syntax();
    if (negate) {
      acc.months = -acc.months;
      acc.days = -acc.days;
      acc.micros = -acc.micros;
    }
  }
  if (acc.months > INT32_MAX || acc.months < INT32_MIN || acc.days > INT32_MAX ||
      acc.days < INT32_MIN || acc.micros > INT64_MAX || acc.micros < INT64_MIN) {
    return Status::Error(sqlstate::kIntervalFieldOverflow,
                         "interval field value out of range: \"" + std::string(text) + "\"");
  }
  return Interval{static_cast<int32_t>(acc.months), static_cast<int32_t>(acc.days),
                  static_cast<int64_t>(acc.micros)};
}

// ---- output ----

void FormatDate(int32_t days, std::string* out) {
  if (days == kDatePosInfinity) {
    out->append("infinity");
    return;
  }
  if (days == kDateNegInfinity) {
    out->append("-infinity");
    return;
  }
  int y, m, d;
  JulianToDate(days + kPgEpochJulian, &y, &m, &d);
  AppendDate(y, m, d, out);
  if (y <= 0) out->append(" BC");
}

void FormatTime(int64_t us, std::string* out) {
  int64_t h = us / kUsPerHour;
  us -= h * kUsPerHour;
  int64_t m = us / kUsPerMinute;
  us -= m * kUsPerMinute;
  AppendTime(static_cast<int>(h), static_cast<int>(m), static_cast<int>(us / kUsPerSec),
             us % kUsPerSec, out);
}

namespace {

// PostgreSQL's EncodeTimezone: "+02", "-05:30", "+05:30:15" (east positive).
void AppendOffset(int32_t off, std::string* out) {
  int32_t a = off < 0 ? -off : off;
  char buf[16];
  int n;
  if (a % 60 != 0) {
    n = std::snprintf(buf, sizeof(buf), "%c%02d:%02d:%02d", off < 0 ? '-' : '+', a / 3600,
                      a / 60 % 60, a % 60);
  } else if (a % 3600 != 0) {
    n = std::snprintf(buf, sizeof(buf), "%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  } else {
    n = std::snprintf(buf, sizeof(buf), "%c%02d", off < 0 ? '-' : '+', a / 3600);
  }
  out->append(buf, static_cast<size_t>(n));
}

void AppendTimestampFields(int64_t local_us, std::string* out, int* year) {
  DateTimeFields f = TimestampToFields(local_us);
  AppendDate(f.year, f.month, f.day, out);
  out->push_back(' ');
  AppendTime(f.hour, f.minute, f.second, f.micros, out);
  *year = f.year;
}

}  // namespace

void FormatTimestamp(int64_t us, std::string* out) {
  if (us == kTimestampPosInfinity) {
    out->append("infinity");
    return;
  }
  if (us == kTimestampNegInfinity) {
    out->append("-infinity");
    return;
  }
  int year;
  AppendTimestampFields(us, out, &year);
  if (year <= 0) out->append(" BC");
}

void FormatTimestampTz(int64_t us, const TimeZone& zone, std::string* out) {
  if (us == kTimestampPosInfinity || us == kTimestampNegInfinity) {
    FormatTimestamp(us, out);
    return;
  }
  int32_t off = zone.OffsetAtUtc(us);
  int year;
  AppendTimestampFields(us + int64_t{off} * kUsPerSec, out, &year);
  AppendOffset(off, out);
  if (year <= 0) out->append(" BC");
}

void FormatTimeTz(const TimeTz& t, std::string* out) {
  FormatTime(t.micros, out);
  AppendOffset(t.offset, out);
}

void FormatInterval(const Interval& iv, std::string* out) {
  bool is_before = false, is_zero = true;
  auto part = [&](int64_t value, const char* units) {
    if (value == 0) return;
    if (!is_zero) out->push_back(' ');
    if (is_before && value > 0) out->push_back('+');
    out->append(std::to_string(value));
    out->push_back(' ');
    out->append(units);
    if (value != 1) out->push_back('s');
    is_before = value < 0;
    is_zero = false;
  };
  part(iv.months / 12, "year");
  part(iv.months % 12, "mon");
  part(iv.days, "day");
  int64_t t = iv.micros;
  int64_t hour = t / kUsPerHour;
  t -= hour * kUsPerHour;
  int64_t min = t / kUsPerMinute;
  t -= min * kUsPerMinute;
  int64_t sec = t / kUsPerSec;
  int64_t fsec = t - sec * kUsPerSec;
  if (is_zero || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
    bool minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
    if (!is_zero) out->push_back(' ');
    if (minus) {
      out->push_back('-');
    } else if (is_before) {
      out->push_back('+');
    }
    // |hour| may need 64 bits; the others are < 60.
    uint64_t ah = hour < 0 ? 0 - static_cast<uint64_t>(hour) : static_cast<uint64_t>(hour);
    char buf[48];
    int n = std::snprintf(buf, sizeof(buf), "%02llu:%02lld:%02lld",
                          static_cast<unsigned long long>(ah),
                          static_cast<long long>(min < 0 ? -min : min),
                          static_cast<long long>(sec < 0 ? -sec : sec));
    out->append(buf, static_cast<size_t>(n));
    AppendFraction(fsec < 0 ? -fsec : fsec, out);
  }
}

}  // namespace zijin::types::internal
