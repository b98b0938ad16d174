// Table locks: the conflict table, re-entrancy, queueing, timeouts, savepoints, deadlocks.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "common/interrupt.h"
#include "txn/lock_manager.h"

namespace zijin::txn {
namespace {

using M = LockMode;
using namespace std::chrono_literals;

const LockTag kT1 = LockTag::Relation(5, 16384);
const LockTag kT2 = LockTag::Relation(5, 16385);

LockWaitPolicy NoWait() {
  LockWaitPolicy p;
  p.nowait = true;
  return p;
}

LockWaitPolicy Timeout(int64_t ms) {
  LockWaitPolicy p;
  p.timeout_ms = ms;
  return p;
}

TEST(LockModes, ConflictTableIsPostgres) {
  // Rows of PostgreSQL's documentation table "Conflicting Lock Modes": X marks a conflict.
  const char* table[] = {
      ".......X",  // ACCESS SHARE
      "......XX",  // ROW SHARE
      "....XXXX",  // ROW EXCLUSIVE
      "...XXXXX",  // SHARE UPDATE EXCLUSIVE
      "..XX.XXX",  // SHARE
      "..XXXXXX",  // SHARE ROW EXCLUSIVE
      ".XXXXXXX",  // EXCLUSIVE
      "XXXXXXXX",  // ACCESS EXCLUSIVE
  };
  for (int a = 1; a <= 8; ++a) {
    for (int b = 1; b <= 8; ++b) {
      EXPECT_EQ(LockModesConflict(static_cast<M>(a), static_cast<M>(b)), table[a - 1][b - 1] == 'X')
          << a << " vs " << b;
    }
  }
  EXPECT_STREQ(LockModeName(M::kShareUpdateExclusive), "ShareUpdateExclusiveLock");
}

TEST(LockOwner, CompatibleAndConflictingModes) {
  LockManager mgr;
  LockOwner a(&mgr, 1), b(&mgr, 2);
  ASSERT_TRUE(a.Lock(kT1, M::kRowExclusive, NoWait()).ok());
  EXPECT_TRUE(b.Lock(kT1, M::kRowExclusive, NoWait()).ok());
  EXPECT_TRUE(b.Lock(kT1, M::kAccessShare, NoWait()).ok());
  Status st = b.Lock(kT1, M::kShare, NoWait());
  EXPECT_TRUE(st.Is(sqlstate::kLockNotAvailable)) << st.ToString();
  EXPECT_TRUE(b.Lock(kT2, M::kAccessExclusive, NoWait()).ok());
  a.ReleaseAll();
  // Only b holds kT1 now: its own locks do not block its upgrade.
  EXPECT_TRUE(b.Lock(kT1, M::kAccessExclusive, NoWait()).ok());
  EXPECT_TRUE(a.Lock(kT1, M::kAccessShare, NoWait()).Is(sqlstate::kLockNotAvailable));
  b.ReleaseAll();
  EXPECT_TRUE(a.Lock(kT1, M::kAccessShare, NoWait()).ok());
  EXPECT_TRUE(mgr.Snapshot().size() == 1);
  a.ReleaseAll();
  EXPECT_TRUE(mgr.Snapshot().empty());
}

TEST(LockOwner, ReentrantAndSavepoints) {
  LockManager mgr;
  LockOwner a(&mgr, 1), b(&mgr, 2);
  ASSERT_TRUE(a.Lock(kT1, M::kAccessShare, NoWait()).ok());
  size_t mark = a.Mark();
  ASSERT_TRUE(a.Lock(kT1, M::kAccessShare, NoWait()).ok());  // again: nothing new
  EXPECT_EQ(a.Mark(), mark);
  ASSERT_TRUE(a.Lock(kT1, M::kAccessExclusive, NoWait()).ok());
  ASSERT_TRUE(a.Lock(kT2, M::kExclusive, NoWait()).ok());
  EXPECT_TRUE(b.Lock(kT1, M::kAccessShare, NoWait()).Is(sqlstate::kLockNotAvailable));
  a.ReleaseSince(mark);  // ROLLBACK TO: the upgrade goes, the first lock stays
  EXPECT_TRUE(a.Holds(kT1, M::kAccessShare));
  EXPECT_FALSE(a.Holds(kT1, M::kAccessExclusive));
  EXPECT_TRUE(b.Lock(kT1, M::kAccessShare, NoWait()).ok());
  EXPECT_TRUE(b.Lock(kT2, M::kAccessExclusive, NoWait()).ok());
  EXPECT_TRUE(b.Lock(kT1, M::kAccessExclusive, NoWait()).Is(sqlstate::kLockNotAvailable));
}

TEST(LockOwner, WaitEndsWhenHolderReleases) {
  LockManager mgr;
  LockOwner a(&mgr, 1), b(&mgr, 2);
  ASSERT_TRUE(a.Lock(kT1, M::kAccessShare, NoWait()).ok());
  std::atomic<bool> got{false};
  std::thread t([&] {
    bool waited = false;
    EXPECT_TRUE(b.Lock(kT1, M::kAccessExclusive, LockWaitPolicy(), &waited).ok());
    EXPECT_TRUE(waited);
    got = true;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(got.load());
  auto snap = mgr.Snapshot();
  ASSERT_EQ(snap.size(), 2u);
  a.ReleaseAll();
  t.join();
  EXPECT_TRUE(got.load());
}

TEST(LockOwner, WaitingExclusiveIsNotStarvedByReaders) {
  LockManager mgr;
  LockOwner reader1(&mgr, 1), writer(&mgr, 2), reader2(&mgr, 3);
  ASSERT_TRUE(reader1.Lock(kT1, M::kAccessShare, NoWait()).ok());
  std::thread t([&] { EXPECT_TRUE(writer.Lock(kT1, M::kAccessExclusive, LockWaitPolicy()).ok()); });
  while (mgr.Snapshot().size() < 2) std::this_thread::sleep_for(1ms);
  // A new reader queues behind the waiting ACCESS EXCLUSIVE.
  EXPECT_TRUE(reader2.Lock(kT1, M::kAccessShare, NoWait()).Is(sqlstate::kLockNotAvailable));
  // The first reader, already holding the lock, may take it again in another compatible mode.
  EXPECT_TRUE(reader1.Lock(kT1, M::kRowShare, NoWait()).ok());
  reader1.ReleaseAll();
  t.join();
  writer.ReleaseAll();
  EXPECT_TRUE(reader2.Lock(kT1, M::kAccessShare, NoWait()).ok());
}

TEST(LockOwner, LockTimeoutAndInterrupt) {
  LockManager mgr;
  LockOwner a(&mgr, 1), b(&mgr, 2);
  ASSERT_TRUE(a.Lock(kT1, M::kAccessExclusive, NoWait()).ok());
  auto t0 = std::chrono::steady_clock::now();
  Status st = b.Lock(kT1, M::kAccessShare, Timeout(150));
  EXPECT_TRUE(st.Is(sqlstate::kLockNotAvailable)) << st.ToString();
  EXPECT_EQ(st.message(), "canceling statement due to lock timeout");
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 140ms);
  Interrupt intr;
  LockWaitPolicy p;
  p.interrupt = &intr;
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    intr.RequestCancel();
  });
  st = b.Lock(kT1, M::kAccessShare, p);
  canceller.join();
  EXPECT_TRUE(st.Is(sqlstate::kQueryCanceled)) << st.ToString();
  // Nothing is left queued: a compatible request goes through once a releases.
  a.ReleaseAll();
  EXPECT_TRUE(mgr.Snapshot().empty());
}

TEST(LockOwner, DeadlockIsDetectedByTheWaitThatClosesTheCycle) {
  LockManager mgr;
  LockOwner a(&mgr, 101), b(&mgr, 102);
  ASSERT_TRUE(a.Lock(kT1, M::kAccessExclusive, NoWait()).ok());
  ASSERT_TRUE(b.Lock(kT2, M::kAccessExclusive, NoWait()).ok());
  std::thread t([&] { EXPECT_TRUE(a.Lock(kT2, M::kAccessExclusive, LockWaitPolicy()).ok()); });
  while (mgr.Snapshot().size() < 3) std::this_thread::sleep_for(1ms);
  Status st = b.Lock(kT1, M::kAccessShare, LockWaitPolicy());
  ASSERT_TRUE(st.Is(sqlstate::kDeadlockDetected)) << st.ToString();
  EXPECT_EQ(st.info().detail,
            "Process 102 waits for AccessShareLock on relation 16384 of database 5; blocked by "
            "process 101.\nProcess 101 waits for AccessExclusiveLock on relation 16385 of "
            "database 5; blocked by process 102.");
  b.ReleaseAll();
  t.join();
  a.ReleaseAll();
  EXPECT_TRUE(mgr.Snapshot().empty());
}

TEST(LockTags, NamesHashApart) {
  EXPECT_EQ(NameLockTag(5, 'r', 2200, "t"), NameLockTag(5, 'r', 2200, "t"));
  EXPECT_FALSE(NameLockTag(5, 'r', 2200, "t") == NameLockTag(5, 'r', 2200, "u"));
  EXPECT_FALSE(NameLockTag(5, 'r', 2200, "t") == NameLockTag(5, 'n', 2200, "t"));
}

}  // namespace
}  // namespace zijin::txn
