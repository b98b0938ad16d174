// Table-level (heavyweight) locks with PostgreSQL's eight modes, held to the end of a transaction.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace zijin {
class Interrupt;
}  // namespace zijin

namespace zijin::txn {

// PostgreSQL's table lock modes, weakest first (the numbering of lockdefs.h).
enum class LockMode : uint8_t {
  kNone = 0,
  kAccessShare = 1,           // SELECT
  kRowShare = 2,              // SELECT ... FOR UPDATE/SHARE
  kRowExclusive = 3,          // INSERT, UPDATE, DELETE, COPY FROM
  kShareUpdateExclusive = 4,  // VACUUM, ANALYZE
  kShare = 5,                 // CREATE INDEX
  kShareRowExclusive = 6,     // (foreign keys)
  kExclusive = 7,
  kAccessExclusive = 8,  // ALTER TABLE, DROP, TRUNCATE, LOCK TABLE's default
};
inline constexpr int kLockModeCount = 9;

// True when a lock in mode `a` held by one transaction blocks mode `b` of another.
bool LockModesConflict(LockMode a, LockMode b);
// "AccessShareLock" ... as pg_locks.mode and PostgreSQL's messages name them.
const char* LockModeName(LockMode mode);

// What a lock protects. Relations (tables, views) by OID; schemas and databases by OID; kName is
// a relation, schema or database name being created, by a hash of (schema, name), so that two
// CREATEs of one name queue up instead of both succeeding.
enum class LockObject : uint8_t { kRelation, kSchema, kDatabase, kName };

struct LockTag {
  LockObject type = LockObject::kRelation;
  uint32_t database = 0;
  uint64_t id = 0;

  static LockTag Relation(uint32_t database, uint32_t oid) {
    return {LockObject::kRelation, database, oid};
  }
  bool operator==(const LockTag&) const = default;
};

// The tag of a name in a namespace (`space` tells relation, schema and database names apart).
LockTag NameLockTag(uint32_t database, char space, uint32_t schema, const std::string& name);

// How a request that cannot be granted at once waits.
struct LockWaitPolicy {
  bool nowait = false;                   // fail at once with 55P03
  int64_t timeout_ms = 0;                // lock_timeout: 0 = no limit
  const Interrupt* interrupt = nullptr;  // cancel and statement_timeout, checked in slices
};

// One row of pg_locks.
struct LockStatus {
  LockTag tag;
  LockMode mode = LockMode::kNone;
  int32_t pid = 0;
  bool granted = false;
  int64_t wait_start_us = 0;  // PostgreSQL epoch, waiters only
};

class LockManager;
struct LockWaiter;

// The locks of one session's transaction. Created once per session and reused by its
// transactions; only the session's thread calls it, except that other threads read its wait
// state (under the lock manager's shard mutexes) to find deadlocks.
class LockOwner {
 public:
  LockOwner(LockManager* manager, int32_t pid);
  ~LockOwner();
  LockOwner(const LockOwner&) = delete;
  LockOwner& operator=(const LockOwner&) = delete;

  void set_pid(int32_t pid) { pid_ = pid; }
  int32_t pid() const { return pid_; }

  // Takes `mode` on `tag`, waiting as `policy` says. Re-entrant: a mode already held returns at
  // once. Errors: 55P03 (NOWAIT: "could not obtain lock"; lock_timeout: "canceling statement
  // due to lock timeout"), 57014 from the interrupt, 40P01 when the wait would close a cycle of
  // table-lock waits. *waited (optional) tells whether the request had to queue.
  Status Lock(const LockTag& tag, LockMode mode, const LockWaitPolicy& policy,
              bool* waited = nullptr);
  bool Holds(const LockTag& tag, LockMode mode) const;
  bool HoldsAny() const { return !held_.empty(); }

  // Savepoints: Mark() before, ReleaseSince(mark) at ROLLBACK TO releases what came after.
  size_t Mark() const { return held_.size(); }
  void ReleaseSince(size_t mark);
  // Transaction end.
  void ReleaseAll();

  // Called while the transaction waits for a row lock (from the storage engine's wait slices):
  // a table-lock wait blocked by it may be half of a deadlock that no detector sees.
  void NoteRowLockWait();
  bool InRowLockWait() const;

 private:
  friend class LockManager;
  struct Held {
    LockTag tag;
    LockMode mode;
  };
  LockManager* manager_;
  int32_t pid_;
  std::vector<Held> held_;  // in acquisition order
  std::atomic<int64_t> row_wait_seen_us_{0};
  // Wait state, guarded by the mutex of the shard holding the awaited lock.
  LockWaiter* waiting_ = nullptr;
};

// The server's lock table: sharded by tag, with FIFO wait queues (a request that conflicts with
// an earlier waiter queues behind it, so a waiting ACCESS EXCLUSIVE is not starved by a stream
// of readers). Thread-safe.
class LockManager {
 public:
  LockManager();
  ~LockManager();
  LockManager(const LockManager&) = delete;
  LockManager& operator=(const LockManager&) = delete;

  // Every lock held or awaited, for pg_locks.
  std::vector<LockStatus> Snapshot() const;

 private:
  friend class LockOwner;
  friend struct LockWaiter;
  struct Shard;
  struct Entry;
  static constexpr size_t kShards = 16;

  Status Acquire(LockOwner* owner, const LockTag& tag, LockMode mode, const LockWaitPolicy& policy,
                 bool* waited);
  void Release(LockOwner* owner, const LockTag& tag, LockMode mode);
  Shard& ShardOf(const LockTag& tag) const;
  // With every shard locked: the cycle of waits through `owner`, described as PostgreSQL's
  // DETAIL does; empty when there is none.
  std::string FindDeadlock(LockOwner* owner) const;
  void LockAllShards() const;
  void UnlockAllShards() const;

  std::unique_ptr<Shard[]> shards_;
};

}  // namespace zijin::txn
