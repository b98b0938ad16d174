// SqlSession's statement lifecycle: prepare, plan caching, bind, run (with row limits and
// suspended portals) and statement-level atomicity.
#include <algorithm>

#include "parser/parse.h"
#include "server/instance.h"
#include "server/sql_session.h"
#include "server/sql_session_internal.h"
#include "storage/engine.h"

namespace zijin::server {

using parser::StmtKind;
using types::LogicalType;
using types::TypeId;

namespace {

Status AbortedBlockError() {
  return Status::Error(sqlstate::kInFailedSqlTransaction,
                       "current transaction is aborted, commands ignored until end of "
                       "transaction block");
}

// What PostgreSQL calls the statement in "cannot execute %s in a read-only transaction".
const char* CommandName(const parser::Statement& stmt) {
  switch (stmt.kind) {
    case StmtKind::kInsert: return "INSERT";
    case StmtKind::kUpdate: return "UPDATE";
    case StmtKind::kDelete: return "DELETE";
    case StmtKind::kSelect: return "SELECT";
    case StmtKind::kCreateTable: return "CREATE TABLE";
    case StmtKind::kCreateIndex: return "CREATE INDEX";
    case StmtKind::kCreateSequence: return "CREATE SEQUENCE";
    case StmtKind::kCreateView: return "CREATE VIEW";
    case StmtKind::kCreateSchema: return "CREATE SCHEMA";
    case StmtKind::kCreateDatabase: return "CREATE DATABASE";
    case StmtKind::kAlterTable: return "ALTER TABLE";
    case StmtKind::kTruncate: return "TRUNCATE TABLE";
    case StmtKind::kCopy: return "COPY FROM";
    case StmtKind::kLock: return "LOCK TABLE";
    default: break;
  }
  if (stmt.kind == StmtKind::kDrop) {
    switch (static_cast<const parser::DropStatement&>(stmt).object) {
      case parser::DropStatement::Object::kTable: return "DROP TABLE";
      case parser::DropStatement::Object::kIndex: return "DROP INDEX";
      case parser::DropStatement::Object::kView: return "DROP VIEW";
      case parser::DropStatement::Object::kSequence: return "DROP SEQUENCE";
      case parser::DropStatement::Object::kSchema: return "DROP SCHEMA";
      case parser::DropStatement::Object::kDatabase: return "DROP DATABASE";
    }
  }
  return "this statement";
}

Status ReadOnlyError(const char* what) {
  return Status::Error(sqlstate::kReadOnlySqlTransaction,
                       std::string("cannot execute ") + what + " in a read-only transaction");
}

// Statements PostgreSQL refuses inside a transaction block (PreventInTransactionBlock).
const char* NotInBlockName(const parser::Statement& stmt) {
  if (stmt.kind == StmtKind::kCreateDatabase) return "CREATE DATABASE";
  if (stmt.kind == StmtKind::kDrop &&
      static_cast<const parser::DropStatement&>(stmt).object ==
          parser::DropStatement::Object::kDatabase) {
    return "DROP DATABASE";
  }
  if (stmt.kind == StmtKind::kDiscard &&
      static_cast<const parser::DiscardStatement&>(stmt).what ==
          parser::DiscardStatement::What::kAll) {
    return "DISCARD ALL";
  }
  if (stmt.kind == StmtKind::kNoOp &&
      static_cast<const parser::NoOpStatement&>(stmt).tag == "VACUUM") {
    return "VACUUM";
  }
  return nullptr;
}

// Queries and DML: what the planner plans. COPY, EXPLAIN and the rest are run by the session.
bool Plannable(const parser::Statement& stmt) {
  return stmt.kind == StmtKind::kSelect || stmt.kind == StmtKind::kInsert ||
         stmt.kind == StmtKind::kUpdate || stmt.kind == StmtKind::kDelete;
}

bool SameColumns(const std::vector<exec::ResultColumn>& a,
                 const std::vector<exec::ResultColumn>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].type.id != b[i].type.id) return false;
  }
  return true;
}

}  // namespace

bool IsTransactionExit(const parser::Statement& stmt) {
  if (stmt.kind != StmtKind::kTransaction) return false;
  auto op = static_cast<const parser::TransactionStatement&>(stmt).op;
  using Op = parser::TransactionStatement::Op;
  return op == Op::kCommit || op == Op::kRollback || op == Op::kRollbackTo;
}

