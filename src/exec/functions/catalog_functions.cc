// System catalog information functions: what psql and other tools call to describe objects
// (pg_get_indexdef, pg_table_is_visible, format_type, pg_relation_size ...).
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "common/catalog_access.h"
#include "exec/functions/builtins.h"
#include "types/array.h"
#include "types/decimal.h"
#include "types/type_io.h"

namespace zijin::exec::builtins {
namespace {

Result<const common::CatalogAccess*> Catalog(const FunctionContext& ctx) {
  if (ctx.catalog == nullptr) {
    return Status::NotSupported("catalog lookups are not available here");
  }
  return ctx.catalog;
}

uint32_t OidArg(const Value& v) { return static_cast<uint32_t>(v.GetInt()); }

Value NullText() { return Value::Null(TypeId::kText); }
Value OptText(const std::optional<std::string>& s) { return s ? Value::Text(*s) : NullText(); }

Result<Value> FnTableIsVisible(const Value* a, size_t, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  std::optional<bool> v = c->RelationVisible(OidArg(a[0]));
  return v ? Value::Bool(*v) : Value::Null(TypeId::kBool);
}

// Every type and function Zijin has lives in pg_catalog, which is always searched.
Result<Value> FnTypeIsVisible(const Value* a, size_t, FunctionContext&) {
  if (!types::FormatPgType(OidArg(a[0]), std::nullopt)) return Value::Null(TypeId::kBool);
  return Value::Bool(true);
}

const ScalarFunction* FindScalar(uint32_t oid) {
  for (const ScalarFunction& f : AllScalarFunctions()) {
    if (f.oid == oid) return &f;
  }
  return nullptr;
}

const AggregateFunction* FindAggregate(uint32_t oid) {
  for (const AggregateFunction& f : AllAggregateFunctions()) {
    if (f.oid == oid) return &f;
  }
  return nullptr;
}

Result<Value> FnFunctionIsVisible(const Value* a, size_t, FunctionContext&) {
  uint32_t oid = OidArg(a[0]);
  if (oid == 0 || (FindScalar(oid) == nullptr && FindAggregate(oid) == nullptr)) {
    return Value::Null(TypeId::kBool);
  }
  return Value::Bool(true);
}

// Zijin's collations (pg_collation): default, C and POSIX, all in pg_catalog.
Result<Value> FnCollationIsVisible(const Value* a, size_t, FunctionContext&) {
  uint32_t oid = OidArg(a[0]);
  if (oid != 100 && oid != 950 && oid != 951) return Value::Null(TypeId::kBool);
  return Value::Bool(true);
}

// Zijin has no operator classes or families a user can name (pg_opclass is empty).
Result<Value> FnNoSuchObjectVisible(const Value*, size_t, FunctionContext&) {
  return Value::Null(TypeId::kBool);
}

// The server encoding is always UTF8.
Result<Value> FnDatabaseEncoding(const Value*, size_t, FunctionContext&) {
  return Value::String(TypeId::kName, "UTF8");
}

// pg_default and pg_global live in the data directory: PostgreSQL gives "" for them, and they
// are the only tablespaces.
Result<Value> FnTablespaceLocation(const Value*, size_t, FunctionContext&) {
  return Value::Text("");
}

Result<Value> FnGetUserById(const Value* a, size_t, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  std::optional<std::string> name = c->RoleName(OidArg(a[0]));
  if (!name) name = "unknown (OID=" + std::to_string(OidArg(a[0])) + ")";
  return Value::String(TypeId::kName, *name);
}

// format_type(type, typmod): NULL type gives NULL; a NULL typmod prints the type without one.
Result<Value> FnFormatType(const Value* a, size_t, FunctionContext&) {
  if (a[0].is_null()) return NullText();
  std::optional<int32_t> typmod;
  if (!a[1].is_null()) typmod = static_cast<int32_t>(a[1].GetInt());
  return Value::Text(types::FormatPgType(OidArg(a[0]), typmod).value_or("???"));
}

// pg_get_expr(expr, relation [, pretty]): Zijin keeps expressions as SQL text already.
Result<Value> FnGetExpr(const Value* a, size_t, FunctionContext&) {
  return Value::Text(a[0].GetString());
}

Result<Value> FnGetIndexDef(const Value* a, size_t n, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  int column = n > 1 ? static_cast<int>(a[1].GetInt()) : 0;
  bool pretty = n > 2 && a[2].GetBool();
  return OptText(c->IndexDefinition(OidArg(a[0]), column, pretty));
}

Result<Value> FnGetConstraintDef(const Value* a, size_t n, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  return OptText(c->ConstraintDefinition(OidArg(a[0]), n > 1 && a[1].GetBool()));
}

Result<Value> FnGetViewDef(const Value* a, size_t n, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  uint32_t oid = 0;
  if (IsStringFamily(a[0].type())) {
    ZJ_ASSIGN_OR_RETURN(oid, c->RelationOid(a[0].GetString()));
  } else {
    oid = OidArg(a[0]);
  }
  bool pretty = n > 1 && (a[1].type() == TypeId::kBool ? a[1].GetBool() : true);
  return OptText(c->ViewDefinition(oid, pretty));
}

Result<Value> FnGetSerialSequence(const Value* a, size_t, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  ZJ_ASSIGN_OR_RETURN(std::optional<std::string> seq,
                      c->SerialSequence(a[0].GetString(), a[1].GetString()));
  return OptText(seq);
}

// pg_get_triggerdef and the like: there are no triggers, rules, partitions or statistics.
Result<Value> FnNoSuchObject(const Value*, size_t, FunctionContext&) { return NullText(); }

Result<Value> FnEncodingToChar(const Value* a, size_t, FunctionContext&) {
  int64_t e = a[0].GetInt();
  const char* name = e == 6 ? "UTF8" : (e == 0 ? "SQL_ASCII" : "");
  return Value::String(TypeId::kName, name);
}

Result<Value> FnCharToEncoding(const Value* a, size_t, FunctionContext&) {
  std::string n;
  for (char ch : a[0].GetString()) {
    if (ch != '-' && ch != '_')
      n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  }
  if (n == "UTF8" || n == "UNICODE") return Value::Int32(6);
  if (n == "SQLASCII") return Value::Int32(0);
  return Value::Int32(-1);
}

template <common::RelationSizeKind kKind>
Result<Value> FnRelationSize(const Value* a, size_t n, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  if (n > 1 && a[1].GetString() != "main") {
    const std::string& fork = a[1].GetString();
    if (fork != "fsm" && fork != "vm" && fork != "init") {
      return Status::Error(sqlstate::kInvalidParameterValue, "invalid fork name")
          .WithHint("Valid fork names are \"main\", \"fsm\", \"vm\", and \"init\".");
    }
    return Value::Int64(0);  // Zijin has no free space maps, visibility maps or init forks
  }
  std::optional<int64_t> size = c->RelationSize(OidArg(a[0]), kKind);
  return size ? Value::Int64(*size) : Value::Null(TypeId::kInt64);
}

Result<Value> FnDatabaseSize(const Value* a, size_t, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  uint32_t oid = 0;
  if (IsStringFamily(a[0].type())) {
    std::optional<uint32_t> db = c->DatabaseOid(a[0].GetString());
    if (!db) {
      return Status::Error(sqlstate::kUndefinedDatabase,
                           "database \"" + a[0].GetString() + "\" does not exist");
    }
    oid = *db;
  } else {
    oid = OidArg(a[0]);
  }
  std::optional<int64_t> size = c->DatabaseSize(oid);
  return size ? Value::Int64(*size) : Value::Null(TypeId::kInt64);
}

// pg_size_pretty as PostgreSQL 15 prints it: bytes below 10 kB, then kB, MB, GB, TB, PB,
// each up to 20 * 1024 - 1 and rounded half away from zero.
std::string SizePretty(__int128 size) {
  struct Unit {
    const char* name;
    int64_t limit;
    bool round;
    int bits;
  };
  static constexpr Unit kUnits[] = {
      {"bytes", 10 * 1024, false, 0},  {"kB", 20 * 1024 - 1, true, 10},
      {"MB", 20 * 1024 - 1, true, 20}, {"GB", 20 * 1024 - 1, true, 30},
      {"TB", 20 * 1024 - 1, true, 40}, {"PB", 20 * 1024 - 1, true, 50}};
  constexpr size_t kCount = sizeof(kUnits) / sizeof(kUnits[0]);
  auto half_rounded = [](__int128 x) { return (x + (x < 0 ? -1 : 1)) / 2; };
  for (size_t i = 0; i < kCount; ++i) {
    const Unit& u = kUnits[i];
    __int128 abs = size < 0 ? -size : size;
    if (i + 1 == kCount || abs < u.limit) {
      if (u.round) size = half_rounded(size);
      std::string digits;
      bool neg = size < 0;
      __int128 m = neg ? -size : size;
      do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
        m /= 10;
      } while (m > 0);
      return (neg ? "-" : "") + digits + " " + u.name;
    }
    const Unit& next = kUnits[i + 1];
    int bits = next.bits - u.bits - (next.round ? 1 : 0) + (u.round ? 1 : 0);
    size /= static_cast<__int128>(1) << bits;
  }
  return "";
}

Result<Value> FnSizePretty(const Value* a, size_t, FunctionContext&) {
  if (a[0].type() != TypeId::kNumeric) return Value::Text(SizePretty(a[0].GetInt()));
  types::Decimal d = a[0].GetDecimal();
  if (!d.finite()) return Value::Text(types::ToText(a[0]) + " bytes");
  // Whole bytes: the fraction is dropped, as numeric's division to an integer does.
  __int128 u = d.unscaled;
  for (int32_t s = d.scale; s > 0; --s) u /= 10;
  for (int32_t s = d.scale; s < 0 && u < (static_cast<__int128>(1) << 120); ++s) u *= 10;
  return Value::Text(SizePretty(u));
}

// The session's user is a superuser: every privilege on every object it can name.
Result<Value> FnHasPrivilege(const Value*, size_t, FunctionContext&) { return Value::Bool(true); }

Result<Value> FnHasTablePrivilege(const Value* a, size_t, FunctionContext& ctx) {
  if (IsStringFamily(a[0].type())) {
    ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
    ZJ_RETURN_IF_ERROR(c->RelationOid(a[0].GetString()).status());
  }
  return Value::Bool(true);
}

// A parameter or result type as pg_get_function_arguments prints it (pseudo-types too).
std::string ProcTypeName(uint32_t oid) {
  return types::FormatPgType(oid, std::nullopt).value_or("???");
}

// A parameter default as PostgreSQL deparses it: numbers and booleans bare, the rest quoted and
// cast.
std::string DefaultText(const Value& v, uint32_t type_oid) {
  if (v.is_null()) return "NULL::" + ProcTypeName(type_oid);
  std::string text = types::ToText(v);
  if (v.type() == TypeId::kBool) return v.GetBool() ? "true" : "false";
  if (IsNumericFamily(v.type()) && !text.empty() && text[0] != '-') return text;
  std::string quoted = "'";
  for (char ch : text) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
  return quoted + "'::" + ProcTypeName(type_oid);
}

// pg_get_function_arguments (with defaults) and pg_get_function_identity_arguments.
Result<Value> FunctionArguments(uint32_t oid, bool with_defaults) {
  std::vector<std::string> parts;
  if (const ScalarFunction* f = FindScalar(oid)) {
    ProcSignature sig = SignatureOf(*f);
    size_t first_default = f->arg_types.size() - f->defaults.size();
    for (size_t i = 0; i < sig.args.size(); ++i) {
      std::string p;
      if (f->variadic && i + 1 == sig.args.size()) p = "VARIADIC ";
      if (i < f->arg_names.size() && !f->arg_names[i].empty()) p += f->arg_names[i] + " ";
      p += ProcTypeName(sig.args[i]);
      if (with_defaults && i >= first_default) {
        p += " DEFAULT " + DefaultText(f->defaults[i - first_default], sig.args[i]);
      }
      parts.push_back(std::move(p));
    }
  } else if (const AggregateFunction* g = FindAggregate(oid)) {
    ProcSignature sig = SignatureOf(*g);
    for (uint32_t a : sig.args) parts.push_back(ProcTypeName(a));
  } else {
    return NullText();
  }
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return Value::Text(s);
}

Result<Value> FnFunctionArguments(const Value* a, size_t, FunctionContext&) {
  return FunctionArguments(OidArg(a[0]), true);
}

Result<Value> FnFunctionIdentityArguments(const Value* a, size_t, FunctionContext&) {
  return FunctionArguments(OidArg(a[0]), false);
}

Result<Value> FnFunctionResult(const Value* a, size_t, FunctionContext&) {
  uint32_t oid = OidArg(a[0]);
  if (const ScalarFunction* f = FindScalar(oid)) {
    return Value::Text(ProcTypeName(SignatureOf(*f).result));
  }
  if (const AggregateFunction* g = FindAggregate(oid)) {
    return Value::Text(ProcTypeName(SignatureOf(*g).result));
  }
  return NullText();
}

// Zijin has no publications: a permanent table could be published, nothing else.
Result<Value> FnRelationIsPublishable(const Value* a, size_t, FunctionContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(const common::CatalogAccess* c, Catalog(ctx));
  std::optional<char> kind = c->RelationKind(OidArg(a[0]));
  if (!kind) return Value::Null(TypeId::kBool);
  return Value::Bool(*kind == 'r' && OidArg(a[0]) >= 16384);
}

// to_regclass and friends: the OID, or NULL where the cast would fail.
template <TypeId kType>
Result<Value> FnToReg(const Value* a, size_t, FunctionContext& ctx) {
  types::FormatOptions opts;
  if (ctx.format != nullptr) opts = *ctx.format;
  opts.catalog = ctx.catalog;
  std::string text = a[0].GetString();
  // Numbers are not names here: to_regclass('16384') looks for a relation so named.
  bool digits = !text.empty();
  for (char ch : text) digits &= ch >= '0' && ch <= '9';
  if (digits) return Value::Null(kType);
  Result<Value> v = types::ParseText(text, LogicalType(kType), opts);
  if (!v.ok()) {
    const Status& st = v.status();
    if (st.Is(sqlstate::kInvalidName) || st.Is(sqlstate::kSyntaxError) ||
        st.Is(sqlstate::kFeatureNotSupported)) {
      return st;
    }
    return Value::Null(kType);
  }
  return *v;
}

// PostgreSQL's pg_proc OIDs for the functions whose parameters it types differently
// (pg_node_tree where Zijin has text).
ScalarFunction WithOid(ScalarFunction f, uint32_t oid) {
  f.oid = oid;
  return f;
}

}  // namespace

void AddCatalogFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType oid(TypeId::kOid), text(TypeId::kText), name(TypeId::kName),
      boolean(TypeId::kBool), i4(TypeId::kInt32), i8(TypeId::kInt64),
      numeric(TypeId::kNumeric), regclass(TypeId::kRegclass);
  auto stable = [&](ScalarFunction f) { out->push_back(Stable(std::move(f))); };
  stable(Fn("pg_table_is_visible", {oid}, boolean, FnTableIsVisible));
  stable(Fn("pg_type_is_visible", {oid}, boolean, FnTypeIsVisible));
  stable(Fn("pg_function_is_visible", {oid}, boolean, FnFunctionIsVisible));
  stable(Fn("pg_get_userbyid", {oid}, name, FnGetUserById));
  stable(Fn("pg_collation_is_visible", {oid}, boolean, FnCollationIsVisible));
  stable(Fn("pg_opclass_is_visible", {oid}, boolean, FnNoSuchObjectVisible));
  stable(Fn("pg_opfamily_is_visible", {oid}, boolean, FnNoSuchObjectVisible));
  stable(Fn("getdatabaseencoding", {}, name, FnDatabaseEncoding));
  stable(Fn("pg_tablespace_location", {oid}, text, FnTablespaceLocation));
  stable(NonStrict(Fn("format_type", {oid, i4}, text, FnFormatType)));
  stable(WithOid(Fn("pg_get_expr", {text, oid}, text, FnGetExpr), 1716));
  stable(WithOid(Fn("pg_get_expr", {text, oid, boolean}, text, FnGetExpr), 2509));
  stable(Fn("pg_get_indexdef", {oid}, text, FnGetIndexDef));
  stable(Fn("pg_get_indexdef", {oid, i4, boolean}, text, FnGetIndexDef));
  stable(Fn("pg_get_constraintdef", {oid}, text, FnGetConstraintDef));
  stable(Fn("pg_get_constraintdef", {oid, boolean}, text, FnGetConstraintDef));
  stable(Fn("pg_get_viewdef", {oid}, text, FnGetViewDef));
  stable(Fn("pg_get_viewdef", {oid, boolean}, text, FnGetViewDef));
  stable(Fn("pg_get_viewdef", {oid, i4}, text, FnGetViewDef));
  stable(Fn("pg_get_viewdef", {text}, text, FnGetViewDef));
  stable(Fn("pg_get_viewdef", {text, boolean}, text, FnGetViewDef));
  stable(Fn("pg_get_serial_sequence", {text, text}, text, FnGetSerialSequence));
  stable(Fn("pg_get_statisticsobjdef_columns", {oid}, text, FnNoSuchObject));
  stable(Fn("pg_get_triggerdef", {oid}, text, FnNoSuchObject));
  stable(Fn("pg_get_triggerdef", {oid, boolean}, text, FnNoSuchObject));
  stable(Fn("pg_get_ruledef", {oid}, text, FnNoSuchObject));
  stable(Fn("pg_get_ruledef", {oid, boolean}, text, FnNoSuchObject));
  stable(Fn("pg_get_partkeydef", {oid}, text, FnNoSuchObject));
  stable(Fn("pg_get_function_sqlbody", {oid}, text, FnNoSuchObject));
  stable(Fn("pg_get_function_arguments", {oid}, text, FnFunctionArguments));
  stable(Fn("pg_get_function_identity_arguments", {oid}, text, FnFunctionIdentityArguments));
  stable(Fn("pg_get_function_result", {oid}, text, FnFunctionResult));
  stable(Fn("pg_relation_is_publishable", {regclass}, boolean, FnRelationIsPublishable));
  out->push_back(Fn("pg_encoding_to_char", {i4}, name, FnEncodingToChar));
  out->push_back(Fn("pg_char_to_encoding", {name}, i4, FnCharToEncoding));
  auto size_fn = [&](ScalarFunction f) { out->push_back(Volatile(std::move(f))); };
  size_fn(Fn("pg_relation_size", {regclass}, i8, FnRelationSize<common::RelationSizeKind::kMain>));
  size_fn(Fn("pg_relation_size", {regclass, text}, i8,
             FnRelationSize<common::RelationSizeKind::kMain>));
  size_fn(Fn("pg_table_size", {regclass}, i8, FnRelationSize<common::RelationSizeKind::kTable>));
  size_fn(Fn("pg_indexes_size", {regclass}, i8,
             FnRelationSize<common::RelationSizeKind::kIndexes>));
  size_fn(Fn("pg_total_relation_size", {regclass}, i8,
             FnRelationSize<common::RelationSizeKind::kTotal>));
  size_fn(Fn("pg_database_size", {name}, i8, FnDatabaseSize));
  size_fn(Fn("pg_database_size", {oid}, i8, FnDatabaseSize));
  out->push_back(Fn("pg_size_pretty", {i8}, text, FnSizePretty));
  out->push_back(Fn("pg_size_pretty", {numeric}, text, FnSizePretty));
  stable(Fn("has_database_privilege", {text, text}, boolean, FnHasPrivilege));
  stable(Fn("has_database_privilege", {oid, text}, boolean, FnHasPrivilege));
  stable(Fn("has_schema_privilege", {text, text}, boolean, FnHasPrivilege));
  stable(Fn("has_schema_privilege", {oid, text}, boolean, FnHasPrivilege));
  stable(Fn("has_table_privilege", {text, text}, boolean, FnHasTablePrivilege));
  stable(Fn("has_table_privilege", {oid, text}, boolean, FnHasTablePrivilege));
  stable(Fn("to_regclass", {text}, regclass, FnToReg<TypeId::kRegclass>));
  stable(Fn("to_regtype", {text}, LogicalType(TypeId::kRegtype), FnToReg<TypeId::kRegtype>));
  stable(Fn("to_regnamespace", {text}, LogicalType(TypeId::kRegnamespace),
            FnToReg<TypeId::kRegnamespace>));
  stable(Fn("to_regrole", {text}, LogicalType(TypeId::kRegrole), FnToReg<TypeId::kRegrole>));
}

}  // namespace zijin::exec::builtins
