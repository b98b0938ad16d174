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
#include "common/settings.h"
#include "exec/executor.h"
#include "planner/planner.h"
#include "server/sql_session.h"
#include "txn/transaction.h"
#include "types/type_io.h"

namespace zijin::parser {
struct Statement;
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
  // The plan and the catalog version it was built against; rebuilt when the catalog changed.
  std::shared_ptr<const planner::PlannedStatement> plan;
  std::shared_ptr<const catalog::CatalogData> plan_catalog;
  // The settings the plan was built under (SqlSession::Impl::plan_settings): a SET of the
  // search path, DateStyle, TimeZone or a planner switch re-plans, as in PostgreSQL.
  std::string plan_settings;
  // True once the columns were computed (and possibly reported by Describe).
  bool analyzed = false;
};

struct PortalImpl {
  PortalImpl() = default;
  PortalImpl(const PortalImpl&) = delete;
  PortalImpl& operator=(const PortalImpl&) = delete;
  ~PortalImpl();

  std::shared_ptr<const PreparedImpl> prepared;
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
  size_t ranges_to_drop = 0;
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
  // "$user" resolved, and the settings a plan depends on.
  types::FormatOptions format;
  std::vector<std::string> search_path;
  std::string plan_settings;
  // The catalog as regclass, pg_get_indexdef() and friends see it (format.catalog points
  // here): re-pointed at the statement's catalog version by UseCatalog().
  catalog::SessionCatalog session_catalog;
  Interrupt interrupt;
  uint64_t random_state = 0x2545F4914F6CDD1DULL;

  // Transaction state.
  std::unique_ptr<txn::Transaction> txn;
  bool explicit_block = false;  // BEGIN was seen
  bool failed = false;          // an error happened inside the block
  std::map<std::string, std::string> settings_at_begin;
  bool settings_saved = false;  // settings_at_begin belongs to the open transaction
  // SET LOCAL: the session-level value to restore at transaction end (nullopt = none).
  std::map<std::string, std::optional<std::string>> set_local_prev;
  std::vector<SavepointState> savepoints;
  // DDL: the transaction's private catalog version and the DDL lock it holds.
  std::shared_ptr<catalog::CatalogData> pending_catalog;
  std::unique_lock<std::timed_mutex> ddl_lock;
  // Key ranges to delete once the transaction that dropped/truncated them commits.
  std::vector<std::pair<std::string, std::string>> ranges_to_drop;
  std::set<catalog::Oid> forget_runtime;
  std::map<catalog::Oid, int64_t> currvals;
  // SQL-level PREPARE / EXECUTE.
  std::map<std::string, std::shared_ptr<PreparedImpl>> sql_prepared;
  // Portals suspended inside the open transaction.
  std::set<PortalImpl*> suspended_portals;
  // NoticeResponse messages waiting to be sent.
  std::vector<ErrorInfo> notices;

  explicit Impl(const common::Settings* server) : settings(server) {
    format.catalog = &session_catalog;
  }

  std::shared_ptr<const catalog::CatalogData> Catalog() const;
  // Points session_catalog at `data` with the session's database, user and search path.
  void UseCatalog(std::shared_ptr<const catalog::CatalogData> data);
  // Starts a transaction if none is open (an implicit one).
  Status EnsureTransaction();
  // Takes the DDL lock and a private copy of the catalog for this transaction.
  Result<catalog::CatalogData*> BeginDdl();
  Status CommitTransaction();
  void RollbackTransaction();
  void RefreshFormat();
  // Fills an execution context for a statement of this session.
  void FillContext(exec::ExecContext* ctx, const std::vector<types::Value>* params);
  planner::PlanContext MakePlanContext();
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
  // Plans (or re-plans, when the catalog changed) a plannable prepared statement.
  Status EnsurePlanned(PreparedImpl* p);
  // Computes the result columns of a statement (plannable or utility).
  Status Analyze(PreparedImpl* p);
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
  // The prepared statement EXECUTE runs (26000 when it does not exist).
  Result<std::shared_ptr<PreparedImpl>> FindSqlPrepared(const std::string& name);
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
