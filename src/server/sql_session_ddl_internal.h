// Internals of the DDL runner shared by sql_session_ddl*.cc (not for other modules).
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "exec/ddl.h"
#include "parser/syntax.h"
#include "planner/planner.h"
#include "server/sql_session_internal.h"
#include "txn/lock_manager.h"

namespace zijin::server::ddl {

using catalog::Oid;
using catalog::RelKind;
using types::LogicalType;
using types::TypeId;
using types::Value;
using CKind = parser::ConstraintDef::Kind;

// Internal, never sent: a lock was granted after DDL of another transaction was published, so
// the statement starts over on the new catalog version (RunDdl).
inline constexpr char kRetryStatement[] = "ZJRTY";

// 1-based error position of a 0-based location (0 = none).
inline int Pos(int location) { return location < 0 ? 0 : location + 1; }
std::string QuoteIdent(const std::string& s);
std::string Lower(std::string s);
std::string JoinNames(const std::vector<std::string>& names, const char* sep);

// What a DEFAULT or CHECK expression (as parsed) mentions that PostgreSQL's rules care about.
struct ExprFacts {
  std::vector<std::string> columns;  // column names referenced (last name part), in order
  int column_location = -1;
  int subquery_location = -1;
  int aggregate_location = -1;
  int window_location = -1;
  int min_location = -1;
};

ExprFacts FactsOf(const parser::Expr* e);
// Whether a bound expression calls a volatile function (nextval, random ...).
bool IsVolatile(const planner::Expr& e);
// Renames identifier `from` to `to` in SQL text (CHECK expressions after RENAME COLUMN),
// leaving string literals alone.
std::string RenameIdentInSql(const std::string& sql, const std::string& from,
                             const std::string& to);
RunResult Done(std::string tag);
const char* KindNoun(RelKind k);
// The command tag of a DDL statement.
std::string TagOf(const parser::Statement& stmt);

// A PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY constraint from a column or table definition.
struct ConstraintReq {
  CKind kind;
  std::string name;
  std::vector<std::string> columns;
  const parser::Expr* expr = nullptr;
  std::string text;
  int location = -1;
  bool not_valid = false;
  // FOREIGN KEY
  std::vector<std::string> ref_table;
  std::vector<std::string> ref_columns;
  char on_delete = 'a', on_update = 'a', match = 's';
  std::vector<std::string> delete_set_columns;
  bool deferrable = false, initially_deferred = false;
};

ConstraintReq ToReq(const parser::ConstraintDef& c);

// A relation found by name.
struct RelRef {
  RelKind kind = RelKind::kTable;
  Oid oid = 0;
  Oid schema = 0;
  std::string name;
};

// A view that bound before a change, and the column types it produced.
struct ViewShape {
  Oid oid = 0;
  std::vector<LogicalType> types;
};
using ViewGuard = std::vector<ViewShape>;

// One DDL statement's run: name resolution, rules PostgreSQL applies, and calls into exec/ddl.
class DdlRunner {
 public:
  DdlRunner(SqlSession::Impl* s, catalog::CatalogData* data);

  Result<RunResult> Run(const parser::Statement& stmt);
  const std::vector<Oid>& forget() const { return forget_; }

 private:
  Result<RunResult> RunKind(const parser::Statement& stmt);
  // Names.
  Result<Oid> SchemaOf(const std::vector<std::string>& name, bool missing_ok, bool* missing);
  Result<Oid> CreationSchema(const std::vector<std::string>& name);
  // Finds a relation and locks it in `mode` (an index: its table); false (no error) when it
  // does not exist. A named schema that does not exist is 3F000 unless missing_ok.
  Result<bool> FindRel(const std::vector<std::string>& name, RelRef* out, bool missing_ok = false,
                       txn::LockMode mode = txn::LockMode::kAccessExclusive);
  // Table locks for the transaction. When DDL was published since the statement's catalog
  // version was made (we may have waited for it), they fail with kRetryStatement.
  Status Lock(const txn::LockTag& tag, txn::LockMode mode);
  Status LockRel(Oid oid, txn::LockMode mode);
  // A relation name about to be created in `schema` (and the schema against DROP SCHEMA): a
  // concurrent CREATE of the same name waits, then finds it taken.
  Status LockNewName(Oid schema, const std::string& name);
  // ACCESS SHARE on what a query reads (CREATE VIEW, CREATE TABLE AS).
  Status LockPlan(const planner::PlannedStatement& plan);
  bool NameTaken(Oid schema, const std::string& name) const;
  std::string ChooseRelationName(const std::string& name1, const std::string& name2,
                                 const std::string& label, Oid schema);
  std::string ChooseCheckName(const catalog::Table& t, const ConstraintReq& c);
  // PostgreSQL's ChooseConstraintName: name1_name2_label, unique among the constraints of the
  // schema (and the names this statement chose).
  std::string ChooseConstraintName(const catalog::Table& t, const std::string& name2,
                                   const std::string& label);
  // Whether `t` has a constraint (key, CHECK, FOREIGN KEY) named `name`.
  static bool HasConstraint(const catalog::Table& t, const std::string& name);
  std::shared_ptr<const catalog::Table> TableOf(Oid oid) const {
    auto it = data_->tables.find(oid);
    return it == data_->tables.end() ? nullptr : it->second;
  }
  std::string QualifiedName(const catalog::Table& t) const;
  void Notice(const char* code, std::string message, std::string detail = "") {
    size_t before = s_->notices.size();
    s_->Notice("NOTICE", code, std::move(message));
    if (s_->notices.size() > before) s_->notices.back().detail = std::move(detail);
  }

