// Binding FROM: tables, views, CTEs, system views, subqueries (LATERAL too), functions, joins;
// and placing WHERE/ON conjuncts where they filter earliest (scans, hash-join keys).
#include <algorithm>
#include <optional>
#include <set>

#include "catalog/system_views.h"
#include "parser/parse.h"
#include "planner/internal/binder.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;
using types::Value;

namespace {

std::string JoinName(const std::vector<std::string>& name) {
  std::string s;
  for (const auto& part : name) s += (s.empty() ? "" : ".") + part;
  return s;
}

// Renames a FROM item's columns: table alias, then column aliases in order.
Status ApplyAlias(Scope* scope, const std::string& alias, const std::vector<std::string>& cols,
                  const std::string& relname, int location) {
  std::vector<ScopeColumn*> visible;
  for (auto& c : scope->columns) {
    if (!alias.empty()) c.table = alias;
    if (!c.hidden) visible.push_back(&c);
  }
  std::sort(visible.begin(), visible.end(),
            [](const ScopeColumn* a, const ScopeColumn* b) { return a->index < b->index; });
  if (cols.size() > visible.size()) {
    return Status::Error(sqlstate::kInvalidColumnReference,
                         "table \"" + (alias.empty() ? relname : alias) + "\" has " +
                             std::to_string(visible.size()) + " columns available but " +
                             std::to_string(cols.size()) + " columns specified")
        .WithPosition(Pos(location));
  }
  for (size_t i = 0; i < cols.size(); ++i) visible[i]->name = cols[i];
  return Status::OK();
}

std::set<std::string> TableNames(const Scope& s) {
  std::set<std::string> names;
  for (const auto& c : s.columns) {
    if (!c.table.empty()) names.insert(c.table);
  }
  return names;
}

Status CheckDistinctNames(const Scope& left, const Scope& right, int location) {
  std::set<std::string> l = TableNames(left);
  for (const auto& n : TableNames(right)) {
    if (l.count(n)) {
      return Status::Error(sqlstate::kDuplicateAlias,
                           "table name \"" + n + "\" specified more than once")
          .WithPosition(Pos(location));
    }
  }
  return Status::OK();
}

// A LATERAL subquery that only computes expressions (no FROM, grouping, ordering...).
bool InlinableLateral(const parser::SelectStmt& q) {
  if (q.op != parser::SelectStmt::Op::kSimple || !q.from.empty() || q.where || q.having ||
      !q.group_by.empty() || !q.order_by.empty() || q.limit || q.offset || q.distinct ||
      !q.with.empty() || q.for_update) {
    return false;
  }
  for (const auto& t : q.targets) {
    if (t.expr->star || ContainsAggregate(*t.expr)) return false;
  }
  return true;
}

// Where a conjunct's depth-0 columns lie relative to a join's left width.
enum class Side { kNone, kLeft, kRight, kBoth };

Side SideOf(const Expr& e, int left_width) {
  int mn = -1, mx = -1;
  bool outer = false;
  ColumnRange(e, &mn, &mx, &outer);
  if (mn < 0) return Side::kNone;
  if (mx < left_width) return Side::kLeft;
  if (mn >= left_width) return Side::kRight;
  return Side::kBoth;
}

// l = r with l over the left input and r over the right one: hash-join keys.
bool SplitEqui(const Expr& c, int left_width, ExprPtr* l, ExprPtr* r) {
  if (c.kind != ExprKind::kCompare || static_cast<CompareOp>(c.op) != CompareOp::kEq) return false;
  if (HasVolatile(c) || HasCorrelatedSubquery(c)) return false;
  Side a = SideOf(*c.args[0], left_width), b = SideOf(*c.args[1], left_width);
  const Expr* left = nullptr;
  const Expr* right = nullptr;
  if (a == Side::kLeft && b == Side::kRight) {
    left = c.args[0].get();
    right = c.args[1].get();
  } else if (a == Side::kRight && b == Side::kLeft) {
    left = c.args[1].get();
    right = c.args[0].get();
  } else {
    return false;
  }
  *l = CloneExpr(*left);
  *r = CloneExpr(*right);
  ShiftColumns(r->get(), -left_width);
  return true;
}

bool ReadsOuter(const Expr& e) {
  int mn = -1, mx = -1;
  bool outer = false;
  ColumnRange(e, &mn, &mx, &outer);
  return outer;
}

// Whether a FROM item's AST reads columns: a function in FROM that does is implicitly LATERAL.
bool ReadsColumns(const parser::Expr& e) {
  if (e.kind == parser::ExprKind::kColumnRef) return true;
  for (const auto& a : e.args) {
    if (a && ReadsColumns(*a)) return true;
  }
  return false;
}

bool IsLateral(const parser::TableRef& ref) {
  if (ref.kind == parser::TableRef::Kind::kFunction) {
    return ref.lateral || ReadsColumns(*ref.function);
  }
  return ref.lateral && ref.kind == parser::TableRef::Kind::kSubquery;
}

bool IsScan(PlanKind k) { return k == PlanKind::kSeqScan || k == PlanKind::kIndexScan; }

}  // namespace

