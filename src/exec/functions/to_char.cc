// to_char / to_date / to_timestamp: PostgreSQL's datetime template patterns (formatting.c).
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "exec/functions/builtins.h"
#include "exec/functions/datetime_util.h"

namespace zijin::exec::builtins {
namespace {

using types::Interval;

enum class Pat {
  kLiteral,
  kYearComma,
  kYYYY,
  kYYY,
  kYY,
  kY,
  kIYYY,
  kIYY,
  kIY,
  kI,
  kMM,
  kDDD,
  kDD,
  kD,
  kIDDD,
  kID,
  kW,
  kWW,
  kIW,
  kQ,
  kCC,
  kJ,
  kHH24,
  kHH12,
  kHH,
  kMI,
  kSSSSS,
  kSSSS,
  kSS,
  kMS,
  kUS,
  kFF1,
  kFF2,
  kFF3,
  kFF4,
  kFF5,
  kFF6,
  kAmPm,
  kAmPmDots,
  kAdBc,
  kAdBcDots,
  kMonth,
  kMon,
  kDay,
  kDy,
  kRm,
  kTz,
  kTzh,
  kTzm,
  kOf,
};

// How a name pattern capitalizes its output.
enum class Case { kUpper, kLower, kMixed };

struct Keyword {
  std::string_view text;
  Pat pat;
  Case cas;
};

// Longer spellings first so "HH24" wins over "HH" and "DDD" over "DD".
constexpr Keyword kKeywords[] = {
    {"Y,YYY", Pat::kYearComma, Case::kUpper},
    {"YYYY", Pat::kYYYY, Case::kUpper},
    {"YYY", Pat::kYYY, Case::kUpper},
    {"YY", Pat::kYY, Case::kUpper},
    {"IYYY", Pat::kIYYY, Case::kUpper},
    {"IYY", Pat::kIYY, Case::kUpper},
    {"IDDD", Pat::kIDDD, Case::kUpper},
    {"IW", Pat::kIW, Case::kUpper},
    {"IY", Pat::kIY, Case::kUpper},
    {"ID", Pat::kID, Case::kUpper},
    {"MONTH", Pat::kMonth, Case::kUpper},
    {"Month", Pat::kMonth, Case::kMixed},
    {"month", Pat::kMonth, Case::kLower},
    {"MON", Pat::kMon, Case::kUpper},
    {"Mon", Pat::kMon, Case::kMixed},
    {"mon", Pat::kMon, Case::kLower},
    {"MM", Pat::kMM, Case::kUpper},
    {"MI", Pat::kMI, Case::kUpper},
    {"MS", Pat::kMS, Case::kUpper},
    {"DAY", Pat::kDay, Case::kUpper},
    {"Day", Pat::kDay, Case::kMixed},
    {"day", Pat::kDay, Case::kLower},
    {"DDD", Pat::kDDD, Case::kUpper},
    {"DD", Pat::kDD, Case::kUpper},
    {"DY", Pat::kDy, Case::kUpper},
    {"Dy", Pat::kDy, Case::kMixed},
    {"dy", Pat::kDy, Case::kLower},
    {"D", Pat::kD, Case::kUpper},
    {"HH24", Pat::kHH24, Case::kUpper},
    {"HH12", Pat::kHH12, Case::kUpper},
    {"HH", Pat::kHH, Case::kUpper},
    {"SSSSS", Pat::kSSSSS, Case::kUpper},
    {"SSSS", Pat::kSSSS, Case::kUpper},
    {"SS", Pat::kSS, Case::kUpper},
    {"US", Pat::kUS, Case::kUpper},
    {"FF1", Pat::kFF1, Case::kUpper},
    {"FF2", Pat::kFF2, Case::kUpper},
    {"FF3", Pat::kFF3, Case::kUpper},
    {"FF4", Pat::kFF4, Case::kUpper},
    {"FF5", Pat::kFF5, Case::kUpper},
    {"FF6", Pat::kFF6, Case::kUpper},
    {"A.M.", Pat::kAmPmDots, Case::kUpper},
    {"P.M.", Pat::kAmPmDots, Case::kUpper},
    {"a.m.", Pat::kAmPmDots, Case::kLower},
    {"p.m.", Pat::kAmPmDots, Case::kLower},
    {"AM", Pat::kAmPm, Case::kUpper},
    {"PM", Pat::kAmPm, Case::kUpper},
    {"am", Pat::kAmPm, Case::kLower},
    {"pm", Pat::kAmPm, Case::kLower},
    {"A.D.", Pat::kAdBcDots, Case::kUpper},
    {"B.C.", Pat::kAdBcDots, Case::kUpper},
    {"a.d.", Pat::kAdBcDots, Case::kLower},
    {"b.c.", Pat::kAdBcDots, Case::kLower},
    {"AD", Pat::kAdBc, Case::kUpper},
    {"BC", Pat::kAdBc, Case::kUpper},
    {"ad", Pat::kAdBc, Case::kLower},
    {"bc", Pat::kAdBc, Case::kLower},
    {"CC", Pat::kCC, Case::kUpper},
    {"WW", Pat::kWW, Case::kUpper},
    {"W", Pat::kW, Case::kUpper},
    {"Q", Pat::kQ, Case::kUpper},
    {"J", Pat::kJ, Case::kUpper},
    {"RM", Pat::kRm, Case::kUpper},
    {"rm", Pat::kRm, Case::kLower},
    {"TZH", Pat::kTzh, Case::kUpper},
    {"TZM", Pat::kTzm, Case::kUpper},
    {"TZ", Pat::kTz, Case::kUpper},
    {"tz", Pat::kTz, Case::kLower},
    {"OF", Pat::kOf, Case::kUpper},
    {"Y", Pat::kY, Case::kUpper},
    {"I", Pat::kI, Case::kUpper},
};

// Patterns whose lower-case spelling means the same thing (numbers, mostly).
bool CaseInsensitive(Pat p) {
  switch (p) {
    case Pat::kMonth:
    case Pat::kMon:
    case Pat::kDay:
    case Pat::kDy:
    case Pat::kAmPm:
    case Pat::kAmPmDots:
    case Pat::kAdBc:
    case Pat::kAdBcDots:
    case Pat::kRm:
    case Pat::kTz:
      return false;
    default:
      return true;
  }
}

struct Node {
  Pat pat = Pat::kLiteral;
  Case cas = Case::kUpper;
  std::string literal;  // for kLiteral
  std::string_view keyword;
  bool fill_mode = false;
  bool th_upper = false, th_lower = false;
};

bool MatchKeyword(std::string_view fmt, size_t i, const Keyword& k) {
  if (fmt.size() - i < k.text.size()) return false;
  std::string_view s = fmt.substr(i, k.text.size());
  if (s == k.text) return true;
  if (!CaseInsensitive(k.pat)) return false;
  for (size_t j = 0; j < s.size(); ++j) {
    if (std::toupper(static_cast<unsigned char>(s[j])) != k.text[j]) return false;
  }
  return true;
}

std::vector<Node> ParseFormat(std::string_view fmt) {
  std::vector<Node> nodes;
  auto literal = [&](char c) {
    if (nodes.empty() || nodes.back().pat != Pat::kLiteral) nodes.emplace_back();
    nodes.back().literal.push_back(c);
  };
  size_t i = 0;
  while (i < fmt.size()) {
    bool fm = false;
    size_t start = i;
    if (fmt.size() - i >= 2 && (fmt.substr(i, 2) == "FM" || fmt.substr(i, 2) == "fm")) {
      fm = true;
      i += 2;
    } else if (fmt.size() - i >= 2 && (fmt.substr(i, 2) == "TM" || fmt.substr(i, 2) == "tm")) {
      i += 2;
    }
    const Keyword* found = nullptr;
    for (const Keyword& k : kKeywords) {
      if (MatchKeyword(fmt, i, k)) {
        found = &k;
        break;
      }
    }
    if (found == nullptr) {
      i = start;
      if (fmt[i] == '"') {
        for (++i; i < fmt.size() && fmt[i] != '"'; ++i) {
          if (fmt[i] == '\\' && i + 1 < fmt.size()) ++i;
          literal(fmt[i]);
        }
        ++i;
      } else if (fmt[i] == '\\' && i + 1 < fmt.size() && fmt[i + 1] == '"') {
        literal('"');
        i += 2;
      } else {
        literal(fmt[i++]);
      }
      continue;
    }
    Node n;
    n.pat = found->pat;
    n.cas = found->cas;
    n.keyword = found->text;
    n.fill_mode = fm;
    i += found->text.size();
    if (fmt.size() - i >= 2 && fmt.substr(i, 2) == "TH") {
      n.th_upper = true;
      i += 2;
    } else if (fmt.size() - i >= 2 && fmt.substr(i, 2) == "th") {
      n.th_lower = true;
      i += 2;
    }
    nodes.push_back(std::move(n));
  }
  return nodes;
}

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
constexpr const char* kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kRomanMonths[] = {"I",   "II",   "III", "IV", "V",  "VI",
                                        "VII", "VIII", "IX",  "X",  "XI", "XII"};

std::string ApplyCase(std::string s, Case c) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    if (c == Case::kUpper || (c == Case::kMixed && i == 0)) {
      s[i] = static_cast<char>(std::toupper(ch));
    } else {
      s[i] = static_cast<char>(std::tolower(ch));
    }
  }
  return s;
}

