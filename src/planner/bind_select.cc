// Binding queries: SELECT lists, WHERE, GROUP BY/HAVING with aggregates, DISTINCT [ON],
// ORDER BY, LIMIT/OFFSET, FOR UPDATE, VALUES and UNION/INTERSECT/EXCEPT.
#include <algorithm>
#include <set>

#include "exec/functions/function_registry.h"
#include "planner/internal/binder.h"
#include "types/type_io.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;
using types::Value;

namespace {

// Restores the binder's aggregate context when a query level ends, however it ends.
class AggGuard {
 public:
  AggGuard(AggContext** slot, AggContext* value) : slot_(slot), saved_(*slot) { *slot = value; }
  ~AggGuard() { *slot_ = saved_; }
  AggGuard(const AggGuard&) = delete;
  AggGuard& operator=(const AggGuard&) = delete;

 private:
  AggContext** slot_;
  AggContext* saved_;
};

bool IsBareName(const parser::Expr& e) {
  return e.kind == parser::ExprKind::kColumnRef && e.names.size() == 1 && !e.star;
}

Result<int64_t> Ordinal(const parser::Expr& e) {
  auto v = types::ParseText(e.text, LogicalType(TypeId::kInt64));
  if (!v.ok()) return std::move(v).status().WithPosition(Pos(e.location));
  return v->GetInt();
}

void LockScans(PlanNode* p, parser::SelectStmt::LockWait wait, Binder* binder) {
  if (p->kind == PlanKind::kSeqScan || p->kind == PlanKind::kIndexScan) {
    p->lock_rows = true;
    p->lock_wait = static_cast<PlanNode::LockWait>(wait);
    binder->NoteRelation(p->table->oid, RelationUse::Kind::kLockRows);
  }
  for (const auto& c : p->children) LockScans(Mutable(c), wait, binder);
}

// PostgreSQL's functional dependency: when GROUP BY has every primary-key column of a table in
// FROM, the table's other columns are determined by the group and may be selected. They are
// added as extra keys, which splits no group.
void AddFunctionallyDependentKeys(const Scope& from, const catalog::CatalogData& catalog,
                                  std::vector<ExprPtr>* keys) {
  auto grouped = [&](const ScopeColumn& c) {
    for (const auto& k : *keys) {
      if (k->kind == ExprKind::kColumn && k->depth == 0 && k->index == c.index) return true;
    }
    return false;
  };
  std::set<std::pair<std::string, uint32_t>> seen;  // table instances: alias, oid
  for (const ScopeColumn& c : from.columns) {
    if (!c.base_table || !seen.insert({c.table, c.table_oid}).second) continue;
    const catalog::Table* table = catalog.GetTable(c.table_oid);
    const catalog::Index* pk = table == nullptr ? nullptr : table->primary_key();
    if (pk == nullptr) continue;
    auto same_instance = [&](const ScopeColumn& o) {
      return o.base_table && o.table == c.table && o.table_oid == c.table_oid;
    };
    bool covered = true;
    for (int col : pk->columns) {
      bool found = false;
      for (const ScopeColumn& o : from.columns) {
        if (same_instance(o) && o.attnum == col + 1) found = grouped(o);
        if (found) break;
      }
      covered &= found;
    }
    if (!covered) continue;
    for (const ScopeColumn& o : from.columns) {
      if (same_instance(o) && !o.hidden && !grouped(o)) {
        keys->push_back(MakeColumn(o.index, o.type));
      }
    }
  }
}

Scope OutputScope(const std::vector<BoundTarget>& targets) {
  Scope s;
  for (size_t i = 0; i < targets.size(); ++i) {
    ScopeColumn c;
    c.name = targets[i].name;
    c.type = targets[i].expr->type;
    c.index = static_cast<int>(i);
    c.table_oid = targets[i].table_oid;
    c.attnum = targets[i].attnum;
    s.columns.push_back(std::move(c));
  }
  return s;
}

std::vector<const ScopeColumn*> ByIndex(const Scope& s) {
  std::vector<const ScopeColumn*> cols;
  for (const auto& c : s.columns) cols.push_back(&c);
  std::sort(cols.begin(), cols.end(),
            [](const ScopeColumn* a, const ScopeColumn* b) { return a->index < b->index; });
  return cols;
}


// Types whose index key order is the order Sort gives their values (byte-wise text, numbers,
// times); others (char(n)'s padding, intervals, arrays ...) always sort.
bool KeyOrderIsSortOrder(TypeId t) {
  switch (t) {
    case TypeId::kBool:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kNumeric:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBytea:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: return true;
    default: return false;
  }
}

// The scan under `plan` that yields its rows in `keys` order, so that ORDER BY needs no Sort,
// or null: one table's scan, under filters and projections, reads its primary key or an index
// in key order, forward or (*backward) from the end, once the columns an index condition fixes
// by equality are set aside. Keys must have default NULL placement (last ascending, first
// descending) unless their column is NOT NULL. A LIMIT then stops the scan early, and
// FOR UPDATE locks only the rows returned.
PlanNode* OrderedScan(const PlanNode& plan, const std::vector<SortKey>& keys, bool* backward) {
  std::vector<int> cols;  // the keys as columns of the node at hand
  for (const auto& k : keys) {
    if (k.expr->kind != ExprKind::kColumn || k.expr->depth != 0) return nullptr;
    cols.push_back(k.expr->index);
  }
  const PlanNode* p = &plan;
  while (p->kind == PlanKind::kProject || p->kind == PlanKind::kFilter) {
    if (p->kind == PlanKind::kProject) {
      for (int& c : cols) {
        const Expr& e = *p->exprs[static_cast<size_t>(c)];
        if (e.kind != ExprKind::kColumn || e.depth != 0) return nullptr;
        c = e.index;
      }
    }
    p = p->children[0].get();
  }
  if (p->kind != PlanKind::kSeqScan && p->kind != PlanKind::kIndexScan) return nullptr;
  const catalog::Table& t = *p->table;
  const catalog::Index* index = p->kind == PlanKind::kIndexScan ? p->index : t.primary_key();
  if (index == nullptr) return nullptr;  // rows in insertion order
  // The scan's order: the index columns, then (a secondary index's ties) the primary key.
  std::vector<std::pair<int, bool>> order;  // column, descending
  for (size_t i = 0; i < index->columns.size(); ++i) {
    order.emplace_back(index->columns[i], index->descending[i]);
  }
  const catalog::Index* pk = t.primary_key();
  if (!index->primary && pk != nullptr) {
    for (size_t i = 0; i < pk->columns.size(); ++i) {
      order.emplace_back(pk->columns[i], pk->descending[i]);
    }
  }
  size_t fixed =
      p->kind == PlanKind::kIndexScan ? std::min(p->lower.equalities, p->upper.equalities) : 0;
  auto is_fixed = [&](int col) {
    for (size_t i = 0; i < fixed && i < order.size(); ++i) {
      if (order[i].first == col) return true;
    }
    return false;
  };
  size_t pos = 0;
  int direction = 0;  // 1 forward, -1 backward, 0 not known yet
  for (size_t j = 0; j < keys.size(); ++j) {
    int col = cols[j];
    if (col < 0 || static_cast<size_t>(col) >= t.columns.size()) return nullptr;
    while (pos < order.size() && pos < fixed && order[pos].first != col) ++pos;
    if (pos >= order.size() || order[pos].first != col) {
      if (is_fixed(col)) continue;  // a fixed column may be named anywhere in ORDER BY
      return nullptr;
    }
    if (pos < fixed) {  // one value: any direction
      ++pos;
      continue;
    }
    const catalog::Column& c = t.columns[static_cast<size_t>(col)];
    if (!KeyOrderIsSortOrder(c.type.id)) return nullptr;
    if (!c.not_null && keys[j].nulls_first != keys[j].descending) return nullptr;
    int dir = keys[j].descending == order[pos].second ? 1 : -1;
    if (direction != 0 && dir != direction) return nullptr;
    direction = dir;
    ++pos;
  }
  *backward = direction < 0;
  return const_cast<PlanNode*>(p);
}

}  // namespace

