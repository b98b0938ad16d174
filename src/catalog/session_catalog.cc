// The catalog lookups behind regclass and friends, pg_get_*def, pg_table_is_visible and the
// size functions, for one session.
#include "catalog/session_catalog.h"

#include <algorithm>

#include "catalog/catalog_text.h"
#include "common/settings.h"
#include "storage/engine.h"

namespace zijin::catalog {
namespace {

// A name as SQL writes it, split at dots: identifiers lower-cased unless quoted. 42602 on bad
// syntax.
Result<std::vector<std::string>> SplitName(std::string_view text) {
  std::vector<std::string> parts;
  if (!common::SplitIdentifierList(text, '.', &parts) || parts.empty()) {
    return Status::Error(sqlstate::kInvalidName, "invalid name syntax");
  }
  return parts;
}

}  // namespace

void SessionCatalog::Reset(std::shared_ptr<const CatalogData> data, Oid database,
                           std::string user, std::vector<std::string> search_path,
                           storage::Engine* engine) {
  data_ = std::move(data);
  database_ = database;
  user_ = std::move(user);
  search_path_ = std::move(search_path);
  engine_ = engine;
}

Result<uint32_t> SessionCatalog::RelationOid(std::string_view name) const {
  ZJ_ASSIGN_OR_RETURN(std::vector<std::string> parts, SplitName(name));
  auto missing = [&] {
    return Status::Error(sqlstate::kUndefinedTable,
                         "relation \"" + std::string(name) + "\" does not exist");
  };
  if (data_ == nullptr) return missing();
  NameScope scope(*data_, database_, search_path_);
  if (parts.size() > 3) {
    return Status::Error(sqlstate::kSyntaxError,
                         "improper relation name (too many dotted names): " + std::string(name));
  }
  if (parts.size() == 3) {
    auto db = data_->databases.find(database_);
    if (db == data_->databases.end() || db->second.name != parts[0]) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "cross-database references are not implemented: " + std::string(name));
    }
    parts.erase(parts.begin());
  }
  std::optional<RelationInfo> rel;
  if (parts.size() == 2) {
    const Schema* s = scope.FindSchema(parts[0]);
    if (s == nullptr) {
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema \"" + parts[0] + "\" does not exist");
    }
    rel = scope.Find(s->oid, parts[1]);
  } else {
    rel = scope.FindInPath(parts[0]);
  }
  if (!rel) return missing();
  return rel->oid;
}

std::optional<std::string> SessionCatalog::RelationName(uint32_t oid) const {
  if (data_ == nullptr) return std::nullopt;
  NameScope scope(*data_, database_, search_path_);
  std::optional<RelationInfo> rel = scope.Relation(oid);
  if (!rel) return std::nullopt;
  return scope.DisplayName(*rel);
}

Result<uint32_t> SessionCatalog::NamespaceOid(std::string_view name) const {
  ZJ_ASSIGN_OR_RETURN(std::vector<std::string> parts, SplitName(name));
  if (parts.size() != 1) return Status::Error(sqlstate::kInvalidName, "invalid name syntax");
  const Schema* s = data_ == nullptr ? nullptr : data_->FindSchema(database_, parts[0]);
  if (s == nullptr) {
    return Status::Error(sqlstate::kInvalidSchemaName,
                         "schema \"" + parts[0] + "\" does not exist");
  }
  return s->oid;
}

std::optional<std::string> SessionCatalog::NamespaceName(uint32_t oid) const {
  if (data_ == nullptr) return std::nullopt;
  auto it = data_->schemas.find(oid);
  if (it == data_->schemas.end()) return std::nullopt;
  if (it->second.database != 0 && it->second.database != database_) return std::nullopt;
  return it->second.name;
}

Result<uint32_t> SessionCatalog::RoleOid(std::string_view name) const {
  ZJ_ASSIGN_OR_RETURN(std::vector<std::string> parts, SplitName(name));
  if (parts.size() != 1) return Status::Error(sqlstate::kInvalidName, "invalid name syntax");
  if (parts[0] == user_) return kSuperuserOid;
  if (parts[0] == "pg_database_owner") return kDatabaseOwnerRole;
  return Status::Error(sqlstate::kUndefinedObject, "role \"" + parts[0] + "\" does not exist");
}

std::optional<std::string> SessionCatalog::RoleName(uint32_t oid) const {
  if (oid == kSuperuserOid) return user_;
  if (oid == kDatabaseOwnerRole) return std::string("pg_database_owner");
  return std::nullopt;
}

std::optional<uint32_t> SessionCatalog::DatabaseOid(std::string_view name) const {
  if (data_ == nullptr) return std::nullopt;
  const Database* d = data_->FindDatabase(name);
  if (d == nullptr) return std::nullopt;
  return d->oid;
}