std::string Ordinal(int64_t n, bool upper) {
  int64_t last2 = (n < 0 ? -n : n) % 100;
  int64_t last = last2 % 10;
  const char* s = "th";
  if (last2 < 11 || last2 > 13) {
    if (last == 1) s = "st";
    if (last == 2) s = "nd";
    if (last == 3) s = "rd";
  }
  return upper ? ApplyCase(s, Case::kUpper) : s;
}

std::string Num(int64_t v, int width, bool fill_mode) {
  char buf[32];
  if (fill_mode) {
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof(buf), "%0*lld", width + (v < 0 ? 1 : 0), static_cast<long long>(v));
  }
  return buf;
}

struct Moment {
  Tm tm;
  bool is_interval = false;
  bool has_tz = false;
  int32_t tz_offset = 0;
  std::string tz_abbrev;
};

std::string Padded(std::string s, int width, bool fill_mode) {
  if (!fill_mode && static_cast<int>(s.size()) < width) s.append(width - s.size(), ' ');
  return s;
}

std::string FormatMoment(const std::vector<Node>& nodes, const Moment& m) {
  const Tm& tm = m.tm;
  int year = tm.year > 0 ? tm.year : -(tm.year - 1);  // BC years print positive
  int julian = m.is_interval ? 0 : DateToJulian(tm.year, tm.mon, tm.mday);
  int dow = m.is_interval ? 0 : JulianDayOfWeek(julian);
  int doy = m.is_interval ? tm.mday : julian - DateToJulian(tm.year, 1, 1) + 1;
  int iso_year = m.is_interval ? tm.year : IsoYear(tm.year, tm.mon, tm.mday);
  std::string out;
  for (const Node& n : nodes) {
    bool fm = n.fill_mode;
    bool numeric = true;
    int64_t v = 0;
    std::string s;
    switch (n.pat) {
      case Pat::kLiteral:
        out += n.literal;
        continue;
      case Pat::kYearComma: {
        char buf[32];
        std::snprintf(buf, sizeof(buf), "%d,%03d", year / 1000, year % 1000);
        s = buf;
        numeric = false;
        v = year;
        break;
      }
      case Pat::kYYYY:
        s = Num(year, 4, fm);
        v = year;
        break;
      case Pat::kYYY:
        v = year % 1000;
        s = Num(v, 3, fm);
        break;
      case Pat::kYY:
        v = year % 100;
        s = Num(v, 2, fm);
        break;
      case Pat::kY:
        v = year % 10;
        s = Num(v, 1, fm);
        break;
      case Pat::kIYYY:
        v = iso_year;
        s = Num(v, 4, fm);
        break;
      case Pat::kIYY:
        v = iso_year % 1000;
        s = Num(v, 3, fm);
        break;
      case Pat::kIY:
        v = iso_year % 100;
        s = Num(v, 2, fm);
        break;
      case Pat::kI:
        v = iso_year % 10;
        s = Num(v, 1, fm);
        break;
      case Pat::kMM:
        v = tm.mon;
        s = Num(v, 2, fm);
        break;
      case Pat::kDDD:
        v = doy;
        s = Num(v, 3, fm);
        break;
      case Pat::kDD:
        v = tm.mday;
        s = Num(v, 2, fm);
        break;
      case Pat::kD:
        v = dow + 1;
        s = Num(v, 1, fm);
        break;
      case Pat::kIDDD:
        v = julian - IsoWeekStartJulian(iso_year, 1) + 1;
        s = Num(v, 3, fm);
        break;
      case Pat::kID:
        v = dow == 0 ? 7 : dow;
        s = Num(v, 1, fm);
        break;
      case Pat::kW:
        v = (tm.mday - 1) / 7 + 1;
        s = Num(v, 1, fm);
        break;
      case Pat::kWW:
        v = (doy - 1) / 7 + 1;
        s = Num(v, 2, fm);
        break;
      case Pat::kIW:
        v = m.is_interval ? 0 : IsoWeek(tm.year, tm.mon, tm.mday);
        s = Num(v, 2, fm);
        break;
      case Pat::kQ:
        v = (tm.mon - 1) / 3 + 1;
        s = Num(v, 1, fm);
        break;
      case Pat::kCC:
        v = m.is_interval ? tm.year / 100
                          : (tm.year > 0 ? (tm.year + 99) / 100 : -((99 - (tm.year - 1)) / 100));
        s = Num(v, 2, fm);
        break;
      case Pat::kJ:
        v = julian;
        s = Num(v, 1, fm);
        break;
      case Pat::kHH24:
        v = tm.hour;
        s = Num(v, 2, fm);
        break;
      case Pat::kHH12:
      case Pat::kHH:
        v = tm.hour % 12 == 0 ? 12 : tm.hour % 12;
        s = Num(v, 2, fm);
        break;
      case Pat::kMI:
        v = tm.min;
        s = Num(v, 2, fm);
        break;
      case Pat::kSS:
        v = tm.sec;
        s = Num(v, 2, fm);
        break;
      case Pat::kSSSS:
      case Pat::kSSSSS:
        v = (tm.hour * 60 + tm.min) * 60 + tm.sec;
        s = Num(v, 1, fm);
        break;
      case Pat::kMS:
        v = tm.fsec / 1000;
        s = Num(v, 3, fm);
        break;
      case Pat::kUS:
        v = tm.fsec;
        s = Num(v, 6, fm);
        break;
      case Pat::kFF1:
      case Pat::kFF2:
      case Pat::kFF3:
      case Pat::kFF4:
      case Pat::kFF5:
      case Pat::kFF6: {
        int digits = static_cast<int>(n.pat) - static_cast<int>(Pat::kFF1) + 1;
        int64_t div = 1;
        for (int k = digits; k < 6; ++k) div *= 10;
        v = tm.fsec / div;
        s = Num(v, digits, false);
        break;
      }
      case Pat::kAmPm:
        s = ApplyCase(tm.hour >= 12 ? "PM" : "AM", n.cas);
        numeric = false;
        break;
      case Pat::kAmPmDots:
        s = ApplyCase(tm.hour >= 12 ? "P.M." : "A.M.", n.cas);
        numeric = false;
        break;
      case Pat::kAdBc:
        s = ApplyCase(tm.year > 0 ? "AD" : "BC", n.cas);
        numeric = false;
        break;
      case Pat::kAdBcDots:
        s = ApplyCase(tm.year > 0 ? "A.D." : "B.C.", n.cas);
        numeric = false;
        break;
      case Pat::kMonth:
        numeric = false;
        if (tm.mon < 1) break;
        s = Padded(ApplyCase(kMonthNames[tm.mon - 1], n.cas), 9, fm);
        break;
      case Pat::kMon:
        numeric = false;
        if (tm.mon < 1) break;
        s = ApplyCase(std::string(kMonthNames[tm.mon - 1]).substr(0, 3), n.cas);
        break;
      case Pat::kDay:
        numeric = false;
        if (m.is_interval) break;
        s = Padded(ApplyCase(kDayNames[dow], n.cas), 9, fm);
        break;
      case Pat::kDy:
        numeric = false;
        if (m.is_interval) break;
        s = ApplyCase(std::string(kDayNames[dow]).substr(0, 3), n.cas);
        break;
      case Pat::kRm:
        numeric = false;
        if (tm.mon < 1) break;
        s = Padded(ApplyCase(kRomanMonths[tm.mon - 1], n.cas), 4, fm);
        break;
      case Pat::kTz:
        numeric = false;
        if (m.has_tz) s = ApplyCase(m.tz_abbrev, n.cas);
        break;
      case Pat::kTzh:
      case Pat::kTzm:
      case Pat::kOf: {
        numeric = false;
        if (!m.has_tz) break;
        int32_t off = m.tz_offset;
        int32_t a = off < 0 ? -off : off;
        char buf[16];
        if (n.pat == Pat::kTzh) {
          std::snprintf(buf, sizeof(buf), "%c%02d", off < 0 ? '-' : '+', a / 3600);
        } else if (n.pat == Pat::kTzm) {
          std::snprintf(buf, sizeof(buf), "%02d", (a / 60) % 60);
        } else if (a % 3600 == 0) {
          std::snprintf(buf, sizeof(buf), "%c%02d", off < 0 ? '-' : '+', a / 3600);
        } else {
          std::snprintf(buf, sizeof(buf), "%c%02d:%02d", off < 0 ? '-' : '+', a / 3600,
                        (a / 60) % 60);
        }
        s = buf;
        break;
      }
    }
    out += s;
    if (numeric && (n.th_upper || n.th_lower)) out += Ordinal(v, n.th_upper);
  }
  return out;
}