  // Expressions.
  Result<planner::ExprPtr> BindDefault(const parser::Expr* ast, const std::string& text,
                                       const LogicalType& type);
  Result<std::shared_ptr<const planner::PlannedStatement>> PlanSql(const std::string& sql);
  Status RunPlan(const planner::PlannedStatement& plan,
                 const std::function<Status(const exec::Row&)>& fn);
  Result<Value> EvalConst(const planner::Expr& expr);
  // Binds CHECK `c` over table `t` (already in the catalog) and, when `validate`, checks that
  // every stored row satisfies it.
  Status BindCheck(const catalog::Table& t, const catalog::Check& c, const parser::Expr* ast,
                   bool validate);
  Status CheckNotNull(const catalog::Table& t, int col);
  // Re-encodes every stored row of `t` (new definition) after `fn` changed it.
  Status RewriteRows(const catalog::Table& old_def, const catalog::Table& t,
                     const std::function<Status(exec::Row*)>& fn);
  // Reads every row, empties the table, installs `new_def` and inserts the rows again (after
  // `fn`, when given), rebuilding the primary and secondary indexes. Holds the rows in memory.
  Status RebuildTable(Oid table, catalog::Table new_def,
                      const std::function<Status(exec::Row*)>& fn);
  Status DropPrimaryKey(Oid table);

  // Views that bind now and whose text mentions one of `names` (closed over views on views),
  // with the column types they produce.
  ViewGuard ViewsMentioning(const std::vector<std::string>& names);
  // The column types of a view's query; false when it no longer binds.
  bool ViewColumns(const catalog::View& v, std::vector<LogicalType>* types);
  // After a change: the views of `before` that no longer bind or produce other columns.
  std::vector<Oid> BrokenViews(const ViewGuard& before);
  // Drops broken views (CASCADE) or fails with 2BP01 naming `what` ("table t").
  // `also`: other objects that depend on it, with their OIDs (creation order), described as
  // PostgreSQL does ("constraint c_p_fkey on table c"); they are removed by the caller.
  Status HandleBrokenViews(const ViewGuard& before, bool cascade, const std::string& what,
                           std::vector<std::pair<Oid, std::string>> also = {});

  // Columns and constraints.
  Status BuildColumn(const parser::ColumnDef& def, const std::string& table_name, Oid schema,
                     Oid table_oid, catalog::Column* col, std::vector<ConstraintReq>* cons,
                     const parser::Expr** default_ast);
  Result<std::vector<int>> KeyColumns(const catalog::Table& t, const ConstraintReq& c);
  Status AddConstraint(Oid table, const ConstraintReq& c);
  // FOREIGN KEY: `validate` checks the rows already stored.
  Status AddForeignKey(Oid table, const ConstraintReq& c, bool validate);

  // Foreign keys of other tables that depend on what is dropped, with their descriptions.
  using Dependents = std::vector<std::pair<Oid, std::string>>;
  // Keys referencing `table` from tables other than those in `except`.
  Dependents KeysReferencing(Oid table, const std::vector<Oid>& except) const;
  // Keys that reference their table through `index` (the unique index they look keys up in).
  Dependents KeysUsingIndex(Oid table, Oid index) const;
  // Keys that reference column `col` of `table` (other than `table`'s own keys over `col`).
  Dependents KeysReferencingColumn(Oid table, int col) const;
  // Removes the foreign keys with these OIDs from their tables.
  Status DropForeignKeys(const Dependents& keys);
  // Dropping `what` ("constraint p_pkey on table p") with `keys` depending on `on` ("index
  // p_pkey"): 2BP01, or with CASCADE a notice and the keys dropped.
  Status DropDependentKeys(const Dependents& keys, bool cascade, const std::string& what,
                           const std::string& on);
  // ALTER COLUMN TYPE: the foreign keys over column `col` of `table` must still compare.
  Status CheckKeyTypes(const catalog::Table& table, int col, const LogicalType& to);

  // Statements.
  Result<RunResult> CreateTable(const parser::CreateTableStatement& st);
  Result<RunResult> CreateTableAs(const parser::CreateTableStatement& st, Oid schema,
                                  const std::string& relname);
  Result<RunResult> CreateIndex(const parser::CreateIndexStatement& st);
  Result<RunResult> CreateSequence(const parser::CreateSequenceStatement& st);
  Result<RunResult> CreateView(const parser::CreateViewStatement& st);
  Result<RunResult> CreateSchema(const parser::CreateSchemaStatement& st);
  Result<RunResult> CreateDatabase(const parser::CreateDatabaseStatement& st);
  Result<RunResult> Drop(const parser::DropStatement& st);
  Status DropSchemas(const parser::DropStatement& st);
  Status DropDatabases(const parser::DropStatement& st);
  Status DropSequenceChecked(Oid seq, bool cascade);
  Result<RunResult> AlterTable(const parser::AlterTableStatement& st);
  Status AlterAction(Oid table, const parser::AlterAction& a);
  Status AddColumn(Oid table, const parser::AlterAction& a);
  Status DropColumn(Oid table, const parser::AlterAction& a);
  Status RenameColumn(Oid table, const parser::AlterAction& a);
  Status RenameTable(Oid table, const parser::AlterAction& a);
  Status DropConstraint(Oid table, const parser::AlterAction& a);
  Status AlterColumnType(Oid table, const parser::AlterAction& a);
  Result<RunResult> Truncate(const parser::TruncateStatement& st);

  SqlSession::Impl* s_;
  catalog::CatalogData* data_;
  exec::DdlContext ctx_;
  planner::PlanContext pc_;
  std::vector<Oid> forget_;
  std::set<std::pair<Oid, std::string>> taken_;  // relation names chosen by this statement
};

}  // namespace zijin::server::ddl