Result<ExprPtr> Binder::MatchGroupKey(const parser::Expr& e, bool* done) {
  *done = false;
  switch (e.kind) {
    case parser::ExprKind::kNull:
    case parser::ExprKind::kBool:
    case parser::ExprKind::kInteger:
    case parser::ExprKind::kNumeric:
    case parser::ExprKind::kString:
    case parser::ExprKind::kParam:
    case parser::ExprKind::kSubquery:
    case parser::ExprKind::kDefault:
      return ExprPtr();
    case parser::ExprKind::kFunc:
      if (e.star || exec::IsAggregateName(e.names.back())) return ExprPtr();
      break;
    default: break;
  }
  AggContext* grouped = agg_;
  if (e.kind != parser::ExprKind::kColumnRef && !ContainsAggregate(e) &&
      grouped->group_keys->empty()) {
    return ExprPtr();  // no key to match: bind the parts
  }
  if (e.kind != parser::ExprKind::kColumnRef && ContainsAggregate(e)) return ExprPtr();
  // A window call is computed above the grouping, never a group key (and binding it here would
  // register it).
  if (ContainsWindow(e)) return ExprPtr();
  AggContext plain;
  plain.clause = "GROUP BY";
  agg_ = &plain;
  auto tentative = BindExpr(e, *grouped->from_scope);
  agg_ = grouped;
  if (!tentative.ok()) {
    if (e.kind == parser::ExprKind::kColumnRef) return std::move(tentative).status();
    return ExprPtr();
  }
  ExprPtr bound = std::move(*tentative);
  for (size_t i = 0; i < grouped->group_keys->size(); ++i) {
    const Expr& key = *(*grouped->group_keys)[i];
    if (ExprEquals(*bound, key)) {
      *done = true;
      return MakeColumn(static_cast<int>(i), key.type);
    }
  }
  if (e.kind == parser::ExprKind::kColumnRef) {
    if (bound->kind == ExprKind::kColumn && bound->depth > 0) {
      *done = true;  // an outer query's column is a constant here
      return bound;
    }
    std::string name = e.names.back();
    for (const auto& c : grouped->from_scope->columns) {
      if (c.index == bound->index && c.name == name) {
        if (!c.table.empty()) name = c.table + "." + c.name;
        break;
      }
    }
    return Status::Error(sqlstate::kGroupingError,
                         "column \"" + name +
                             "\" must appear in the GROUP BY clause or be used in an aggregate "
                             "function")
        .WithPosition(Pos(e.location));
  }
  return ExprPtr();
}

