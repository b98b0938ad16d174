// Array functions over one-dimensional arrays: array_to_string, array_length and friends,
// array_append/prepend/cat/position/remove, string_to_array, and the containment operators.
#include "exec/functions/builtins.h"
#include "types/array.h"
#include "types/compare.h"

namespace zijin::exec::builtins {
namespace {

using types::ArrayData;

// The element type of the array a call returns (polymorphic functions resolve it at bind time).
LogicalType ResultElement(const FunctionContext& ctx, const Value* arrays, size_t n) {
  if (ctx.result_type != nullptr && ctx.result_type->id == TypeId::kArray &&
      ctx.result_type->elem != TypeId::kUnknown) {
    return LogicalType(ctx.result_type->elem);
  }
  for (size_t i = 0; i < n; ++i) {
    if (!arrays[i].is_null() && arrays[i].type() == TypeId::kArray) {
      Result<ArrayData> a = types::DecodeArray(arrays[i]);
      if (a.ok()) return a->element;
    }
  }
  return LogicalType(TypeId::kText);
}

// An array argument that may be NULL (non-strict functions): NULL is an empty array.
Result<ArrayData> ArrayArg(const Value& v, const LogicalType& element) {
  if (v.is_null()) {
    ArrayData a;
    a.element = element;
    return a;
  }
  return types::DecodeArray(v);
}

bool SameElement(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  return types::ValuesEqual(a, b);
}

// array_to_string(array, delimiter [, null_string]): NULL elements are skipped, or replaced
// by null_string when it is given and not NULL.
Result<Value> FnArrayToString(const Value* a, size_t n, FunctionContext& ctx) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null(TypeId::kText);
  ZJ_ASSIGN_OR_RETURN(ArrayData arr, types::DecodeArray(a[0]));
  const std::string& delim = a[1].GetString();
  bool null_text = n > 2 && !a[2].is_null();
  std::string out;
  bool first = true;
  for (const Value& v : arr.elements) {
    if (v.is_null() && !null_text) continue;
    if (!first) out += delim;
    first = false;
    out += v.is_null() ? a[2].GetString() : ValueText(v, ctx);
  }
  return Value::Text(std::move(out));
}

// array_length / array_lower / array_upper (array, dimension): NULL for an empty array or a
// dimension the array does not have.
enum class DimInfo { kLength, kLower, kUpper };

template <DimInfo kInfo>
Result<Value> FnArrayDim(const Value* a, size_t, FunctionContext&) {
  int64_t len = types::ArrayLength(a[0]);
  if (a[1].GetInt() != 1 || len == 0) return Value::Null(TypeId::kInt32);
  if (kInfo == DimInfo::kLength) return Value::Int32(static_cast<int32_t>(len));
  ZJ_ASSIGN_OR_RETURN(ArrayData arr, types::DecodeArray(a[0]));
  if (kInfo == DimInfo::kLower) return Value::Int32(arr.lower_bound);
  return Value::Int32(static_cast<int32_t>(arr.lower_bound + len - 1));
}

Result<Value> FnCardinality(const Value* a, size_t, FunctionContext&) {
  return Value::Int32(static_cast<int32_t>(types::ArrayLength(a[0])));
}

Result<Value> FnArrayNdims(const Value* a, size_t, FunctionContext&) {
  if (types::ArrayLength(a[0]) == 0) return Value::Null(TypeId::kInt32);
  return Value::Int32(1);
}

Result<Value> FnArrayDims(const Value* a, size_t, FunctionContext&) {
  int64_t len = types::ArrayLength(a[0]);
  if (len == 0) return Value::Null(TypeId::kText);
  ZJ_ASSIGN_OR_RETURN(ArrayData arr, types::DecodeArray(a[0]));
  return Value::Text("[" + std::to_string(arr.lower_bound) + ":" +
                     std::to_string(arr.lower_bound + len - 1) + "]");
}

// array_append(array, element), array_prepend(element, array): a NULL array is empty.
template <bool kPrepend>
Result<Value> FnArrayAdd(const Value* a, size_t, FunctionContext& ctx) {
  const Value& array = kPrepend ? a[1] : a[0];
  const Value& elem = kPrepend ? a[0] : a[1];
  ZJ_ASSIGN_OR_RETURN(ArrayData arr, ArrayArg(array, ResultElement(ctx, &array, 1)));
  Value v = elem.is_null() ? Value::Null(arr.element.id) : elem;
  // The lower bound stays, as in PostgreSQL.
  if (kPrepend) {
    arr.elements.insert(arr.elements.begin(), std::move(v));
  } else {
    arr.elements.push_back(std::move(v));
  }
  return types::MakeArray(arr);
}

// array_cat(a, b): NULL when both are NULL, else the other one.
Result<Value> FnArrayCat(const Value* a, size_t, FunctionContext& ctx) {
  if (a[0].is_null() && a[1].is_null()) return Value::Null(TypeId::kArray);
  if (a[0].is_null()) return a[1];
  if (a[1].is_null()) return a[0];
  LogicalType elem = ResultElement(ctx, a, 2);
  ZJ_ASSIGN_OR_RETURN(ArrayData x, ArrayArg(a[0], elem));
  ZJ_ASSIGN_OR_RETURN(ArrayData y, ArrayArg(a[1], elem));
  if (x.elements.empty()) return a[1];
  if (y.elements.empty()) return a[0];
  for (Value& v : y.elements) x.elements.push_back(std::move(v));
  return types::MakeArray(x);
}

// array_position(array, element [, start]): the first subscript holding an element not
// distinct from `element`; array_positions: all of them.
Result<Value> FnArrayPosition(const Value* a, size_t n, FunctionContext&) {
  if (a[0].is_null()) return Value::Null(TypeId::kInt32);
  ZJ_ASSIGN_OR_RETURN(ArrayData arr, types::DecodeArray(a[0]));
  int64_t start = arr.lower_bound;
  if (n > 2) {
    if (a[2].is_null()) {
      return Status::Error(sqlstate::kNullValueNotAllowed, "initial position must not be null");
    }
    start = a[2].GetInt();
  }
  for (size_t k = 0; k < arr.elements.size(); ++k) {
    int64_t subscript = arr.lower_bound + static_cast<int64_t>(k);
    if (subscript < start) continue;
    if (SameElement(arr.elements[k], a[1])) return Value::Int32(static_cast<int32_t>(subscript));
  }
  return Value::Null(TypeId::kInt32);
}

Result<Value> FnArrayPositions(const Value* a, size_t, FunctionContext&) {
  ArrayData out;
  out.element = LogicalType(TypeId::kInt32);
  if (a[0].is_null()) return Value::Null(TypeId::kArray);
  ZJ_ASSIGN_OR_RETURN(ArrayData arr, types::DecodeArray(a[0]));
  for (size_t k = 0; k < arr.elements.size(); ++k) {
    if (SameElement(arr.elements[k], a[1])) {
      out.elements.push_back(Value::Int32(arr.lower_bound + static_cast<int32_t>(k)));
    }
  }
  return types::MakeArray(out);
}

// array_remove(array, element): every element not distinct from `element` goes.
Result<Value> FnArrayRemove(const Value* a, size_t, FunctionContext&) {
  if (a[0].is_null()) return Value::Null(TypeId::kArray);
  ZJ_ASSIGN_OR_RETURN(ArrayData arr, types::DecodeArray(a[0]));
  std::vector<Value> kept;
  for (Value& v : arr.elements) {
    if (!SameElement(v, a[1])) kept.push_back(std::move(v));
  }
  if (kept.size() == arr.elements.size()) return a[0];
  arr.elements = std::move(kept);
  return types::MakeArray(arr);
}

// string_to_array(text, delimiter [, null_string]): a NULL delimiter splits into characters,
// an empty one keeps the whole string; fields equal to null_string become NULL.
Result<Value> FnStringToArray(const Value* a, size_t n, FunctionContext&) {
  if (a[0].is_null()) return Value::Null(TypeId::kArray);
  ArrayData out;
  out.element = LogicalType(TypeId::kText);
  const std::string& s = a[0].GetString();
  bool has_null_text = n > 2 && !a[2].is_null();
  auto add = [&](std::string field) {
    if (has_null_text && field == a[2].GetString()) {
      out.elements.push_back(Value::Null(TypeId::kText));
    } else {
      out.elements.push_back(Value::Text(std::move(field)));
    }
  };
  if (!s.empty()) {
    if (a[1].is_null()) {
      for (size_t i = 0; i < s.size();) {
        size_t len = std::min(Utf8CharLen(static_cast<unsigned char>(s[i])), s.size() - i);
        add(s.substr(i, len));
        i += len;
      }
    } else if (a[1].GetString().empty()) {
      add(s);
    } else {
      const std::string& d = a[1].GetString();
      size_t start = 0;
      for (;;) {
        size_t at = s.find(d, start);
        if (at == std::string::npos) {
          add(s.substr(start));
          break;
        }
        add(s.substr(start, at - start));
        start = at + d.size();
      }
    }
  }
  return types::MakeArray(out);
}

// @> / <@ / &&: containment and overlap, comparing elements by equality; NULL elements never
// match anything.
bool Contains(const ArrayData& big, const ArrayData& small) {
  for (const Value& x : small.elements) {
    bool found = false;
    for (const Value& y : big.elements) {
      if (!x.is_null() && !y.is_null() && types::ValuesEqual(x, y)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

enum class SetOp { kContains, kContained, kOverlap };

template <SetOp kOp>
Result<Value> FnArraySetOp(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(ArrayData x, types::DecodeArray(a[0]));
  ZJ_ASSIGN_OR_RETURN(ArrayData y, types::DecodeArray(a[1]));
  switch (kOp) {
    case SetOp::kContains: return Value::Bool(Contains(x, y));
    case SetOp::kContained: return Value::Bool(Contains(y, x));
    case SetOp::kOverlap:
      for (const Value& v : x.elements) {
        if (v.is_null()) continue;
        for (const Value& w : y.elements) {
          if (!w.is_null() && types::ValuesEqual(v, w)) return Value::Bool(true);
        }
      }
      return Value::Bool(false);
  }
  return Value::Bool(false);
}

ScalarFunction Compatible(ScalarFunction f) {
  f.poly_compatible = true;
  return f;
}

}  // namespace

void AddArrayFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText), i4(TypeId::kInt32), boolean(TypeId::kBool);
  const LogicalType arr = kAnyArray, elem = kAnyElement;
  const LogicalType text_array = LogicalType::Array(text);
  out->push_back(Stable(Fn("array_to_string", {arr, text}, text, FnArrayToString)));
  out->push_back(
      Stable(NonStrict(Fn("array_to_string", {arr, text, text}, text, FnArrayToString))));
  out->push_back(Fn("array_length", {arr, i4}, i4, FnArrayDim<DimInfo::kLength>));
  out->push_back(Fn("array_lower", {arr, i4}, i4, FnArrayDim<DimInfo::kLower>));
  out->push_back(Fn("array_upper", {arr, i4}, i4, FnArrayDim<DimInfo::kUpper>));
  out->push_back(Fn("cardinality", {arr}, i4, FnCardinality));
  out->push_back(Fn("array_ndims", {arr}, i4, FnArrayNdims));
  out->push_back(Fn("array_dims", {arr}, text, FnArrayDims));
  // PostgreSQL 15 declares these with anycompatiblearray / anycompatible.
  out->push_back(Compatible(NonStrict(Fn("array_append", {arr, elem}, arr, FnArrayAdd<false>))));
  out->push_back(Compatible(NonStrict(Fn("array_prepend", {elem, arr}, arr, FnArrayAdd<true>))));
  out->push_back(Compatible(NonStrict(Fn("array_cat", {arr, arr}, arr, FnArrayCat))));
  out->push_back(Compatible(NonStrict(Fn("array_position", {arr, elem}, i4, FnArrayPosition))));
  out->push_back(
      Compatible(NonStrict(Fn("array_position", {arr, elem, i4}, i4, FnArrayPosition))));
  out->push_back(Compatible(NonStrict(
      Fn("array_positions", {arr, elem}, LogicalType::Array(i4), FnArrayPositions))));
  out->push_back(Compatible(NonStrict(Fn("array_remove", {arr, elem}, arr, FnArrayRemove))));
  out->push_back(NonStrict(Fn("string_to_array", {text, text}, text_array, FnStringToArray)));
  out->push_back(
      NonStrict(Fn("string_to_array", {text, text, text}, text_array, FnStringToArray)));
  out->push_back(Fn("arraycontains", {arr, arr}, boolean, FnArraySetOp<SetOp::kContains>));
  out->push_back(Fn("arraycontained", {arr, arr}, boolean, FnArraySetOp<SetOp::kContained>));
  out->push_back(Fn("arrayoverlap", {arr, arr}, boolean, FnArraySetOp<SetOp::kOverlap>));
}

}  // namespace zijin::exec::builtins
