// LogicalType and Value: the SQL type system's vocabulary, shared by every layer above storage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zijin::types {

// The SQL types Zijin implements. Numbering is internal (never on disk: the catalog stores
// PostgreSQL type OIDs).
enum class TypeId : uint8_t {
  kUnknown = 0,  // an untyped literal ('abc' before resolution) or a bare NULL
  kBool,
  kInt16,
  kInt32,
  kInt64,
  kFloat32,
  kFloat64,
  kNumeric,
  kText,
  kVarchar,
  kChar,  // blank-padded char(n), PostgreSQL's bpchar
  kBytea,
  kDate,
  kTime,
  kTimestamp,
  kTimestampTz,
  kInterval,
  kOid,   // catalog object identifiers (unsigned 32-bit)
  kName,  // catalog names (behaves as text)
  kTimeTz,  // time with time zone
  kArray,   // one-dimensional array of LogicalType::elem (see types/array.h)
  kUuid,    // 16 bytes, kept in the string payload
  // OID alias types: an oid that reads and prints as the name of a relation, type, schema or
  // role (regclass 't', regtype 'integer' ...). Names need the catalog: see
  // FormatOptions::catalog.
  kRegclass,
  kRegtype,
  kRegnamespace,
  kRegrole,
};

// A type with its modifier. typmod: varchar(n)/char(n) = n; numeric(p,s) = (p << 16) | s;
// time/timestamp precision is not kept; an array's typmod is its elements'. -1 = no modifier.
struct LogicalType {
  TypeId id = TypeId::kUnknown;
  TypeId elem = TypeId::kUnknown;  // kArray: the element type (kUnknown: PostgreSQL's anyarray)
  int32_t typmod = -1;

  constexpr LogicalType() = default;
  constexpr LogicalType(TypeId i, int32_t m = -1) : id(i), typmod(m) {}  // NOLINT
  static constexpr LogicalType Numeric(int precision, int scale) {
    return LogicalType(TypeId::kNumeric, (precision << 16) | scale);
  }
  // An array of `element` (which carries the typmod).
  static constexpr LogicalType Array(const LogicalType& element) {
    LogicalType t(TypeId::kArray, element.typmod);
    t.elem = element.id;
    return t;
  }
  LogicalType element() const { return LogicalType(elem, typmod); }
  int numeric_precision() const { return typmod < 0 ? -1 : (typmod >> 16); }
  int numeric_scale() const { return typmod < 0 ? -1 : (typmod & 0xffff); }

  bool operator==(const LogicalType& o) const {
    return id == o.id && typmod == o.typmod && elem == o.elem;
  }
  bool operator!=(const LogicalType& o) const { return !(*this == o); }

  // PostgreSQL's name for the type as format_type() prints it: "integer",
  // "character varying(10)", "numeric(10,2)", "timestamp without time zone".
  std::string ToString() const;
  // The PostgreSQL type OID (23 for integer, 1043 for varchar, 705 for unknown ...).
  uint32_t PgOid() const;
  // Fixed length in bytes as RowDescription reports it (typlen), -1 for variable length.
  int16_t PgTypLen() const;
  // The modifier as PostgreSQL stores it (pg_attribute.atttypmod): varchar(n), char(n) and
  // numeric carry the 4-byte varlena header, so varchar(10) is 14.
  int32_t PgTypmod() const;
};

// Maps a PostgreSQL type OID to a type; kUnknown when unsupported.
LogicalType TypeFromPgOid(uint32_t oid);
// PostgreSQL's format_type(oid, typmod), typmod in PostgreSQL's form (LogicalType::PgTypmod);
// typmod nullopt is format_type(oid, NULL), which names bpchar "character" rather than
// "bpchar". "character varying(10)", "numeric(12,2)", "integer[]"; nullopt for an OID Zijin
// has no type for.
std::optional<std::string> FormatPgType(uint32_t oid, std::optional<int32_t> typmod);
// PostgreSQL's pseudo-types (trigger, void, record, anyelement ...): the name of one by OID, ""
// when `oid` is none; the OID of one by name, 0 when `name` is none.
std::string_view PgPseudoTypeName(uint32_t oid);
uint32_t PgPseudoTypeOid(std::string_view name);
// pg_type.typname: "int4", "varchar", "timestamptz", "_int4" for int4[].
std::string PgTypeName(const LogicalType& t);
// pg_type.typinput: the name of the type's input function ("int4in", "date_in", "array_in").
std::string PgTypInput(const LogicalType& t);
// The OID of the array type over `t` (1007 for integer), 0 when there is none.
uint32_t PgArrayOid(TypeId t);

bool IsInteger(TypeId t);  // int2, int4, int8
bool IsNumericFamily(TypeId t);  // integers, floats, numeric
bool IsStringFamily(TypeId t);  // text, varchar, char, name, unknown
bool IsDateTime(TypeId t);  // date, time, timetz, timestamp, timestamptz, interval
bool IsOidFamily(TypeId t);  // oid and the reg* alias types

// Decimal: value = unscaled * 10^-scale, with up to 38 significant digits; or one of
// PostgreSQL's special numeric values NaN, Infinity, -Infinity (unscaled 0, scale 0).
// The scale is the display scale when >= 0. A negative scale only holds integers whose digits
// do not fit (1e300 is {1, -300}); values that fit are always kept with scale >= 0.
struct Decimal {
  enum class Kind : uint8_t { kFinite, kNaN, kPosInf, kNegInf };

