// current_setting() and set_config(): the session's settings (GUCs) from SQL.
#include "common/settings.h"
#include "exec/functions/builtins.h"

namespace zijin::exec::builtins {
namespace {

Result<common::SettingsAccess*> SessionSettings(const FunctionContext& ctx) {
  if (ctx.settings == nullptr) {
    return Status::NotSupported("configuration parameters are not available here");
  }
  return ctx.settings;
}

// current_setting(name [, missing_ok]): the value as SHOW shows it; 42704 for an unknown name
// unless missing_ok, which gives NULL.
Result<Value> FnCurrentSetting(const Value* a, size_t n, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(common::SettingsAccess * s, SessionSettings(ctx));
  bool missing_ok = n > 1 && a[1].GetBool();
  ZJ_ASSIGN_OR_RETURN(std::optional<std::string> v,
                      s->CurrentSetting(a[0].GetString(), missing_ok));
  if (!v) return Value::Null(TypeId::kText);
  return Value::Text(std::move(*v));
}

// set_config(name, value, is_local): SET (or SET LOCAL); a NULL value resets the setting.
// Returns the new value as current_setting() would.
Result<Value> FnSetConfig(const Value* a, size_t, FunctionContext& ctx) {
  if (a[0].is_null()) {
    return Status::Error(sqlstate::kNullValueNotAllowed, "SET requires parameter name");
  }
  ZJ_ASSIGN_OR_RETURN(common::SettingsAccess * s, SessionSettings(ctx));
  std::optional<std::string_view> value;
  if (!a[1].is_null()) value = a[1].GetString();
  bool is_local = !a[2].is_null() && a[2].GetBool();
  ZJ_ASSIGN_OR_RETURN(std::string v, s->SetConfig(a[0].GetString(), value, is_local));
  return Value::Text(std::move(v));
}

}  // namespace

void AddSettingsFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText), boolean(TypeId::kBool);
  out->push_back(Stable(Fn("current_setting", {text}, text, FnCurrentSetting)));
  out->push_back(Stable(Fn("current_setting", {text, boolean}, text, FnCurrentSetting)));
  out->push_back(Volatile(NonStrict(Fn("set_config", {text, text, boolean}, text, FnSetConfig))));
}

}  // namespace zijin::exec::builtins
