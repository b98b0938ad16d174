// DDL of a SQL session: CREATE/DROP/ALTER/TRUNCATE on the transaction's private catalog version.
// This file: names, expressions, dependent views, CREATE; sql_session_ddl_alter.cc: DROP, ALTER
// TABLE, TRUNCATE.
#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "exec/ddl.h"
#include "exec/executor.h"
#include "exec/functions/function_registry.h"
#include "exec/table_store.h"
#include "parser/parse.h"
#include "parser/syntax.h"
#include "planner/planner.h"
#include "server/instance.h"
#include "server/sql_session_ddl_internal.h"
#include "server/sql_session_internal.h"
#include "storage/engine.h"
#include "types/row_codec.h"
#include "types/type_io.h"
#include "types/type_names.h"

namespace zijin::server::ddl {

namespace {

constexpr size_t kMaxNameLen = 63;  // NAMEDATALEN - 1
// Error positions inside DEFAULT/CHECK texts are mapped back to the statement by padding the
// text to its offset; beyond this offset the padding costs more than the position is worth.
constexpr int kMaxPadding = 1 << 16;
// PostgreSQL's makeObjectName: name1_name2_label, the longer name shortened to fit 63 bytes.
std::string MakeObjectName(const std::string& name1, const std::string& name2,
                           const std::string& label) {
  size_t overhead = label.empty() ? 0 : label.size() + 1;
  if (!name2.empty()) overhead += 1;
  size_t avail = kMaxNameLen > overhead ? kMaxNameLen - overhead : 0;
  size_t n1 = name1.size(), n2 = name2.size();
  while (n1 + n2 > avail) {
    if (n1 > n2) {
      --n1;
    } else {
      --n2;
    }
  }
  std::string out = name1.substr(0, n1);
  if (!name2.empty()) out += "_" + name2.substr(0, n2);
  if (!label.empty()) out += "_" + label;
  return out;
}

// Everything a (parser) expression mentions that matters to DEFAULT and CHECK rules.
void CollectFacts(const parser::Expr& e, ExprFacts* f) {
  if (e.location >= 0 && (f->min_location < 0 || e.location < f->min_location)) {
    f->min_location = e.location;
  }
  switch (e.kind) {
    case parser::ExprKind::kColumnRef:
      if (!e.star && !e.names.empty()) {
        if (std::find(f->columns.begin(), f->columns.end(), e.names.back()) == f->columns.end()) {
          f->columns.push_back(e.names.back());
        }
        if (f->column_location < 0) f->column_location = e.location;
      }
      break;
    case parser::ExprKind::kSubquery:
      if (f->subquery_location < 0) f->subquery_location = e.location;
      break;
    case parser::ExprKind::kFunc:
      if (e.over) {
        if (f->window_location < 0) f->window_location = e.location;
      } else if (!e.names.empty() && exec::IsAggregateName(e.names.back())) {
        if (f->aggregate_location < 0) f->aggregate_location = e.location;
      }
      break;
    default:
      break;
  }
  for (const auto& a : e.args) {
    if (a) CollectFacts(*a, f);
  }
  if (e.filter) CollectFacts(*e.filter, f);
}
}  // namespace

std::string QuoteIdent(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string JoinNames(const std::vector<std::string>& names, const char* sep) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? sep : "") + names[i];
  return out;
}

ExprFacts FactsOf(const parser::Expr* e) {
  ExprFacts f;
  if (e != nullptr) CollectFacts(*e, &f);
  return f;
}

bool IsVolatile(const planner::Expr& e) {
  if (e.volatile_fn || e.kind == planner::ExprKind::kSequence) return true;
  for (const auto& a : e.args) {
    if (a && IsVolatile(*a)) return true;
  }
  return false;
}

std::string RenameIdentInSql(const std::string& sql, const std::string& from,
                             const std::string& to) {
  std::string out;
  size_t i = 0;
  auto ident_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'') {
      size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == '\'' && j + 1 < sql.size() && sql[j + 1] == '\'') {
          j += 2;
        } else if (sql[j] == '\'') {
          break;
        } else {
          ++j;
        }
      }
      out.append(sql, i, std::min(j + 1, sql.size()) - i);
      i = j + 1;
    } else if (c == '"') {
      size_t j = i + 1;
      std::string name;
      while (j < sql.size()) {
        if (sql[j] == '"' && j + 1 < sql.size() && sql[j + 1] == '"') {
          name += '"';
          j += 2;
        } else if (sql[j] == '"') {
          break;
        } else {
          name += sql[j++];
        }
      }
      out += name == from ? QuoteIdent(to) : sql.substr(i, std::min(j + 1, sql.size()) - i);
      i = j + 1;
    } else if (ident_char(c) && !std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < sql.size() && ident_char(sql[j])) ++j;
      std::string word = sql.substr(i, j - i);
      out += Lower(word) == from ? QuoteIdent(to) : word;
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < sql.size() && ident_char(sql[j])) ++j;
      out.append(sql, i, j - i);
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

ConstraintReq ToReq(const parser::ConstraintDef& c) {
  ConstraintReq r;
  r.kind = c.kind;
  r.name = c.name;
  r.columns = c.columns;
  r.expr = c.expr.get();
  r.text = c.expr_text;
  r.location = c.location;
  r.not_valid = c.not_valid;
  r.ref_table = c.ref_table;
  r.ref_columns = c.ref_columns;
  r.on_delete = c.on_delete;
  r.on_update = c.on_update;
  r.match = c.match;
  r.delete_set_columns = c.delete_set_columns;
  r.deferrable = c.deferrable;
  r.initially_deferred = c.initially_deferred;
  return r;
}

RunResult Done(std::string tag) {
  RunResult r;
  r.tag = std::move(tag);
  return r;
}

const char* KindNoun(RelKind k) {
  switch (k) {
    case RelKind::kTable:
      return "table";
    case RelKind::kIndex:
      return "index";
    case RelKind::kSequence:
      return "sequence";
    case RelKind::kView:
      return "view";
  }
  return "relation";
}

