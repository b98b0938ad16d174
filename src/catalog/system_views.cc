// Rows of the system views, computed from one catalog version.
#include "catalog/system_views.h"

#include <string_view>
#include <utility>

#include "common/settings.h"

namespace zijin::catalog {
namespace {

using types::LogicalType;
using types::TypeId;
using types::Value;

const LogicalType kOidT(TypeId::kOid);
const LogicalType kNameT(TypeId::kName);
const LogicalType kTextT(TypeId::kText);
const LogicalType kBoolT(TypeId::kBool);
const LogicalType kInt2T(TypeId::kInt16);
const LogicalType kInt4T(TypeId::kInt32);
const LogicalType kInt8T(TypeId::kInt64);
const LogicalType kFloat4T(TypeId::kFloat32);

Value Name(std::string s) { return Value::String(TypeId::kName, std::move(s)); }
Value Text(std::string s) { return Value::Text(std::move(s)); }
Value OidV(Oid o) { return Value::Oid(o); }
Value NullOf(const LogicalType& t) { return Value::Null(t.id); }

std::vector<SystemView> BuildViews() {
  return {
      {"pg_catalog", "pg_namespace",
       {{"oid", kOidT}, {"nspname", kNameT}, {"nspowner", kOidT}, {"nspacl", kTextT}}},
      {"pg_catalog", "pg_class",
       {{"oid", kOidT},           {"relname", kNameT},        {"relnamespace", kOidT},
        {"reltype", kOidT},       {"relowner", kOidT},        {"relam", kOidT},
        {"relfilenode", kOidT},   {"reltablespace", kOidT},   {"relpages", kInt4T},
        {"reltuples", kFloat4T},  {"relallvisible", kInt4T},  {"reltoastrelid", kOidT},
        {"relhasindex", kBoolT},  {"relisshared", kBoolT},    {"relpersistence", kTextT},
        {"relkind", kTextT},      {"relnatts", kInt2T},       {"relchecks", kInt2T},
        {"relhasrules", kBoolT},  {"relhastriggers", kBoolT}, {"relhassubclass", kBoolT},
        {"relrowsecurity", kBoolT}, {"relforcerowsecurity", kBoolT},
        {"relispopulated", kBoolT}, {"relreplident", kTextT}, {"relispartition", kBoolT},
        {"relacl", kTextT},       {"reloptions", kTextT}}},
      {"pg_catalog", "pg_attribute",
       {{"attrelid", kOidT},     {"attname", kNameT},       {"atttypid", kOidT},
        {"attlen", kInt2T},      {"attnum", kInt2T},        {"atttypmod", kInt4T},
        {"attndims", kInt4T},    {"attnotnull", kBoolT},    {"atthasdef", kBoolT},
        {"atthasmissing", kBoolT}, {"attidentity", kTextT}, {"attgenerated", kTextT},
        {"attisdropped", kBoolT}, {"attislocal", kBoolT},   {"attinhcount", kInt4T},
        {"attcollation", kOidT}}},
      {"pg_catalog", "pg_attrdef",
       {{"oid", kOidT}, {"adrelid", kOidT}, {"adnum", kInt2T}, {"adbin", kTextT}}},
      {"pg_catalog", "pg_type",
       {{"oid", kOidT},          {"typname", kNameT},   {"typnamespace", kOidT},
        {"typowner", kOidT},     {"typlen", kInt2T},    {"typbyval", kBoolT},
        {"typtype", kTextT},     {"typcategory", kTextT}, {"typisdefined", kBoolT},
        {"typdelim", kTextT},    {"typrelid", kOidT},   {"typelem", kOidT},
        {"typarray", kOidT},     {"typinput", kNameT},  {"typnotnull", kBoolT},
        {"typbasetype", kOidT},
        {"typtypmod", kInt4T},   {"typndims", kInt4T},  {"typcollation", kOidT}}},
      {"pg_catalog", "pg_index",
       {{"indexrelid", kOidT},    {"indrelid", kOidT},     {"indnatts", kInt2T},
        {"indnkeyatts", kInt2T},  {"indisunique", kBoolT}, {"indisprimary", kBoolT},
        {"indisexclusion", kBoolT}, {"indimmediate", kBoolT}, {"indisclustered", kBoolT},
        {"indisvalid", kBoolT},   {"indisready", kBoolT},  {"indislive", kBoolT},
        {"indkey", kTextT}}},
      {"pg_catalog", "pg_database",
       {{"oid", kOidT},           {"datname", kNameT},       {"datdba", kOidT},
        {"encoding", kInt4T},     {"datcollate", kTextT},    {"datctype", kTextT},
        {"datistemplate", kBoolT}, {"datallowconn", kBoolT}, {"datconnlimit", kInt4T},
        {"dattablespace", kOidT}, {"datacl", kTextT}}},
      {"pg_catalog", "pg_roles",
       {{"oid", kOidT},           {"rolname", kNameT},       {"rolsuper", kBoolT},
        {"rolinherit", kBoolT},   {"rolcreaterole", kBoolT}, {"rolcreatedb", kBoolT},
        {"rolcanlogin", kBoolT},  {"rolreplication", kBoolT}, {"rolconnlimit", kInt4T},
        {"rolbypassrls", kBoolT}}},
      {"pg_catalog", "pg_settings",
       {{"name", kTextT},      {"setting", kTextT},  {"unit", kTextT},     {"category", kTextT},
        {"short_desc", kTextT}, {"context", kTextT}, {"vartype", kTextT},  {"source", kTextT},
        {"min_val", kTextT},   {"max_val", kTextT},  {"boot_val", kTextT}, {"reset_val", kTextT}}},
      {"pg_catalog", "pg_tables",
       {{"schemaname", kNameT}, {"tablename", kNameT}, {"tableowner", kNameT},
        {"tablespace", kNameT}, {"hasindexes", kBoolT}, {"hasrules", kBoolT},
        {"hastriggers", kBoolT}, {"rowsecurity", kBoolT}}},
      {"pg_catalog", "pg_indexes",
       {{"schemaname", kNameT}, {"tablename", kNameT}, {"indexname", kNameT},
        {"tablespace", kNameT}, {"indexdef", kTextT}}},
      {"pg_catalog", "pg_views",
       {{"schemaname", kNameT}, {"viewname", kNameT}, {"viewowner", kNameT},
        {"definition", kTextT}}},
      {"pg_catalog", "pg_sequences",
       {{"schemaname", kNameT}, {"sequencename", kNameT}, {"sequenceowner", kNameT},
        {"start_value", kInt8T}, {"min_value", kInt8T}, {"max_value", kInt8T},
        {"increment_by", kInt8T}, {"cycle", kBoolT}, {"cache_size", kInt8T}}},
      {"pg_catalog", "pg_description",
       {{"objoid", kOidT}, {"classoid", kOidT}, {"objsubid", kInt4T}, {"description", kTextT}}},
      {"pg_catalog", "pg_inherits",
       {{"inhrelid", kOidT}, {"inhparent", kOidT}, {"inhseqno", kInt4T}}},
      {"pg_catalog", "pg_partitioned_table",
       {{"partrelid", kOidT}, {"partstrat", kTextT}, {"partnatts", kInt2T}}},
      {"pg_catalog", "pg_am", {{"oid", kOidT}, {"amname", kNameT}, {"amtype", kTextT}}},
      {"pg_catalog", "pg_constraint",
       {{"oid", kOidT},           {"conname", kNameT},        {"connamespace", kOidT},
        {"contype", kTextT},      {"condeferrable", kBoolT},  {"condeferred", kBoolT},
        {"convalidated", kBoolT}, {"conrelid", kOidT},        {"contypid", kOidT},
        {"conindid", kOidT},      {"conparentid", kOidT},     {"confrelid", kOidT},
        {"confupdtype", kTextT},  {"confdeltype", kTextT},    {"confmatchtype", kTextT},
        {"conislocal", kBoolT},   {"coninhcount", kInt4T},    {"connoinherit", kBoolT},
        {"conkey", kTextT},       {"confkey", kTextT},        {"confdelsetcols", kTextT}}},
      {"pg_catalog", "pg_locks",
       {{"locktype", kTextT},  {"database", kOidT},   {"relation", kOidT},
        {"page", kInt4T},      {"tuple", kInt2T},     {"virtualxid", kTextT},
        {"transactionid", kTextT}, {"classid", kOidT}, {"objid", kOidT},
        {"objsubid", kInt2T},  {"virtualtransaction", kTextT}, {"pid", kInt4T},
        {"mode", kTextT},      {"granted", kBoolT},   {"fastpath", kBoolT},
        {"waitstart", LogicalType(TypeId::kTimestampTz)}}},
      {"information_schema", "schemata",
       {{"catalog_name", kNameT}, {"schema_name", kNameT}, {"schema_owner", kNameT}}},
      {"information_schema", "tables",
       {{"table_catalog", kNameT}, {"table_schema", kNameT}, {"table_name", kNameT},
        {"table_type", kTextT}}},
      {"information_schema", "table_constraints",
       {{"constraint_catalog", kNameT}, {"constraint_schema", kNameT},
        {"constraint_name", kNameT},    {"table_catalog", kNameT},
        {"table_schema", kNameT},       {"table_name", kNameT},
        {"constraint_type", kTextT},    {"is_deferrable", kTextT},
        {"initially_deferred", kTextT}, {"enforced", kTextT},
        {"nulls_distinct", kTextT}}},
      {"information_schema", "referential_constraints",
       {{"constraint_catalog", kNameT},        {"constraint_schema", kNameT},
        {"constraint_name", kNameT},           {"unique_constraint_catalog", kNameT},
        {"unique_constraint_schema", kNameT},  {"unique_constraint_name", kNameT},
        {"match_option", kTextT},              {"update_rule", kTextT},
        {"delete_rule", kTextT}}},
      {"information_schema", "key_column_usage",
       {{"constraint_catalog", kNameT}, {"constraint_schema", kNameT},
        {"constraint_name", kNameT},    {"table_catalog", kNameT},
        {"table_schema", kNameT},       {"table_name", kNameT},
        {"column_name", kNameT},        {"ordinal_position", kInt4T},
        {"position_in_unique_constraint", kInt4T}}},
      {"information_schema", "columns",
       {{"table_catalog", kNameT},   {"table_schema", kNameT},   {"table_name", kNameT},
        {"column_name", kNameT},     {"ordinal_position", kInt4T}, {"column_default", kTextT},
        {"is_nullable", kTextT},     {"data_type", kTextT},
        {"character_maximum_length", kInt4T}, {"numeric_precision", kInt4T},
        {"numeric_scale", kInt4T}}},
  };
}

std::string SchemaName(const CatalogData& d, Oid schema) {
  auto it = d.schemas.find(schema);
  return it == d.schemas.end() ? "" : it->second.name;
}

bool Visible(Oid db, Oid object_db) { return object_db == db; }

// An int2[] as PostgreSQL prints it: attribute numbers of `cols` ("{1,3}").
std::string AttNums(const std::vector<int>& cols) {
  std::string s = "{";
  for (size_t i = 0; i < cols.size(); ++i) s += (i ? "," : "") + std::to_string(cols[i] + 1);
  return s + "}";
}

const char* RuleName(FkAction a) {
  switch (a) {
    case FkAction::kRestrict:
      return "RESTRICT";
    case FkAction::kCascade:
      return "CASCADE";
    case FkAction::kSetNull:
      return "SET NULL";
    case FkAction::kSetDefault:
      return "SET DEFAULT";
    case FkAction::kNoAction:
      break;
  }
  return "NO ACTION";
}

// The unique index a foreign key looks its keys up in (nullptr if the catalog lost it).
const Index* ReferencedIndex(const CatalogData& d, const ForeignKey& fk) {
  const Table* parent = d.GetTable(fk.ref_table);
  return parent == nullptr ? nullptr : parent->UniqueIndexOn(fk.ref_columns);
}

// PostgreSQL's SQL-standard type name for information_schema.columns.data_type.
std::string StandardTypeName(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kVarchar: return "character varying";
    case TypeId::kChar: return "character";
    case TypeId::kNumeric: return "numeric";
    case TypeId::kTimestamp: return "timestamp without time zone";
    case TypeId::kTimestampTz: return "timestamp with time zone";
    case TypeId::kTime: return "time without time zone";
    case TypeId::kTimeTz: return "time with time zone";
    case TypeId::kArray: return "ARRAY";
    default: return LogicalType(t.id).ToString();
  }
}

void Rows(const SystemView& v, const SystemViewContext& c, std::vector<std::vector<Value>>* out) {
  const CatalogData& d = *c.catalog;
  std::string name = v.name;
  auto push = [&](std::vector<Value> r) { out->push_back(std::move(r)); };
  if (name == "pg_namespace") {
    for (const auto& [oid, s] : d.schemas) {
      if (s.database != 0 && s.database != c.database) continue;
      push({OidV(oid), Name(s.name), OidV(kSuperuserOid), NullOf(kTextT)});
    }
  } else if (name == "pg_class") {
    auto rel = [&](Oid oid, const std::string& n, Oid ns, const char* kind, int natts,
                   bool has_index, int checks) {
      push({OidV(oid), Name(n), OidV(ns), OidV(0), OidV(kSuperuserOid),
            OidV(std::string(kind) == "i" ? 403 : (std::string(kind) == "r" ? 2 : 0)), OidV(oid),
            OidV(0), Value::Int32(0), Value::Float32(-1), Value::Int32(0), OidV(0),
            Value::Bool(has_index), Value::Bool(false), Text("p"), Text(kind),
            Value::Int16(static_cast<int16_t>(natts)), Value::Int16(static_cast<int16_t>(checks)),
            Value::Bool(false), Value::Bool(false), Value::Bool(false), Value::Bool(false),
            Value::Bool(false), Value::Bool(true), Text("d"), Value::Bool(false), NullOf(kTextT),
            NullOf(kTextT)});
    };
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      rel(oid, t->name, t->schema, "r", static_cast<int>(t->live_column_count()),
          !t->indexes.empty(), static_cast<int>(t->checks.size()));
      for (const auto& ix : t->indexes) {
        rel(ix.oid, ix.name, t->schema, "i", static_cast<int>(ix.columns.size()), false, 0);
      }
    }
    for (const auto& [oid, s] : d.sequences) {
      if (Visible(c.database, s.database)) rel(oid, s.name, s.schema, "S", 3, false, 0);
    }
    for (const auto& [oid, vw] : d.views) {
      if (Visible(c.database, vw.database)) {
        rel(oid, vw.name, vw.schema, "v", static_cast<int>(vw.column_names.size()), false, 0);
      }
    }
  } else if (name == "pg_attribute") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      int16_t attnum = 0;
      for (const auto& col : t->columns) {
        ++attnum;
        push({OidV(oid), Name(col.dropped ? "........pg.dropped." + std::to_string(attnum) +
                                                "........"
                                          : col.name),
              OidV(col.dropped ? 0 : col.type.PgOid()), Value::Int16(col.type.PgTypLen()),
              Value::Int16(attnum), Value::Int32(col.type.typmod), Value::Int32(0),
              Value::Bool(col.not_null), Value::Bool(!col.default_expr.empty()),
              Value::Bool(col.has_missing), Text(""), Text(""), Value::Bool(col.dropped),
              Value::Bool(true), Value::Int32(0), OidV(0)});
      }
    }
  } else if (name == "pg_attrdef") {
    // adbin is the DEFAULT expression's SQL text (PostgreSQL's is a node tree), which
    // pg_get_expr(adbin, adrelid) returns as it is. Defaults have no OIDs of their own: 0.
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      int16_t attnum = 0;
      for (const auto& col : t->columns) {
        ++attnum;
        if (col.dropped || col.default_expr.empty()) continue;
        push({OidV(0), OidV(oid), Value::Int16(attnum), Text(col.default_expr)});
      }
    }
  } else if (name == "pg_type") {
    static const TypeId kTypes[] = {
        TypeId::kBool,    TypeId::kInt16,   TypeId::kInt32,     TypeId::kInt64,
        TypeId::kFloat32, TypeId::kFloat64, TypeId::kNumeric,   TypeId::kText,
        TypeId::kVarchar, TypeId::kChar,    TypeId::kBytea,     TypeId::kDate,
        TypeId::kTime,    TypeId::kTimeTz,  TypeId::kTimestamp, TypeId::kTimestampTz,
        TypeId::kInterval, TypeId::kOid,    TypeId::kName,      TypeId::kUuid,
        TypeId::kUnknown};
    auto category = [](TypeId id) {
      if (id == TypeId::kBool) return "B";
      if (types::IsNumericFamily(id) || id == TypeId::kOid) return "N";
      if (id == TypeId::kInterval) return "T";
      if (types::IsDateTime(id)) return "D";
      if (id == TypeId::kUnknown) return "X";
      return types::IsStringFamily(id) ? "S" : "U";
    };
    auto row = [&](const LogicalType& t, const char* cat, Oid elem, Oid array) {
      bool strings = types::IsStringFamily(t.id) && t.id != TypeId::kUnknown;
      bool collatable = strings || (t.id == TypeId::kArray && types::IsStringFamily(t.elem));
      push({OidV(t.PgOid()), Name(types::PgTypeName(t)), OidV(kPgCatalogNamespace),
            OidV(kSuperuserOid), Value::Int16(t.PgTypLen()),
            Value::Bool(t.PgTypLen() > 0 && t.PgTypLen() <= 8), Text("b"), Text(cat),
            Value::Bool(true), Text(","), OidV(0), OidV(elem), OidV(array),
            Name(types::PgTypInput(t)), Value::Bool(false),
            OidV(0), Value::Int32(-1), Value::Int32(0),
            OidV(!collatable                                            ? 0
                 : (t.id == TypeId::kName || t.elem == TypeId::kName) ? 950
                                                                      : 100)});
    };
    for (TypeId id : kTypes) row(LogicalType(id), category(id), 0, types::PgArrayOid(id));
    for (TypeId id : kTypes) {
      if (types::PgArrayOid(id) == 0) continue;
      row(LogicalType::Array(LogicalType(id)), "A", LogicalType(id).PgOid(), 0);
    }
  } else if (name == "pg_index") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      for (const auto& ix : t->indexes) {
        std::string indkey;
        for (int col : ix.columns) indkey += (indkey.empty() ? "" : " ") + std::to_string(col + 1);
        auto n = static_cast<int16_t>(ix.columns.size());
        push({OidV(ix.oid), OidV(oid), Value::Int16(n), Value::Int16(n), Value::Bool(ix.unique),
              Value::Bool(ix.primary), Value::Bool(false), Value::Bool(true), Value::Bool(false),
              Value::Bool(true), Value::Bool(true), Value::Bool(true), Text(indkey)});
      }
    }
  } else if (name == "pg_database") {
    for (const auto& [oid, db] : d.databases) {
      push({OidV(oid), Name(db.name), OidV(kSuperuserOid), Value::Int32(6), Text("C"), Text("C"),
            Value::Bool(false), Value::Bool(true), Value::Int32(-1), OidV(1663), NullOf(kTextT)});
    }
  } else if (name == "pg_roles") {
    push({OidV(kSuperuserOid), Name(c.user), Value::Bool(true), Value::Bool(true),
          Value::Bool(true), Value::Bool(true), Value::Bool(true), Value::Bool(true),
          Value::Int32(-1), Value::Bool(true)});
  } else if (name == "pg_settings") {
    if (c.settings == nullptr) return;
    for (const auto& [def, value] : c.settings->All()) {
      bool numeric = def->type == common::SettingType::kInt || def->type == common::SettingType::kReal;
      push({Text(def->name), Text(value), def->unit.empty() ? NullOf(kTextT) : Text(def->unit),
            Text(def->category), Text(def->description),
            Text(common::SettingContextName(def->context)),
            Text(common::SettingTypeName(def->type)), Text("default"),
            numeric ? Text(std::to_string(static_cast<long long>(def->min))) : NullOf(kTextT),
            numeric ? Text(std::to_string(static_cast<long long>(def->max))) : NullOf(kTextT),
            Text(def->boot_value), Text(value)});
    }
  } else if (name == "pg_tables") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      push({Name(SchemaName(d, t->schema)), Name(t->name), Name(c.user), NullOf(kNameT),
            Value::Bool(!t->indexes.empty()), Value::Bool(false), Value::Bool(false),
            Value::Bool(false)});
    }
  } else if (name == "pg_indexes") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      for (const auto& ix : t->indexes) {
        push({Name(SchemaName(d, t->schema)), Name(t->name), Name(ix.name), NullOf(kNameT),
              Text(IndexDefinition(d, *t, ix))});
      }
    }
  } else if (name == "pg_views") {
    for (const auto& [oid, vw] : d.views) {
      if (!Visible(c.database, vw.database)) continue;
      push({Name(SchemaName(d, vw.schema)), Name(vw.name), Name(c.user), Text(vw.sql)});
    }
  } else if (name == "pg_sequences") {
    for (const auto& [oid, s] : d.sequences) {
      if (!Visible(c.database, s.database)) continue;
      push({Name(SchemaName(d, s.schema)), Name(s.name), Name(c.user), Value::Int64(s.start),
            Value::Int64(s.min), Value::Int64(s.max), Value::Int64(s.increment),
            Value::Bool(s.cycle), Value::Int64(s.cache)});
    }
  } else if (name == "pg_constraint") {
    // Primary keys, unique indexes and foreign keys (CHECK constraints have no OID yet).
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      for (const auto& ix : t->indexes) {
        if (!ix.unique) continue;
        push({OidV(ix.oid), Name(ix.name), OidV(t->schema), Text(ix.primary ? "p" : "u"),
              Value::Bool(false), Value::Bool(false), Value::Bool(true), OidV(oid), OidV(0),
              OidV(ix.oid), OidV(0), OidV(0), Text(" "), Text(" "), Text(" "), Value::Bool(true),
              Value::Int32(0), Value::Bool(true), Text(AttNums(ix.columns)), NullOf(kTextT),
              NullOf(kTextT)});
      }
      for (const auto& fk : t->foreign_keys) {
        const Index* ref = ReferencedIndex(d, fk);
        Value set_cols = fk.delete_set_columns.empty() ? NullOf(kTextT)
                                                       : Text(AttNums(fk.delete_set_columns));
        push({OidV(fk.oid), Name(fk.name), OidV(t->schema), Text("f"), Value::Bool(fk.deferrable),
              Value::Bool(false), Value::Bool(fk.validated), OidV(oid), OidV(0),
              OidV(ref ? ref->oid : 0), OidV(0), OidV(fk.ref_table),
              Text(std::string(1, static_cast<char>(fk.on_update))),
              Text(std::string(1, static_cast<char>(fk.on_delete))),
              Text(std::string(1, static_cast<char>(fk.match))), Value::Bool(true),
              Value::Int32(0), Value::Bool(true), Text(AttNums(fk.columns)),
              Text(AttNums(fk.ref_columns)), std::move(set_cols)});
      }
    }
  } else if (name == "table_constraints") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      std::string schema = SchemaName(d, t->schema);
      auto row = [&](const std::string& n, const char* type, bool deferrable, Value nulls) {
        push({Name(c.database_name), Name(schema), Name(n), Name(c.database_name), Name(schema),
              Name(t->name), Text(type), Text(deferrable ? "YES" : "NO"), Text("NO"), Text("YES"),
              std::move(nulls)});
      };
      for (const auto& ix : t->indexes) {
        if (ix.unique) {
          row(ix.name, ix.primary ? "PRIMARY KEY" : "UNIQUE", false,
              ix.primary ? NullOf(kTextT) : Text("YES"));
        }
      }
      for (const auto& fk : t->foreign_keys) {
        row(fk.name, "FOREIGN KEY", fk.deferrable, NullOf(kTextT));
      }
      for (const auto& ch : t->checks) row(ch.name, "CHECK", false, NullOf(kTextT));
      // PostgreSQL lists NOT NULL columns as CHECK constraints named this way.
      for (size_t i = 0; i < t->columns.size(); ++i) {
        if (!t->columns[i].not_null || t->columns[i].dropped) continue;
        row(std::to_string(t->schema) + "_" + std::to_string(oid) + "_" + std::to_string(i + 1) +
                "_not_null",
            "CHECK", false, NullOf(kTextT));
      }
    }
  } else if (name == "referential_constraints") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      std::string schema = SchemaName(d, t->schema);
      for (const auto& fk : t->foreign_keys) {
        const Index* ref = ReferencedIndex(d, fk);
        const Table* parent = d.GetTable(fk.ref_table);
        std::string ref_schema = parent ? SchemaName(d, parent->schema) : "";
        push({Name(c.database_name), Name(schema), Name(fk.name), Name(c.database_name),
              ref ? Name(ref_schema) : NullOf(kNameT), ref ? Name(ref->name) : NullOf(kNameT),
              Text(fk.match == FkMatch::kFull ? "FULL" : "NONE"), Text(RuleName(fk.on_update)),
              Text(RuleName(fk.on_delete))});
      }
    }
  } else if (name == "key_column_usage") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      std::string schema = SchemaName(d, t->schema);
      auto row = [&](const std::string& n, int col, int pos, Value in_unique) {
        push({Name(c.database_name), Name(schema), Name(n), Name(c.database_name), Name(schema),
              Name(t->name), Name(t->columns[static_cast<size_t>(col)].name), Value::Int32(pos),
              std::move(in_unique)});
      };
      for (const auto& ix : t->indexes) {
        if (!ix.unique) continue;
        for (size_t k = 0; k < ix.columns.size(); ++k) {
          row(ix.name, ix.columns[k], static_cast<int>(k + 1), NullOf(kInt4T));
        }
      }
      for (const auto& fk : t->foreign_keys) {
        const Index* ref = ReferencedIndex(d, fk);
        for (size_t k = 0; k < fk.columns.size(); ++k) {
          Value in_unique = NullOf(kInt4T);
          for (size_t j = 0; ref != nullptr && j < ref->columns.size(); ++j) {
            if (ref->columns[j] == fk.ref_columns[k]) {
              in_unique = Value::Int32(static_cast<int>(j + 1));
            }
          }
          row(fk.name, fk.columns[k], static_cast<int>(k + 1), std::move(in_unique));
        }
      }
    }
  } else if (name == "pg_locks") {
    if (c.locks == nullptr) return;
    for (const LockRow& l : *c.locks) {
      bool rel = std::string_view(l.locktype) == "relation";
      push({Text(l.locktype), OidV(l.database), rel ? OidV(l.relation) : NullOf(kOidT),
            NullOf(kInt4T), NullOf(kInt2T), NullOf(kTextT), NullOf(kTextT),
            rel ? NullOf(kOidT) : OidV(l.classid), rel ? NullOf(kOidT) : OidV(l.objid),
            rel ? NullOf(kInt2T) : Value::Int16(0), NullOf(kTextT),
            Value::Int32(l.pid), Text(l.mode), Value::Bool(l.granted), Value::Bool(false),
            l.wait_start_us != 0 ? Value::TimestampTz(l.wait_start_us)
                                 : Value::Null(TypeId::kTimestampTz)});
    }
  } else if (name == "pg_am") {
    push({OidV(2), Name("heap"), Text("t")});
    push({OidV(403), Name("btree"), Text("i")});
  } else if (name == "schemata") {
    for (const auto& [oid, s] : d.schemas) {
      if (s.database != 0 && s.database != c.database) continue;
      push({Name(c.database_name), Name(s.name), Name(c.user)});
    }
  } else if (name == "tables") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      push({Name(c.database_name), Name(SchemaName(d, t->schema)), Name(t->name),
            Text("BASE TABLE")});
    }
    for (const auto& [oid, vw] : d.views) {
      if (!Visible(c.database, vw.database)) continue;
      push({Name(c.database_name), Name(SchemaName(d, vw.schema)), Name(vw.name), Text("VIEW")});
    }
  } else if (name == "columns") {
    for (const auto& [oid, t] : d.tables) {
      if (!Visible(c.database, t->database)) continue;
      int pos = 0;
      for (const auto& col : t->columns) {
        if (col.dropped) continue;
        ++pos;
        const LogicalType& ty = col.type;
        bool chars = ty.id == TypeId::kVarchar || ty.id == TypeId::kChar;
        Value maxlen = chars && ty.typmod >= 0 ? Value::Int32(ty.typmod) : NullOf(kInt4T);
        Value prec = NullOf(kInt4T), scale = NullOf(kInt4T);
        if (ty.id == TypeId::kInt16) prec = Value::Int32(16);
        if (ty.id == TypeId::kInt32) prec = Value::Int32(32);
        if (ty.id == TypeId::kInt64) prec = Value::Int32(64);
        if (types::IsInteger(ty.id)) scale = Value::Int32(0);
        if (ty.id == TypeId::kNumeric && ty.typmod >= 0) {
          prec = Value::Int32(ty.numeric_precision());
          scale = Value::Int32(ty.numeric_scale());
        }
        push({Name(c.database_name), Name(SchemaName(d, t->schema)), Name(t->name),
              Name(col.name), Value::Int32(pos),
              col.default_expr.empty() ? NullOf(kTextT) : Text(col.default_expr),
              Text(col.not_null ? "NO" : "YES"), Text(StandardTypeName(ty)), maxlen, prec,
              scale});
      }
    }
  }
}

}  // namespace

