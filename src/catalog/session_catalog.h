// common::CatalogAccess over one session's catalog version, database and search path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/catalog_access.h"

namespace zijin::storage {
class Engine;
}  // namespace zijin::storage

namespace zijin::catalog {

// The catalog lookups of SQL functions and reg* types for one session. The session points it
// at the catalog version a statement is planned or run against (Reset); it is then used from the
// session's thread only.
class SessionCatalog final : public common::CatalogAccess {
 public:
  // The OIDs of the roles Zijin knows: the session's user (a superuser, PostgreSQL's bootstrap
  // superuser OID) and pg_database_owner, which owns the public schema as in PostgreSQL 15.
  static constexpr Oid kDatabaseOwnerRole = 6171;

  SessionCatalog() = default;
  void Reset(std::shared_ptr<const CatalogData> data, Oid database, std::string user,
             std::vector<std::string> search_path, storage::Engine* engine);

  Result<uint32_t> RelationOid(std::string_view name) const override;
  std::optional<std::string> RelationName(uint32_t oid) const override;
  Result<uint32_t> NamespaceOid(std::string_view name) const override;
  std::optional<std::string> NamespaceName(uint32_t oid) const override;
  Result<uint32_t> RoleOid(std::string_view name) const override;
  std::optional<std::string> RoleName(uint32_t oid) const override;
  std::optional<uint32_t> DatabaseOid(std::string_view name) const override;
  std::optional<bool> RelationVisible(uint32_t oid) const override;
  std::optional<char> RelationKind(uint32_t oid) const override;
  std::optional<std::string> IndexDefinition(uint32_t index, int column,
                                             bool pretty) const override;
  std::optional<std::string> ConstraintDefinition(uint32_t oid, bool pretty) const override;
  std::optional<std::string> ViewDefinition(uint32_t oid, bool pretty) const override;
  Result<std::optional<std::string>> SerialSequence(std::string_view table,
                                                    std::string_view column) const override;
  std::optional<int64_t> RelationSize(uint32_t oid,
                                      common::RelationSizeKind kind) const override;
  std::optional<int64_t> DatabaseSize(uint32_t oid) const override;

 private:
  std::shared_ptr<const CatalogData> data_;
  Oid database_ = 0;
  std::string user_;
  std::vector<std::string> search_path_;
  storage::Engine* engine_ = nullptr;
};

}  // namespace zijin::catalog