Result<Value> FnToCharTimestamp(const Value* a, size_t, FunctionContext& ctx) {
  if (a[1].GetString().empty()) return Value::Null(TypeId::kText);
  Moment m;
  int64_t us = a[0].GetInt();
  if (!IsFiniteTimestamp(us)) return Value::Null(TypeId::kText);
  if (a[0].type() == TypeId::kTimestampTz) {
    m.has_tz = true;
    m.tz_offset = UtcOffsetSeconds(ctx, us);
    m.tz_abbrev = ZoneAbbrev(ctx, us);
    us += int64_t{m.tz_offset} * kUsPerSec;
  }
  m.tm = TimestampToTm(us);
  return Value::Text(FormatMoment(ParseFormat(a[1].GetString()), m));
}

Result<Value> FnToCharInterval(const Value* a, size_t, FunctionContext&) {
  if (a[1].GetString().empty()) return Value::Null(TypeId::kText);
  const Interval& iv = a[0].GetInterval();
  Moment m;
  m.is_interval = true;
  m.tm.year = iv.months / 12;
  m.tm.mon = iv.months % 12;
  m.tm.mday = iv.days;
  int64_t t = iv.micros;
  m.tm.hour = static_cast<int>(t / (3600 * kUsPerSec));
  t %= 3600 * kUsPerSec;
  m.tm.min = static_cast<int>(t / (60 * kUsPerSec));
  t %= 60 * kUsPerSec;
  m.tm.sec = static_cast<int>(t / kUsPerSec);
  m.tm.fsec = t % kUsPerSec;
  return Value::Text(FormatMoment(ParseFormat(a[1].GetString()), m));
}

