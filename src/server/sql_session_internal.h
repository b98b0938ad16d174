// Internals of SqlSession shared by its implementation files (not for other modules).
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/session_catalog.h"
#include "catalog/system_views.h"
#include "common/settings.h"
#include "exec/executor.h"
#include "planner/planner.h"
#include "server/sql_session.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"
#include "types/type_io.h"

namespace zijin::parser {
struct Statement;
struct NoOpStatement;
}

namespace zijin::storage {
class ReadView;
}

namespace zijin::server {

struct PreparedImpl {
  std::string text;
  // Byte offset of `text` in the string it was parsed from: AST locations are relative to
  // that string.
  int text_offset = 0;
  std::shared_ptr<const parser::Statement> stmt;  // null for an empty query
  std::vector<types::LogicalType> param_types;
  std::vector<bool> param_types_given;
  bool params_allowed = true;  // false for a simple Query, which can bind no $n
  std::vector<exec::ResultColumn> columns;
  // Whether it returns rows (RowDescription, not NoData): a SELECT of no columns does.
  bool returns_rows = false;
  // The plan and the number of the catalog version it was built against (0: a transaction's
  // private version); rebuilt when the catalog changed.
  std::shared_ptr<const planner::PlannedStatement> plan;
  uint64_t plan_version = 0;
  // The settings the plan was built under (SqlSession::Impl::plan_settings): a SET of the
  // search path, DateStyle, TimeZone or a planner switch re-plans, as in PostgreSQL.
  std::string plan_settings;
  uint64_t plan_epoch = 0;  // SqlSession::Impl::plan_epoch when planned (DISCARD PLANS)
  // True once the columns were computed (and possibly reported by Describe).
  bool analyzed = false;
};

struct PortalImpl {
  PortalImpl() = default;
  PortalImpl(const PortalImpl&) = delete;
  PortalImpl& operator=(const PortalImpl&) = delete;
  ~PortalImpl();

  std::shared_ptr<PreparedImpl> prepared;  // re-planned at Run when the catalog changed
  std::shared_ptr<const planner::PlannedStatement> plan;
  std::vector<types::Value> params;
  // Execution state of a portal suspended by a row limit. The operators may hold iterators
  // into the transaction, so the session drops this state when the transaction ends.
  std::unique_ptr<exec::ExecContext> ctx;
  std::unique_ptr<exec::Operator> op;
  // The portal's own snapshot under READ COMMITTED: the next statement replaces the
  // transaction's statement snapshot while this portal is still suspended.
  std::unique_ptr<storage::ReadView> view;
  SqlSession::Impl* owner = nullptr;  // set while the portal is registered as suspended
  bool started = false;
  bool finished = false;
  bool dead = false;  // its transaction ended while it was suspended
  uint64_t rows = 0;
  std::string tag;  // once finished
};

// A SAVEPOINT: what ROLLBACK TO restores besides the storage savepoint.
struct SavepointState {
  std::string name;
  std::map<std::string, std::string> settings;
  std::shared_ptr<catalog::CatalogData> catalog;  // copy of the pending catalog, if any
  std::shared_ptr<const catalog::CatalogData> catalog_base;  // and what it was made from
  uint64_t catalog_base_version = 0;
  size_t ranges_to_drop = 0;
  size_t lock_mark = 0;  // table locks taken after the savepoint go at ROLLBACK TO
};

struct SqlSession::Impl : common::SettingsAccess {
  Instance* instance;
  std::string user, database;
  catalog::Oid database_oid = 0;
  common::SessionSettings settings;
  // The session's own defaults (server values plus start-up options): what RESET restores.
  std::map<std::string, std::string> session_defaults;
  // DEALLOCATE ALL / DISCARD ALL ran: the protocol loop drops its named statements too.
  bool deallocate_all = false;
  // Derived from the settings by RefreshFormat(): text I/O options, the search path with
  // "$user" resolved, the settings a plan depends on, and the timeouts every statement reads.
  types::FormatOptions format;
  std::vector<std::string> search_path;
  std::string plan_settings;
  // The catalog as regclass, pg_get_indexdef() and friends see it (format.catalog points
  // here): re-pointed at the statement's catalog version by UseCatalog().
  catalog::SessionCatalog session_catalog;
  int64_t statement_timeout_setting_ms = 0;
  int64_t lock_timeout_setting_ms = 0;
  Interrupt interrupt;
  int32_t backend_pid = 0;
  // The transaction's table locks; lock_timeout as it was at the start of the statement.
  std::unique_ptr<txn::LockOwner> locks;
  int64_t lock_timeout_ms = 0;
  uint64_t random_state = 0x2545F4914F6CDD1DULL;

