// Access paths: a table scan becomes an index range scan when its conjuncts bind a leading
// prefix of the primary key or of a secondary index, as enable_seqscan/enable_indexscan allow.
#include <map>

#include "planner/internal/binder.h"

namespace zijin::planner {

using types::TypeId;

namespace {

// A value an index bound can be computed from before the scan starts: constants, parameters,
// enclosing queries' columns and stable expressions over them.
bool IsBoundValue(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kColumn:
      if (e.depth == 0) return false;
      break;
    case ExprKind::kSubquery:
    case ExprKind::kAggRef:
    case ExprKind::kSequence:
    case ExprKind::kRow:
      return false;
    default: break;
  }
  if (e.volatile_fn) return false;
  for (const auto& a : e.args) {
    if (!IsBoundValue(*a)) return false;
  }
  return true;
}

using types::IsInteger;

// Whether a value of type `value` can bound a key column of type `key`: the same type, two
// string types, or two integer types (the scan fits a wider integer to the column).
bool SameKeyType(TypeId key, TypeId value) {
  if (key == value) return true;
  auto stringish = [](TypeId t) {
    return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kName;
  };
  return (stringish(key) && stringish(value)) || (IsInteger(key) && IsInteger(value));
}

// The table column under `e`: a column itself, or one cast to a wider integer type (the binder
// widens smallint_col = 5 to smallint_col::integer = 5). nullptr otherwise.
const Expr* KeyColumn(const Expr* e) {
  if (e->kind == ExprKind::kCast && e->args.size() == 1 && IsInteger(e->type.id)) {
    const Expr* inner = e->args[0].get();
    if (inner->kind == ExprKind::kColumn && IsInteger(inner->type.id)) e = inner;
  }
  return e->kind == ExprKind::kColumn && e->depth == 0 ? e : nullptr;
}

// The bounds on one column, each with the conjunct it came from.
struct ColumnPreds {
  const Expr* eq = nullptr;
  const Expr* lo = nullptr;
  bool lo_inclusive = true;
  const Expr* hi = nullptr;
  bool hi_inclusive = true;
  size_t eq_from = 0, lo_from = 0, hi_from = 0;
};

CompareOp Flip(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return CompareOp::kGt;
    case CompareOp::kLe: return CompareOp::kGe;
    case CompareOp::kGt: return CompareOp::kLt;
    case CompareOp::kGe: return CompareOp::kLe;
    default: return op;
  }
}

ExprPtr KeyValue(const Expr& v, const types::LogicalType& key_type) {
  ExprPtr c = CloneExpr(v);
  if (c->type.id == key_type.id) return c;
  if (IsInteger(c->type.id) && IsInteger(key_type.id)) return c;  // fitted by the scan
  auto cast = std::make_unique<Expr>(ExprKind::kCast, key_type);
  cast->args.push_back(std::move(c));
  return cast;
}