// The fields to_date/to_timestamp collect before building the result.
struct Parsed {
  int year = 1, mon = 1, mday = 1, hour = 0, min = 0, sec = 0;
  int64_t fsec = 0;
  int doy = 0;
  int julian = -1;
  bool pm = false, has_ampm = false, hour12 = false, bc = false;
};

Status InvalidValue(std::string_view value, std::string_view keyword, std::string detail) {
  return std::move(Status::Error(sqlstate::kInvalidDatetimeFormat,
                                 "invalid value \"" + std::string(value) + "\" for \"" +
                                     std::string(keyword) + "\""))
      .WithDetail(std::move(detail));
}

size_t DigitWidth(Pat p) {
  switch (p) {
    case Pat::kYYYY:
    case Pat::kIYYY:
      return 4;
    case Pat::kYYY:
    case Pat::kDDD:
    case Pat::kMS:
      return 3;
    case Pat::kUS:
      return 6;
    case Pat::kY:
    case Pat::kD:
    case Pat::kQ:
      return 1;
    default:
      return 2;
  }
}

Result<int64_t> ReadNumber(std::string_view in, size_t* i, const Node& n, bool fixed) {
  while (*i < in.size() && in[*i] == ' ') ++*i;
  size_t start = *i;
  if (*i < in.size() && (in[*i] == '-' || in[*i] == '+') &&
      (n.pat == Pat::kYYYY || n.pat == Pat::kJ)) {
    ++*i;
  }
  size_t limit = fixed && n.pat != Pat::kJ ? DigitWidth(n.pat) : 32;
  size_t digits_start = *i;
  while (*i < in.size() && *i - digits_start < limit &&
         std::isdigit(static_cast<unsigned char>(in[*i]))) {
    ++*i;
  }
  if (*i == digits_start) {
    size_t end = start;
    while (end < in.size() && end - start < std::max<size_t>(DigitWidth(n.pat), 1) &&
           in[end] != ' ') {
      ++end;
    }
    return InvalidValue(in.substr(start, end - start), n.keyword, "Value must be an integer.");
  }
  return std::stoll(std::string(in.substr(start, *i - start)));
}

