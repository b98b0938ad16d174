// LogicalType's PostgreSQL names, OIDs and lengths, and the type-family predicates.
#include "types/value.h"

namespace zijin::types {

namespace {

struct ArrayOid {
  TypeId elem;
  uint32_t oid;
};
constexpr ArrayOid kArrayOids[] = {
    {TypeId::kBool, 1000},        {TypeId::kBytea, 1001},     {TypeId::kName, 1003},
    {TypeId::kInt16, 1005},       {TypeId::kInt32, 1007},     {TypeId::kText, 1009},
    {TypeId::kChar, 1014},        {TypeId::kVarchar, 1015},   {TypeId::kInt64, 1016},
    {TypeId::kFloat32, 1021},     {TypeId::kFloat64, 1022},   {TypeId::kOid, 1028},
    {TypeId::kTimestamp, 1115},   {TypeId::kDate, 1182},      {TypeId::kTime, 1183},
    {TypeId::kTimestampTz, 1185}, {TypeId::kInterval, 1187},  {TypeId::kNumeric, 1231},
    {TypeId::kTimeTz, 1270},      {TypeId::kUuid, 2951},      {TypeId::kRegclass, 2210},
    {TypeId::kRegtype, 2211},     {TypeId::kRegnamespace, 4090}, {TypeId::kRegrole, 4097},
};
constexpr uint32_t kAnyArrayOid = 2277;

// PostgreSQL 15's pseudo-types: no values have them, but function signatures and catalog
// queries name them ('pg_catalog.trigger'::regtype).
struct PseudoType {
  uint32_t oid;
  std::string_view name;
};
constexpr PseudoType kPseudoTypes[] = {
    {32, "pg_ddl_command"},   {269, "table_am_handler"},      {325, "index_am_handler"},
    {2249, "record"},         {2275, "cstring"},              {2276, "any"},
    {kAnyArrayOid, "anyarray"}, {2278, "void"},                {2279, "trigger"},
    {2280, "language_handler"}, {2281, "internal"},            {2283, "anyelement"},
    {2287, "_record"},        {2776, "anynonarray"},          {3115, "fdw_handler"},
    {3310, "tsm_handler"},    {3500, "anyenum"},              {3831, "anyrange"},
    {3838, "event_trigger"},  {4537, "anymultirange"},        {4538, "anycompatiblemultirange"},
    {5077, "anycompatible"},  {5078, "anycompatiblearray"},   {5079, "anycompatiblenonarray"},
    {5080, "anycompatiblerange"},
};

}  // namespace

uint32_t PgArrayOid(TypeId t) {
  for (const ArrayOid& a : kArrayOids) {
    if (a.elem == t) return a.oid;
  }
  return 0;
}

std::string PgTypeName(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kBool: return "bool";
    case TypeId::kInt16: return "int2";
    case TypeId::kInt32: return "int4";
    case TypeId::kInt64: return "int8";
    case TypeId::kFloat32: return "float4";
    case TypeId::kFloat64: return "float8";
    case TypeId::kChar: return "bpchar";
    case TypeId::kVarchar: return "varchar";
    case TypeId::kTime: return "time";
    case TypeId::kTimeTz: return "timetz";
    case TypeId::kTimestamp: return "timestamp";
    case TypeId::kTimestampTz: return "timestamptz";
    case TypeId::kArray:
      return t.elem == TypeId::kUnknown ? "anyarray" : "_" + PgTypeName(LogicalType(t.elem));
    default: return LogicalType(t.id).ToString();
  }
}

std::string PgTypInput(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kArray: return "array_in";
    case TypeId::kNumeric:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kInterval: return PgTypeName(t) + "_in";
    default: return PgTypeName(t) + "in";
  }
}