std::string PlanTag(const planner::PlannedStatement& plan, uint64_t rows) {
  using Kind = planner::PlannedStatement::Kind;
  switch (plan.kind) {
    case Kind::kInsert: return "INSERT 0 " + std::to_string(rows);
    case Kind::kUpdate: return "UPDATE " + std::to_string(rows);
    case Kind::kDelete: return "DELETE " + std::to_string(rows);
    case Kind::kSelect: break;
  }
  return "SELECT " + std::to_string(rows);
}

std::vector<exec::ResultColumn> UtilityColumns(const parser::Statement& stmt,
                                               const common::SessionSettings& settings) {
  std::vector<exec::ResultColumn> cols;
  auto text_col = [&](std::string name) {
    exec::ResultColumn c;
    c.name = std::move(name);
    c.type = LogicalType(TypeId::kText);
    cols.push_back(std::move(c));
  };
  if (stmt.kind == StmtKind::kShow) {
    const std::string& name = static_cast<const parser::ShowStatement&>(stmt).name;
    if (name == "all") {
      text_col("name");
      text_col("setting");
      text_col("description");
    } else {
      const common::SettingDef* def = settings.server()->Find(name);
      text_col(def != nullptr ? def->name : name);
    }
  } else if (stmt.kind == StmtKind::kExplain) {
    text_col("QUERY PLAN");
  }
  return cols;
}

Status SqlSession::Impl::EnsurePlanned(PreparedImpl* p, std::vector<planner::RelationUse>* seen) {
  // Inside a DDL transaction the private catalog changes in place: always re-plan there.
  if (p->plan && !pending_catalog && p->plan_version == instance->catalog()->version() &&
      p->plan_settings == plan_settings && p->plan_epoch == plan_epoch) {
    return Status::OK();
  }
  std::vector<LogicalType> types = p->param_types;
  uint64_t version = 0;
  planner::PlanContext pc = MakePlanContext(&version);
  pc.param_types = &types;
  pc.params_allowed = p->params_allowed;
  pc.relations_seen = seen;
  ZJ_ASSIGN_OR_RETURN(std::shared_ptr<const planner::PlannedStatement> plan,
                      planner::PlanStatement(*p->stmt, pc));
  for (auto& t : types) {
    if (t.id == TypeId::kUnknown) t = LogicalType(TypeId::kText);
  }
  if (p->analyzed) {
    // A re-plan after a catalog change: what the client was told must still hold.
    if (!SameColumns(p->columns, plan->columns)) {
      return Status::NotSupported("cached plan must not change result type");
    }
    if (types.size() != p->param_types.size()) {
      return Status::NotSupported("cached plan must not change parameter types");
    }
  }
  p->param_types = std::move(types);
  p->param_types_given.resize(p->param_types.size(), false);
  p->columns = plan->columns;
  p->returns_rows = plan->kind == planner::PlannedStatement::Kind::kSelect || !p->columns.empty();
  p->plan = std::move(plan);
  p->plan_version = version;
  p->plan_settings = plan_settings;
  p->plan_epoch = plan_epoch;
  p->analyzed = true;
  return Status::OK();
}

// How often a statement is planned again because DDL committed while it waited for its locks
// before giving up (each round waits for another transaction's DDL, so this is never reached in
// practice).
constexpr int kMaxReplans = 100;

Status ReplanLimit() {
  return Status::Error(sqlstate::kSerializationFailure,
                       "could not serialize access due to concurrent DDL");
}

Status SqlSession::Impl::EnsurePlannedAndLocked(PreparedImpl* p) {
  // A statement planned for the first time here told the client nothing yet: planning it again
  // after a wait may change its columns.
  const bool described = p->analyzed;
  for (int attempt = 0; attempt < kMaxReplans; ++attempt) {
    if (!described) p->analyzed = false;
    ZJ_RETURN_IF_ERROR(RebaseCatalog());
    uint64_t before = instance->catalog()->version();
    std::vector<planner::RelationUse> seen;
    Status st = EnsurePlanned(p, &seen);
    if (!st.ok()) {
      // Binding may have failed on a table that DDL is changing (a column it adds): lock what
      // the statement named and look again once that DDL is through, as PostgreSQL, which
      // locks while it binds, would see the new definition.
      ZJ_RETURN_IF_ERROR(LockRelationUses(seen));
      if (CatalogMovedSince(before)) continue;
      return st;
    }
    ZJ_RETURN_IF_ERROR(LockPlanRelations(*p->plan));
    // Holding the locks, the plan is good unless DDL was published after it was made: that DDL
    // may have changed or dropped a table we just locked (we may have waited for it).
    if (!CatalogMovedSince(p->plan_version)) return Status::OK();
  }
  return ReplanLimit();
}

