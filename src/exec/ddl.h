// Schema changes on the catalog and the stored data: the storage side of DDL. Each function
// works on the transaction's private catalog version and writes through its transaction, so DDL
// commits or rolls back with it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"

namespace zijin::storage {
class Transaction;
class ReadView;
}  // namespace zijin::storage

namespace zijin::exec {

// What a DDL statement needs besides the catalog: the transaction and where deferred work goes.
struct DdlContext {
  catalog::CatalogData* data = nullptr;  // the transaction's private catalog version
  catalog::Catalog* catalog = nullptr;
  storage::Transaction* txn = nullptr;
  const storage::ReadView* view = nullptr;
  catalog::Oid database = 0;
  // Key ranges to delete after commit (dropped/truncated data) and runtime state to forget.
  std::vector<std::pair<std::string, std::string>>* ranges_to_drop = nullptr;
  std::vector<catalog::Oid>* forget = nullptr;

  // A fresh OID (Catalog::AllocateOid). Should storing the counter fail, the failure is kept in
  // oid_error for the statement to report, and 0 returned.
  catalog::Oid NewOid();
  Status oid_error;
};

// 42P07 "relation \"x\" already exists" when `name` is taken in `schema`.
Status CheckRelationNameFree(const DdlContext& ctx, catalog::Oid schema, const std::string& name);

// Registers a new table (its indexes must be empty of data: the table is new).
Status CreateTable(DdlContext& ctx, catalog::Table table);
// Adds an index to an existing table and builds it from the table's rows; a unique index
// fails with 23505 when existing rows collide.
Status CreateIndex(DdlContext& ctx, catalog::Oid table, catalog::Index index);
// ALTER TABLE ADD PRIMARY KEY: re-keys every row by the new key (tables created without one,
// as pgbench does, keep hidden row ids until then).
Status AddPrimaryKey(DdlContext& ctx, catalog::Oid table, catalog::Index index);
Status DropTable(DdlContext& ctx, catalog::Oid table);
Status DropIndex(DdlContext& ctx, catalog::Oid index);
Status TruncateTable(DdlContext& ctx, catalog::Oid table);
// Replaces a table's definition (ADD/DROP/RENAME COLUMN, constraints, RENAME TO) without
// touching its rows.
Status ReplaceTable(DdlContext& ctx, catalog::Table table);
Status CreateSequence(DdlContext& ctx, catalog::Sequence seq);
Status DropSequence(DdlContext& ctx, catalog::Oid seq);
Status CreateView(DdlContext& ctx, catalog::View view, bool replace);
Status DropView(DdlContext& ctx, catalog::Oid view);
Status CreateSchema(DdlContext& ctx, catalog::Schema schema);
Status DropSchema(DdlContext& ctx, catalog::Oid schema, bool cascade);
Status CreateDatabase(DdlContext& ctx, catalog::Database db);
Status DropDatabase(DdlContext& ctx, catalog::Oid db);

// ALTER TABLE ... ADD FOREIGN KEY: every stored row of `child` must reference an existing key
// of the table `fk` references (23503 naming the first that does not); the keys found are
// locked in share mode, as an insert would lock them.
Status ValidateForeignKey(DdlContext& ctx, const catalog::Table& child,
                          const catalog::ForeignKey& fk);

// Calls `fn` with every stored row of `table` (validating new NOT NULL / CHECK rules).
Status ScanTableRows(DdlContext& ctx, const catalog::Table& table,
                     const std::function<Status(const std::vector<types::Value>&)>& fn);

}  // namespace zijin::exec