  __int128 unscaled = 0;
  int32_t scale = 0;
  Kind kind = Kind::kFinite;

  bool finite() const { return kind == Kind::kFinite; }
  bool is_nan() const { return kind == Kind::kNaN; }
  bool is_inf() const { return kind == Kind::kPosInf || kind == Kind::kNegInf; }
  // -1, 0 or 1 (NaN: 0); infinities count as signed.
  int sign() const {
    if (kind == Kind::kPosInf) return 1;
    if (kind == Kind::kNegInf) return -1;
    return unscaled > 0 ? 1 : (unscaled < 0 ? -1 : 0);
  }
  static Decimal NaN() { return Special(Kind::kNaN); }
  static Decimal Infinity(bool negative) {
    return Special(negative ? Kind::kNegInf : Kind::kPosInf);
  }

 private:
  static Decimal Special(Kind k) {
    Decimal d;
    d.kind = k;
    return d;
  }
};

// PostgreSQL's interval: months, days and microseconds kept apart.
struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
};

// PostgreSQL's time with time zone: a time of day and the UTC offset it was given with.
struct TimeTz {
  int64_t micros = 0;  // since midnight, local to the offset
  int32_t offset = 0;  // seconds east of UTC (PostgreSQL stores the negation, seconds west)
};

// One SQL value. Dates are days since 2000-01-01; time is microseconds since midnight;
// timestamp and timestamptz are microseconds since 2000-01-01 00:00:00 (timestamptz in UTC);
// time with time zone keeps its time and offset apart; text, varchar, char, name and bytea keep
// their bytes in a string.
class Value {
 public:
  Value() = default;  // NULL of unknown type

  static Value Null(TypeId t = TypeId::kUnknown) {
    Value v;
    v.type_ = t;
    return v;
  }
  static Value Bool(bool b) { return Fixed(TypeId::kBool, b ? 1 : 0); }
  static Value Int16(int16_t i) { return Fixed(TypeId::kInt16, i); }
  static Value Int32(int32_t i) { return Fixed(TypeId::kInt32, i); }
  static Value Int64(int64_t i) { return Fixed(TypeId::kInt64, i); }
  static Value Oid(uint32_t i) { return Fixed(TypeId::kOid, i); }
  // An oid or one of its alias types (regclass ...).
  static Value OidOf(TypeId t, uint32_t i) { return Fixed(t, i); }
  static Value Float32(float f) { return Float(TypeId::kFloat32, f); }
  static Value Float64(double d) { return Float(TypeId::kFloat64, d); }
  static Value Numeric(Decimal d) {
    Value v;
    v.type_ = TypeId::kNumeric;
    v.null_ = false;
    v.u_.dec = d;
    return v;
  }
  static Value Text(std::string s) { return String(TypeId::kText, std::move(s)); }
  static Value String(TypeId t, std::string s) {
    Value v;
    v.type_ = t;
    v.null_ = false;
    v.s_ = std::move(s);
    return v;
  }
  static Value Bytea(std::string s) { return String(TypeId::kBytea, std::move(s)); }
  // An array in PostgreSQL's binary array format; build one with types::MakeArray.
  static Value Array(std::string payload) { return String(TypeId::kArray, std::move(payload)); }
  static Value Date(int32_t days) { return Fixed(TypeId::kDate, days); }
  static Value Time(int64_t micros) { return Fixed(TypeId::kTime, micros); }
  static Value Timestamp(int64_t micros) { return Fixed(TypeId::kTimestamp, micros); }
  static Value TimestampTz(int64_t micros) { return Fixed(TypeId::kTimestampTz, micros); }
  static Value MakeTimeTz(TimeTz t) {
    Value v;
    v.type_ = TypeId::kTimeTz;
    v.null_ = false;
    v.u_.tz = t;
    return v;
  }
  static Value MakeInterval(Interval iv) {
    Value v;
    v.type_ = TypeId::kInterval;
    v.null_ = false;
    v.u_.iv = iv;
    return v;
  }

  TypeId type() const { return type_; }
  bool is_null() const { return null_; }

  bool GetBool() const { return u_.i != 0; }
  // The integer payload of bool, int2/4/8, oid (and reg*), date, time, timestamp and timestamptz.
  int64_t GetInt() const { return u_.i; }
  double GetDouble() const { return u_.d; }  // float4 and float8
  const Decimal& GetDecimal() const { return u_.dec; }
  const Interval& GetInterval() const { return u_.iv; }
  const TimeTz& GetTimeTz() const { return u_.tz; }
  const std::string& GetString() const { return s_; }  // string types, bytea, arrays
  std::string& MutableString() { return s_; }

  // Re-labels the payload with another type of the same representation (text -> varchar,
  // int4 -> int8 is NOT this: use Cast). Used by casts between representation-equal types.
  void Relabel(TypeId t) { type_ = t; }

 private:
  static Value Fixed(TypeId t, int64_t i) {
    Value v;
    v.type_ = t;
    v.null_ = false;
    v.u_.i = i;
    return v;
  }
  static Value Float(TypeId t, double d) {
    Value v;
    v.type_ = t;
    v.null_ = false;
    v.u_.d = d;
    return v;
  }

  TypeId type_ = TypeId::kUnknown;
  bool null_ = true;
  union U {
    int64_t i;
    double d;
    Decimal dec;
    Interval iv;
    TimeTz tz;
    U() : dec() {}
  } u_;
  std::string s_;
};

}  // namespace zijin::types