Result<std::vector<BoundTarget>> Binder::BindTargets(const std::vector<parser::Target>& targets,
                                                     const Scope& scope) {
  std::vector<BoundTarget> out;
  auto source_column = [&](const Expr& bound) -> const ScopeColumn* {
    if (bound.kind != ExprKind::kColumn || bound.depth != 0) return nullptr;
    const Scope* s = &scope;
    int index = bound.index;
    if (agg_ != nullptr && agg_->grouped) {
      const Expr& key = *(*agg_->group_keys)[static_cast<size_t>(index)];
      if (key.kind != ExprKind::kColumn || key.depth != 0) return nullptr;
      s = agg_->from_scope;
      index = key.index;
    }
    for (const auto& c : s->columns) {
      if (c.index == index) return &c;
    }
    return nullptr;
  };
  for (const auto& t : targets) {
    const parser::Expr& e = *t.expr;
    if (e.kind == parser::ExprKind::kColumnRef && e.star) {
      std::string table = e.names.empty() ? "" : e.names.back();
      bool any = false;
      for (const auto& c : scope.columns) {
        if (c.system) continue;
        if (table.empty() ? c.hidden : (c.table != table || c.name.empty())) continue;
        any = true;
        ExprPtr col = MakeColumn(c.index, c.type);
        if (agg_ != nullptr && agg_->grouped) {
          bool matched = false;
          for (size_t k = 0; k < agg_->group_keys->size(); ++k) {
            if (ExprEquals(*col, *(*agg_->group_keys)[k])) {
              col = MakeColumn(static_cast<int>(k), c.type);
              matched = true;
              break;
            }
          }
          if (!matched) {
            return Status::Error(sqlstate::kGroupingError,
                                 "column \"" + (c.table.empty() ? c.name : c.table + "." + c.name) +
                                     "\" must appear in the GROUP BY clause or be used in an "
                                     "aggregate function")
                .WithPosition(Pos(e.location));
          }
        }
        out.push_back(BoundTarget{std::move(col), c.name, nullptr, c.table_oid, c.attnum});
      }
      if (!table.empty() && !any) {
        bool known = false;
        for (const auto& c : scope.columns) known |= c.table == table;
        if (!known) {
          return Status::Error(sqlstate::kUndefinedTable,
                               "missing FROM-clause entry for table \"" + table + "\"")
              .WithPosition(Pos(e.location));
        }
      }
      continue;
    }
    ZJ_ASSIGN_OR_RETURN(ExprPtr b, BindExpr(e, scope));
    BoundTarget bt;
    bt.name = t.alias.empty() ? DefaultColumnName(e) : t.alias;
    bt.ast = &e;
    if (e.kind == parser::ExprKind::kColumnRef) {
      if (const ScopeColumn* c = source_column(*b)) {
        bt.table_oid = c->table_oid;
        bt.attnum = c->attnum;
      }
    }
    bt.expr = std::move(b);
    out.push_back(std::move(bt));
  }
  return out;
}

