// Internal to the types module: the per-type input/output routines type_io.cc dispatches to,
// shared with the casts.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/datetime.h"
#include "types/type_io.h"
#include "types/value.h"

namespace zijin::types::internal {

// The session zone of `opts`; UTC when the name does not resolve.
std::shared_ptr<const TimeZone> SessionZone(const FormatOptions& opts);

Result<int32_t> ParseDate(std::string_view text, const FormatOptions& opts);
Result<int64_t> ParseTime(std::string_view text, const FormatOptions& opts);
// time with time zone: an explicit offset or zone name, else the session zone's offset.
Result<TimeTz> ParseTimeTz(std::string_view text, const FormatOptions& opts);
// Timestamps: with_tz -> UTC instant (explicit zone in the text, else the session zone).
Result<int64_t> ParseTimestamp(std::string_view text, bool with_tz, const FormatOptions& opts);
Result<Interval> ParseInterval(std::string_view text);

void FormatDate(int32_t days, std::string* out);
void FormatTime(int64_t us, std::string* out);
void FormatTimeTz(const TimeTz& t, std::string* out);
void FormatTimestamp(int64_t us, std::string* out);
void FormatTimestampTz(int64_t us, const TimeZone& zone, std::string* out);
void FormatInterval(const Interval& iv, std::string* out);

void FormatFloat(double v, bool is_float4, int extra_float_digits, std::string* out);

// Number of characters of UTF-8 text.
size_t Utf8Length(std::string_view s);
// Byte length of the first n characters.
size_t Utf8Prefix(std::string_view s, size_t n);
// varchar(n) / char(n) / name length rules on *s. explicit_cast truncates; otherwise only
// trailing blanks may be cut (22001 "value too long for type character varying(3)").
// char(n) is then blank-padded to n characters.
Status ApplyStringTypmod(std::string* s, TypeId id, int32_t typmod, bool explicit_cast);

// regclass, regtype, regnamespace and regrole (reg_types.cc): a number is the OID itself,
// "-" is 0, anything else a name looked up through opts.catalog.
Result<Value> ParseRegText(std::string_view text, TypeId type, const FormatOptions& opts);
// The name an OID alias type prints as: "-" for 0, the number when the OID names nothing.
void FormatRegText(const Value& v, const FormatOptions& opts, std::string* out);

// Rounds a double to the nearest integer, ties to even (PostgreSQL's rint).
double RoundHalfEven(double v);

}  // namespace zijin::types::internal