std::string TagOf(const parser::Statement& stmt) {
  using parser::StmtKind;
  switch (stmt.kind) {
    case StmtKind::kCreateTable:
      return static_cast<const parser::CreateTableStatement&>(stmt).as_query ? "CREATE TABLE AS"
                                                                             : "CREATE TABLE";
    case StmtKind::kCreateIndex:
      return "CREATE INDEX";
    case StmtKind::kCreateSequence:
      return "CREATE SEQUENCE";
    case StmtKind::kCreateView:
      return "CREATE VIEW";
    case StmtKind::kCreateSchema:
      return "CREATE SCHEMA";
    case StmtKind::kCreateDatabase:
      return "CREATE DATABASE";
    case StmtKind::kAlterTable:
      return "ALTER TABLE";
    case StmtKind::kTruncate:
      return "TRUNCATE TABLE";
    case StmtKind::kDrop: {
      using O = parser::DropStatement::Object;
      switch (static_cast<const parser::DropStatement&>(stmt).object) {
        case O::kTable:
          return "DROP TABLE";
        case O::kIndex:
          return "DROP INDEX";
        case O::kView:
          return "DROP VIEW";
        case O::kSequence:
          return "DROP SEQUENCE";
        case O::kSchema:
          return "DROP SCHEMA";
        case O::kDatabase:
          return "DROP DATABASE";
      }
      return "DROP";
    }
    default:
      return "";
  }
}
DdlRunner::DdlRunner(SqlSession::Impl* s, catalog::CatalogData* data) : s_(s), data_(data) {
  ctx_.data = data;
  ctx_.catalog = s->instance->catalog();
  ctx_.txn = s->txn->kv();
  ctx_.view = s->txn->view();
  ctx_.database = s->database_oid;
  ctx_.ranges_to_drop = &s->ranges_to_drop;
  ctx_.forget = &forget_;
  pc_ = s->MakePlanContext();
}

// ---------------------------------------------------------------------------------------------
// Names

Result<Oid> DdlRunner::SchemaOf(const std::vector<std::string>& name, bool missing_ok,
                                bool* missing) {
  *missing = false;
  if (name.size() > 3) {
    return Status::Error(
        sqlstate::kSyntaxError,
        "improper qualified name (too many dotted names): " + JoinNames(name, "."));
  }
  if (name.size() == 3 && name[0] != s_->database) {
    return Status::NotSupported("cross-database references are not implemented: " +
                                JoinNames(name, "."));
  }
  const std::string& sname = name[name.size() - 2];
  const catalog::Schema* sc = data_->FindSchema(s_->database_oid, sname);
  if (sc == nullptr) {
    *missing = true;
    if (missing_ok) return Oid{0};
    return Status::Error(sqlstate::kInvalidSchemaName, "schema \"" + sname + "\" does not exist");
  }
  return sc->oid;
}

Result<Oid> DdlRunner::CreationSchema(const std::vector<std::string>& name) {
  if (name.size() >= 2) {
    bool missing;
    return SchemaOf(name, false, &missing);
  }
  for (const auto& sname : pc_.search_path) {
    if (sname == "pg_catalog" || sname == "information_schema") continue;
    const catalog::Schema* sc = data_->FindSchema(s_->database_oid, sname);
    if (sc != nullptr && sc->database != 0) return sc->oid;
  }
  return Status::Error(sqlstate::kInvalidSchemaName, "no schema has been selected to create in");
}

Result<bool> DdlRunner::FindRel(const std::vector<std::string>& name, RelRef* out,
                                bool missing_ok, txn::LockMode mode) {
  out->name = name.back();
  bool found = false;
  if (name.size() >= 2) {
    bool missing;
    ZJ_ASSIGN_OR_RETURN(Oid schema, SchemaOf(name, missing_ok, &missing));
    if (missing) return false;
    out->schema = schema;
    found = data_->FindRelation(schema, name.back(), &out->kind, &out->oid);
  } else {
    for (const auto& sname : pc_.search_path) {
      const catalog::Schema* sc = data_->FindSchema(s_->database_oid, sname);
      if (sc == nullptr) continue;
      if (data_->FindRelation(sc->oid, name.back(), &out->kind, &out->oid)) {
        out->schema = sc->oid;
        found = true;
        break;
      }
    }
  }
  if (!found) return false;
  Oid locked = out->oid;
  if (out->kind == RelKind::kIndex) {
    // DROP INDEX and friends change the table's entry: lock the table.
    auto owner = data_->index_owner.find(out->oid);
    if (owner != data_->index_owner.end()) locked = owner->second;
  }
  ZJ_RETURN_IF_ERROR(LockRel(locked, mode));
  return true;
}

Status DdlRunner::Lock(const txn::LockTag& tag, txn::LockMode mode) {
  ZJ_RETURN_IF_ERROR(s_->LockObject(tag, mode));
  if (s_->CatalogMovedSince(0)) {
    return Status::Error(kRetryStatement, "the catalog changed while the statement ran");
  }
  return Status::OK();
}

Status DdlRunner::LockRel(Oid oid, txn::LockMode mode) {
  return Lock(txn::LockTag::Relation(s_->database_oid, oid), mode);
}

Status DdlRunner::LockNewName(Oid schema, const std::string& name) {
  ZJ_RETURN_IF_ERROR(Lock({txn::LockObject::kSchema, s_->database_oid, schema},
                          txn::LockMode::kAccessShare));
  return Lock(txn::NameLockTag(s_->database_oid, 'r', schema, name),
              txn::LockMode::kAccessExclusive);
}

Status DdlRunner::LockPlan(const planner::PlannedStatement& plan) {
  for (const auto& r : plan.relations) ZJ_RETURN_IF_ERROR(LockRel(r.oid, txn::LockMode::kAccessShare));
  return Status::OK();
}

bool DdlRunner::NameTaken(Oid schema, const std::string& name) const {
  RelKind kind;
  Oid oid;
  return data_->FindRelation(schema, name, &kind, &oid) || taken_.count({schema, name}) > 0;
}

std::string DdlRunner::ChooseRelationName(const std::string& name1, const std::string& name2,
                                          const std::string& label, Oid schema) {
  std::string modlabel = label;
  for (int pass = 1;; ++pass) {
    std::string name = MakeObjectName(name1, name2, modlabel);
    if (!NameTaken(schema, name)) {
      taken_.insert({schema, name});
      return name;
    }
    modlabel = label + std::to_string(pass);
  }
}

std::string DdlRunner::ChooseCheckName(const catalog::Table& t, const ConstraintReq& c) {
  // PostgreSQL names a CHECK after the one column it references, else after the table alone.
  ExprFacts f = FactsOf(c.expr);
  return ChooseConstraintName(t, f.columns.size() == 1 ? f.columns[0] : "", "check");
}

std::string DdlRunner::ChooseConstraintName(const catalog::Table& t, const std::string& name2,
                                            const std::string& label) {
  std::set<std::string> used;
  auto add = [&](const catalog::Table& x) {
    for (const auto& ch : x.checks) used.insert(ch.name);
    for (const auto& ix : x.indexes) used.insert(ix.name);
    for (const auto& fk : x.foreign_keys) used.insert(fk.name);
  };
  for (const auto& [oid, other] : data_->tables) {
    if (other->schema == t.schema) add(*other);
  }
  add(t);
  std::string modlabel = label;
  for (int pass = 1;; ++pass) {
    std::string name = MakeObjectName(t.name, name2, modlabel);
    if (!used.count(name) && !taken_.count({t.schema, name})) {
      taken_.insert({t.schema, name});
      return name;
    }
    modlabel = label + std::to_string(pass);
  }
}

