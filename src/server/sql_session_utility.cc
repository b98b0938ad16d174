// SqlSession's utility statements: transaction control, savepoints, SET/RESET/SHOW, EXPLAIN,
// COPY, PREPARE/EXECUTE/DEALLOCATE, DISCARD and the accepted no-ops.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdarg>
#include <cstdio>

#include "exec/copy.h"
#include "parser/syntax.h"
#include "server/instance.h"
#include "server/sql_session_internal.h"
#include "storage/engine.h"
#include "types/type_names.h"

namespace zijin::server {

using parser::StmtKind;
using parser::TransactionStatement;
using types::LogicalType;
using types::TypeId;
using types::Value;

namespace {

// printf into a string, for EXPLAIN's figures.
__attribute__((format(printf, 1, 2))) std::string Format(const char* format, ...) {
  char buf[160];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  return buf;
}

constexpr char kSavepointException[] = "3B001";

txn::Isolation IsolationFromName(const std::string& name) {
  if (name == "serializable") return txn::Isolation::kSerializable;
  if (name == "repeatable read") return txn::Isolation::kRepeatableRead;
  return txn::Isolation::kReadCommitted;
}

const char* IsolationName(txn::Isolation i) {
  switch (i) {
    case txn::Isolation::kSerializable:
      return "serializable";
    case txn::Isolation::kRepeatableRead:
      return "repeatable read";
    case txn::Isolation::kReadCommitted:
      break;
  }
  return "read committed";
}

RunResult Tag(std::string tag) {
  RunResult r;
  r.tag = std::move(tag);
  return r;
}

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// Splits the text of EXECUTE's argument list "name(a, b)" into the arguments' texts, minding
// quotes and nested parentheses.
std::vector<std::string> SplitArgs(std::string_view text) {
  std::vector<std::string> out;
  size_t open = text.find('(');
  if (open == std::string_view::npos) return out;
  int depth = 0;
  std::string cur;
  for (size_t i = open + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'' || c == '"') {
      // A quoted literal or identifier; '' and "" escape the quote. E'' strings may escape
      // with a backslash.
      bool backslash = c == '\'' && i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e');
      cur.push_back(c);
      for (++i; i < text.size(); ++i) {
        cur.push_back(text[i]);
        if (backslash && text[i] == '\\' && i + 1 < text.size()) {
          cur.push_back(text[++i]);
          continue;
        }
        if (text[i] == c) {
          if (i + 1 < text.size() && text[i + 1] == c) {
            cur.push_back(text[++i]);
            continue;
          }
          break;
        }
      }
      continue;
    }
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (c == ')' && depth == 0) {
      out.push_back(cur);
      return out;
    } else if (c == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur.push_back(c);
  }
  out.push_back(cur);
  return out;
}

Status CopyOptionsOf(const parser::CopyStatement& c, planner::CopyOptions* o) {
  if (c.binary) {
    // PostgreSQL's checks, in its order.
    if (c.has_delimiter || c.has_null) {
      return Status::Error(sqlstate::kSyntaxError, std::string("cannot specify ") +
                                                       (c.has_delimiter ? "DELIMITER" : "NULL") +
                                                       " in BINARY mode");
    }
    if (c.header) return Status::NotSupported("cannot specify HEADER in BINARY mode");
    if (c.has_quote || c.has_escape) {
      return Status::NotSupported(std::string("COPY ") + (c.has_quote ? "quote" : "escape") +
                                  " available only in CSV mode");
    }
    o->binary = true;
    return Status::OK();
  }
  o->csv = c.csv;
  o->header = c.header;
  o->delimiter = c.csv ? ',' : '\t';
  if (c.has_delimiter) {
    if (c.delimiter.size() != 1) {
      return Status::NotSupported("COPY delimiter must be a single one-byte character");
    }
    o->delimiter = c.delimiter[0];
    if (o->delimiter == '\n' || o->delimiter == '\r') {
      return Status::Error(sqlstate::kInvalidParameterValue,
                           "COPY delimiter cannot be newline or carriage return");
    }
  }
  o->null_string = c.has_null ? c.null_string : (c.csv ? "" : "\\N");
  if (c.has_quote || c.has_escape) {
    if (!c.csv) {
      return Status::NotSupported(std::string("COPY ") + (c.has_quote ? "quote" : "escape") +
                                  " available only in CSV mode");
    }
  }
  o->quote = '"';
  if (c.has_quote) {
    if (c.quote.size() != 1) {
      return Status::NotSupported("COPY quote must be a single one-byte character");
    }
    o->quote = c.quote[0];
  }
  o->escape = o->quote;
  if (c.has_escape) {
    if (c.escape.size() != 1) {
      return Status::NotSupported("COPY escape must be a single one-byte character");
    }
    o->escape = c.escape[0];
  }
  if (c.csv && o->delimiter == o->quote) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "COPY delimiter and quote must be different");
  }
  return Status::OK();
}

