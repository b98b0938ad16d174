// The settings registry (GUCs): one table of definitions, server-wide values, per-session values.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace zijin::common {

enum class SettingType { kBool, kInt, kReal, kString, kEnum };

// When a setting may change, as pg_settings.context reports it.
enum class SettingContext { kInternal, kPostmaster, kSighup, kSuperuser, kUser };

// Validates a string setting's value beyond its type and returns the form to store, or a 22023
// error in PostgreSQL's words (as its check hooks). `current` is the value being replaced:
// DateStyle keeps its field order when only the output style changes.
using SettingCheck = Result<std::string> (*)(std::string_view value, std::string_view current);

struct SettingDef {
  std::string name;  // canonical spelling, e.g. "DateStyle"
  SettingType type;
  std::string boot_value;
  double min = 0, max = 0;
  std::vector<std::string> enum_values;
  SettingContext context = SettingContext::kUser;
  bool report = false;  // sent to clients as ParameterStatus
  // Integers: the unit values are stored in ("ms", "s", "min", "kB", "8kB", "MB"); input may
  // name any unit of the same kind and SHOW displays the largest unit that divides the value.
  std::string category, description, unit;
  // SET takes a comma-separated list (PostgreSQL's GUC_LIST_INPUT); with list_quote each
  // element is an identifier that SET double-quotes when needed (GUC_LIST_QUOTE).
  bool list_input = false, list_quote = false;
  SettingCheck check = nullptr;  // strings only
};

const char* SettingTypeName(SettingType t);
const char* SettingContextName(SettingContext c);

// Server-wide settings: boot values overridden by zijin.conf and -c options. Thread-safe.
class Settings {
 public:
  Settings();
  const SettingDef* Find(std::string_view name) const;  // case-insensitive
  const std::vector<SettingDef>& definitions() const { return defs_; }

  // Validates `value` for `def` and returns its canonical form (bools as on/off, ints as a
  // number in def.unit, enums lower-case, strings as def.check makes them). `current` is the
  // value being replaced. Errors: 22023 invalid value, as PostgreSQL words them.
  static Result<std::string> Canonicalize(const SettingDef& def, std::string_view value,
                                          std::string_view current = {});
  // A stored value as SHOW and current_setting() display it: integers with units take the
  // largest unit that divides them ("1s", "2min", "4MB"); everything else is unchanged.
  static std::string Display(const SettingDef& def, std::string_view value);
  // Installs the check of a string setting that lives in a higher module (TimeZone needs the
  // zone database). Call before the registry is shared: not thread-safe.
  void SetCheck(std::string_view name, SettingCheck check);

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

// PostgreSQL's SplitIdentifierString: splits "a, \"B\", c" at `separator` into identifiers,
// lower-casing unquoted ones and unescaping "" in quoted ones. False on bad list syntax (an
// empty element, an unterminated quote).
bool SplitIdentifierList(std::string_view text, char separator, std::vector<std::string>* out);
// An identifier as SET writes it into a list setting: double-quoted unless it is a lower-case
// name that needs no quotes.
std::string QuoteListIdentifier(std::string_view ident);

// One session's view: server values plus SET overrides. Not thread-safe (one session).
// Names with a dot ("myapp.user_id") are custom placeholder settings, strings that exist once
// SET (PostgreSQL's custom options).
class SessionSettings {
 public:
  explicit SessionSettings(const Settings* server) : server_(server) {}
  std::string Get(std::string_view name) const;  // stored form; "" for unknown names
  // As SHOW displays it (Settings::Display); 42704 for unknown names.
  Result<std::string> Show(std::string_view name) const;
  // SET; 42704 for unknown names, 55P02 for settings fixed at start-up, 22023 for bad values.
  Status Set(std::string_view name, std::string_view value);
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
  // The defined setting, or for a custom name its lower-cased spelling in *custom.
  Result<const SettingDef*> Lookup(std::string_view name, std::string* custom) const;
  const Settings* server_;
  std::map<std::string, std::string> local_;  // canonical name -> value
  std::set<std::string> placeholders_;        // custom names SET in this session
  std::vector<std::string> changed_reported_;
};

// What SQL functions (current_setting, set_config) may do with their session's settings. The
// session implements it, since SET there does more than store a value (SET LOCAL's undo at
// transaction end, cached output formats).
class SettingsAccess {
 public:
  virtual ~SettingsAccess() = default;
  // The value as SHOW displays it; 42704 for an unknown name, or nullopt when missing_ok.
  virtual Result<std::optional<std::string>> CurrentSetting(std::string_view name,
                                                            bool missing_ok) = 0;
  // SET (SET LOCAL when is_local; RESET when value is nullopt); returns the new value as SHOW
  // displays it.
  virtual Result<std::string> SetConfig(std::string_view name,
                                        std::optional<std::string_view> value, bool is_local) = 0;
};

}  // namespace zijin::common
