// Internal to the function library: the per-file builtin tables and helpers they share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "exec/functions/function_registry.h"

namespace zijin::exec::builtins {

using types::LogicalType;
using types::TypeId;
using types::Value;

void AddStringFunctions(std::vector<ScalarFunction>* out);
void AddStringFunctions2(std::vector<ScalarFunction>* out);  // format, regexp, quoting
void AddMathFunctions(std::vector<ScalarFunction>* out);
void AddDateTimeFunctions(std::vector<ScalarFunction>* out);
void AddToCharFunctions(std::vector<ScalarFunction>* out);
void AddToCharNumberFunctions(std::vector<ScalarFunction>* out);
void AddMiscFunctions(std::vector<ScalarFunction>* out);
void AddSettingsFunctions(std::vector<ScalarFunction>* out);  // current_setting, set_config
void AddEncodingFunctions(std::vector<ScalarFunction>* out);  // convert, convert_from/_to
void AddArrayFunctions(std::vector<ScalarFunction>* out);
void AddCatalogFunctions(std::vector<ScalarFunction>* out);  // pg_get_indexdef and friends
void AddAggregates(std::vector<AggregateFunction>* out);

// Shorthands for building the tables.
inline ScalarFunction Fn(std::string name, std::vector<LogicalType> args, LogicalType ret,
                         ScalarFn fn) {
  ScalarFunction f;
  f.name = std::move(name);
  f.arg_types = std::move(args);
  f.return_type = ret;
  f.fn = fn;
  return f;
}
inline ScalarFunction NonStrict(ScalarFunction f) {
  f.strict = false;
  return f;
}
inline ScalarFunction Stable(ScalarFunction f) {
  f.volatility = Volatility::kStable;
  return f;
}
inline ScalarFunction Volatile(ScalarFunction f) {
  f.volatility = Volatility::kVolatile;
  return f;
}
inline ScalarFunction Variadic(ScalarFunction f) {
  f.variadic = true;
  return f;
}
// Parameter names (for calls in named notation) and defaults for the last parameters.
inline ScalarFunction Named(ScalarFunction f, std::vector<std::string> names,
                            std::vector<Value> defaults = {}) {
  f.arg_names = std::move(names);
  f.defaults = std::move(defaults);
  return f;
}

// UTF-8 helpers (the server encoding is UTF-8).
size_t Utf8CharLen(unsigned char lead);
size_t Utf8Length(std::string_view s);  // characters
// Byte offset of character `n` (0-based), clamped to s.size().
size_t Utf8Offset(std::string_view s, int64_t n);
// Decodes the character at s[i], advancing i; invalid bytes decode as themselves.
uint32_t Utf8Decode(std::string_view s, size_t* i);
void Utf8Append(uint32_t cp, std::string* out);

// lower() of UTF-8 text with the simple case mapping lower()/upper() use.
std::string LowerUtf8(std::string_view s);

// The text output of a value (its type's output function), for concat, format and friends.
std::string ValueText(const Value& v, const FunctionContext& ctx);
// Converts a value of any numeric type to double / Decimal.
double AsDouble(const Value& v);

Status OutOfRange(std::string_view what);  // 22003 "<what> out of range"

// PostgreSQL 15's pg_proc OID for "name(int4,text,...)" (pg_type names, "any" quoted), or 0.
uint32_t PgProcOid(std::string_view signature);

}  // namespace zijin::exec::builtins
