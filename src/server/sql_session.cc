// SqlSession: statement preparation, binding, execution and the transaction state machine.
#include "server/sql_session.h"

#include <cctype>
#include <cstring>

#include "catalog/system_views.h"
#include "common/logging.h"
#include "exec/functions/function_registry.h"
#include "parser/parse.h"
#include "server/instance.h"
#include "server/sql_session_internal.h"
#include "storage/engine.h"

namespace zijin::server {
namespace {

// pg_proc's rows: the function library's overloads that PostgreSQL 15 also has (those with a
// pg_proc OID), built once.
const std::vector<catalog::ProcInfo>& BuiltinProcs() {
  static const std::vector<catalog::ProcInfo> kProcs = [] {
    std::vector<catalog::ProcInfo> out;
    std::set<uint32_t> seen;
    for (const exec::ScalarFunction& f : exec::AllScalarFunctions()) {
      if (f.oid == 0 || !seen.insert(f.oid).second) continue;
      exec::ProcSignature sig = exec::SignatureOf(f);
      catalog::ProcInfo p;
      p.oid = f.oid;
      p.name = f.name;
      p.volatility = f.volatility == exec::Volatility::kImmutable ? 'i'
                     : f.volatility == exec::Volatility::kStable  ? 's'
                                                                  : 'v';
      p.strict = f.strict;
      p.variadic = sig.variadic;
      p.result = sig.result;
      p.args = sig.args;
      p.arg_names = f.arg_names;
      p.ndefaults = static_cast<int>(f.defaults.size());
      out.push_back(std::move(p));
    }
    for (const exec::AggregateFunction& f : exec::AllAggregateFunctions()) {
      if (f.oid == 0 || !seen.insert(f.oid).second) continue;
      exec::ProcSignature sig = exec::SignatureOf(f);
      catalog::ProcInfo p;
      p.oid = f.oid;
      p.name = f.name;
      p.kind = 'a';
      p.strict = false;
      p.result = sig.result;
      p.args = sig.args;
      out.push_back(std::move(p));
    }
    return out;
  }();
  return kProcs;
}

}  // namespace

using types::LogicalType;
using types::Value;

Prepared::~Prepared() = default;
const std::vector<types::LogicalType>& Prepared::param_types() const { return impl->param_types; }
const std::vector<planner::ResultColumn>& Prepared::columns() const { return impl->columns; }
bool Prepared::returns_rows() const { return impl->returns_rows; }
const std::string& Prepared::text() const { return impl->text; }

Portal::~Portal() = default;

PortalImpl::~PortalImpl() {
  // Operators first: they may hold iterators over the portal's snapshot.
  op.reset();
  ctx.reset();
  view.reset();
  if (owner != nullptr) owner->suspended_portals.erase(this);
}
const std::vector<planner::ResultColumn>& Portal::columns() const {
  return impl->prepared->columns;
}
bool Portal::returns_rows() const { return impl->prepared->returns_rows; }

std::shared_ptr<const catalog::CatalogData> SqlSession::Impl::Catalog(uint64_t* version) const {
  if (pending_catalog) {
    if (version != nullptr) *version = 0;
    return pending_catalog;
  }
  if (version != nullptr) return instance->catalog()->Current(version);
  return instance->catalog()->Current();
}

void SqlSession::Impl::UseCatalog(std::shared_ptr<const catalog::CatalogData> data) {
  session_catalog.Reset(std::move(data), database_oid, user, search_path, instance->engine());
}

Status SqlSession::Impl::EnsureTransaction() {
  if (txn) return Status::OK();
  std::string iso = settings.Get("default_transaction_isolation");
  txn::Isolation level = iso == "read committed" || iso == "read uncommitted"
                             ? txn::Isolation::kReadCommitted
                             : (iso == "serializable" ? txn::Isolation::kSerializable
                                                      : txn::Isolation::kRepeatableRead);
  txn = std::make_unique<txn::Transaction>(instance->engine(), level,
                                           settings.Get("default_transaction_read_only") == "on",
                                           lock_timeout_setting_ms);
  // Called while a row-lock wait lasts: a table-lock wait behind this transaction learns that
  // it may be part of a deadlock no detector sees.
  txn->kv()->SetInterruptCheck([this] {
    locks->NoteRowLockWait();
    return interrupt.Check();
  });
  settings_at_begin = settings.Save();
  settings_saved = true;
  return Status::OK();
}

Result<catalog::CatalogData*> SqlSession::Impl::BeginDdl() {
  ZJ_RETURN_IF_ERROR(EnsureTransaction());
  if (!pending_catalog) {
    // No server-wide DDL lock: each statement locks the objects it changes (table locks, and
    // name locks for what it creates), and commit merges the changes per object.
    pending_base = instance->catalog()->Current(&pending_base_version);
    pending_catalog = std::make_shared<catalog::CatalogData>(*pending_base);
    return pending_catalog.get();
  }
  ZJ_RETURN_IF_ERROR(RebaseCatalog());
  return pending_catalog.get();
}

Status SqlSession::Impl::RebaseCatalog() {
  if (!pending_catalog || instance->catalog()->version() == pending_base_version) {
    return Status::OK();
  }
  uint64_t version = 0;
  std::shared_ptr<const catalog::CatalogData> current = instance->catalog()->Current(&version);
  ZJ_ASSIGN_OR_RETURN(pending_catalog,
                      catalog::MergeCatalog(*pending_base, *pending_catalog, *current));
  pending_base = std::move(current);
  pending_base_version = version;
  return Status::OK();
}

bool SqlSession::Impl::CatalogMovedSince(uint64_t plan_version) const {
  uint64_t seen = pending_catalog ? pending_base_version : plan_version;
  return instance->catalog()->version() != seen;
}

Status SqlSession::Impl::LockObject(const txn::LockTag& tag, txn::LockMode mode, bool nowait) {
  if (locks->Holds(tag, mode)) return Status::OK();
  txn::LockWaitPolicy policy;
  policy.nowait = nowait;
  policy.timeout_ms = lock_timeout_ms;
  policy.interrupt = &interrupt;
  return locks->Lock(tag, mode, policy);
}

Status SqlSession::Impl::LockRelation(catalog::Oid oid, txn::LockMode mode, bool nowait) {
  return LockObject(txn::LockTag::Relation(database_oid, oid), mode, nowait);
}

Status SqlSession::Impl::LockPlanRelations(const planner::PlannedStatement& plan) {
  return LockRelationUses(plan.relations);
}

Status SqlSession::Impl::BeginLocking() {
  interrupt.SetTimeout(statement_timeout_setting_ms);
  ZJ_RETURN_IF_ERROR(EnsureTransaction());
  lock_timeout_ms = lock_timeout_setting_ms;
  return Status::OK();
}

Status SqlSession::Impl::LockRelationUses(const std::vector<planner::RelationUse>& uses) {
  using Kind = planner::RelationUse::Kind;
  for (const auto& r : uses) {
    txn::LockMode mode = r.kind == Kind::kWrite      ? txn::LockMode::kRowExclusive
                         : r.kind == Kind::kLockRows ? txn::LockMode::kRowShare
                                                     : txn::LockMode::kAccessShare;
    ZJ_RETURN_IF_ERROR(LockRelation(r.oid, mode));
  }
  return Status::OK();
}

void SqlSession::Impl::EndTransactionCommon() {
  // Suspended portals die with their transaction (PostgreSQL's portals are not holdable).
  for (PortalImpl* p : suspended_portals) {
    p->op.reset();
    p->ctx.reset();
    p->view.reset();
    p->dead = true;
    p->owner = nullptr;
  }
  suspended_portals.clear();
  cursors.clear();
  savepoints.clear();
}

Status SqlSession::Impl::CommitTransaction() {
  EndTransactionCommon();
  // Read before SET LOCAL is undone: SET LOCAL synchronous_commit = off is meant for this commit.
  bool sync = settings.Get("synchronous_commit") != "off";
  Status st;
  // DDL publishes its catalog version at commit, merged with what other transactions published
  // since it began. The merge, the commit and the publication happen under one mutex, so two
  // DDL commits never merge into the same version and lose each other's changes.
  std::unique_lock<std::mutex> publishing;
  std::shared_ptr<const catalog::CatalogData> to_publish;
  if (txn && pending_catalog) {
    publishing = std::unique_lock<std::mutex>(instance->catalog()->publish_mutex());
    uint64_t version = 0;
    std::shared_ptr<const catalog::CatalogData> current = instance->catalog()->Current(&version);
    if (version == pending_base_version) {
      to_publish = pending_catalog;
    } else {
      auto merged = catalog::MergeCatalog(*pending_base, *pending_catalog, *current);
      if (merged.ok()) {
        to_publish = std::move(*merged);
      } else {
        st = std::move(merged).status();
      }
    }
  }
  if (txn) {
    if (st.ok()) {
      st = txn->Commit(sync);
    } else {
      (void)txn->Rollback();
    }
    txn.reset();
  }
  if (!st.ok() && settings_saved) {
    // The transaction is gone: so are its SETs.
    settings.Restore(settings_at_begin);
  } else if (!set_local_prev.empty()) {
    // SET LOCAL lasts until the end of the transaction.
    auto saved = settings.Save();
    for (auto& [name, prev] : set_local_prev) {
      if (prev) {
        saved[name] = *prev;
      } else {
        saved.erase(name);
      }
    }
    settings.Restore(std::move(saved));
  }
  if (!st.ok() || !set_local_prev.empty()) RefreshFormat();
  set_local_prev.clear();
  settings_saved = false;
  if (st.ok() && to_publish) instance->catalog()->Publish(std::move(to_publish));
  if (publishing.owns_lock()) publishing.unlock();
  if (st.ok()) {
    for (auto& [lo, hi] : ranges_to_drop) {
      Status d = instance->engine()->DeleteRange(lo, hi);
      if (!d.ok()) log::Warning("could not remove dropped data: " + d.ToString());
    }
    for (catalog::Oid oid : forget_runtime) instance->catalog()->ForgetRuntimeState(oid);
  }
  ranges_to_drop.clear();
  forget_runtime.clear();
  pending_catalog.reset();
  pending_base.reset();
  // Table locks go last: whoever waited for them sees the published catalog.
  locks->ReleaseAll();
  explicit_block = false;
  failed = false;
  return st;
}

void SqlSession::Impl::ReleaseTransaction() {
  EndTransactionCommon();
  if (txn) (void)txn->Rollback();
  txn.reset();
  pending_catalog.reset();
  pending_base.reset();
  locks->ReleaseAll();
  ranges_to_drop.clear();
  forget_runtime.clear();
}

void SqlSession::Impl::RollbackTransaction() {
  ReleaseTransaction();
  set_local_prev.clear();
  explicit_block = false;
  failed = false;
  // SET inside a rolled-back transaction is undone, as in PostgreSQL.
  if (settings_saved && settings.Save() != settings_at_begin) {
    settings.Restore(settings_at_begin);
    RefreshFormat();
  }
  settings_saved = false;
}

Status SqlSession::Impl::SetSetting(std::string_view name, std::string_view value) {
  return settings.Set(name, value);
}

Status SqlSession::Impl::ApplySet(std::string_view name, std::optional<std::string_view> value,
                                  bool local) {
  const common::SettingDef* def = settings.server()->Find(name);
  // The key Save() uses for the setting: custom names are kept lower-cased.
  std::string key;
  if (def != nullptr) {
    key = def->name;
  } else {
    for (char c : name) {
      key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  std::optional<std::string> before;
  {
    auto saved = settings.Save();
    auto it = saved.find(key);
    if (it != saved.end()) before = it->second;
  }
  if (value) {
    ZJ_RETURN_IF_ERROR(settings.Set(name, *value));
  } else {
    // RESET goes back to the session's own default (start-up options included).
    auto it = def != nullptr ? session_defaults.find(def->name) : session_defaults.end();
    if (it != session_defaults.end()) {
      ZJ_RETURN_IF_ERROR(settings.Set(def->name, it->second));
    } else {
      ZJ_RETURN_IF_ERROR(settings.Reset(name));
    }
  }
  if (local) {
    // The value to go back to when the transaction ends: the one before the first SET LOCAL.
    set_local_prev.emplace(key, std::move(before));
  } else {
    set_local_prev.erase(key);
  }
  RefreshFormat();
  return Status::OK();
}

void SqlSession::Impl::Notice(const char* severity, std::string_view code,
                              std::string message) {
  static const char* kLevels[] = {"debug5", "debug4", "debug3", "debug2", "debug1",
                                  "log",    "notice", "warning", "error"};
  auto level = [](std::string_view s) {
    std::string l;
    for (char c : s) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (l == "info") return 6;  // INFO always goes to the client
    for (int i = 0; i < 9; ++i) {
      if (l == kLevels[i]) return i;
    }
    return 6;
  };
  std::string l(severity);
  if (l != "INFO" && level(severity) < level(settings.Get("client_min_messages"))) return;
  ErrorInfo e;
  e.severity = severity;
  e.sqlstate = std::string(code);
  e.message = std::move(message);
  notices.push_back(std::move(e));
}

void SqlSession::Impl::RefreshFormat() {
  format.time_zone = settings.Get("TimeZone");
  format.extra_float_digits = std::atoi(settings.Get("extra_float_digits").c_str());
  std::string datestyle = settings.Get("DateStyle");
  // Stored as "ISO, <order>" (the DateStyle check's canonical form).
  std::string order = datestyle.size() >= 3 ? datestyle.substr(datestyle.size() - 3) : "";
  format.date_order = order == "DMY"   ? types::DateOrder::kDMY
                      : order == "YMD" ? types::DateOrder::kYMD
                                       : types::DateOrder::kMDY;
  std::string path = settings.Get("search_path");
  search_path.clear();
  // Stored values passed the list check; "$user" stands for the session user's schema.
  (void)common::SplitIdentifierList(path, ',', &search_path);
  for (auto& name : search_path) {
    if (name == "$user") name = user;
  }
  plan_settings = path + '\n' + datestyle + '\n' + format.time_zone + '\n' +
                  settings.Get("enable_seqscan") + settings.Get("enable_indexscan");
  // Read at every statement: parsed here, once per change (every SET ends up here).
  statement_timeout_setting_ms = std::atoll(settings.Get("statement_timeout").c_str());
  lock_timeout_setting_ms = std::atoll(settings.Get("lock_timeout").c_str());
}

std::string SqlSession::Impl::CurrentSchema(const catalog::CatalogData& data) const {
  for (const auto& name : search_path) {
    if (data.FindSchema(database_oid, name) != nullptr) return name;
  }
  return "";
}

planner::PlanContext SqlSession::Impl::MakePlanContext(uint64_t* catalog_version) {
  planner::PlanContext pc;
  pc.catalog = Catalog(catalog_version);
  UseCatalog(pc.catalog);
  pc.database = database_oid;
  pc.user = user;
  pc.search_path = search_path;
  pc.format = format;
  pc.enable_seqscan = settings.Get("enable_seqscan") == "on";
  pc.enable_indexscan = settings.Get("enable_indexscan") == "on";
  return pc;
}

void SqlSession::Impl::FillContext(exec::ExecContext* ctx,
                                   const std::vector<types::Value>* params) {
  ctx->txn = txn->kv();
  ctx->view = txn->view();
  ctx->catalog = instance->catalog();
  ctx->catalog_data = Catalog();
  ctx->params = params;
  ctx->interrupt = &interrupt;
  ctx->fn.backend_pid = backend_pid;
  ctx->fn.format = &format;
  ctx->fn.statement_timestamp_us = txn::NowMicros();
  ctx->fn.transaction_timestamp_us = txn->start_time_us();
  ctx->fn.random_state = &random_state;
  ctx->fn.current_user = user;
  ctx->fn.current_database = database;
  ctx->fn.current_schema = CurrentSchema(*ctx->catalog_data);
  ctx->fn.settings = this;
  ctx->fn.catalog = &session_catalog;
  UseCatalog(ctx->catalog_data);
  ctx->repeatable_read = txn->isolation() != txn::Isolation::kReadCommitted;
  auto data = ctx->catalog_data;
  Impl* self = this;
  ctx->system_view = [self, data](const std::string& name, std::vector<exec::Row>* rows) {
    size_t dot = name.find('.');
    const catalog::SystemView* v = catalog::FindSystemView(
        dot == std::string::npos ? "" : name.substr(0, dot),
        dot == std::string::npos ? name : name.substr(dot + 1));
    if (v == nullptr) return Status::Internal("unknown system view " + name);
    catalog::SystemViewContext sc;
    sc.catalog = data.get();
    sc.database = self->database_oid;
    sc.database_name = self->database;
    sc.user = self->user;
    sc.settings = &self->settings;
    sc.procs = &BuiltinProcs();
    std::vector<catalog::LockRow> locks;
    if (std::string_view(v->name) == "pg_locks") {
      locks = self->LockRows();
      sc.locks = &locks;
    }
    return catalog::GenerateSystemView(*v, sc, rows);
  };
  // Foreign keys plan their statements against the statement's catalog version.
  ctx->plan_sql = [self, data](const std::string& sql, const std::vector<LogicalType>& types)
      -> Result<std::shared_ptr<const planner::PlannedStatement>> {
    ZJ_ASSIGN_OR_RETURN(auto parsed, parser::ParseSql(sql));
    if (parsed.size() != 1) return Status::Internal("expected one statement: " + sql);
    planner::PlanContext pc = self->MakePlanContext();
    pc.catalog = data;
    self->UseCatalog(data);
    std::vector<LogicalType> param_types = types;
    pc.param_types = &param_types;
    return planner::PlanStatement(*parsed[0].stmt, pc);
  };
  ctx->note_nextval = [self](catalog::Oid seq, int64_t v) { self->currvals[seq] = v; };
  ctx->currval = [self, data](catalog::Oid seq) -> Result<int64_t> {
    auto it = self->currvals.find(seq);
    if (it == self->currvals.end()) {
      auto s = data->sequences.find(seq);
      std::string name = s == data->sequences.end() ? "?" : s->second.name;
      return Status::Error(sqlstate::kObjectNotInPrerequisiteState,
                           "currval of sequence \"" + name +
                               "\" is not yet defined in this session");
    }
    return it->second;
  };
}

SqlSession::SqlSession(Instance* instance, std::string user, std::string database)
    : impl_(std::make_unique<Impl>(instance->settings())) {
  impl_->instance = instance;
  impl_->user = std::move(user);
  impl_->database = std::move(database);
  impl_->locks = std::make_unique<txn::LockOwner>(instance->lock_manager(), 0);
}

void SqlSession::SetBackendPid(int32_t pid) {
  impl_->backend_pid = pid;
  impl_->locks->set_pid(pid);
}

std::vector<catalog::LockRow> SqlSession::Impl::LockRows() const {
  std::vector<catalog::LockRow> out;
  for (const txn::LockStatus& s : instance->lock_manager()->Snapshot()) {
    catalog::LockRow r;
    r.database = s.tag.database;
    switch (s.tag.type) {
      case txn::LockObject::kRelation:
        r.relation = static_cast<catalog::Oid>(s.tag.id);
        break;
      case txn::LockObject::kSchema:
        r.locktype = "object";
        r.classid = 2615;  // pg_namespace
        r.objid = static_cast<catalog::Oid>(s.tag.id);
        break;
      case txn::LockObject::kDatabase:
        r.locktype = "object";
        r.classid = 1262;  // pg_database
        r.database = 0;
        r.objid = static_cast<catalog::Oid>(s.tag.id);
        break;
      case txn::LockObject::kName:
        // A name being created: no OID yet, so the low bits of the name's hash stand in.
        r.locktype = "object";
        r.classid = 1259;  // pg_class
        r.objid = static_cast<catalog::Oid>(s.tag.id);
        break;
    }
    r.pid = s.pid;
    r.mode = txn::LockModeName(s.mode);
    r.granted = s.granted;
    r.wait_start_us = s.wait_start_us;
    out.push_back(r);
  }
  return out;
}

SqlSession::~SqlSession() { impl_->RollbackTransaction(); }

Status SqlSession::Init(const std::vector<std::pair<std::string, std::string>>& startup_options) {
  auto data = impl_->instance->catalog()->Current();
  const catalog::Database* db = data->FindDatabase(impl_->database);
  if (db == nullptr) {
    return Status::Error(sqlstate::kInvalidCatalogName,
                         "database \"" + impl_->database + "\" does not exist");
  }
  impl_->database_oid = db->oid;
  for (const auto& [name, value] : startup_options) {
    if (name == "options") {
      // "-c name=value" pairs (also "--name=value"), as libpq's PGOPTIONS.
      std::string opts = value;
      size_t i = 0;
      while (i < opts.size()) {
        while (i < opts.size() && opts[i] == ' ') ++i;
        size_t j = opts.find(' ', i);
        std::string tok = opts.substr(i, j == std::string::npos ? std::string::npos : j - i);
        i = j == std::string::npos ? opts.size() : j + 1;
        if (tok == "-c") continue;
        if (tok.rfind("-c", 0) == 0) tok = tok.substr(2);
        if (tok.rfind("--", 0) == 0) tok = tok.substr(2);
        size_t eq = tok.find('=');
        if (eq == std::string::npos) continue;
        ZJ_RETURN_IF_ERROR(impl_->SetSetting(tok.substr(0, eq), tok.substr(eq + 1)));
      }
      continue;
    }
    if (name == "replication") {
      return Status::NotSupported("replication connections are not supported yet");
    }
    // Unknown startup parameters are ignored, as PostgreSQL ignores _pq_ extensions.
    const common::SettingDef* def = impl_->settings.server()->Find(name);
    if (def == nullptr || def->context != common::SettingContext::kUser) continue;
    ZJ_RETURN_IF_ERROR(impl_->SetSetting(name, value));
  }
  ZJ_RETURN_IF_ERROR(impl_->settings.Set("session_authorization", impl_->user));
  impl_->settings.TakeChangedReported();
  impl_->session_defaults = impl_->settings.Save();
  impl_->RefreshFormat();
  return Status::OK();
}

std::vector<std::pair<std::string, std::string>> SqlSession::InitialReportedSettings() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& def : impl_->settings.server()->definitions()) {
    if (def.report) out.emplace_back(def.name, impl_->settings.Get(def.name));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> SqlSession::TakeReportedSettings() {
  return impl_->settings.TakeChangedReported();
}

const types::FormatOptions& SqlSession::format_options() const { return impl_->format; }
Interrupt& SqlSession::interrupt() { return impl_->interrupt; }
const std::string& SqlSession::user() const { return impl_->user; }
const std::string& SqlSession::database() const { return impl_->database; }

uint32_t SqlSession::database_oid() const { return impl_->database_oid; }

TxnState SqlSession::txn_state() const {
  if (impl_->failed) return TxnState::kFailed;
  if (impl_->explicit_block) return TxnState::kInBlock;
  return TxnState::kIdle;
}

Status SqlSession::EndImplicitTransaction() {
  if (impl_->explicit_block) return Status::OK();
  if (!impl_->txn) {
    impl_->EndTransactionCommon();
    return Status::OK();
  }
  return impl_->CommitTransaction();
}

bool SqlSession::TakeDeallocateAll() {
  bool d = impl_->deallocate_all;
  impl_->deallocate_all = false;
  return d;
}

std::vector<ErrorInfo> SqlSession::TakeNotices() {
  std::vector<ErrorInfo> out;
  out.swap(impl_->notices);
  return out;
}

int64_t SqlSession::IdleInTransactionTimeoutMs() const {
  return std::atoll(impl_->settings.Get("idle_in_transaction_session_timeout").c_str());
}

void SqlSession::OnError() {
  if (impl_->explicit_block) {
    impl_->failed = true;
    // PostgreSQL aborts the transaction at the error: its writes go and its row locks are
    // released now, so whoever waits on them goes on; the block stays failed until ROLLBACK.
    // Under a savepoint, the work before it must survive ROLLBACK TO: only the failed
    // statement was undone (and its row locks released). The table locks taken since the
    // savepoint go now, as PostgreSQL aborts the subtransaction at the error.
    if (impl_->savepoints.empty()) {
      if (impl_->txn) {
        impl_->failed_isolation = impl_->txn->isolation();
        impl_->failed_read_only = impl_->txn->read_only();
      }
      impl_->ReleaseTransaction();
    } else {
      impl_->locks->ReleaseSince(impl_->savepoints.back().lock_mark);
    }
  } else {
    impl_->RollbackTransaction();
  }
}

Result<types::Value> SqlSession::DecodeParam(const types::LogicalType& type,
                                             std::string_view data, int16_t format) {
  LogicalType t = type.id == types::TypeId::kUnknown ? LogicalType(types::TypeId::kText) : type;
  if (format == 1) return types::ParseBinary(data, t);
  return types::ParseText(data, t, impl_->format);
}

}  // namespace zijin::server