// SELECT cols FROM table, for COPY table TO STDOUT and for COPY FROM's column types.
std::shared_ptr<parser::SelectStmt> TableQuery(const parser::CopyStatement& c) {
  auto q = std::make_shared<parser::SelectStmt>();
  q->location = c.location;
  if (c.columns.empty()) {
    parser::Target t;
    t.expr = std::make_unique<parser::Expr>(parser::ExprKind::kColumnRef, c.location);
    t.expr->star = true;
    q->targets.push_back(std::move(t));
  } else {
    for (const auto& col : c.columns) {
      parser::Target t;
      t.expr = std::make_unique<parser::Expr>(parser::ExprKind::kColumnRef, c.location);
      t.expr->names = {col};
      q->targets.push_back(std::move(t));
    }
  }
  auto ref = std::make_unique<parser::TableRef>();
  ref->kind = parser::TableRef::Kind::kTable;
  ref->name = c.table;
  ref->location = c.location;
  q->from.push_back(std::move(ref));
  return q;
}

}  // namespace

Result<std::shared_ptr<PreparedImpl>> SqlSession::Impl::FindSqlPrepared(const std::string& name) {
  auto it = sql_prepared.find(name);
  if (it == sql_prepared.end()) {
    return Status::Error(sqlstate::kInvalidSqlStatementName,
                         "prepared statement \"" + name + "\" does not exist");
  }
  return it->second;
}

Result<RunResult> SqlSession::Impl::RunUtility(const parser::Statement& stmt, exec::RowSink* sink,
                                               exec::CopyChannel* copy, PortalImpl* portal) {
  static const PreparedImpl kNoOuter;
  static const std::vector<Value> kNoParams;
  const PreparedImpl& outer = portal != nullptr ? *portal->prepared : kNoOuter;
  switch (stmt.kind) {
    case StmtKind::kTransaction:
      return RunTransactionStmt(stmt);
    case StmtKind::kSet:
      return RunSet(stmt);
    case StmtKind::kShow:
      return RunShow(stmt, sink);
    case StmtKind::kExplain:
      return RunExplain(stmt, outer, portal != nullptr ? portal->params : kNoParams, sink);
    case StmtKind::kCopy:
      return RunCopy(stmt, copy);
    case StmtKind::kPrepare:
      return RunPrepare(stmt, outer);
    case StmtKind::kExecute:
      return RunExecute(stmt, outer, sink);
    case StmtKind::kDeclareCursor:
      return RunDeclareCursor(stmt, portal);
    case StmtKind::kFetch:
      return RunFetch(stmt, sink);
    case StmtKind::kCloseCursor:
      return RunCloseCursor(stmt);
    case StmtKind::kDeallocate: {
      const std::string& name = static_cast<const parser::DeallocateStatement&>(stmt).name;
      if (name.empty()) {
        sql_prepared.clear();
        deallocate_all = true;
        return Tag("DEALLOCATE ALL");
      }
      if (sql_prepared.erase(name) == 0) {
        return Status::Error(sqlstate::kInvalidSqlStatementName,
                             "prepared statement \"" + name + "\" does not exist");
      }
      return Tag("DEALLOCATE");
    }
    case StmtKind::kDiscard: {
      using What = parser::DiscardStatement::What;
      switch (static_cast<const parser::DiscardStatement&>(stmt).what) {
        case What::kAll:
          settings.Restore(session_defaults);
          RefreshFormat();
          sql_prepared.clear();
          cursors.clear();
          currvals.clear();
          ++plan_epoch;
          deallocate_all = true;
          return Tag("DISCARD ALL");
        case What::kPlans:
          ++plan_epoch;
          return Tag("DISCARD PLANS");
        case What::kSequences:
          currvals.clear();
          return Tag("DISCARD SEQUENCES");
        case What::kTemp:
          return Tag("DISCARD TEMP");  // there are no temporary tables yet
      }
      return Status::Internal("unknown DISCARD");
    }
    case StmtKind::kNoOp: {
      const auto& noop = static_cast<const parser::NoOpStatement&>(stmt);
      const std::string& tag = noop.tag;
      if (tag == "VACUUM" && explicit_block) {
        return Status::Error(sqlstate::kActiveSqlTransaction,
                             "VACUUM cannot run inside a transaction block");
      }
      // Storage reclaims space by compaction and statistics are not kept yet, so there is
      // nothing to do beyond checking the names and taking the lock, as PostgreSQL would.
      if (tag == "VACUUM" || tag == "ANALYZE") ZJ_RETURN_IF_ERROR(LockMaintenanceTargets(noop));
      return Tag(tag);
    }
    case StmtKind::kLock:
      return RunLock(stmt);
    default:
      break;
  }
  if (IsDdl(stmt)) return RunDdl(this, stmt);
  return Status::Internal("statement kind " + std::to_string(static_cast<int>(stmt.kind)) +
                          " has no executor");
}

