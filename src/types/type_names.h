// SQL type names to types.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/value.h"

namespace zijin::types {

// Resolves a type name as the parser gives it (canonical lower case; multi-word names joined by
// one space) with its typmods; `is_array` for name[] (pg_type's "_int4" spelling works too).
// Unknown names are 42704 `type "foo" does not exist`.
Result<LogicalType> TypeFromName(std::string_view name, const std::vector<int32_t>& mods,
                                 bool is_array = false);

}  // namespace zijin::types
