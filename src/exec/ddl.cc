// The storage side of DDL: catalog rows, index builds, table rewrites, deferred range deletes.
#include "exec/ddl.h"

#include <unordered_set>

#include "exec/table_store.h"
#include "storage/engine.h"
#include "types/key_codec.h"
#include "types/row_codec.h"

namespace zijin::exec {

using catalog::CatalogWriter;
using catalog::Oid;
using catalog::RelKind;

namespace {

std::shared_ptr<const catalog::Table> GetTable(const DdlContext& ctx, Oid oid) {
  auto it = ctx.data->tables.find(oid);
  return it == ctx.data->tables.end() ? nullptr : it->second;
}

void DropRange(DdlContext& ctx, const std::string& prefix) {
  ctx.ranges_to_drop->emplace_back(prefix, catalog::PrefixEnd(prefix));
}

}  // namespace

catalog::Oid DdlContext::NewOid() {
  Result<catalog::Oid> oid = catalog->AllocateOid();
  if (oid.ok()) return *oid;
  if (oid_error.ok()) oid_error = std::move(oid).status();
  return 0;
}

Status CheckRelationNameFree(const DdlContext& ctx, Oid schema, const std::string& name) {
  RelKind kind;
  Oid oid;
  if (ctx.data->FindRelation(schema, name, &kind, &oid)) {
    return Status::Error(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
  return Status::OK();
}

Status ScanTableRows(DdlContext& ctx, const catalog::Table& table,
                     const std::function<Status(const std::vector<types::Value>&)>& fn) {
  TableStore store(&table, ctx.txn, ctx.catalog);
  auto it = store.ScanPrimary(nullptr);
  Row row;
  for (; it->Valid(); it->Next()) {
    ZJ_RETURN_IF_ERROR(store.DecodeRow(it->value(), &row));
    ZJ_RETURN_IF_ERROR(fn(row));
  }
  return it->status();
}

Status CreateTable(DdlContext& ctx, catalog::Table table) {
  ZJ_RETURN_IF_ERROR(CheckRelationNameFree(ctx, table.schema, table.name));
  for (const auto& ix : table.indexes) {
    ZJ_RETURN_IF_ERROR(CheckRelationNameFree(ctx, table.schema, ix.name));
    ctx.data->index_owner[ix.oid] = table.oid;
  }
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.PutTable(table));
  ctx.data->tables[table.oid] = std::make_shared<const catalog::Table>(std::move(table));
  return Status::OK();
}

Status ReplaceTable(DdlContext& ctx, catalog::Table table) {
  CatalogWriter w(ctx.txn);
  for (const auto& ix : table.indexes) ctx.data->index_owner[ix.oid] = table.oid;
  ZJ_RETURN_IF_ERROR(w.PutTable(table));
  ctx.data->tables[table.oid] = std::make_shared<const catalog::Table>(std::move(table));
  return Status::OK();
}

Status CreateIndex(DdlContext& ctx, Oid table_oid, catalog::Index index) {
  auto old = GetTable(ctx, table_oid);
  if (!old) return Status::Internal("table vanished");
  ZJ_RETURN_IF_ERROR(CheckRelationNameFree(ctx, old->schema, index.name));
  auto table = std::make_shared<catalog::Table>(*old);
  index.index_id = table->next_index_id++;
  table->indexes.push_back(index);
  const catalog::Index& ix = table->indexes.back();
  // Build the index from the existing rows, checking uniqueness among them. The session holds
  // the table in SHARE mode, so no other transaction writes it: the new keys need no row locks.
  TableStore store(table.get(), ctx.txn, ctx.catalog);
  std::unordered_set<std::string> seen;
  auto it = store.ScanPrimary(nullptr);
  Row row;
  for (; it->Valid(); it->Next()) {
    ZJ_RETURN_IF_ERROR(store.DecodeRow(it->value(), &row));
    std::string pk(it->key());
    bool has_null = false;
    std::string key = store.IndexKeyPrefix(ix, row, &has_null);
    if (ix.unique && !has_null) {
      if (!seen.insert(key).second) {
        std::string cols, vals;
        for (size_t i = 0; i < ix.columns.size(); ++i) {
          cols += (i ? ", " : "") + table->columns[static_cast<size_t>(ix.columns[i])].name;
        }
        return Status::Error(sqlstate::kUniqueViolation,
                             "could not create unique index \"" + ix.name + "\"")
            .WithDetail("Key (" + cols + ") is duplicated.");
      }
      ZJ_RETURN_IF_ERROR(ctx.txn->PutUntracked(key, std::string_view(pk).substr(8)));
    } else {
      key.append(pk, 8, std::string::npos);
      ZJ_RETURN_IF_ERROR(ctx.txn->PutUntracked(key, ""));
    }
  }
  ZJ_RETURN_IF_ERROR(it->status());
  return ReplaceTable(ctx, std::move(*table));
}

Status AddPrimaryKey(DdlContext& ctx, Oid table_oid, catalog::Index index) {
  auto old = GetTable(ctx, table_oid);
  if (!old) return Status::Internal("table vanished");
  if (old->primary_key() != nullptr) {
    return Status::Error(sqlstate::kInvalidTableDefinition,
                         "multiple primary keys for table \"" + old->name + "\" are not allowed");
  }
  ZJ_RETURN_IF_ERROR(CheckRelationNameFree(ctx, old->schema, index.name));
  auto table = std::make_shared<catalog::Table>(*old);
  index.index_id = 1;
  index.primary = true;
  index.unique = true;
  for (int c : index.columns) table->columns[static_cast<size_t>(c)].not_null = true;
  table->indexes.insert(table->indexes.begin(), index);
  // Re-key every row: read them under the old layout, write them under the new one. Secondary
  // indexes point at primary keys, so they are rebuilt as well. The session holds the table in
  // ACCESS EXCLUSIVE mode: no row locks are needed (they would cost most of the time).
  TableStore old_store(old.get(), ctx.txn, ctx.catalog);
  std::vector<std::pair<std::string, std::string>> rows;
  {
    auto it = old_store.ScanPrimary(nullptr);
    for (; it->Valid(); it->Next()) rows.emplace_back(std::string(it->key()), std::string(it->value()));
    ZJ_RETURN_IF_ERROR(it->status());
  }
  for (const auto& ix : old->indexes) {
    std::string p = catalog::IndexPrefix(old->oid, ix.index_id);
    auto it = ctx.txn->Scan(nullptr, p, catalog::PrefixEnd(p));
    std::vector<std::string> keys;
    for (; it->Valid(); it->Next()) keys.emplace_back(it->key());
    ZJ_RETURN_IF_ERROR(it->status());
    for (const auto& k : keys) ZJ_RETURN_IF_ERROR(ctx.txn->DeleteUntracked(k));
  }
  TableStore new_store(table.get(), ctx.txn, ctx.catalog);
  std::unordered_set<std::string> seen;
  Row row;
  std::string value;
  for (const auto& [old_key, data] : rows) {
    ZJ_RETURN_IF_ERROR(old_store.DecodeRow(data, &row));
    ZJ_RETURN_IF_ERROR(ctx.txn->DeleteUntracked(old_key));
    for (int c : index.columns) {
      if (row[static_cast<size_t>(c)].is_null()) {
        return Status::Error(sqlstate::kNotNullViolation,
                             "column \"" + table->columns[static_cast<size_t>(c)].name +
                                 "\" of relation \"" + table->name + "\" contains null values");
      }
    }
    ZJ_ASSIGN_OR_RETURN(std::string pk, new_store.PrimaryKeyOf(row));
    if (!seen.insert(pk).second) {
      std::string cols;
      for (size_t i = 0; i < index.columns.size(); ++i) {
        cols += (i ? ", " : "") + table->columns[static_cast<size_t>(index.columns[i])].name;
      }
      return Status::Error(sqlstate::kUniqueViolation,
                           "could not create unique index \"" + index.name + "\"")
          .WithDetail("Key (" + cols + ") is duplicated.");
    }
    value.clear();
    types::EncodeRow(row.data(), row.size(), &value);
    ZJ_RETURN_IF_ERROR(ctx.txn->PutUntracked(pk, value));
    for (const auto& ix : table->indexes) {
      if (ix.primary) continue;
      bool has_null = false;
      std::string key = new_store.IndexKeyPrefix(ix, row, &has_null);
      if (ix.unique && !has_null) {
        ZJ_RETURN_IF_ERROR(ctx.txn->PutUntracked(key, std::string_view(pk).substr(8)));
      } else {
        key.append(pk, 8, std::string::npos);
        ZJ_RETURN_IF_ERROR(ctx.txn->PutUntracked(key, ""));
      }
    }
  }
  return ReplaceTable(ctx, std::move(*table));
}

Status DropTable(DdlContext& ctx, Oid table_oid) {
  auto t = GetTable(ctx, table_oid);
  if (!t) return Status::OK();
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.DeleteObject(RelKind::kTable, table_oid));
  for (const auto& ix : t->indexes) ctx.data->index_owner.erase(ix.oid);
  // Sequences owned by the table's columns (serial) go with it.
  std::vector<Oid> owned;
  for (const auto& [oid, s] : ctx.data->sequences) {
    if (s.owned_by_table == table_oid) owned.push_back(oid);
  }
  for (Oid s : owned) ZJ_RETURN_IF_ERROR(DropSequence(ctx, s));
  ctx.data->tables.erase(table_oid);
  // So do the foreign keys of other tables that reference it (the caller has decided that
  // they may go: DROP ... CASCADE, DROP SCHEMA ... CASCADE).
  std::vector<Oid> referencing;
  for (const auto& ref : ctx.data->ReferencesTo(table_oid)) referencing.push_back(ref.table->oid);
  for (Oid oid : referencing) {
    auto child = GetTable(ctx, oid);
    if (!child) continue;
    catalog::Table nt = *child;
    std::erase_if(nt.foreign_keys,
                  [&](const catalog::ForeignKey& fk) { return fk.ref_table == table_oid; });
    if (nt.foreign_keys.size() != child->foreign_keys.size()) {
      ZJ_RETURN_IF_ERROR(ReplaceTable(ctx, std::move(nt)));
    }
  }
  DropRange(ctx, catalog::TablePrefix(table_oid));
  ctx.forget->push_back(table_oid);
  return Status::OK();
}

Status DropIndex(DdlContext& ctx, Oid index_oid) {
  auto owner = ctx.data->index_owner.find(index_oid);
  if (owner == ctx.data->index_owner.end()) return Status::OK();
  auto old = GetTable(ctx, owner->second);
  auto table = std::make_shared<catalog::Table>(*old);
  for (auto it = table->indexes.begin(); it != table->indexes.end(); ++it) {
    if (it->oid != index_oid) continue;
    if (it->primary) {
      return Status::NotSupported("dropping a primary key is not supported yet");
    }
    DropRange(ctx, catalog::IndexPrefix(table->oid, it->index_id));
    table->indexes.erase(it);
    break;
  }
  ctx.data->index_owner.erase(index_oid);
  return ReplaceTable(ctx, std::move(*table));
}

Status TruncateTable(DdlContext& ctx, Oid table_oid) {
  auto t = GetTable(ctx, table_oid);
  if (!t) return Status::OK();
  // Delete through the transaction so the truncate rolls back with it; under the session's
  // ACCESS EXCLUSIVE lock, without row locks.
  std::string p = catalog::TablePrefix(table_oid);
  auto it = ctx.txn->Scan(nullptr, p, catalog::PrefixEnd(p));
  std::vector<std::string> keys;
  for (; it->Valid(); it->Next()) keys.emplace_back(it->key());
  ZJ_RETURN_IF_ERROR(it->status());
  for (const auto& k : keys) ZJ_RETURN_IF_ERROR(ctx.txn->DeleteUntracked(k));
  return Status::OK();
}

Status CreateSequence(DdlContext& ctx, catalog::Sequence seq) {
  ZJ_RETURN_IF_ERROR(CheckRelationNameFree(ctx, seq.schema, seq.name));
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.PutSequence(seq));
  ctx.data->sequences[seq.oid] = std::move(seq);
  return Status::OK();
}

