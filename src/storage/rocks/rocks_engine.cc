// The RocksDB engine: a pessimistic TransactionDB behind the storage interfaces.
#include <algorithm>
#include <chrono>

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/transaction_db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "storage/engine.h"

namespace zijin::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

// The one place a rocksdb::Status becomes a Zijin Status.
Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::OK();
  if (s.IsDeadlock()) {
    return Status::Error(sqlstate::kDeadlockDetected, "deadlock detected")
        .WithDetail("Process waits for a row lock held by a transaction that waits for this one.");
  }
  if (s.IsBusy() || s.IsTryAgain()) {
    return Status::Error(sqlstate::kSerializationFailure,
                         "could not serialize access due to concurrent update");
  }
  if (s.IsTimedOut()) {
    return Status::Error(sqlstate::kLockNotAvailable, "could not obtain lock on row");
  }
  if (s.IsNoSpace()) {
    return Status::Error(sqlstate::kDiskFull, "could not write to storage: No space left on device");
  }
  if (s.IsCorruption()) return Status::Error(sqlstate::kDataCorrupted, s.ToString());
  if (s.IsIOError()) return Status::Error(sqlstate::kIoError, s.ToString());
  return Status::Internal("storage: " + s.ToString());
}

class RocksReadView : public ReadView {
 public:
  RocksReadView(rocksdb::DB* db, const rocksdb::Snapshot* snap) : db_(db), snap_(snap) {}
  ~RocksReadView() override {
    if (owned_) db_->ReleaseSnapshot(snap_);
  }
  const rocksdb::Snapshot* snapshot() const { return snap_; }
  void set_owned(bool owned) { owned_ = owned; }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snap_;
  bool owned_ = true;
};

const rocksdb::Snapshot* SnapOf(const ReadView* v) {
  return v == nullptr ? nullptr : static_cast<const RocksReadView*>(v)->snapshot();
}

class RocksTransaction : public Transaction {
 public:
  RocksTransaction(rocksdb::TransactionDB* db, rocksdb::Transaction* txn, int64_t lock_timeout_ms)
      : db_(db), txn_(txn), lock_timeout_ms_(lock_timeout_ms) {}
  ~RocksTransaction() override {
    if (!finished_) (void)txn_->Rollback();
  }

  Status Get(const ReadView* view, std::string_view key, std::string* value,
             bool* found) override {
    rocksdb::ReadOptions ro;
    ro.snapshot = SnapOf(view);
    rocksdb::PinnableSlice ps;
    rocksdb::Status s = txn_->Get(ro, db_->DefaultColumnFamily(), ToSlice(key), &ps);
    if (s.IsNotFound()) {
      *found = false;
      return Status::OK();
    }
    if (!s.ok()) return FromRocks(s);
    *found = true;
    value->assign(ps.data(), ps.size());
    return Status::OK();
  }

  Status GetForUpdate(std::string_view key, std::string* value, bool* found) override {
    return LockAndGet(key, /*exclusive=*/true, value, found);
  }

  Status GetForShare(std::string_view key, std::string* value, bool* found) override {
    return LockAndGet(key, /*exclusive=*/false, value, found);
  }

  Status Put(std::string_view key, std::string_view value) override {
    return FromRocks(txn_->Put(ToSlice(key), ToSlice(value)));
  }
  Status Delete(std::string_view key) override { return FromRocks(txn_->Delete(ToSlice(key))); }
  // RocksDB's PutUntracked skips only the snapshot check: on a pessimistic TransactionDB it
  // still takes the row lock, and a bulk rewrite then spends its time in the lock table. These
  // write into the transaction's indexed batch directly, as MyRocks does for writes it knows
  // need no lock: they commit, roll back (to savepoints too) and are read back like the others.
  Status PutUntracked(std::string_view key, std::string_view value) override {
    ++direct_writes_;
    return FromRocks(txn_->GetWriteBatch()->Put(ToSlice(key), ToSlice(value)));
  }
  Status DeleteUntracked(std::string_view key) override {
    ++direct_writes_;
    return FromRocks(txn_->GetWriteBatch()->Delete(ToSlice(key)));
  }

  std::unique_ptr<Iterator> Scan(const ReadView* view, std::string_view lower,
                                 std::string_view upper) override {
    rocksdb::ReadOptions ro;
    ro.snapshot = SnapOf(view);
    // RocksDB reads the upper bound through a pointer: the iterator object owns it.
    auto* raw = new RocksIteratorHolder(std::string(lower), std::string(upper));
    ro.iterate_upper_bound = &raw->upper_slice;
    raw->Init(txn_->GetIterator(ro));
    return std::unique_ptr<Iterator>(raw);
  }