std::string LogicalType::ToString() const {
  switch (id) {
    case TypeId::kArray:
      if (elem == TypeId::kUnknown) return "anyarray";
      return element().ToString() + "[]";
    case TypeId::kUnknown: return "unknown";
    case TypeId::kBool: return "boolean";
    case TypeId::kInt16: return "smallint";
    case TypeId::kInt32: return "integer";
    case TypeId::kInt64: return "bigint";
    case TypeId::kFloat32: return "real";
    case TypeId::kFloat64: return "double precision";
    case TypeId::kNumeric:
      if (typmod < 0) return "numeric";
      return "numeric(" + std::to_string(numeric_precision()) + "," +
             std::to_string(numeric_scale()) + ")";
    case TypeId::kText: return "text";
    case TypeId::kVarchar:
      if (typmod < 0) return "character varying";
      return "character varying(" + std::to_string(typmod) + ")";
    case TypeId::kChar:
      if (typmod < 0) return "bpchar";
      return "character(" + std::to_string(typmod) + ")";
    case TypeId::kBytea: return "bytea";
    case TypeId::kDate: return "date";
    case TypeId::kTime: return "time without time zone";
    case TypeId::kTimeTz: return "time with time zone";
    case TypeId::kTimestamp: return "timestamp without time zone";
    case TypeId::kTimestampTz: return "timestamp with time zone";
    case TypeId::kInterval: return "interval";
    case TypeId::kOid: return "oid";
    case TypeId::kName: return "name";
    case TypeId::kUuid: return "uuid";
    case TypeId::kRegclass: return "regclass";
    case TypeId::kRegtype: return "regtype";
    case TypeId::kRegnamespace: return "regnamespace";
    case TypeId::kRegrole: return "regrole";
  }
  return "unknown";
}

uint32_t LogicalType::PgOid() const {
  switch (id) {
    case TypeId::kArray: return elem == TypeId::kUnknown ? kAnyArrayOid : PgArrayOid(elem);
    case TypeId::kUnknown: return 705;
    case TypeId::kBool: return 16;
    case TypeId::kInt16: return 21;
    case TypeId::kInt32: return 23;
    case TypeId::kInt64: return 20;
    case TypeId::kFloat32: return 700;
    case TypeId::kFloat64: return 701;
    case TypeId::kNumeric: return 1700;
    case TypeId::kText: return 25;
    case TypeId::kVarchar: return 1043;
    case TypeId::kChar: return 1042;
    case TypeId::kBytea: return 17;
    case TypeId::kDate: return 1082;
    case TypeId::kTime: return 1083;
    case TypeId::kTimeTz: return 1266;
    case TypeId::kTimestamp: return 1114;
    case TypeId::kTimestampTz: return 1184;
    case TypeId::kInterval: return 1186;
    case TypeId::kOid: return 26;
    case TypeId::kName: return 19;
    case TypeId::kUuid: return 2950;
    case TypeId::kRegclass: return 2205;
    case TypeId::kRegtype: return 2206;
    case TypeId::kRegnamespace: return 4089;
    case TypeId::kRegrole: return 4096;
  }
  return 705;
}

int16_t LogicalType::PgTypLen() const {
  switch (id) {
    case TypeId::kBool: return 1;
    case TypeId::kInt16: return 2;
    case TypeId::kInt32:
    case TypeId::kFloat32:
    case TypeId::kDate:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole: return 4;
    case TypeId::kInt64:
    case TypeId::kFloat64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: return 8;
    case TypeId::kInterval:
    case TypeId::kUuid: return 16;
    case TypeId::kTimeTz: return 12;
    case TypeId::kName: return 64;
    case TypeId::kUnknown: return -2;  // PostgreSQL's unknown is a C string (typlen -2)
    default: return -1;
  }
}

int32_t LogicalType::PgTypmod() const {
  if (typmod < 0) return -1;
  TypeId base = id == TypeId::kArray ? elem : id;
  bool varlena = base == TypeId::kVarchar || base == TypeId::kChar || base == TypeId::kNumeric;
  return varlena ? typmod + 4 : typmod;
}

