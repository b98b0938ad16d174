// EXPLAIN: plan trees as text, in PostgreSQL's layout (without costs, which Zijin does not model
// yet).
#include "exec/functions/function_registry.h"
#include "planner/planner.h"
#include "types/type_io.h"

namespace zijin::planner {
namespace {

const char* CompareName(CompareOp op) {
  switch (op) {
    case CompareOp::kEq: return "=";
    case CompareOp::kNe: return "<>";
    case CompareOp::kLt: return "<";
    case CompareOp::kLe: return "<=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGe: return ">=";
  }
  return "?";
}

std::string ExprText(const Expr& e) {
  auto args = [&](const char* sep) {
    std::string s;
    for (size_t i = 0; i < e.args.size(); ++i) {
      if (i > 0) s += sep;
      s += ExprText(*e.args[i]);
    }
    return s;
  };
  switch (e.kind) {
    case ExprKind::kConst:
      if (e.value.is_null()) return "NULL";
      return "'" + types::ToText(e.value) + "'::" + e.type.ToString();
    case ExprKind::kColumn:
      return (e.depth > 0 ? "outer" + std::to_string(e.depth) + "." : std::string()) + "$" +
             std::to_string(e.index);
    case ExprKind::kParam: return "$" + std::to_string(e.index + 1);
    case ExprKind::kCast: return "(" + ExprText(*e.args[0]) + ")::" + e.type.ToString();
    case ExprKind::kArith: {
      static const char* ops[] = {"+", "-", "*", "/", "%", "^"};
      return "(" + ExprText(*e.args[0]) + " " + ops[e.op] + " " + ExprText(*e.args[1]) + ")";
    }
    case ExprKind::kNegate: return "(-" + ExprText(*e.args[0]) + ")";
    case ExprKind::kCompare:
      return "(" + ExprText(*e.args[0]) + " " + CompareName(static_cast<CompareOp>(e.op)) + " " +
             ExprText(*e.args[1]) + ")";
    case ExprKind::kAnd: return "(" + args(" AND ") + ")";
    case ExprKind::kOr: return "(" + args(" OR ") + ")";
    case ExprKind::kNot: return "(NOT " + ExprText(*e.args[0]) + ")";
    case ExprKind::kIsNull:
      return "(" + ExprText(*e.args[0]) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
    case ExprKind::kFunction: return e.fn->name + "(" + args(", ") + ")";
    case ExprKind::kSubquery: return "(SubPlan)";
    case ExprKind::kAggRef: return "agg$" + std::to_string(e.index);
    case ExprKind::kLike:
      return "(" + ExprText(*e.args[0]) + (e.negated ? " !~~ " : " ~~ ") + ExprText(*e.args[1]) +
             ")";
    case ExprKind::kInList: return "(" + ExprText(*e.args[0]) + " IN (...))";
    case ExprKind::kArray: return "ARRAY[" + args(", ") + "]";
    case ExprKind::kSubscript: return ExprText(*e.args[0]) + "[" + ExprText(*e.args[1]) + "]";
    case ExprKind::kArrayCompare:
      return "(" + ExprText(*e.args[0]) + " " + CompareName(static_cast<CompareOp>(e.op)) +
             (e.subquery_kind == SubqueryKind::kAll ? " ALL (" : " ANY (") +
             ExprText(*e.args[1]) + "))";
    default: return "(expr)";
  }
}

void Walk(const PlanNode& p, int depth, std::vector<std::string>* out) {
  std::string indent = depth == 0 ? "" : std::string(static_cast<size_t>(depth * 6 - 4), ' ') + "->  ";
  std::string detail_indent(static_cast<size_t>(depth == 0 ? 2 : depth * 6 + 2), ' ');
  std::string line;
  switch (p.kind) {
    case PlanKind::kResult: line = "Result"; break;
    case PlanKind::kValues: line = "Values Scan"; break;
    case PlanKind::kSeqScan: line = "Seq Scan on " + p.table->name; break;
    case PlanKind::kIndexScan:
      line = "Index Scan using " + p.index->name + " on " + p.table->name;
      break;
    case PlanKind::kSystemScan: line = "System View Scan on " + p.system_view; break;
    case PlanKind::kFunctionScan: line = "Function Scan on " + p.function_name; break;
    case PlanKind::kFilter: line = "Filter"; break;
    case PlanKind::kProject: line = "Project"; break;
    case PlanKind::kAggregate: line = p.group_keys.empty() ? "Aggregate" : "HashAggregate"; break;
    case PlanKind::kSort: line = "Sort"; break;
    case PlanKind::kLimit: line = "Limit"; break;
    case PlanKind::kDistinct: line = "Unique"; break;
    case PlanKind::kNestedLoopJoin: line = "Nested Loop"; break;
    case PlanKind::kHashJoin: line = "Hash Join"; break;
    case PlanKind::kSetOp: line = "SetOp"; break;
    case PlanKind::kInsert: line = "Insert on " + p.table->name; break;
    case PlanKind::kUpdate: line = "Update on " + p.table->name; break;
    case PlanKind::kDelete: line = "Delete on " + p.table->name; break;
    case PlanKind::kCopySource: line = "Copy From Stdin"; break;
  }
  if (p.kind == PlanKind::kNestedLoopJoin || p.kind == PlanKind::kHashJoin) {
    static const char* kinds[] = {"", "Left ", "Right ", "Full ", "Semi ", "Anti "};
    line = p.kind == PlanKind::kHashJoin ? std::string("Hash ") + kinds[static_cast<int>(p.join_kind)] + "Join"
                                         : std::string("Nested Loop ") + kinds[static_cast<int>(p.join_kind)];
    while (!line.empty() && line.back() == ' ') line.pop_back();
  }
  out->push_back(indent + line);
  if (p.kind == PlanKind::kIndexScan) {
    std::string cond;
    if (!p.lower.values.empty()) cond += "lower bound on " + std::to_string(p.lower.values.size()) + " key column(s)";
    if (!p.upper.values.empty()) cond += std::string(cond.empty() ? "" : ", ") + "upper bound";
    if (!cond.empty()) out->push_back(detail_indent + "Index Cond: " + cond);
  }
  if (p.predicate && p.kind != PlanKind::kUpdate && p.kind != PlanKind::kDelete) {
    bool join = p.kind == PlanKind::kNestedLoopJoin || p.kind == PlanKind::kHashJoin;
    out->push_back(detail_indent + (join ? "Join Filter: " : "Filter: ") + ExprText(*p.predicate));
  }
  if (p.kind == PlanKind::kSort) {
    std::string keys;
    for (const auto& k : p.sort_keys) {
      keys += (keys.empty() ? "" : ", ") + ExprText(*k.expr) + (k.descending ? " DESC" : "");
    }
    out->push_back(detail_indent + "Sort Key: " + keys);
  }
  for (const auto& c : p.children) Walk(*c, depth + 1, out);
}

}  // namespace

std::vector<std::string> ExplainPlan(const PlanNode& plan) {
  std::vector<std::string> out;
  Walk(plan, 0, &out);
  return out;
}

}  // namespace zijin::planner