Status SqlSession::Impl::LockMaintenanceTargets(const parser::NoOpStatement& noop) {
  const std::string& tag = noop.tag;
  // SHARE UPDATE EXCLUSIVE on each table named, as PostgreSQL's VACUUM and ANALYZE take it;
  // looked up again when DDL committed while we waited.
  for (bool again = true; again;) {
    again = false;
    ZJ_RETURN_IF_ERROR(RebaseCatalog());
    uint64_t version = 0;
    planner::PlanContext pc = MakePlanContext(&version);
    for (const auto& t : noop.tables) {
      auto table = planner::LookupTable(t.name, t.location, pc);
      if (!table.ok() && table.status().sqlstate() == sqlstate::kWrongObjectType) {
        Notice("WARNING", sqlstate::kWarning,
               "skipping \"" + t.name.back() + "\" --- cannot " +
                   (tag == "VACUUM" ? "vacuum" : "analyze") +
                   " non-tables or special system tables");
        continue;
      }
      ZJ_RETURN_IF_ERROR(table.status());
      ZJ_RETURN_IF_ERROR(LockRelation((*table)->oid, txn::LockMode::kShareUpdateExclusive));
      if (CatalogMovedSince(version)) {
        again = true;
        break;
      }
      for (const auto& col : t.columns) {
        if ((*table)->FindColumn(col) < 0) {
          return Status::Error(
              sqlstate::kUndefinedColumn,
              "column \"" + col + "\" of relation \"" + (*table)->name + "\" does not exist");
        }
      }
    }
  }
  return Status::OK();
}

Result<RunResult> SqlSession::Impl::RunLock(const parser::Statement& stmt) {
  const auto& ls = static_cast<const parser::LockStatement&>(stmt);
  if (!explicit_block) {
    return Status::Error(sqlstate::kNoActiveSqlTransaction,
                         "LOCK TABLE can only be used in transaction blocks");
  }
  // Any mode is allowed in a read-only transaction (PostgreSQL refuses the strong ones only
  // on a standby).
  auto mode = static_cast<txn::LockMode>(ls.mode);
  // Each name is resolved as a query's FROM item would be: a table, or a view whose tables are
  // locked too (in the same mode, as PostgreSQL does).
  for (const auto& target : ls.tables) {
    auto query = std::make_shared<parser::SelectStmt>();
    query->location = target.location;
    auto ref = std::make_unique<parser::TableRef>();
    ref->kind = parser::TableRef::Kind::kTable;
    ref->name = target.name;
    ref->location = target.location;
    query->from.push_back(std::move(ref));
    parser::SelectStatement sel;
    sel.location = target.location;
    sel.query = query;
    for (int attempt = 0;; ++attempt) {
      ZJ_RETURN_IF_ERROR(RebaseCatalog());
      uint64_t version = 0;
      planner::PlanContext pc = MakePlanContext(&version);
      std::vector<LogicalType> no_params;
      pc.param_types = &no_params;
      auto plan = planner::PlanStatement(sel, pc);
      if (!plan.ok()) {
        Status st = std::move(plan).status();
        if (st.Is(sqlstate::kWrongObjectType)) {
          return Status::Error(sqlstate::kWrongObjectType,
                               "\"" + target.name.back() + "\" is not a table or view");
        }
        return st;
      }
      if ((*plan)->relations.empty()) {
        // A sequence, or a system view.
        return Status::Error(sqlstate::kWrongObjectType,
                             "\"" + target.name.back() + "\" is not a table or view");
      }
      for (const auto& r : (*plan)->relations) {
        Status st = LockRelation(r.oid, mode, ls.nowait);
        if (st.Is(sqlstate::kLockNotAvailable) && ls.nowait) {
          const catalog::Table* t = pc.catalog->GetTable(r.oid);
          auto v = pc.catalog->views.find(r.oid);
          std::string name = t != nullptr                   ? t->name
                             : v != pc.catalog->views.end() ? v->second.name
                                                            : target.name.back();
          return Status::Error(sqlstate::kLockNotAvailable,
                               "could not obtain lock on relation \"" + name + "\"");
        }
        ZJ_RETURN_IF_ERROR(st);
      }
      if (!CatalogMovedSince(version)) break;
      if (attempt >= 100) {
        return Status::Error(sqlstate::kSerializationFailure,
                             "could not serialize access due to concurrent DDL");
      }
    }
  }
  return Tag("LOCK TABLE");
}

