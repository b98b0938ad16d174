// The settings table and the validation of values.
#include "common/settings.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace zijin::common {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// PostgreSQL's parse_bool: true, false, yes, no and their unique prefixes, on, off (at least
// "of"), 1 and 0; case-insensitive.
bool ParseBool(std::string_view v, bool* out) {
  std::string l = Lower(v);
  auto prefix_of = [&](std::string_view word, size_t min_len) {
    return l.size() >= min_len && l.size() <= word.size() && word.substr(0, l.size()) == l;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || l == "on" || l == "1") {
    *out = true;
    return true;
  }
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || l == "0") {
    *out = false;
    return true;
  }
  return false;
}

Status InvalidValue(const SettingDef& def, std::string_view value) {
  return Status::Error(sqlstate::kInvalidParameterValue,
                       "invalid value for parameter \"" + def.name + "\": \"" +
                           std::string(value) + "\"");
}

// A unit and its size in a base unit: PostgreSQL's memory and time conversion tables, each base
// unit's rows ordered from the largest unit to the smallest.
struct UnitConversion {
  std::string_view unit, base;
  double multiplier;
};
constexpr double kKiB = 1024.0;
constexpr UnitConversion kUnitConversions[] = {
    {"TB", "kB", kKiB * kKiB * kKiB},
    {"GB", "kB", kKiB * kKiB},
    {"MB", "kB", kKiB},
    {"kB", "kB", 1},
    {"B", "kB", 1 / kKiB},
    {"TB", "8kB", kKiB * kKiB * kKiB / 8},
    {"GB", "8kB", kKiB * kKiB / 8},
    {"MB", "8kB", kKiB / 8},
    {"kB", "8kB", 1.0 / 8},
    {"B", "8kB", 1 / (8 * kKiB)},
    {"TB", "MB", kKiB * kKiB},
    {"GB", "MB", kKiB},
    {"MB", "MB", 1},
    {"kB", "MB", 1 / kKiB},
    {"B", "MB", 1 / (kKiB * kKiB)},
    {"d", "ms", 86400000},
    {"h", "ms", 3600000},
    {"min", "ms", 60000},
    {"s", "ms", 1000},
    {"ms", "ms", 1},
    {"us", "ms", 1.0 / 1000},
    {"d", "s", 86400},
    {"h", "s", 3600},
    {"min", "s", 60},
    {"s", "s", 1},
    {"ms", "s", 1.0 / 1000},
    {"us", "s", 1.0 / 1000000},
    {"d", "min", 1440},
    {"h", "min", 60},
    {"min", "min", 1},
    {"s", "min", 1.0 / 60},
    {"ms", "min", 1.0 / 60000},
    {"us", "min", 1.0 / 60000000},
};

bool IsMemoryUnit(std::string_view base) { return base == "kB" || base == "8kB" || base == "MB"; }

// PostgreSQL's convert_to_base_unit: a fractional value is rounded to a whole number of the
// next smaller unit first ("1.5s" is 1500ms, not 1.5 rounded in ms).
bool ConvertToBaseUnit(double value, std::string_view unit, std::string_view base, double* out) {
  constexpr size_t n = std::size(kUnitConversions);
  for (size_t k = 0; k < n; ++k) {
    const UnitConversion& c = kUnitConversions[k];
    if (c.base != base || c.unit != unit) continue;
    double v = value * c.multiplier;
    if (k + 1 < n && kUnitConversions[k + 1].base == base) {
      double next = kUnitConversions[k + 1].multiplier;
      v = std::rint(v / next) * next;
    }
    *out = v;
    return true;
  }
  return false;
}