void Binder::PlaceConjuncts(std::shared_ptr<PlanNode>* node, std::vector<ExprPtr> conjuncts) {
  PlanNode* n = node->get();
  if (IsScan(n->kind)) {
    std::vector<ExprPtr> all;
    SplitConjuncts(std::move(n->predicate), &all);
    for (auto& c : n->index_conds) all.push_back(std::move(c));
    n->index_conds.clear();
    for (auto& c : conjuncts) all.push_back(std::move(c));
    n->kind = PlanKind::kSeqScan;
    n->index = nullptr;
    n->lower = IndexBound();
    n->upper = IndexBound();
    ChooseAccessPath(n, &all);
    n->predicate = AndOf(std::move(all));
    return;
  }
  if (conjuncts.empty() && n->kind != PlanKind::kNestedLoopJoin && n->kind != PlanKind::kHashJoin) {
    return;
  }
  switch (n->kind) {
    case PlanKind::kSystemScan:
    case PlanKind::kFunctionScan:
    case PlanKind::kSequenceScan: {
      std::vector<ExprPtr> all;
      SplitConjuncts(std::move(n->predicate), &all);
      for (auto& c : conjuncts) all.push_back(std::move(c));
      n->predicate = AndOf(std::move(all));
      return;
    }
    case PlanKind::kFilter: {
      auto child = std::const_pointer_cast<PlanNode>(n->children[0]);
      PlaceConjuncts(&child, std::move(conjuncts));
      n->children[0] = child;
      return;
    }
    case PlanKind::kNestedLoopJoin:
    case PlanKind::kHashJoin: {
      if (conjuncts.empty()) return;
      int lw = static_cast<int>(n->children[0]->output_types.size());
      std::vector<ExprPtr> to_left, to_right, above, pred;
      for (auto& c : conjuncts) {
        if (HasCorrelatedSubquery(*c)) {
          (n->join_kind == JoinKind::kInner ? pred : above).push_back(std::move(c));
          continue;
        }
        Side side = SideOf(*c, lw);
        // Below a LATERAL join the right side runs with one more outer row: conjuncts that
        // read outer rows must stay above it.
        if (n->lateral && side == Side::kRight && ReadsOuter(*c)) side = Side::kBoth;
        switch (n->join_kind) {
          case JoinKind::kInner:
            if (side == Side::kLeft || side == Side::kNone) {
              to_left.push_back(std::move(c));
            } else if (side == Side::kRight) {
              ShiftColumns(c.get(), -lw);
              to_right.push_back(std::move(c));
            } else {
              ExprPtr l, r;
              if (!n->lateral && SplitEqui(*c, lw, &l, &r)) {
                n->left_keys.push_back(std::move(l));
                n->right_keys.push_back(std::move(r));
                n->kind = PlanKind::kHashJoin;
              } else {
                pred.push_back(std::move(c));
              }
            }
            break;
          case JoinKind::kLeft:
            if (side == Side::kLeft || side == Side::kNone) {
              to_left.push_back(std::move(c));
            } else {
              above.push_back(std::move(c));
            }
            break;
          case JoinKind::kRight:
            if (side == Side::kRight || side == Side::kNone) {
              ShiftColumns(c.get(), -lw);
              to_right.push_back(std::move(c));
            } else {
              above.push_back(std::move(c));
            }
            break;
          default:
            above.push_back(std::move(c));
            break;
        }
      }
      if (!to_left.empty()) {
        auto child = std::const_pointer_cast<PlanNode>(n->children[0]);
        PlaceConjuncts(&child, std::move(to_left));
        n->children[0] = child;
      }
      if (!to_right.empty()) {
        auto child = std::const_pointer_cast<PlanNode>(n->children[1]);
        PlaceConjuncts(&child, std::move(to_right));
        n->children[1] = child;
      }
      if (!pred.empty()) {
        SplitConjuncts(std::move(n->predicate), &pred);
        n->predicate = AndOf(std::move(pred));
      }
      if (!above.empty()) *node = MakeFilter(*node, AndOf(std::move(above)));
      return;
    }
    default:
      *node = MakeFilter(*node, AndOf(std::move(conjuncts)));
      return;
  }
}

namespace {

// The work table scan of `id` under `p` (not inside subqueries), or null.
const PlanNode* FindWorkTableScan(const PlanNode& p, int id) {
  if (p.kind == PlanKind::kWorkTableScan && p.work_table == id) return &p;
  for (const auto& c : p.children) {
    if (const PlanNode* f = FindWorkTableScan(*c, id)) return f;
  }
  return nullptr;
}

// The first node of `kind` under `p` whose subtree reads work table `id`, or null.
const PlanNode* FindOver(const PlanNode& p, PlanKind kind, int id) {
  if (p.kind == kind && FindWorkTableScan(p, id) != nullptr) return &p;
  for (const auto& c : p.children) {
    if (const PlanNode* f = FindOver(*c, kind, id)) return f;
  }
  return nullptr;
}

}  // namespace