Result<int> ReadName(std::string_view in, size_t* i, const Node& n, const char* const* names,
                     int count, size_t abbrev) {
  for (int k = 0; k < count; ++k) {
    std::string_view name = names[k];
    if (abbrev != 0) name = name.substr(0, abbrev);
    if (in.size() - *i < name.size()) continue;
    bool match = true;
    for (size_t j = 0; j < name.size(); ++j) {
      if (std::tolower(static_cast<unsigned char>(in[*i + j])) !=
          std::tolower(static_cast<unsigned char>(name[j]))) {
        match = false;
        break;
      }
    }
    if (match) {
      *i += name.size();
      return k;
    }
  }
  size_t end = *i;
  while (end < in.size() && std::isalpha(static_cast<unsigned char>(in[end]))) ++end;
  return InvalidValue(in.substr(*i, end - *i), n.keyword,
                      "The given value did not match any of the allowed values for this field.");
}

Result<Parsed> ParseInput(std::string_view in, std::string_view fmt) {
  std::vector<Node> nodes = ParseFormat(fmt);
  Parsed p;
  size_t i = 0;
  for (size_t k = 0; k < nodes.size(); ++k) {
    const Node& n = nodes[k];
    if (n.pat == Pat::kLiteral) {
      // A separator in the template skips one input character (any non-alphanumeric one when
      // they differ), as PostgreSQL does outside FX mode; spaces skip runs of spaces.
      for (char c : n.literal) {
        if (i >= in.size()) break;
        if (c == ' ') {
          while (i < in.size() && in[i] == ' ') ++i;
        } else if (in[i] == c || !std::isalnum(static_cast<unsigned char>(in[i]))) {
          ++i;
        }
      }
      continue;
    }
    if (i >= in.size()) break;
    bool fixed = k + 1 < nodes.size() && nodes[k + 1].pat != Pat::kLiteral;
    switch (n.pat) {
      case Pat::kMonth:
      case Pat::kMon: {
        ZJ_ASSIGN_OR_RETURN(int m,
                            ReadName(in, &i, n, kMonthNames, 12, n.pat == Pat::kMon ? 3 : 0));
        p.mon = m + 1;
        continue;
      }
      case Pat::kDay:
      case Pat::kDy: {
        // The day name is checked but, as in PostgreSQL, does not set the date.
        Result<int> day = ReadName(in, &i, n, kDayNames, 7, n.pat == Pat::kDy ? 3 : 0);
        if (!day.ok()) return std::move(day).status();
        continue;
      }
      case Pat::kAmPm:
      case Pat::kAmPmDots: {
        static constexpr const char* kAmPm[] = {"AM", "PM"};
        static constexpr const char* kAmPmDots[] = {"A.M.", "P.M."};
        ZJ_ASSIGN_OR_RETURN(int v,
                            ReadName(in, &i, n, n.pat == Pat::kAmPm ? kAmPm : kAmPmDots, 2, 0));
        p.has_ampm = true;
        p.pm = v == 1;
        continue;
      }
      case Pat::kAdBc:
      case Pat::kAdBcDots: {
        static constexpr const char* kAdBc[] = {"AD", "BC"};
        static constexpr const char* kAdBcDots[] = {"A.D.", "B.C."};
        ZJ_ASSIGN_OR_RETURN(int v,
                            ReadName(in, &i, n, n.pat == Pat::kAdBc ? kAdBc : kAdBcDots, 2, 0));
        p.bc = v == 1;
        continue;
      }
      case Pat::kTz:
      case Pat::kTzh:
      case Pat::kTzm:
      case Pat::kOf:
      case Pat::kRm:
        return Status::NotSupported("formatting field \"" + std::string(n.keyword) +
                                    "\" is only supported in to_char");
      default:
        break;
    }
    ZJ_ASSIGN_OR_RETURN(int64_t v, ReadNumber(in, &i, n, fixed));
    switch (n.pat) {
      case Pat::kYearComma:
      case Pat::kYYYY:
      case Pat::kIYYY:
        p.year = static_cast<int>(v);
        break;
      case Pat::kYYY:
      case Pat::kIYY:
        p.year = static_cast<int>(v < 100 ? v + 2000 : v + 1000);
        break;
      case Pat::kYY:
      case Pat::kIY:
        p.year = static_cast<int>(v < 70 ? v + 2000 : v + 1900);
        break;
      case Pat::kY:
      case Pat::kI:
        p.year = static_cast<int>(v + 2000);
        break;
      case Pat::kMM:
        p.mon = static_cast<int>(v);
        break;
      case Pat::kDD:
        p.mday = static_cast<int>(v);
        break;
      case Pat::kDDD:
      case Pat::kIDDD:
        p.doy = static_cast<int>(v);
        break;
      case Pat::kJ:
        p.julian = static_cast<int>(v);
        break;
      case Pat::kHH:
      case Pat::kHH12:
        p.hour = static_cast<int>(v);
        p.hour12 = true;
        break;
      case Pat::kHH24:
        p.hour = static_cast<int>(v);
        break;
      case Pat::kMI:
        p.min = static_cast<int>(v);
        break;
      case Pat::kSS:
        p.sec = static_cast<int>(v);
        break;
      case Pat::kSSSS:
      case Pat::kSSSSS:
        p.hour = static_cast<int>(v / 3600);
        p.min = static_cast<int>((v / 60) % 60);
        p.sec = static_cast<int>(v % 60);
        break;
      case Pat::kMS:
        p.fsec += v * 1000;
        break;
      case Pat::kUS:
        p.fsec += v;
        break;
      default:
        break;  // fields that do not set the date (D, ID, W, WW, IW, Q, CC)
    }
  }
  if (p.hour12 || p.has_ampm) {
    if (p.hour < 1 || p.hour > 12) {
      return std::move(Status::Error(sqlstate::kInvalidDatetimeFormat,
                                     "hour \"" + std::to_string(p.hour) +
                                         "\" is invalid for the 12-hour clock"))
          .WithHint("Use the 24-hour clock, or give an hour between 1 and 12.");
    }
    if (p.pm && p.hour < 12) p.hour += 12;
    if (!p.pm && p.hour == 12) p.hour = 0;
  }
  if (p.bc) p.year = -(p.year - 1);
  return p;
}

