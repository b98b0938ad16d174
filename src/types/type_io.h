// Text and binary I/O of values: PostgreSQL's input/output and send/recv functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/value.h"

namespace zijin::common {
class CatalogAccess;
}  // namespace zijin::common

namespace zijin::types {

// How an ambiguous date such as 01/02/2024 is read: DateStyle's field order.
enum class DateOrder : uint8_t { kMDY, kDMY, kYMD };

// Session settings that affect text input and output.
struct FormatOptions {
  std::string time_zone = "UTC";
  int extra_float_digits = 1;
  DateOrder date_order = DateOrder::kMDY;
  // Names for regclass, regnamespace and regrole input and output; null = none (their output
  // is then the number, their input only a number).
  const common::CatalogAccess* catalog = nullptr;
};

// The type's input function, typmod applied: varchar(n) too long -> 22001, numeric(p,s) rounds
// and checks precision (22003), bad syntax -> 22P02 with PostgreSQL's wording.
Result<Value> ParseText(std::string_view text, const LogicalType& type,
                        const FormatOptions& opts = {});
// The type's output function; `v` is not NULL. Appends to *out.
void FormatText(const Value& v, std::string* out, const FormatOptions& opts = {});
std::string ToText(const Value& v, const FormatOptions& opts = {});
// The message of ParseBinary's error for bytes left over after the value, which the protocol
// turns into "incorrect binary data format in bind parameter n".
inline constexpr char kIncorrectBinaryData[] = "incorrect binary data format";
// PostgreSQL's binary format (recv), failing as its recv functions do: too few bytes are
// 08P01 "insufficient data left in message", too many 22P03 kIncorrectBinaryData, and a bad
// value its own error ("invalid digit in external "numeric" value").
Result<Value> ParseBinary(std::string_view data, const LogicalType& type);
// PostgreSQL's binary format (send); appends to *out.
void FormatBinary(const Value& v, std::string* out);

// Checks that `s` is valid UTF-8 without NUL bytes, as PostgreSQL's pg_verify_mbstr does for the
// server encoding: 22021 "invalid byte sequence for encoding "UTF8": 0xc3 0x28".
Status VerifyUtf8(std::string_view s);
// 22021 "invalid byte sequence for encoding "<encoding>": 0x.." over `bytes`.
Status InvalidByteSequence(std::string_view encoding, std::string_view bytes);

}  // namespace zijin::types
