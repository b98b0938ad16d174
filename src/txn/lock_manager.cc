// The table-lock manager: conflict table, sharded lock table, FIFO waits, deadlock detection.
#include "txn/lock_manager.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <list>
#include <mutex>
#include <set>
#include <unordered_map>

#include "common/interrupt.h"
#include "txn/transaction.h"

namespace zijin::txn {

namespace {

using Clock = std::chrono::steady_clock;

constexpr uint16_t Bit(LockMode m) { return static_cast<uint16_t>(1u << static_cast<int>(m)); }
constexpr uint16_t Bit(int m) { return static_cast<uint16_t>(1u << m); }

// PostgreSQL's conflict table (lock.c, LockConflicts), indexed by mode.
constexpr uint16_t kAS = Bit(LockMode::kAccessShare);
constexpr uint16_t kRS = Bit(LockMode::kRowShare);
constexpr uint16_t kRE = Bit(LockMode::kRowExclusive);
constexpr uint16_t kSUE = Bit(LockMode::kShareUpdateExclusive);
constexpr uint16_t kS = Bit(LockMode::kShare);
constexpr uint16_t kSRE = Bit(LockMode::kShareRowExclusive);
constexpr uint16_t kE = Bit(LockMode::kExclusive);
constexpr uint16_t kAE = Bit(LockMode::kAccessExclusive);
constexpr uint16_t kConflicts[kLockModeCount] = {
    0,
    kAE,
    kE | kAE,
    kS | kSRE | kE | kAE,
    kSUE | kS | kSRE | kE | kAE,
    kRE | kSUE | kSRE | kE | kAE,
    kRE | kSUE | kS | kSRE | kE | kAE,
    kRS | kRE | kSUE | kS | kSRE | kE | kAE,
    kAS | kRS | kRE | kSUE | kS | kSRE | kE | kAE,
};

// A wait is taken in slices so that a cancel, statement_timeout or lock_timeout ends it; a grant
// wakes the waiter at once, whatever the slice.
constexpr auto kWaitSlice = std::chrono::milliseconds(100);
// A table-lock wait blocked by a transaction that itself waits for a row lock may be half of a
// deadlock that neither detector sees (RocksDB knows only row locks, this manager only table
// locks). It is given up after this long, as the server-wide DDL lock it replaces was.
constexpr auto kMixedWaitLimit = std::chrono::seconds(60);

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

struct TagHash {
  size_t operator()(const LockTag& t) const {
    return static_cast<size_t>(Mix(t.id ^ (static_cast<uint64_t>(t.database) << 40) ^
                                   (static_cast<uint64_t>(t.type) << 60)));
  }
};

int64_t SteadyMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
      .count();
}

std::string DescribeTag(const LockTag& t) {
  std::string db = std::to_string(t.database);
  switch (t.type) {
    case LockObject::kRelation:
      return "relation " + std::to_string(t.id) + " of database " + db;
    case LockObject::kSchema:
      return "object " + std::to_string(t.id) + " of class 2615 of database " + db;
    case LockObject::kDatabase:
      return "object " + std::to_string(t.id) + " of class 1262 of database 0";
    case LockObject::kName:
      return "name " + std::to_string(t.id) + " of database " + db;
  }
  return "object";
}

}  // namespace

bool LockModesConflict(LockMode a, LockMode b) {
  return (kConflicts[static_cast<int>(a)] & Bit(b)) != 0;
}

const char* LockModeName(LockMode mode) {
  switch (mode) {
    case LockMode::kNone:
      return "INVALID";
    case LockMode::kAccessShare:
      return "AccessShareLock";
    case LockMode::kRowShare:
      return "RowShareLock";
    case LockMode::kRowExclusive:
      return "RowExclusiveLock";
    case LockMode::kShareUpdateExclusive:
      return "ShareUpdateExclusiveLock";
    case LockMode::kShare:
      return "ShareLock";
    case LockMode::kShareRowExclusive:
      return "ShareRowExclusiveLock";
    case LockMode::kExclusive:
      return "ExclusiveLock";
    case LockMode::kAccessExclusive:
      return "AccessExclusiveLock";
  }
  return "INVALID";
}

LockTag NameLockTag(uint32_t database, char space, uint32_t schema, const std::string& name) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  auto add = [&](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ULL;
  };
  add(static_cast<unsigned char>(space));
  for (int i = 0; i < 4; ++i) add(static_cast<unsigned char>(schema >> (8 * i)));
  for (char c : name) add(static_cast<unsigned char>(c));
  return {LockObject::kName, database, h};
}