Result<Bound> Binder::Join(Bound left, Bound right, parser::JoinType type, ExprPtr on,
                           bool lateral) {
  auto node = std::make_shared<PlanNode>(PlanKind::kNestedLoopJoin);
  node->lateral = lateral;
  switch (type) {
    case parser::JoinType::kLeft:
      node->join_kind = JoinKind::kLeft;
      break;
    case parser::JoinType::kRight:
      node->join_kind = JoinKind::kRight;
      break;
    case parser::JoinType::kFull:
      node->join_kind = JoinKind::kFull;
      break;
    default:
      node->join_kind = JoinKind::kInner;
      break;
  }
  // The recursive term's reference to its own query may not be on a join's nullable side.
  for (const auto& [name, wt] : work_tables_) {
    bool left_nullable = node->join_kind == JoinKind::kRight || node->join_kind == JoinKind::kFull;
    bool right_nullable = node->join_kind == JoinKind::kLeft || node->join_kind == JoinKind::kFull;
    if ((left_nullable && FindWorkTableScan(*left.plan, wt.id)) ||
        (right_nullable && FindWorkTableScan(*right.plan, wt.id))) {
      return Status::Error(sqlstate::kInvalidRecursion,
                           "recursive reference to query \"" + name +
                               "\" must not appear within an outer join")
          .WithPosition(Pos(wt.ref_location));
    }
  }
  int lw = static_cast<int>(left.plan->output_types.size());
  node->output_types = left.plan->output_types;
  for (const auto& t : right.plan->output_types) node->output_types.push_back(t);
  // ON conjuncts: one side's filters go below the join where the join kind allows it,
  // equalities across the sides become hash keys, the rest is the join's predicate.
  std::vector<ExprPtr> conjuncts, to_left, to_right, pred;
  SplitConjuncts(std::move(on), &conjuncts);
  for (auto& c : conjuncts) {
    if (HasCorrelatedSubquery(*c)) {
      pred.push_back(std::move(c));
      continue;
    }
    Side side = SideOf(*c, lw);
    if (lateral && side == Side::kRight && ReadsOuter(*c)) side = Side::kBoth;
    ExprPtr l, r;
    if (side == Side::kBoth && !lateral && SplitEqui(*c, lw, &l, &r)) {
      node->left_keys.push_back(std::move(l));
      node->right_keys.push_back(std::move(r));
      continue;
    }
    bool left_ok = node->join_kind == JoinKind::kInner || node->join_kind == JoinKind::kRight;
    bool right_ok = node->join_kind == JoinKind::kInner || node->join_kind == JoinKind::kLeft;
    if ((side == Side::kLeft || (side == Side::kNone && node->join_kind == JoinKind::kInner)) &&
        left_ok) {
      to_left.push_back(std::move(c));
    } else if (side == Side::kRight && right_ok) {
      ShiftColumns(c.get(), -lw);
      to_right.push_back(std::move(c));
    } else {
      pred.push_back(std::move(c));
    }
  }
  PlaceConjuncts(&left.plan, std::move(to_left));
  PlaceConjuncts(&right.plan, std::move(to_right));
  if (!node->left_keys.empty()) node->kind = PlanKind::kHashJoin;
  node->predicate = AndOf(std::move(pred));
  node->children.push_back(left.plan);
  node->children.push_back(right.plan);
  Bound out;
  out.plan = node;
  out.scope.parent = left.scope.parent;
  out.scope.columns = left.scope.columns;
  for (auto c : right.scope.columns) {
    c.index += lw;
    out.scope.columns.push_back(std::move(c));
  }
  return out;
}

Result<Bound> Binder::BindFrom(const std::vector<parser::TableRefPtr>& from, const Scope* outer,
                               std::vector<ExprPtr>* /*where_conjuncts*/) {
  Bound acc;
  bool first = true;
  for (const auto& ref : from) {
    if (!first && ref->lateral && ref->kind == parser::TableRef::Kind::kSubquery &&
        InlinableLateral(*ref->subquery)) {
      ZJ_ASSIGN_OR_RETURN(acc, BindLateralInline(std::move(acc), *ref));
      continue;
    }
    if (!first && IsLateral(*ref)) {
      ZJ_ASSIGN_OR_RETURN(Bound b, BindLateral(acc, *ref));
      ZJ_RETURN_IF_ERROR(CheckDistinctNames(acc.scope, b.scope, ref->location));
      ZJ_ASSIGN_OR_RETURN(
          acc, Join(std::move(acc), std::move(b), parser::JoinType::kCross, nullptr, true));
      continue;
    }
    ZJ_ASSIGN_OR_RETURN(Bound b, BindTableRef(*ref, outer));
    if (first) {
      acc = std::move(b);
      first = false;
      continue;
    }
    ZJ_RETURN_IF_ERROR(CheckDistinctNames(acc.scope, b.scope, ref->location));
    ZJ_ASSIGN_OR_RETURN(acc, Join(std::move(acc), std::move(b), parser::JoinType::kCross, nullptr));
  }
  acc.scope.parent = outer;
  return acc;
}

Result<Bound> Binder::BindTableRef(const parser::TableRef& ref, const Scope* outer) {
  switch (ref.kind) {
    case parser::TableRef::Kind::kTable:
      return BindRelation(ref, outer);
    case parser::TableRef::Kind::kJoin:
      return BindJoin(ref, outer);
    case parser::TableRef::Kind::kFunction:
      return BindFunctionScan(ref, outer);
    case parser::TableRef::Kind::kSubquery: {
      ZJ_ASSIGN_OR_RETURN(Bound b, BindQuery(*ref.subquery, outer));
      ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, ref.alias, ref.column_aliases, "", ref.location));
      for (auto& c : b.scope.columns) c.table = ref.alias;
      b.scope.parent = outer;
      return b;
    }
  }
  return Status::Internal("unknown FROM item");
}

Result<Bound> Binder::BindLateralInline(Bound left, const parser::TableRef& ref) {
  const parser::SelectStmt& q = *ref.subquery;
  AggContext none;
  none.clause = "FROM clause of their own query level";
  AggContext* saved = agg_;
  agg_ = &none;
  auto bound = BindTargets(q.targets, left.scope);
  agg_ = saved;
  ZJ_ASSIGN_OR_RETURN(std::vector<BoundTarget> targets, std::move(bound));
  int width = static_cast<int>(left.plan->output_types.size());
  std::vector<ExprPtr> exprs;
  for (int i = 0; i < width; ++i) {
    exprs.push_back(MakeColumn(i, left.plan->output_types[static_cast<size_t>(i)]));
  }
  Scope added;
  for (size_t i = 0; i < targets.size(); ++i) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr e, ResolveUnknown(std::move(targets[i].expr)));
    ScopeColumn c;
    c.table = ref.alias;
    c.name = targets[i].name;
    c.type = e->type;
    c.index = width + static_cast<int>(i);
    added.columns.push_back(std::move(c));
    exprs.push_back(std::move(e));
  }
  ZJ_RETURN_IF_ERROR(ApplyAlias(&added, ref.alias, ref.column_aliases, "", ref.location));
  ZJ_RETURN_IF_ERROR(CheckDistinctNames(left.scope, added, ref.location));
  left.plan = MakeProject(left.plan, std::move(exprs));
  for (auto& c : added.columns) left.scope.columns.push_back(std::move(c));
  return left;
}