Result<ExprPtr> Binder::BindLimitExpr(const parser::Expr& e, const char* clause) {
  Scope empty;
  AggContext none;
  none.clause = clause;
  AggGuard guard(&agg_, &none);
  ZJ_ASSIGN_OR_RETURN(ExprPtr b, BindExpr(e, empty));
  const LogicalType int8(TypeId::kInt64);
  if (b->type.id == TypeId::kUnknown || b->type.id == TypeId::kInt16 ||
      b->type.id == TypeId::kInt32 || b->type.id == TypeId::kInt64) {
    return Coerce(std::move(b), int8, types::CastContext::kImplicit, e.location);
  }
  return Status::Error(sqlstate::kDatatypeMismatch,
                       std::string("argument of ") + clause + " must be type bigint, not type " +
                           b->type.ToString())
      .WithPosition(Pos(e.location));
}

Result<Bound> Binder::BindSelect(const parser::SelectStmt& q, const Scope* outer) {
  bool keep_unknown = keep_unknown_targets_;
  keep_unknown_targets_ = false;
  AggGuard outer_guard(&agg_, nullptr);

  // FROM and WHERE.
  Bound from;
  // SELECT srf(...) [, other targets] without FROM: the set-returning call becomes the FROM
  // item (PostgreSQL's ProjectSet over one row gives the same rows).
  const parser::Expr* srf = nullptr;
  if (q.from.empty()) {
    int count = 0;
    for (const auto& t : q.targets) {
      if (t.expr->kind == parser::ExprKind::kColumnRef && t.expr->star && t.expr->names.empty()) {
        return Status::Error(sqlstate::kSyntaxError,
                             "SELECT * with no tables specified is not valid")
            .WithPosition(Pos(t.expr->location));
      }
      if (t.expr->kind == parser::ExprKind::kFunc && !t.expr->over && !t.expr->star &&
          IsSetReturningFunction(t.expr->names.back())) {
        srf = t.expr.get();
        ++count;
      }
    }
    if (count != 1) srf = nullptr;
  }
  if (srf != nullptr) {
    ZJ_ASSIGN_OR_RETURN(from, BindFunctionCall(*srf, srf->names.back(), outer));
    from.scope.columns[0].hidden = true;  // reached through the call only
  } else if (q.from.empty()) {
    from.plan = std::make_shared<PlanNode>(PlanKind::kResult);
  } else {
    ZJ_ASSIGN_OR_RETURN(from, BindFrom(q.from, outer, nullptr));
  }
  from.scope.parent = outer;
  std::vector<ExprPtr> conjuncts;
  if (q.where) {
    AggContext none;
    none.clause = "WHERE";
    agg_ = &none;
    auto w = BindExpr(*q.where, from.scope);
    agg_ = nullptr;
    ZJ_ASSIGN_OR_RETURN(ExprPtr where, std::move(w));
    ZJ_ASSIGN_OR_RETURN(where, CoerceToBool(std::move(where), "WHERE", q.where->location));
    SplitConjuncts(std::move(where), &conjuncts);
  }
  PlaceConjuncts(&from.plan, std::move(conjuncts));

  // GROUP BY and aggregates.
  bool has_agg = !q.group_by.empty() || q.having != nullptr;
  for (const auto& t : q.targets) has_agg |= ContainsAggregate(*t.expr);
  for (const auto& o : q.order_by) has_agg |= ContainsAggregate(*o.expr);
  std::vector<ExprPtr> group_keys;
  std::vector<AggCall> aggregates;
  AggContext grouped;
  if (has_agg) {
    if (q.for_update) {
      return Status::NotSupported(q.group_by.empty()
                                      ? "FOR UPDATE is not allowed with aggregate functions"
                                      : "FOR UPDATE is not allowed with GROUP BY clause");
    }
    AggContext keyctx;
    keyctx.clause = "GROUP BY";
    agg_ = &keyctx;
    for (const auto& g : q.group_by) {
      const parser::Expr* ast = g.get();
      if (g->kind == parser::ExprKind::kInteger) {
        ZJ_ASSIGN_OR_RETURN(int64_t n, Ordinal(*g));
        if (n < 1 || n > static_cast<int64_t>(q.targets.size()) ||
            q.targets[static_cast<size_t>(n - 1)].expr->star) {
          return Status::Error(sqlstate::kInvalidColumnReference,
                               "GROUP BY position " + std::to_string(n) +
                                   " is not in select list")
              .WithPosition(Pos(g->location));
        }
        ast = q.targets[static_cast<size_t>(n - 1)].expr.get();
      } else if (IsBareName(*g)) {
        // An input column wins over an output column of the same name (SQL92 rule).
        bool input = false;
        for (const auto& c : from.scope.columns) input |= !c.hidden && c.name == g->names[0];
        if (!input) {
          for (const auto& t : q.targets) {
            if (t.alias == g->names[0]) {
              ast = t.expr.get();
              break;
            }
          }
        }
      }
      if (ContainsAggregate(*ast)) {
        return Status::Error(sqlstate::kGroupingError,
                             "aggregate functions are not allowed in GROUP BY")
            .WithPosition(Pos(ast->location));
      }
      ZJ_ASSIGN_OR_RETURN(ExprPtr key, BindExpr(*ast, from.scope));
      ZJ_ASSIGN_OR_RETURN(key, ResolveUnknown(std::move(key)));
      group_keys.push_back(std::move(key));
      grouped.group_exprs_ast.push_back(ast);
    }
    if (!group_keys.empty()) AddFunctionallyDependentKeys(from.scope, *ctx_.catalog, &group_keys);
    grouped.allowed = true;
    grouped.grouped = true;
    grouped.group_keys = &group_keys;
    grouped.aggregates = &aggregates;
    grouped.from_scope = &from.scope;
    agg_ = &grouped;
  } else {
    agg_ = nullptr;
  }

  // The SELECT list and ORDER BY may call window functions, computed by a Window node over the
  // rows (or groups) after HAVING.
  WindowContext windows;
  windows.named = &q.windows;
  struct RestoreWindows {
    WindowContext** slot;
    WindowContext* value;
    ~RestoreWindows() { *slot = value; }
  } restore_windows{&win_, win_};
  win_ = &windows;
  if (q.for_update && !q.windows.empty()) {
    return Status::NotSupported("FOR UPDATE is not allowed with window functions");
  }

  // The SELECT list.
  if (srf != nullptr) {
    select_srf_ = srf;
    select_srf_type_ = from.scope.columns[0].type;
  }
  auto bound_targets = BindTargets(q.targets, from.scope);
  select_srf_ = nullptr;
  ZJ_ASSIGN_OR_RETURN(std::vector<BoundTarget> targets, std::move(bound_targets));
  if (!keep_unknown) {
    for (auto& t : targets) {
      ZJ_ASSIGN_OR_RETURN(t.expr, ResolveUnknown(std::move(t.expr)));
    }
  }
  ExprPtr having;
  if (q.having) {
    win_ = nullptr;
    const char* saved_forbidden = window_forbidden_;
    window_forbidden_ = "window functions are not allowed in HAVING";
    auto h = BindExpr(*q.having, from.scope);
    window_forbidden_ = saved_forbidden;
    win_ = &windows;
    ZJ_ASSIGN_OR_RETURN(having, std::move(h));
    ZJ_ASSIGN_OR_RETURN(having, CoerceToBool(std::move(having), "HAVING", q.having->location));
  }

  // ORDER BY and DISTINCT ON items: an output column (by position or name) or an expression
  // over the input, which may add a hidden output column.
  struct Resolved {
    int target = -1;
    ExprPtr expr;
  };
  auto resolve = [&](const parser::Expr& oe, const char* clause) -> Result<Resolved> {
    Resolved r;
    if (oe.kind == parser::ExprKind::kInteger) {
      ZJ_ASSIGN_OR_RETURN(int64_t n, Ordinal(oe));
      if (n < 1 || n > static_cast<int64_t>(targets.size())) {
        return Status::Error(sqlstate::kInvalidColumnReference,
                             std::string(clause) + " position " + std::to_string(n) +
                                 " is not in select list")
            .WithPosition(Pos(oe.location));
      }
      r.target = static_cast<int>(n - 1);
      return r;
    }
    if (oe.kind == parser::ExprKind::kString || oe.kind == parser::ExprKind::kNumeric) {
      return Status::Error(sqlstate::kSyntaxError,
                           std::string("non-integer constant in ") + clause)
          .WithPosition(Pos(oe.location));
    }
    if (IsBareName(oe)) {
      for (size_t i = 0; i < targets.size(); ++i) {
        if (targets[i].name != oe.names[0]) continue;
        if (r.target >= 0 && !ExprEquals(*targets[static_cast<size_t>(r.target)].expr,
                                         *targets[i].expr)) {
          return Status::Error(sqlstate::kAmbiguousColumn,
                               std::string(clause) + " \"" + oe.names[0] + "\" is ambiguous")
              .WithPosition(Pos(oe.location));
        }
        if (r.target < 0) r.target = static_cast<int>(i);
      }
      if (r.target >= 0) return r;
    }
    ZJ_ASSIGN_OR_RETURN(ExprPtr e, BindExpr(oe, from.scope));
    ZJ_ASSIGN_OR_RETURN(e, ResolveUnknown(std::move(e)));
    for (size_t i = 0; i < targets.size(); ++i) {
      if (ExprEquals(*e, *targets[i].expr)) {
        r.target = static_cast<int>(i);
        return r;
      }
    }
    r.expr = std::move(e);
    return r;
  };

  std::vector<ExprPtr> distinct_on;
  for (const auto& d : q.distinct_on) {
    ZJ_ASSIGN_OR_RETURN(Resolved r, resolve(*d, "DISTINCT ON"));
    distinct_on.push_back(r.target >= 0 ? CloneExpr(*targets[static_cast<size_t>(r.target)].expr)
                                        : std::move(r.expr));
  }
  const int ndistinct = static_cast<int>(distinct_on.size());
  const int ntargets = static_cast<int>(targets.size());
  std::vector<ExprPtr> hidden;
  std::vector<SortKey> sort_keys;
  for (size_t i = 0; i < q.order_by.size(); ++i) {
    const parser::OrderItem& item = q.order_by[i];
    ZJ_ASSIGN_OR_RETURN(Resolved r, resolve(*item.expr, "ORDER BY"));
    SortKey key;
    key.descending = item.descending;
    key.nulls_first = item.nulls == 1 || (item.nulls == 0 && item.descending);
    const Expr* sorted = nullptr;
    if (r.target >= 0) {
      sorted = targets[static_cast<size_t>(r.target)].expr.get();
      key.expr = MakeColumn(ndistinct + r.target, sorted->type);
    } else {
      if (q.distinct && distinct_on.empty()) {
        return Status::Error(sqlstate::kInvalidColumnReference,
                             "for SELECT DISTINCT, ORDER BY expressions must appear in select "
                             "list")
            .WithPosition(Pos(item.expr->location));
      }
      sorted = r.expr.get();
      key.expr = MakeColumn(ndistinct + ntargets + static_cast<int>(hidden.size()), sorted->type);
      hidden.push_back(std::move(r.expr));
    }
    if (i < distinct_on.size()) {
      bool listed = false;
      for (const auto& d : distinct_on) listed |= ExprEquals(*d, *sorted);
      if (!listed) {
        return Status::Error(sqlstate::kInvalidColumnReference,
                             "SELECT DISTINCT ON expressions must match initial ORDER BY "
                             "expressions")
            .WithPosition(Pos(q.distinct_on[0]->location));
      }
    }
    sort_keys.push_back(std::move(key));
  }
  agg_ = nullptr;
  win_ = nullptr;

  // Assemble: [Aggregate -> Filter(HAVING)] -> Project -> Sort -> Distinct -> Limit -> Project.
  std::shared_ptr<PlanNode> plan = from.plan;
  if (has_agg) {
    auto agg = std::make_shared<PlanNode>(PlanKind::kAggregate);
    for (const auto& k : group_keys) agg->output_types.push_back(k->type);
    for (const auto& a : aggregates) agg->output_types.push_back(a.type);
    agg->group_keys = std::move(group_keys);
    agg->aggregates = std::move(aggregates);
    agg->children.push_back(plan);
    plan = MakeFilter(agg, std::move(having));
  }
  if (!windows.calls.empty()) {
    if (q.for_update) return Status::NotSupported("FOR UPDATE is not allowed with window functions");
    // The window results follow the input's columns.
    int first = static_cast<int>(plan->output_types.size());
    auto w = std::make_shared<PlanNode>(PlanKind::kWindow);
    w->output_types = plan->output_types;
    for (const auto& c : windows.calls) w->output_types.push_back(c.type);
    w->windows = std::move(windows.calls);
    w->children.push_back(plan);
    plan = w;
    for (auto& t : targets) ResolveWindowRefs(t.expr.get(), first);
    for (auto& d : distinct_on) ResolveWindowRefs(d.get(), first);
    for (auto& h : hidden) ResolveWindowRefs(h.get(), first);
  }
  if (q.for_update) LockScans(plan.get(), q.lock_wait, this);
  std::vector<ExprPtr> exprs;
  for (auto& d : distinct_on) exprs.push_back(std::move(d));
  for (const auto& t : targets) exprs.push_back(CloneExpr(*t.expr));
  for (auto& h : hidden) exprs.push_back(std::move(h));
  plan = MakeProject(plan, std::move(exprs));
  bool backward = false;
  PlanNode* ordered = sort_keys.empty() ? nullptr : OrderedScan(*plan, sort_keys, &backward);
  if (ordered != nullptr) ordered->backward = backward;
  if (!sort_keys.empty() && ordered == nullptr) {
    auto sort = std::make_shared<PlanNode>(PlanKind::kSort);
    sort->output_types = plan->output_types;
    sort->sort_keys = std::move(sort_keys);
    sort->children.push_back(plan);
    plan = sort;
  }
  if (q.distinct) {
    auto d = std::make_shared<PlanNode>(PlanKind::kDistinct);
    d->output_types = plan->output_types;
    d->distinct_on = ndistinct;
    d->children.push_back(plan);
    plan = d;
  }
  if (q.limit || q.offset) {
    auto l = std::make_shared<PlanNode>(PlanKind::kLimit);
    l->output_types = plan->output_types;
    if (q.limit) {
      ZJ_ASSIGN_OR_RETURN(l->limit, BindLimitExpr(*q.limit, "LIMIT"));
    }
    if (q.offset) {
      ZJ_ASSIGN_OR_RETURN(l->offset, BindLimitExpr(*q.offset, "OFFSET"));
    }
    l->children.push_back(plan);
    plan = l;
  }
  if (ndistinct > 0 || plan->output_types.size() > targets.size()) {
    std::vector<ExprPtr> keep;
    for (int i = 0; i < ntargets; ++i) {
      keep.push_back(MakeColumn(ndistinct + i, targets[static_cast<size_t>(i)].expr->type));
    }
    plan = MakeProject(plan, std::move(keep));
  }
  Bound out;
  out.plan = plan;
  out.scope = OutputScope(targets);
  return out;
}