  Status TryGetForUpdate(std::string_view key, std::string* value, bool* found,
                         bool* locked) override {
    rocksdb::ReadOptions ro;
    rocksdb::PinnableSlice ps;
    txn_->SetLockTimeout(0);  // fail at once when the lock is taken
    rocksdb::Status s =
        txn_->GetForUpdate(ro, db_->DefaultColumnFamily(), ToSlice(key), &ps, /*exclusive=*/true);
    *locked = !s.IsTimedOut();
    *found = false;
    if (!*locked || s.IsNotFound()) return Status::OK();
    if (!s.ok()) return FromRocks(s);
    *found = true;
    value->assign(ps.data(), ps.size());
    return Status::OK();
  }

  void SetLockTimeout(int64_t timeout_ms) override { lock_timeout_ms_ = timeout_ms; }
  void SetInterruptCheck(InterruptCheck check) override { interrupt_ = std::move(check); }

  void SetValidationSnapshot() override {
    txn_->SetSnapshot();
    view_ = std::make_unique<RocksReadView>(db_, txn_->GetSnapshot());
    view_->set_owned(false);  // owned by the rocksdb transaction
  }
  const ReadView* ValidationView() override { return view_.get(); }

  void SetSavePoint() override { txn_->SetSavePoint(); }
  Status RollbackToSavePoint() override { return FromRocks(txn_->RollbackToSavePoint()); }
  Status PopSavePoint() override { return FromRocks(txn_->PopSavePoint()); }

  Status Commit(bool sync) override {
    finished_ = true;
    if (WriteCount() == 0) return FromRocks(txn_->Rollback());
    // The write options were fixed at BeginTransaction; sync is applied per commit here.
    rocksdb::WriteOptions wo;
    wo.sync = sync;
    txn_->SetWriteOptions(wo);
    return FromRocks(txn_->Commit());
  }
  Status Rollback() override {
    finished_ = true;
    return FromRocks(txn_->Rollback());
  }
  // Writes buffered, direct ones included (an upper bound after a rollback to a savepoint).
  uint64_t WriteCount() const override {
    return txn_->GetNumPuts() + txn_->GetNumDeletes() + direct_writes_;
  }

 private:
  Status LockAndGet(std::string_view key, bool exclusive, std::string* value, bool* found) {
    rocksdb::ReadOptions ro;
    rocksdb::PinnableSlice ps;
    // The wait is taken in slices so that a cancel or a statement timeout can end it; a lock
    // released meanwhile wakes the waiter at once, whatever the slice.
    constexpr int64_t kSliceMs = 100;
    auto start = std::chrono::steady_clock::now();
    rocksdb::Status s;
    for (;;) {
      int64_t slice = kSliceMs;
      if (lock_timeout_ms_ >= 0) {
        int64_t waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - start)
                             .count();
        slice = std::clamp<int64_t>(lock_timeout_ms_ - waited, 1, kSliceMs);
      }
      txn_->SetLockTimeout(slice);
      // A shared lock skips validation: it guards the latest version, whatever the snapshot.
      s = txn_->GetForUpdate(ro, db_->DefaultColumnFamily(), ToSlice(key), &ps, exclusive,
                             /*do_validate=*/exclusive);
      if (!s.IsTimedOut()) break;
      if (interrupt_) ZJ_RETURN_IF_ERROR(interrupt_());
      if (lock_timeout_ms_ >= 0 &&
          std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(lock_timeout_ms_)) {
        return Status::Error(sqlstate::kLockNotAvailable,
                             "canceling statement due to lock timeout");
      }
    }
    if (s.IsNotFound()) {
      *found = false;
      return Status::OK();
    }
    if (s.IsBusy()) {
      // Written after our validation snapshot. PostgreSQL names what the other side did.
      std::string latest;
      rocksdb::Status g = db_->Get(rocksdb::ReadOptions(), ToSlice(key), &latest);
      if (g.IsNotFound()) {
        return Status::Error(sqlstate::kSerializationFailure,
                             "could not serialize access due to concurrent delete");
      }
    }
    if (!s.ok()) return FromRocks(s);
    *found = true;
    value->assign(ps.data(), ps.size());
    return Status::OK();
  }

  // An iterator that owns its upper bound.
  class RocksIteratorHolder : public Iterator {
   public:
    RocksIteratorHolder(std::string lower, std::string upper)
        : lower_(std::move(lower)), upper_(std::move(upper)), upper_slice(ToSlice(upper_)) {}
    void Init(rocksdb::Iterator* it) {
      it_.reset(it);
      it_->Seek(ToSlice(lower_));
    }
    // RocksDB applies iterate_upper_bound to committed data only: keys this transaction wrote
    // past the bound still come out of the merged iterator, so the bound is checked here too.
    // Going backward, the lower bound is checked here in the same way (a forward scan starts
    // at it and never needs to).
    bool Valid() const override {
      return it_->Valid() && it_->key().compare(upper_slice) < 0 &&
             (!backward_ || it_->key().compare(ToSlice(lower_)) >= 0);
    }
    void Next() override { it_->Next(); }
    void SeekToLast() override {
      backward_ = true;
      it_->SeekForPrev(upper_slice);
      if (it_->Valid() && it_->key().compare(upper_slice) >= 0) it_->Prev();
    }
    void Prev() override { it_->Prev(); }
    void Seek(std::string_view key) override { it_->Seek(ToSlice(key)); }
    std::string_view key() const override {
      rocksdb::Slice k = it_->key();
      return {k.data(), k.size()};
    }
    std::string_view value() const override {
      rocksdb::Slice v = it_->value();
      return {v.data(), v.size()};
    }
    Status status() const override { return FromRocks(it_->status()); }

   private:
    std::string lower_, upper_;
    bool backward_ = false;

   public:
    rocksdb::Slice upper_slice;

   private:
    std::unique_ptr<rocksdb::Iterator> it_;
  };

  rocksdb::TransactionDB* db_;
  std::unique_ptr<rocksdb::Transaction> txn_;
  std::unique_ptr<RocksReadView> view_;
  bool finished_ = false;
  uint64_t direct_writes_ = 0;  // PutUntracked / DeleteUntracked
  int64_t lock_timeout_ms_;  // negative = none
  InterruptCheck interrupt_;
};

