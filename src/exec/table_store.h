// Rows of a table in the key/value store: key layout, index maintenance, uniqueness, row locks.
// The layout is documented in docs/internals/key_layout.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "common/status.h"
#include "exec/result.h"

namespace zijin::storage {
class Transaction;
class ReadView;
class Iterator;
}  // namespace zijin::storage

namespace zijin::exec {

// Reads and writes the rows of one table inside one transaction.
class TableStore {
 public:
  TableStore(const catalog::Table* table, storage::Transaction* txn, catalog::Catalog* catalog)
      : table_(table), txn_(txn), catalog_(catalog) {}

  // The primary-index key of a row (its primary-key columns, or a new hidden row id when
  // `rowid` is 0 and the table has no primary key).
  Result<std::string> PrimaryKeyOf(const Row& row);
  // The primary-index key for primary-key column values given in key order.
  std::string PrimaryKeyFromValues(const Row& key_values) const;

  // Where an insert met an existing row (ON CONFLICT): the index and the existing row's pk.
  struct InsertConflict {
    const catalog::Index* index = nullptr;
    std::string pk;
  };

  // Inserts a full row (all columns, dropped ones NULL). 23505 on a duplicate key; with
  // `conflict` given, a duplicate is reported there instead and nothing is written.
  // `inserted_pk` (optional) receives the new row's primary-index key.
  Status Insert(const Row& row, InsertConflict* conflict = nullptr,
                std::string* inserted_pk = nullptr);
  // Replaces the row stored under `pk` (old contents `old_row`) with `new_row`, or deletes it.
  // The caller holds the row's lock (LockRow).
  Status Update(std::string_view pk, const Row& old_row, const Row& new_row);
  Status Delete(std::string_view pk, const Row& old_row);

  // Locks the row under `pk` and reads its newest committed version. `found` false when the
  // row is gone (deleted by a transaction that committed while we waited).
  Status LockRow(std::string_view pk, Row* row, bool* found);
  // The same without waiting: *locked false when another transaction holds the row.
  Status TryLockRow(std::string_view pk, Row* row, bool* found, bool* locked);
  // Reads one row by primary key through `view`.
  Status Get(const storage::ReadView* view, std::string_view pk, Row* row, bool* found);

  // Decodes a stored row into all columns, filling columns added later with their missing value.
  Status DecodeRow(std::string_view data, Row* row) const;

  // A scan over the primary index, or over [lower, upper) of it.
  std::unique_ptr<storage::Iterator> ScanPrimary(const storage::ReadView* view);
  std::unique_ptr<storage::Iterator> ScanRange(const storage::ReadView* view,
                                               const std::string& lower,
                                               const std::string& upper);
  // Primary key bytes stored in a secondary-index entry.
  std::string PrimaryKeyFromIndexEntry(const catalog::Index& index, std::string_view key,
                                       std::string_view value) const;

  // Encodes the index key of `row` for `index` (prefix included), without the pk suffix.
  std::string IndexKeyPrefix(const catalog::Index& index, const Row& row, bool* has_null) const;

  const catalog::Table* table() const { return table_; }

 private:
  Status InsertIndexEntry(const catalog::Index& index, const Row& row, std::string_view pk);
  // Locks the unique `key` of `index`; when taken, fails with 23505 or, with `conflict` given,
  // records the conflict there.
  Status CheckUniqueEntry(const catalog::Index& index, const Row& row, std::string_view key,
                          InsertConflict* conflict);
  Status DeleteIndexEntry(const catalog::Index& index, const Row& row, std::string_view pk);
  Status UniqueViolation(const catalog::Index& index, const Row& row) const;

  const catalog::Table* table_;
  storage::Transaction* txn_;
  catalog::Catalog* catalog_;
  std::string buf_;
};

}  // namespace zijin::exec