Result<Bound> Binder::BindValues(const parser::SelectStmt& q, const Scope* outer) {
  keep_unknown_targets_ = false;
  AggContext none;
  none.clause = "VALUES";
  AggGuard guard(&agg_, &none);
  Scope scope;
  scope.parent = outer;
  size_t width = q.values.empty() ? 0 : q.values[0].size();
  std::vector<std::vector<ExprPtr>> columns(width);
  for (const auto& row : q.values) {
    if (row.size() != width) {
      return Status::Error(sqlstate::kSyntaxError, "VALUES lists must all be the same length")
          .WithPosition(Pos(row.empty() ? q.location : row[0]->location));
    }
    for (size_t i = 0; i < width; ++i) {
      ZJ_ASSIGN_OR_RETURN(ExprPtr e, BindExpr(*row[i], scope));
      columns[i].push_back(std::move(e));
    }
  }
  auto plan = std::make_shared<PlanNode>(PlanKind::kValues);
  plan->rows.resize(q.values.size());
  Bound b;
  for (size_t i = 0; i < width; ++i) {
    ZJ_RETURN_IF_ERROR(CommonTypeOf(&columns[i], "VALUES", q.values[0][i]->location));
    plan->output_types.push_back(columns[i][0]->type);
    ScopeColumn c;
    c.name = "column" + std::to_string(i + 1);
    c.type = columns[i][0]->type;
    c.index = static_cast<int>(i);
    b.scope.columns.push_back(std::move(c));
    for (size_t r = 0; r < q.values.size(); ++r) plan->rows[r].push_back(std::move(columns[i][r]));
  }
  b.plan = plan;
  return BindOutputOrderLimit(std::move(b), q);
}