Result<Bound> Binder::BindLateral(const Bound& left, const parser::TableRef& ref) {
  // The item's outer scope is the left side's row; the enclosing query is one level further.
  Result<Bound> r = Status::OK();
  if (ref.kind == parser::TableRef::Kind::kFunction) {
    r = BindFunctionScan(ref, &left.scope);
  } else {
    r = BindTableRef(ref, &left.scope);
  }
  ZJ_ASSIGN_OR_RETURN(Bound b, std::move(r));
  b.scope.parent = left.scope.parent;
  return b;
}

Result<Bound> Binder::BindJoin(const parser::TableRef& ref, const Scope* outer) {
  ZJ_ASSIGN_OR_RETURN(Bound left, BindTableRef(*ref.left, outer));
  left.scope.parent = outer;
  const parser::TableRef& rref = *ref.right;
  if (rref.lateral && rref.kind == parser::TableRef::Kind::kSubquery &&
      InlinableLateral(*rref.subquery) &&
      (ref.join_type == parser::JoinType::kCross || ref.join_type == parser::JoinType::kInner) &&
      !ref.natural && ref.using_columns.empty()) {
    ZJ_ASSIGN_OR_RETURN(Bound b, BindLateralInline(std::move(left), rref));
    b.scope.parent = outer;
    if (ref.on) {
      AggContext none;
      none.clause = "JOIN conditions";
      AggContext* saved = agg_;
      agg_ = &none;
      auto on = BindExpr(*ref.on, b.scope);
      agg_ = saved;
      ZJ_ASSIGN_OR_RETURN(ExprPtr cond, std::move(on));
      ZJ_ASSIGN_OR_RETURN(cond, CoerceToBool(std::move(cond), "JOIN/ON", ref.on->location));
      std::vector<ExprPtr> parts;
      SplitConjuncts(std::move(cond), &parts);
      PlaceConjuncts(&b.plan, std::move(parts));
    }
    return b;
  }
  bool lateral = IsLateral(rref);
  if (lateral && ref.join_type != parser::JoinType::kInner &&
      ref.join_type != parser::JoinType::kCross && ref.join_type != parser::JoinType::kLeft) {
    return Status::Error(sqlstate::kInvalidColumnReference,
                         "invalid reference to FROM-clause entry for table in LATERAL item")
        .WithDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.")
        .WithPosition(Pos(rref.location));
  }
  Bound right;
  if (lateral) {
    ZJ_ASSIGN_OR_RETURN(right, BindLateral(left, rref));
  } else {
    ZJ_ASSIGN_OR_RETURN(right, BindTableRef(rref, outer));
  }
  ZJ_RETURN_IF_ERROR(CheckDistinctNames(left.scope, right.scope, rref.location));
  int lw = static_cast<int>(left.plan->output_types.size());
  int rw = static_cast<int>(right.plan->output_types.size());

  // USING / NATURAL: the join condition, and which copy of each column stays visible.
  std::vector<std::string> using_cols = ref.using_columns;
  if (ref.natural) {
    for (const auto& lc : left.scope.columns) {
      if (lc.hidden) continue;
      for (const auto& rc : right.scope.columns) {
        if (!rc.hidden && rc.name == lc.name &&
            std::find(using_cols.begin(), using_cols.end(), lc.name) == using_cols.end()) {
          using_cols.push_back(lc.name);
        }
      }
    }
  }
  Scope combined;
  combined.parent = outer;
  combined.columns = left.scope.columns;
  for (auto c : right.scope.columns) {
    c.index += lw;
    combined.columns.push_back(std::move(c));
  }
  ExprPtr on;
  std::vector<std::pair<int, int>> merged;  // (left index, right index in combined row)
  if (!using_cols.empty()) {
    std::vector<ExprPtr> conds;
    for (const auto& name : using_cols) {
      auto find = [&](const Scope& s, const char* side) -> Result<const ScopeColumn*> {
        const ScopeColumn* found = nullptr;
        for (const auto& c : s.columns) {
          if (c.hidden || c.name != name) continue;
          if (found != nullptr) {
            return Status::Error(sqlstate::kAmbiguousColumn, "common column name \"" + name +
                                                                 "\" appears more than once in " +
                                                                 side + " table")
                .WithPosition(Pos(ref.location));
          }
          found = &c;
        }
        if (found == nullptr) {
          return Status::Error(sqlstate::kUndefinedColumn,
                               "column \"" + name +
                                   "\" specified in USING clause does not "
                                   "exist in " +
                                   side + " table")
              .WithPosition(Pos(ref.location));
        }
        return found;
      };
      ZJ_ASSIGN_OR_RETURN(const ScopeColumn* lc, find(left.scope, "left"));
      ZJ_ASSIGN_OR_RETURN(const ScopeColumn* rc, find(right.scope, "right"));
      ZJ_ASSIGN_OR_RETURN(ExprPtr eq,
                          MakeCompare("=", MakeColumn(lc->index, lc->type),
                                      MakeColumn(lw + rc->index, rc->type), ref.location));
      conds.push_back(std::move(eq));
      merged.emplace_back(lc->index, lw + rc->index);
    }
    on = AndOf(std::move(conds));
  } else if (ref.on) {
    AggContext none;
    none.clause = "JOIN conditions";
    AggContext* saved = agg_;
    agg_ = &none;
    auto b = BindExpr(*ref.on, combined);
    agg_ = saved;
    ZJ_ASSIGN_OR_RETURN(on, std::move(b));
    ZJ_ASSIGN_OR_RETURN(on, CoerceToBool(std::move(on), "JOIN/ON", ref.on->location));
  }
  ZJ_ASSIGN_OR_RETURN(
      Bound out, Join(std::move(left), std::move(right), ref.join_type, std::move(on), lateral));
  out.scope = std::move(combined);
  if (merged.empty()) return out;

  // The merged columns come first for *; the other copies are reachable only qualified.
  std::vector<ScopeColumn> first, rest;
  std::set<int> merged_idx;
  for (const auto& [l, r] : merged) merged_idx.insert(l), merged_idx.insert(r);
  std::vector<ExprPtr> coalesced;
  for (const auto& [l, r] : merged) {
    const ScopeColumn* lc = nullptr;
    const ScopeColumn* rc = nullptr;
    for (const auto& c : out.scope.columns) {
      if (c.index == l && !c.hidden) lc = &c;
      if (c.index == r && !c.hidden) rc = &c;
    }
    ScopeColumn m = ref.join_type == parser::JoinType::kRight ? *rc : *lc;
    if (ref.join_type == parser::JoinType::kFull) {
      std::vector<ExprPtr> args;
      args.push_back(MakeColumn(l, lc->type));
      args.push_back(MakeColumn(r, rc->type));
      ZJ_RETURN_IF_ERROR(CommonTypeOf(&args, "JOIN/USING", ref.location));
      auto co = std::make_unique<Expr>(ExprKind::kCoalesce, args[0]->type);
      co->args = std::move(args);
      m.type = co->type;
      m.index = lw + rw + static_cast<int>(coalesced.size());
      m.table.clear();
      m.table_oid = 0;
      m.attnum = 0;
      coalesced.push_back(std::move(co));
    }
    first.push_back(std::move(m));
  }
  for (auto c : out.scope.columns) {
    if (merged_idx.count(c.index)) c.hidden = true;
    rest.push_back(std::move(c));
  }
  if (!coalesced.empty()) {
    std::vector<ExprPtr> exprs;
    for (int i = 0; i < lw + rw; ++i) {
      exprs.push_back(MakeColumn(i, out.plan->output_types[static_cast<size_t>(i)]));
    }
    for (auto& c : coalesced) exprs.push_back(std::move(c));
    out.plan = MakeProject(out.plan, std::move(exprs));
  }
  out.scope.columns = std::move(first);
  for (auto& c : rest) out.scope.columns.push_back(std::move(c));
  return out;
}