// A request waiting in an entry's queue; lives on the waiting thread's stack.
struct LockWaiter {
  LockOwner* owner = nullptr;
  LockMode mode = LockMode::kNone;
  LockTag tag;
  LockManager::Entry* entry = nullptr;
  bool granted = false;
  int64_t since_us = 0;  // PostgreSQL epoch, for pg_locks.waitstart
  std::condition_variable cv;
};

struct LockManager::Entry {
  struct Holder {
    LockOwner* owner;
    uint16_t mask;  // modes held
  };
  std::vector<Holder> holders;
  int counts[kLockModeCount] = {};  // holders per mode
  uint16_t granted_mask = 0;
  std::list<LockWaiter*> waiters;  // FIFO, except that upgrades go first

  bool empty() const { return holders.empty() && waiters.empty(); }

  uint16_t MaskOf(const LockOwner* o) const {
    for (const auto& h : holders) {
      if (h.owner == o) return h.mask;
    }
    return 0;
  }

  // Whether `mode` conflicts with what others (not the owner of `mine`) hold.
  bool ConflictsGranted(LockMode mode, uint16_t mine) const {
    uint16_t c = kConflicts[static_cast<int>(mode)] & granted_mask;
    if (c == 0) return false;
    if (mine == 0) return true;
    for (int m = 1; m < kLockModeCount; ++m) {
      if ((c & Bit(m)) && counts[m] - ((mine >> m) & 1) > 0) return true;
    }
    return false;
  }

  uint16_t WaitMask() const {
    uint16_t m = 0;
    for (const LockWaiter* w : waiters) m |= Bit(w->mode);
    return m;
  }

  void Grant(LockOwner* o, LockMode mode) {
    uint16_t bit = Bit(mode);
    for (auto& h : holders) {
      if (h.owner != o) continue;
      if (!(h.mask & bit)) {
        h.mask |= bit;
        ++counts[static_cast<int>(mode)];
      }
      granted_mask |= bit;
      return;
    }
    holders.push_back({o, bit});
    ++counts[static_cast<int>(mode)];
    granted_mask |= bit;
  }

  // Grants, in queue order, every waiter that conflicts neither with the granted modes nor with
  // a waiter ahead of it.
  void GrantWaiters() {
    uint16_t ahead = 0;
    for (auto it = waiters.begin(); it != waiters.end();) {
      LockWaiter* w = *it;
      if (!ConflictsGranted(w->mode, MaskOf(w->owner)) &&
          !(kConflicts[static_cast<int>(w->mode)] & ahead)) {
        Grant(w->owner, w->mode);
        w->granted = true;
        w->cv.notify_one();
        it = waiters.erase(it);
      } else {
        ahead |= Bit(w->mode);
        ++it;
      }
    }
  }

  // The transactions `w` waits for: holders of conflicting modes and conflicting waiters ahead.
  template <typename Fn>
  void ForEachBlocker(const LockWaiter* w, Fn fn) const {
    uint16_t conf = kConflicts[static_cast<int>(w->mode)];
    for (const auto& h : holders) {
      if (h.owner != w->owner && (h.mask & conf)) fn(h.owner);
    }
    for (const LockWaiter* a : waiters) {
      if (a == w) break;
      if (a->owner != w->owner && (conf & Bit(a->mode))) fn(a->owner);
    }
  }
};

struct alignas(64) LockManager::Shard {
  mutable std::mutex mu;
  std::unordered_map<LockTag, Entry, TagHash> entries;
};

LockManager::LockManager() : shards_(std::make_unique<Shard[]>(kShards)) {}
LockManager::~LockManager() = default;

LockManager::Shard& LockManager::ShardOf(const LockTag& tag) const {
  return shards_[TagHash()(tag) % kShards];
}

void LockManager::LockAllShards() const {
  for (size_t i = 0; i < kShards; ++i) shards_[i].mu.lock();
}

void LockManager::UnlockAllShards() const {
  for (size_t i = kShards; i-- > 0;) shards_[i].mu.unlock();
}