Result<std::shared_ptr<const planner::PlannedStatement>> SqlSession::Impl::PlanLocked(
    const parser::Statement& stmt, std::vector<LogicalType>* param_types) {
  std::vector<LogicalType> given = param_types != nullptr ? *param_types : std::vector<LogicalType>();
  for (int attempt = 0; attempt < kMaxReplans; ++attempt) {
    ZJ_RETURN_IF_ERROR(RebaseCatalog());
    uint64_t version = 0;
    planner::PlanContext pc = MakePlanContext(&version);
    std::vector<LogicalType> types = given;
    pc.param_types = &types;
    std::vector<planner::RelationUse> seen;
    pc.relations_seen = &seen;
    auto planned = planner::PlanStatement(stmt, pc);
    if (!planned.ok()) {
      ZJ_RETURN_IF_ERROR(LockRelationUses(seen));  // see EnsurePlannedAndLocked
      if (CatalogMovedSince(version)) continue;
      return std::move(planned).status();
    }
    std::shared_ptr<const planner::PlannedStatement> plan = std::move(*planned);
    ZJ_RETURN_IF_ERROR(LockPlanRelations(*plan));
    if (!CatalogMovedSince(version)) {
      if (param_types != nullptr) *param_types = std::move(types);
      return plan;
    }
  }
  return ReplanLimit();
}

Status SqlSession::Impl::Analyze(PreparedImpl* p) {
  if (!p->stmt) {
    p->analyzed = true;
    return Status::OK();
  }
  const parser::Statement& stmt = *p->stmt;
  if (Plannable(stmt)) return EnsurePlanned(p);
  if (stmt.kind == StmtKind::kExecute) {
    ZJ_ASSIGN_OR_RETURN(auto target,
                        FindSqlPrepared(static_cast<const parser::ExecuteStatement&>(stmt).name));
    ZJ_RETURN_IF_ERROR(EnsurePlanned(target.get()));
    p->columns = target->columns;
    p->returns_rows = target->returns_rows;
  } else if (stmt.kind == StmtKind::kFetch) {
    ZJ_RETURN_IF_ERROR(AnalyzeFetch(p));
  } else {
    p->columns = UtilityColumns(stmt, settings);
    p->returns_rows = !p->columns.empty();
  }
  for (auto& t : p->param_types) {
    if (t.id == TypeId::kUnknown) t = LogicalType(TypeId::kText);
  }
  p->analyzed = true;
  return Status::OK();
}

Result<std::vector<std::unique_ptr<Prepared>>> SqlSession::PrepareAll(std::string_view sql) {
  ZJ_ASSIGN_OR_RETURN(std::vector<parser::ParsedStatement> parsed, parser::ParseSql(sql));
  std::vector<std::unique_ptr<Prepared>> out;
  out.reserve(parsed.size());
  for (auto& ps : parsed) {
    auto impl = std::make_shared<PreparedImpl>();
    size_t begin = std::min(static_cast<size_t>(std::max(ps.begin, 0)), sql.size());
    size_t end = std::min(static_cast<size_t>(std::max(ps.end, ps.begin)), sql.size());
    impl->text = std::string(sql.substr(begin, end - begin));
    impl->text_offset = static_cast<int>(begin);
    impl->stmt = std::shared_ptr<const parser::Statement>(std::move(ps.stmt));
    impl->params_allowed = false;
    // Planned at Bind: an earlier statement of the same string may create what it uses.
    auto prepared = std::make_unique<Prepared>();
    prepared->impl = std::move(impl);
    out.push_back(std::move(prepared));
  }
  return out;
}