Result<Bound> Binder::BindFunctionScan(const parser::TableRef& ref, const Scope* outer) {
  const parser::Expr& call = *ref.function;
  std::string name = call.names.back();
  ZJ_ASSIGN_OR_RETURN(Bound b, BindFunctionCall(call, ref.alias.empty() ? name : ref.alias, outer));
  if (ref.ordinality) {
    // WITH ORDINALITY: the row's number, from 1, as a last column.
    LogicalType i8(TypeId::kInt64);
    if (b.plan->kind == PlanKind::kFunctionScan) {
      b.plan->ordinality = true;
    } else {
      b.plan->exprs.push_back(MakeConst(Value::Int64(1), i8));  // a scalar call: one row
    }
    b.plan->output_types.push_back(i8);
    ScopeColumn c;
    c.table = ref.alias.empty() ? name : ref.alias;
    c.name = "ordinality";
    c.type = i8;
    c.index = static_cast<int>(b.scope.columns.size());
    b.scope.columns.push_back(std::move(c));
  }
  ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, ref.alias.empty() ? name : ref.alias, ref.column_aliases,
                                name, ref.location));
  b.scope.parent = outer;
  return b;
}

bool IsSetReturningFunction(const std::string& name) {
  return name == "generate_series" || name == "unnest" || name == "pg_partition_ancestors";
}

