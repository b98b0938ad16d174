// One-dimensional arrays of the scalar types.
//
// A Value of type kArray holds the array in PostgreSQL's binary array format: ndim (0 for an
// empty array, else 1), a has-NULL flag, the element type's OID, then for a non-empty array its
// length and lower bound, and each element as a 4-byte length (-1 for NULL) and the element's
// binary send format. The binary protocol sends that payload as it is; everything else decodes
// it with DecodeArray. Multidimensional arrays are not supported (0A000).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/type_io.h"
#include "types/value.h"

namespace zijin::types {

struct ArrayData {
  LogicalType element;          // the element type, without modifier
  int32_t lower_bound = 1;      // subscript of the first element
  std::vector<Value> elements;  // NULL elements are NULL Values
};

// Builds an array value; the elements must be of `a.element`'s type or NULL.
Value MakeArray(const ArrayData& a);
// Decodes a non-NULL array value.
Result<ArrayData> DecodeArray(const Value& array);
// Number of elements of a non-NULL array value, without decoding them.
int64_t ArrayLength(const Value& array);

// array_in / array_out for one dimension: '{1,2,NULL,"a b"}', optionally '[0:2]={...}'.
Result<Value> ParseArrayText(std::string_view text, const LogicalType& type,
                             const FormatOptions& opts);
void FormatArrayText(const Value& array, std::string* out, const FormatOptions& opts);
// array_recv: checks the header and every element against `type`'s element type.
Result<Value> ParseArrayBinary(std::string_view data, const LogicalType& type);

// PostgreSQL's array ordering: element by element (a NULL element after any value), then the
// shorter array first, then the lower bound.
int CompareArrays(const Value& a, const Value& b);
uint64_t HashArray(const Value& a);

// Casts every element to `to`'s element type (explicit_cast as for CastValue).
Result<Value> CastArray(const Value& array, const LogicalType& to, const FormatOptions& opts,
                        bool explicit_cast);

}  // namespace zijin::types
