// The settings table and the validation of values.
#include "common/settings.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

namespace zijin::common {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
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
              std::string desc) {
    return SettingDef{std::move(name), T::kString, std::move(boot), 0, 0, {}, ctx, report,
                      std::move(cat), std::move(desc), ""};
  };
  auto e = [](std::string name, std::string boot, std::vector<std::string> vals, C ctx,
              std::string cat, std::string desc) {
    return SettingDef{std::move(name), T::kEnum, std::move(boot), 0, 0, std::move(vals), ctx,
                      false, std::move(cat), std::move(desc), ""};
  };
  const std::string kConn = "Connections and Authentication";
  const std::string kClient = "Client Connection Defaults";
  const std::string kPreset = "Preset Options";
  const std::string kWal = "Write-Ahead Log";
  const std::string kLog = "Reporting and Logging";
  const std::string kRes = "Resource Usage";
  const std::string kLock = "Lock Management";
  return {
      s("application_name", "", C::kUser, true, kLog, "Sets the application name."),
      i("block_size", "8192", 8192, 8192, C::kInternal, kPreset, "Block size."),
      e("bytea_output", "hex", {"escape", "hex"}, C::kUser, kClient, "Output format for bytea."),
      s("client_encoding", "UTF8", C::kUser, true, kClient, "Client's character set."),
      e("client_min_messages", "notice",
        {"debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"},
        C::kUser, kClient, "Message levels sent to the client."),
      s("data_directory", "", C::kPostmaster, false, "File Locations", "Data directory."),
      s("DateStyle", "ISO, MDY", C::kUser, true, kClient, "Display format for dates."),
      e("default_transaction_isolation", "read committed",
        {"serializable", "repeatable read", "read committed", "read uncommitted"}, C::kUser,
        kClient, "Default isolation level of new transactions."),
      b("default_transaction_read_only", "off", C::kUser, false, kClient,
        "Default read-only status of new transactions."),
      b("escape_string_warning", "on", C::kUser, false, kClient, "Warn about backslash escapes."),
      i("extra_float_digits", "1", -15, 3, C::kUser, kClient,
        "Number of digits displayed for floating-point values."),
      b("fsync", "on", C::kSighup, false, kWal, "Forces synchronization of updates to disk."),
      b("in_hot_standby", "off", C::kInternal, true, kPreset, "Whether hot standby is active."),
      b("integer_datetimes", "on", C::kInternal, true, kPreset, "Datetimes are integer based."),
      s("IntervalStyle", "postgres", C::kUser, true, kClient, "Display format for intervals."),
      b("is_superuser", "on", C::kInternal, true, kPreset, "Whether the user is a superuser."),
      s("lc_messages", "C", C::kSuperuser, false, kClient, "Language of messages."),
      s("listen_addresses", "127.0.0.1", C::kPostmaster, false, kConn, "Addresses to listen on."),
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
      s("search_path", "\"$user\", public", C::kUser, false, kClient,
        "Schema search order for unqualified names."),
      s("server_encoding", "UTF8", C::kInternal, true, kPreset, "Server's character set."),
      s("server_version", "15.0", C::kInternal, true, kPreset, "Server version."),
      i("server_version_num", "150000", 150000, 150000, C::kInternal, kPreset,
        "Server version as an integer."),
      s("session_authorization", "", C::kUser, true, kClient, "Session user name."),
      s("shared_buffers", "128MB", C::kPostmaster, false, kRes, "Accepted for compatibility."),
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
      s("work_mem", "4MB", C::kUser, false, kRes, "Accepted for compatibility."),
  };
}