Result<Bound> Binder::BindFunctionCall(const parser::Expr& call, const std::string& colname,
                                       const Scope* outer) {
  std::string name = call.names.back();
  Scope none_scope;
  none_scope.parent = outer;
  AggContext none;
  none.clause = "functions in FROM";
  AggContext* saved = agg_;
  agg_ = &none;
  Bound b;
  // The function's one column, named after it (or its alias).
  auto single_column = [&](const LogicalType& t) {
    ScopeColumn c;
    c.table = colname;
    c.name = colname;
    c.type = t;
    b.scope.columns.push_back(std::move(c));
  };
  // A set-returning function's rows, of type t.
  auto function_scan = [&](std::vector<ExprPtr> args, const LogicalType& t) {
    auto node = std::make_shared<PlanNode>(PlanKind::kFunctionScan);
    node->function_name = name;
    node->exprs = std::move(args);
    node->output_types = {t};
    b.plan = node;
    single_column(t);
  };
  if (name == "generate_series") {
    std::vector<ExprPtr> args;
    bool is64 = false;
    for (const auto& a : call.args) {
      auto r = BindExpr(*a, none_scope);
      if (!r.ok()) {
        agg_ = saved;
        return std::move(r).status();
      }
      is64 |= (*r)->type.id == TypeId::kInt64;
      args.push_back(std::move(*r));
    }
    agg_ = saved;
    bool integral = args.size() == 2 || args.size() == 3;
    for (const auto& a : args) {
      TypeId id = a->type.id;
      integral &= id == TypeId::kInt16 || id == TypeId::kInt32 || id == TypeId::kInt64 ||
                  id == TypeId::kUnknown;
    }
    if (!integral) {
      std::string sig;
      for (const auto& a : args) sig += (sig.empty() ? "" : ", ") + a->type.ToString();
      return Status::Error(sqlstate::kUndefinedFunction,
                           "function generate_series(" + sig + ") does not exist")
          .WithHint(
              "No function matches the given name and argument types. You might need to "
              "add explicit type casts.")
          .WithPosition(Pos(call.location));
    }
    LogicalType t(is64 ? TypeId::kInt64 : TypeId::kInt32);
    for (auto& a : args) {
      ZJ_ASSIGN_OR_RETURN(a, Coerce(std::move(a), t, types::CastContext::kImplicit, call.location));
    }
    function_scan(std::move(args), t);
  } else if (name == "pg_partition_ancestors" && call.args.size() == 1 && call.arg_names.empty()) {
    // pg_partition_ancestors(regclass): the partition and the tables above it, none for a
    // relation that is not a partition -- and Zijin has no partitions.
    auto r = BindExpr(*call.args[0], none_scope);
    agg_ = saved;
    ZJ_ASSIGN_OR_RETURN(ExprPtr arg, std::move(r));
    LogicalType t(TypeId::kRegclass);
    ZJ_ASSIGN_OR_RETURN(
        arg, Coerce(std::move(arg), t, types::CastContext::kImplicit, call.args[0]->location));
    std::vector<ExprPtr> args;
    args.push_back(std::move(arg));
    function_scan(std::move(args), t);
  } else if (name == "unnest" && call.args.size() == 1 && call.arg_names.empty()) {
    // unnest(array): one row per element.
    auto r = BindExpr(*call.args[0], none_scope);
    agg_ = saved;
    ZJ_ASSIGN_OR_RETURN(ExprPtr arg, std::move(r));
    if (arg->type.id != TypeId::kArray) {
      if (arg->type.id == TypeId::kUnknown) {
        return Status::Error(sqlstate::kDatatypeMismatch,
                             "could not determine polymorphic type because input has type "
                             "unknown")
            .WithPosition(Pos(call.location));
      }
      return Status::Error(sqlstate::kUndefinedFunction,
                           "function unnest(" + arg->type.ToString() + ") does not exist")
          .WithHint(
              "No function matches the given name and argument types. You might need to "
              "add explicit type casts.")
          .WithPosition(Pos(call.location));
    }
    LogicalType t = arg->type.element();
    std::vector<ExprPtr> args;
    args.push_back(std::move(arg));
    function_scan(std::move(args), t);
  } else {
    // A scalar function in FROM is a one-row relation.
    auto r = BindExpr(call, none_scope);
    agg_ = saved;
    ZJ_ASSIGN_OR_RETURN(ExprPtr e, std::move(r));
    ZJ_ASSIGN_OR_RETURN(e, ResolveUnknown(std::move(e)));
    single_column(e->type);
    std::vector<ExprPtr> exprs;
    exprs.push_back(std::move(e));
    b.plan = MakeProject(std::make_shared<PlanNode>(PlanKind::kResult), std::move(exprs));
  }
  return b;
}

Result<Bound> Binder::BindCte(const parser::CommonTableExpr& cte, const parser::TableRef& ref) {
  // While its body is bound, a CTE does not see itself (WITH RECURSIVE binds its own name to a
  // work table instead).
  size_t level = 0;
  for (size_t i = ctes_.size(); i-- > 0;) {
    if (ctes_[i].count(cte.name) && ctes_[i][cte.name] == &cte) {
      level = i;
      break;
    }
  }
  ctes_[level].erase(cte.name);
  auto r = cte.recursive ? BindRecursiveCte(cte) : BindQuery(*cte.query, nullptr);
  ctes_[level][cte.name] = &cte;
  ZJ_ASSIGN_OR_RETURN(Bound b, std::move(r));
  ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, cte.name, cte.columns, cte.name, ref.location));
  ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, ref.alias.empty() ? cte.name : ref.alias,
                                ref.column_aliases, cte.name, ref.location));
  return b;
}

Result<Bound> Binder::BindWithWorkTable(const std::string& name, WorkTable* wt,
                                        const parser::SelectStmt& q) {
  auto prev = work_tables_.find(name);
  std::optional<WorkTable> saved;
  if (prev != work_tables_.end()) saved = prev->second;
  work_tables_[name] = *wt;
  auto r = BindQuery(q, nullptr);
  *wt = work_tables_[name];
  if (saved) {
    work_tables_[name] = *saved;
  } else {
    work_tables_.erase(name);
  }
  return r;
}

