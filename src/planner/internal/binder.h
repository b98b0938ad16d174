// The binder: names to catalog objects and columns, types resolved, plans built (internal).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "parser/syntax.h"
#include "planner/planner.h"
#include "types/cast.h"

namespace zijin::planner {

// One column visible to name resolution: where it sits in the input row, and its names.
struct ScopeColumn {
  std::string table;  // alias or table name ("" for unnamed)
  std::string name;
  types::LogicalType type;
  int index = 0;  // position in the input row
  // Not expanded by * and not found by an unqualified name: the right-hand copy of a USING
  // column, the primary key that UPDATE/DELETE carry along.
  bool hidden = false;
  // A system column (tableoid): hidden, yet found by its bare name; never expanded by t.*.
  bool system = false;
  uint32_t table_oid = 0;
  int16_t attnum = 0;
  // Read straight from a table of the FROM clause (not through a subquery or view), so its
  // table's primary key determines it (GROUP BY's functional dependency).
  bool base_table = false;
};

struct Scope {
  std::vector<ScopeColumn> columns;
  const Scope* parent = nullptr;  // the enclosing query's scope (correlated subqueries)
};

// A plan under construction with the columns it produces.
struct Bound {
  std::shared_ptr<PlanNode> plan;
  Scope scope;
};

// Where aggregates may appear and how expressions over a grouped query are rewritten.
struct AggContext {
  bool allowed = false;
  std::vector<const parser::Expr*> group_exprs_ast;
  std::vector<ExprPtr>* group_keys = nullptr;  // bound over the FROM scope
  std::vector<AggCall>* aggregates = nullptr;
  const Scope* from_scope = nullptr;
  bool grouped = false;          // binding over the Aggregate node's output
  const char* clause = nullptr;  // when !allowed: "WHERE", "GROUP BY" ... for the error
};

// One entry of a SELECT list after * expansion.
struct BoundTarget {
  ExprPtr expr;
  std::string name;
  const parser::Expr* ast = nullptr;  // nullptr for columns expanded from *
  uint32_t table_oid = 0;
  int16_t attnum = 0;
};

class Binder {
 public:
  explicit Binder(PlanContext& ctx) : ctx_(ctx) {}

  Result<std::shared_ptr<const PlannedStatement>> BindStatement(const parser::Statement& stmt);
  Result<Bound> BindQuery(const parser::SelectStmt& q, const Scope* outer);

  // Expressions.
  Result<ExprPtr> BindExpr(const parser::Expr& e, const Scope& scope);
  // Casts/infers `e` to `target`; `what` names the context in errors.
  Result<ExprPtr> Coerce(ExprPtr e, const types::LogicalType& target, types::CastContext ctx,
                         int location);
  Result<ExprPtr> CoerceToBool(ExprPtr e, const char* clause, int location);
  // Gives unknown-typed expressions (literals, parameters) a type: text by default.
  Result<ExprPtr> ResolveUnknown(ExprPtr e);
  Status CommonTypeOf(std::vector<ExprPtr>* exprs, const char* context, int location);
  // The aggregate `name` over *args (none for `star`, as count(*)), the arguments cast to what
  // it takes; errors point at `location`.
  Result<const exec::AggregateFunction*> ResolveAggregateCall(const std::string& name, bool star,
                                                              std::vector<ExprPtr>* args,
                                                              int location);

  // Catalog lookups.
  Result<std::shared_ptr<const catalog::Table>> LookupTable(const std::vector<std::string>& name,
                                                            int location, bool missing_ok = false);
  Result<const catalog::Sequence*> LookupSequence(const std::string& name, int location);
  catalog::Oid CreationSchema(const std::vector<std::string>& name, std::string* relname,
                              Status* error);

