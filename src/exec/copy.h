// COPY FROM STDIN (a row source) and COPY TO STDOUT (a row formatter), text and CSV.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "exec/executor.h"

namespace zijin::exec {

// The rows of a COPY FROM STDIN: plan.output_types are the listed columns' types.
class CopySource : public Operator {
 public:
  // The record most recently read (1-based), for errors raised while storing it.
  virtual uint64_t line() const = 0;
  // PostgreSQL's error context for that record: "COPY t, line 3".
  virtual std::string Context() const = 0;
};

// `table` and `columns` name what the rows go into, for error messages.
std::unique_ptr<CopySource> MakeCopySource(const planner::PlanNode& plan, ExecContext* ctx,
                                           std::string table, std::vector<std::string> columns);

// Sends every row of `source` to the client in COPY format (after a header line of the
// column names when asked); *rows gets the count.
Status CopyOut(Operator* source, const std::vector<std::string>& columns,
               const planner::CopyOptions& opts, ExecContext* ctx, uint64_t* rows);

}  // namespace zijin::exec
