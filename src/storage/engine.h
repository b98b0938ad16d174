// The storage engine interface: an ordered, transactional key/value store. Knows nothing of SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace zijin::storage {

// A consistent point-in-time view of committed data. Released when destroyed.
class ReadView {
 public:
  virtual ~ReadView() = default;
};

// Forward iteration over [lower, upper) as seen by a transaction (its own writes included).
class Iterator {
 public:
  virtual ~Iterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual void Seek(std::string_view key) = 0;
  // Backward: the range's last key, then each key before it, down to the range's lower bound.
  virtual void SeekToLast() = 0;
  virtual void Prev() = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  // An I/O error met while iterating; OK otherwise.
  virtual Status status() const = 0;
};

struct LockOptions {
  // How long a row lock waits before 55P03; negative = wait until granted or deadlock.
  int64_t timeout_ms = -1;
};

// Asked while a row lock is awaited: a non-OK status (a cancel, a statement timeout) ends the
// wait with that error.
using InterruptCheck = std::function<Status()>;

// One read-write transaction. Writes are buffered until Commit and visible to this
// transaction's own reads. Not thread-safe: one session uses it at a time.
class Transaction {
 public:
  virtual ~Transaction() = default;

  // Reads through `view` (nullptr = latest committed) merged with this transaction's writes.
  virtual Status Get(const ReadView* view, std::string_view key, std::string* value,
                     bool* found) = 0;
  // Locks `key` exclusively (waiting for other holders), then reads its latest committed value.
  // With a validation snapshot set (SetValidationSnapshot), fails with 40001 when the key was
  // written after that snapshot. A deadlock fails with 40P01; a wait longer than the lock
  // timeout 55P03; an interrupt during the wait with the interrupt's status.
  virtual Status GetForUpdate(std::string_view key, std::string* value, bool* found) = 0;
  // Like GetForUpdate without waiting: *locked is false (and nothing read) when another
  // transaction holds the lock.
  virtual Status TryGetForUpdate(std::string_view key, std::string* value, bool* found,
                                 bool* locked) = 0;
  // Locks `key` in share mode (other sharers go ahead; an exclusive locker waits for all of
  // them, and they for it) and reads its latest committed value, this transaction's writes
  // included. No validation snapshot applies: the lock is taken on the latest version, as
  // PostgreSQL's SELECT ... FOR KEY SHARE does in foreign-key checks. Errors as GetForUpdate.
  virtual Status GetForShare(std::string_view key, std::string* value, bool* found) = 0;
  // The limit on each lock wait from now on (negative = none), and what may cut it short.
  virtual void SetLockTimeout(int64_t timeout_ms) = 0;
  virtual void SetInterruptCheck(InterruptCheck check) = 0;
  // Writes that lock `key` first (and, with a validation snapshot, check it).
  virtual Status Put(std::string_view key, std::string_view value) = 0;
  virtual Status Delete(std::string_view key) = 0;
  // Writes that take no lock: for a key this transaction already locked (GetForUpdate), or one
  // no other transaction can write (a fresh row id, an index entry carrying a locked row's key).
  // Bulk loads spend most of their time in the lock table otherwise.
  virtual Status PutUntracked(std::string_view key, std::string_view value) = 0;
  virtual Status DeleteUntracked(std::string_view key) = 0;
  virtual std::unique_ptr<Iterator> Scan(const ReadView* view, std::string_view lower,
                                         std::string_view upper) = 0;

  // From now on, locked keys written by others after this moment are a serialization failure.
  virtual void SetValidationSnapshot() = 0;
  // A view pinned at the validation snapshot (nullptr when none is set).
  virtual const ReadView* ValidationView() = 0;

  // Statement-level atomicity: a failed statement rolls back to the savepoint taken before it.
  virtual void SetSavePoint() = 0;
  virtual Status RollbackToSavePoint() = 0;
  virtual Status PopSavePoint() = 0;

  virtual Status Commit(bool sync) = 0;
  virtual Status Rollback() = 0;
  // Number of buffered writes (0 means Commit is a no-op).
  virtual uint64_t WriteCount() const = 0;
};

struct EngineOptions {
  bool create_if_missing = true;
  uint64_t block_cache_bytes = 256ull << 20;
  uint64_t write_buffer_bytes = 64ull << 20;
};

// The durable store. Thread-safe.
class Engine {
 public:
  virtual ~Engine() = default;

  // Opens (creating when allowed) the store in directory `dir`.
  static Result<std::unique_ptr<Engine>> Open(const std::string& dir, const EngineOptions& opts);

  virtual std::unique_ptr<Transaction> BeginTransaction(const LockOptions& lock) = 0;
  virtual std::unique_ptr<ReadView> NewReadView() = 0;
  // Reads outside any transaction.
  virtual Status Get(const ReadView* view, std::string_view key, std::string* value,
                     bool* found) = 0;
  // One durable write outside any transaction (sequences, which are not transactional).
  virtual Status PutDurable(std::string_view key, std::string_view value, bool sync) = 0;
  // Removes every key in [begin, end) (DROP and TRUNCATE after commit).
  virtual Status DeleteRange(std::string_view begin, std::string_view end) = 0;
  // The greatest key in [lower, upper) among committed data.
  virtual Status LastKey(std::string_view lower, std::string_view upper, std::string* key,
                         bool* found) = 0;
  virtual Status Flush() = 0;
  // An estimate of the bytes that keys in [begin, end) take: on disk (compressed) plus in the
  // write buffers. Cheap: no key is read.
  virtual uint64_t ApproximateSize(std::string_view begin, std::string_view end) = 0;
  // Statistics text for diagnostics.
  virtual std::string Stats() = 0;
};

}  // namespace zijin::storage