const std::vector<SystemView>& AllSystemViews() {
  static const std::vector<SystemView>* views = new std::vector<SystemView>(BuildViews());
  return *views;
}

const SystemView* FindSystemView(std::string_view schema, std::string_view name) {
  if (schema.empty()) schema = "pg_catalog";
  for (const auto& v : AllSystemViews()) {
    if (schema == v.schema && name == v.name) return &v;
  }
  return nullptr;
}

Oid SystemViewOid(const SystemView& view) {
  static const std::pair<const char*, Oid> kOids[] = {
      {"pg_am", 2601},         {"pg_attrdef", 2604},     {"pg_attribute", 1249},
      {"pg_class", 1259},      {"pg_constraint", 2606},  {"pg_database", 1262},
      {"pg_description", 2609}, {"pg_index", 2610},      {"pg_inherits", 2611},
      {"pg_namespace", 2615},  {"pg_partitioned_table", 3350}, {"pg_type", 1247}};
  if (std::string_view(view.schema) != "pg_catalog") return 0;
  for (const auto& [name, oid] : kOids) {
    if (std::string_view(view.name) == name) return oid;
  }
  return 0;
}

Status GenerateSystemView(const SystemView& view, const SystemViewContext& ctx,
                          std::vector<std::vector<Value>>* rows) {
  Rows(view, ctx, rows);
  return Status::OK();
}

std::string IndexDefinition(const CatalogData& data, const Table& table, const Index& index) {
  std::string s = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  s += index.name + " ON " + SchemaName(data, table.schema) + "." + table.name +
       " USING btree (";
  for (size_t i = 0; i < index.columns.size(); ++i) {
    if (i > 0) s += ", ";
    s += table.columns[static_cast<size_t>(index.columns[i])].name;
    if (index.descending[i]) s += " DESC";
  }
  return s + ")";
}

}  // namespace zijin::catalog