Result<Bound> Binder::BindRecursiveCte(const parser::CommonTableExpr& cte) {
  const parser::SelectStmt& q = *cte.query;
  WorkTable wt;
  if (q.op != parser::SelectStmt::Op::kUnion) {
    wt.forbidden = "recursive query \"" + cte.name +
                   "\" does not have the form non-recursive-term UNION [ALL] recursive-term";
    wt.forbidden_location = cte.location;
    return BindWithWorkTable(cte.name, &wt, q);
  }
  wt.forbidden = "recursive reference to query \"" + cte.name +
                 "\" must not appear within its non-recursive term";
  ZJ_ASSIGN_OR_RETURN(Bound left, BindWithWorkTable(cte.name, &wt, *q.left));
  wt.forbidden.clear();
  wt.id = next_work_table_++;
  wt.depth = depth_ + 1;
  wt.types = left.plan->output_types;
  for (auto& t : wt.types) {
    if (t.id == TypeId::kUnknown) t = LogicalType(TypeId::kText);
  }
  std::vector<const ScopeColumn*> cols;
  for (const auto& c : left.scope.columns) cols.push_back(&c);
  std::sort(cols.begin(), cols.end(),
            [](const ScopeColumn* a, const ScopeColumn* b) { return a->index < b->index; });
  for (size_t i = 0; i < wt.types.size(); ++i) {
    wt.names.push_back(i < cte.columns.size() ? cte.columns[i]
                       : i < cols.size()      ? cols[i]->name
                                              : "?column?");
  }
  auto right_r = BindWithWorkTable(cte.name, &wt, *q.right);
  ZJ_ASSIGN_OR_RETURN(Bound right, std::move(right_r));
  if (wt.uses == 0) return BindQuery(q, nullptr);  // no self-reference: an ordinary UNION
  auto not_implemented = [&](const char* what, int location) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         std::string(what) + " in a recursive query is not implemented")
        .WithPosition(Pos(location));
  };
  if (!q.order_by.empty()) return not_implemented("ORDER BY", q.order_by[0].expr->location);
  if (q.offset) return not_implemented("OFFSET", q.offset->location);
  if (q.limit) return not_implemented("LIMIT", q.limit->location);
  for (auto [kind, what] : {std::pair{PlanKind::kAggregate, "aggregate functions"},
                            std::pair{PlanKind::kWindow, "window functions"}}) {
    if (FindOver(*right.plan, kind, wt.id) != nullptr) {
      return Status::Error(
                 sqlstate::kInvalidRecursion,
                 std::string(what) + " are not allowed in a recursive query's recursive term")
          .WithPosition(Pos(q.right->location));
    }
  }
  size_t width = wt.types.size();
  if (right.plan->output_types.size() != width) {
    return Status::Error(sqlstate::kSyntaxError,
                         "each UNION query must have the same number of columns")
        .WithPosition(Pos(q.right->location));
  }
  // Both terms produce the non-recursive term's types (PostgreSQL requires the recursive term
  // to fit them).
  for (Bound* side : {&left, &right}) {
    std::vector<ExprPtr> casts;
    bool need = false;
    for (size_t i = 0; i < width; ++i) {
      const LogicalType& have = side->plan->output_types[i];
      ExprPtr col = MakeColumn(static_cast<int>(i), have);
      if (have != wt.types[i]) {
        need = true;
        auto c = Coerce(std::move(col), wt.types[i], types::CastContext::kImplicit, q.location);
        if (!c.ok()) {
          return Status::Error(sqlstate::kDatatypeMismatch,
                               "recursive query \"" + cte.name + "\" column " +
                                   std::to_string(i + 1) + " has type " + wt.types[i].ToString() +
                                   " in non-recursive term but type " + have.ToString() +
                                   " overall")
              .WithHint("Cast the output of the non-recursive term to the correct type.")
              .WithPosition(
                  Pos(i < q.left->targets.size() ? q.left->targets[i].location : q.left->location));
        }
        col = std::move(*c);
      }
      casts.push_back(std::move(col));
    }
    if (need) side->plan = MakeProject(side->plan, std::move(casts));
  }
  auto node = std::make_shared<PlanNode>(PlanKind::kRecursiveUnion);
  node->work_table = wt.id;
  node->setop_all = q.set_all;
  node->output_types = wt.types;
  node->children.push_back(left.plan);
  node->children.push_back(right.plan);
  Bound b;
  b.plan = node;
  for (size_t i = 0; i < width; ++i) {
    ScopeColumn c;
    c.name = wt.names[i];
    c.type = wt.types[i];
    c.index = static_cast<int>(i);
    b.scope.columns.push_back(std::move(c));
  }
  return b;
}

Result<Bound> Binder::BindView(const catalog::View& view, const parser::TableRef& ref,
                               int location) {
  ZJ_ASSIGN_OR_RETURN(auto stmts, parser::ParseSql(view.sql));
  if (stmts.size() != 1 || stmts[0].stmt->kind != parser::StmtKind::kSelect) {
    return Status::Internal("view \"" + view.name + "\" has a bad definition");
  }
  const auto& sel = static_cast<const parser::SelectStatement&>(*stmts[0].stmt);
  // The view's text is bound on its own: the referencing query's CTEs are not visible in it.
  auto saved_ctes = std::move(ctes_);
  ctes_.clear();
  auto r = BindQuery(*sel.query, nullptr);
  ctes_ = std::move(saved_ctes);
  if (!r.ok()) {
    Status st = std::move(r).status();
    st.mutable_info().position = Pos(location);
    return st;
  }
  Bound b = std::move(*r);
  ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, view.name, view.column_names, view.name, location));
  ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, ref.alias.empty() ? view.name : ref.alias,
                                ref.column_aliases, view.name, location));
  for (auto& c : b.scope.columns) {
    c.table_oid = 0;
    c.attnum = 0;
  }
  return b;
}

