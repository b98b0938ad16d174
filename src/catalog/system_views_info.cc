// Rows of the information_schema views.
#include "catalog/catalog_text.h"
#include "catalog/internal/system_rows.h"

namespace zijin::catalog::internal {
namespace {

using types::LogicalType;
using types::TypeId;
using types::Value;

Value Name(std::string s) { return Value::String(TypeId::kName, std::move(s)); }
Value Text(std::string s) { return Value::Text(std::move(s)); }

const char* RuleName(FkAction a) {
  switch (a) {
    case FkAction::kRestrict: return "RESTRICT";
    case FkAction::kCascade: return "CASCADE";
    case FkAction::kSetNull: return "SET NULL";
    case FkAction::kSetDefault: return "SET DEFAULT";
    case FkAction::kNoAction: break;
  }
  return "NO ACTION";
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

}  // namespace

bool InformationSchemaRows(const std::string& name, const SystemViewContext& c,
                           std::vector<Row>* out) {
  const CatalogData& d = *c.catalog;
  auto push = [&](Row r) { out->push_back(std::move(r)); };
  const Value null_text = Value::Null(TypeId::kText), null_int = Value::Null(TypeId::kInt32);
  if (name == "schemata") {
    for (const auto& [oid, s] : d.schemas) {
      if (!InDatabase(c, s.database)) continue;
      push({Name(c.database_name), Name(s.name), Name(c.user)});
    }
  } else if (name == "tables") {
    for (const auto& [oid, t] : d.tables) {
      if (t->database != c.database) continue;
      push({Name(c.database_name), Name(SchemaName(d, t->schema)), Name(t->name),
            Text("BASE TABLE")});
    }
    for (const auto& [oid, vw] : d.views) {
      if (vw.database != c.database) continue;
      push({Name(c.database_name), Name(SchemaName(d, vw.schema)), Name(vw.name), Text("VIEW")});
    }
  } else if (name == "table_constraints") {
    for (const auto& [oid, t] : d.tables) {
      if (t->database != c.database) continue;
      std::string schema = SchemaName(d, t->schema);
      auto row = [&](const std::string& n, const char* type, bool deferrable, Value nulls) {
        push({Name(c.database_name), Name(schema), Name(n), Name(c.database_name), Name(schema),
              Name(t->name), Text(type), Text(deferrable ? "YES" : "NO"), Text("NO"), Text("YES"),
              std::move(nulls)});
      };
      for (const auto& ix : t->indexes) {
        if (ix.constraint) {
          row(ix.name, ix.primary ? "PRIMARY KEY" : "UNIQUE", false,
              ix.primary ? null_text : Text("YES"));
        }
      }
      for (const auto& fk : t->foreign_keys) row(fk.name, "FOREIGN KEY", fk.deferrable, null_text);
      for (const auto& ch : t->checks) row(ch.name, "CHECK", false, null_text);
      // PostgreSQL lists NOT NULL columns as CHECK constraints named this way.
      for (size_t i = 0; i < t->columns.size(); ++i) {
        if (!t->columns[i].not_null || t->columns[i].dropped) continue;
        row(std::to_string(t->schema) + "_" + std::to_string(oid) + "_" + std::to_string(i + 1) +
                "_not_null",
            "CHECK", false, null_text);
      }
    }
  } else if (name == "referential_constraints") {
    for (const auto& [oid, t] : d.tables) {
      if (t->database != c.database) continue;
      std::string schema = SchemaName(d, t->schema);
      for (const auto& fk : t->foreign_keys) {
        const Index* ref = ReferencedIndex(d, fk);
        const Table* parent = d.GetTable(fk.ref_table);
        std::string ref_schema = parent ? SchemaName(d, parent->schema) : "";
        Value null_name = Value::Null(TypeId::kName);
        push({Name(c.database_name), Name(schema), Name(fk.name), Name(c.database_name),
              ref ? Name(ref_schema) : null_name, ref ? Name(ref->name) : null_name,
              Text(fk.match == FkMatch::kFull ? "FULL" : "NONE"), Text(RuleName(fk.on_update)),
              Text(RuleName(fk.on_delete))});
      }
    }
  } else if (name == "key_column_usage") {
    for (const auto& [oid, t] : d.tables) {
      if (t->database != c.database) continue;
      std::string schema = SchemaName(d, t->schema);
      auto row = [&](const std::string& n, int col, int pos, Value in_unique) {
        push({Name(c.database_name), Name(schema), Name(n), Name(c.database_name), Name(schema),
              Name(t->name), Name(t->columns[static_cast<size_t>(col)].name), Value::Int32(pos),
              std::move(in_unique)});
      };
      for (const auto& ix : t->indexes) {
        if (!ix.constraint) continue;
        for (size_t k = 0; k < ix.columns.size(); ++k) {
          row(ix.name, ix.columns[k], static_cast<int>(k + 1), null_int);
        }
      }
      for (const auto& fk : t->foreign_keys) {
        const Index* ref = ReferencedIndex(d, fk);
        for (size_t k = 0; k < fk.columns.size(); ++k) {
          Value in_unique = null_int;
          for (size_t j = 0; ref != nullptr && j < ref->columns.size(); ++j) {
            if (ref->columns[j] == fk.ref_columns[k]) {
              in_unique = Value::Int32(static_cast<int>(j + 1));
            }
          }
          row(fk.name, fk.columns[k], static_cast<int>(k + 1), std::move(in_unique));
        }
      }
    }
  } else if (name == "columns") {
    for (const auto& [oid, t] : d.tables) {
      if (t->database != c.database) continue;
      int pos = 0;
      for (const auto& col : t->columns) {
        if (col.dropped) continue;
        ++pos;
        const LogicalType& ty = col.type;
        bool chars = ty.id == TypeId::kVarchar || ty.id == TypeId::kChar;
        Value maxlen = chars && ty.typmod >= 0 ? Value::Int32(ty.typmod) : null_int;
        Value prec = null_int, scale = null_int;
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
              col.default_expr.empty() ? null_text : Text(DefaultExpression(col)),
              Text(col.not_null ? "NO" : "YES"), Text(StandardTypeName(ty)), maxlen, prec,
              scale});
      }
    }
  } else {
    return false;
  }
  return true;
}

}  // namespace zijin::catalog::internal
