// Relation names through a search path, and the definitions pg_get_indexdef and
// pg_get_constraintdef print.
#include "catalog/catalog_text.h"

#include <algorithm>
#include <cctype>

#include "catalog/system_views.h"
#include "common/identifiers.h"
#include "types/type_io.h"

namespace zijin::catalog {
namespace {

using common::QuoteIdentifier;

bool InDatabase(Oid db, Oid object_db) { return object_db == db || object_db == 0; }

std::string ColumnList(const Table& t, const std::vector<int>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i > 0) s += ", ";
    s += QuoteIdentifier(t.columns[static_cast<size_t>(cols[i])].name);
  }
  return s;
}

const char* ActionText(FkAction a) {
  switch (a) {
    case FkAction::kRestrict: return "RESTRICT";
    case FkAction::kCascade: return "CASCADE";
    case FkAction::kSetNull: return "SET NULL";
    case FkAction::kSetDefault: return "SET DEFAULT";
    case FkAction::kNoAction: break;
  }
  return "NO ACTION";
}

}  // namespace

NameScope::NameScope(const CatalogData& data, Oid database,
                     const std::vector<std::string>& search_path)
    : data_(data), database_(database) {
  bool catalog_listed =
      std::find(search_path.begin(), search_path.end(), "pg_catalog") != search_path.end();
  if (!catalog_listed) path_.push_back(kPgCatalogNamespace);
  for (const auto& name : search_path) {
    const Schema* s = data.FindSchema(database, name);
    if (s != nullptr && std::find(path_.begin(), path_.end(), s->oid) == path_.end()) {
      path_.push_back(s->oid);
    }
  }
}

std::optional<RelationInfo> NameScope::Relation(Oid oid) const {
  auto info = [](Oid o, Oid schema, const std::string& name, char kind) {
    return RelationInfo{o, schema, name, kind};
  };
  if (const Table* t = data_.GetTable(oid); t != nullptr && InDatabase(database_, t->database)) {
    return info(oid, t->schema, t->name, 'r');
  }
  if (auto it = data_.index_owner.find(oid); it != data_.index_owner.end()) {
    const Table* t = data_.GetTable(it->second);
    if (t != nullptr && InDatabase(database_, t->database)) {
      for (const auto& ix : t->indexes) {
        if (ix.oid == oid) return info(oid, t->schema, ix.name, 'i');
      }
    }
  }
  if (auto it = data_.sequences.find(oid);
      it != data_.sequences.end() && InDatabase(database_, it->second.database)) {
    return info(oid, it->second.schema, it->second.name, 'S');
  }
  if (auto it = data_.views.find(oid);
      it != data_.views.end() && InDatabase(database_, it->second.database)) {
    return info(oid, it->second.schema, it->second.name, 'v');
  }
  if (const SystemView* v = FindSystemView(oid)) {
    return info(oid, SystemViewNamespace(*v), v->name, v->relkind);
  }
  return std::nullopt;
}

std::optional<RelationInfo> NameScope::Find(Oid schema, std::string_view name) const {
  if (schema == kPgCatalogNamespace || schema == kInformationSchemaNamespace) {
    const SystemView* v = FindSystemView(
        schema == kPgCatalogNamespace ? "pg_catalog" : "information_schema", name);
    if (v == nullptr) return std::nullopt;
    return RelationInfo{v->oid, schema, v->name, v->relkind};
  }
  RelKind kind;
  Oid oid;
  if (!data_.FindRelation(schema, name, &kind, &oid)) return std::nullopt;
  return Relation(oid);
}

std::optional<RelationInfo> NameScope::FindInPath(std::string_view name) const {
  for (Oid schema : path_) {
    if (auto r = Find(schema, name)) return r;
  }
  return std::nullopt;
}

const Schema* NameScope::FindSchema(std::string_view name) const {
  return data_.FindSchema(database_, name);
}

std::string NameScope::SchemaName(Oid schema) const {
  auto it = data_.schemas.find(schema);
  return it == data_.schemas.end() ? std::string() : it->second.name;
}

bool NameScope::Visible(const RelationInfo& rel) const {
  for (Oid schema : path_) {
    if (auto r = Find(schema, rel.name)) return r->oid == rel.oid;
  }
  return false;
}

