// The planner's entry points: which statements it plans, statement planning with parameter
// type inference, and standalone expressions.
#include "planner/planner.h"

#include <functional>

#include "parser/parse.h"
#include "parser/syntax.h"
#include "planner/internal/binder.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;

namespace {

void VisitExpr(Expr* e, const std::function<void(Expr*)>& fn);

void VisitPlan(PlanNode* p, const std::function<void(Expr*)>& fn) {
  auto one = [&](ExprPtr& e) {
    if (e) VisitExpr(e.get(), fn);
  };
  auto all = [&](std::vector<ExprPtr>& v) {
    for (auto& e : v) one(e);
  };
  one(p->predicate);
  all(p->exprs);
  for (auto& r : p->rows) all(r);
  all(p->left_keys);
  all(p->right_keys);
  all(p->group_keys);
  for (auto& a : p->aggregates) {
    all(a.args);
    one(a.filter);
    for (auto& k : a.order_by) one(k.expr);
  }
  for (auto& k : p->sort_keys) one(k.expr);
  for (auto& w : p->windows) {
    all(w.args);
    one(w.filter);
    all(w.partition_by);
    for (auto& k : w.order_by) one(k.expr);
    one(w.start_offset);
    one(w.end_offset);
  }
  one(p->limit);
  one(p->offset);
  all(p->lower.values);
  all(p->upper.values);
  all(p->index_conds);
  all(p->checks);
  all(p->returning);
  if (p->on_conflict) {
    all(p->on_conflict->set_exprs);
    one(p->on_conflict->where);
  }
  for (const auto& c : p->children) VisitPlan(Mutable(c), fn);
}

void VisitExpr(Expr* e, const std::function<void(Expr*)>& fn) {
  fn(e);
  for (auto& a : e->args) VisitExpr(a.get(), fn);
  if (e->subplan) VisitPlan(Mutable(e->subplan), fn);
}

}  // namespace

bool IsPlannable(const parser::Statement& stmt) {
  switch (stmt.kind) {
    case parser::StmtKind::kSelect:
    case parser::StmtKind::kInsert:
    case parser::StmtKind::kUpdate:
    case parser::StmtKind::kDelete:
      return true;
    default:
      return false;
  }
}

Result<std::shared_ptr<const PlannedStatement>> PlanStatement(const parser::Statement& stmt,
                                                              PlanContext& ctx) {
  std::vector<LogicalType> local;
  std::vector<LogicalType>* saved = ctx.param_types;
  if (ctx.param_types == nullptr) ctx.param_types = &local;
  Binder binder(ctx);
  auto r = binder.BindStatement(stmt);
  if (ctx.relations_seen != nullptr) *ctx.relations_seen = binder.relations();
  std::vector<LogicalType>& params = *ctx.param_types;
  ctx.param_types = saved;
  ZJ_RETURN_IF_ERROR(r.status());
  // Parameters no context typed are text, as an untyped literal would be; every use of a
  // parameter carries its final type.
  bool any_unknown = false;
  for (auto& t : params) {
    if (t.id == TypeId::kUnknown) {
      t = LogicalType(TypeId::kText);
      any_unknown = true;
    }
  }
  (void)any_unknown;
  if (!params.empty()) {
    VisitPlan(Mutable((*r)->root), [&](Expr* e) {
      if (e->kind == ExprKind::kParam && e->type.id == TypeId::kUnknown) {
        e->type = params[static_cast<size_t>(e->index)];
      }
    });
  }
  return r;
}

Result<std::shared_ptr<const catalog::Table>> LookupTable(const std::vector<std::string>& name,
                                                          int location, PlanContext& ctx) {
  Binder binder(ctx);
  return binder.LookupTable(name, location);
}

Result<ExprPtr> PlanStandaloneExpr(std::string_view sql, const LogicalType& target,
                                   PlanContext& ctx) {
  ZJ_ASSIGN_OR_RETURN(auto stmts, parser::ParseSql("SELECT " + std::string(sql)));
  if (stmts.size() != 1 || stmts[0].stmt->kind != parser::StmtKind::kSelect) {
    return Status::Error(sqlstate::kSyntaxError, "syntax error in expression");
  }
  const auto& sel = static_cast<const parser::SelectStatement&>(*stmts[0].stmt);
  if (!sel.query || sel.query->op != parser::SelectStmt::Op::kSimple ||
      sel.query->targets.size() != 1 || !sel.query->from.empty()) {
    return Status::Error(sqlstate::kSyntaxError, "syntax error in expression");
  }
  std::vector<LogicalType> local;
  std::vector<LogicalType>* saved = ctx.param_types;
  if (ctx.param_types == nullptr) ctx.param_types = &local;
  Binder binder(ctx);
  Scope empty;
  auto r = binder.BindExpr(*sel.query->targets[0].expr, empty);
  if (r.ok()) {
    if (target.id == TypeId::kUnknown) {
      r = binder.ResolveUnknown(std::move(*r));
    } else {
      r = binder.Coerce(std::move(*r), target, types::CastContext::kAssignment, -1);
    }
  }
  ctx.param_types = saved;
  if (!r.ok()) {
    // Positions refer to the "SELECT " prefix added here.
    Status st = std::move(r).status();
    if (st.info().position > 7) st.mutable_info().position -= 7;
    return st;
  }
  return r;
}

}  // namespace zijin::planner