Result<RunResult> SqlSession::Impl::RunTransactionStmt(const parser::Statement& stmt) {
  using Op = TransactionStatement::Op;
  const auto& t = static_cast<const TransactionStatement&>(stmt);
  if (t.chain && (t.op == Op::kCommit || t.op == Op::kRollback)) {
    const char* what = t.op == Op::kCommit ? "COMMIT AND CHAIN" : "ROLLBACK AND CHAIN";
    if (!explicit_block) {
      return Status::Error(sqlstate::kNoActiveSqlTransaction,
                           std::string(what) + " can only be used in transaction blocks");
    }
    // The new block keeps the ended one's isolation level and access mode.
    if (!txn && !failed) ZJ_RETURN_IF_ERROR(EnsureTransaction());
    txn::Isolation isolation = txn ? txn->isolation() : failed_isolation;
    bool read_only = txn ? txn->read_only() : failed_read_only;
    bool committed = t.op == Op::kCommit && !failed;
    if (committed) {
      ZJ_RETURN_IF_ERROR(CommitTransaction());
    } else {
      RollbackTransaction();
    }
    ZJ_RETURN_IF_ERROR(EnsureTransaction());
    explicit_block = true;
    txn->set_isolation(isolation);
    txn->set_read_only(read_only);
    return Tag(committed ? "COMMIT" : "ROLLBACK");
  }
  switch (t.op) {
    case Op::kBegin: {
      if (explicit_block) {
        Notice("WARNING", sqlstate::kActiveSqlTransaction,
               "there is already a transaction in progress");
        return Tag(t.start ? "START TRANSACTION" : "BEGIN");
      }
      // An implicit transaction already running (earlier statements of the same query
      // string) becomes the block.
      ZJ_RETURN_IF_ERROR(EnsureTransaction());
      explicit_block = true;
      if (!t.isolation.empty() && !txn->started()) {
        txn->set_isolation(IsolationFromName(t.isolation));
      }
      if (t.read_only >= 0) txn->set_read_only(t.read_only == 1);
      return Tag(t.start ? "START TRANSACTION" : "BEGIN");
    }
    case Op::kCommit: {
      if (!explicit_block) {
        Notice("WARNING", sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
        ZJ_RETURN_IF_ERROR(CommitTransaction());
        return Tag("COMMIT");
      }
      if (failed) {
        RollbackTransaction();
        return Tag("ROLLBACK");
      }
      ZJ_RETURN_IF_ERROR(CommitTransaction());
      return Tag("COMMIT");
    }
    case Op::kRollback:
      if (!explicit_block) {
        Notice("WARNING", sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
      }
      RollbackTransaction();
      return Tag("ROLLBACK");
    case Op::kSavepoint: {
      if (!explicit_block) {
        return Status::Error(sqlstate::kNoActiveSqlTransaction,
                             "SAVEPOINT can only be used in transaction blocks");
      }
      ZJ_RETURN_IF_ERROR(EnsureTransaction());
      SavepointState sp;
      sp.name = t.savepoint;
      sp.settings = settings.Save();
      if (pending_catalog) {
        sp.catalog = std::make_shared<catalog::CatalogData>(*pending_catalog);
        sp.catalog_base = pending_base;
        sp.catalog_base_version = pending_base_version;
      }
      sp.ranges_to_drop = ranges_to_drop.size();
      sp.lock_mark = locks->Mark();
      txn->kv()->SetSavePoint();
      savepoints.push_back(std::move(sp));
      return Tag("SAVEPOINT");
    }
    case Op::kRelease:
    case Op::kRollbackTo: {
      bool release = t.op == Op::kRelease;
      if (!explicit_block) {
        return Status::Error(sqlstate::kNoActiveSqlTransaction,
                             std::string(release ? "RELEASE SAVEPOINT" : "ROLLBACK TO SAVEPOINT") +
                                 " can only be used in transaction blocks");
      }
      // The innermost savepoint of that name.
      size_t i = savepoints.size();
      while (i > 0 && Lower(savepoints[i - 1].name) != Lower(t.savepoint)) --i;
      if (i == 0) {
        return Status::Error(kSavepointException,
                             "savepoint \"" + t.savepoint + "\" does not exist");
      }
      size_t idx = i - 1;
      if (release) {
        // Keeps the changes: merge each savepoint above and this one into its parent.
        while (savepoints.size() > idx) {
          ZJ_RETURN_IF_ERROR(txn->kv()->PopSavePoint());
          savepoints.pop_back();
        }
        return Tag("RELEASE");
      }
      while (savepoints.size() > idx + 1) {
        ZJ_RETURN_IF_ERROR(txn->kv()->RollbackToSavePoint());
        savepoints.pop_back();
      }
      ZJ_RETURN_IF_ERROR(txn->kv()->RollbackToSavePoint());
      txn->kv()->SetSavePoint();  // the savepoint itself survives ROLLBACK TO
      SavepointState& sp = savepoints.back();
      if (settings.Save() != sp.settings) {
        settings.Restore(sp.settings);
        RefreshFormat();
      }
      if (sp.catalog) {
        pending_catalog = std::make_shared<catalog::CatalogData>(*sp.catalog);
        pending_base = sp.catalog_base;
        pending_base_version = sp.catalog_base_version;
      } else if (pending_catalog) {
        // DDL began after the savepoint: back to the published catalog.
        pending_catalog.reset();
        pending_base.reset();
      }
      if (ranges_to_drop.size() > sp.ranges_to_drop) ranges_to_drop.resize(sp.ranges_to_drop);
      // The table locks taken since the savepoint go, as PostgreSQL's subtransaction abort
      // releases them.
      locks->ReleaseSince(sp.lock_mark);
      failed = false;
      return Tag("ROLLBACK");
    }
    case Op::kSetTransaction: {
      if (!explicit_block) {
        Notice("WARNING", sqlstate::kNoActiveSqlTransaction,
               "SET TRANSACTION can only be used in transaction blocks");
        return Tag("SET");
      }
      ZJ_RETURN_IF_ERROR(EnsureTransaction());
      if (!t.isolation.empty()) {
        if (txn->started()) {
          return Status::Error(sqlstate::kActiveSqlTransaction,
                               "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        txn->set_isolation(IsolationFromName(t.isolation));
      }
      if (t.read_only >= 0) {
        if (t.read_only == 0 && txn->read_only() && txn->started()) {
          return Status::Error(sqlstate::kActiveSqlTransaction,
                               "transaction read-write mode must be set before any query");
        }
        txn->set_read_only(t.read_only == 1);
      }
      return Tag("SET");
    }
    case Op::kSetSessionCharacteristics:
      if (!t.isolation.empty()) {
        ZJ_RETURN_IF_ERROR(settings.Set("default_transaction_isolation", t.isolation));
      }
      if (t.read_only >= 0) {
        ZJ_RETURN_IF_ERROR(
            settings.Set("default_transaction_read_only", t.read_only == 1 ? "on" : "off"));
      }
      return Tag("SET");
  }
  return Status::Internal("unknown transaction statement");
}

Result<RunResult> SqlSession::Impl::SetTransactionSetting(const std::string& lname,
                                                          const std::string& value, bool in_query) {
  TransactionStatement t;
  t.op = TransactionStatement::Op::kSetTransaction;
  if (lname == "transaction_isolation") {
    t.isolation = Lower(value);
    if (t.isolation != "serializable" && t.isolation != "repeatable read" &&
        t.isolation != "read committed" && t.isolation != "read uncommitted") {
      return Status::Error(
          sqlstate::kInvalidParameterValue,
          "invalid value for parameter \"transaction_isolation\": \"" + value + "\"");
    }
  } else {
    ZJ_ASSIGN_OR_RETURN(
        std::string b,
        common::Settings::Canonicalize(*settings.server()->Find("transaction_read_only"), value));
    t.read_only = b == "on" ? 1 : 0;
  }
  if (in_query && txn) {
    // set_config() runs inside a query, so its transaction (implicit or not) has begun: the
    // isolation level can no longer change, read-only can only be switched on.
    if (!t.isolation.empty() && IsolationFromName(t.isolation) != txn->isolation()) {
      return Status::Error(sqlstate::kActiveSqlTransaction,
                           "SET TRANSACTION ISOLATION LEVEL must be called before any query");
    }
    if (t.read_only == 0 && txn->read_only()) {
      return Status::Error(sqlstate::kActiveSqlTransaction,
                           "transaction read-write mode must be set before any query");
    }
    if (t.read_only == 1) txn->set_read_only(true);
    return Tag("SET");
  }
  return RunTransactionStmt(t);
}

Result<RunResult> SqlSession::Impl::RunSet(const parser::Statement& stmt) {
  const auto& s = static_cast<const parser::SetStatement&>(stmt);
  if (s.reset && s.name == "all") {
    settings.Restore(session_defaults);
    set_local_prev.clear();
    RefreshFormat();
    return Tag("RESET");
  }
  const common::SettingDef* def = settings.server()->Find(s.name);
  // PostgreSQL's flatten_set_variable_args: a list setting joins its values with ", ",
  // double-quoting identifiers where needed (SET search_path = app, "My Schema"); any other
  // setting takes one value.
  std::string value;
  if (def != nullptr && def->list_input) {
    for (size_t i = 0; i < s.values.size(); ++i) {
      if (i > 0) value += ", ";
      const std::string& v = s.values[i];
      bool number = !v.empty() && v.find_first_not_of("0123456789.+-") == std::string::npos;
      value += def->list_quote && !number ? common::QuoteListIdentifier(v) : v;
    }
  } else if (s.values.size() > 1) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "SET " + s.name + " takes only one argument");
  } else if (!s.values.empty()) {
    value = s.values[0];
  }
  std::string lname = Lower(s.name);
  if (lname == "transaction_isolation" || lname == "transaction_read_only") {
    if (s.reset || s.is_default) return Tag(s.reset ? "RESET" : "SET");
    return SetTransactionSetting(lname, value, false);
  }
  if (def == nullptr && s.name.find('.') == std::string::npos) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + s.name + "\"");
  }
  if (s.local && !explicit_block) {
    Notice("WARNING", sqlstate::kNoActiveSqlTransaction,
           "SET LOCAL can only be used in transaction blocks");
    return Tag("SET");
  }
  std::optional<std::string_view> v;
  if (!s.reset && !s.is_default) v = value;
  ZJ_RETURN_IF_ERROR(ApplySet(s.name, v, s.local));
  return Tag(s.reset ? "RESET" : "SET");
}