Result<Bound> Binder::BindSetOp(const parser::SelectStmt& q, const Scope* outer) {
  keep_unknown_targets_ = false;
  const char* name = q.op == parser::SelectStmt::Op::kUnion       ? "UNION"
                     : q.op == parser::SelectStmt::Op::kIntersect ? "INTERSECT"
                                                                  : "EXCEPT";
  keep_unknown_targets_ = true;
  auto lb = BindQuery(*q.left, outer);
  keep_unknown_targets_ = false;
  ZJ_ASSIGN_OR_RETURN(Bound left, std::move(lb));
  keep_unknown_targets_ = true;
  auto rb = BindQuery(*q.right, outer);
  keep_unknown_targets_ = false;
  ZJ_ASSIGN_OR_RETURN(Bound right, std::move(rb));
  size_t width = left.plan->output_types.size();
  if (right.plan->output_types.size() != width) {
    return Status::Error(sqlstate::kSyntaxError,
                         std::string("each ") + name + " query must have the same number of "
                                                       "columns")
        .WithPosition(Pos(q.right->location));
  }
  // Each column takes the common type of both sides; unknown literals take it in place.
  std::vector<LogicalType> types(width);
  for (size_t i = 0; i < width; ++i) {
    LogicalType lt = left.plan->output_types[i], rt = right.plan->output_types[i];
    if (lt.id == TypeId::kUnknown && rt.id == TypeId::kUnknown) {
      types[i] = LogicalType(TypeId::kText);
    } else if (lt == rt) {
      types[i] = lt;
    } else if (lt.id == rt.id) {
      types[i] = LogicalType(lt.id);
    } else {
      auto ct = types::CommonType(lt, rt, name);
      if (!ct.ok()) return std::move(ct).status().WithPosition(Pos(q.right->location));
      types[i] = *ct;
    }
  }
  for (Bound* side : {&left, &right}) {
    std::vector<ExprPtr> casts;
    bool need = false;
    for (size_t i = 0; i < width; ++i) {
      const LogicalType& have = side->plan->output_types[i];
      if (have == types[i]) {
        casts.push_back(MakeColumn(static_cast<int>(i), have));
        continue;
      }
      if (have.id == TypeId::kUnknown && side->plan->kind == PlanKind::kProject) {
        auto& e = side->plan->exprs[i];
        ZJ_ASSIGN_OR_RETURN(e, Coerce(std::move(e), types[i], types::CastContext::kImplicit,
                                      q.location));
        side->plan->output_types[i] = types[i];
        casts.push_back(MakeColumn(static_cast<int>(i), types[i]));
        continue;
      }
      need = true;
      ZJ_ASSIGN_OR_RETURN(ExprPtr c, Coerce(MakeColumn(static_cast<int>(i), have), types[i],
                                            types::CastContext::kImplicit, q.location));
      casts.push_back(std::move(c));
    }
    if (need) side->plan = MakeProject(side->plan, std::move(casts));
  }
  auto node = std::make_shared<PlanNode>(PlanKind::kSetOp);
  node->setop = q.op == parser::SelectStmt::Op::kUnion       ? SetOpKind::kUnion
                : q.op == parser::SelectStmt::Op::kIntersect ? SetOpKind::kIntersect
                                                             : SetOpKind::kExcept;
  node->setop_all = q.set_all;
  node->output_types = types;
  node->children.push_back(left.plan);
  node->children.push_back(right.plan);
  Bound b;
  b.plan = node;
  std::vector<const ScopeColumn*> names = ByIndex(left.scope);
  for (size_t i = 0; i < width; ++i) {
    ScopeColumn c;
    c.name = i < names.size() ? names[i]->name : "?column?";
    c.type = types[i];
    c.index = static_cast<int>(i);
    b.scope.columns.push_back(std::move(c));
  }
  return BindOutputOrderLimit(std::move(b), q);
}

