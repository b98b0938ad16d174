// SQL type names (as the parser spells them) to LogicalType, with PostgreSQL's typmod checks.
#include "types/type_names.h"

#include <string>

namespace zijin::types {

namespace {

Status InvalidParam(std::string msg) {
  return Status::Error(sqlstate::kInvalidParameterValue, std::move(msg));
}

Status NoModifier(std::string_view name) {
  return Status::Error(sqlstate::kSyntaxError,
                       "type modifier is not allowed for type \"" + std::string(name) + "\"");
}

Result<LogicalType> CharType(TypeId id, const char* pg_name, const std::vector<int32_t>& mods,
                             int32_t default_len) {
  if (mods.empty()) return LogicalType(id, default_len);
  if (mods.size() > 1) {
    return InvalidParam(std::string("invalid type modifier"));
  }
  int32_t n = mods[0];
  if (n < 1) return InvalidParam(std::string("length for type ") + pg_name + " must be at least 1");
  if (n > 10485760) {
    return InvalidParam(std::string("length for type ") + pg_name + " cannot exceed 10485760");
  }
  return LogicalType(id, n);
}

Result<LogicalType> NumericType(const std::vector<int32_t>& mods) {
  if (mods.empty()) return LogicalType(TypeId::kNumeric);
  if (mods.size() > 2) return InvalidParam("invalid NUMERIC type modifier");
  int32_t p = mods[0];
  int32_t s = mods.size() == 2 ? mods[1] : 0;
  if (p < 1 || p > 1000) {
    return InvalidParam("NUMERIC precision " + std::to_string(p) + " must be between 1 and 1000");
  }
  if (s < -1000 || s > 1000) {
    return InvalidParam("NUMERIC scale " + std::to_string(s) + " must be between -1000 and 1000");
  }
  if (s < 0) return Status::NotSupported("negative NUMERIC scale is not supported");
  return LogicalType::Numeric(p, s);
}

Result<LogicalType> FloatType(const std::vector<int32_t>& mods) {
  if (mods.empty()) return LogicalType(TypeId::kFloat64);
  if (mods.size() > 1) return InvalidParam("invalid type modifier");
  int32_t p = mods[0];
  if (p < 1) return InvalidParam("precision for type float must be at least 1 bit");
  if (p > 53) return InvalidParam("precision for type float must be less than 54 bits");
  return LogicalType(p <= 24 ? TypeId::kFloat32 : TypeId::kFloat64);
}

// time(p) / timestamp(p): PostgreSQL accepts 0..6 (more is reduced with a warning); Zijin does
// not keep the precision.
Result<LogicalType> DateTimeType(TypeId id, const char* pg_name, const std::vector<int32_t>& mods) {
  if (mods.empty()) return LogicalType(id);
  if (mods.size() > 1) return InvalidParam("invalid type modifier");
  if (mods[0] < 0) {
    return InvalidParam(std::string(pg_name) + "(" + std::to_string(mods[0]) +
                        ") precision must not be negative");
  }
  return LogicalType(id);
}

Result<LogicalType> ScalarTypeFromName(std::string_view name, const std::vector<int32_t>& mods) {
  struct Simple {
    std::string_view name;
    TypeId id;
  };
  static constexpr Simple kSimple[] = {
      {"int", TypeId::kInt32},          {"int4", TypeId::kInt32},
      {"integer", TypeId::kInt32},      {"int2", TypeId::kInt16},
      {"smallint", TypeId::kInt16},     {"int8", TypeId::kInt64},
      {"bigint", TypeId::kInt64},       {"real", TypeId::kFloat32},
      {"float4", TypeId::kFloat32},     {"float8", TypeId::kFloat64},
      {"double precision", TypeId::kFloat64}, {"text", TypeId::kText},
      {"bytea", TypeId::kBytea},        {"date", TypeId::kDate},
      {"boolean", TypeId::kBool},       {"bool", TypeId::kBool},
      {"oid", TypeId::kOid},            {"name", TypeId::kName},
      {"unknown", TypeId::kUnknown},    {"uuid", TypeId::kUuid},
      {"regclass", TypeId::kRegclass},  {"regtype", TypeId::kRegtype},
      {"regnamespace", TypeId::kRegnamespace}, {"regrole", TypeId::kRegrole},
  };
  for (const Simple& s : kSimple) {
    if (s.name == name) {
      if (!mods.empty()) return NoModifier(name);
      return LogicalType(s.id);
    }
  }
  if (name == "float") return FloatType(mods);
  if (name == "numeric" || name == "decimal") return NumericType(mods);
  if (name == "varchar" || name == "character varying") {
    return CharType(TypeId::kVarchar, "varchar", mods, -1);
  }
  if (name == "char" || name == "character") return CharType(TypeId::kChar, "char", mods, 1);
  if (name == "bpchar") return CharType(TypeId::kChar, "char", mods, -1);
  if (name == "time" || name == "time without time zone") {
    return DateTimeType(TypeId::kTime, "TIME", mods);
  }
  if (name == "timetz" || name == "time with time zone") {
    return DateTimeType(TypeId::kTimeTz, "TIME", mods);
  }
  if (name == "timestamp" || name == "timestamp without time zone") {
    return DateTimeType(TypeId::kTimestamp, "TIMESTAMP", mods);
  }
  if (name == "timestamptz" || name == "timestamp with time zone") {
    return DateTimeType(TypeId::kTimestampTz, "TIMESTAMP", mods);
  }
  if (name == "interval") {
    if (!mods.empty()) return Status::NotSupported("interval type modifiers are not supported");
    return LogicalType(TypeId::kInterval);
  }
  return Status::Error(sqlstate::kUndefinedObject,
                       "type \"" + std::string(name) + "\" does not exist");
}

}  // namespace

Result<LogicalType> TypeFromName(std::string_view name, const std::vector<int32_t>& mods,
                                 bool is_array) {
  if (is_array || (name.size() > 1 && name[0] == '_')) {
    Result<LogicalType> elem = TypeFromName(is_array ? name : name.substr(1), mods);
    if (!elem.ok()) {
      if (is_array) return elem;
      return Status::Error(sqlstate::kUndefinedObject,
                           "type \"" + std::string(name) + "\" does not exist");
    }
    if (elem->id == TypeId::kArray || PgArrayOid(elem->id) == 0) {
      return Status::Error(sqlstate::kUndefinedObject,
                           "type \"" + elem->ToString() + "[]\" does not exist");
    }
    return LogicalType::Array(*elem);
  }
  return ScalarTypeFromName(name, mods);
}

}  // namespace zijin::types
