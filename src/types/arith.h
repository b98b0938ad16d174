// Arithmetic operators: resolution by operand types and evaluation.
#pragma once

#include "common/status.h"
#include "types/type_io.h"
#include "types/value.h"

namespace zijin::types {

enum class ArithOp { kAdd, kSub, kMul, kDiv, kMod, kPow };

struct ArithSignature {
  LogicalType left, right, result;
};

// Resolves `l op r` as PostgreSQL does; 42883 "operator does not exist: integer + text".
Result<ArithSignature> ResolveArith(ArithOp op, const LogicalType& l, const LogicalType& r);
// Operands already of the signature's types, neither NULL. 22003 on overflow, 22012 on /0.
Result<Value> EvalArith(ArithOp op, const Value& l, const Value& r);
// As above; timestamptz +/- interval adds months and days in opts.time_zone's local time, as
// PostgreSQL does in the session zone (the overload without options uses UTC).
Result<Value> EvalArith(ArithOp op, const Value& l, const Value& r, const FormatOptions& opts);
Result<Value> Negate(const Value& v);

}  // namespace zijin::types