Result<Bound> Binder::BindOutputOrderLimit(Bound b, const parser::SelectStmt& q) {
  if (!q.order_by.empty()) {
    AggContext none;
    none.clause = "ORDER BY";
    AggGuard guard(&agg_, &none);
    auto sort = std::make_shared<PlanNode>(PlanKind::kSort);
    sort->output_types = b.plan->output_types;
    for (const auto& item : q.order_by) {
      const parser::Expr& oe = *item.expr;
      SortKey key;
      key.descending = item.descending;
      key.nulls_first = item.nulls == 1 || (item.nulls == 0 && item.descending);
      if (oe.kind == parser::ExprKind::kInteger) {
        ZJ_ASSIGN_OR_RETURN(int64_t n, Ordinal(oe));
        if (n < 1 || n > static_cast<int64_t>(b.plan->output_types.size())) {
          return Status::Error(sqlstate::kInvalidColumnReference,
                               "ORDER BY position " + std::to_string(n) +
                                   " is not in select list")
              .WithPosition(Pos(oe.location));
        }
        key.expr = MakeColumn(static_cast<int>(n - 1),
                              b.plan->output_types[static_cast<size_t>(n - 1)]);
      } else {
        ZJ_ASSIGN_OR_RETURN(key.expr, BindExpr(oe, b.scope));
        ZJ_ASSIGN_OR_RETURN(key.expr, ResolveUnknown(std::move(key.expr)));
        // A set operation's rows can be sorted by its result columns only.
        if (q.op != parser::SelectStmt::Op::kSimple && q.op != parser::SelectStmt::Op::kValues &&
            key.expr->kind != ExprKind::kColumn) {
          return Status::Error(sqlstate::kFeatureNotSupported,
                               "invalid UNION/INTERSECT/EXCEPT ORDER BY clause")
              .WithDetail("Only result column names can be used, not expressions or functions.")
              .WithHint("Add the expression/function to every SELECT, or move the UNION into a "
                        "FROM clause.")
              .WithPosition(Pos(oe.location));
        }
      }
      sort->sort_keys.push_back(std::move(key));
    }
    sort->children.push_back(b.plan);
    b.plan = sort;
  }
  if (q.limit || q.offset) {
    auto l = std::make_shared<PlanNode>(PlanKind::kLimit);
    l->output_types = b.plan->output_types;
    if (q.limit) {
      ZJ_ASSIGN_OR_RETURN(l->limit, BindLimitExpr(*q.limit, "LIMIT"));
    }
    if (q.offset) {
      ZJ_ASSIGN_OR_RETURN(l->offset, BindLimitExpr(*q.offset, "OFFSET"));
    }
    l->children.push_back(b.plan);
    b.plan = l;
  }
  return b;
}

}  // namespace zijin::planner
