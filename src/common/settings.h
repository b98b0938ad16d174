// The settings registry (GUCs): one table of definitions, server-wide values, per-session values.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace zijin::common {

enum class SettingType { kBool, kInt, kReal, kString, kEnum };

// When a setting may change, as pg_settings.context reports it.
enum class SettingContext { kInternal, kPostmaster, kSighup, kSuperuser, kUser };

struct SettingDef {
  std::string name;  // canonical spelling, e.g. "DateStyle"
  SettingType type;
  std::string boot_value;
  double min = 0, max = 0;
  std::vector<std::string> enum_values;
  SettingContext context = SettingContext::kUser;
  bool report = false;  // sent to clients as ParameterStatus
  std::string category, description, unit;
};

const char* SettingTypeName(SettingType t);
const char* SettingContextName(SettingContext c);

// Server-wide settings: boot values overridden by zijin.conf and -c options. Thread-safe.
class Settings {
 public:
  Settings();
  const SettingDef* Find(std::string_view name) const;  // case-insensitive
  const std::vector<SettingDef>& definitions() const { return defs_; }

  // Validates `value` for `def` and returns its canonical form (bools as on/off, ints without
  // units, enums lower-case). Errors: 22023 invalid value, as PostgreSQL words them.
  static Result<std::string> Canonicalize(const SettingDef& def, std::string_view value);

  std::string Get(std::string_view name) const;
  // Sets a server-wide value (config file or command line). `source` goes into messages.
  Status SetServer(std::string_view name, std::string_view value);
  // Reads `name = value` lines ('#' comments) from a zijin.conf.
  Status LoadFile(const std::string& path);

 private:
  std::vector<SettingDef> defs_;
  std::map<std::string, size_t> index_;  // lower-case name -> defs_ position
  mutable std::mutex mu_;
  std::map<std::string, std::string> values_;  // canonical name -> value
};

// One session's view: server values plus SET overrides. Not thread-safe (one session).
class SessionSettings {
 public:
  explicit SessionSettings(const Settings* server) : server_(server) {}
  std::string Get(std::string_view name) const;
  Result<std::string> Show(std::string_view name) const;  // 42704 for unknown names
  Status Set(std::string_view name, std::string_view value);  // SET; 55P02 for postmaster ones
  Status Reset(std::string_view name);
  void ResetAll();
  // Snapshot/restore, so that SET inside a rolled-back transaction can be undone.
  std::map<std::string, std::string> Save() const { return local_; }
  void Restore(std::map<std::string, std::string> saved);
  // Reportable settings changed since the last call.
  std::vector<std::pair<std::string, std::string>> TakeChangedReported();
  const Settings* server() const { return server_; }
  // Current value of every setting, in definition order.
  std::vector<std::pair<const SettingDef*, std::string>> All() const;

 private:
  void NoteChange(const SettingDef& def);
  const Settings* server_;
  std::map<std::string, std::string> local_;  // canonical name -> value
  std::vector<std::string> changed_reported_;
};

}  // namespace zijin::common