// PostgreSQL's parse_int: a decimal, hex (0x) or octal number, or a fraction, optionally
// followed by a unit of the setting's kind; rounded to an integer in the setting's unit.
Result<long long> ParseIntSetting(const SettingDef& def, std::string_view value) {
  std::string v(value);
  const char* begin = v.c_str();
  char* end = nullptr;
  errno = 0;
  double val = static_cast<double>(std::strtoll(begin, &end, 0));
  if (end == begin) return InvalidValue(def, value);
  if (errno == ERANGE || *end == '.' || *end == 'e' || *end == 'E') {
    errno = 0;
    val = std::strtod(begin, &end);
    if (end == begin || errno == ERANGE || !std::isfinite(val)) {
      return std::move(InvalidValue(def, value)).WithHint("Value exceeds integer range.");
    }
  }
  while (std::isspace(static_cast<unsigned char>(*end))) ++end;
  if (*end != '\0') {
    if (def.unit.empty()) return InvalidValue(def, value);
    const char* u = end;
    while (std::isalpha(static_cast<unsigned char>(*end))) ++end;
    std::string unit(u, static_cast<size_t>(end - u));
    while (std::isspace(static_cast<unsigned char>(*end))) ++end;
    if (*end != '\0' || !ConvertToBaseUnit(val, unit, def.unit, &val)) {
      return std::move(InvalidValue(def, value))
          .WithHint(IsMemoryUnit(def.unit)
                        ? "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", "
                          "and \"TB\"."
                        : "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", "
                          "\"h\", and \"d\".");
    }
  }
  val = std::rint(val);
  if (val > 2147483647.0 || val < -2147483648.0) {
    return std::move(InvalidValue(def, value)).WithHint("Value exceeds integer range.");
  }
  auto n = static_cast<long long>(val);
  if (n < def.min || n > def.max) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         std::to_string(n) + (def.unit.empty() ? "" : " " + def.unit) +
                             " is outside the valid range for parameter \"" + def.name + "\" (" +
                             std::to_string(static_cast<long long>(def.min)) + " .. " +
                             std::to_string(static_cast<long long>(def.max)) + ")");
  }
  return n;
}

Status InvalidList(std::string_view name, std::string_view value) {
  return Status::Error(sqlstate::kInvalidParameterValue,
                       "invalid value for parameter \"" + std::string(name) + "\": \"" +
                           std::string(value) + "\"")
      .WithDetail("List syntax is invalid.");
}

// PostgreSQL's check_datestyle: an output style (only ISO here) and a field order for reading
// ambiguous dates, either of which may be left as it was.
Result<std::string> CheckDateStyle(std::string_view value, std::string_view current) {
  auto invalid = [&](std::string detail) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "invalid value for parameter \"DateStyle\": \"" + std::string(value) +
                             "\"")
        .WithDetail(std::move(detail));
  };
  std::vector<std::string> words;
  if (!SplitIdentifierList(value, ',', &words)) return InvalidList("DateStyle", value);
  std::string style = "ISO", order = "MDY";
  size_t comma = current.find(',');
  if (comma != std::string_view::npos) {
    style = std::string(current.substr(0, comma));
    order = std::string(current.substr(comma + 1));
    while (!order.empty() && order.front() == ' ') order.erase(0, 1);
  }
  bool have_style = false, have_order = false, conflict = false;
  auto set_style = [&](const char* s) {
    if (have_style && style != s) conflict = true;
    style = s;
    have_style = true;
  };
  auto set_order = [&](const char* o) {
    if (have_order && order != o) conflict = true;
    order = o;
    have_order = true;
  };
  for (const std::string& word : words) {
    std::string w = Lower(word);
    if (w == "iso") {
      set_style("ISO");
    } else if (w == "sql") {
      set_style("SQL");
    } else if (w == "postgres") {
      set_style("Postgres");
    } else if (w == "german") {
      set_style("German");
      if (!have_order) order = "DMY";
    } else if (w == "ymd") {
      set_order("YMD");
    } else if (w == "dmy" || w == "euro" || w == "european") {
      set_order("DMY");
    } else if (w == "mdy" || w == "us" || w == "noneuro" || w == "noneuropean") {
      set_order("MDY");
    } else if (w == "default") {
      if (!have_style) style = "ISO";
      if (!have_order) order = "MDY";
    } else {
      return invalid("Unrecognized key word: \"" + word + "\".");
    }
  }
  if (conflict) return invalid("Conflicting \"datestyle\" specifications.");
  if (style != "ISO") return invalid("Only the ISO output style is supported.");
  return style + ", " + order;
}

Result<std::string> CheckSearchPath(std::string_view value, std::string_view) {
  std::vector<std::string> names;
  if (!SplitIdentifierList(value, ',', &names)) return InvalidList("search_path", value);
  return std::string(value);
}

