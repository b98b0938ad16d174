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

  // Foreign keys. `values` are a key of the unique `index` (in the order of its columns, of
  // their types, no NULL).
  // Whether a row with that key exists; when it does, the key stays locked in share mode until
  // the transaction ends: nobody can delete the row or change its key meanwhile, while updates
  // of its other columns go ahead (PostgreSQL's FOR KEY SHARE).
  Status KeyShareLock(const catalog::Index& index, const Row& values, bool* found);
  // Whether the key is in `view` (a snapshot), without a lock.
  Status KeyInView(const catalog::Index& index, const Row& values, const storage::ReadView* view,
                   bool* found);
  // Before the row under `pk` (contents `row`) is deleted or its key of unique `index`
  // changed: waits for the transactions holding that key in share mode, and keeps new ones
  // out until this transaction ends. The caller holds the row's lock.
  Status KeyUpdateLock(const catalog::Index& index, std::string_view pk, const Row& row);

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
  // The stored key of `values` under unique `index`: the primary-index key, or the entry's.
  std::string UniqueKey(const catalog::Index& index, const Row& values) const;
  // The lock-only key that stands for the primary key of the row under `pk`.
  std::string KeyLockKey(std::string_view pk) const;
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