  // Transaction state.
  std::unique_ptr<txn::Transaction> txn;
  bool explicit_block = false;  // BEGIN was seen
  bool failed = false;          // an error happened inside the block
  // The failed block's modes, for COMMIT / ROLLBACK AND CHAIN (its transaction is gone).
  txn::Isolation failed_isolation = txn::Isolation::kReadCommitted;
  bool failed_read_only = false;
  std::map<std::string, std::string> settings_at_begin;
  bool settings_saved = false;  // settings_at_begin belongs to the open transaction
  // SET LOCAL: the session-level value to restore at transaction end (nullopt = none).
  std::map<std::string, std::optional<std::string>> set_local_prev;
  std::vector<SavepointState> savepoints;
  // DDL: the transaction's private catalog version, and the published version it was made from
  // (its base, with the base's number). Other transactions' DDL published since is merged in at
  // the next statement (RebaseCatalog) and at commit.
  std::shared_ptr<catalog::CatalogData> pending_catalog;
  std::shared_ptr<const catalog::CatalogData> pending_base;
  uint64_t pending_base_version = 0;
  // Key ranges to delete once the transaction that dropped/truncated them commits.
  std::vector<std::pair<std::string, std::string>> ranges_to_drop;
  std::set<catalog::Oid> forget_runtime;
  std::map<catalog::Oid, int64_t> currvals;
  // SQL-level PREPARE / EXECUTE.
  std::map<std::string, std::shared_ptr<PreparedImpl>> sql_prepared;
  // Advanced by DISCARD PLANS / ALL: every prepared statement plans again at its next run.
  uint64_t plan_epoch = 0;
  // Portals suspended inside the open transaction.
  std::set<PortalImpl*> suspended_portals;
  // DECLARE CURSOR: the transaction block's open cursors by name, closed when it ends.
  std::map<std::string, std::unique_ptr<PortalImpl>> cursors;
  // NoticeResponse messages waiting to be sent.
  std::vector<ErrorInfo> notices;

  explicit Impl(const common::Settings* server) : settings(server) {
    format.catalog = &session_catalog;
  }

  // The catalog version statements see: the transaction's private one, else the published one
  // (whose number goes to *version when asked).
  std::shared_ptr<const catalog::CatalogData> Catalog(uint64_t* version = nullptr) const;
  // Points session_catalog at `data` with the session's database, user and search path.
  void UseCatalog(std::shared_ptr<const catalog::CatalogData> data);
  // Starts a transaction if none is open (an implicit one).
  Status EnsureTransaction();
  // A private copy of the catalog for this transaction's DDL (made at its first DDL, brought up
  // to date with other transactions' DDL at every later one).
  Result<catalog::CatalogData*> BeginDdl();
  // Merges DDL that other transactions published since pending_catalog was made into it.
  Status RebaseCatalog();
  // Whether a catalog version was published since the one the session's statements see.
  bool CatalogMovedSince(uint64_t plan_version) const;

  // --- table locks (sql_session.cc) ---
  // Takes `mode` on `tag` for the transaction, waiting as lock_timeout, statement_timeout and
  // cancel allow (55P03, 57014, 40P01).
  Status LockObject(const txn::LockTag& tag, txn::LockMode mode, bool nowait = false);
  Status LockRelation(catalog::Oid oid, txn::LockMode mode, bool nowait = false);
  // The locks a plan's relations need: ACCESS SHARE to read, ROW SHARE for FOR UPDATE/SHARE,
  // ROW EXCLUSIVE to write.
  Status LockPlanRelations(const planner::PlannedStatement& plan);
  Status LockRelationUses(const std::vector<planner::RelationUse>& uses);
  // Statement start for a plannable statement's locks (Bind, Run): the transaction, the
  // statement_timeout deadline and lock_timeout.
  Status BeginLocking();
  // Every lock of the server, for pg_locks.
  std::vector<catalog::LockRow> LockRows() const;
  // Plans `p` if needed and locks its relations; re-plans when a DDL was published meanwhile
  // (the table may have changed or gone while we waited for its lock).
  Status EnsurePlannedAndLocked(PreparedImpl* p);
  // Plans a statement run once (COPY, EXPLAIN, DDL's queries) and locks its relations, as above.
  Result<std::shared_ptr<const planner::PlannedStatement>> PlanLocked(
      const parser::Statement& stmt, std::vector<types::LogicalType>* param_types);
  Status CommitTransaction();
  void RollbackTransaction();
  void RefreshFormat();
  // Fills an execution context for a statement of this session.
  void FillContext(exec::ExecContext* ctx, const std::vector<types::Value>* params);
  planner::PlanContext MakePlanContext(uint64_t* catalog_version = nullptr);
  // Runs one utility (non-plannable) statement; rows of SHOW and the like go to `sink`.
  Result<RunResult> RunUtility(const parser::Statement& stmt, exec::RowSink* sink,
                               exec::CopyChannel* copy, PortalImpl* portal);