Result<std::string> SqlSession::Impl::ShowSetting(std::string_view name) const {
  std::string lname = Lower(name);
  if (lname == "transaction_isolation") {
    return std::string(txn ? IsolationName(txn->isolation())
                           : settings.Get("default_transaction_isolation"));
  }
  if (lname == "transaction_read_only") {
    return txn ? std::string(txn->read_only() ? "on" : "off")
               : settings.Get("default_transaction_read_only");
  }
  return settings.Show(name);
}

Result<RunResult> SqlSession::Impl::RunShow(const parser::Statement& stmt, exec::RowSink* sink) {
  const std::string& name = static_cast<const parser::ShowStatement&>(stmt).name;
  if (name == "all") {
    auto all = settings.All();
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return Lower(a.first->name) < Lower(b.first->name);
    });
    for (const auto& [def, value] : all) {
      ZJ_RETURN_IF_ERROR(
          sink->Row({Value::Text(def->name), Value::Text(common::Settings::Display(*def, value)),
                     Value::Text(def->description)}));
    }
    return Tag("SHOW");
  }
  ZJ_ASSIGN_OR_RETURN(std::string value, ShowSetting(name));
  ZJ_RETURN_IF_ERROR(sink->Row({Value::Text(std::move(value))}));
  return Tag("SHOW");
}

