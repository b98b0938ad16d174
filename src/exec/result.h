// How results leave the executor: column descriptions, a row sink, and the COPY data channel.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "planner/plan.h"
#include "types/value.h"

namespace zijin::exec {

using Row = std::vector<types::Value>;

using ResultColumn = planner::ResultColumn;

// Receives result rows. The row is only borrowed for the duration of the call.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual Status Row(const exec::Row& row) = 0;
};

// The client side of COPY FROM STDIN / TO STDOUT. The protocol loop implements it.
class CopyChannel {
 public:
  virtual ~CopyChannel() = default;
  // Announces COPY IN (CopyInResponse) and then yields data chunks; false at CopyDone.
  // A CopyFail from the client is an error (57014 "COPY from stdin failed: ...").
  virtual Status BeginCopyIn(int columns, bool binary) = 0;
  virtual Result<bool> ReadChunk(std::string* data) = 0;
  virtual Status BeginCopyOut(int columns, bool binary) = 0;
  virtual Status WriteChunk(std::string_view data) = 0;
  virtual Status EndCopyOut() = 0;
};

}  // namespace zijin::exec