Result<std::unique_ptr<Prepared>> SqlSession::PrepareOne(std::string_view sql,
                                                         const std::vector<uint32_t>& param_oids) {
  ZJ_ASSIGN_OR_RETURN(std::vector<parser::ParsedStatement> parsed, parser::ParseSql(sql));
  if (parsed.size() > 1) {
    return Status::Error(sqlstate::kSyntaxError,
                         "cannot insert multiple commands into a prepared statement");
  }
  auto impl = std::make_shared<PreparedImpl>();
  impl->text = std::string(sql);
  for (uint32_t oid : param_oids) {
    LogicalType t = oid == 0 ? LogicalType() : types::TypeFromPgOid(oid);
    impl->param_types.push_back(t);
    impl->param_types_given.push_back(t.id != TypeId::kUnknown);
  }
  if (!parsed.empty()) {
    impl->stmt = std::shared_ptr<const parser::Statement>(std::move(parsed[0].stmt));
    if (impl_->failed && !IsTransactionExit(*impl->stmt)) return AbortedBlockError();
  }
  if (impl->stmt && Plannable(*impl->stmt)) {
    // Parse plans in the implicit transaction that Sync ends, with the table locks, as
    // PostgreSQL's Parse does: a Describe that follows reports what a wait made of the tables.
    ZJ_RETURN_IF_ERROR(impl_->BeginLocking());
    ZJ_RETURN_IF_ERROR(impl_->EnsurePlannedAndLocked(impl.get()));
  } else {
    ZJ_RETURN_IF_ERROR(impl_->Analyze(impl.get()));
  }
  auto prepared = std::make_unique<Prepared>();
  prepared->impl = std::move(impl);
  return prepared;
}

Result<std::unique_ptr<Portal>> SqlSession::Bind(const Prepared& prepared,
                                                 std::vector<types::Value> params) {
  Impl& s = *impl_;
  PreparedImpl* p = prepared.impl.get();
  if (p->stmt && s.failed && !IsTransactionExit(*p->stmt)) return AbortedBlockError();
  if (params.size() != p->param_types.size()) {
    return Status::Error(sqlstate::kProtocolViolation,
                         "bind message supplies " + std::to_string(params.size()) +
                             " parameters, but prepared statement \"\" requires " +
                             std::to_string(p->param_types.size()));
  }
  if (p->stmt) {
    const parser::Statement& stmt = *p->stmt;
    if (Plannable(stmt)) {
      // Planning locks the tables, in the transaction the statement will run in (PostgreSQL
      // too locks while it analyzes): a statement that waits behind DDL is planned for what
      // the DDL made, and describes its rows accordingly.
      ZJ_RETURN_IF_ERROR(s.BeginLocking());
      ZJ_RETURN_IF_ERROR(s.EnsurePlannedAndLocked(p));
    } else if (!p->analyzed || stmt.kind == StmtKind::kExecute || stmt.kind == StmtKind::kFetch) {
      ZJ_RETURN_IF_ERROR(s.Analyze(p));
    }
  }
  auto portal = std::make_unique<Portal>();
  portal->impl = std::make_unique<PortalImpl>();
  portal->impl->prepared = prepared.impl;
  portal->impl->plan = p->plan;
  portal->impl->params = std::move(params);
  return portal;
}

Result<RunResult> SqlSession::Impl::Fetch(PortalImpl* p, int64_t max_rows, exec::RowSink* sink) {
  exec::Row row;
  int64_t n = 0;
  bool done = false;
  while (max_rows == 0 || n < max_rows) {
    ZJ_ASSIGN_OR_RETURN(bool has, p->op->Next(&row));
    if (!has) {
      done = true;
      break;
    }
    ZJ_RETURN_IF_ERROR(sink->Row(row));
    ++n;
    if ((++p->rows & 1023) == 0) ZJ_RETURN_IF_ERROR(p->ctx->CheckCancel());
  }
  RunResult r;
  if (!done) {
    // PostgreSQL does not look ahead: reaching the limit suspends the portal.
    if (p->owner == nullptr) {
      p->owner = this;
      suspended_portals.insert(p);
    }
    r.suspended = true;
    return r;
  }
  uint64_t count = p->plan->kind == planner::PlannedStatement::Kind::kSelect
                       ? p->rows
                       : p->op->affected();
  r.tag = PlanTag(*p->plan, count);
  p->op.reset();
  p->ctx.reset();
  p->view.reset();
  if (p->owner != nullptr) {
    suspended_portals.erase(p);
    p->owner = nullptr;
  }
  return r;
}

Result<RunResult> SqlSession::Impl::RunPlanned(PortalImpl* p, int64_t max_rows,
                                               exec::RowSink* sink, exec::CopyChannel* copy) {
  const planner::PlannedStatement& plan = *p->plan;
  if (plan.writes && txn->read_only()) return ReadOnlyError(CommandName(*p->prepared->stmt));
  // A portal run with a row limit may outlive this statement's snapshot.
  ZJ_RETURN_IF_ERROR(StartPortal(p, max_rows > 0 && !plan.writes, copy));
  return Fetch(p, max_rows, sink);
}