bool ParseBool(std::string_view v, bool* out) {
  std::string l = Lower(v);
  if (l == "on" || l == "true" || l == "yes" || l == "1" || l == "t" || l == "y") {
    *out = true;
    return true;
  }
  if (l == "off" || l == "false" || l == "no" || l == "0" || l == "f" || l == "n") {
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
  for (size_t k = 0; k < defs_.size(); ++k) {
    index_[Lower(defs_[k].name)] = k;
    values_[defs_[k].name] = defs_[k].boot_value;
  }
}

const SettingDef* Settings::Find(std::string_view name) const {
  auto it = index_.find(Lower(name));
  return it == index_.end() ? nullptr : &defs_[it->second];
}

Result<std::string> Settings::Canonicalize(const SettingDef& def, std::string_view value) {
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
      std::string v(value);
      size_t pos = 0;
      long long n = 0;
      try {
        n = std::stoll(v, &pos);
      } catch (...) {
        return InvalidValue(def, value);
      }
      std::string unit = Lower(v.substr(pos));
      while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
      if (!unit.empty()) {
        double mult = 0;
        if (def.unit == "ms") {
          if (unit == "ms") mult = 1;
          if (unit == "s") mult = 1000;
          if (unit == "min") mult = 60000;
          if (unit == "h") mult = 3600000;
          if (unit == "d") mult = 86400000;
        }
        if (mult == 0) return InvalidValue(def, value);
        n = static_cast<long long>(n * mult);
      }
      if (n < def.min || n > def.max) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             std::to_string(n) + " is outside the valid range for parameter \"" +
                                 def.name + "\" (" + std::to_string(static_cast<long long>(def.min)) +
                                 " .. " + std::to_string(static_cast<long long>(def.max)) + ")");
      }
      return std::to_string(n);
    }
    case T::kReal: return std::string(value);
    case T::kEnum: {
      std::string l = Lower(value);
      for (const auto& ev : def.enum_values) {
        if (ev == l) return l;
      }
      bool b;
      if (def.name == "synchronous_commit" && ParseBool(value, &b)) {
        return std::string(b ? "on" : "off");
      }
      std::string avail;
      for (const auto& ev : def.enum_values) avail += (avail.empty() ? "" : ", ") + ev;
      return std::move(InvalidValue(def, value)).WithHint("Available values: " + avail + ".");
    }
    case T::kString: return std::string(value);
  }
  return std::string(value);
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
  ZJ_ASSIGN_OR_RETURN(std::string v, Canonicalize(*def, value));
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

std::string SessionSettings::Get(std::string_view name) const {
  const SettingDef* def = server_->Find(name);
  if (def == nullptr) return "";
  auto it = local_.find(def->name);
  return it != local_.end() ? it->second : server_->Get(def->name);
}

Result<std::string> SessionSettings::Show(std::string_view name) const {
  const SettingDef* def = server_->Find(name);
  if (def == nullptr) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + std::string(name) + "\"");
  }
  return Get(def->name);
}

Status SessionSettings::Set(std::string_view name, std::string_view value) {
  const SettingDef* def = server_->Find(name);
  if (def == nullptr) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + std::string(name) + "\"");
  }
  if (def->context == C::kInternal || def->context == C::kPostmaster ||
      def->context == C::kSighup) {
    return Status::Error(sqlstate::kCantChangeRuntimeParam,
                         "parameter \"" + def->name + "\" cannot be changed now");
  }
  ZJ_ASSIGN_OR_RETURN(std::string v, Settings::Canonicalize(*def, value));
  local_[def->name] = std::move(v);
  NoteChange(*def);
  return Status::OK();
}

Status SessionSettings::Reset(std::string_view name) {
  const SettingDef* def = server_->Find(name);
  if (def == nullptr) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + std::string(name) + "\"");
  }
  local_.erase(def->name);
  NoteChange(*def);
  return Status::OK();
}

void SessionSettings::ResetAll() {
  std::vector<std::string> names;
  for (auto& [k, v] : local_) names.push_back(k);
  local_.clear();
  for (auto& n : names) NoteChange(*server_->Find(n));
}

void SessionSettings::Restore(std::map<std::string, std::string> saved) {
  for (auto& [k, v] : local_) NoteChange(*server_->Find(k));
  local_ = std::move(saved);
  for (auto& [k, v] : local_) NoteChange(*server_->Find(k));
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