// No conversions: the client must speak UTF-8 (SQL_ASCII is accepted as its subset).
Result<std::string> CheckClientEncoding(std::string_view value, std::string_view) {
  std::string v;
  for (char c : value) {
    if (c != '-' && c != '_') {
      v.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  if (v == "UTF8" || v == "UNICODE") return std::string("UTF8");
  if (v == "SQLASCII") return std::string("SQL_ASCII");
  return Status::Error(sqlstate::kInvalidParameterValue,
                       "invalid value for parameter \"client_encoding\": \"" + std::string(value) +
                           "\"")
      .WithDetail("Only UTF8 is supported.");
}

// PostgreSQL's IntervalStyle values; intervals are only written in the postgres style so far.
Result<std::string> CheckIntervalStyle(std::string_view value, std::string_view) {
  std::string l = Lower(value);
  auto invalid = [&] {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "invalid value for parameter \"IntervalStyle\": \"" +
                             std::string(value) + "\"");
  };
  if (l == "postgres") return l;
  if (l == "postgres_verbose" || l == "sql_standard" || l == "iso_8601") {
    return std::move(invalid()).WithDetail("Only the postgres interval style is supported.");
  }
  return std::move(invalid())
      .WithHint("Available values: postgres, postgres_verbose, sql_standard, iso_8601.");
}

using T = SettingType;
using C = SettingContext;

std::vector<SettingDef> BuildDefinitions() {
  auto b = [](std::string name, std::string boot, C ctx, bool report, std::string cat,
              std::string desc) {
    return SettingDef{std::move(name), T::kBool, std::move(boot), 0, 0, {}, ctx, report,
                      std::move(cat), std::move(desc), ""};
  };
  auto i = [](std::string name, std::string boot, double min, double max, C ctx, std::string cat,
              std::string desc, std::string unit = "") {
    return SettingDef{std::move(name), T::kInt, std::move(boot), min, max, {}, ctx, false,
                      std::move(cat), std::move(desc), std::move(unit)};
  };
  auto s = [](std::string name, std::string boot, C ctx, bool report, std::string cat,
              std::string desc, SettingCheck check = nullptr) {
    SettingDef d{std::move(name), T::kString, std::move(boot), 0, 0, {}, ctx, report,
                 std::move(cat), std::move(desc), ""};
    d.check = check;
    return d;
  };
  auto e = [](std::string name, std::string boot, std::vector<std::string> vals, C ctx,
              std::string cat, std::string desc) {
    return SettingDef{std::move(name), T::kEnum, std::move(boot), 0, 0, std::move(vals), ctx,
                      false, std::move(cat), std::move(desc), ""};
  };
  auto list = [](SettingDef d, bool quote) {
    d.list_input = true;
    d.list_quote = quote;
    return d;
  };
  const std::string kConn = "Connections and Authentication";
  const std::string kClient = "Client Connection Defaults";
  const std::string kPreset = "Preset Options";
  const std::string kWal = "Write-Ahead Log";
  const std::string kLog = "Reporting and Logging";
  const std::string kRes = "Resource Usage";
  const std::string kPlan = "Query Tuning / Planner Method Configuration";
  // The planner method switches: the planner honours enable_seqscan and enable_indexscan; the
  // others are accepted (and SHOWn) for tools that set them.
  auto plan = [&](std::string name, std::string what, std::string boot = "on") {
    return b(std::move(name), std::move(boot), C::kUser, false, kPlan,
             "Enables the planner's use of " + what + ".");
  };
  return {
      s("application_name", "", C::kUser, true, kLog, "Sets the application name."),
      i("block_size", "8192", 8192, 8192, C::kInternal, kPreset, "Block size."),
      e("bytea_output", "hex", {"escape", "hex"}, C::kUser, kClient, "Output format for bytea."),
      s("client_encoding", "UTF8", C::kUser, true, kClient, "Client's character set.",
        CheckClientEncoding),
      e("client_min_messages", "notice",
        {"debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"},
        C::kUser, kClient, "Message levels sent to the client."),
      s("data_directory", "", C::kPostmaster, false, "File Locations", "Data directory."),
      list(s("DateStyle", "ISO, MDY", C::kUser, true, kClient,
             "Display format for dates; field order for reading ambiguous dates.",
             CheckDateStyle),
           false),
      e("default_transaction_isolation", "read committed",
        {"serializable", "repeatable read", "read committed", "read uncommitted"}, C::kUser,
        kClient, "Default isolation level of new transactions."),
      b("default_transaction_read_only", "off", C::kUser, false, kClient,
        "Default read-only status of new transactions."),
      plan("enable_bitmapscan", "bitmap-scan plans"),
      plan("enable_hashagg", "hashed aggregation plans"),
      plan("enable_hashjoin", "hash join plans"),
      plan("enable_incremental_sort", "incremental sort steps"),
      plan("enable_indexonlyscan", "index-only-scan plans"),
      plan("enable_indexscan", "index-scan plans"),
      plan("enable_material", "materialization"),
      plan("enable_memoize", "memoization"),
      plan("enable_mergejoin", "merge join plans"),
      plan("enable_nestloop", "nested-loop join plans"),
      plan("enable_partition_pruning", "plan-time and execution-time partition pruning"),
      plan("enable_partitionwise_aggregate", "partitionwise aggregation and grouping", "off"),
      plan("enable_partitionwise_join", "partitionwise join", "off"),
      plan("enable_seqscan", "sequential-scan plans"),
      plan("enable_sort", "explicit sort steps"),
      plan("enable_tidscan", "TID scan plans"),
      b("escape_string_warning", "on", C::kUser, false, kClient, "Warn about backslash escapes."),
      i("extra_float_digits", "1", -15, 3, C::kUser, kClient,
        "Number of digits displayed for floating-point values."),
      b("fsync", "on", C::kSighup, false, kWal, "Forces synchronization of updates to disk."),
      b("in_hot_standby", "off", C::kInternal, true, kPreset, "Whether hot standby is active."),
      b("integer_datetimes", "on", C::kInternal, true, kPreset, "Datetimes are integer based."),
      s("IntervalStyle", "postgres", C::kUser, true, kClient, "Display format for intervals.",
        CheckIntervalStyle),
      b("is_superuser", "on", C::kInternal, true, kPreset, "Whether the user is a superuser."),
      s("lc_messages", "C", C::kSuperuser, false, kClient, "Language of messages."),
      list(s("listen_addresses", "localhost", C::kPostmaster, false, kConn,
             "Sets the host name or IP address(es) to listen to."),
           false),
      i("lock_timeout", "0", 0, 2147483647, C::kUser, kClient, "Maximum wait for a lock.", "ms"),
      i("idle_in_transaction_session_timeout", "0", 0, 2147483647, C::kUser, kClient,
        "Maximum idle time within a transaction.", "ms"),
      i("log_min_duration_statement", "-1", -1, 2147483647, C::kSuperuser, kLog,
        "Minimum duration of statements to log.", "ms"),
      i("max_connections", "200", 1, 262143, C::kPostmaster, kConn,
        "Maximum number of concurrent connections."),
      i("max_identifier_length", "63", 63, 63, C::kInternal, kPreset,
        "Maximum identifier length."),
      i("port", "5432", 1, 65535, C::kPostmaster, kConn, "TCP port the server listens on."),
      b("row_security", "on", C::kUser, false, kClient, "Enable row security."),
      // Debian's libpq looks in /var/run/postgresql by default, upstream's in /tmp.
      list(s("unix_socket_directories", "/var/run/postgresql, /tmp", C::kPostmaster, false,
             kConn, "Sets the directories where Unix-domain sockets will be created."),
           false),
      list(s("search_path", "\"$user\", public", C::kUser, false, kClient,
             "Schema search order for unqualified names.", CheckSearchPath),
           true),
      s("server_encoding", "UTF8", C::kInternal, true, kPreset, "Server's character set."),
      s("server_version", "15.0", C::kInternal, true, kPreset, "Server version."),
      i("server_version_num", "150000", 150000, 150000, C::kInternal, kPreset,
        "Server version as an integer."),
      s("session_authorization", "", C::kUser, true, kClient, "Session user name."),
      i("shared_buffers", "16384", 16, 1073741823, C::kPostmaster, kRes,
        "Accepted for compatibility (RocksDB sizes its own caches).", "8kB"),
      b("standard_conforming_strings", "on", C::kUser, true, kClient,
        "'...' strings treat backslashes literally."),
      i("statement_timeout", "0", 0, 2147483647, C::kUser, kClient,
        "Maximum allowed duration of any statement.", "ms"),
      e("synchronous_commit", "on", {"local", "remote_write", "remote_apply", "on", "off"},
        C::kUser, kWal, "Synchronization level of commits."),
      s("TimeZone", "UTC", C::kUser, true, kClient, "Time zone for timestamps."),
      e("transaction_isolation", "read committed",
        {"serializable", "repeatable read", "read committed", "read uncommitted"}, C::kUser,
        kClient, "Current transaction's isolation level."),
      b("transaction_read_only", "off", C::kUser, false, kClient,
        "Current transaction's read-only status."),
      i("work_mem", "4096", 64, 2147483647, C::kUser, kRes, "Accepted for compatibility.", "kB"),
  };
}

}  // namespace

