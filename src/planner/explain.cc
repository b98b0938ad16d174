// EXPLAIN: plan trees as text, in the layout of PostgreSQL's EXPLAIN (COSTS OFF) — Zijin does
// not model costs yet. Projections are part of the node below them, as in PostgreSQL; column
// references print as names, qualified by table when the plan reads more than one.
#include "exec/functions/function_registry.h"
#include "planner/planner.h"
#include "types/type_io.h"

namespace zijin::planner {
namespace {

using types::TypeId;

const char* CompareName(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "<>";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
  }
  return "?";
}

using Names = std::vector<std::string>;

// PostgreSQL's deparse of a constant: numbers bare (negative ones quoted), the rest quoted
// with their type.
std::string ConstText(const Expr& e) {
  if (e.value.is_null()) return "NULL";
  std::string text = types::ToText(e.value);
  TypeId t = e.type.id;
  if (t == TypeId::kBool) return text;
  if ((t == TypeId::kInt32 || t == TypeId::kNumeric) && !text.empty() && text[0] != '-') {
    return text;
  }
  std::string quoted = "'";
  for (char c : text) {
    quoted += c;
    if (c == '\'') quoted += c;
  }
  return quoted + "'::" + e.type.ToString();
}

std::string ExprText(const Expr& e, const Names& names) {
  auto arg = [&](size_t i) { return ExprText(*e.args[i], names); };
  auto list = [&](const char* sep, size_t from = 0) {
    std::string s;
    for (size_t i = from; i < e.args.size(); ++i) {
      if (i > from) s += sep;
      s += arg(i);
    }
    return s;
  };
  switch (e.kind) {
    case ExprKind::kConst:
      return ConstText(e);
    case ExprKind::kColumn:
    case ExprKind::kAggRef:
      if (e.depth == 0 && e.index >= 0 && static_cast<size_t>(e.index) < names.size()) {
        return names[static_cast<size_t>(e.index)];
      }
      return (e.depth > 0 ? "outer." : "") + std::string("$") + std::to_string(e.index);
    case ExprKind::kParam:
      return "$" + std::to_string(e.index + 1);
    case ExprKind::kCast:
      // PostgreSQL compares integers of different widths without a cast.
      if (types::IsInteger(e.type.id) && types::IsInteger(e.args[0]->type.id) &&
          e.args[0]->kind == ExprKind::kColumn) {
        return arg(0);
      }
      // A cast constant shows folded, as PostgreSQL folds it while planning.
      if (e.args[0]->kind == ExprKind::kConst && !e.args[0]->value.is_null()) {
        return "'" + types::ToText(e.args[0]->value) + "'::" + e.type.ToString();
      }
      return "(" + arg(0) + ")::" + e.type.ToString();
    case ExprKind::kArith: {
      static const char* ops[] = {"+", "-", "*", "/", "%", "^"};
      return "(" + arg(0) + " " + ops[e.op] + " " + arg(1) + ")";
    }
    case ExprKind::kNegate:
      return "(- " + arg(0) + ")";
    case ExprKind::kCompare:
      return "(" + arg(0) + " " + CompareName(static_cast<CompareOp>(e.op)) + " " + arg(1) + ")";
    case ExprKind::kAnd:
      return "(" + list(" AND ") + ")";
    case ExprKind::kOr:
      return "(" + list(" OR ") + ")";
    case ExprKind::kNot:
      return "(NOT " + arg(0) + ")";
    case ExprKind::kIsNull:
      return "(" + arg(0) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
    case ExprKind::kIsDistinct:
      return "(" + arg(0) + (e.negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + arg(1) +
             ")";
    case ExprKind::kIsTrue:
      return "(" + arg(0) + (e.negated ? " IS NOT " : " IS ") +
             (e.value.GetBool() ? "TRUE)" : "FALSE)");
    case ExprKind::kFunction:
      return e.fn->name + "(" + list(", ") + ")";
    case ExprKind::kCoalesce:
      return "COALESCE(" + list(", ") + ")";
    case ExprKind::kNullIf:
      return "NULLIF(" + list(", ") + ")";
    case ExprKind::kConcat:
      return "(" + arg(0) + " || " + arg(1) + ")";
    case ExprKind::kCase:
      return "CASE ... END";
    case ExprKind::kSubquery:
      return "(SubPlan)";
    case ExprKind::kLike: {
      const char* op =
          e.case_insensitive ? (e.negated ? " !~~* " : " ~~* ") : (e.negated ? " !~~ " : " ~~ ");
      return "(" + arg(0) + op + arg(1) + ")";
    }
    case ExprKind::kInList:
      return "(" + arg(0) + (e.negated ? " <> ALL (" : " = ANY (") + list(", ", 1) + "))";
    case ExprKind::kRow:
      return "ROW(" + list(", ") + ")";
    case ExprKind::kSequence:
      return "nextval(...)";
    case ExprKind::kWindowRef:
      return "window$" + std::to_string(e.index);
    case ExprKind::kArray:
      return "ARRAY[" + list(", ") + "]";
    case ExprKind::kSubscript:
      return arg(0) + "[" + arg(1) + "]";
    case ExprKind::kArrayCompare:
      return "(" + arg(0) + " " + CompareName(static_cast<CompareOp>(e.op)) +
             (e.subquery_kind == SubqueryKind::kAll ? " ALL (" : " ANY (") + arg(1) + "))";
  }
  return "(expr)";
}

// Whether the plan reads more than one relation: then columns are qualified by table.
int CountRelations(const PlanNode& p) {
  int n = p.kind == PlanKind::kSeqScan || p.kind == PlanKind::kIndexScan ||
                  p.kind == PlanKind::kValues || p.kind == PlanKind::kFunctionScan ||
                  p.kind == PlanKind::kSystemScan || p.kind == PlanKind::kSequenceScan ||
                  p.kind == PlanKind::kWorkTableScan
              ? 1
              : 0;
  for (const auto& c : p.children) n += CountRelations(*c);
  return n;
}

class Explainer {
 public:
  Explainer(const PlanNode& root, const ActualFn* actual)
      : qualify_(CountRelations(root) > 1), actual_(actual ? *actual : ActualFn()) {}

  // The display names of what `p` produces.
  Names OutputNames(const PlanNode& p) const { return OutputNames(p, qualify_); }

  // The names of what a scan's own conditions read: unqualified, as PostgreSQL prints them
  // (only conditions above scans name tables).
  Names ScanNames(const PlanNode& p) const {
    return OutputNames(p, !p.children.empty() && qualify_);
  }

  Names OutputNames(const PlanNode& p, bool qualify) const {
    Names out;
    switch (p.kind) {
      case PlanKind::kSeqScan:
      case PlanKind::kIndexScan:
        for (const auto& c : p.table->columns) {
          out.push_back(qualify ? (p.alias.empty() ? p.table->name : p.alias) + "." + c.name
                                : c.name);
        }
        if (p.emit_pk) out.push_back(p.table->name + ".ctid");
        return out;
      case PlanKind::kWorkTableScan:
        for (const auto& c : p.column_names) out.push_back(qualify ? p.alias + "." + c : c);
        return out;
      case PlanKind::kValues:
        for (size_t i = 0; i < p.output_types.size(); ++i) {
          out.push_back("\"*VALUES*\".column" + std::to_string(i + 1));
        }
        return out;
      case PlanKind::kProject: {
        Names in = OutputNames(*p.children[0], qualify);
        for (const auto& e : p.exprs) out.push_back(ExprText(*e, in));
        return out;
      }
      case PlanKind::kAggregate: {
        Names in = OutputNames(*p.children[0], qualify);
        for (const auto& k : p.group_keys) out.push_back(ExprText(*k, in));
        for (const auto& a : p.aggregates) {
          std::string args;
          for (size_t i = 0; i < a.args.size(); ++i) {
            args += (i ? ", " : "") + ExprText(*a.args[i], in);
          }
          out.push_back(a.fn->name + "(" + (a.distinct ? "DISTINCT " : "") + (a.star ? "*" : args) +
                        ")");
        }
        return out;
      }
      case PlanKind::kWindow: {
        out = OutputNames(*p.children[0], qualify);
        Names in = out;
        for (const auto& w : p.windows) {
          std::string args;
          for (size_t i = 0; i < w.args.size(); ++i) {
            args += (i ? ", " : "") + ExprText(*w.args[i], in);
          }
          out.push_back(w.name + "(" + (w.agg != nullptr && w.args.empty() ? "*" : args) +
                        ") OVER (?)");
        }
        return out;
      }
      case PlanKind::kNestedLoopJoin:
      case PlanKind::kHashJoin: {
        out = OutputNames(*p.children[0], qualify);
        Names right = OutputNames(*p.children[1], qualify);
        out.insert(out.end(), right.begin(), right.end());
        break;
      }
      default:
        if (!p.children.empty()) out = OutputNames(*p.children[0], qualify);
        break;
    }
    while (out.size() < p.output_types.size()) out.push_back("$" + std::to_string(out.size()));
    return out;
  }

  // One node with its details; a Project or Filter shows as the node under it, as in
  // PostgreSQL (the filter as a detail line of that node).
  // `shown`: the node whose output the line stands for (the Project or Filter folded into
  // `p`), for EXPLAIN ANALYZE's figures.
  void Walk(const PlanNode& p, int depth, Names extra, std::vector<std::string>* out,
            const PlanNode* shown = nullptr) const {
    if (shown == nullptr) shown = &p;
    if (p.kind == PlanKind::kProject) {
      return Walk(*p.children[0], depth, std::move(extra), out, shown);
    }
    if (p.kind == PlanKind::kFilter) {
      extra.push_back("Filter: " + ExprText(*p.predicate, ScanNames(*p.children[0])));
      return Walk(*p.children[0], depth, std::move(extra), out, shown);
    }
    std::string indent =
        depth == 0 ? "" : std::string(static_cast<size_t>(depth * 6 - 4), ' ') + "->  ";
    std::string detail(static_cast<size_t>(depth == 0 ? 2 : depth * 6 + 2), ' ');
    out->push_back(indent + Title(p) + (actual_ ? actual_(*shown) : std::string()));
    Names in = p.children.empty() ? ScanNames(p) : OutputNames(*p.children[0]);
    switch (p.kind) {
      case PlanKind::kIndexScan:
        if (!p.index_conds.empty()) {
          std::vector<std::string> conds;
          for (const auto& c : p.index_conds) conds.push_back(ExprText(*c, in));
          out->push_back(detail + "Index Cond: " + Conjunction(conds));
        }
        break;
      case PlanKind::kHashJoin: {
        Names left = OutputNames(*p.children[0]), right = OutputNames(*p.children[1]);
        std::vector<std::string> conds;
        for (size_t i = 0; i < p.left_keys.size(); ++i) {
          conds.push_back("(" + ExprText(*p.left_keys[i], left) + " = " +
                          ExprText(*p.right_keys[i], right) + ")");
        }
        out->push_back(detail + "Hash Cond: " + Conjunction(conds));
        in = OutputNames(p);
        break;
      }
      case PlanKind::kNestedLoopJoin:
        in = OutputNames(p);
        break;
      case PlanKind::kAggregate:
        if (!p.group_keys.empty()) {
          std::string keys;
          for (const auto& k : p.group_keys) keys += (keys.empty() ? "" : ", ") + ExprText(*k, in);
          out->push_back(detail + "Group Key: " + keys);
        }
        break;
      case PlanKind::kSort: {
        std::string keys;
        for (const auto& k : p.sort_keys) {
          keys +=
              (keys.empty() ? "" : ", ") + ExprText(*k.expr, in) + (k.descending ? " DESC" : "");
          if (k.nulls_first != k.descending) keys += k.nulls_first ? " NULLS FIRST" : " NULLS LAST";
        }
        out->push_back(detail + "Sort Key: " + keys);
        break;
      }
      default:
        if (p.children.empty()) in = ScanNames(p);
        break;
    }
    if (p.predicate && p.kind != PlanKind::kUpdate && p.kind != PlanKind::kDelete) {
      bool join = p.kind == PlanKind::kNestedLoopJoin || p.kind == PlanKind::kHashJoin;
      out->push_back(detail + (join ? "Join Filter: " : "Filter: ") + ExprText(*p.predicate, in));
    }
    for (const auto& e : extra) out->push_back(detail + e);
    for (size_t i = 0; i < p.children.size(); ++i) {
      if (p.kind == PlanKind::kHashJoin && i == 1) {
        // The inner side is hashed: PostgreSQL shows a Hash node over it.
        out->push_back(std::string(static_cast<size_t>(depth * 6 + 2), ' ') + "->  Hash" +
                       (actual_ ? actual_(*p.children[i]) : std::string()));
        Walk(*p.children[i], depth + 2, {}, out);
        continue;
      }
      Walk(*p.children[i], depth + 1, {}, out);
    }
  }

 private:
  static std::string Conjunction(const std::vector<std::string>& parts) {
    if (parts.size() == 1) return parts[0];
    std::string s = "(";
    for (size_t i = 0; i < parts.size(); ++i) s += (i ? " AND " : "") + parts[i];
    return s + ")";
  }

  static std::string AliasSuffix(const PlanNode& p) { return p.alias.empty() ? "" : " " + p.alias; }

  static std::string Title(const PlanNode& p) {
    switch (p.kind) {
      case PlanKind::kResult:
        return "Result";
      case PlanKind::kValues:
        return "Values Scan on \"*VALUES*\"";
      case PlanKind::kSeqScan:
        // Backward, it reads the primary key from its end: an index scan in PostgreSQL's terms.
        if (p.backward) {
          return "Index Scan Backward using " + p.table->primary_key()->name + " on " +
                 p.table->name + AliasSuffix(p);
        }
        return "Seq Scan on " + p.table->name + AliasSuffix(p);
      case PlanKind::kIndexScan:
        return std::string(p.backward ? "Index Scan Backward using " : "Index Scan using ") +
               p.index->name + " on " + p.table->name + AliasSuffix(p);
      case PlanKind::kSystemScan:
        return "Function Scan on " + p.system_view;
      case PlanKind::kFunctionScan:
        return "Function Scan on " + p.function_name;
      case PlanKind::kSequenceScan:
        return "Seq Scan on " + p.system_view;
      case PlanKind::kFilter:
        return "Result";
      case PlanKind::kProject:
        return "Result";
      case PlanKind::kAggregate:
        return p.group_keys.empty() ? "Aggregate" : "HashAggregate";
      case PlanKind::kSort:
        return "Sort";
      case PlanKind::kWindow:
        return "WindowAgg";
      case PlanKind::kRecursiveUnion:
        return "Recursive Union";
      case PlanKind::kWorkTableScan:
        return "WorkTable Scan on " + p.alias;
      case PlanKind::kLimit:
        return "Limit";
      case PlanKind::kDistinct:
        return "Unique";
      case PlanKind::kNestedLoopJoin:
      case PlanKind::kHashJoin: {
        static const char* kinds[] = {"", " Left", " Right", " Full", " Semi", " Anti"};
        return std::string(p.kind == PlanKind::kHashJoin ? "Hash" : "Nested Loop") +
               kinds[static_cast<int>(p.join_kind)] +
               (p.kind == PlanKind::kHashJoin ? " Join" : "");
      }
      case PlanKind::kSetOp: {
        static const char* ops[] = {"Union", "Intersect", "Except"};
        return std::string(p.setop_all ? "Append (" : "HashSetOp (") +
               ops[static_cast<int>(p.setop)] + ")";
      }
      case PlanKind::kInsert:
        return "Insert on " + p.table->name;
      case PlanKind::kUpdate:
        return "Update on " + p.table->name;
      case PlanKind::kDelete:
        return "Delete on " + p.table->name;
      case PlanKind::kCopySource:
        return "Copy From Stdin";
    }
    return "?";
  }

  bool qualify_;
  ActualFn actual_;
};

}  // namespace

std::vector<std::string> ExplainPlan(const PlanNode& plan, const ActualFn* actual) {
  std::vector<std::string> out;
  Explainer(plan, actual).Walk(plan, 0, {}, &out);
  return out;
}

}  // namespace zijin::planner
