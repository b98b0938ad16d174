// Bound expressions and plan trees: what the binder/planner builds and the executor runs.
// Both are immutable once built, so a cached plan can be shared by executions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "types/value.h"

namespace zijin::exec {
struct ScalarFunction;
struct AggregateFunction;
}  // namespace zijin::exec

namespace zijin::planner {

struct PlanNode;

// One output column of a statement, as RowDescription reports it.
struct ResultColumn {
  std::string name;
  types::LogicalType type;
  uint32_t table_oid = 0;  // source table, when the column is a plain table column
  int16_t attnum = 0;
};

enum class ExprKind : uint8_t {
  kConst,
  kColumn,     // a column of the input row (index), or of an outer query's row (depth > 0)
  kParam,      // $n (index = n - 1)
  kCast,       // args[0] to type
  kArith,      // args[0] op args[1]
  kNegate,
  kCompare,    // args[0] cmp args[1]
  kAnd,        // all args (n-ary)
  kOr,
  kNot,
  kIsNull,     // args[0] IS NULL (negated: IS NOT NULL)
  kIsDistinct, // args[0] IS DISTINCT FROM args[1] (negated: IS NOT DISTINCT FROM)
  kIsTrue,     // IS [NOT] TRUE/FALSE: value = the boolean tested for
  kFunction,   // fn(args)
  kCase,       // args: [operand?] when1 then1 ... [else]; see case_has_operand/case_has_else
  kCoalesce,
  kNullIf,
  kLike,       // args[0] LIKE args[1] [ESCAPE args[2]]
  kInList,     // args[0] IN (args[1..])
  kConcat,     // args[0] || args[1] (text)
  kSubquery,   // subplan; see subquery_kind
  kAggRef,     // result index of an aggregate computed by the Aggregate node below
  kSequence,   // nextval/currval/setval on seq_oid: args hold the operands
  kRow,        // ROW(args) (only compared, never stored)
  kWindowRef,  // binding only: the index-th window function of the query (becomes a kColumn)
  kArray,      // ARRAY[args]: a one-dimensional array of type.element()
  kSubscript,  // args[0][args[1]]: NULL when out of range
  kArrayCompare,  // args[0] op ANY/ALL (args[1]), args[1] an array: op, subquery_kind
};

enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };
enum class SubqueryKind : uint8_t { kScalar, kExists, kAny, kAll, kArray };  // kArray: ARRAY(query)
enum class SeqOp : uint8_t { kNextval, kCurrval, kSetval, kLastval };

struct Expr {
  ExprKind kind;
  types::LogicalType type;
  types::Value value;              // kConst; kIsTrue (the tested boolean)
  int index = 0;                   // kColumn / kParam / kAggRef
  int depth = 0;                   // kColumn: 0 = current row, 1 = enclosing query's row ...
  bool negated = false;            // kIsNull, kIsDistinct, kLike, kInList, kIsTrue
  bool case_insensitive = false;   // kLike (ILIKE)
  bool case_has_operand = false;
  bool case_has_else = false;
  uint8_t op = 0;                  // ArithOp / CompareOp / SeqOp
  SubqueryKind subquery_kind = SubqueryKind::kScalar;
  catalog::Oid seq_oid = 0;
  const exec::ScalarFunction* fn = nullptr;
  std::vector<std::unique_ptr<Expr>> args;
  std::shared_ptr<const PlanNode> subplan;  // kSubquery
  bool volatile_fn = false;        // the expression calls a volatile function
  bool correlated = false;         // kSubquery: refers to outer rows (no result caching)
  // kCast: an explicit cast (CAST, ::), which cuts a string to the target length where an
  // implicit or assignment cast fails with 22001.
  bool explicit_cast = false;

  Expr(ExprKind k, types::LogicalType t) : kind(k), type(t) {}
};
using ExprPtr = std::unique_ptr<Expr>;

struct SortKey {
  ExprPtr expr;
  bool descending = false;
  bool nulls_first = false;
};

struct AggCall {
  const exec::AggregateFunction* fn = nullptr;
  types::LogicalType type;    // the result (fn's return type, or array_agg's array type)
  std::vector<ExprPtr> args;  // evaluated over the Aggregate node's input
  bool distinct = false;
  ExprPtr filter;             // FILTER (WHERE ...)
  bool star = false;          // count(*)
  // f(x ORDER BY y): the group's rows reach the aggregate in this order (over the input).
  std::vector<SortKey> order_by;
};

// A window function call: its rows are the partition its row falls in, ordered, and for
// aggregates and the value functions the frame around the row.
struct WindowCall {
  std::string name;                           // row_number, rank, lag ... or the aggregate's
  const exec::AggregateFunction* agg = nullptr;  // an aggregate used as a window function
  std::vector<ExprPtr> args;                  // over the Window node's input
  ExprPtr filter;                             // aggregates: FILTER (WHERE ...)
  std::vector<ExprPtr> partition_by;
  std::vector<SortKey> order_by;
  // The frame: ROWS counts rows, RANGE counts peers (rows equal in ORDER BY). Offsets are
  // constants (n PRECEDING / FOLLOWING, ROWS only).
  enum class Bound : uint8_t {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing
  };
  bool frame_rows = false;
  Bound frame_start = Bound::kUnboundedPreceding, frame_end = Bound::kCurrentRow;
  ExprPtr start_offset, end_offset;
  types::LogicalType type;
};

enum class JoinKind : uint8_t { kInner, kLeft, kRight, kFull, kSemi, kAnti };
enum class SetOpKind : uint8_t { kUnion, kIntersect, kExcept };

