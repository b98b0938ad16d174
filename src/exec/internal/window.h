// The Window operator and the row ordering it shares with Sort (internal to exec).
#pragma once

#include <memory>
#include <vector>

#include "exec/executor.h"

namespace zijin::exec {

// Whether key values `a` come before `b` under `keys` (direction, NULLS FIRST/LAST).
bool SortsBefore(const std::vector<planner::SortKey>& keys, const types::Value* a,
                 const types::Value* b);

// Computes the plan's window functions over all of the child's rows: each row comes out with
// its window results appended.
std::unique_ptr<Operator> MakeWindowOperator(const planner::PlanNode& plan,
                                             std::unique_ptr<Operator> child, ExecContext* ctx);

}  // namespace zijin::exec
