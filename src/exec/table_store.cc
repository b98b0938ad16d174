// Table rows in the store: keys, secondary indexes, uniqueness checks and row locks.
#include "exec/table_store.h"

#include <utility>
#include <vector>

#include "storage/engine.h"
#include "types/key_codec.h"
#include "types/row_codec.h"
#include "types/type_io.h"

namespace zijin::exec {

using catalog::Index;

namespace {

void PutBE64(std::string* out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out->push_back(static_cast<char>(v >> (i * 8)));
}

}  // namespace

Result<std::string> TableStore::PrimaryKeyOf(const Row& row) {
  const Index* pk = table_->primary_key();
  if (pk != nullptr) {
    std::string key = catalog::IndexPrefix(table_->oid, 1);
    for (size_t i = 0; i < pk->columns.size(); ++i) {
      types::EncodeKeyValue(row[static_cast<size_t>(pk->columns[i])], pk->descending[i], &key);
    }
    return key;
  }
  ZJ_ASSIGN_OR_RETURN(uint64_t rowid, catalog_->NextRowId(table_->oid));
  std::string key = catalog::IndexPrefix(table_->oid, 1);
  PutBE64(&key, rowid);
  return key;
}

std::string TableStore::PrimaryKeyFromValues(const Row& key_values) const {
  const Index* pk = table_->primary_key();
  std::string key = catalog::IndexPrefix(table_->oid, 1);
  for (size_t i = 0; i < key_values.size(); ++i) {
    types::EncodeKeyValue(key_values[i], pk->descending[i], &key);
  }
  return key;
}

std::string TableStore::IndexKeyPrefix(const Index& index, const Row& row, bool* has_null) const {
  std::string key = catalog::IndexPrefix(table_->oid, index.index_id);
  *has_null = false;
  for (size_t i = 0; i < index.columns.size(); ++i) {
    const types::Value& v = row[static_cast<size_t>(index.columns[i])];
    if (v.is_null()) *has_null = true;
    types::EncodeKeyValue(v, index.descending[i], &key);
  }
  return key;
}

std::string TableStore::PrimaryKeyFromIndexEntry(const Index& index, std::string_view key,
                                                 std::string_view value) const {
  // Unique entries without NULLs keep the pk suffix in the value; the others in the key after
  // the index columns, whose length we find by decoding them.
  std::string pk = catalog::IndexPrefix(table_->oid, 1);
  if (!value.empty()) {
    pk.append(value);
    return pk;
  }
  std::string_view rest = key.substr(8);
  for (size_t i = 0; i < index.columns.size(); ++i) {
    types::Value v;
    const auto& col = table_->columns[static_cast<size_t>(index.columns[i])];
    if (!types::DecodeKeyValue(&rest, col.type, index.descending[i], &v).ok()) break;
  }
  pk.append(rest);
  return pk;
}

Status TableStore::UniqueViolation(const Index& index, const Row& row) const {
  std::string cols, vals;
  for (size_t i = 0; i < index.columns.size(); ++i) {
    const auto& col = table_->columns[static_cast<size_t>(index.columns[i])];
    if (i > 0) {
      cols += ", ";
      vals += ", ";
    }
    cols += col.name;
    const types::Value& v = row[static_cast<size_t>(index.columns[i])];
    vals += v.is_null() ? "null" : types::ToText(v);
  }
  return Status::Error(sqlstate::kUniqueViolation,
                       "duplicate key value violates unique constraint \"" + index.name + "\"")
      .WithDetail("Key (" + cols + ")=(" + vals + ") already exists.");
}

Status TableStore::CheckUniqueEntry(const Index& index, const Row& row, std::string_view key,
                                    InsertConflict* conflict) {
  // The unique key itself is the lock: a concurrent inserter of the same key waits here.
  std::string existing;
  bool found = false;
  ZJ_RETURN_IF_ERROR(txn_->GetForUpdate(key, &existing, &found));
  if (!found) return Status::OK();
  if (conflict == nullptr) return UniqueViolation(index, row);
  conflict->index = &index;
  conflict->pk = catalog::IndexPrefix(table_->oid, 1) + existing;
  return Status::OK();
}

Status TableStore::InsertIndexEntry(const Index& index, const Row& row, std::string_view pk) {
  bool has_null = false;
  std::string key = IndexKeyPrefix(index, row, &has_null);
  std::string_view pk_suffix = pk.substr(8);
  if (index.unique && !has_null) {
    ZJ_RETURN_IF_ERROR(CheckUniqueEntry(index, row, key, nullptr));
    return txn_->PutUntracked(key, pk_suffix);  // locked by the check
  }
  key.append(pk_suffix);
  return txn_->PutUntracked(key, "");  // carries the locked row's key: nobody else writes it
}

Status TableStore::DeleteIndexEntry(const Index& index, const Row& row, std::string_view pk) {
  bool has_null = false;
  std::string key = IndexKeyPrefix(index, row, &has_null);
  // A unique key stays locked until commit, so a concurrent inserter of the same value waits
  // to see whether the delete commits, as in PostgreSQL.
  if (index.unique && !has_null) return txn_->Delete(key);
  key.append(pk.substr(8));
  return txn_->DeleteUntracked(key);
}

Status TableStore::Insert(const Row& row, InsertConflict* conflict, std::string* inserted_pk) {
  if (conflict != nullptr) conflict->index = nullptr;
  ZJ_ASSIGN_OR_RETURN(std::string pk, PrimaryKeyOf(row));
  const Index* pk_index = table_->primary_key();
  if (pk_index != nullptr) {
    std::string existing;
    bool found = false;
    ZJ_RETURN_IF_ERROR(txn_->GetForUpdate(pk, &existing, &found));
    if (found) {
      if (conflict == nullptr) return UniqueViolation(*pk_index, row);
      conflict->index = pk_index;
      conflict->pk = pk;
      return Status::OK();
    }
  }
  // Every unique key is checked (and locked) before anything is written, so a conflict found
  // on a later index leaves no half-made insert behind for ON CONFLICT to undo.
  // An entry of a unique index maps its key to the pk suffix; other entries carry the pk
  // suffix in the key and an empty value.
  std::vector<std::pair<std::string, bool>> entries;  // key, unique
  entries.reserve(table_->indexes.size());
  std::string_view pk_suffix = std::string_view(pk).substr(8);
  for (const Index& index : table_->indexes) {
    if (index.primary) continue;
    bool has_null = false;
    std::string key = IndexKeyPrefix(index, row, &has_null);
    bool unique = index.unique && !has_null;
    if (unique) {
      ZJ_RETURN_IF_ERROR(CheckUniqueEntry(index, row, key, conflict));
      if (conflict != nullptr && conflict->index != nullptr) return Status::OK();
    } else {
      key.append(pk_suffix);
    }
    entries.emplace_back(std::move(key), unique);
  }
  for (const auto& [key, unique] : entries) {
    // Unique entries were locked by their check; the others carry the new row's key.
    ZJ_RETURN_IF_ERROR(txn_->PutUntracked(key, unique ? pk_suffix : std::string_view()));
  }
  buf_.clear();
  types::EncodeRow(row.data(), row.size(), &buf_);
  // The primary key was locked above; a hidden row id is new and known to nobody else.
  ZJ_RETURN_IF_ERROR(txn_->PutUntracked(pk, buf_));
  if (inserted_pk != nullptr) *inserted_pk = std::move(pk);
  return Status::OK();
}

Status TableStore::Update(std::string_view pk, const Row& old_row, const Row& new_row) {
  const Index* pk_index = table_->primary_key();
  bool pk_changed = false;
  if (pk_index != nullptr) {
    for (int c : pk_index->columns) {
      const auto& a = old_row[static_cast<size_t>(c)];
      const auto& b = new_row[static_cast<size_t>(c)];
      std::string ea, eb;
      types::EncodeKeyValue(a, false, &ea);
      types::EncodeKeyValue(b, false, &eb);
      if (ea != eb) pk_changed = true;
    }
  }
  if (pk_changed) {
    ZJ_RETURN_IF_ERROR(Delete(pk, old_row));
    return Insert(new_row);
  }
  for (const Index& index : table_->indexes) {
    if (index.primary) continue;
    bool n1 = false, n2 = false;
    std::string k1 = IndexKeyPrefix(index, old_row, &n1);
    std::string k2 = IndexKeyPrefix(index, new_row, &n2);
    if (k1 == k2) continue;
    ZJ_RETURN_IF_ERROR(DeleteIndexEntry(index, old_row, pk));
    ZJ_RETURN_IF_ERROR(InsertIndexEntry(index, new_row, pk));
  }
  buf_.clear();
  types::EncodeRow(new_row.data(), new_row.size(), &buf_);
  return txn_->PutUntracked(pk, buf_);  // the caller holds the row lock
}

Status TableStore::Delete(std::string_view pk, const Row& old_row) {
  for (const Index& index : table_->indexes) {
    if (index.primary) continue;
    ZJ_RETURN_IF_ERROR(DeleteIndexEntry(index, old_row, pk));
  }
  return txn_->DeleteUntracked(pk);  // the caller holds the row lock
}

Status TableStore::LockRow(std::string_view pk, Row* row, bool* found) {
  std::string data;
  ZJ_RETURN_IF_ERROR(txn_->GetForUpdate(pk, &data, found));
  if (!*found) return Status::OK();
  return DecodeRow(data, row);
}

Status TableStore::TryLockRow(std::string_view pk, Row* row, bool* found, bool* locked) {
  std::string data;
  ZJ_RETURN_IF_ERROR(txn_->TryGetForUpdate(pk, &data, found, locked));
  if (!*locked || !*found) return Status::OK();
  return DecodeRow(data, row);
}

Status TableStore::Get(const storage::ReadView* view, std::string_view pk, Row* row,
                       bool* found) {
  std::string data;
  ZJ_RETURN_IF_ERROR(txn_->Get(view, pk, &data, found));
  if (!*found) return Status::OK();
  return DecodeRow(data, row);
}

std::string TableStore::UniqueKey(const Index& index, const Row& values) const {
  std::string key = catalog::IndexPrefix(table_->oid, index.primary ? 1 : index.index_id);
  for (size_t i = 0; i < values.size(); ++i) {
    types::EncodeKeyValue(values[i], index.descending[i], &key);
  }
  return key;
}

std::string TableStore::KeyLockKey(std::string_view pk) const {
  // Never written: a row's primary key is locked apart from the row itself, so that a foreign
  // key check and an update of the row's other columns do not wait for each other.
  std::string key = catalog::IndexPrefix(table_->oid, catalog::kKeyLockIndexId);
  key.append(pk.substr(8));
  return key;
}

Status TableStore::KeyShareLock(const Index& index, const Row& values, bool* found) {
  std::string key = UniqueKey(index, values);
  std::string data;
  if (!index.primary) {
    // Deleting the row or changing the key deletes this entry, which takes its lock.
    return txn_->GetForShare(key, &data, found);
  }
  bool ignored = false;
  ZJ_RETURN_IF_ERROR(txn_->GetForShare(KeyLockKey(key), &data, &ignored));
  return txn_->Get(nullptr, key, &data, found);
}

Status TableStore::KeyInView(const Index& index, const Row& values, const storage::ReadView* view,
                             bool* found) {
  std::string data;
  return txn_->Get(view, UniqueKey(index, values), &data, found);
}

Status TableStore::KeyUpdateLock(const Index& index, std::string_view pk, const Row& row) {
  std::string data;
  bool found = false;
  if (index.primary) return txn_->GetForUpdate(KeyLockKey(pk), &data, &found);
  // The entry is locked here, where the wait can be cancelled and timed, rather than by the
  // delete that follows.
  bool has_null = false;
  std::string key = IndexKeyPrefix(index, row, &has_null);
  if (has_null) return Status::OK();
  return txn_->GetForUpdate(key, &data, &found);
}

Status TableStore::DecodeRow(std::string_view data, Row* row) const {
  const auto& cols = table_->columns;
  row->resize(cols.size());
  // Column types in a small stack buffer to avoid allocating per row.
  types::LogicalType typebuf[64];
  std::vector<types::LogicalType> big;
  types::LogicalType* tp = typebuf;
  if (cols.size() > 64) {
    big.resize(cols.size());
    tp = big.data();
  }
  for (size_t i = 0; i < cols.size(); ++i) tp[i] = cols[i].type;
  size_t present = 0;
  ZJ_RETURN_IF_ERROR(types::DecodeRow(data, tp, cols.size(), row->data(), &present));
  for (size_t i = present; i < cols.size(); ++i) {
    if (cols[i].has_missing) {
      ZJ_ASSIGN_OR_RETURN((*row)[i], types::ParseText(cols[i].missing_value, cols[i].type));
    } else {
      (*row)[i] = types::Value::Null(cols[i].type.id);
    }
  }
  return Status::OK();
}

std::unique_ptr<storage::Iterator> TableStore::ScanPrimary(const storage::ReadView* view) {
  std::string lo = catalog::IndexPrefix(table_->oid, 1);
  return txn_->Scan(view, lo, catalog::PrefixEnd(lo));
}

std::unique_ptr<storage::Iterator> TableStore::ScanRange(const storage::ReadView* view,
                                                         const std::string& lower,
                                                         const std::string& upper) {
  return txn_->Scan(view, lower, upper);
}

}  // namespace zijin::exec