enum class PlanKind : uint8_t {
  kResult,        // one row of no columns (SELECT without FROM)
  kValues,        // rows of expressions
  kSeqScan,       // every row of a table
  kIndexScan,     // rows of a table by a key range of one index
  kSystemScan,    // rows of a pg_catalog / information_schema view, generated from the catalog
  kFunctionScan,  // generate_series and friends
  kSequenceScan,  // SELECT FROM a sequence: its one row of state
  kFilter,
  kProject,
  kAggregate,     // group keys then aggregate results
  kSort,
  kWindow,        // the input's columns, then one per window function
  kLimit,
  kDistinct,      // optional distinct_on count: keep the first row per prefix of exprs
  kNestedLoopJoin,
  kHashJoin,
  kSetOp,
  kRecursiveUnion,  // WITH RECURSIVE: children[0] once, then children[1] until it adds nothing
  kWorkTableScan,   // the rows the recursive term reads: the previous iteration's new rows
  kInsert,
  kUpdate,
  kDelete,
  kCopySource,    // COPY FROM STDIN: rows parsed from the client's data
};

// COPY's data format options.
struct CopyOptions {
  bool csv = false;
  bool binary = false;
  bool header = false;
  char delimiter = '\t';
  char quote = '"';
  char escape = '"';
  std::string null_string = "\\N";
};

// One bound of an index range: the key columns' values (as expressions, since they may be
// parameters), how many leading columns are bound, and inclusiveness. The first `equalities`
// values come from equalities; a last one beyond them bounds a range. A value may be of a
// wider integer type than its key column (smallint_col = 5): the scan fits it to the column
// when it runs, since it may not fit (then nothing matches, or that side is unbounded).
struct IndexBound {
  std::vector<ExprPtr> values;
  bool inclusive = true;
  size_t equalities = 0;
};

struct OnConflict {
  bool do_update = false;
  std::vector<int> set_columns;       // target columns of DO UPDATE SET
  std::vector<ExprPtr> set_exprs;     // over (existing row ++ excluded row)
  ExprPtr where;                      // over (existing row ++ excluded row)
  const catalog::Index* arbiter = nullptr;  // nullptr = any unique index
};

struct PlanNode {
  PlanKind kind;
  std::vector<types::LogicalType> output_types;  // the columns this node produces
  std::vector<std::shared_ptr<const PlanNode>> children;

  // Scans and DML.
  std::shared_ptr<const catalog::Table> table;
  const catalog::Index* index = nullptr;  // kIndexScan
  IndexBound lower, upper;                // kIndexScan: empty values = unbounded
  // kIndexScan: the conjuncts the range stands for exactly (not re-checked per row; kept to
  // show in EXPLAIN and to re-plan from).
  std::vector<ExprPtr> index_conds;
  bool lock_rows = false;                 // SELECT ... FOR UPDATE
  // With lock_rows: a row locked by another transaction is waited for, an error (NOWAIT), or
  // skipped (SKIP LOCKED).
  enum class LockWait : uint8_t { kBlock, kNoWait, kSkipLocked } lock_wait = LockWait::kBlock;
  bool emit_pk = false;                   // scans feeding UPDATE/DELETE: append the row's key
  bool backward = false;                  // kSeqScan / kIndexScan: from the range's end (ORDER BY)
  std::string system_view;                // kSystemScan: "pg_class", ...
  uint32_t system_view_oid = 0;           // kSystemScan: its pg_class OID, a last column (tableoid)
  uint32_t sequence_oid = 0;              // kSequenceScan
  std::string alias;                      // scans: the FROM alias, when not the table's name

  // kValues: rows of expressions; kProject: exprs; kFunctionScan: args.
  std::vector<std::vector<ExprPtr>> rows;
  std::vector<ExprPtr> exprs;
  std::string function_name;              // kFunctionScan
  bool ordinality = false;                // kFunctionScan: a bigint row number follows (1, 2 ...)

  ExprPtr predicate;                      // kFilter, joins (over left ++ right), scans
  JoinKind join_kind = JoinKind::kInner;
  // kNestedLoopJoin with a LATERAL right side: the right input is run again for each left row,
  // which it sees as its innermost outer row (depth 1).
  bool lateral = false;
  std::vector<ExprPtr> left_keys, right_keys;  // kHashJoin equality keys

  std::vector<ExprPtr> group_keys;        // kAggregate
  std::vector<AggCall> aggregates;
  std::vector<WindowCall> windows;        // kWindow
  int work_table = 0;                     // kRecursiveUnion / kWorkTableScan: which one
  std::vector<std::string> column_names;  // kWorkTableScan: its columns' names (EXPLAIN)
  std::vector<SortKey> sort_keys;         // kSort
  int distinct_on = 0;                    // kDistinct: 0 = whole row
  ExprPtr limit, offset;                  // kLimit
  SetOpKind setop = SetOpKind::kUnion;
  bool setop_all = false;

  // DML: the child yields rows. kInsert: full target rows. kUpdate/kDelete: the target
  // table's columns, then its primary key (a bytea), then any other FROM/USING columns;
  // `predicate` (the WHERE clause) and `exprs` (kUpdate: new values of update_columns) are
  // over that layout, so a row that changed while we waited for its lock can be re-checked
  // against its newest version, as PostgreSQL's READ COMMITTED does.
  std::vector<int> update_columns;        // kUpdate: which columns `exprs` set
  std::vector<ExprPtr> checks;            // CHECK constraints over the new row
  std::vector<std::string> check_names;
  std::vector<ExprPtr> returning;         // over the new row (the old one for DELETE)
  std::unique_ptr<OnConflict> on_conflict;
  // kInsert: read all input before the first write (the input reads the target table).
  bool materialize_input = true;
  CopyOptions copy;                       // kCopySource

  explicit PlanNode(PlanKind k) : kind(k) {}
};

}  // namespace zijin::planner