const char* SettingTypeName(SettingType t) {
  switch (t) {
    case T::kBool: return "bool";
    case T::kInt: return "integer";
    case T::kReal: return "real";
    case T::kString: return "string";
    case T::kEnum: return "enum";
  }
  return "string";
}

const char* SettingContextName(SettingContext c) {
  switch (c) {
    case C::kInternal: return "internal";
    case C::kPostmaster: return "postmaster";
    case C::kSighup: return "sighup";
    case C::kSuperuser: return "superuser";
    case C::kUser: return "user";
  }
  return "user";
}

Settings::Settings() : defs_(BuildDefinitions()) {
  // pg_settings and SHOW ALL list settings by name, as PostgreSQL does.
  std::sort(defs_.begin(), defs_.end(),
            [](const SettingDef& a, const SettingDef& b) { return Lower(a.name) < Lower(b.name); });
  for (size_t k = 0; k < defs_.size(); ++k) {
    index_[Lower(defs_[k].name)] = k;
    values_[defs_[k].name] = defs_[k].boot_value;
  }
}

const SettingDef* Settings::Find(std::string_view name) const {
  auto it = index_.find(Lower(name));
  return it == index_.end() ? nullptr : &defs_[it->second];
}

Result<std::string> Settings::Canonicalize(const SettingDef& def, std::string_view value,
                                           std::string_view current) {
  switch (def.type) {
    case T::kBool: {
      bool b;
      if (!ParseBool(value, &b)) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "parameter \"" + def.name + "\" requires a Boolean value");
      }
      return std::string(b ? "on" : "off");
    }
    case T::kInt: {
      ZJ_ASSIGN_OR_RETURN(long long n, ParseIntSetting(def, value));
      return std::to_string(n);
    }
    case T::kReal: {
      std::string v(value);
      char* end = nullptr;
      double d = std::strtod(v.c_str(), &end);
      while (end != nullptr && std::isspace(static_cast<unsigned char>(*end))) ++end;
      if (v.empty() || end == nullptr || *end != '\0' || !std::isfinite(d)) {
        return InvalidValue(def, value);
      }
      if (d < def.min || d > def.max) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             v + " is outside the valid range for parameter \"" + def.name +
                                 "\"");
      }
      return v;
    }
    case T::kEnum: {
      std::string l = Lower(value);
      for (const auto& ev : def.enum_values) {
        if (ev == l) return l;
      }
      // Values PostgreSQL accepts without listing them.
      bool b;
      if (def.name == "synchronous_commit" && ParseBool(value, &b)) {
        return std::string(b ? "on" : "off");
      }
      if (def.name == "client_min_messages" && (l == "info" || l == "debug")) {
        return std::string(l == "info" ? "info" : "debug2");
      }
      std::string avail;
      for (const auto& ev : def.enum_values) avail += (avail.empty() ? "" : ", ") + ev;
      return std::move(InvalidValue(def, value)).WithHint("Available values: " + avail + ".");
    }
    case T::kString:
      if (def.check != nullptr) return def.check(value, current);
      return std::string(value);
  }
  return std::string(value);
}