bool DdlRunner::HasConstraint(const catalog::Table& t, const std::string& name) {
  for (const auto& ch : t.checks) {
    if (ch.name == name) return true;
  }
  for (const auto& ix : t.indexes) {
    if (ix.unique && ix.name == name) return true;
  }
  for (const auto& fk : t.foreign_keys) {
    if (fk.name == name) return true;
  }
  return false;
}

std::string DdlRunner::QualifiedName(const catalog::Table& t) const {
  auto it = data_->schemas.find(t.schema);
  std::string schema = it == data_->schemas.end() ? "public" : it->second.name;
  return QuoteIdent(schema) + "." + QuoteIdent(t.name);
}

// ---------------------------------------------------------------------------------------------
// Expressions

Result<planner::ExprPtr> DdlRunner::BindDefault(const parser::Expr* ast, const std::string& text,
                                                const LogicalType& type) {
  ExprFacts f = FactsOf(ast);
  if (f.column_location >= 0) {
    return Status::NotSupported("cannot use column reference in DEFAULT expression")
        .WithPosition(Pos(f.column_location));
  }
  if (f.subquery_location >= 0) {
    return Status::NotSupported("cannot use subquery in DEFAULT expression")
        .WithPosition(Pos(f.subquery_location));
  }
  if (f.aggregate_location >= 0) {
    return Status::Error(sqlstate::kGroupingError,
                         "aggregate functions are not allowed in DEFAULT expressions")
        .WithPosition(Pos(f.aggregate_location));
  }
  if (f.window_location >= 0) {
    return Status::Error(sqlstate::kWindowingError,
                         "window functions are not allowed in DEFAULT expressions")
        .WithPosition(Pos(f.window_location));
  }
  int pad = f.min_location >= 0 && f.min_location < kMaxPadding ? f.min_location : 0;
  std::string sql = std::string(static_cast<size_t>(pad), ' ') + text;
  auto r = planner::PlanStandaloneExpr(sql, type, pc_);
  if (!r.ok() && pad == 0) {
    Status st = std::move(r).status();
    st.mutable_info().position = 0;
    return st;
  }
  return r;
}

Result<std::shared_ptr<const planner::PlannedStatement>> DdlRunner::PlanSql(
    const std::string& sql) {
  ZJ_ASSIGN_OR_RETURN(auto parsed, parser::ParseSql(sql));
  if (parsed.size() != 1) return Status::Internal("expected one statement: " + sql);
  return planner::PlanStatement(*parsed[0].stmt, pc_);
}

Status DdlRunner::RunPlan(const planner::PlannedStatement& plan,
                          const std::function<Status(const exec::Row&)>& fn) {
  exec::ExecContext ectx;
  s_->FillContext(&ectx, nullptr);
  ZJ_ASSIGN_OR_RETURN(auto op, exec::BuildOperator(*plan.root, &ectx));
  ZJ_RETURN_IF_ERROR(op->Open());
  exec::Row row;
  for (;;) {
    ZJ_ASSIGN_OR_RETURN(bool more, op->Next(&row));
    if (!more) break;
    ZJ_RETURN_IF_ERROR(fn(row));
  }
  return Status::OK();
}

Result<Value> DdlRunner::EvalConst(const planner::Expr& expr) {
  exec::ExecContext ectx;
  s_->FillContext(&ectx, nullptr);
  exec::Row empty;
  return exec::Eval(expr, empty, &ectx);
}

Status DdlRunner::BindCheck(const catalog::Table& t, const catalog::Check& c,
                            const parser::Expr* ast, bool validate) {
  ExprFacts f = FactsOf(ast);
  if (f.subquery_location >= 0) {
    return Status::NotSupported("cannot use subquery in check constraint")
        .WithPosition(Pos(f.subquery_location));
  }
  if (f.aggregate_location >= 0) {
    return Status::Error(sqlstate::kGroupingError,
                         "aggregate functions are not allowed in check constraints")
        .WithPosition(Pos(f.aggregate_location));
  }
  if (f.window_location >= 0) {
    return Status::Error(sqlstate::kWindowingError,
                         "window functions are not allowed in check constraints")
        .WithPosition(Pos(f.window_location));
  }
  // "SELECT (" is 8 characters: pad so the expression sits at its offset in the statement.
  const std::string head = "SELECT (";
  int pad = f.min_location >= static_cast<int>(head.size()) && f.min_location < kMaxPadding
                ? f.min_location - static_cast<int>(head.size())
                : -1;
  std::string sql = head + std::string(pad > 0 ? static_cast<size_t>(pad) : 0, ' ') + c.expr +
                    ") FROM " + QualifiedName(t);
  auto plan = PlanSql(sql);
  if (!plan.ok()) {
    Status st = std::move(plan).status();
    if (pad < 0) st.mutable_info().position = 0;
    return st;
  }
  const auto& cols = (*plan)->columns;
  if (cols.size() != 1) return Status::Internal("CHECK did not bind to one column");
  TypeId tid = cols[0].type.id;
  if (tid != TypeId::kBool && tid != TypeId::kUnknown) {
    return Status::Error(
               sqlstate::kDatatypeMismatch,
               "argument of CHECK must be type boolean, not type " + cols[0].type.ToString())
        .WithPosition(Pos(f.min_location));
  }
  if (!validate) return Status::OK();
  return RunPlan(**plan, [&](const exec::Row& row) -> Status {
    const Value& v = row[0];
    if (v.is_null()) return Status::OK();
    bool ok = v.GetBool();
    if (v.type() != TypeId::kBool) {
      ZJ_ASSIGN_OR_RETURN(Value b, types::ParseText(v.GetString(), LogicalType(TypeId::kBool)));
      ok = b.GetBool();
    }
    if (ok) return Status::OK();
    return Status::Error(sqlstate::kCheckViolation, "check constraint \"" + c.name +
                                                        "\" of relation \"" + t.name +
                                                        "\" is violated by some row");
  });
}

Status DdlRunner::CheckNotNull(const catalog::Table& t, int col) {
  const auto& column = t.columns[static_cast<size_t>(col)];
  return exec::ScanTableRows(ctx_, t, [&](const std::vector<Value>& row) -> Status {
    if (!row[static_cast<size_t>(col)].is_null()) return Status::OK();
    return Status::Error(
        sqlstate::kNotNullViolation,
        "column \"" + column.name + "\" of relation \"" + t.name + "\" contains null values");
  });
}

