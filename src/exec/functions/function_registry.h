// The builtin scalar and aggregate function library: signatures, overload resolution, kernels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/value.h"

namespace zijin::types {
struct FormatOptions;
}  // namespace zijin::types

namespace zijin::common {
class SettingsAccess;
}  // namespace zijin::common

namespace zijin::exec {

// What a function may read about the statement and session it runs in. Owned by the caller;
// functions never keep pointers into it past the call.
struct FunctionContext {
  const types::FormatOptions* format = nullptr;  // time zone, float digits; null = defaults
  // The type the current call was bound to return (polymorphic functions resolve theirs at
  // bind time); set by the caller before each call, null when unknown.
  const types::LogicalType* result_type = nullptr;
  int64_t statement_timestamp_us = 0;            // microseconds since 2000-01-01 UTC
  int64_t transaction_timestamp_us = 0;          // what now() returns
  uint64_t* random_state = nullptr;              // xorshift64 state for random(); null = fixed
  std::string current_user, current_database, current_schema;
  std::string session_user;  // empty = current_user
  int32_t backend_pid = 0;
  // The wall clock for clock_timestamp()/timeofday(), microseconds since 2000-01-01 UTC;
  // null = the system clock.
  int64_t (*clock_us)() = nullptr;
  // The session's settings for current_setting() and set_config(); null = no session.
  common::SettingsAccess* settings = nullptr;
};

// In ScalarFunction::arg_types, kUnknown declares PostgreSQL's "any": every argument type is
// accepted as is, without a cast (concat, format, pg_typeof, count(x)).
inline constexpr types::TypeId kAnyArg = types::TypeId::kUnknown;
// Polymorphic parameters, as PostgreSQL's anyarray / anyelement (or, with
// ScalarFunction::poly_compatible, anycompatiblearray / anycompatible): kAnyArray takes any
// array, kAnyElement any value, and in one call the arrays' elements and the values must agree
// on one type (or go to their common type). As a return type they stand for the resolved array
// or element type.
inline constexpr types::LogicalType kAnyArray =
    types::LogicalType::Array(types::LogicalType(types::TypeId::kUnknown));
inline constexpr types::LogicalType kAnyElement(types::TypeId::kUnknown, -2);
inline bool IsAnyArray(const types::LogicalType& t) {
  return t.id == types::TypeId::kArray && t.elem == types::TypeId::kUnknown;
}
inline bool IsAnyElement(const types::LogicalType& t) {
  return t.id == types::TypeId::kUnknown && t.typmod == kAnyElement.typmod;
}

using ScalarFn = Result<types::Value> (*)(const types::Value* args, size_t nargs,
                                          FunctionContext& ctx);

enum class Volatility { kImmutable, kStable, kVolatile };

struct ScalarFunction {
  std::string name;
  std::vector<types::LogicalType> arg_types;
  types::LogicalType return_type;
  ScalarFn fn = nullptr;
  bool strict = true;  // NULL in -> NULL out; fn never sees a NULL argument
  Volatility volatility = Volatility::kImmutable;
  bool variadic = false;  // the last argument type repeats one or more times
  // All arguments are coerced to their common type (types::CommonType) and the overload for
  // exactly that type is chosen, as PostgreSQL does for GREATEST/LEAST.
  bool common_type_args = false;
  uint32_t oid = 0;  // pg_proc OID in PostgreSQL 15; 0 when PostgreSQL has no such function
  // PostgreSQL's proargnames (empty when the parameters are unnamed) and proargdefaults: values
  // for the last defaults.size() parameters, used when a call leaves them out.
  std::vector<std::string> arg_names;
  std::vector<types::Value> defaults;
  // Polymorphic parameters are anycompatible (the arguments meet at a common element type,
  // text when all are untyped) rather than anyarray/anyelement (all must agree exactly).
  bool poly_compatible = false;
};

// Resolves a name and the argument types (kUnknown for untyped literals and bare NULLs) to one
// overload as PostgreSQL's func_select_candidate does: an exact match first, then candidates
// reachable through implicit casts, preferring the most exact matches, then preferred types,
// then string types for unknown arguments. On success fills *arg_casts (may be null) with the
// type each argument must be cast to before the call; for "any" parameters that is the
// argument's own type (no cast; an unknown literal stays kUnknown and arrives as its text).
// Errors: 42883 "function foo(integer) does not exist" (with a hint), 42725 "function
// foo(unknown) is not unique".
Result<const ScalarFunction*> ResolveScalar(std::string_view name,
                                            const std::vector<types::LogicalType>& arg_types,
                                            std::vector<types::LogicalType>* arg_casts);

// A call bound to one overload.
struct ResolvedCall {
  const ScalarFunction* fn = nullptr;
  std::vector<types::LogicalType> arg_casts;  // per argument, as for ResolveScalar
  // Per parameter of fn: the index of the argument that supplies it, -1 where its default does.
  std::vector<int> param_sources;
  types::LogicalType result_type;  // fn->return_type, resolved when polymorphic
};

// ResolveScalar for a call that may name arguments (f(a => 1)), leave out parameters that have
// defaults, or pass polymorphic ones, as PostgreSQL's func_get_detail and
// enforce_generic_type_consistency. `arg_names` has one entry per argument ("" for positional
// ones) or is empty. Polymorphic arguments whose element type cannot be found are 42804.
Result<ResolvedCall> ResolveCall(std::string_view name,
                                 const std::vector<types::LogicalType>& arg_types,
                                 const std::vector<std::string>& arg_names);

// Resolves an operator that the function library implements (PostgreSQL's pg_operator with
// its oprcode): the prefix operators @ ~ |/ ||/ (one argument) and the binary operators
// & | # << >> (two). Candidates are chosen as for functions. Errors: 42883 "operator does not
// exist: integer & numeric", 42725 "operator is not unique: unknown & unknown".
Result<const ScalarFunction*> ResolveOperator(std::string_view op,
                                              const std::vector<types::LogicalType>& arg_types,
                                              std::vector<types::LogicalType>* arg_casts);

// Every scalar overload, for pg_proc and tests. Built once; never changes.
const std::vector<ScalarFunction>& AllScalarFunctions();

// Aggregates: the executor keeps one state per group, in memory it provides (state_size bytes,
// aligned to 16). init placement-constructs the state, destroy runs its destructor.
struct AggregateFunction {
  std::string name;
  types::LogicalType arg_type;  // kUnknown = "any" (count(x)); unused when nargs == 0
  types::LogicalType return_type;
  size_t nargs = 1;  // 0 for count(*), 2 for string_agg(value, delimiter)
  size_t state_size = 0;
  void (*init)(void* state) = nullptr;
  // One input row. Not called when the argument is NULL; count(*) gets a NULL Value.
  Status (*update)(void* state, const types::Value& arg) = nullptr;
  // For nargs == 2: not called when the first argument is NULL; the second may be NULL.
  Status (*update2)(void* state, const types::Value& arg, const types::Value& arg2) = nullptr;
  // The result so far; leaves the state as it was, so it may be called between updates (a
  // window's running aggregate does).
  Result<types::Value> (*finalize)(void* state) = nullptr;
  void (*destroy)(void* state) = nullptr;
  types::LogicalType arg2_type;  // second argument for nargs == 2
  uint32_t oid = 0;
  // array_agg: takes any non-array type, keeps NULL inputs (update sees them), and returns an
  // array of the argument's type instead of return_type.
  bool array_of_arg = false;
};

// Like ResolveScalar for aggregates. count(*) is resolved with an empty arg_types.
Result<const AggregateFunction*> ResolveAggregate(std::string_view name,
                                                  const std::vector<types::LogicalType>& arg_types,
                                                  std::vector<types::LogicalType>* arg_casts);

bool IsAggregateName(std::string_view name);

const std::vector<AggregateFunction>& AllAggregateFunctions();

}  // namespace zijin::exec