std::string Settings::Display(const SettingDef& def, std::string_view value) {
  if (def.type != T::kInt || def.unit.empty()) return std::string(value);
  long long n = std::strtoll(std::string(value).c_str(), nullptr, 10);
  if (n <= 0) return std::string(value);
  // PostgreSQL's convert_int_from_base_unit: the largest unit that divides the value.
  for (const UnitConversion& c : kUnitConversions) {
    if (c.base != def.unit) continue;
    if (c.multiplier <= 1.0 || n % static_cast<long long>(c.multiplier) == 0) {
      return std::to_string(static_cast<long long>(std::rint(static_cast<double>(n) /
                                                             c.multiplier))) +
             std::string(c.unit);
    }
  }
  return std::string(value);
}

void Settings::SetCheck(std::string_view name, SettingCheck check) {
  auto it = index_.find(Lower(name));
  if (it != index_.end()) defs_[it->second].check = check;
}

std::string Settings::Get(std::string_view name) const {
  const SettingDef* def = Find(name);
  if (def == nullptr) return "";
  std::lock_guard<std::mutex> g(mu_);
  return values_.at(def->name);
}

Status Settings::SetServer(std::string_view name, std::string_view value) {
  const SettingDef* def = Find(name);
  if (def == nullptr) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + std::string(name) + "\"");
  }
  ZJ_ASSIGN_OR_RETURN(std::string v, Canonicalize(*def, value, Get(def->name)));
  std::lock_guard<std::mutex> g(mu_);
  values_[def->name] = std::move(v);
  return Status::OK();
}