Status DdlRunner::RewriteRows(const catalog::Table& old_def, const catalog::Table& t,
                              const std::function<Status(exec::Row*)>& fn) {
  std::vector<std::pair<std::string, std::string>> rows;
  {
    std::string p = catalog::IndexPrefix(t.oid, 1);
    auto it = ctx_.txn->Scan(nullptr, p, catalog::PrefixEnd(p));
    for (; it->Valid(); it->Next()) rows.emplace_back(std::string(it->key()), it->value());
    ZJ_RETURN_IF_ERROR(it->status());
  }
  std::vector<LogicalType> types;
  for (const auto& c : old_def.columns) types.push_back(c.type);
  exec::Row row(t.columns.size());
  std::string value;
  for (const auto& [key, data] : rows) {
    ZJ_RETURN_IF_ERROR(s_->interrupt.Check());
    std::fill(row.begin(), row.end(), Value());
    size_t present = 0;
    ZJ_RETURN_IF_ERROR(types::DecodeRow(data, types.data(), types.size(), row.data(), &present));
    // Columns added later than the stored row read their missing value.
    for (size_t i = present; i < old_def.columns.size(); ++i) {
      const auto& c = old_def.columns[i];
      if (c.has_missing && !c.dropped) {
        ZJ_ASSIGN_OR_RETURN(row[i], types::ParseText(c.missing_value, c.type));
      }
    }
    ZJ_RETURN_IF_ERROR(fn(&row));
    value.clear();
    types::EncodeRow(row.data(), row.size(), &value);
    // The table is ours (ACCESS EXCLUSIVE): no row lock needed.
    ZJ_RETURN_IF_ERROR(ctx_.txn->PutUntracked(key, value));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// Views that depend on what a statement changes. Views keep only their SQL text, so a view
// depends on a relation or column when it bound before the change and no longer binds, or
// binds to other columns (SELECT * after DROP COLUMN, a column whose type changed).

bool DdlRunner::ViewColumns(const catalog::View& v, std::vector<LogicalType>* types) {
  auto parsed = parser::ParseSql(v.sql);
  if (!parsed.ok() || parsed->size() != 1) return false;
  auto plan = planner::PlanStatement(*(*parsed)[0].stmt, pc_);
  if (!plan.ok()) return false;
  types->clear();
  for (const auto& c : (*plan)->columns) types->push_back(c.type);
  return true;
}

ViewGuard DdlRunner::ViewsMentioning(const std::vector<std::string>& names) {
  std::vector<std::string> words;
  for (const auto& n : names) words.push_back(Lower(n));
  std::set<Oid> found;
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [oid, v] : data_->views) {
      if (v.database != s_->database_oid || found.count(oid)) continue;
      std::string text = Lower(v.sql);
      for (const auto& w : words) {
        if (text.find(w) == std::string::npos) continue;
        found.insert(oid);
        words.push_back(Lower(v.name));
        grew = true;
        break;
      }
    }
  }
  ViewGuard out;
  for (Oid oid : found) {
    ViewShape shape;
    shape.oid = oid;
    if (ViewColumns(data_->views.at(oid), &shape.types)) out.push_back(std::move(shape));
  }
  return out;
}

std::vector<Oid> DdlRunner::BrokenViews(const ViewGuard& before) {
  std::vector<Oid> out;
  std::vector<LogicalType> types;
  for (const auto& shape : before) {
    auto it = data_->views.find(shape.oid);
    if (it == data_->views.end()) continue;
    if (!ViewColumns(it->second, &types) || types != shape.types) out.push_back(shape.oid);
  }
  return out;
}