  // Binds a table's DEFAULT for column `col` (NULL constant when none).
  Result<ExprPtr> BindDefault(const catalog::Table& t, size_t col);
  // CHECK constraints over the table's row.
  Status BindChecks(const catalog::Table& t, std::vector<ExprPtr>* checks,
                    std::vector<std::string>* names);
  static Scope TableScope(const catalog::Table& t, const std::string& alias);

  PlanContext& ctx() { return ctx_; }
  // Records that the statement uses relation `oid` (PlannedStatement::relations).
  void NoteRelation(catalog::Oid oid, RelationUse::Kind kind);
  // The tables a write to `table` reaches through foreign keys: the referenced tables its new
  // rows are checked against (`inserts`), and the referencing tables a change to its keys
  // checks or cascades into (`changes_keys`), transitively through cascades.
  void NoteForeignKeyRelations(const catalog::Table& table, bool inserts, bool changes_keys);
  const std::vector<RelationUse>& relations() const { return relations_; }
  AggContext* agg() { return agg_; }

  // The schemas an unqualified name is looked up in: pg_catalog first unless the search path
  // names it, then the search path's existing schemas.
  std::vector<catalog::Oid> SearchSchemas() const;

 private:
  friend class BinderAccess;
  Result<std::shared_ptr<const PlannedStatement>> BindStatementKind(const parser::Statement& stmt);
  Result<ExprPtr> BindColumnRef(const parser::Expr& e, const Scope& scope);
  Result<ExprPtr> BindFunc(const parser::Expr& e, const Scope& scope);
  Result<ExprPtr> BindBinary(const parser::Expr& e, const Scope& scope);
  Result<ExprPtr> BindSubquery(const parser::Expr& e, const Scope& scope);
  // ARRAY[...] and ARRAY(query); `target` is the array type of an enclosing cast, which the
  // elements go to directly (and which lets ARRAY[] be typed).
  Result<ExprPtr> BindArray(const parser::Expr& e, const Scope& scope,
                            const types::LogicalType* target);
  Result<ExprPtr> BindSubscript(const parser::Expr& e, const Scope& scope);
  // x op ANY/ALL (array).
  Result<ExprPtr> BindArrayCompare(const parser::Expr& e, const Scope& scope);
  Result<ExprPtr> BindAggregate(const parser::Expr& e, const Scope& scope);
  Result<ExprPtr> BindWindowFunc(const parser::Expr& e, const Scope& scope);
  Result<ExprPtr> MakeCompare(const std::string& op, ExprPtr l, ExprPtr r, int location);
  Result<ExprPtr> MakeArith(const std::string& op, ExprPtr l, ExprPtr r, int location);
  // An operator the function library implements (@ ~ & | # << >> ...): one argument for a
  // prefix operator, two for a binary one.
  // `arg_locations` place errors in converting an argument.
  Result<ExprPtr> MakeOperatorCall(const std::string& op, std::vector<ExprPtr> args, int location,
                                   const std::vector<int>& arg_locations);
  // In a grouped query: an expression equal to a GROUP BY key becomes a reference to that key
  // (*done true); a bare column that is not grouped is 42803.
  Result<ExprPtr> MatchGroupKey(const parser::Expr& e, bool* done);
  // current_schemas(bool) with a constant argument: the schemas of the session's search path
  // (with pg_catalog, searched implicitly, when the argument is true).
  Result<std::vector<std::string>> CurrentSchemas(const parser::Expr& cs, const Scope& scope);
  // current_schemas(bool) as a name[] constant.
  Result<ExprPtr> BindCurrentSchemas(const parser::Expr& e, const Scope& scope);
  // array_position(current_schemas(bool), x): a position in the session's search path.
  Result<ExprPtr> BindSchemaPosition(const parser::Expr& e, const Scope& scope);
  // Parses an expression stored as SQL text (DEFAULT, CHECK) and binds it over `scope`.
  Result<ExprPtr> BindExprText(const std::string& text, const Scope& scope);

