// The stored row format (value of a primary-index entry); see docs/internals/row_format.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/value.h"

namespace zijin::types {

// Appends the encoding of n values (which carry their TypeId) to *out.
void EncodeRow(const Value* values, size_t n, std::string* out);
// Decodes up to n columns of the given types. Columns the stored row does not have (it was
// written before ALTER TABLE ADD COLUMN) are left untouched; *present says how many it had.
Status DecodeRow(std::string_view data, const LogicalType* types, size_t n, Value* out,
                 size_t* present);
// Decodes column `index` only.
Status DecodeColumn(std::string_view data, const LogicalType& type, size_t index, Value* out,
                    bool* present);

}  // namespace zijin::types