Status DdlRunner::HandleBrokenViews(const ViewGuard& before, bool cascade, const std::string& what,
                                    std::vector<std::pair<Oid, std::string>> also) {
  std::vector<Oid> broken = BrokenViews(before);
  if (broken.empty() && also.empty()) return Status::OK();
  // Every dependent object, in creation order as PostgreSQL lists them.
  std::vector<std::pair<Oid, std::string>> deps = std::move(also);
  for (Oid oid : broken) deps.emplace_back(oid, "view " + data_->views.at(oid).name);
  std::stable_sort(deps.begin(), deps.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string detail;
  for (const auto& [oid, desc] : deps) {
    if (!detail.empty()) detail += "\n";
    detail += cascade ? "drop cascades to " + desc : desc + " depends on " + what;
  }
  if (!cascade) {
    return Status::Error(sqlstate::kDependentObjectsStillExist,
                         "cannot drop " + what + " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  if (deps.size() == 1) {
    Notice(sqlstate::kSuccess, detail);
  } else {
    Notice(sqlstate::kSuccess, "drop cascades to " + std::to_string(deps.size()) + " other objects",
           detail);
  }
  for (Oid oid : broken) {
    ZJ_RETURN_IF_ERROR(LockRel(oid, txn::LockMode::kAccessExclusive));
    ZJ_RETURN_IF_ERROR(exec::DropView(ctx_, oid));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------------------------
// Columns and constraints

Status DdlRunner::BuildColumn(const parser::ColumnDef& def, const std::string& table_name,
                              Oid schema, Oid table_oid, catalog::Column* col,
                              std::vector<ConstraintReq>* cons, const parser::Expr** default_ast) {
  col->name = def.name;
  *default_ast = nullptr;
  std::string tname = def.type.name;
  bool serial = false;
  LogicalType type;
  int64_t serial_max = INT64_MAX;
  if (tname == "serial" || tname == "serial4") {
    serial = true;
    type = LogicalType(TypeId::kInt32);
    serial_max = INT32_MAX;
  } else if (tname == "bigserial" || tname == "serial8") {
    serial = true;
    type = LogicalType(TypeId::kInt64);
  } else if (tname == "smallserial" || tname == "serial2") {
    serial = true;
    type = LogicalType(TypeId::kInt16);
    serial_max = INT16_MAX;
  } else {
    auto t = types::TypeFromName(tname, def.type.mods, def.type.is_array);
    if (!t.ok()) return std::move(t).status().WithPosition(Pos(def.type.location));
    type = *t;
  }
  if (serial && def.type.is_array) {
    return Status::Error(sqlstate::kFeatureNotSupported, "array of serial is not implemented")
        .WithPosition(Pos(def.type.location));
  }
  col->type = type;
  bool saw_null = false, saw_not_null = false, saw_default = false;
  for (const auto& c : def.constraints) {
    switch (c.kind) {
      case CKind::kNotNull:
      case CKind::kNull:
        if ((c.kind == CKind::kNotNull && saw_null) || (c.kind == CKind::kNull && saw_not_null)) {
          return Status::Error(sqlstate::kSyntaxError,
                               "conflicting NULL/NOT NULL declarations for column \"" + def.name +
                                   "\" of table \"" + table_name + "\"")
              .WithPosition(Pos(c.location));
        }
        (c.kind == CKind::kNotNull ? saw_not_null : saw_null) = true;
        if (c.kind == CKind::kNotNull) col->not_null = true;
        break;
      case CKind::kDefault:
        if (saw_default || serial) {
          return Status::Error(sqlstate::kSyntaxError,
                               "multiple default values specified for column \"" + def.name +
                                   "\" of table \"" + table_name + "\"")
              .WithPosition(Pos(c.location));
        }
        saw_default = true;
        col->default_expr = c.expr_text;
        *default_ast = c.expr.get();
        break;
      case CKind::kPrimaryKey:
      case CKind::kUnique:
      case CKind::kCheck:
      case CKind::kForeignKey: {
        ConstraintReq r = ToReq(c);
        r.columns = {def.name};
        cons->push_back(std::move(r));
        if (c.kind == CKind::kPrimaryKey) col->not_null = true;
        break;
      }
    }
  }
  if (serial) {
    catalog::Sequence seq;
    seq.oid = ctx_.NewOid();
    seq.name = ChooseRelationName(table_name, def.name, "seq", schema);
    seq.schema = schema;
    seq.database = s_->database_oid;
    seq.max = serial_max;
    seq.owned_by_table = table_oid;
    seq.owned_by_column = def.name;
    std::string qname = seq.name;
    if (schema != catalog::kPublicNamespace) {
      auto it = data_->schemas.find(schema);
      if (it != data_->schemas.end()) qname = it->second.name + "." + seq.name;
    }
    std::string lit;
    for (char ch : qname) lit += ch == '\'' ? std::string("''") : std::string(1, ch);
    col->default_expr = "nextval('" + lit + "'::regclass)";
    col->not_null = true;
    ZJ_RETURN_IF_ERROR(exec::CreateSequence(ctx_, std::move(seq)));
  }
  return Status::OK();
}

Result<std::vector<int>> DdlRunner::KeyColumns(const catalog::Table& t, const ConstraintReq& c) {
  std::vector<int> cols;
  for (const auto& name : c.columns) {
    int i = t.FindColumn(name);
    if (i < 0) {
      return Status::Error(sqlstate::kUndefinedColumn,
                           "column \"" + name + "\" named in key does not exist")
          .WithPosition(Pos(c.location));
    }
    cols.push_back(i);
  }
  return cols;
}

Status DdlRunner::AddConstraint(Oid table_oid, const ConstraintReq& c) {
  auto t = TableOf(table_oid);
  if (!t) return Status::Internal("table vanished");
  switch (c.kind) {
    case CKind::kPrimaryKey:
    case CKind::kUnique: {
      bool primary = c.kind == CKind::kPrimaryKey;
      if (primary && t->primary_key() != nullptr) {
        return Status::Error(sqlstate::kInvalidTableDefinition,
                             "multiple primary keys for table \"" + t->name + "\" are not allowed")
            .WithPosition(Pos(c.location));
      }
      ZJ_ASSIGN_OR_RETURN(std::vector<int> cols, KeyColumns(*t, c));
      catalog::Index ix;
      ix.oid = ctx_.NewOid();
      ix.name = !c.name.empty() ? c.name
                : primary
                    ? ChooseRelationName(t->name, "", "pkey", t->schema)
                    : ChooseRelationName(t->name, JoinNames(c.columns, "_"), "key", t->schema);
      ix.columns = cols;
      ix.descending.assign(cols.size(), false);
      ix.unique = true;
      ix.primary = primary;
      if (primary) return exec::AddPrimaryKey(ctx_, table_oid, std::move(ix));
      return exec::CreateIndex(ctx_, table_oid, std::move(ix));
    }
    case CKind::kCheck: {
      for (const auto& ch : t->checks) {
        if (!c.name.empty() && ch.name == c.name) {
          return Status::Error(
              sqlstate::kDuplicateObject,
              "constraint \"" + c.name + "\" for relation \"" + t->name + "\" already exists");
        }
      }
      catalog::Table nt = *t;
      catalog::Check check{c.name.empty() ? ChooseCheckName(nt, c) : c.name, c.text};
      nt.checks.push_back(check);
      ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, nt));
      return BindCheck(nt, check, c.expr, !c.not_valid);
    }
    case CKind::kForeignKey:
      return AddForeignKey(table_oid, c, !c.not_valid);
    default:
      return Status::Internal("unexpected constraint kind");
  }
}

// ---------------------------------------------------------------------------------------------
// CREATE TABLE

Result<RunResult> DdlRunner::CreateTable(const parser::CreateTableStatement& st) {
  if (st.temporary) return Status::NotSupported("temporary tables are not supported yet");
  ZJ_ASSIGN_OR_RETURN(Oid schema, CreationSchema(st.name));
  const std::string& relname = st.name.back();
  ZJ_RETURN_IF_ERROR(LockNewName(schema, relname));
  if (NameTaken(schema, relname)) {
    if (st.if_not_exists) {
      Notice(sqlstate::kDuplicateTable, "relation \"" + relname + "\" already exists, skipping");
      return Done(st.as_query ? "CREATE TABLE AS" : "CREATE TABLE");
    }
    return Status::Error(sqlstate::kDuplicateTable, "relation \"" + relname + "\" already exists");
  }
  if (st.as_query) return CreateTableAs(st, schema, relname);

  catalog::Table t;
  t.oid = ctx_.NewOid();
  t.name = relname;
  t.schema = schema;
  t.database = s_->database_oid;
  taken_.insert({schema, relname});
  std::vector<ConstraintReq> cons;
  std::vector<const parser::Expr*> default_asts;
  for (const auto& def : st.columns) {
    for (const auto& c : t.columns) {
      if (c.name == def.name) {
        return Status::Error(sqlstate::kDuplicateColumn,
                             "column \"" + def.name + "\" specified more than once")
            .WithPosition(Pos(def.location));
      }
    }
    catalog::Column col;
    const parser::Expr* default_ast = nullptr;
    ZJ_RETURN_IF_ERROR(BuildColumn(def, relname, schema, t.oid, &col, &cons, &default_ast));
    t.columns.push_back(std::move(col));
    default_asts.push_back(default_ast);
  }
  for (const auto& c : st.constraints) {
    cons.push_back(ToReq(c));
  }
  if (t.columns.size() > 1600) {
    return Status::Error(sqlstate::kTooManyColumns, "tables can have at most 1600 columns");
  }

  // Keys: the primary key first (index id 1), then unique constraints; duplicates of an earlier
  // key on the same columns are dropped as PostgreSQL does.
  std::vector<const ConstraintReq*> keys;
  const ConstraintReq* pk = nullptr;
  for (const auto& c : cons) {
    if (c.kind != CKind::kPrimaryKey) continue;
    if (pk != nullptr) {
      return Status::Error(sqlstate::kInvalidTableDefinition,
                           "multiple primary keys for table \"" + relname + "\" are not allowed")
          .WithPosition(Pos(c.location));
    }
    pk = &c;
  }
  if (pk != nullptr) keys.push_back(pk);
  for (const auto& c : cons) {
    if (c.kind == CKind::kUnique) keys.push_back(&c);
  }
  std::vector<std::vector<int>> seen_keys;
  for (const ConstraintReq* c : keys) {
    ZJ_ASSIGN_OR_RETURN(std::vector<int> cols, KeyColumns(t, *c));
    if (c->name.empty() && std::find(seen_keys.begin(), seen_keys.end(), cols) != seen_keys.end()) {
      continue;
    }
    seen_keys.push_back(cols);
    catalog::Index ix;
    ix.oid = ctx_.NewOid();
    ix.primary = c == pk;
    ix.unique = true;
    ix.columns = cols;
    ix.descending.assign(cols.size(), false);
    if (!c->name.empty()) {
      ix.name = c->name;
      if (NameTaken(schema, ix.name)) {
        return Status::Error(sqlstate::kDuplicateTable,
                             "relation \"" + ix.name + "\" already exists");
      }
      taken_.insert({schema, ix.name});
    } else if (ix.primary) {
      ix.name = ChooseRelationName(relname, "", "pkey", schema);
    } else {
      ix.name = ChooseRelationName(relname, JoinNames(c->columns, "_"), "key", schema);
    }
    if (ix.primary) {
      for (int col : cols) t.columns[static_cast<size_t>(col)].not_null = true;
      ix.index_id = 1;
    } else {
      ix.index_id = t.next_index_id++;
    }
    t.indexes.push_back(std::move(ix));
  }

  std::vector<std::pair<catalog::Check, const parser::Expr*>> checks;
  for (const auto& c : cons) {
    if (c.kind != CKind::kCheck) continue;
    if (!c.name.empty()) {
      for (const auto& ch : t.checks) {
        if (ch.name == c.name) {
          return Status::Error(sqlstate::kDuplicateObject,
                               "check constraint \"" + c.name + "\" already exists");
        }
      }
    }
    catalog::Check ch{c.name.empty() ? ChooseCheckName(t, c) : c.name, c.text};
    t.checks.push_back(ch);
    checks.emplace_back(ch, c.expr);
  }

  for (size_t i = 0; i < t.columns.size(); ++i) {
    const auto& col = t.columns[i];
    if (col.default_expr.empty()) continue;
    auto bound = BindDefault(default_asts[i], col.default_expr, col.type);
    if (!bound.ok()) return std::move(bound).status();
  }
  ZJ_RETURN_IF_ERROR(exec::CreateTable(ctx_, t));
  auto created = TableOf(t.oid);
  for (const auto& [ch, ast] : checks) ZJ_RETURN_IF_ERROR(BindCheck(*created, ch, ast, false));
  // Foreign keys once the table exists, so that one may reference the table itself. The
  // table is empty: they are valid (NOT VALID or not), as in PostgreSQL.
  for (ConstraintReq c : cons) {
    if (c.kind != CKind::kForeignKey) continue;
    c.not_valid = false;
    ZJ_RETURN_IF_ERROR(AddForeignKey(t.oid, c, false));
  }
  return Done("CREATE TABLE");
}

Result<RunResult> DdlRunner::CreateTableAs(const parser::CreateTableStatement& st, Oid schema,
                                           const std::string& relname) {
  parser::SelectStatement sel;
  sel.query = st.as_query;
  ZJ_ASSIGN_OR_RETURN(auto plan, planner::PlanStatement(sel, pc_));
  ZJ_RETURN_IF_ERROR(LockPlan(*plan));
  catalog::Table t;
  t.oid = ctx_.NewOid();
  t.name = relname;
  t.schema = schema;
  t.database = s_->database_oid;
  for (const auto& rc : plan->columns) {
    for (const auto& c : t.columns) {
      if (c.name == rc.name) {
        return Status::Error(sqlstate::kDuplicateColumn,
                             "column \"" + rc.name + "\" specified more than once");
      }
    }
    catalog::Column col;
    col.name = rc.name;
    col.type = rc.type.id == TypeId::kUnknown ? LogicalType(TypeId::kText) : rc.type;
    t.columns.push_back(std::move(col));
  }
  ZJ_RETURN_IF_ERROR(exec::CreateTable(ctx_, t));
  auto created = TableOf(t.oid);
  exec::TableStore store(created.get(), ctx_.txn, ctx_.catalog);
  uint64_t n = 0;
  exec::Row out;
  ZJ_RETURN_IF_ERROR(RunPlan(*plan, [&](const exec::Row& row) -> Status {
    out = row;
    for (size_t i = 0; i < out.size() && i < created->columns.size(); ++i) {
      if (out[i].type() == TypeId::kUnknown && !out[i].is_null()) out[i].Relabel(TypeId::kText);
    }
    ++n;
    return store.Insert(out);
  }));
  return Done("SELECT " + std::to_string(n));
}

// ---------------------------------------------------------------------------------------------
// CREATE INDEX / SEQUENCE / VIEW / SCHEMA / DATABASE

Result<RunResult> DdlRunner::CreateIndex(const parser::CreateIndexStatement& st) {
  RelRef rel;
  ZJ_ASSIGN_OR_RETURN(bool found, FindRel(st.table, &rel, false, txn::LockMode::kShare));
  if (!found) {
    return Status::Error(sqlstate::kUndefinedTable,
                         "relation \"" + st.table.back() + "\" does not exist")
        .WithPosition(Pos(st.location));
  }
  if (rel.kind != RelKind::kTable) {
    return Status::Error(sqlstate::kWrongObjectType,
                         "cannot create index on relation \"" + rel.name + "\"")
        .WithDetail(std::string("This operation is not supported for ") + KindNoun(rel.kind) +
                    (rel.kind == RelKind::kIndex ? "es." : "s."));
  }
  // SHARE keeps writers out while the index is built. The index list lives in the table's
  // catalog entry, so two CREATE INDEX on one table must not both change it: SHARE UPDATE
  // EXCLUSIVE as well (it conflicts with SHARE and itself, and with nothing SHARE lets in).
  ZJ_RETURN_IF_ERROR(LockRel(rel.oid, txn::LockMode::kShareUpdateExclusive));
  auto t = TableOf(rel.oid);
  if (st.where) return Status::NotSupported("partial indexes are not supported yet");
  catalog::Index ix;
  std::vector<std::string> names;
  for (const auto& e : st.elems) {
    if (e.expr) {
      return Status::NotSupported("index expressions are not supported yet")
          .WithPosition(Pos(e.expr->location));
    }
    int c = t->FindColumn(e.column);
    if (c < 0) {
      return Status::Error(sqlstate::kUndefinedColumn,
                           "column \"" + e.column + "\" does not exist");
    }
    ix.columns.push_back(c);
    ix.descending.push_back(e.descending);
    names.push_back(e.column);
  }
  if (st.name.empty()) {
    ix.name = ChooseRelationName(t->name, JoinNames(names, "_"), "idx", t->schema);
  } else {
    ix.name = st.name;
    ZJ_RETURN_IF_ERROR(LockNewName(t->schema, ix.name));
    if (NameTaken(t->schema, ix.name)) {
      if (st.if_not_exists) {
        Notice(sqlstate::kDuplicateTable, "relation \"" + ix.name + "\" already exists, skipping");
        return Done("CREATE INDEX");
      }
      return Status::Error(sqlstate::kDuplicateTable,
                           "relation \"" + ix.name + "\" already exists");
    }
  }
  ix.oid = ctx_.NewOid();
  ix.unique = st.unique;
  ZJ_RETURN_IF_ERROR(exec::CreateIndex(ctx_, rel.oid, std::move(ix)));
  return Done("CREATE INDEX");
}

Result<RunResult> DdlRunner::CreateSequence(const parser::CreateSequenceStatement& st) {
  ZJ_ASSIGN_OR_RETURN(Oid schema, CreationSchema(st.name));
  const std::string& name = st.name.back();
  ZJ_RETURN_IF_ERROR(LockNewName(schema, name));
  if (NameTaken(schema, name)) {
    if (st.if_not_exists) {
      Notice(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists, skipping");
      return Done("CREATE SEQUENCE");
    }
    return Status::Error(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
  catalog::Sequence seq;
  seq.name = name;
  seq.schema = schema;
  seq.database = s_->database_oid;
  if (st.has_increment && st.increment == 0) {
    return Status::Error(sqlstate::kInvalidParameterValue, "INCREMENT must not be zero");
  }
  seq.increment = st.has_increment ? st.increment : 1;
  bool ascending = seq.increment > 0;
  seq.min = st.has_min ? st.min : (ascending ? 1 : INT64_MIN);
  seq.max = st.has_max ? st.max : (ascending ? INT64_MAX : -1);
  if (seq.min >= seq.max) {
    return Status::Error(sqlstate::kInvalidParameterValue, "MINVALUE (" + std::to_string(seq.min) +
                                                               ") must be less than MAXVALUE (" +
                                                               std::to_string(seq.max) + ")");
  }
  seq.start = st.has_start ? st.start : (ascending ? seq.min : seq.max);
  if (seq.start < seq.min) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "START value (" + std::to_string(seq.start) +
                             ") cannot be less than MINVALUE (" + std::to_string(seq.min) + ")");
  }
  if (seq.start > seq.max) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "START value (" + std::to_string(seq.start) +
                             ") cannot be greater than MAXVALUE (" + std::to_string(seq.max) + ")");
  }
  if (st.cache <= 0) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "CACHE (" + std::to_string(st.cache) + ") must be greater than zero");
  }
  seq.cache = st.cache;
  seq.cycle = st.cycle;
  if (!st.owned_by.empty()) {
    if (st.owned_by.size() < 2) {
      return Status::Error(sqlstate::kSyntaxError, "invalid OWNED BY option")
          .WithHint("Specify OWNED BY table.column or OWNED BY NONE.");
    }
    std::vector<std::string> tname(st.owned_by.begin(), st.owned_by.end() - 1);
    RelRef rel;
    ZJ_ASSIGN_OR_RETURN(bool found, FindRel(tname, &rel, false, txn::LockMode::kAccessShare));
    if (!found) {
      return Status::Error(sqlstate::kUndefinedTable,
                           "relation \"" + tname.back() + "\" does not exist");
    }
    if (rel.kind != RelKind::kTable && rel.kind != RelKind::kView) {
      return Status::Error(sqlstate::kWrongObjectType,
                           "sequence cannot be owned by relation \"" + rel.name + "\"");
    }
    if (rel.schema != schema) {
      return Status::Error(sqlstate::kObjectNotInPrerequisiteState,
                           "sequence must be in same schema as table it is linked to");
    }
    if (rel.kind == RelKind::kTable && TableOf(rel.oid)->FindColumn(st.owned_by.back()) < 0) {
      return Status::Error(
          sqlstate::kUndefinedColumn,
          "column \"" + st.owned_by.back() + "\" of relation \"" + rel.name + "\" does not exist");
    }
    seq.owned_by_table = rel.oid;
    seq.owned_by_column = st.owned_by.back();
  }
  seq.oid = ctx_.NewOid();
  ZJ_RETURN_IF_ERROR(exec::CreateSequence(ctx_, std::move(seq)));
  return Done("CREATE SEQUENCE");
}