  Result<Bound> BindSelect(const parser::SelectStmt& q, const Scope* outer);
  Result<Bound> BindValues(const parser::SelectStmt& q, const Scope* outer);
  Result<Bound> BindSetOp(const parser::SelectStmt& q, const Scope* outer);
  Result<Bound> BindFrom(const std::vector<parser::TableRefPtr>& from, const Scope* outer,
                         std::vector<ExprPtr>* where_conjuncts);
  Result<Bound> BindTableRef(const parser::TableRef& ref, const Scope* outer);
  Result<Bound> BindRelation(const parser::TableRef& ref, const Scope* outer);
  Result<Bound> BindJoin(const parser::TableRef& ref, const Scope* outer);
  // A LATERAL subquery without FROM over `left`: its targets become extra columns of `left`.
  Result<Bound> BindLateralInline(Bound left, const parser::TableRef& ref);
  Result<Bound> BindFunctionScan(const parser::TableRef& ref, const Scope* outer);
  // A function call as a FROM item (generate_series, unnest, pg_partition_ancestors, or a
  // scalar function as one row), its one column named `colname`.
  Result<Bound> BindFunctionCall(const parser::Expr& call, const std::string& colname,
                                 const Scope* outer);
  Result<Bound> BindView(const catalog::View& view, const parser::TableRef& ref, int location);
  Result<Bound> BindCte(const parser::CommonTableExpr& cte, const parser::TableRef& ref);
  // WITH RECURSIVE's body: "non-recursive term UNION [ALL] recursive term" when it refers to
  // itself, else an ordinary CTE.
  Result<Bound> BindRecursiveCte(const parser::CommonTableExpr& cte);
  struct WorkTable;
  // Binds `q` with `name` meaning the work table *wt (updated with how it was used).
  Result<Bound> BindWithWorkTable(const std::string& name, WorkTable* wt,
                                  const parser::SelectStmt& q);
  // `lateral`: `right` was bound with `left`'s columns as its outer row (see PlanNode::lateral).
  Result<Bound> Join(Bound left, Bound right, parser::JoinType type, ExprPtr on,
                     bool lateral = false);
  // A LATERAL FROM item (subquery or function) bound with `left`'s columns visible.
  Result<Bound> BindLateral(const Bound& left, const parser::TableRef& ref);
  // Distributes WHERE conjuncts (over `*node`'s output) and join conditions down the tree:
  // into scans (with an access path), hash-join keys, join predicates, or a Filter on top.
  void PlaceConjuncts(std::shared_ptr<PlanNode>* node, std::vector<ExprPtr> conjuncts);
  Result<std::vector<BoundTarget>> BindTargets(const std::vector<parser::Target>& targets,
                                               const Scope& scope);
  // ORDER BY / LIMIT / OFFSET for VALUES and set operations: keys over the output columns.
  Result<Bound> BindOutputOrderLimit(Bound b, const parser::SelectStmt& q);
  Result<ExprPtr> BindLimitExpr(const parser::Expr& e, const char* clause);
  // Picks an index for a scan from conjuncts over its row; the conjuncts its range stands for
  // move from *conjuncts to the scan's index_conds, the rest stay for the scan's predicate.
  void ChooseAccessPath(PlanNode* scan, std::vector<ExprPtr>* conjuncts);
  Result<std::shared_ptr<const PlannedStatement>> BindInsert(const parser::InsertStatement& s);
  Result<std::shared_ptr<const PlannedStatement>> BindUpdate(const parser::UpdateStatement& s);
  Result<std::shared_ptr<const PlannedStatement>> BindDelete(const parser::DeleteStatement& s);
  Result<std::vector<ExprPtr>> BindReturning(const std::vector<parser::Target>& targets,
                                             const Scope& scope,
                                             std::vector<ResultColumn>* columns);

