// INSERT, UPDATE and DELETE operators (internal to exec).
#pragma once

#include <memory>

#include "exec/executor.h"

namespace zijin::exec {

Result<std::unique_ptr<Operator>> MakeDmlOperator(const planner::PlanNode& plan,
                                                  std::unique_ptr<Operator> child,
                                                  ExecContext* ctx);

}  // namespace zijin::exec