Result<RunResult> DdlRunner::CreateView(const parser::CreateViewStatement& st) {
  ZJ_ASSIGN_OR_RETURN(Oid schema, CreationSchema(st.name));
  const std::string& name = st.name.back();
  parser::SelectStatement sel;
  sel.query = st.query;
  ZJ_ASSIGN_OR_RETURN(auto plan, planner::PlanStatement(sel, pc_));
  ZJ_RETURN_IF_ERROR(LockPlan(*plan));
  ZJ_RETURN_IF_ERROR(LockNewName(schema, name));
  const auto& cols = plan->columns;
  if (st.columns.size() > cols.size()) {
    return Status::Error(sqlstate::kSyntaxError,
                         "CREATE VIEW specifies more column names than columns");
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < cols.size(); ++i) {
    std::string n = i < st.columns.size() ? st.columns[i] : cols[i].name;
    if (std::find(names.begin(), names.end(), n) != names.end()) {
      return Status::Error(sqlstate::kDuplicateColumn,
                           "column \"" + n + "\" specified more than once");
    }
    names.push_back(n);
  }
  RelKind kind;
  Oid old_oid;
  if (data_->FindRelation(schema, name, &kind, &old_oid)) {
    if (!st.or_replace || kind != RelKind::kView) {
      return Status::Error(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
    }
    ZJ_RETURN_IF_ERROR(LockRel(old_oid, txn::LockMode::kAccessExclusive));
    // CREATE OR REPLACE may add columns at the end, never drop, rename or retype one.
    const catalog::View& old = data_->views.at(old_oid);
    auto parsed = parser::ParseSql(old.sql);
    if (parsed.ok() && parsed->size() == 1) {
      auto old_plan = planner::PlanStatement(*(*parsed)[0].stmt, pc_);
      if (old_plan.ok()) {
        const auto& oc = (*old_plan)->columns;
        if (oc.size() > cols.size()) {
          return Status::Error(sqlstate::kInvalidTableDefinition, "cannot drop columns from view");
        }
        for (size_t i = 0; i < oc.size(); ++i) {
          std::string oname = i < old.column_names.size() ? old.column_names[i] : oc[i].name;
          if (oname != names[i]) {
            return Status::Error(sqlstate::kInvalidTableDefinition,
                                 "cannot change name of view column \"" + oname + "\" to \"" +
                                     names[i] + "\"")
                .WithHint(
                    "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column "
                    "instead.");
          }
          LogicalType a = oc[i].type.id == TypeId::kUnknown ? TypeId::kText : oc[i].type;
          LogicalType b = cols[i].type.id == TypeId::kUnknown ? TypeId::kText : cols[i].type;
          if (a != b) {
            return Status::Error(sqlstate::kInvalidTableDefinition,
                                 "cannot change data type of view column \"" + oname + "\" from " +
                                     a.ToString() + " to " + b.ToString());
          }
        }
      }
    }
  }
  catalog::View v;
  v.oid = ctx_.NewOid();
  v.name = name;
  v.schema = schema;
  v.database = s_->database_oid;
  v.sql = st.query_text;
  v.column_names = std::move(names);
  ZJ_RETURN_IF_ERROR(exec::CreateView(ctx_, std::move(v), st.or_replace));
  return Done("CREATE VIEW");
}

Result<RunResult> DdlRunner::CreateSchema(const parser::CreateSchemaStatement& st) {
  ZJ_RETURN_IF_ERROR(Lock(txn::NameLockTag(s_->database_oid, 'n', 0, st.name),
                          txn::LockMode::kAccessExclusive));
  if (data_->FindSchema(s_->database_oid, st.name) != nullptr) {
    if (st.if_not_exists) {
      Notice(sqlstate::kDuplicateSchema, "schema \"" + st.name + "\" already exists, skipping");
      return Done("CREATE SCHEMA");
    }
    return Status::Error(sqlstate::kDuplicateSchema, "schema \"" + st.name + "\" already exists");
  }
  if (st.name.rfind("pg_", 0) == 0) {
    return Status::Error("42939", "unacceptable schema name \"" + st.name + "\"")
        .WithDetail("The prefix \"pg_\" is reserved for system schemas.");
  }
  catalog::Schema sc{ctx_.NewOid(), st.name, s_->database_oid};
  ZJ_RETURN_IF_ERROR(exec::CreateSchema(ctx_, std::move(sc)));
  return Done("CREATE SCHEMA");
}

Result<RunResult> DdlRunner::CreateDatabase(const parser::CreateDatabaseStatement& st) {
  ZJ_RETURN_IF_ERROR(Lock(txn::NameLockTag(0, 'd', 0, st.name), txn::LockMode::kAccessExclusive));
  catalog::Database db{ctx_.NewOid(), st.name};
  ZJ_RETURN_IF_ERROR(exec::CreateDatabase(ctx_, std::move(db)));
  return Done("CREATE DATABASE");
}
// ---------------------------------------------------------------------------------------------

Result<RunResult> DdlRunner::Run(const parser::Statement& stmt) {
  Result<RunResult> r = RunKind(stmt);
  if (r.ok() && !ctx_.oid_error.ok()) return ctx_.oid_error;
  return r;
}

Result<RunResult> DdlRunner::RunKind(const parser::Statement& stmt) {
  using parser::StmtKind;
  switch (stmt.kind) {
    case StmtKind::kCreateTable:
      return CreateTable(static_cast<const parser::CreateTableStatement&>(stmt));
    case StmtKind::kCreateIndex:
      return CreateIndex(static_cast<const parser::CreateIndexStatement&>(stmt));
    case StmtKind::kCreateSequence:
      return CreateSequence(static_cast<const parser::CreateSequenceStatement&>(stmt));
    case StmtKind::kCreateView:
      return CreateView(static_cast<const parser::CreateViewStatement&>(stmt));
    case StmtKind::kCreateSchema:
      return CreateSchema(static_cast<const parser::CreateSchemaStatement&>(stmt));
    case StmtKind::kCreateDatabase:
      return CreateDatabase(static_cast<const parser::CreateDatabaseStatement&>(stmt));
    case StmtKind::kDrop:
      return Drop(static_cast<const parser::DropStatement&>(stmt));
    case StmtKind::kAlterTable:
      return AlterTable(static_cast<const parser::AlterTableStatement&>(stmt));
    case StmtKind::kTruncate:
      return Truncate(static_cast<const parser::TruncateStatement&>(stmt));
    default:
      return Status::Internal("not a DDL statement");
  }
}

}  // namespace zijin::server::ddl