// Days since 2000-01-01 for the parsed date, or 22008 naming the input.
Result<int64_t> ParsedDays(const Parsed& p, std::string_view in) {
  if (p.julian >= 0) return int64_t{p.julian} - kEpochJulian;
  int mon = p.mon, mday = p.mday;
  if (p.doy > 0) {
    int j = DateToJulian(p.year, 1, 1) + p.doy - 1;
    int y;
    JulianToDate(j, &y, &mon, &mday);
  }
  if (mon < 1 || mon > 12 || mday < 1 || mday > DaysInMonth(p.year, mon) || p.hour > 24 ||
      p.min > 59 || p.sec > 60) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         "date/time field value out of range: \"" + std::string(in) + "\"");
  }
  return int64_t{DateToJulian(p.year, mon, mday)} - kEpochJulian;
}

Result<Value> FnToDate(const Value* a, size_t, FunctionContext&) {
  std::string_view in = a[0].GetString();
  ZJ_ASSIGN_OR_RETURN(Parsed p, ParseInput(in, a[1].GetString()));
  ZJ_ASSIGN_OR_RETURN(int64_t days, ParsedDays(p, in));
  return Value::Date(static_cast<int32_t>(days));
}

Result<Value> FnToTimestamp(const Value* a, size_t, FunctionContext& ctx) {
  std::string_view in = a[0].GetString();
  ZJ_ASSIGN_OR_RETURN(Parsed p, ParseInput(in, a[1].GetString()));
  ZJ_ASSIGN_OR_RETURN(int64_t days, ParsedDays(p, in));
  int64_t local =
      days * kUsPerDay + ((int64_t{p.hour} * 60 + p.min) * 60 + p.sec) * kUsPerSec + p.fsec;
  return Value::TimestampTz(LocalToUtc(ctx, local));
}

}  // namespace

void AddToCharFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText), date(TypeId::kDate), ts(TypeId::kTimestamp);
  const LogicalType tstz(TypeId::kTimestampTz), iv(TypeId::kInterval);
  out->push_back(Stable(Fn("to_char", {ts, text}, text, FnToCharTimestamp)));
  out->push_back(Stable(Fn("to_char", {tstz, text}, text, FnToCharTimestamp)));
  out->push_back(Stable(Fn("to_char", {iv, text}, text, FnToCharInterval)));
  out->push_back(Stable(Fn("to_date", {text, text}, date, FnToDate)));
  out->push_back(Stable(Fn("to_timestamp", {text, text}, tstz, FnToTimestamp)));
}

}  // namespace zijin::exec::builtins