class RocksEngine : public Engine {
 public:
  explicit RocksEngine(rocksdb::TransactionDB* db) : db_(db) {}
  ~RocksEngine() override {
    (void)db_->Close();
    delete db_;
  }

  std::unique_ptr<Transaction> BeginTransaction(const LockOptions& lock) override {
    rocksdb::WriteOptions wo;
    rocksdb::TransactionOptions to;
    to.deadlock_detect = true;
    return std::make_unique<RocksTransaction>(db_, db_->BeginTransaction(wo, to), lock.timeout_ms);
  }

  std::unique_ptr<ReadView> NewReadView() override {
    return std::make_unique<RocksReadView>(db_, db_->GetSnapshot());
  }

  Status Get(const ReadView* view, std::string_view key, std::string* value,
             bool* found) override {
    rocksdb::ReadOptions ro;
    ro.snapshot = SnapOf(view);
    rocksdb::Status s = db_->Get(ro, ToSlice(key), value);
    *found = s.ok();
    return s.IsNotFound() ? Status::OK() : FromRocks(s);
  }

  Status PutDurable(std::string_view key, std::string_view value, bool sync) override {
    rocksdb::WriteOptions wo;
    wo.sync = sync;
    return FromRocks(db_->Put(wo, ToSlice(key), ToSlice(value)));
  }

  Status DeleteRange(std::string_view begin, std::string_view end) override {
    rocksdb::WriteOptions wo;
    return FromRocks(db_->GetBaseDB()->DeleteRange(wo, db_->DefaultColumnFamily(),
                                                   ToSlice(begin), ToSlice(end)));
  }

  Status LastKey(std::string_view lower, std::string_view upper, std::string* key,
                 bool* found) override {
    rocksdb::ReadOptions ro;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
    it->SeekForPrev(ToSlice(upper));
    if (it->Valid() && it->key().compare(ToSlice(upper)) >= 0) it->Prev();
    *found = it->Valid() && it->key().compare(ToSlice(lower)) >= 0;
    if (*found) key->assign(it->key().data(), it->key().size());
    return FromRocks(it->status());
  }

  Status Flush() override { return FromRocks(db_->Flush(rocksdb::FlushOptions())); }

  uint64_t ApproximateSize(std::string_view begin, std::string_view end) override {
    rocksdb::Range range(rocksdb::Slice(begin.data(), begin.size()),
                         rocksdb::Slice(end.data(), end.size()));
    rocksdb::SizeApproximationOptions opts;
    opts.include_memtables = true;
    opts.include_files = true;
    uint64_t size = 0;
    if (!db_->GetApproximateSizes(opts, db_->DefaultColumnFamily(), &range, 1, &size).ok()) {
      return 0;
    }
    return size;
  }

  std::string Stats() override {
    std::string s;
    db_->GetProperty("rocksdb.stats", &s);
    return s;
  }

 private:
  rocksdb::TransactionDB* db_;
};

}  // namespace

Result<std::unique_ptr<Engine>> Engine::Open(const std::string& dir, const EngineOptions& opts) {
  rocksdb::Options o;
  o.create_if_missing = opts.create_if_missing;
  o.IncreaseParallelism(2);
  o.write_buffer_size = opts.write_buffer_bytes;
  o.max_open_files = 1000;
  o.enable_pipelined_write = false;
  // Inserts probe for an existing key first; a bloom filter over the memtable answers most of
  // those "not there" lookups without walking its skip list.
  o.memtable_whole_key_filtering = true;
  o.memtable_prefix_bloom_size_ratio = 0.05;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = rocksdb::NewLRUCache(opts.block_cache_bytes);
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.whole_key_filtering = true;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  rocksdb::TransactionDBOptions tdo;
  tdo.num_stripes = 64;
  rocksdb::TransactionDB* db = nullptr;
  rocksdb::Status s = rocksdb::TransactionDB::Open(o, tdo, dir, &db);
  if (!s.ok()) return FromRocks(s);
  return std::unique_ptr<Engine>(new RocksEngine(db));
}

}  // namespace zijin::storage