Status LockManager::Acquire(LockOwner* o, const LockTag& tag, LockMode mode,
                            const LockWaitPolicy& policy, bool* waited) {
  Shard& sh = ShardOf(tag);
  std::unique_lock<std::mutex> lk(sh.mu);
  auto [eit, inserted] = sh.entries.try_emplace(tag);
  Entry& e = eit->second;
  uint16_t mine = inserted ? 0 : e.MaskOf(o);
  // A transaction that already holds the lock in some mode does not queue behind waiters that
  // its own hold blocks: they could never be granted before it anyway (PostgreSQL does the same).
  if (!e.ConflictsGranted(mode, mine) &&
      (mine != 0 || !(kConflicts[static_cast<int>(mode)] & e.WaitMask()))) {
    e.Grant(o, mode);
    return Status::OK();
  }
  if (policy.nowait) {
    if (e.empty()) sh.entries.erase(eit);
    return Status::Error(sqlstate::kLockNotAvailable, "could not obtain lock");
  }
  if (waited != nullptr) *waited = true;
  LockWaiter w;
  w.owner = o;
  w.mode = mode;
  w.tag = tag;
  w.entry = &e;
  w.since_us = NowMicros();
  if (mine != 0) {
    e.waiters.push_front(&w);
  } else {
    e.waiters.push_back(&w);
  }
  o->waiting_ = &w;
  // Should anything below throw (out of memory), the waiter must not stay queued: it lives on
  // this stack. Runs before `lk` is destroyed, so with the shard locked.
  struct Dequeue {
    Entry& e;
    LockWaiter& w;
    ~Dequeue() {
      if (w.owner->waiting_ != &w) return;
      e.waiters.remove(&w);
      w.owner->waiting_ = nullptr;
    }
  } dequeue{e, w};
  auto give_up = [&](Status st) {
    // Called with the shard locked.
    e.waiters.remove(&w);
    o->waiting_ = nullptr;
    e.GrantWaiters();  // those queued behind us may go now
    if (e.empty()) sh.entries.erase(tag);
    return st;
  };

  // A wait that closes a cycle is found when it starts: every other wait in the cycle began
  // earlier, so the graph is complete now.
  lk.unlock();
  std::string cycle;
  LockAllShards();
  try {
    if (!w.granted) cycle = FindDeadlock(o);
  } catch (...) {
    // Out of memory while searching: wait without the check rather than keep every shard.
  }
  UnlockAllShards();
  lk.lock();
  if (!cycle.empty() && !w.granted) {
    return give_up(Status::Error(sqlstate::kDeadlockDetected, "deadlock detected")
                       .WithDetail(cycle)
                       .WithHint("See server log for query details."));
  }

  const auto start = Clock::now();
  const auto deadline = policy.timeout_ms > 0 ? start + std::chrono::milliseconds(policy.timeout_ms)
                                              : Clock::time_point::max();
  Clock::time_point mixed_since{};
  while (!w.granted) {
    auto now = Clock::now();
    w.cv.wait_until(lk, std::min(deadline, now + kWaitSlice));
    if (w.granted) break;
    if (policy.interrupt != nullptr) {
      Status st = policy.interrupt->Check();
      if (!st.ok()) return give_up(std::move(st));
    }
    now = Clock::now();
    if (now >= deadline) {
      return give_up(
          Status::Error(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout"));
    }
    LockOwner* row_waiter = nullptr;
    e.ForEachBlocker(&w, [&](LockOwner* b) {
      if (row_waiter == nullptr && b->InRowLockWait()) row_waiter = b;
    });
    if (row_waiter == nullptr) {
      mixed_since = Clock::time_point();
    } else if (mixed_since == Clock::time_point()) {
      mixed_since = now;
    } else if (now - mixed_since >= kMixedWaitLimit) {
      std::string detail =
          "Process " + std::to_string(o->pid()) + " waits for " + LockModeName(mode) + " on " +
          DescribeTag(tag) + "; blocked by process " + std::to_string(row_waiter->pid()) + ".\n" +
          "Process " + std::to_string(row_waiter->pid()) + " waits for a row lock.";
      return give_up(Status::Error(sqlstate::kDeadlockDetected, "deadlock detected")
                         .WithDetail(std::move(detail))
                         .WithHint("A wait for a table lock behind a transaction that waits for "
                                   "a row lock is given up after 60 seconds."));
    }
  }
  o->waiting_ = nullptr;
  return Status::OK();
}

std::string LockManager::FindDeadlock(LockOwner* start) const {
  // Depth-first search of the wait-for graph from `start`; `path` holds (waiter, blocker) pairs.
  std::vector<std::pair<LockOwner*, LockOwner*>> path;
  std::set<LockOwner*> visited{start};
  bool found = false;
  auto visit = [&](auto& self, LockOwner* x) -> void {
    const LockWaiter* w = x->waiting_;
    if (w == nullptr || w->granted) return;
    std::vector<LockOwner*> blockers;
    w->entry->ForEachBlocker(w, [&](LockOwner* b) { blockers.push_back(b); });
    for (LockOwner* b : blockers) {
      path.emplace_back(x, b);
      if (b == start) {
        found = true;
        return;
      }
      if (visited.insert(b).second) {
        self(self, b);
        if (found) return;
      }
      path.pop_back();
    }
  };
  visit(visit, start);
  if (!found) return "";
  std::string detail;
  for (const auto& [x, b] : path) {
    if (!detail.empty()) detail += "\n";
    detail += "Process " + std::to_string(x->pid()) + " waits for " +
              LockModeName(x->waiting_->mode) + " on " + DescribeTag(x->waiting_->tag) +
              "; blocked by process " + std::to_string(b->pid()) + ".";
  }
  return detail;
}

void LockManager::Release(LockOwner* o, const LockTag& tag, LockMode mode) {
  Shard& sh = ShardOf(tag);
  std::lock_guard<std::mutex> g(sh.mu);
  auto it = sh.entries.find(tag);
  if (it == sh.entries.end()) return;
  Entry& e = it->second;
  uint16_t bit = Bit(mode);
  for (size_t i = 0; i < e.holders.size(); ++i) {
    auto& h = e.holders[i];
    if (h.owner != o) continue;
    if (!(h.mask & bit)) return;
    h.mask &= static_cast<uint16_t>(~bit);
    if (h.mask == 0) {
      h = e.holders.back();
      e.holders.pop_back();
    }
    if (--e.counts[static_cast<int>(mode)] == 0) e.granted_mask &= static_cast<uint16_t>(~bit);
    if (!e.waiters.empty()) e.GrantWaiters();
    if (e.empty()) sh.entries.erase(it);
    return;
  }
}

std::vector<LockStatus> LockManager::Snapshot() const {
  std::vector<LockStatus> out;
  for (size_t i = 0; i < kShards; ++i) {
    std::lock_guard<std::mutex> g(shards_[i].mu);
    for (const auto& [tag, e] : shards_[i].entries) {
      for (const auto& h : e.holders) {
        for (int m = 1; m < kLockModeCount; ++m) {
          if (!(h.mask & Bit(m))) continue;
          LockStatus s;
          s.tag = tag;
          s.mode = static_cast<LockMode>(m);
          s.pid = h.owner->pid();
          s.granted = true;
          out.push_back(s);
        }
      }
      for (const LockWaiter* w : e.waiters) {
        LockStatus s;
        s.tag = tag;
        s.mode = w->mode;
        s.pid = w->owner->pid();
        s.wait_start_us = w->since_us;
        out.push_back(s);
      }
    }
  }
  return out;
}

LockOwner::LockOwner(LockManager* manager, int32_t pid) : manager_(manager), pid_(pid) {}

LockOwner::~LockOwner() { ReleaseAll(); }

Status LockOwner::Lock(const LockTag& tag, LockMode mode, const LockWaitPolicy& policy,
                       bool* waited) {
  if (waited != nullptr) *waited = false;
  if (Holds(tag, mode)) return Status::OK();
  ZJ_RETURN_IF_ERROR(manager_->Acquire(this, tag, mode, policy, waited));
  held_.push_back({tag, mode});
  return Status::OK();
}

bool LockOwner::Holds(const LockTag& tag, LockMode mode) const {
  for (const auto& h : held_) {
    if (h.mode == mode && h.tag == tag) return true;
  }
  return false;
}

void LockOwner::ReleaseSince(size_t mark) {
  while (held_.size() > mark) {
    manager_->Release(this, held_.back().tag, held_.back().mode);
    held_.pop_back();
  }
}

void LockOwner::ReleaseAll() { ReleaseSince(0); }

void LockOwner::NoteRowLockWait() {
  row_wait_seen_us_.store(SteadyMicros(), std::memory_order_relaxed);
}

bool LockOwner::InRowLockWait() const {
  // The storage engine reports a row-lock wait every slice (100 ms) while it lasts.
  return SteadyMicros() - row_wait_seen_us_.load(std::memory_order_relaxed) < 300000;
}

}  // namespace zijin::txn
