// Names and definitions as PostgreSQL's catalog functions print them: relations found through a
// search path (pg_table_is_visible, regclass), CREATE INDEX text, constraint definitions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace zijin::catalog {

// Any relation: a table, index, sequence, view, or system view (in pg_catalog or
// information_schema).
struct RelationInfo {
  Oid oid = 0;
  Oid schema = 0;
  std::string name;
  char relkind = 'r';  // pg_class.relkind: r i S v
};

// One session's names: a catalog version, its database, and its search path with pg_catalog
// searched first (unless the path places it). Borrows `data`; cheap to build per call.
class NameScope {
 public:
  NameScope(const CatalogData& data, Oid database, const std::vector<std::string>& search_path);

  const CatalogData& data() const { return data_; }
  Oid database() const { return database_; }
  // The schemas searched for unqualified names, in order (existing ones only).
  const std::vector<Oid>& path() const { return path_; }

  // The relation with this OID in this database, or nullopt.
  std::optional<RelationInfo> Relation(Oid oid) const;
  // The relation `name` in `schema`, or nullopt.
  std::optional<RelationInfo> Find(Oid schema, std::string_view name) const;
  // The first relation named `name` along the path.
  std::optional<RelationInfo> FindInPath(std::string_view name) const;
  // The schema `name` of this database (or a built-in one), or nullptr.
  const Schema* FindSchema(std::string_view name) const;
  std::string SchemaName(Oid schema) const;

  // Whether the bare name finds this relation (pg_table_is_visible).
  bool Visible(const RelationInfo& rel) const;
  // The relation as regclass prints it: its quoted name, schema-qualified unless visible.
  std::string DisplayName(const RelationInfo& rel) const;
  // "schema.name", both quoted where needed.
  std::string QualifiedName(const RelationInfo& rel) const;

 private:
  const CatalogData& data_;
  Oid database_;
  std::vector<Oid> path_;
};

// pg_get_indexdef(index, column, pretty): for column 0 the CREATE [UNIQUE] INDEX statement (the
// table schema-qualified, or when pretty as regclass prints it), else the key column's name (""
// past the last).
std::string IndexDefinition(const NameScope& scope, const Table& table, const Index& index,
                            int column, bool pretty);

// pg_get_constraintdef for a constraint OID: a primary key or unique index ("PRIMARY KEY (id)"),
// a foreign key ("FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE") or a CHECK constraint
// ("CHECK (qty > 0)", its expression as written). nullopt when no constraint has this OID.
std::optional<std::string> ConstraintDefinition(const NameScope& scope, Oid oid);

// A constraint found by OID: the table it is on and one of its index, foreign key or check.
struct ConstraintRef {
  const Table* table = nullptr;
  const Index* index = nullptr;
  const ForeignKey* foreign_key = nullptr;
  const Check* check = nullptr;
};
std::optional<ConstraintRef> FindConstraint(const CatalogData& data, Oid database, Oid oid);

// The default of a serial column: nextval('seq'::regclass), the sequence qualified by its
// schema unless that is public (`schema` empty), each name quoted where needed.
std::string SerialDefault(std::string_view schema, std::string_view sequence);

// A column default as pg_get_expr prints it: the expression as written, except that a string
// literal shows the type it is read as ('x'::character varying), as PostgreSQL deparses it.
std::string DefaultExpression(const Column& column);

}  // namespace zijin::catalog
