// What the function library and the reg* types may ask of the catalog their session sees.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace zijin::common {

// Which storage pg_relation_size and friends count.
enum class RelationSizeKind {
  kMain,     // pg_relation_size: the relation's own keys
  kTable,    // pg_table_size: the same (Zijin has no TOAST or visibility maps)
  kIndexes,  // pg_indexes_size: the table's secondary indexes
  kTotal,    // pg_total_relation_size: the table and all its indexes
};

// Catalog lookups for code below the catalog module: the functions module (pg_get_indexdef,
// pg_table_is_visible ...) and the types module (regclass, regnamespace and regrole input and
// output). The session implements it over the catalog version its statement runs against, its
// database and its search path; `pg_catalog` is searched first, as in PostgreSQL. OIDs that name
// nothing are not errors: lookups by OID answer nullopt, as PostgreSQL's functions return NULL.
// Used from the session's thread only.
class CatalogAccess {
 public:
  virtual ~CatalogAccess() = default;

  // regclassin: the relation a name denotes ("t", "public.t", "\"T\""); 42P01 when there is
  // none, 42602 for a malformed name.
  virtual Result<uint32_t> RelationOid(std::string_view name) const = 0;
  // regclassout: the relation's name, schema-qualified when the search path does not find it
  // by its bare name, quoted where needed.
  virtual std::optional<std::string> RelationName(uint32_t oid) const = 0;
  // regnamespacein/out: schemas (the name as SQL writes it, quoted or not); 3F000 for an
  // unknown name. NamespaceName gives the bare name, unquoted.
  virtual Result<uint32_t> NamespaceOid(std::string_view name) const = 0;
  virtual std::optional<std::string> NamespaceName(uint32_t oid) const = 0;
  // regrolein/out and pg_get_userbyid: roles; 42704 for an unknown name. RoleName gives the
  // bare name, unquoted.
  virtual Result<uint32_t> RoleOid(std::string_view name) const = 0;
  virtual std::optional<std::string> RoleName(uint32_t oid) const = 0;
  // A database by name (pg_database_size(name)).
  virtual std::optional<uint32_t> DatabaseOid(std::string_view name) const = 0;

  // pg_table_is_visible: the relation is found by its bare name through the search path.
  // nullopt for an unknown OID.
  virtual std::optional<bool> RelationVisible(uint32_t oid) const = 0;
  // pg_class.relkind of a relation ('r', 'i', 'S', 'v'); nullopt for an unknown OID.
  virtual std::optional<char> RelationKind(uint32_t oid) const = 0;

  // pg_get_indexdef(index, column, pretty): the CREATE INDEX statement (column 0) or the text
  // of one key column (1-based); "" for a column past the last.
  virtual std::optional<std::string> IndexDefinition(uint32_t index, int column,
                                                     bool pretty) const = 0;
  // pg_get_constraintdef: "PRIMARY KEY (id)", "FOREIGN KEY (a) REFERENCES t(id) ...",
  // "CHECK (...)".
  virtual std::optional<std::string> ConstraintDefinition(uint32_t oid, bool pretty) const = 0;
  // pg_get_viewdef: the view's query.
  virtual std::optional<std::string> ViewDefinition(uint32_t oid, bool pretty) const = 0;
  // pg_get_serial_sequence(table, column): the sequence owned by the column, schema-qualified
  // and quoted, or nullopt. 42P01 / 42703 when the table or column does not exist.
  virtual Result<std::optional<std::string>> SerialSequence(std::string_view table,
                                                            std::string_view column) const = 0;

  // Bytes on disk, estimated by the storage engine; nullopt for an unknown OID.
  virtual std::optional<int64_t> RelationSize(uint32_t oid, RelationSizeKind kind) const = 0;
  virtual std::optional<int64_t> DatabaseSize(uint32_t oid) const = 0;
};

}  // namespace zijin::common
