// Order-preserving (memcomparable) encoding of values for storage keys.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "types/value.h"

namespace zijin::types {

// Bytewise order of encodings equals CompareValues order; NULL sorts after every value
// (ascending); `descending` inverts the bytes. Self-delimiting. Appends to *out.
void EncodeKeyValue(const Value& v, bool descending, std::string* out);
// Consumes one value from *in.
Status DecodeKeyValue(std::string_view* in, const LogicalType& type, bool descending, Value* out);

}  // namespace zijin::types