Status Settings::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::OK();
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    size_t eq = line.find('=');
    auto trim = [](std::string s) {
      while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
      size_t a = 0;
      while (a < s.size() && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
      s.erase(0, a);
      if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') s = s.substr(1, s.size() - 2);
      return s;
    };
    if (eq == std::string::npos) {
      if (!trim(line).empty()) {
        return Status::Error(sqlstate::kConfigFileError,
                             "syntax error in file \"" + path + "\" line " +
                                 std::to_string(lineno));
      }
      continue;
    }
    Status st = SetServer(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    if (!st.ok()) {
      return Status::Error(sqlstate::kConfigFileError,
                           path + ":" + std::to_string(lineno) + ": " + st.message());
    }
  }
  return Status::OK();
}

bool SplitIdentifierList(std::string_view text, char separator, std::vector<std::string>* out) {
  out->clear();
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  size_t i = 0;
  while (i < text.size() && space(text[i])) ++i;
  if (i == text.size()) return true;  // an empty list
  for (;;) {
    std::string name;
    if (text[i] == '"') {
      // Quoted: "" stands for one quote; no lower-casing.
      for (++i;; ++i) {
        if (i >= text.size()) return false;
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            name.push_back('"');
            ++i;
            continue;
          }
          ++i;
          break;
        }
        name.push_back(text[i]);
      }
    } else {
      while (i < text.size() && text[i] != separator && !space(text[i]) && text[i] != '"') {
        name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
        ++i;
      }
      if (name.empty()) return false;
    }
    if (name.size() > 63) name.resize(63);  // NAMEDATALEN - 1, as identifiers are truncated
    out->push_back(std::move(name));
    while (i < text.size() && space(text[i])) ++i;
    if (i == text.size()) return true;
    if (text[i] != separator) return false;
    ++i;
    while (i < text.size() && space(text[i])) ++i;
    if (i == text.size()) return false;  // a trailing separator
  }
}