Result<std::optional<std::string>> SqlSession::Impl::CurrentSetting(std::string_view name,
                                                                    bool missing_ok) {
  Result<std::string> r = ShowSetting(name);
  if (!r.ok()) {
    if (missing_ok && r.status().Is(sqlstate::kUndefinedObject)) {
      return std::optional<std::string>();
    }
    return r.status();
  }
  return std::optional<std::string>(std::move(*r));
}

Result<std::string> SqlSession::Impl::SetConfig(std::string_view name,
                                                std::optional<std::string_view> value,
                                                bool is_local) {
  std::string lname = Lower(name);
  if (lname == "transaction_isolation" || lname == "transaction_read_only") {
    if (value) ZJ_RETURN_IF_ERROR(SetTransactionSetting(lname, std::string(*value), true).status());
    return ShowSetting(name);
  }
  // Unlike SET LOCAL, set_config(..., true) outside a transaction block is no error: the
  // value lasts until the end of the statement's own transaction.
  ZJ_RETURN_IF_ERROR(ApplySet(name, value, is_local));
  return ShowSetting(name);
}

// Evaluates EXECUTE's arguments as the prepared statement's parameter types.
static Result<std::vector<Value>> EvalExecuteArgs(SqlSession::Impl* s,
                                                  const parser::ExecuteStatement& e,
                                                  const PreparedImpl& outer,
                                                  const PreparedImpl& target) {
  if (e.args.size() != target.param_types.size()) {
    return Status::Error(sqlstate::kSyntaxError,
                         "wrong number of parameters for prepared statement \"" + e.name + "\"")
        .WithDetail("Expected " + std::to_string(target.param_types.size()) +
                    " parameters but got " + std::to_string(e.args.size()) + ".");
  }
  std::vector<Value> params;
  if (e.args.empty()) return params;
  // The arguments' text: from the EXECUTE statement's own text.
  int start = e.location - outer.text_offset;
  std::string_view text(outer.text);
  if (start > 0 && static_cast<size_t>(start) < text.size()) text.remove_prefix(start);
  std::vector<std::string> texts = SplitArgs(text);
  if (texts.size() != e.args.size()) {
    return Status::Error(sqlstate::kSyntaxError, "could not read the arguments of EXECUTE");
  }
  exec::ExecContext ctx;
  s->FillContext(&ctx, nullptr);
  for (size_t i = 0; i < texts.size(); ++i) {
    LogicalType t = target.param_types[i];
    if (t.id == TypeId::kUnknown) t = LogicalType(TypeId::kText);
    planner::PlanContext pc = s->MakePlanContext();
    ZJ_ASSIGN_OR_RETURN(planner::ExprPtr expr, planner::PlanStandaloneExpr(texts[i], t, pc));
    ZJ_ASSIGN_OR_RETURN(Value v, exec::Eval(*expr, exec::Row{}, &ctx));
    params.push_back(std::move(v));
  }
  return params;
}