  PlanContext& ctx_;
  AggContext* agg_ = nullptr;
  // Where window functions may appear (a SELECT list and ORDER BY): the calls found so far and
  // the query's WINDOW clause. nullptr elsewhere.
  struct WindowContext {
    std::vector<WindowCall> calls;
    const std::vector<std::pair<std::string, std::shared_ptr<parser::WindowSpec>>>* named = nullptr;
  };
  WindowContext* win_ = nullptr;
  // Recursive CTEs whose body is being bound: name -> work table (id, columns). A reference
  // is valid only once, in the recursive term itself (not a subquery of it); `forbidden` says
  // why one is not allowed at all (in the non-recursive term, or a body that is no UNION).
  struct WorkTable {
    int id = 0;
    std::vector<types::LogicalType> types;
    std::vector<std::string> names;
    int depth = 0;  // depth_ while binding the recursive term
    int uses = 0;
    int ref_location = -1;
    std::string forbidden;
    int forbidden_location = -1;  // where `forbidden` is reported (-1: at the reference)
  };
  std::map<std::string, WorkTable> work_tables_;
  int next_work_table_ = 1;
  // Set while binding an aggregate's or a window function's arguments: why a window function
  // may not appear there.
  const char* window_forbidden_ = nullptr;
  std::vector<std::map<std::string, const parser::CommonTableExpr*>> ctes_;
  int depth_ = 0;
  std::vector<RelationUse> relations_;
  // The next SELECT keeps unknown-typed targets (INSERT ... SELECT 'x' takes the column type).
  bool keep_unknown_targets_ = false;
  // A set-returning call in the select list of a SELECT without FROM: it became the FROM item,
  // and binding this call gives that item's column.
  const parser::Expr* select_srf_ = nullptr;
  types::LogicalType select_srf_type_;
};

// generate_series, unnest and pg_partition_ancestors: functions that return rows.
bool IsSetReturningFunction(const std::string& name);

// Splits an AND tree into its conjuncts.
void SplitConjuncts(ExprPtr e, std::vector<ExprPtr>* out);
ExprPtr AndOf(std::vector<ExprPtr> conjuncts);
ExprPtr MakeColumn(int index, const types::LogicalType& type, int depth = 0);
ExprPtr MakeConst(types::Value v, const types::LogicalType& type);
// A deep copy of a bound expression (subplans are shared).
ExprPtr CloneExpr(const Expr& e);
bool ExprEquals(const Expr& a, const Expr& b);
// The highest input column index the expression reads at depth 0 (-1 when none), and whether
// it reads outer rows.
void ColumnRange(const Expr& e, int* min_col, int* max_col, bool* outer);
// Shifts depth-0 column references by `delta`.
void ShiftColumns(Expr* e, int delta);
std::string DefaultColumnName(const parser::Expr& e);
// 1-based statement position of a 0-based location (0 = none).
inline int Pos(int location) { return location < 0 ? 0 : location + 1; }
// True when the expression (or a subquery in it) refers to rows of enclosing queries through a
// correlated subquery, which pins it to the row layout it was bound over.
bool HasCorrelatedSubquery(const Expr& e);
bool HasVolatile(const Expr& e);
// Whether the AST contains an aggregate call outside subqueries.
bool ContainsAggregate(const parser::Expr& e);
// Whether the AST contains a window function call outside subqueries.
bool ContainsWindow(const parser::Expr& e);
// Turns the window references of a bound expression into columns first_column + i.
void ResolveWindowRefs(Expr* e, int first_column);
// A plan node built during binding, still private to the binder and so safe to change.
inline PlanNode* Mutable(const std::shared_ptr<const PlanNode>& p) {
  return const_cast<PlanNode*>(p.get());
}
std::shared_ptr<PlanNode> MakeProject(std::shared_ptr<PlanNode> child, std::vector<ExprPtr> exprs);
std::shared_ptr<PlanNode> MakeFilter(std::shared_ptr<PlanNode> child, ExprPtr predicate);

}  // namespace zijin::planner
