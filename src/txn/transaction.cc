// Statement snapshots and savepoints over a storage transaction.
#include "txn/transaction.h"

#include <chrono>

#include "storage/engine.h"

namespace zijin::txn {

int64_t NowMicros() {
  constexpr int64_t kPgEpochOffsetUs = 946684800LL * 1000000LL;  // 1970 -> 2000
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::microseconds>(now).count() - kPgEpochOffsetUs;
}

Transaction::Transaction(storage::Engine* engine, Isolation isolation, bool read_only,
                         int64_t lock_timeout_ms)
    : engine_(engine),
      isolation_(isolation),
      read_only_(read_only),
      start_time_us_(NowMicros()) {
  storage::LockOptions lo;
  lo.timeout_ms = lock_timeout_ms > 0 ? lock_timeout_ms : -1;
  kv_ = engine_->BeginTransaction(lo);
}

Transaction::~Transaction() {
  statement_view_.reset();
  if (kv_) (void)kv_->Rollback();
}

void Transaction::BeginStatement() {
  if (isolation_ == Isolation::kReadCommitted) {
    statement_view_ = engine_->NewReadView();
  } else if (statements_ == 0) {
    kv_->SetValidationSnapshot();
  }
  ++statements_;
  kv_->SetSavePoint();
}

Status Transaction::EndStatement(bool success) {
  if (success) return kv_->PopSavePoint();
  return kv_->RollbackToSavePoint();
}

const storage::ReadView* Transaction::view() const {
  if (isolation_ == Isolation::kReadCommitted) return statement_view_.get();
  return kv_->ValidationView();
}

bool Transaction::has_writes() const { return kv_->WriteCount() > 0; }

Status Transaction::Commit(bool sync) {
  statement_view_.reset();
  Status st = kv_->Commit(sync);
  kv_.reset();
  return st;
}

Status Transaction::Rollback() {
  statement_view_.reset();
  Status st = kv_->Rollback();
  kv_.reset();
  return st;
}

}  // namespace zijin::txn
