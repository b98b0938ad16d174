// COPY FROM STDIN (a row source) and COPY TO STDOUT (a row formatter), text and CSV.
#pragma once

#include <memory>

#include "exec/executor.h"

namespace zijin::exec {

// The rows of a COPY FROM STDIN: plan.output_types are the listed columns' types.
std::unique_ptr<Operator> MakeCopySource(const planner::PlanNode& plan, ExecContext* ctx);

// Sends every row of `source` to the client in COPY format; *rows gets the count.
Status CopyOut(Operator* source, size_t columns, const planner::CopyOptions& opts,
               ExecContext* ctx, uint64_t* rows);

}  // namespace zijin::exec
