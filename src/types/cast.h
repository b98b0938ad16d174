// Casts between types and the common type of several, by PostgreSQL's rules.
#pragma once

#include <string_view>

#include "common/status.h"
#include "types/type_io.h"
#include "types/value.h"

namespace zijin::types {

enum class CastContext { kImplicit, kAssignment, kExplicit };

// Whether `from` casts to `to` in context `ctx` (pg_cast's castcontext).
bool CanCast(const LogicalType& from, const LogicalType& to, CastContext ctx);
// Converts `v` to `to` (NULL stays NULL, retyped), applying typmod. An explicit cast to
// varchar(n) truncates; an assignment cast errors with 22001.
Result<Value> CastValue(const Value& v, const LogicalType& to, const FormatOptions& opts = {},
                        bool explicit_cast = true);
// PostgreSQL's select_common_type: unknown yields to the other type; within a category the
// preferred/wider type wins; different categories are 42804 "<context> types X and Y cannot be
// matched".
Result<LogicalType> CommonType(const LogicalType& a, const LogicalType& b,
                               std::string_view context);

}  // namespace zijin::types