  // --- sql_session.cc ---
  // Rolls back the storage transaction and lets go of everything it held (locks, the DDL
  // lock, pending catalog changes); the block and its settings stay for ROLLBACK to end.
  void ReleaseTransaction();
  // Work common to commit and rollback: drops suspended portals, savepoints, SET LOCAL.
  void EndTransactionCommon();
  // SET at session start (start-up packet options).
  Status SetSetting(std::string_view name, std::string_view value);
  // SET, SET LOCAL or (value nullopt) RESET of one setting, for the SET statement and
  // set_config(): keeps SET LOCAL's undo record and the derived state up to date.
  Status ApplySet(std::string_view name, std::optional<std::string_view> value, bool local);
  // The value SHOW and current_setting() report (the transaction's own isolation level and
  // read-only state included); 42704 for unknown names.
  Result<std::string> ShowSetting(std::string_view name) const;
  // SET transaction_isolation / transaction_read_only: SET TRANSACTION in disguise. in_query:
  // from set_config(), inside a running statement.
  Result<RunResult> SetTransactionSetting(const std::string& lname, const std::string& value,
                                          bool in_query);
  // The first schema of the search path that exists (current_schema()); "" when none does.
  std::string CurrentSchema(const catalog::CatalogData& data) const;
  // common::SettingsAccess, for current_setting() and set_config().
  Result<std::optional<std::string>> CurrentSetting(std::string_view name,
                                                    bool missing_ok) override;
  Result<std::string> SetConfig(std::string_view name, std::optional<std::string_view> value,
                                bool is_local) override;
  // Queues a NoticeResponse (WARNING, NOTICE ...) unless client_min_messages hides it.
  void Notice(const char* severity, std::string_view sqlstate, std::string message);

  // --- sql_session_exec.cc ---
  // Plans (or re-plans, when the catalog changed) a plannable prepared statement. `seen`: the
  // relations it names, also when planning fails.
  Status EnsurePlanned(PreparedImpl* p, std::vector<planner::RelationUse>* seen = nullptr);
  // Computes the result columns of a statement (plannable or utility).
  Status Analyze(PreparedImpl* p);
  // Builds and opens a portal's operators; `own_view`: under READ COMMITTED, with a snapshot of
  // its own, for a portal that outlives the statement.
  Status StartPortal(PortalImpl* portal, bool own_view, exec::CopyChannel* copy);
  // Runs a plan (portal->plan), up to max_rows rows (0 = all).
  Result<RunResult> RunPlanned(PortalImpl* portal, int64_t max_rows, exec::RowSink* sink,
                               exec::CopyChannel* copy);
  // Pulls rows from a started portal.
  Result<RunResult> Fetch(PortalImpl* portal, int64_t max_rows, exec::RowSink* sink);

  // --- sql_session_utility.cc ---
  Result<RunResult> RunTransactionStmt(const parser::Statement& stmt);
  Result<RunResult> RunSet(const parser::Statement& stmt);
  Result<RunResult> RunShow(const parser::Statement& stmt, exec::RowSink* sink);
  Result<RunResult> RunExplain(const parser::Statement& stmt, const PreparedImpl& outer,
                               const std::vector<types::Value>& params, exec::RowSink* sink);
  Result<RunResult> RunCopy(const parser::Statement& stmt, exec::CopyChannel* copy);
  Result<RunResult> RunPrepare(const parser::Statement& stmt, const PreparedImpl& outer);
  Result<RunResult> RunExecute(const parser::Statement& stmt, const PreparedImpl& outer,
                               exec::RowSink* sink);
  // LOCK TABLE, VACUUM and ANALYZE: the table locks they take.
  Result<RunResult> RunLock(const parser::Statement& stmt);
  Status LockMaintenanceTargets(const parser::NoOpStatement& stmt);
  // The prepared statement EXECUTE runs (26000 when it does not exist).
  Result<std::shared_ptr<PreparedImpl>> FindSqlPrepared(const std::string& name);

  // --- sql_session_cursor.cc ---
  Result<RunResult> RunDeclareCursor(const parser::Statement& stmt, const PortalImpl* outer);
  Result<RunResult> RunFetch(const parser::Statement& stmt, exec::RowSink* sink);
  Result<RunResult> RunCloseCursor(const parser::Statement& stmt);
  // An open cursor (34000 when there is none of that name).
  Result<PortalImpl*> FindCursor(const std::string& name);
  // FETCH returns the rows of its cursor's query; MOVE none.
  Status AnalyzeFetch(PreparedImpl* p);
};

// The CommandComplete tag of a plannable statement that affected or returned `rows` rows.
std::string PlanTag(const planner::PlannedStatement& plan, uint64_t rows);
// The columns a utility statement returns (SHOW, EXPLAIN ...); empty for most.
std::vector<exec::ResultColumn> UtilityColumns(const parser::Statement& stmt,
                                               const common::SessionSettings& settings);
// COMMIT, ROLLBACK and ROLLBACK TO: allowed in a failed transaction block.
bool IsTransactionExit(const parser::Statement& stmt);

// DDL statements (CREATE/DROP/ALTER/TRUNCATE of tables, indexes, sequences, views, schemas,
// databases), run inside the session's transaction on its private catalog version
// (sql_session_ddl.cc). Returns the command tag.
Result<RunResult> RunDdl(SqlSession::Impl* session, const parser::Statement& stmt);
bool IsDdl(const parser::Statement& stmt);

}  // namespace zijin::server
