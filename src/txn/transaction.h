// Transactions with PostgreSQL's isolation semantics over the storage engine's transactions:
// statement snapshots, statement-level atomicity, and the commit path.
#pragma once

#include <cstdint>
#include <memory>

#include "common/status.h"

namespace zijin::storage {
class Engine;
class Transaction;
class ReadView;
}  // namespace zijin::storage

namespace zijin::txn {

enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

// READ COMMITTED: every statement reads a fresh snapshot; a row changed by a concurrent
// transaction is locked and re-read at its newest version (writes wait on row locks).
// REPEATABLE READ (and SERIALIZABLE, which runs as REPEATABLE READ): one snapshot for the whole
// transaction, taken at its first statement; writing a row changed after that snapshot fails
// with 40001. Deadlocks fail with 40P01.
class Transaction {
 public:
  Transaction(storage::Engine* engine, Isolation isolation, bool read_only, int64_t lock_timeout_ms);
  ~Transaction();

  // Statement boundaries: Begin takes the statement's snapshot and a savepoint; End(false)
  // undoes everything the statement wrote.
  void BeginStatement();
  Status EndStatement(bool success);

  const storage::ReadView* view() const;
  storage::Transaction* kv() { return kv_.get(); }
  Isolation isolation() const { return isolation_; }
  void set_isolation(Isolation i) { isolation_ = i; }
  bool read_only() const { return read_only_; }
  void set_read_only(bool r) { read_only_ = r; }
  // True once a statement ran (SET TRANSACTION ISOLATION LEVEL must come first).
  bool started() const { return statements_ > 0; }
  bool has_writes() const;
  int64_t start_time_us() const { return start_time_us_; }

  Status Commit(bool sync);
  Status Rollback();

 private:
  storage::Engine* engine_;
  std::unique_ptr<storage::Transaction> kv_;
  std::unique_ptr<storage::ReadView> statement_view_;
  Isolation isolation_;
  bool read_only_;
  int64_t statements_ = 0;
  int64_t start_time_us_;
};

// Microseconds since 2000-01-01 00:00:00 UTC (PostgreSQL's timestamp epoch).
int64_t NowMicros();

}  // namespace zijin::txn
