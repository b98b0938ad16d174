// Ordering, equality and hashing of values.
#pragma once

#include <cstdint>

#include "types/value.h"

namespace zijin::types {

// Both non-NULL and of the same TypeId. Strings compare bytewise (C collation); floats order
// NaN above everything; numerics by value.
int CompareValues(const Value& a, const Value& b);
bool ValuesEqual(const Value& a, const Value& b);
// Consistent with ValuesEqual.
uint64_t HashValue(const Value& v);

}  // namespace zijin::types