namespace zijin::server {

using ddl::Oid;

bool IsDdl(const parser::Statement& stmt) {
  using parser::StmtKind;
  switch (stmt.kind) {
    case StmtKind::kCreateTable:
    case StmtKind::kCreateIndex:
    case StmtKind::kCreateSequence:
    case StmtKind::kCreateView:
    case StmtKind::kCreateSchema:
    case StmtKind::kCreateDatabase:
    case StmtKind::kDrop:
    case StmtKind::kAlterTable:
    case StmtKind::kTruncate:
      return true;
    default:
      return false;
  }
}

Result<RunResult> RunDdl(SqlSession::Impl* session, const parser::Statement& stmt) {
  std::string tag = ddl::TagOf(stmt);
  bool database_level = stmt.kind == parser::StmtKind::kCreateDatabase ||
                        (stmt.kind == parser::StmtKind::kDrop &&
                         static_cast<const parser::DropStatement&>(stmt).object ==
                             parser::DropStatement::Object::kDatabase);
  if (database_level && session->explicit_block) {
    return Status::Error(sqlstate::kActiveSqlTransaction,
                         tag + " cannot run inside a transaction block");
  }
  ZJ_RETURN_IF_ERROR(session->EnsureTransaction());
  if (session->txn->read_only()) {
    return Status::Error(sqlstate::kReadOnlySqlTransaction,
                         "cannot execute " + tag + " in a read-only transaction");
  }
  ZJ_ASSIGN_OR_RETURN(catalog::CatalogData * data, session->BeginDdl());
  // A failed statement changes nothing: the caller rolls back its writes to the statement's
  // savepoint; the catalog version and the deferred work are restored here.
  size_t ranges = session->ranges_to_drop.size();
  size_t notices = session->notices.size();
  for (int attempt = 0;; ++attempt) {
    catalog::CatalogData backup = *data;
    ddl::DdlRunner runner(session, data);
    Result<RunResult> r = runner.Run(stmt);
    if (r.ok()) {
      for (Oid oid : runner.forget()) session->forget_runtime.insert(oid);
      return r;
    }
    *data = std::move(backup);
    session->ranges_to_drop.resize(ranges);
    if (!r.status().Is(ddl::kRetryStatement)) return r;
    if (attempt >= 100) {
      return Status::Error(sqlstate::kSerializationFailure,
                           "could not serialize access due to concurrent DDL");
    }
    // Another transaction's DDL was published while we took a lock (perhaps waiting for that
    // very transaction): start over on the new catalog. The locks taken stay.
    ZJ_RETURN_IF_ERROR(session->txn->kv()->RollbackToSavePoint());
    session->txn->kv()->SetSavePoint();
    session->notices.resize(notices);
    ZJ_RETURN_IF_ERROR(session->RebaseCatalog());
    data = session->pending_catalog.get();
  }
}

}  // namespace zijin::server
