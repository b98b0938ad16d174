// The planner's entry point: a parsed statement in, an executable plan out.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "planner/plan.h"
#include "types/type_io.h"

namespace zijin::parser {
struct Statement;
}

namespace zijin::planner {

// A relation a statement reads (kRead), locks rows of (kLockRows: FOR UPDATE/SHARE) or writes
// (kWrite): the session takes the matching table lock before every run of the plan.
struct RelationUse {
  catalog::Oid oid = 0;
  enum class Kind : uint8_t { kRead, kLockRows, kWrite } kind = Kind::kRead;
};

// What binding needs from the session: the catalog version, the database, name lookup.
struct PlanContext {
  std::shared_ptr<const catalog::CatalogData> catalog;
  catalog::Oid database = 0;
  std::string user;
  std::vector<std::string> search_path;  // schema names, in order ("$user" already resolved)
  // How literals are read (DateStyle's field order, TimeZone): PostgreSQL converts a quoted
  // literal to its type when the statement is analyzed, under the session's settings.
  types::FormatOptions format;
  // The planner method switches enable_seqscan / enable_indexscan: a disabled kind of scan is
  // used only when nothing else can read the table, as PostgreSQL's disable_cost makes it.
  bool enable_seqscan = true, enable_indexscan = true;
  // In/out: $n types. Unknown (kUnknown) entries are inferred from context; the vector grows
  // to the highest $n used.
  std::vector<types::LogicalType>* param_types = nullptr;
  // False where no values can be bound (a simple Query): a $n is 42P02.
  bool params_allowed = true;
  // Out, when given: the relations named, also when planning failed (a missing column may be
  // there once the DDL we would wait for commits).
  std::vector<RelationUse>* relations_seen = nullptr;
};

// The result of planning one query or DML statement.
struct PlannedStatement {
  std::shared_ptr<const PlanNode> root;
  std::vector<ResultColumn> columns;  // empty when the statement returns no rows
  enum class Kind { kSelect, kInsert, kUpdate, kDelete } kind = Kind::kSelect;
  bool writes = false;
  // Every table and view the statement names, views' own tables included; one entry per oid
  // with its strongest use.
  std::vector<RelationUse> relations;
};

// True when `stmt` is planned by PlanStatement (queries and DML); the others are utility
// statements run by the session.
bool IsPlannable(const parser::Statement& stmt);

Result<std::shared_ptr<const PlannedStatement>> PlanStatement(const parser::Statement& stmt,
                                                              PlanContext& ctx);

// Binds a standalone expression over no input (DEFAULT and CHECK texts, SET values...)
// to `target` type with assignment casting.
Result<ExprPtr> PlanStandaloneExpr(std::string_view sql, const types::LogicalType& target,
                                   PlanContext& ctx);

// Finds a table by its (possibly qualified) name through the search path, as queries do:
// 42P01 when there is none, 42809 when the relation is not a table.
Result<std::shared_ptr<const catalog::Table>> LookupTable(const std::vector<std::string>& name,
                                                          int location, PlanContext& ctx);

// EXPLAIN output lines for a plan. For EXPLAIN ANALYZE, `actual` gives the text that follows
// a node's title (" (actual rows=1 loops=1)").
using ActualFn = std::function<std::string(const PlanNode&)>;
std::vector<std::string> ExplainPlan(const PlanNode& plan, const ActualFn* actual = nullptr);

}  // namespace zijin::planner