std::string NameScope::DisplayName(const RelationInfo& rel) const {
  if (Visible(rel)) return QuoteIdentifier(rel.name);
  return QualifiedName(rel);
}

std::string NameScope::QualifiedName(const RelationInfo& rel) const {
  return common::QuoteQualifiedName(SchemaName(rel.schema), rel.name);
}

std::string IndexDefinition(const NameScope& scope, const Table& table, const Index& index,
                            int column, bool pretty) {
  if (column > 0) {
    if (static_cast<size_t>(column) > index.columns.size()) return "";
    return QuoteIdentifier(table.columns[static_cast<size_t>(index.columns[column - 1])].name);
  }
  RelationInfo rel{table.oid, table.schema, table.name, 'r'};
  std::string s = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  s += QuoteIdentifier(index.name) + " ON " +
       (pretty ? scope.DisplayName(rel) : scope.QualifiedName(rel)) + " USING btree (";
  for (size_t i = 0; i < index.columns.size(); ++i) {
    if (i > 0) s += ", ";
    s += QuoteIdentifier(table.columns[static_cast<size_t>(index.columns[i])].name);
    if (index.descending[i]) s += " DESC";
  }
  return s + ")";
}

std::optional<ConstraintRef> FindConstraint(const CatalogData& data, Oid database, Oid oid) {
  for (const auto& [table_oid, t] : data.tables) {
    if (!InDatabase(database, t->database)) continue;
    for (const auto& ix : t->indexes) {
      // A unique index made by CREATE UNIQUE INDEX is no constraint.
      if (ix.oid == oid && ix.constraint) return ConstraintRef{t.get(), &ix, nullptr, nullptr};
    }
    for (const auto& fk : t->foreign_keys) {
      if (fk.oid == oid) return ConstraintRef{t.get(), nullptr, &fk, nullptr};
    }
    for (const auto& ch : t->checks) {
      if (ch.oid == oid) return ConstraintRef{t.get(), nullptr, nullptr, &ch};
    }
  }
  return std::nullopt;
}

std::optional<std::string> ConstraintDefinition(const NameScope& scope, Oid oid) {
  std::optional<ConstraintRef> c = FindConstraint(scope.data(), scope.database(), oid);
  if (!c) return std::nullopt;
  const Table& t = *c->table;
  if (c->index != nullptr) {
    return std::string(c->index->primary ? "PRIMARY KEY (" : "UNIQUE (") +
           ColumnList(t, c->index->columns) + ")";
  }
  if (c->check != nullptr) {
    std::string s = "CHECK (" + c->check->expr + ")";
    if (!c->check->validated) s += " NOT VALID";
    return s;
  }
  const ForeignKey& fk = *c->foreign_key;
  const Table* parent = scope.data().GetTable(fk.ref_table);
  if (parent == nullptr) return std::nullopt;
  RelationInfo ref{parent->oid, parent->schema, parent->name, 'r'};
  std::string s = "FOREIGN KEY (" + ColumnList(t, fk.columns) + ") REFERENCES " +
                  scope.DisplayName(ref) + "(" + ColumnList(*parent, fk.ref_columns) + ")";
  if (fk.match == FkMatch::kFull) s += " MATCH FULL";
  if (fk.on_update != FkAction::kNoAction) {
    s += std::string(" ON UPDATE ") + ActionText(fk.on_update);
  }
  if (fk.on_delete != FkAction::kNoAction) {
    s += std::string(" ON DELETE ") + ActionText(fk.on_delete);
    if (!fk.delete_set_columns.empty()) s += " (" + ColumnList(t, fk.delete_set_columns) + ")";
  }
  if (fk.deferrable) s += " DEFERRABLE";
  if (!fk.validated) s += " NOT VALID";
  return s;
}

