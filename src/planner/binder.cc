// The binder's backbone: statement dispatch, catalog lookups along the search path, table
// scopes, DEFAULT and CHECK expressions, and small helpers over bound expressions.
#include "planner/internal/binder.h"

#include <algorithm>
#include <set>

#include "catalog/system_views.h"
#include "exec/functions/function_registry.h"
#include "parser/parse.h"
#include "types/array.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;
using types::Value;

namespace {

constexpr int kMaxQueryDepth = 64;

std::string JoinName(const std::vector<std::string>& name) {
  std::string s;
  for (const auto& part : name) s += (s.empty() ? "" : ".") + part;
  return s;
}

// Splits a single "schema.name" string (as regclass literals and DEFAULT texts spell it).
std::vector<std::string> SplitDotted(const std::vector<std::string>& name) {
  if (name.size() != 1 || name[0].find('.') == std::string::npos) return name;
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t dot = name[0].find('.', start);
    parts.push_back(name[0].substr(start, dot == std::string::npos ? std::string::npos
                                                                    : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

bool HasCorrelatedSubquery(const Expr& e) {
  if (e.kind == ExprKind::kSubquery && e.correlated) return true;
  for (const auto& a : e.args) {
    if (HasCorrelatedSubquery(*a)) return true;
  }
  return false;
}

bool HasVolatile(const Expr& e) {
  if (e.volatile_fn) return true;
  for (const auto& a : e.args) {
    if (HasVolatile(*a)) return true;
  }
  return false;
}

bool ContainsAggregate(const parser::Expr& e) {
  if (e.kind == parser::ExprKind::kSubquery) {
    // Only the left operand of IN/ANY/ALL belongs to this query level.
    return !e.args.empty() && ContainsAggregate(*e.args[0]);
  }
  if (e.kind == parser::ExprKind::kFunc && !e.over &&
      (e.star || exec::IsAggregateName(e.names.back()))) {
    return true;
  }
  for (const auto& a : e.args) {
    if (a && ContainsAggregate(*a)) return true;
  }
  if (e.filter && ContainsAggregate(*e.filter)) return true;
  return false;
}

std::shared_ptr<PlanNode> MakeProject(std::shared_ptr<PlanNode> child,
                                      std::vector<ExprPtr> exprs) {
  auto p = std::make_shared<PlanNode>(PlanKind::kProject);
  for (const auto& e : exprs) p->output_types.push_back(e->type);
  p->exprs = std::move(exprs);
  p->children.push_back(std::move(child));
  return p;
}

std::shared_ptr<PlanNode> MakeFilter(std::shared_ptr<PlanNode> child, ExprPtr predicate) {
  if (!predicate) return child;
  auto f = std::make_shared<PlanNode>(PlanKind::kFilter);
  f->output_types = child->output_types;
  f->predicate = std::move(predicate);
  f->children.push_back(std::move(child));
  return f;
}

void Binder::NoteRelation(catalog::Oid oid, RelationUse::Kind kind) {
  for (auto& r : relations_) {
    if (r.oid != oid) continue;
    r.kind = std::max(r.kind, kind);
    return;
  }
  relations_.push_back(RelationUse{oid, kind});
}

void Binder::NoteForeignKeyRelations(const catalog::Table& table, bool inserts,
                                     bool changes_keys) {
  using Kind = RelationUse::Kind;
  if (inserts) {
    for (const auto& fk : table.foreign_keys) NoteRelation(fk.ref_table, Kind::kLockRows);
  }
  if (!changes_keys || ctx_.catalog == nullptr) return;
  // A cascade writes the referencing table, whose own referencing tables it may reach in turn.
  std::vector<const catalog::Table*> todo{&table};
  std::set<catalog::Oid> visited{table.oid};
  while (!todo.empty()) {
    const catalog::Table* t = todo.back();
    todo.pop_back();
    for (const auto& ref : ctx_.catalog->ReferencesTo(t->oid)) {
      auto writes = [](catalog::FkAction a) {
        return a != catalog::FkAction::kNoAction && a != catalog::FkAction::kRestrict;
      };
      bool cascades = writes(ref.key->on_delete) || writes(ref.key->on_update);
      NoteRelation(ref.table->oid, cascades ? Kind::kWrite : Kind::kLockRows);
      if (cascades && visited.insert(ref.table->oid).second) {
        todo.push_back(ref.table);
        // Cascaded changes write new keys into the referencing table: they are checked too.
        for (const auto& fk : ref.table->foreign_keys) NoteRelation(fk.ref_table, Kind::kLockRows);
      }
    }
  }
}

Result<std::shared_ptr<const PlannedStatement>> Binder::BindStatement(
    const parser::Statement& stmt) {
  Result<std::shared_ptr<const PlannedStatement>> r = BindStatementKind(stmt);
  if (r.ok()) std::const_pointer_cast<PlannedStatement>(*r)->relations = relations_;
  return r;
}

Result<std::shared_ptr<const PlannedStatement>> Binder::BindStatementKind(
    const parser::Statement& stmt) {
  switch (stmt.kind) {
    case parser::StmtKind::kSelect: {
      const auto& s = static_cast<const parser::SelectStatement&>(stmt);
      ZJ_ASSIGN_OR_RETURN(Bound b, BindQuery(*s.query, nullptr));
      auto ps = std::make_shared<PlannedStatement>();
      ps->kind = PlannedStatement::Kind::kSelect;
      ps->writes = s.query->for_update;
      std::vector<const ScopeColumn*> cols;
      for (const auto& c : b.scope.columns) cols.push_back(&c);
      std::sort(cols.begin(), cols.end(),
                [](const ScopeColumn* a, const ScopeColumn* b) { return a->index < b->index; });
      for (const ScopeColumn* c : cols) {
        ps->columns.push_back(ResultColumn{c->name, c->type, c->table_oid, c->attnum});
      }
      ps->root = b.plan;
      return std::shared_ptr<const PlannedStatement>(std::move(ps));
    }
    case parser::StmtKind::kInsert:
      return BindInsert(static_cast<const parser::InsertStatement&>(stmt));
    case parser::StmtKind::kUpdate:
      return BindUpdate(static_cast<const parser::UpdateStatement&>(stmt));
    case parser::StmtKind::kDelete:
      return BindDelete(static_cast<const parser::DeleteStatement&>(stmt));
    default:
      return Status::Internal("statement is not planned by the planner");
  }
}

Result<Bound> Binder::BindQuery(const parser::SelectStmt& q, const Scope* outer) {
  if (depth_ >= kMaxQueryDepth) {
    return Status::Error(sqlstate::kStatementTooComplex, "stack depth limit exceeded")
        .WithHint("Queries nest too deeply.");
  }
  ++depth_;
  bool pushed = false;
  if (!q.with.empty()) {
    std::map<std::string, const parser::CommonTableExpr*> level;
    for (const auto& cte : q.with) {
      if (level.count(cte.name)) {
        --depth_;
        return Status::Error(sqlstate::kDuplicateAlias,
                             "WITH query name \"" + cte.name + "\" specified more than once")
            .WithPosition(Pos(q.location));
      }
      level[cte.name] = &cte;
    }
    ctes_.push_back(std::move(level));
    pushed = true;
  }
  Result<Bound> r = Status::OK();
  switch (q.op) {
    case parser::SelectStmt::Op::kSimple: r = BindSelect(q, outer); break;
    case parser::SelectStmt::Op::kValues: r = BindValues(q, outer); break;
    default: r = BindSetOp(q, outer); break;
  }
  if (pushed) ctes_.pop_back();
  --depth_;
  return r;
}

std::vector<catalog::Oid> Binder::SearchSchemas() const {
  std::vector<catalog::Oid> out;
  bool has_catalog = std::find(ctx_.search_path.begin(), ctx_.search_path.end(),
                               "pg_catalog") != ctx_.search_path.end();
  if (!has_catalog) out.push_back(catalog::kPgCatalogNamespace);
  for (const auto& name : ctx_.search_path) {
    const catalog::Schema* s = ctx_.catalog->FindSchema(ctx_.database, name);
    if (s != nullptr && std::find(out.begin(), out.end(), s->oid) == out.end()) {
      out.push_back(s->oid);
    }
  }
  return out;
}

Result<std::shared_ptr<const catalog::Table>> Binder::LookupTable(
    const std::vector<std::string>& raw_name, int location, bool missing_ok) {
  std::vector<std::string> name = SplitDotted(raw_name);
  auto missing = [&]() -> Result<std::shared_ptr<const catalog::Table>> {
    if (missing_ok) return std::shared_ptr<const catalog::Table>();
    return Status::Error(sqlstate::kUndefinedTable,
                         "relation \"" + JoinName(name) + "\" does not exist")
        .WithPosition(Pos(location));
  };
  std::vector<catalog::Oid> schemas;
  if (name.size() >= 2) {
    const catalog::Schema* s = ctx_.catalog->FindSchema(ctx_.database, name[name.size() - 2]);
    if (s == nullptr) return missing();
    schemas.push_back(s->oid);
  } else {
    schemas = SearchSchemas();
  }
  for (catalog::Oid schema : schemas) {
    catalog::RelKind kind;
    catalog::Oid oid;
    if (!ctx_.catalog->FindRelation(schema, name.back(), &kind, &oid)) continue;
    if (kind != catalog::RelKind::kTable) {
      if (missing_ok) return std::shared_ptr<const catalog::Table>();
      return Status::Error(sqlstate::kWrongObjectType,
                           "\"" + name.back() + "\" is not a table")
          .WithPosition(Pos(location));
    }
    auto it = ctx_.catalog->tables.find(oid);
    if (it != ctx_.catalog->tables.end()) return it->second;
  }
  return missing();
}

Result<const catalog::Sequence*> Binder::LookupSequence(const std::string& raw, int location) {
  std::vector<std::string> name = SplitDotted({raw});
  std::vector<catalog::Oid> schemas;
  if (name.size() >= 2) {
    const catalog::Schema* s = ctx_.catalog->FindSchema(ctx_.database, name[name.size() - 2]);
    if (s != nullptr) schemas.push_back(s->oid);
  } else {
    schemas = SearchSchemas();
  }
  for (catalog::Oid schema : schemas) {
    catalog::RelKind kind;
    catalog::Oid oid;
    if (!ctx_.catalog->FindRelation(schema, name.back(), &kind, &oid)) continue;
    if (kind != catalog::RelKind::kSequence) {
      return Status::Error(sqlstate::kWrongObjectType,
                           "\"" + name.back() + "\" is not a sequence")
          .WithPosition(Pos(location));
    }
    auto it = ctx_.catalog->sequences.find(oid);
    if (it != ctx_.catalog->sequences.end()) return &it->second;
  }
  return Status::Error(sqlstate::kUndefinedTable,
                       "relation \"" + JoinName(name) + "\" does not exist")
      .WithPosition(Pos(location));
}

catalog::Oid Binder::CreationSchema(const std::vector<std::string>& name, std::string* relname,
                                    Status* error) {
  *relname = name.empty() ? std::string() : name.back();
  if (name.size() >= 2) {
    const std::string& schema = name[name.size() - 2];
    const catalog::Schema* s = ctx_.catalog->FindSchema(ctx_.database, schema);
    if (s == nullptr) {
      *error = Status::Error(sqlstate::kInvalidSchemaName,
                             "schema \"" + schema + "\" does not exist");
      return 0;
    }
    return s->oid;
  }
  for (const auto& path : ctx_.search_path) {
    const catalog::Schema* s = ctx_.catalog->FindSchema(ctx_.database, path);
    if (s != nullptr) return s->oid;
  }
  *error = Status::Error(sqlstate::kInvalidSchemaName, "no schema has been selected to create in");
  return 0;
}

Scope Binder::TableScope(const catalog::Table& t, const std::string& alias) {
  Scope s;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const catalog::Column& c = t.columns[i];
    if (c.dropped) continue;
    ScopeColumn sc;
    sc.table = alias.empty() ? t.name : alias;
    sc.name = c.name;
    sc.type = c.type;
    sc.index = static_cast<int>(i);
    sc.table_oid = t.oid;
    sc.attnum = static_cast<int16_t>(i + 1);
    sc.base_table = true;
    s.columns.push_back(std::move(sc));
  }
  return s;
}

Result<ExprPtr> Binder::BindExprText(const std::string& text, const Scope& scope) {
  ZJ_ASSIGN_OR_RETURN(auto stmts, parser::ParseSql("SELECT " + text));
  if (stmts.size() != 1 || stmts[0].stmt->kind != parser::StmtKind::kSelect) {
    return Status::Internal("bad stored expression: " + text);
  }
  const auto& sel = static_cast<const parser::SelectStatement&>(*stmts[0].stmt);
  if (!sel.query || sel.query->targets.size() != 1) {
    return Status::Internal("bad stored expression: " + text);
  }
  AggContext none;
  none.clause = "DEFAULT expressions";
  AggContext* saved = agg_;
  agg_ = &none;
  auto r = BindExpr(*sel.query->targets[0].expr, scope);
  agg_ = saved;
  if (!r.ok()) {
    Status st = std::move(r).status();
    st.mutable_info().position = 0;  // positions point into the stored text, not the statement
    return st;
  }
  return r;
}

Result<ExprPtr> Binder::BindDefault(const catalog::Table& t, size_t col) {
  const catalog::Column& c = t.columns[col];
  if (c.default_expr.empty() || c.dropped) return MakeConst(Value::Null(c.type.id), c.type);
  Scope empty;
  ZJ_ASSIGN_OR_RETURN(ExprPtr e, BindExprText(c.default_expr, empty));
  return Coerce(std::move(e), c.type, types::CastContext::kAssignment, -1);
}

Status Binder::BindChecks(const catalog::Table& t, std::vector<ExprPtr>* checks,
                          std::vector<std::string>* names) {
  if (t.checks.empty()) return Status::OK();
  Scope scope = TableScope(t, t.name);
  for (const auto& ck : t.checks) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr e, BindExprText(ck.expr, scope));
    ZJ_ASSIGN_OR_RETURN(e, CoerceToBool(std::move(e), "CHECK", -1));
    checks->push_back(std::move(e));
    names->push_back(ck.name);
  }
  return Status::OK();
}

Result<std::vector<std::string>> Binder::CurrentSchemas(const parser::Expr& cs,
                                                        const Scope& scope) {
  if (cs.args.size() != 1) {
    return Status::Error(sqlstate::kUndefinedFunction,
                         "function current_schemas() does not exist")
        .WithHint("No function matches the given name and argument types. You might need to "
                  "add explicit type casts.")
        .WithPosition(Pos(cs.location));
  }
  ZJ_ASSIGN_OR_RETURN(ExprPtr implicit, BindExpr(*cs.args[0], scope));
  ZJ_ASSIGN_OR_RETURN(implicit, Coerce(std::move(implicit), LogicalType(TypeId::kBool),
                                       types::CastContext::kImplicit, cs.location));
  if (implicit->kind != ExprKind::kConst) {
    return Status::NotSupported("current_schemas() needs a constant argument")
        .WithPosition(Pos(cs.location));
  }
  bool with_implicit = !implicit->value.is_null() && implicit->value.GetBool();
  std::vector<std::string> names;
  for (catalog::Oid oid : SearchSchemas()) {
    if (oid == catalog::kPgCatalogNamespace && !with_implicit &&
        std::find(ctx_.search_path.begin(), ctx_.search_path.end(), "pg_catalog") ==
            ctx_.search_path.end()) {
      continue;
    }
    auto it = ctx_.catalog->schemas.find(oid);
    if (it != ctx_.catalog->schemas.end()) names.push_back(it->second.name);
  }
  return names;
}

Result<ExprPtr> Binder::BindCurrentSchemas(const parser::Expr& e, const Scope& scope) {
  ZJ_ASSIGN_OR_RETURN(std::vector<std::string> names, CurrentSchemas(e, scope));
  types::ArrayData a;
  a.element = LogicalType(TypeId::kName);
  for (std::string& n : names) a.elements.push_back(Value::String(TypeId::kName, std::move(n)));
  return MakeConst(types::MakeArray(a), LogicalType::Array(LogicalType(TypeId::kName)));
}

Result<ExprPtr> Binder::BindSchemaPosition(const parser::Expr& e, const Scope& scope) {
  ZJ_ASSIGN_OR_RETURN(std::vector<std::string> names, CurrentSchemas(*e.args[0], scope));
  ZJ_ASSIGN_OR_RETURN(ExprPtr x, BindExpr(*e.args[1], scope));
  ZJ_ASSIGN_OR_RETURN(x, Coerce(std::move(x), LogicalType(TypeId::kText),
                                types::CastContext::kImplicit, e.args[1]->location));
  const LogicalType int4(TypeId::kInt32);
  if (names.empty()) return MakeConst(Value::Null(TypeId::kInt32), int4);
  auto c = std::make_unique<Expr>(ExprKind::kCase, int4);
  c->case_has_operand = true;
  c->case_has_else = true;
  c->args.push_back(std::move(x));
  for (size_t i = 0; i < names.size(); ++i) {
    c->args.push_back(MakeConst(Value::Text(names[i]), LogicalType(TypeId::kText)));
    c->args.push_back(MakeConst(Value::Int32(static_cast<int32_t>(i + 1)), int4));
  }
  c->args.push_back(MakeConst(Value::Null(TypeId::kInt32), int4));
  return ExprPtr(std::move(c));
}

}  // namespace zijin::planner