Result<RunResult> SqlSession::Impl::RunExplain(const parser::Statement& stmt,
                                               const PreparedImpl& outer,
                                               const std::vector<Value>& params,
                                               exec::RowSink* sink) {
  const auto& e = static_cast<const parser::ExplainStatement&>(stmt);
  const parser::Statement& inner = *e.stmt;
  auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<const planner::PlannedStatement> plan;
  std::vector<Value> exec_params = params;
  if (inner.kind == StmtKind::kExecute) {
    const auto& ex = static_cast<const parser::ExecuteStatement&>(inner);
    ZJ_ASSIGN_OR_RETURN(auto target, FindSqlPrepared(ex.name));
    ZJ_RETURN_IF_ERROR(EnsurePlannedAndLocked(target.get()));
    plan = target->plan;
    ZJ_ASSIGN_OR_RETURN(exec_params, EvalExecuteArgs(this, ex, outer, *target));
  } else if ((inner.kind == StmtKind::kSelect || inner.kind == StmtKind::kInsert ||
              inner.kind == StmtKind::kUpdate || inner.kind == StmtKind::kDelete)) {
    // Planning takes the table locks, EXPLAIN without ANALYZE too, as in PostgreSQL.
    std::vector<LogicalType> types = outer.param_types;
    ZJ_ASSIGN_OR_RETURN(plan, PlanLocked(inner, &types));
  } else {
    return Status::NotSupported(
        "EXPLAIN is only supported for SELECT, INSERT, UPDATE, DELETE, "
        "VALUES and EXECUTE");
  }
  auto t1 = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::vector<std::string> lines;
  if (!e.analyze) {
    lines = planner::ExplainPlan(*plan->root);
    if (e.summary == 1) lines.push_back(Format("Planning Time: %.3f ms", ms(t1 - t0)));
  } else {
    if (plan->writes && txn->read_only()) {
      return Status::Error(
          sqlstate::kReadOnlySqlTransaction,
          "cannot execute " + PlanTag(*plan, 0).substr(0, 6) + " in a read-only transaction");
    }
    std::map<const planner::PlanNode*, exec::NodeStats> stats;
    exec::ExecContext ctx;
    FillContext(&ctx, &exec_params);
    ctx.instrument = &stats;
    ctx.instrument_timing = e.timing;
    ZJ_ASSIGN_OR_RETURN(auto op, exec::BuildOperator(*plan->root, &ctx));
    ZJ_RETURN_IF_ERROR(op->Open());
    exec::Row row;
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, op->Next(&row));
      if (!has) break;
    }
    auto t2 = std::chrono::steady_clock::now();
    // As PostgreSQL prints them: per run (loop) averages.
    planner::ActualFn actual = [&](const planner::PlanNode& node) -> std::string {
      auto it = stats.find(&node);
      if (it == stats.end() || it->second.loops == 0) return " (never executed)";
      const exec::NodeStats& n = it->second;
      double loops = static_cast<double>(n.loops);
      double rows = static_cast<double>(n.rows) / loops;
      if (!e.timing) {
        return Format(" (actual rows=%.0f loops=%llu)", rows,
                      static_cast<unsigned long long>(n.loops));
      }
      return Format(" (actual time=%.3f..%.3f rows=%.0f loops=%llu)", n.first_row_ms / loops,
                    n.total_ms / loops, rows, static_cast<unsigned long long>(n.loops));
    };
    lines = planner::ExplainPlan(*plan->root, &actual);
    if (e.summary != 0) {
      lines.push_back(Format("Planning Time: %.3f ms", ms(t1 - t0)));
      lines.push_back(Format("Execution Time: %.3f ms", ms(t2 - t1)));
    }
  }
  for (auto& line : lines) ZJ_RETURN_IF_ERROR(sink->Row({Value::Text(std::move(line))}));
  return Tag("EXPLAIN");
}

Result<RunResult> SqlSession::Impl::RunCopy(const parser::Statement& stmt,
                                            exec::CopyChannel* copy) {
  const auto& c = static_cast<const parser::CopyStatement&>(stmt);
  if (copy == nullptr) return Status::NotSupported("COPY is not supported in this context");
  planner::CopyOptions opts;
  ZJ_RETURN_IF_ERROR(CopyOptionsOf(c, &opts));
  parser::SelectStatement sel;
  sel.location = c.location;
  sel.query = c.query ? c.query : TableQuery(c);
  std::vector<LogicalType> no_params;
  ZJ_ASSIGN_OR_RETURN(auto query_plan, PlanLocked(sel, &no_params));
  if (!c.from) {
    exec::ExecContext ctx;
    FillContext(&ctx, nullptr);
    ctx.copy = copy;
    ZJ_ASSIGN_OR_RETURN(auto op, exec::BuildOperator(*query_plan->root, &ctx));
    ZJ_RETURN_IF_ERROR(op->Open());
    uint64_t rows = 0;
    std::vector<std::string> names;
    for (const auto& col : query_plan->columns) names.push_back(col.name);
    ZJ_RETURN_IF_ERROR(exec::CopyOut(op.get(), names, opts, &ctx, &rows));
    return Tag("COPY " + std::to_string(rows));
  }
  if (txn->read_only()) {
    return Status::Error(sqlstate::kReadOnlySqlTransaction,
                         "cannot execute COPY FROM in a read-only transaction");
  }
  // Each record is inserted by INSERT INTO t (cols) VALUES ($1, ..., $n), so defaults, checks,
  // constraints and indexes behave exactly as for INSERT.
  parser::InsertStatement ins;
  ins.location = c.location;
  ins.table = c.table;
  auto values = std::make_shared<parser::SelectStmt>();
  values->op = parser::SelectStmt::Op::kValues;
  values->location = c.location;
  std::vector<LogicalType> types;
  std::vector<parser::ExprPtr> row_exprs;
  for (size_t i = 0; i < query_plan->columns.size(); ++i) {
    const auto& col = query_plan->columns[i];
    ins.columns.push_back(col.name);
    types.push_back(col.type);
    auto p = std::make_unique<parser::Expr>(parser::ExprKind::kParam, c.location);
    p->ival = static_cast<int64_t>(i + 1);
    row_exprs.push_back(std::move(p));
  }
  values->values.push_back(std::move(row_exprs));
  ins.query = values;
  ZJ_ASSIGN_OR_RETURN(auto insert_plan, PlanLocked(ins, &types));

  planner::PlanNode source_plan(planner::PlanKind::kCopySource);
  for (const auto& col : query_plan->columns) source_plan.output_types.push_back(col.type);
  source_plan.copy = opts;
  exec::Row row;
  exec::ExecContext ctx;
  FillContext(&ctx, &row);
  ctx.copy = copy;
  ctx.defer_foreign_keys = true;
  std::unique_ptr<exec::CopySource> source =
      exec::MakeCopySource(source_plan, &ctx, c.table.back(), ins.columns);
  ZJ_RETURN_IF_ERROR(source->Open());
  uint64_t rows = 0;
  for (;;) {
    ZJ_ASSIGN_OR_RETURN(bool has, source->Next(&row));
    if (!has) break;
    ZJ_ASSIGN_OR_RETURN(auto op, exec::BuildOperator(*insert_plan->root, &ctx));
    Status st = op->Open();
    if (!st.ok()) {
      if (st.info().context.empty()) st.mutable_info().context = source->Context();
      return st;
    }
    rows += op->affected();
    if ((rows & 1023) == 0) ZJ_RETURN_IF_ERROR(ctx.CheckCancel());
  }
  ZJ_RETURN_IF_ERROR(exec::FinishForeignKeys(&ctx));
  return Tag("COPY " + std::to_string(rows));
}