namespace {

// A constant as PostgreSQL's get_const_expr deparses it: integer and numeric constants that
// read back as themselves bare, booleans as true/false, the rest quoted and cast.
std::string ConstantText(const std::string& out, types::TypeId id, const std::string& type_name) {
  bool digit_first = !out.empty() && out[0] >= '0' && out[0] <= '9';
  if (id == types::TypeId::kBool) return out == "t" ? "true" : "false";
  if (id == types::TypeId::kInt32 && digit_first) return out;
  if (id == types::TypeId::kNumeric && digit_first &&
      out.find_first_of("eE.") != std::string::npos) {
    return out;
  }
  std::string quoted = "'";
  for (char ch : out) {
    if (ch == '\'') quoted.push_back('\'');
    quoted.push_back(ch);
  }
  return quoted + "'::" + type_name;
}

// The type PostgreSQL gives an unquoted number: integer, bigint when too big for it, numeric
// with a point or exponent or when too big for bigint; kUnknown when `e` is no number.
types::TypeId NumberLiteralType(std::string_view e) {
  size_t i = !e.empty() && e[0] == '-' ? 1 : 0;
  if (i == e.size()) return types::TypeId::kUnknown;
  bool integral = true;
  for (size_t k = i; k < e.size(); ++k) {
    char ch = e[k];
    if (ch >= '0' && ch <= '9') continue;
    if (ch == '.' || ch == 'e' || ch == 'E' || ((ch == '+' || ch == '-') && k > i)) {
      integral = false;
      continue;
    }
    return types::TypeId::kUnknown;
  }
  if (!integral) return types::TypeId::kNumeric;
  auto v = types::ParseText(e, types::LogicalType(types::TypeId::kInt64));
  if (!v.ok()) return types::TypeId::kNumeric;
  int64_t n = v->GetInt();
  return n >= INT32_MIN && n <= INT32_MAX ? types::TypeId::kInt32 : types::TypeId::kInt64;
}

std::string PgTypeNameOf(types::TypeId id) {
  return types::FormatPgType(types::LogicalType(id).PgOid(), -1).value_or("text");
}

}  // namespace

std::string SerialDefault(std::string_view schema, std::string_view sequence) {
  std::string name = schema.empty() ? QuoteIdentifier(sequence)
                                    : common::QuoteQualifiedName(schema, sequence);
  std::string lit;
  for (char ch : name) lit += ch == '\'' ? std::string("''") : std::string(1, ch);
  return "nextval('" + lit + "'::regclass)";
}

std::string DefaultExpression(const Column& column) {
  const std::string& e = column.default_expr;
  // One plain string literal: 'text' with '' for quotes and nothing after it.
  bool literal = e.size() >= 2 && e.front() == '\'' && e.back() == '\'';
  for (size_t i = 1; literal && i + 1 < e.size(); ++i) {
    if (e[i] == '\'') {
      if (e[i + 1] != '\'' || i + 2 == e.size()) literal = false;
      ++i;
    }
  }
  types::TypeId id = column.type.id;
  if (!literal) {
    // A number is a constant of its own type; the cast to the column's type does not show.
    if (types::TypeId t = NumberLiteralType(e); t != types::TypeId::kUnknown) {
      auto v = types::ParseText(e, types::LogicalType(t));
      if (v.ok()) return ConstantText(types::ToText(*v), t, PgTypeNameOf(t));
    }
    // SQL's special functions (CURRENT_DATE ...) deparse in upper case.
    static constexpr std::string_view kSqlValueFunctions[] = {
        "current_date",   "current_time",    "current_timestamp", "localtime",
        "localtimestamp", "current_user",    "current_role",      "session_user",
        "user",           "current_catalog", "current_schema"};
    std::string lower;
    for (char ch : e) {
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
    for (std::string_view f : kSqlValueFunctions) {
      if (lower == f) {
        std::string upper;
        for (char ch : f) {
          upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
        }
        return upper;
      }
    }
    return e;
  }
  std::string type_name = types::FormatPgType(column.type.PgOid(), -1).value_or("text");
  if (types::IsStringFamily(id)) return e + "::" + type_name;
  // Other types read the literal when the default is made (without the column's modifier,
  // which a separate coercion applies), and the constant deparses as its type prints it.
  std::string text;
  for (size_t i = 1; i + 1 < e.size(); ++i) {
    text.push_back(e[i]);
    if (e[i] == '\'') ++i;
  }
  types::LogicalType base = column.type;
  if (base.id != types::TypeId::kArray) base.typmod = -1;
  auto v = types::ParseText(text, base);
  if (!v.ok()) return e;
  return ConstantText(types::ToText(*v), id, type_name);
}

}  // namespace zijin::catalog
