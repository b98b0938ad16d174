// Why a running statement must stop early: a cancel request or its statement_timeout.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "common/status.h"

namespace zijin {

// One per session. Another thread may request a cancel at any time; the session's own thread
// sets the deadline and checks, from long loops and from lock waits.
class Interrupt {
 public:
  void RequestCancel() { cancel_.store(true, std::memory_order_relaxed); }
  void ClearCancel() { cancel_.store(false, std::memory_order_relaxed); }
  std::atomic<bool>* cancel_flag() { return &cancel_; }

  // The running statement must end within `timeout_ms` from now; 0 = no limit.
  void SetTimeout(int64_t timeout_ms) {
    deadline_ = timeout_ms > 0 ? Clock::now() + std::chrono::milliseconds(timeout_ms)
                               : Clock::time_point();
  }

  // 57014 when cancelled or past the deadline, with PostgreSQL's message for each.
  Status Check() const {
    if (cancel_.load(std::memory_order_relaxed)) {
      return Status::Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
    }
    if (deadline_ != Clock::time_point() && Clock::now() >= deadline_) {
      return Status::Error(sqlstate::kQueryCanceled,
                           "canceling statement due to statement timeout");
    }
    return Status::OK();
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::atomic<bool> cancel_{false};
  Clock::time_point deadline_{};
};

}  // namespace zijin