// Turns `scan` into a range scan of the index whose leading columns the conjuncts bind best,
// and marks in *used the conjuncts the range stands for; false (scan unchanged) when no index
// fits.
bool ChooseIndexRange(PlanNode* scan, const std::vector<ExprPtr>& conjuncts,
                      std::vector<bool>* used) {
  const catalog::Table& t = *scan->table;
  if (t.indexes.empty() || conjuncts.empty()) return false;
  std::map<int, ColumnPreds> preds;
  for (size_t ci = 0; ci < conjuncts.size(); ++ci) {
    const ExprPtr& c = conjuncts[ci];
    if (c->kind != ExprKind::kCompare) continue;
    auto op = static_cast<CompareOp>(c->op);
    if (op == CompareOp::kNe) continue;
    const Expr* a = c->args[0].get();
    const Expr* b = c->args[1].get();
    const Expr* col = nullptr;
    const Expr* val = nullptr;
    if (KeyColumn(a) != nullptr && IsBoundValue(*b)) {
      col = KeyColumn(a);
      val = b;
    } else if (KeyColumn(b) != nullptr && IsBoundValue(*a)) {
      col = KeyColumn(b);
      val = a;
      op = Flip(op);
    } else {
      continue;
    }
    if (col->index < 0 || static_cast<size_t>(col->index) >= t.columns.size()) continue;
    if (!SameKeyType(t.columns[static_cast<size_t>(col->index)].type.id, val->type.id)) continue;
    ColumnPreds& p = preds[col->index];
    switch (op) {
      case CompareOp::kEq:
        if (p.eq == nullptr) p.eq = val, p.eq_from = ci;
        break;
      case CompareOp::kGt:
      case CompareOp::kGe:
        if (p.lo == nullptr) p.lo = val, p.lo_inclusive = op == CompareOp::kGe, p.lo_from = ci;
        break;
      case CompareOp::kLt:
      case CompareOp::kLe:
        if (p.hi == nullptr) p.hi = val, p.hi_inclusive = op == CompareOp::kLe, p.hi_from = ci;
        break;
      default: break;
    }
  }
  if (preds.empty()) return false;

  // The index binding the most leading columns by equality wins; a range on the next column
  // breaks ties, then the primary key (a point read needs no second lookup).
  const catalog::Index* best = nullptr;
  int best_score = 0;
  for (const auto& ix : t.indexes) {
    int neq = 0;
    while (static_cast<size_t>(neq) < ix.columns.size()) {
      auto it = preds.find(ix.columns[static_cast<size_t>(neq)]);
      if (it == preds.end() || it->second.eq == nullptr) break;
      ++neq;
    }
    bool range = false;
    if (static_cast<size_t>(neq) < ix.columns.size()) {
      auto it = preds.find(ix.columns[static_cast<size_t>(neq)]);
      range = it != preds.end() && (it->second.lo != nullptr || it->second.hi != nullptr);
    }
    int score = neq * 4 + (range ? 2 : 0);
    if (score > 0 && static_cast<size_t>(neq) == ix.columns.size() && (ix.unique || ix.primary)) {
      score += 1;
    }
    if (score > best_score) {
      best_score = score;
      best = &ix;
    }
  }
  if (best == nullptr) return false;

  IndexBound lower, upper;
  size_t k = 0;
  for (; k < best->columns.size(); ++k) {
    int col = best->columns[k];
    auto it = preds.find(col);
    if (it == preds.end() || it->second.eq == nullptr) break;
    const types::LogicalType& kt = t.columns[static_cast<size_t>(col)].type;
    lower.values.push_back(KeyValue(*it->second.eq, kt));
    upper.values.push_back(KeyValue(*it->second.eq, kt));
    (*used)[it->second.eq_from] = true;
  }
  lower.equalities = upper.equalities = k;
  if (k < best->columns.size()) {
    int col = best->columns[k];
    auto it = preds.find(col);
    if (it != preds.end()) {
      const ColumnPreds& p = it->second;
      const types::LogicalType& kt = t.columns[static_cast<size_t>(col)].type;
      // A descending column stores larger values first: its lower key bound is the upper value.
      bool desc = k < best->descending.size() && best->descending[k];
      const Expr* key_lo = desc ? p.hi : p.lo;
      bool key_lo_incl = desc ? p.hi_inclusive : p.lo_inclusive;
      const Expr* key_hi = desc ? p.lo : p.hi;
      bool key_hi_incl = desc ? p.lo_inclusive : p.hi_inclusive;
      if (key_lo != nullptr) {
        lower.values.push_back(KeyValue(*key_lo, kt));
        lower.inclusive = key_lo_incl;
      }
      if (key_hi != nullptr) {
        upper.values.push_back(KeyValue(*key_hi, kt));
        upper.inclusive = key_hi_incl;
      }
      if (p.lo != nullptr) (*used)[p.lo_from] = true;
      if (p.hi != nullptr) (*used)[p.hi_from] = true;
    }
  }
  scan->kind = PlanKind::kIndexScan;
  scan->index = best;
  scan->lower = std::move(lower);
  scan->upper = std::move(upper);
  return true;
}

}  // namespace

void Binder::ChooseAccessPath(PlanNode* scan, std::vector<ExprPtr>* conjuncts) {
  const catalog::Table& t = *scan->table;
  if (t.indexes.empty()) return;
  // A switched-off kind of scan is still taken when the other is off too, as PostgreSQL's
  // disable_cost only makes it expensive: then a bound index beats a sequential scan, and a
  // sequential scan beats reading a whole index.
  std::vector<bool> used(conjuncts->size(), false);
  if ((ctx_.enable_indexscan || !ctx_.enable_seqscan) &&
      ChooseIndexRange(scan, *conjuncts, &used)) {
    std::vector<ExprPtr> rest;
    for (size_t i = 0; i < conjuncts->size(); ++i) {
      (used[i] ? scan->index_conds : rest).push_back(std::move((*conjuncts)[i]));
    }
    *conjuncts = std::move(rest);
    return;
  }
  if (!ctx_.enable_seqscan && ctx_.enable_indexscan) {
    // Every row through an index instead of a sequential scan; the primary key needs no second
    // lookup.
    const catalog::Index* ix = &t.indexes.front();
    for (const auto& i : t.indexes) {
      if (i.primary) {
        ix = &i;
        break;
      }
    }
    scan->kind = PlanKind::kIndexScan;
    scan->index = ix;
    scan->lower = IndexBound();
    scan->upper = IndexBound();
  }
}

}  // namespace zijin::planner
