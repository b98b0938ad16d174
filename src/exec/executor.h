// The executor: runs plan trees as pull-based operators inside one transaction.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/interrupt.h"
#include "common/status.h"
#include "exec/functions/function_registry.h"
#include "exec/result.h"
#include "planner/plan.h"
#include "planner/planner.h"

namespace zijin::storage {
class Transaction;
class ReadView;
}  // namespace zijin::storage

namespace zijin::exec {

class ForeignKeyWork;
struct ForeignKeyQueue;

// Produces the rows of a system view (pg_class, information_schema.tables ...) on demand.
using SystemViewFn = std::function<Status(const std::string& view, std::vector<Row>* rows)>;

// Everything an execution needs from its session. Owned by the caller, outlives the operators.
// What one plan node did in an EXPLAIN ANALYZE run: its runs (Open calls), the rows it
// produced over all of them, and the time to its first row and to its end (ms, summed).
struct NodeStats {
  uint64_t loops = 0;
  uint64_t rows = 0;
  double first_row_ms = 0;
  double total_ms = 0;
};

struct ExecContext {
  storage::Transaction* txn = nullptr;
  const storage::ReadView* view = nullptr;  // the statement's (or transaction's) snapshot
  catalog::Catalog* catalog = nullptr;
  std::shared_ptr<const catalog::CatalogData> catalog_data;
  const std::vector<types::Value>* params = nullptr;
  FunctionContext fn;
  const Interrupt* interrupt = nullptr;  // cancel requests and statement_timeout
  SystemViewFn system_view;
  // Rows of enclosing queries, innermost last, for correlated subqueries.
  std::vector<const Row*> outer_rows;
  // Sequences whose currval this session may read, with their last values.
  std::function<void(catalog::Oid, int64_t)> note_nextval;
  std::function<Result<int64_t>(catalog::Oid)> currval;
  bool repeatable_read = false;
  CopyChannel* copy = nullptr;  // COPY FROM STDIN / TO STDOUT data
  // WITH RECURSIVE: each recursive union's rows of the last iteration, read by its work table
  // scans.
  std::map<int, std::vector<Row>> work_tables;
  // EXPLAIN ANALYZE: when set, every operator counts what it does here, by plan node.
  std::map<const planner::PlanNode*, NodeStats>* instrument = nullptr;
  bool instrument_timing = true;  // EXPLAIN's TIMING: also time each node (costs clock reads)
  // Results of uncorrelated subqueries, computed once per execution.
  std::map<const planner::Expr*, std::vector<Row>> subquery_cache;

  // Foreign keys run statements of their own on the tables involved (PostgreSQL's RI
  // queries): `plan_sql` plans one with parameters of the given types (set by the session);
  // plans are kept in `fk_plans`, shared by the nested executions of one statement. In such a
  // statement `fk_queue` is set: its own foreign-key work joins the queue of the statement that
  // ran it, to run after the work at hand, as PostgreSQL queues the triggers of its RI queries
  // behind the current ones; cascades therefore never nest deeper than one statement.
  using PlanSqlFn = std::function<Result<std::shared_ptr<const planner::PlannedStatement>>(
      const std::string& sql, const std::vector<types::LogicalType>& param_types)>;
  PlanSqlFn plan_sql;
  std::shared_ptr<std::map<std::string, std::shared_ptr<const planner::PlannedStatement>>> fk_plans;
  std::shared_ptr<ForeignKeyQueue> fk_queue;
  // COPY FROM runs its INSERT once per row: with `defer_foreign_keys` set, the foreign-key
  // work of every row accumulates in `deferred_fks` and runs in FinishForeignKeys at the end
  // of the COPY, as PostgreSQL runs it at the end of the statement.
  bool defer_foreign_keys = false;
  bool deferred_fks_made = false;
  std::shared_ptr<ForeignKeyWork> deferred_fks;

  // 57014 when the statement was cancelled or ran out of time.
  Status CheckCancel() const { return interrupt == nullptr ? Status::OK() : interrupt->Check(); }
};

// Long loops check for a cancel or a statement timeout every this many rows.
inline constexpr size_t kCancelCheckInterval = 1024;

class Operator {
 public:
  virtual ~Operator() = default;
  virtual Status Open() = 0;
  // Produces the next row into *row; false at the end.
  virtual Result<bool> Next(Row* row) = 0;
  // Rows inserted/updated/deleted (DML operators), for the command tag.
  virtual uint64_t affected() const { return 0; }
};

Result<std::unique_ptr<Operator>> BuildOperator(const planner::PlanNode& plan, ExecContext* ctx);

// Evaluates a bound expression over `row`.
Result<types::Value> Eval(const planner::Expr& expr, const Row& row, ExecContext* ctx);
// Evaluates a predicate: true only when the result is a non-NULL true.
Result<bool> EvalPredicate(const planner::Expr& expr, const Row& row, ExecContext* ctx);

// Runs the foreign-key work deferred by `defer_foreign_keys` (see ExecContext).
Status FinishForeignKeys(ExecContext* ctx);

// Runs a plan to the end, collecting every row (subqueries, INSERT ... SELECT materialization).
Status RunToEnd(const planner::PlanNode& plan, ExecContext* ctx, std::vector<Row>* rows);

}  // namespace zijin::exec