Status DropSequence(DdlContext& ctx, Oid seq) {
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.DeleteObject(RelKind::kSequence, seq));
  ctx.data->sequences.erase(seq);
  ctx.forget->push_back(seq);
  return Status::OK();
}

Status CreateView(DdlContext& ctx, catalog::View view, bool replace) {
  RelKind kind;
  Oid oid;
  if (ctx.data->FindRelation(view.schema, view.name, &kind, &oid)) {
    if (!replace || kind != RelKind::kView) {
      return Status::Error(sqlstate::kDuplicateTable,
                           "relation \"" + view.name + "\" already exists");
    }
    view.oid = oid;
  }
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.PutView(view));
  ctx.data->views[view.oid] = std::move(view);
  return Status::OK();
}

Status DropView(DdlContext& ctx, Oid view) {
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.DeleteObject(RelKind::kView, view));
  ctx.data->views.erase(view);
  return Status::OK();
}

Status CreateSchema(DdlContext& ctx, catalog::Schema schema) {
  if (ctx.data->FindSchema(schema.database, schema.name) != nullptr) {
    return Status::Error(sqlstate::kDuplicateSchema,
                         "schema \"" + schema.name + "\" already exists");
  }
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.PutSchema(schema));
  ctx.data->schemas[schema.oid] = std::move(schema);
  return Status::OK();
}