Status SqlSession::Impl::StartPortal(PortalImpl* p, bool own_view, exec::CopyChannel* copy) {
  p->ctx = std::make_unique<exec::ExecContext>();
  FillContext(p->ctx.get(), &p->params);
  p->ctx->copy = copy;
  if (own_view && txn->isolation() == txn::Isolation::kReadCommitted) {
    p->view = instance->engine()->NewReadView();
    p->ctx->view = p->view.get();
  }
  ZJ_ASSIGN_OR_RETURN(p->op, exec::BuildOperator(*p->plan->root, p->ctx.get()));
  p->started = true;
  return p->op->Open();
}

Result<RunResult> SqlSession::Run(Portal* portal, int64_t max_rows, exec::RowSink* sink,
                                  exec::CopyChannel* copy) {
  Impl& s = *impl_;
  PortalImpl& p = *portal->impl;
  if (!p.prepared->stmt) {
    RunResult r;
    r.empty = true;
    return r;
  }
  const parser::Statement& stmt = *p.prepared->stmt;
  if (s.failed && !IsTransactionExit(stmt)) return AbortedBlockError();
  if (p.dead) {
    // Its transaction ended while it was suspended; the protocol loop names the portal.
    return Status::Error(sqlstate::kInvalidCursorName, "portal does not exist");
  }
  if (p.started && p.op) return s.Fetch(&p, max_rows, sink);
  if (p.finished) {
    // A portal run to completion has nothing more to give.
    RunResult r;
    r.tag = p.plan ? PlanTag(*p.plan, 0) : p.tag;
    return r;
  }
  if (stmt.kind == StmtKind::kTransaction) {
    // Transaction control manipulates the savepoint stack itself: no statement wrapper.
    ZJ_ASSIGN_OR_RETURN(RunResult r, s.RunTransactionStmt(stmt));
    p.finished = true;
    p.tag = r.tag;
    return r;
  }
  if (const char* what = NotInBlockName(stmt); what != nullptr && s.explicit_block) {
    return Status::Error(sqlstate::kActiveSqlTransaction,
                         std::string(what) + " cannot run inside a transaction block");
  }
  // statement_timeout runs from here; lock_timeout applies to each lock wait.
  ZJ_RETURN_IF_ERROR(s.BeginLocking());
  s.txn->kv()->SetLockTimeout(s.lock_timeout_ms > 0 ? s.lock_timeout_ms : -1);
  s.txn->BeginStatement();
  Result<RunResult> r = [&]() -> Result<RunResult> {
    if (Plannable(stmt)) {
      if (!p.plan) return Status::Internal("portal without a plan");
      // The table locks, taken at every run: a cached plan is checked against DDL that
      // committed since it was made, and made again if needed.
      ZJ_RETURN_IF_ERROR(s.EnsurePlannedAndLocked(p.prepared.get()));
      p.plan = p.prepared->plan;
      return s.RunPlanned(&p, max_rows, sink, copy);
    }
    if (IsDdl(stmt)) {
      if (s.txn->read_only()) return ReadOnlyError(CommandName(stmt));
      return RunDdl(&s, stmt);
    }
    return s.RunUtility(stmt, sink, copy, &p);
  }();
  if (!r.ok()) {
    if (s.txn) (void)s.txn->EndStatement(false);
    // A half-run portal cannot be resumed after its statement failed.
    p.op.reset();
    p.ctx.reset();
    p.view.reset();
    p.finished = true;
    return r;
  }
  if (s.txn) ZJ_RETURN_IF_ERROR(s.txn->EndStatement(true));
  if (!r->suspended) {
    p.finished = true;
    p.tag = r->tag;
  }
  return r;
}

bool SqlSession::IsCopyIn(const Portal& portal) const {
  const auto& stmt = portal.impl->prepared->stmt;
  return stmt && stmt->kind == StmtKind::kCopy &&
         static_cast<const parser::CopyStatement&>(*stmt).from;
}

bool SqlSession::IsCopyOut(const Portal& portal) const {
  const auto& stmt = portal.impl->prepared->stmt;
  return stmt && stmt->kind == StmtKind::kCopy &&
         !static_cast<const parser::CopyStatement&>(*stmt).from;
}

}  // namespace zijin::server