Result<RunResult> SqlSession::Impl::RunPrepare(const parser::Statement& stmt,
                                               const PreparedImpl& outer) {
  const auto& ps = static_cast<const parser::PrepareStatement&>(stmt);
  if (sql_prepared.count(ps.name)) {
    return Status::Error(sqlstate::kDuplicatePreparedStatement,
                         "prepared statement \"" + ps.name + "\" already exists");
  }
  if (ps.stmt->kind != StmtKind::kSelect && ps.stmt->kind != StmtKind::kInsert &&
      ps.stmt->kind != StmtKind::kUpdate && ps.stmt->kind != StmtKind::kDelete) {
    return Status::Error(sqlstate::kSyntaxError,
                         "PREPARE supports only SELECT, INSERT, UPDATE, DELETE and VALUES")
        .WithPosition(ps.stmt->location - outer.text_offset + 1);
  }
  auto p = std::make_shared<PreparedImpl>();
  p->text = ps.stmt_text;
  p->text_offset = ps.stmt->location;
  // The inner statement lives inside the PREPARE statement's tree: share its ownership.
  p->stmt = std::shared_ptr<const parser::Statement>(outer.stmt, ps.stmt.get());
  for (const auto& tn : ps.types) {
    ZJ_ASSIGN_OR_RETURN(LogicalType t, types::TypeFromName(tn.name, tn.mods, tn.is_array));
    p->param_types.push_back(t);
    p->param_types_given.push_back(true);
  }
  ZJ_RETURN_IF_ERROR(EnsurePlannedAndLocked(p.get()));
  sql_prepared[ps.name] = std::move(p);
  return Tag("PREPARE");
}

Result<RunResult> SqlSession::Impl::RunExecute(const parser::Statement& stmt,
                                               const PreparedImpl& outer, exec::RowSink* sink) {
  const auto& e = static_cast<const parser::ExecuteStatement&>(stmt);
  ZJ_ASSIGN_OR_RETURN(auto target, FindSqlPrepared(e.name));
  ZJ_RETURN_IF_ERROR(EnsurePlannedAndLocked(target.get()));
  const planner::PlannedStatement& plan = *target->plan;
  ZJ_ASSIGN_OR_RETURN(std::vector<Value> params, EvalExecuteArgs(this, e, outer, *target));
  if (plan.writes && txn->read_only()) {
    return Status::Error(
        sqlstate::kReadOnlySqlTransaction,
        "cannot execute " + PlanTag(plan, 0).substr(0, 6) + " in a read-only transaction");
  }
  exec::ExecContext ctx;
  FillContext(&ctx, &params);
  ZJ_ASSIGN_OR_RETURN(auto op, exec::BuildOperator(*plan.root, &ctx));
  ZJ_RETURN_IF_ERROR(op->Open());
  exec::Row row;
  uint64_t rows = 0;
  for (;;) {
    ZJ_ASSIGN_OR_RETURN(bool has, op->Next(&row));
    if (!has) break;
    ZJ_RETURN_IF_ERROR(sink->Row(row));
    ++rows;
  }
  uint64_t count = plan.kind == planner::PlannedStatement::Kind::kSelect ? rows : op->affected();
  return Tag(PlanTag(plan, count));
}

}  // namespace zijin::server