std::string_view PgPseudoTypeName(uint32_t oid) {
  for (const PseudoType& p : kPseudoTypes) {
    if (p.oid == oid) return p.name;
  }
  return {};
}

uint32_t PgPseudoTypeOid(std::string_view name) {
  for (const PseudoType& p : kPseudoTypes) {
    if (p.name == name) return p.oid;
  }
  return 0;
}

std::optional<std::string> FormatPgType(uint32_t oid, std::optional<int32_t> typmod) {
  LogicalType t = TypeFromPgOid(oid);
  if (t.id == TypeId::kUnknown && oid != 705) {
    std::string_view pseudo = PgPseudoTypeName(oid);
    if (pseudo.empty()) return std::nullopt;
    return pseudo == "any" ? std::string("\"any\"") : std::string(pseudo);
  }
  TypeId base = t.id == TypeId::kArray ? t.elem : t.id;
  bool varlena = base == TypeId::kVarchar || base == TypeId::kChar || base == TypeId::kNumeric;
  if (typmod && *typmod >= 0) {
    // Modifiers Zijin keeps (lengths and numeric precision); others print without one.
    t.typmod = varlena && *typmod >= 4 ? *typmod - 4 : -1;
  }
  std::string name;
  if (base == TypeId::kChar && t.typmod < 0) {
    // bpchar with typmod -1 is not character(1): format_type keeps the internal name then.
    name = typmod ? "bpchar" : "character";
  } else {
    name = LogicalType(base, t.typmod).ToString();
  }
  return t.id == TypeId::kArray ? name + "[]" : name;
}

LogicalType TypeFromPgOid(uint32_t oid) {
  for (const ArrayOid& a : kArrayOids) {
    if (a.oid == oid) return LogicalType::Array(LogicalType(a.elem));
  }
  switch (oid) {
    case 16: return TypeId::kBool;
    case 17: return TypeId::kBytea;
    case 19: return TypeId::kName;
    case 20: return TypeId::kInt64;
    case 21: return TypeId::kInt16;
    case 23: return TypeId::kInt32;
    case 25: return TypeId::kText;
    case 26: return TypeId::kOid;
    case 700: return TypeId::kFloat32;
    case 701: return TypeId::kFloat64;
    case 1042: return TypeId::kChar;
    case 1043: return TypeId::kVarchar;
    case 1082: return TypeId::kDate;
    case 1083: return TypeId::kTime;
    case 1266: return TypeId::kTimeTz;
    case 1114: return TypeId::kTimestamp;
    case 1184: return TypeId::kTimestampTz;
    case 1186: return TypeId::kInterval;
    case 1700: return TypeId::kNumeric;
    case 2950: return TypeId::kUuid;
    case 2205: return TypeId::kRegclass;
    case 2206: return TypeId::kRegtype;
    case 4089: return TypeId::kRegnamespace;
    case 4096: return TypeId::kRegrole;
    default: return TypeId::kUnknown;
  }
}

bool IsInteger(TypeId t) {
  return t == TypeId::kInt16 || t == TypeId::kInt32 || t == TypeId::kInt64;
}

bool IsNumericFamily(TypeId t) {
  return IsInteger(t) || t == TypeId::kFloat32 || t == TypeId::kFloat64 || t == TypeId::kNumeric;
}

bool IsOidFamily(TypeId t) {
  return t == TypeId::kOid || t == TypeId::kRegclass || t == TypeId::kRegtype ||
         t == TypeId::kRegnamespace || t == TypeId::kRegrole;
}

bool IsStringFamily(TypeId t) {
  return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kChar || t == TypeId::kName ||
         t == TypeId::kUnknown;
}

bool IsDateTime(TypeId t) {
  return t == TypeId::kDate || t == TypeId::kTime || t == TypeId::kTimeTz ||
         t == TypeId::kTimestamp || t == TypeId::kTimestampTz || t == TypeId::kInterval;
}

}  // namespace zijin::types
