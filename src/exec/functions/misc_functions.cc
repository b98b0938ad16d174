// Session and system information functions, GREATEST/LEAST, pg_typeof and friends.
#include <openssl/rand.h>

#include <cstdio>

#include "exec/functions/builtins.h"
#include "types/compare.h"
#include "types/type_io.h"

namespace zijin::exec::builtins {

std::string ValueText(const Value& v, const FunctionContext& ctx) {
  if (IsStringFamily(v.type())) return v.GetString();
  if (ctx.format != nullptr) return types::ToText(v, *ctx.format);
  return types::ToText(v);
}

namespace {

Result<Value> FnVersion(const Value*, size_t, FunctionContext&) {
  return Value::Text("PostgreSQL 15.0 (Zijin 0.1) on x86_64-pc-linux-gnu, compiled by g++, 64-bit");
}

Result<Value> FnCurrentDatabase(const Value*, size_t, FunctionContext& ctx) {
  return Value::String(TypeId::kName, ctx.current_database);
}

Result<Value> FnCurrentSchema(const Value*, size_t, FunctionContext& ctx) {
  if (ctx.current_schema.empty()) return Value::Null(TypeId::kName);
  return Value::String(TypeId::kName, ctx.current_schema);
}

Result<Value> FnCurrentUser(const Value*, size_t, FunctionContext& ctx) {
  return Value::String(TypeId::kName, ctx.current_user);
}

Result<Value> FnSessionUser(const Value*, size_t, FunctionContext& ctx) {
  return Value::String(TypeId::kName,
                       ctx.session_user.empty() ? ctx.current_user : ctx.session_user);
}

Result<Value> FnBackendPid(const Value*, size_t, FunctionContext& ctx) {
  return Value::Int32(ctx.backend_pid);
}

Result<Value> FnGenRandomUuid(const Value*, size_t, FunctionContext&) {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof(b)) != 1) return Status::Internal("could not generate random values");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  return Value::String(TypeId::kUuid, std::string(reinterpret_cast<const char*>(b), sizeof(b)));
}

// obj_description / col_description / shobj_description: there is no COMMENT yet, so no
// object has a description.
Result<Value> FnNoDescription(const Value*, size_t, FunctionContext&) {
  return Value::Null(TypeId::kText);
}

Result<Value> FnPgTypeof(const Value* a, size_t, FunctionContext&) {
  return Value::Text(LogicalType(a[0].type()).ToString());
}

template <bool kNulls>
Result<Value> FnNumNulls(const Value* a, size_t n, FunctionContext&) {
  int32_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    if (a[i].is_null() == kNulls) ++count;
  }
  return Value::Int32(count);
}

// GREATEST / LEAST: NULL arguments are ignored; all NULL gives NULL. The arguments arrive
// already cast to their common type.
template <bool kGreatest>
Result<Value> FnExtreme(const Value* a, size_t n, FunctionContext&) {
  const Value* best = nullptr;
  for (size_t i = 0; i < n; ++i) {
    if (a[i].is_null()) continue;
    if (best == nullptr) {
      best = &a[i];
      continue;
    }
    int c = types::CompareValues(a[i], *best);
    if (kGreatest ? c > 0 : c < 0) best = &a[i];
  }
  if (best == nullptr) return Value::Null(n > 0 ? a[0].type() : TypeId::kUnknown);
  return *best;
}

}  // namespace

void AddMiscFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText), name(TypeId::kName), i4(TypeId::kInt32);
  const LogicalType any(kAnyArg);
  out->push_back(Stable(Fn("version", {}, text, FnVersion)));
  out->push_back(Stable(Fn("current_database", {}, name, FnCurrentDatabase)));
  out->push_back(Stable(Fn("current_catalog", {}, name, FnCurrentDatabase)));
  out->push_back(Stable(Fn("current_schema", {}, name, FnCurrentSchema)));
  for (const char* fn : {"current_user", "current_role", "user"}) {
    out->push_back(Stable(Fn(fn, {}, name, FnCurrentUser)));
  }
  out->push_back(Stable(Fn("session_user", {}, name, FnSessionUser)));
  out->push_back(Stable(Fn("pg_backend_pid", {}, i4, FnBackendPid)));
  out->push_back(Volatile(Fn("gen_random_uuid", {}, LogicalType(TypeId::kUuid), FnGenRandomUuid)));
  out->push_back(Stable(NonStrict(Fn("pg_typeof", {any}, text, FnPgTypeof))));
  const LogicalType oid(TypeId::kOid);
  out->push_back(Stable(Fn("obj_description", {oid}, text, FnNoDescription)));
  out->push_back(Stable(Fn("obj_description", {oid, name}, text, FnNoDescription)));
  out->push_back(Stable(Fn("col_description", {oid, i4}, text, FnNoDescription)));
  out->push_back(Stable(Fn("shobj_description", {oid, name}, text, FnNoDescription)));
  out->push_back(NonStrict(Variadic(Fn("num_nulls", {any}, i4, FnNumNulls<true>))));
  out->push_back(NonStrict(Variadic(Fn("num_nonnulls", {any}, i4, FnNumNulls<false>))));
  for (TypeId t : {TypeId::kBool, TypeId::kInt16, TypeId::kInt32, TypeId::kInt64, TypeId::kFloat32,
                   TypeId::kFloat64, TypeId::kNumeric, TypeId::kText, TypeId::kVarchar,
                   TypeId::kChar, TypeId::kName, TypeId::kBytea, TypeId::kDate, TypeId::kTime,
                   TypeId::kTimeTz, TypeId::kTimestamp, TypeId::kTimestampTz, TypeId::kInterval,
                   TypeId::kOid, TypeId::kUuid}) {
    for (bool greatest : {true, false}) {
      ScalarFunction f =
          NonStrict(Variadic(Fn(greatest ? "greatest" : "least", {LogicalType(t)}, LogicalType(t),
                                greatest ? FnExtreme<true> : FnExtreme<false>)));
      f.common_type_args = true;
      out->push_back(std::move(f));
    }
  }
}

}  // namespace zijin::exec::builtins