std::optional<bool> SessionCatalog::RelationVisible(uint32_t oid) const {
  if (data_ == nullptr) return std::nullopt;
  NameScope scope(*data_, database_, search_path_);
  std::optional<RelationInfo> rel = scope.Relation(oid);
  if (!rel) return std::nullopt;
  return scope.Visible(*rel);
}

std::optional<char> SessionCatalog::RelationKind(uint32_t oid) const {
  if (data_ == nullptr) return std::nullopt;
  std::optional<RelationInfo> rel = NameScope(*data_, database_, search_path_).Relation(oid);
  if (!rel) return std::nullopt;
  return rel->relkind;
}

std::optional<std::string> SessionCatalog::IndexDefinition(uint32_t index, int column,
                                                           bool pretty) const {
  if (data_ == nullptr) return std::nullopt;
  auto owner = data_->index_owner.find(index);
  if (owner == data_->index_owner.end()) return std::nullopt;
  const Table* t = data_->GetTable(owner->second);
  if (t == nullptr || t->database != database_) return std::nullopt;
  for (const auto& ix : t->indexes) {
    if (ix.oid != index) continue;
    NameScope scope(*data_, database_, search_path_);
    return catalog::IndexDefinition(scope, *t, ix, column, pretty);
  }
  return std::nullopt;
}

std::optional<std::string> SessionCatalog::ConstraintDefinition(uint32_t oid, bool) const {
  if (data_ == nullptr) return std::nullopt;
  NameScope scope(*data_, database_, search_path_);
  return catalog::ConstraintDefinition(scope, oid);
}

std::optional<std::string> SessionCatalog::ViewDefinition(uint32_t oid, bool) const {
  if (data_ == nullptr) return std::nullopt;
  auto it = data_->views.find(oid);
  if (it == data_->views.end() || it->second.database != database_) return std::nullopt;
  return it->second.sql;
}

Result<std::optional<std::string>> SessionCatalog::SerialSequence(std::string_view table,
                                                                  std::string_view column) const {
  ZJ_ASSIGN_OR_RETURN(uint32_t oid, RelationOid(table));
  const Table* t = data_->GetTable(oid);
  std::optional<RelationInfo> rel = NameScope(*data_, database_, search_path_).Relation(oid);
  std::string rel_name = rel ? rel->name : std::string(table);
  if (t == nullptr || t->FindColumn(column) < 0) {
    return Status::Error(sqlstate::kUndefinedColumn, "column \"" + std::string(column) +
                                                         "\" of relation \"" + rel_name +
                                                         "\" does not exist");
  }
  NameScope scope(*data_, database_, search_path_);
  for (const auto& [seq_oid, s] : data_->sequences) {
    if (s.owned_by_table == oid && s.owned_by_column == column) {
      return std::optional<std::string>(
          scope.QualifiedName(RelationInfo{seq_oid, s.schema, s.name, 'S'}));
    }
  }
  return std::optional<std::string>();
}

std::optional<int64_t> SessionCatalog::RelationSize(uint32_t oid,
                                                    common::RelationSizeKind kind) const {
  if (data_ == nullptr) return std::nullopt;
  NameScope scope(*data_, database_, search_path_);
  std::optional<RelationInfo> rel = scope.Relation(oid);
  if (!rel) return std::nullopt;
  if (engine_ == nullptr) return 0;
  auto range = [&](Oid table, uint32_t index_id) {
    std::string begin = IndexPrefix(table, index_id);
    return static_cast<int64_t>(engine_->ApproximateSize(begin, PrefixEnd(begin)));
  };
  if (rel->relkind == 'i') {
    // A primary key is the table's own key order: its index takes no space of its own.
    const Table* t = data_->GetTable(data_->index_owner.at(oid));
    for (const auto& ix : t->indexes) {
      if (ix.oid == oid) return ix.primary ? 0 : range(t->oid, ix.index_id);
    }
    return 0;
  }
  const Table* t = rel->relkind == 'r' ? data_->GetTable(oid) : nullptr;
  if (t == nullptr) return 0;  // views, sequences and system views store no rows
  int64_t main = range(t->oid, 1), indexes = 0;
  for (const auto& ix : t->indexes) {
    if (!ix.primary) indexes += range(t->oid, ix.index_id);
  }
  switch (kind) {
    case common::RelationSizeKind::kMain:
    case common::RelationSizeKind::kTable: return main;
    case common::RelationSizeKind::kIndexes: return indexes;
    case common::RelationSizeKind::kTotal: return main + indexes;
  }
  return main;
}

std::optional<int64_t> SessionCatalog::DatabaseSize(uint32_t oid) const {
  if (data_ == nullptr || data_->databases.count(oid) == 0) return std::nullopt;
  if (engine_ == nullptr) return 0;
  int64_t total = 0;
  for (const auto& [table_oid, t] : data_->tables) {
    if (t->database != oid) continue;
    std::string begin = TablePrefix(table_oid);
    total += static_cast<int64_t>(engine_->ApproximateSize(begin, PrefixEnd(begin)));
  }
  return total;
}

}  // namespace zijin::catalog