std::string QuoteListIdentifier(std::string_view ident) {
  bool plain = !ident.empty() && ((ident[0] >= 'a' && ident[0] <= 'z') || ident[0] == '_');
  for (char c : ident) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  if (plain) return std::string(ident);
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

Result<const SettingDef*> SessionSettings::Lookup(std::string_view name,
                                                  std::string* custom) const {
  if (const SettingDef* def = server_->Find(name)) return def;
  if (name.find('.') != std::string_view::npos) {
    // PostgreSQL's valid_custom_variable_name: two or more identifiers separated by dots.
    bool valid = true;
    size_t start = 0;
    while (valid) {
      size_t dot = name.find('.', start);
      std::string_view part = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
      valid = !part.empty() && !std::isdigit(static_cast<unsigned char>(part[0])) &&
              part[0] != '$';
      for (char c : part) {
        valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
                          static_cast<unsigned char>(c) >= 0x80);
      }
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    if (!valid) {
      return Status::Error(sqlstate::kInvalidName, "invalid configuration parameter name \"" +
                                                       std::string(name) + "\"")
          .WithDetail(
              "Custom parameter names must be two or more simple identifiers separated by dots.");
    }
    *custom = Lower(name);
    return nullptr;
  }
  return Status::Error(sqlstate::kUndefinedObject,
                       "unrecognized configuration parameter \"" + std::string(name) + "\"");
}

std::string SessionSettings::Get(std::string_view name) const {
  const SettingDef* def = server_->Find(name);
  if (def == nullptr) {
    auto it = local_.find(Lower(name));
    return it != local_.end() ? it->second : "";
  }
  auto it = local_.find(def->name);
  return it != local_.end() ? it->second : server_->Get(def->name);
}

Result<std::string> SessionSettings::Show(std::string_view name) const {
  std::string custom;
  ZJ_ASSIGN_OR_RETURN(const SettingDef* def, Lookup(name, &custom));
  if (def != nullptr) return Settings::Display(*def, Get(def->name));
  auto it = local_.find(custom);
  if (it != local_.end()) return it->second;
  if (placeholders_.count(custom) > 0) return std::string();
  return Status::Error(sqlstate::kUndefinedObject,
                       "unrecognized configuration parameter \"" + std::string(name) + "\"");
}

Status SessionSettings::Set(std::string_view name, std::string_view value) {
  std::string custom;
  ZJ_ASSIGN_OR_RETURN(const SettingDef* def, Lookup(name, &custom));
  if (def == nullptr) {
    placeholders_.insert(custom);
    local_[custom] = std::string(value);
    return Status::OK();
  }
  switch (def->context) {
    case C::kInternal:
      return Status::Error(sqlstate::kCantChangeRuntimeParam,
                           "parameter \"" + def->name + "\" cannot be changed");
    case C::kPostmaster:
      return Status::Error(sqlstate::kCantChangeRuntimeParam,
                           "parameter \"" + def->name +
                               "\" cannot be changed without restarting the server");
    case C::kSighup:
      return Status::Error(sqlstate::kCantChangeRuntimeParam,
                           "parameter \"" + def->name + "\" cannot be changed now");
    case C::kSuperuser:
    case C::kUser: break;
  }
  ZJ_ASSIGN_OR_RETURN(std::string v, Settings::Canonicalize(*def, value, Get(def->name)));
  local_[def->name] = std::move(v);
  NoteChange(*def);
  return Status::OK();
}

Status SessionSettings::Reset(std::string_view name) {
  std::string custom;
  ZJ_ASSIGN_OR_RETURN(const SettingDef* def, Lookup(name, &custom));
  if (def == nullptr) {
    placeholders_.insert(custom);
    local_.erase(custom);
    return Status::OK();
  }
  local_.erase(def->name);
  NoteChange(*def);
  return Status::OK();
}

void SessionSettings::ResetAll() {
  std::vector<std::string> names;
  for (auto& [k, v] : local_) names.push_back(k);
  local_.clear();
  for (auto& n : names) {
    if (const SettingDef* def = server_->Find(n)) NoteChange(*def);
  }
}

void SessionSettings::Restore(std::map<std::string, std::string> saved) {
  for (auto& [k, v] : local_) {
    if (const SettingDef* def = server_->Find(k)) NoteChange(*def);
  }
  local_ = std::move(saved);
  for (auto& [k, v] : local_) {
    if (const SettingDef* def = server_->Find(k)) NoteChange(*def);
  }
}

void SessionSettings::NoteChange(const SettingDef& def) {
  if (!def.report) return;
  if (std::find(changed_reported_.begin(), changed_reported_.end(), def.name) ==
      changed_reported_.end()) {
    changed_reported_.push_back(def.name);
  }
}

std::vector<std::pair<std::string, std::string>> SessionSettings::TakeChangedReported() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& n : changed_reported_) out.emplace_back(n, Get(n));
  changed_reported_.clear();
  return out;
}

std::vector<std::pair<const SettingDef*, std::string>> SessionSettings::All() const {
  std::vector<std::pair<const SettingDef*, std::string>> out;
  for (const auto& def : server_->definitions()) out.emplace_back(&def, Get(def.name));
  return out;
}

}  // namespace zijin::common