Status DropSchema(DdlContext& ctx, Oid schema, bool cascade) {
  std::vector<Oid> tables, seqs, views;
  for (const auto& [oid, t] : ctx.data->tables) {
    if (t->schema == schema) tables.push_back(oid);
  }
  for (const auto& [oid, s] : ctx.data->sequences) {
    if (s.schema == schema) seqs.push_back(oid);
  }
  for (const auto& [oid, v] : ctx.data->views) {
    if (v.schema == schema) views.push_back(oid);
  }
  if (!cascade && (!tables.empty() || !seqs.empty() || !views.empty())) {
    return Status::Error(sqlstate::kDependentObjectsStillExist,
                         "cannot drop schema " + ctx.data->schemas[schema].name +
                             " because other objects depend on it")
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  for (Oid v : views) ZJ_RETURN_IF_ERROR(DropView(ctx, v));
  for (Oid t : tables) ZJ_RETURN_IF_ERROR(DropTable(ctx, t));
  for (Oid s : seqs) {
    if (ctx.data->sequences.count(s)) ZJ_RETURN_IF_ERROR(DropSequence(ctx, s));
  }
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.DeleteSchema(schema));
  ctx.data->schemas.erase(schema);
  return Status::OK();
}

Status CreateDatabase(DdlContext& ctx, catalog::Database db) {
  if (ctx.data->FindDatabase(db.name) != nullptr) {
    return Status::Error(sqlstate::kDuplicateDatabase,
                         "database \"" + db.name + "\" already exists");
  }
  CatalogWriter w(ctx.txn);
  catalog::Schema pub{ctx.NewOid(), "public", db.oid};
  ZJ_RETURN_IF_ERROR(w.PutDatabase(db));
  ZJ_RETURN_IF_ERROR(w.PutSchema(pub));
  ctx.data->databases[db.oid] = std::move(db);
  ctx.data->schemas[pub.oid] = std::move(pub);
  return Status::OK();
}

Status DropDatabase(DdlContext& ctx, Oid db) {
  std::vector<Oid> schemas;
  for (const auto& [oid, s] : ctx.data->schemas) {
    if (s.database == db) schemas.push_back(oid);
  }
  for (Oid s : schemas) ZJ_RETURN_IF_ERROR(DropSchema(ctx, s, true));
  CatalogWriter w(ctx.txn);
  ZJ_RETURN_IF_ERROR(w.DeleteDatabase(db));
  ctx.data->databases.erase(db);
  return Status::OK();
}

}  // namespace zijin::exec