Result<Bound> Binder::BindRelation(const parser::TableRef& ref, const Scope* outer) {
  const std::vector<std::string>& name = ref.name;
  if (name.size() == 1) {
    if (auto wt = work_tables_.find(name[0]); wt != work_tables_.end()) {
      WorkTable& w = wt->second;
      auto invalid = [&](const std::string& message, int location) {
        return Status::Error(sqlstate::kInvalidRecursion, message)
            .WithPosition(Pos(location < 0 ? ref.location : location));
      };
      std::string what = "recursive reference to query \"" + name[0] + "\" must not appear ";
      if (!w.forbidden.empty()) return invalid(w.forbidden, w.forbidden_location);
      if (depth_ != w.depth) return invalid(what + "within a subquery", -1);
      if (++w.uses > 1) return invalid(what + "more than once", -1);
      w.ref_location = ref.location;
      auto node = std::make_shared<PlanNode>(PlanKind::kWorkTableScan);
      node->work_table = wt->second.id;
      node->output_types = wt->second.types;
      node->column_names = wt->second.names;
      node->alias = name[0];
      Bound b;
      for (size_t i = 0; i < wt->second.types.size(); ++i) {
        ScopeColumn c;
        c.table = name[0];
        c.name = wt->second.names[i];
        c.type = wt->second.types[i];
        c.index = static_cast<int>(i);
        b.scope.columns.push_back(std::move(c));
      }
      b.plan = node;
      ZJ_RETURN_IF_ERROR(
          ApplyAlias(&b.scope, ref.alias, ref.column_aliases, name[0], ref.location));
      b.scope.parent = outer;
      return b;
    }
    for (size_t i = ctes_.size(); i-- > 0;) {
      auto it = ctes_[i].find(name[0]);
      if (it != ctes_[i].end()) {
        ZJ_ASSIGN_OR_RETURN(Bound b, BindCte(*it->second, ref));
        b.scope.parent = outer;
        return b;
      }
    }
  }
  std::vector<std::pair<catalog::Oid, std::string>> schemas;
  if (name.size() >= 2) {
    const std::string& s = name[name.size() - 2];
    const catalog::Schema* schema = ctx_.catalog->FindSchema(ctx_.database, s);
    if (schema != nullptr) schemas.emplace_back(schema->oid, schema->name);
  } else {
    for (catalog::Oid oid : SearchSchemas()) {
      auto it = ctx_.catalog->schemas.find(oid);
      schemas.emplace_back(oid, it == ctx_.catalog->schemas.end() ? "" : it->second.name);
    }
  }
  const std::string& rel = name.back();
  for (const auto& [schema_oid, schema_name] : schemas) {
    if (schema_oid == catalog::kPgCatalogNamespace ||
        schema_oid == catalog::kInformationSchemaNamespace) {
      const catalog::SystemView* v = catalog::FindSystemView(schema_name, rel);
      if (v == nullptr) continue;
      auto node = std::make_shared<PlanNode>(PlanKind::kSystemScan);
      node->system_view = schema_name + "." + rel;
      Bound b;
      for (size_t i = 0; i < v->columns.size(); ++i) {
        node->output_types.push_back(v->columns[i].type);
        ScopeColumn c;
        c.table = rel;
        c.name = v->columns[i].name;
        c.type = v->columns[i].type;
        c.index = static_cast<int>(i);
        b.scope.columns.push_back(std::move(c));
      }
      // tableoid: the system column psql joins pg_description on.
      node->system_view_oid = v->oid;
      node->output_types.push_back(LogicalType(TypeId::kOid));
      ScopeColumn tableoid;
      tableoid.table = rel;
      tableoid.name = "tableoid";
      tableoid.type = LogicalType(TypeId::kOid);
      tableoid.index = static_cast<int>(v->columns.size());
      tableoid.hidden = true;
      tableoid.system = true;
      b.scope.columns.push_back(std::move(tableoid));
      b.plan = node;
      ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, ref.alias, ref.column_aliases, rel, ref.location));
      b.scope.parent = outer;
      return b;
    }
    catalog::RelKind kind;
    catalog::Oid oid;
    if (!ctx_.catalog->FindRelation(schema_oid, rel, &kind, &oid)) continue;
    switch (kind) {
      case catalog::RelKind::kTable: {
        std::shared_ptr<const catalog::Table> t = ctx_.catalog->tables.at(oid);
        NoteRelation(oid, RelationUse::Kind::kRead);
        auto node = std::make_shared<PlanNode>(PlanKind::kSeqScan);
        node->table = t;
        if (ref.alias != t->name) node->alias = ref.alias;
        for (const auto& c : t->columns) node->output_types.push_back(c.type);
        Bound b;
        b.plan = node;
        b.scope = TableScope(*t, ref.alias.empty() ? t->name : ref.alias);
        ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, "", ref.column_aliases, t->name, ref.location));
        b.scope.parent = outer;
        return b;
      }
      case catalog::RelKind::kView: {
        NoteRelation(oid, RelationUse::Kind::kRead);
        ZJ_ASSIGN_OR_RETURN(Bound b, BindView(ctx_.catalog->views.at(oid), ref, ref.location));
        b.scope.parent = outer;
        return b;
      }
      case catalog::RelKind::kSequence: {
        // One row, as PostgreSQL shows it: last_value, log_cnt, is_called.
        auto node = std::make_shared<PlanNode>(PlanKind::kSequenceScan);
        node->sequence_oid = oid;
        node->system_view = rel;
        const std::pair<const char*, TypeId> columns[] = {{"last_value", TypeId::kInt64},
                                                          {"log_cnt", TypeId::kInt64},
                                                          {"is_called", TypeId::kBool}};
        Bound b;
        for (const auto& [col, type] : columns) {
          node->output_types.emplace_back(type);
          ScopeColumn c;
          c.table = rel;
          c.name = col;
          c.type = LogicalType(type);
          c.index = static_cast<int>(b.scope.columns.size());
          b.scope.columns.push_back(std::move(c));
        }
        b.plan = node;
        ZJ_RETURN_IF_ERROR(ApplyAlias(&b.scope, ref.alias, ref.column_aliases, rel, ref.location));
        b.scope.parent = outer;
        return b;
      }
      case catalog::RelKind::kIndex:
        return Status::Error(sqlstate::kWrongObjectType, "\"" + rel + "\" is an index")
            .WithPosition(Pos(ref.location));
    }
  }
  return Status::Error(sqlstate::kUndefinedTable,
                       "relation \"" + JoinName(name) + "\" does not exist")
      .WithPosition(Pos(ref.location));
}

}  // namespace zijin::planner
