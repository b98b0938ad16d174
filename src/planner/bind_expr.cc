// Binding expressions: names to columns, literals and parameters to types, operators and
// functions resolved with PostgreSQL's coercion rules.
#include <algorithm>
#include <functional>

#include "exec/functions/function_registry.h"
#include "planner/internal/binder.h"
#include "types/arith.h"
#include "types/cast.h"
#include "types/type_io.h"
#include "types/type_names.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;
using types::Value;

namespace {

bool IsUnknown(const Expr& e) { return e.type.id == TypeId::kUnknown; }


}  // namespace

void SplitConjuncts(ExprPtr e, std::vector<ExprPtr>* out) {
  if (!e) return;
  if (e->kind == planner::ExprKind::kAnd) {
    for (auto& a : e->args) SplitConjuncts(std::move(a), out);
    return;
  }
  out->push_back(std::move(e));
}

ExprPtr AndOf(std::vector<ExprPtr> conjuncts) {
  if (conjuncts.empty()) return nullptr;
  if (conjuncts.size() == 1) return std::move(conjuncts[0]);
  auto e = std::make_unique<Expr>(planner::ExprKind::kAnd, LogicalType(TypeId::kBool));
  e->args = std::move(conjuncts);
  return e;
}

ExprPtr MakeColumn(int index, const LogicalType& type, int depth) {
  auto e = std::make_unique<Expr>(planner::ExprKind::kColumn, type);
  e->index = index;
  e->depth = depth;
  return e;
}

ExprPtr MakeConst(Value v, const LogicalType& type) {
  auto e = std::make_unique<Expr>(planner::ExprKind::kConst, type);
  e->value = std::move(v);
  return e;
}

ExprPtr CloneExpr(const Expr& e) {
  auto c = std::make_unique<Expr>(e.kind, e.type);
  c->value = e.value;
  c->index = e.index;
  c->depth = e.depth;
  c->negated = e.negated;
  c->case_insensitive = e.case_insensitive;
  c->case_has_operand = e.case_has_operand;
  c->case_has_else = e.case_has_else;
  c->op = e.op;
  c->subquery_kind = e.subquery_kind;
  c->seq_oid = e.seq_oid;
  c->fn = e.fn;
  c->subplan = e.subplan;
  c->volatile_fn = e.volatile_fn;
  c->correlated = e.correlated;
  c->explicit_cast = e.explicit_cast;
  for (const auto& a : e.args) c->args.push_back(CloneExpr(*a));
  return c;
}

bool ExprEquals(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.type != b.type || a.index != b.index || a.depth != b.depth ||
      a.negated != b.negated || a.op != b.op || a.fn != b.fn || a.args.size() != b.args.size() ||
      a.subplan != b.subplan || a.seq_oid != b.seq_oid || a.explicit_cast != b.explicit_cast) {
    return false;
  }
  if (a.kind == planner::ExprKind::kConst) {
    if (a.value.is_null() != b.value.is_null()) return false;
    if (!a.value.is_null() && types::ToText(a.value) != types::ToText(b.value)) return false;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!ExprEquals(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

void ColumnRange(const Expr& e, int* min_col, int* max_col, bool* outer) {
  if (e.kind == planner::ExprKind::kColumn) {
    if (e.depth == 0) {
      *min_col = *min_col < 0 ? e.index : std::min(*min_col, e.index);
      *max_col = std::max(*max_col, e.index);
    } else {
      *outer = true;
    }
  }
  if (e.kind == planner::ExprKind::kSubquery && e.correlated) *outer = true;
  if (e.kind == planner::ExprKind::kAggRef) *max_col = std::max(*max_col, 1 << 20);
  for (const auto& a : e.args) ColumnRange(*a, min_col, max_col, outer);
}

void ShiftColumns(Expr* e, int delta) {
  if (e->kind == planner::ExprKind::kColumn && e->depth == 0) e->index += delta;
  for (auto& a : e->args) ShiftColumns(a.get(), delta);
}

std::string DefaultColumnName(const parser::Expr& e) {
  switch (e.kind) {
    case parser::ExprKind::kColumnRef: return e.names.empty() ? "?column?" : e.names.back();
    case parser::ExprKind::kFunc: return e.names.back();
    case parser::ExprKind::kCast:
      if (e.args[0]->kind == parser::ExprKind::kColumnRef || e.args[0]->kind == parser::ExprKind::kFunc) {
        return DefaultColumnName(*e.args[0]);
      }
      {
        std::string n = e.type.name;
        if (n == "integer" || n == "int" || n == "int4") return "int4";
        if (n == "bigint") return "int8";
        if (n == "smallint") return "int2";
        if (n == "boolean") return "bool";
        if (n == "character varying") return "varchar";
        if (n == "double precision" || n == "float") return "float8";
        if (n == "real") return "float4";
        if (n == "timestamp with time zone") return "timestamptz";
        if (n == "timestamp without time zone") return "timestamp";
        if (n == "time with time zone") return "timetz";
        if (n == "time without time zone") return "time";
        if (n == "decimal") return "numeric";
        if (n == "character" || n == "char") return "bpchar";
        return n;
      }
    case parser::ExprKind::kCase: return "case";
    case parser::ExprKind::kSubquery:
      if (e.sublink == parser::SubLink::kExists) return "exists";
      if (e.sublink == parser::SubLink::kScalar && e.subquery && !e.subquery->targets.empty() &&
          e.subquery->targets[0].alias.empty()) {
        return DefaultColumnName(*e.subquery->targets[0].expr);
      }
      if (e.sublink == parser::SubLink::kScalar && e.subquery && !e.subquery->targets.empty()) {
        return e.subquery->targets[0].alias;
      }
      return "?column?";
    case parser::ExprKind::kRow: return "row";
    case parser::ExprKind::kArray: return "array";
    case parser::ExprKind::kCollate: return DefaultColumnName(*e.args[0]);
    default: return "?column?";
  }
}

Result<ExprPtr> Binder::ResolveUnknown(ExprPtr e) {
  if (!IsUnknown(*e)) return e;
  return Coerce(std::move(e), LogicalType(TypeId::kText), types::CastContext::kImplicit, -1);
}

Result<ExprPtr> Binder::Coerce(ExprPtr e, const LogicalType& target, types::CastContext cctx,
                               int location) {
  if (target.id == TypeId::kUnknown) return e;
  if (e->type == target) return e;
  // Unknown literals take the target type by its input function, at bind time.
  if (e->kind == planner::ExprKind::kConst && IsUnknown(*e)) {
    if (e->value.is_null()) return MakeConst(Value::Null(target.id), target);
    // As PostgreSQL's coerce_type, a string type's length applies after input, by the cast's
    // context: 'abcdef'::varchar(3) is 'abc', an assignment of it is 22001.
    bool length_after =
        target.typmod >= 0 &&
        (types::IsStringFamily(target.id) ||
         (target.id == TypeId::kArray && types::IsStringFamily(target.elem)));
    LogicalType input = target;
    if (length_after) input.typmod = -1;
    auto v = types::ParseText(e->value.GetString(), input, ctx_.format);
    if (!v.ok()) {
      Status st = v.status();
      st.SetPositionIfUnset(Pos(location));
      return st;
    }
    if (length_after) {
      // A length error has no position, as in PostgreSQL, where it is raised at execution.
      // (Arrays of strings too: '{abcdef}'::varchar(3)[] is {abc}.)
      ZJ_ASSIGN_OR_RETURN(
          v, types::CastValue(*v, target, {}, cctx == types::CastContext::kExplicit));
    }
    return MakeConst(std::move(*v), target);
  }
  // Parameters without a type take it from their first use.
  if (e->kind == planner::ExprKind::kParam && IsUnknown(*e)) {
    auto& types = *ctx_.param_types;
    if (types[static_cast<size_t>(e->index)].id == TypeId::kUnknown) {
      types[static_cast<size_t>(e->index)] = LogicalType(target.id);
      e->type = LogicalType(target.id);
      if (e->type == target) return e;
    }
  }
  if (e->type.id == target.id && target.typmod < 0 && e->kind != planner::ExprKind::kConst) {
    return e;  // to the unconstrained type: nothing to do
  }
  if (e->type.id == target.id && e->type.typmod != target.typmod) {
    // Same type, different modifier: a length/precision coercion.
    auto c = std::make_unique<Expr>(planner::ExprKind::kCast, target);
    c->explicit_cast = cctx == types::CastContext::kExplicit;
    c->args.push_back(std::move(e));
    return ExprPtr(std::move(c));
  }
  if (!types::CanCast(e->type, target, cctx)) {
    std::string from = e->type.ToString(), to = target.ToString();
    if (cctx == types::CastContext::kAssignment) {
      return Status::Error(sqlstate::kDatatypeMismatch,
                           "column is of type " + to + " but expression is of type " + from)
          .WithHint("You will need to rewrite or cast the expression.")
          .WithPosition(Pos(location));
    }
    return Status::Error(sqlstate::kCannotCoerce,
                         "cannot cast type " + from + " to " + to)
        .WithPosition(Pos(location));
  }
  auto c = std::make_unique<Expr>(planner::ExprKind::kCast, target);
  c->explicit_cast = cctx == types::CastContext::kExplicit;
  c->args.push_back(std::move(e));
  return ExprPtr(std::move(c));
}

Result<ExprPtr> Binder::CoerceToBool(ExprPtr e, const char* clause, int location) {
  if (e->type.id == TypeId::kBool) return e;
  if (IsUnknown(*e)) {
    return Coerce(std::move(e), LogicalType(TypeId::kBool), types::CastContext::kImplicit,
                  location);
  }
  return Status::Error(sqlstate::kDatatypeMismatch,
                       std::string("argument of ") + clause + " must be type boolean, not type " +
                           e->type.ToString())
      .WithPosition(Pos(location));
}

Status Binder::CommonTypeOf(std::vector<ExprPtr>* exprs, const char* context, int location) {
  LogicalType common(TypeId::kUnknown);
  for (const auto& e : *exprs) {
    if (common.id == TypeId::kUnknown) {
      common = e->type;
      continue;
    }
    if (e->type.id == TypeId::kUnknown) continue;
    if (common.id == e->type.id && common.typmod != e->type.typmod) {
      common.typmod = -1;
      continue;
    }
    auto ct = types::CommonType(common, e->type, context);
    if (!ct.ok()) {
      Status st = ct.status();
      st.SetPositionIfUnset(Pos(location));
      return st;
    }
    common = *ct;
  }
  if (common.id == TypeId::kUnknown) common = LogicalType(TypeId::kText);
  // As PostgreSQL's select_common_type, the common type carries a modifier only when every
  // input has exactly that type: nothing is length-coerced on the way to a comparison.
  for (const auto& e : *exprs) {
    if (e->type != common) common.typmod = -1;
  }
  for (auto& e : *exprs) {
    ZJ_ASSIGN_OR_RETURN(e, Coerce(std::move(e), common, types::CastContext::kImplicit, location));
  }
  return Status::OK();
}

Result<ExprPtr> Binder::BindColumnRef(const parser::Expr& e, const Scope& scope) {
  const auto& names = e.names;
  std::string col = names.back();
  std::string table = names.size() >= 2 ? names[names.size() - 2] : "";
  int depth = 0;
  for (const Scope* s = &scope; s != nullptr; s = s->parent, ++depth) {
    const ScopeColumn* found = nullptr;
    for (const auto& c : s->columns) {
      if (c.name != col || (!table.empty() && c.table != table)) continue;
      if (table.empty() && c.hidden && !c.system) continue;
      if (found != nullptr && !(found->index == c.index)) {
        return Status::Error(sqlstate::kAmbiguousColumn,
                             "column reference \"" + col + "\" is ambiguous")
            .WithPosition(Pos(e.location));
      }
      found = &c;
    }
    if (found != nullptr) {
      auto ref = MakeColumn(found->index, found->type, depth);
      return ExprPtr(std::move(ref));
    }
    // A whole-row reference to a table name is not supported; keep looking outward.
  }
  if (!table.empty()) {
    bool table_known = false;
    for (const Scope* s = &scope; s != nullptr; s = s->parent) {
      for (const auto& c : s->columns) table_known |= c.table == table;
    }
    if (!table_known) {
      return Status::Error(sqlstate::kUndefinedTable,
                           "missing FROM-clause entry for table \"" + table + "\"")
          .WithPosition(Pos(e.location));
    }
    return Status::Error(sqlstate::kUndefinedColumn,
                         "column " + table + "." + col + " does not exist")
        .WithPosition(Pos(e.location));
  }
  return Status::Error(sqlstate::kUndefinedColumn, "column \"" + col + "\" does not exist")
      .WithPosition(Pos(e.location));
}

Result<ExprPtr> Binder::MakeCompare(const std::string& op, ExprPtr l, ExprPtr r, int location) {
  std::vector<ExprPtr> both;
  both.push_back(std::move(l));
  both.push_back(std::move(r));
  if (both[0]->type.id != both[1]->type.id || IsUnknown(*both[0]) || IsUnknown(*both[1])) {
    LogicalType lt = both[0]->type, rt = both[1]->type;
    if (lt.id != TypeId::kUnknown && rt.id != TypeId::kUnknown) {
      auto ct = types::CommonType(lt, rt, "");
      if (!ct.ok()) {
        return Status::Error(sqlstate::kUndefinedFunction,
                             "operator does not exist: " + lt.ToString() + " " + op + " " +
                                 rt.ToString())
            .WithHint("No operator matches the given name and argument types. You might need "
                      "to add explicit type casts.")
            .WithPosition(Pos(location));
      }
    }
    ZJ_RETURN_IF_ERROR(CommonTypeOf(&both, "", location));
  }
  CompareOp cop;
  if (op == "=") {
    cop = CompareOp::kEq;
  } else if (op == "<>") {
    cop = CompareOp::kNe;
  } else if (op == "<") {
    cop = CompareOp::kLt;
  } else if (op == "<=") {
    cop = CompareOp::kLe;
  } else if (op == ">") {
    cop = CompareOp::kGt;
  } else {
    cop = CompareOp::kGe;
  }
  auto c = std::make_unique<Expr>(planner::ExprKind::kCompare, LogicalType(TypeId::kBool));
  c->op = static_cast<uint8_t>(cop);
  c->args = std::move(both);
  return ExprPtr(std::move(c));
}

Result<ExprPtr> Binder::MakeArith(const std::string& op, ExprPtr l, ExprPtr r, int location) {
  types::ArithOp aop;
  if (op == "+") {
    aop = types::ArithOp::kAdd;
  } else if (op == "-") {
    aop = types::ArithOp::kSub;
  } else if (op == "*") {
    aop = types::ArithOp::kMul;
  } else if (op == "/") {
    aop = types::ArithOp::kDiv;
  } else if (op == "%") {
    aop = types::ArithOp::kMod;
  } else {
    aop = types::ArithOp::kPow;
  }
  // An unknown operand takes the other operand's type, as PostgreSQL assumes.
  if (IsUnknown(*l) && !IsUnknown(*r)) {
    ZJ_ASSIGN_OR_RETURN(l, Coerce(std::move(l), LogicalType(r->type.id),
                                  types::CastContext::kImplicit, location));
  } else if (IsUnknown(*r) && !IsUnknown(*l)) {
    LogicalType want(l->type.id);
    // date + '1 day' / timestamp - '1 hour': the literal is an interval.
    if (types::IsDateTime(l->type.id) && r->kind == planner::ExprKind::kConst) {
      auto as_interval = types::ParseText(r->value.GetString(), LogicalType(TypeId::kInterval));
      if (as_interval.ok() && !types::ParseText(r->value.GetString(), want, ctx_.format).ok()) {
        want = LogicalType(TypeId::kInterval);
      }
    }
    ZJ_ASSIGN_OR_RETURN(r, Coerce(std::move(r), want, types::CastContext::kImplicit, location));
  } else if (IsUnknown(*l) && IsUnknown(*r)) {
    return Status::Error(sqlstate::kAmbiguousFunction,
                         "operator is not unique: unknown " + op + " unknown")
        .WithHint("Could not choose a best candidate operator. You might need to add explicit "
                  "type casts.")
        .WithPosition(Pos(location));
  }
  auto sig = types::ResolveArith(aop, l->type, r->type);
  if (!sig.ok()) {
    Status st = sig.status();
    st.SetPositionIfUnset(Pos(location));
    return st;
  }
  ZJ_ASSIGN_OR_RETURN(l, Coerce(std::move(l), sig->left, types::CastContext::kImplicit, location));
  ZJ_ASSIGN_OR_RETURN(r, Coerce(std::move(r), sig->right, types::CastContext::kImplicit, location));
  auto a = std::make_unique<Expr>(planner::ExprKind::kArith, sig->result);
  a->op = static_cast<uint8_t>(aop);
  a->args.push_back(std::move(l));
  a->args.push_back(std::move(r));
  return ExprPtr(std::move(a));
}

Result<ExprPtr> Binder::BindBinary(const parser::Expr& e, const Scope& scope) {
  const std::string& op = e.text;
  ZJ_ASSIGN_OR_RETURN(ExprPtr l, BindExpr(*e.args[0], scope));
  ZJ_ASSIGN_OR_RETURN(ExprPtr r, BindExpr(*e.args[1], scope));
  if (op == "AND" || op == "OR") {
    ZJ_ASSIGN_OR_RETURN(l, CoerceToBool(std::move(l), op.c_str(), e.args[0]->location));
    ZJ_ASSIGN_OR_RETURN(r, CoerceToBool(std::move(r), op.c_str(), e.args[1]->location));
    auto b = std::make_unique<Expr>(op == "AND" ? planner::ExprKind::kAnd : planner::ExprKind::kOr,
                                    LogicalType(TypeId::kBool));
    // Flatten nested ANDs/ORs.
    for (ExprPtr* side : {&l, &r}) {
      if ((*side)->kind == b->kind) {
        for (auto& a : (*side)->args) b->args.push_back(std::move(a));
      } else {
        b->args.push_back(std::move(*side));
      }
    }
    return ExprPtr(std::move(b));
  }
  if (op == "=" || op == "<>" || op == "<" || op == ">" || op == "<=" || op == ">=") {
    return MakeCompare(op, std::move(l), std::move(r), e.location);
  }
  if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%" || op == "^") {
    return MakeArith(op, std::move(l), std::move(r), e.location);
  }
  if (op == "||" && (l->type.id == TypeId::kArray || r->type.id == TypeId::kArray)) {
    // Array concatenation: array || array (an untyped literal counts as an array), array ||
    // element, element || array.
    bool la = l->type.id == TypeId::kArray || IsUnknown(*l);
    bool ra = r->type.id == TypeId::kArray || IsUnknown(*r);
    const char* fn = la && ra ? "array_cat" : la ? "array_append" : "array_prepend";
    std::vector<LogicalType> at{l->type, r->type};
    auto call = exec::ResolveCall(fn, at, {});
    if (!call.ok()) {
      return Status::Error(sqlstate::kUndefinedFunction,
                           "operator does not exist: " + l->type.ToString() + " || " +
                               r->type.ToString())
          .WithHint("No operator matches the given name and argument types. You might need to "
                    "add explicit type casts.")
          .WithPosition(Pos(e.location));
    }
    auto n = std::make_unique<Expr>(planner::ExprKind::kFunction, call->result_type);
    n->fn = call->fn;
    ZJ_ASSIGN_OR_RETURN(l, Coerce(std::move(l), call->arg_casts[0], types::CastContext::kImplicit,
                                  e.args[0]->location));
    ZJ_ASSIGN_OR_RETURN(r, Coerce(std::move(r), call->arg_casts[1], types::CastContext::kImplicit,
                                  e.args[1]->location));
    n->args.push_back(std::move(l));
    n->args.push_back(std::move(r));
    return ExprPtr(std::move(n));
  }
  if (op == "||") {
    // Text concatenation when either side is a string (or an untyped literal, which becomes
    // text) — PostgreSQL's textcat, textanycat and anytextcat: a non-text operand goes through
    // its output function. Otherwise the operator table decides (bytea || bytea), and
    // integer || integer is 42883 as in PostgreSQL.
    auto textual = [](const Expr& x) {
      return types::IsStringFamily(x.type.id) || x.type.id == TypeId::kUnknown;
    };
    bool bytea_pair = (l->type.id == TypeId::kBytea || IsUnknown(*l)) &&
                      (r->type.id == TypeId::kBytea || IsUnknown(*r)) &&
                      !(IsUnknown(*l) && IsUnknown(*r));
    if (bytea_pair || (!textual(*l) && !textual(*r))) {
      std::vector<ExprPtr> operands;
      operands.push_back(std::move(l));
      operands.push_back(std::move(r));
      return MakeOperatorCall(op, std::move(operands), e.location,
                              {e.args[0]->location, e.args[1]->location});
    }
    for (ExprPtr* side : {&l, &r}) {
      if (!types::IsStringFamily((*side)->type.id) || (*side)->type.id == TypeId::kUnknown ||
          (*side)->type.id != TypeId::kText) {
        if (IsUnknown(**side)) {
          ZJ_ASSIGN_OR_RETURN(*side, Coerce(std::move(*side), LogicalType(TypeId::kText),
                                            types::CastContext::kImplicit, e.location));
        } else if ((*side)->type.id != TypeId::kText) {
          auto c = std::make_unique<Expr>(planner::ExprKind::kCast, LogicalType(TypeId::kText));
          c->args.push_back(std::move(*side));
          *side = std::move(c);
        }
      }
    }
    auto c = std::make_unique<Expr>(planner::ExprKind::kConcat, LogicalType(TypeId::kText));
    c->args.push_back(std::move(l));
    c->args.push_back(std::move(r));
    return ExprPtr(std::move(c));
  }
  if (op == "~~" || op == "!~~" || op == "~~*" || op == "!~~*") {
    auto like = std::make_unique<Expr>(planner::ExprKind::kLike, LogicalType(TypeId::kBool));
    like->negated = op[0] == '!';
    like->case_insensitive = op.back() == '*';
    ZJ_ASSIGN_OR_RETURN(l, Coerce(std::move(l), LogicalType(TypeId::kText), types::CastContext::kImplicit, e.location));
    ZJ_ASSIGN_OR_RETURN(r, Coerce(std::move(r), LogicalType(TypeId::kText), types::CastContext::kImplicit, e.location));
    like->args.push_back(std::move(l));
    like->args.push_back(std::move(r));
    return ExprPtr(std::move(like));
  }
  // Regular-expression operators map to the function library's matchers.
  std::string fn;
  bool negate = false;
  if (op == "~") fn = "textregexeq";
  if (op == "!~") fn = "textregexeq", negate = true;
  if (op == "~*") fn = "texticregexeq";
  if (op == "!~*") fn = "texticregexeq", negate = true;
  if (!fn.empty()) {
    std::vector<LogicalType> at{l->type, r->type}, casts;
    auto f = exec::ResolveScalar(fn, at, &casts);
    if (f.ok()) {
      auto call = std::make_unique<Expr>(planner::ExprKind::kFunction, (*f)->return_type);
      call->fn = *f;
      ZJ_ASSIGN_OR_RETURN(l, Coerce(std::move(l), casts[0], types::CastContext::kImplicit, e.location));
      ZJ_ASSIGN_OR_RETURN(r, Coerce(std::move(r), casts[1], types::CastContext::kImplicit, e.location));
      call->args.push_back(std::move(l));
      call->args.push_back(std::move(r));
      if (!negate) return ExprPtr(std::move(call));
      auto n = std::make_unique<Expr>(planner::ExprKind::kNot, LogicalType(TypeId::kBool));
      n->args.push_back(std::move(call));
      return ExprPtr(std::move(n));
    }
  }
  std::vector<ExprPtr> operands;
  operands.push_back(std::move(l));
  operands.push_back(std::move(r));
  return MakeOperatorCall(op, std::move(operands), e.location,
                          {e.args[0]->location, e.args[1]->location});
}

Result<ExprPtr> Binder::MakeOperatorCall(const std::string& op, std::vector<ExprPtr> args,
                                         int location, const std::vector<int>& arg_locations) {
  std::vector<LogicalType> arg_types, casts;
  for (const auto& a : args) arg_types.push_back(a->type);
  auto f = exec::ResolveOperator(op, arg_types, &casts);
  if (!f.ok()) return std::move(f).status().WithPosition(Pos(location));
  auto call = std::make_unique<Expr>(planner::ExprKind::kFunction, (*f)->return_type);
  call->fn = *f;
  for (size_t i = 0; i < args.size(); ++i) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr a, Coerce(std::move(args[i]), casts[i],
                                          types::CastContext::kImplicit, arg_locations[i]));
    call->args.push_back(std::move(a));
  }
  return ExprPtr(std::move(call));
}

Result<ExprPtr> Binder::BindExpr(const parser::Expr& e, const Scope& scope) {
  // Inside a grouped query, an expression equal to a GROUP BY expression is that key.
  if (agg_ != nullptr && agg_->grouped) {
    bool done = false;
    ZJ_ASSIGN_OR_RETURN(ExprPtr key, MatchGroupKey(e, &done));
    if (done) return key;
  }
  switch (e.kind) {
    case parser::ExprKind::kNull: return MakeConst(Value::Null(), LogicalType(TypeId::kUnknown));
    case parser::ExprKind::kBool: return MakeConst(Value::Bool(e.bval), LogicalType(TypeId::kBool));
    case parser::ExprKind::kInteger: {
      auto v32 = types::ParseText(e.text, LogicalType(TypeId::kInt32));
      if (v32.ok()) return MakeConst(std::move(*v32), LogicalType(TypeId::kInt32));
      auto v64 = types::ParseText(e.text, LogicalType(TypeId::kInt64));
      if (v64.ok()) return MakeConst(std::move(*v64), LogicalType(TypeId::kInt64));
      auto vn = types::ParseText(e.text, LogicalType(TypeId::kNumeric));
      if (!vn.ok()) return std::move(vn).status().WithPosition(Pos(e.location));
      return MakeConst(std::move(*vn), LogicalType(TypeId::kNumeric));
    }
    case parser::ExprKind::kNumeric: {
      auto vn = types::ParseText(e.text, LogicalType(TypeId::kNumeric));
      if (!vn.ok()) return std::move(vn).status().WithPosition(Pos(e.location));
      return MakeConst(std::move(*vn), LogicalType(TypeId::kNumeric));
    }
    case parser::ExprKind::kString: {
      // An untyped literal: its type comes from the context (see Coerce).
      return MakeConst(Value::String(TypeId::kUnknown, e.text), LogicalType(TypeId::kUnknown));
    }
    case parser::ExprKind::kParam: {
      // Bind carries at most 65535 values (an Int16 count).
      if (!ctx_.params_allowed || ctx_.param_types == nullptr || e.ival < 1 || e.ival > 65535) {
        return Status::Error(sqlstate::kUndefinedParameter,
                             "there is no parameter $" + std::to_string(e.ival))
            .WithPosition(Pos(e.location));
      }
      auto& types = *ctx_.param_types;
      size_t idx = static_cast<size_t>(e.ival - 1);
      if (types.size() <= idx) types.resize(idx + 1, LogicalType(TypeId::kUnknown));
      auto p = std::make_unique<Expr>(planner::ExprKind::kParam, types[idx]);
      p->index = static_cast<int>(idx);
      return ExprPtr(std::move(p));
    }
    case parser::ExprKind::kColumnRef: {
      if (e.star) {
        return Status::Error(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here")
            .WithPosition(Pos(e.location));
      }
      return BindColumnRef(e, scope);
    }
    case parser::ExprKind::kUnary: {
      ZJ_ASSIGN_OR_RETURN(ExprPtr a, BindExpr(*e.args[0], scope));
      if (e.text == "NOT") {
        ZJ_ASSIGN_OR_RETURN(a, CoerceToBool(std::move(a), "NOT", e.args[0]->location));
        auto n = std::make_unique<Expr>(planner::ExprKind::kNot, LogicalType(TypeId::kBool));
        n->args.push_back(std::move(a));
        return ExprPtr(std::move(n));
      }
      if (e.text != "+" && e.text != "-") {
        std::vector<ExprPtr> operand;
        operand.push_back(std::move(a));
        return MakeOperatorCall(e.text, std::move(operand), e.location, {e.args[0]->location});
      }
      if (IsUnknown(*a)) {
        ZJ_ASSIGN_OR_RETURN(a, Coerce(std::move(a), LogicalType(TypeId::kNumeric),
                                      types::CastContext::kImplicit, e.location));
      }
      // PostgreSQL has unary minus for intervals, but no unary plus.
      if (!types::IsNumericFamily(a->type.id) &&
          (a->type.id != TypeId::kInterval || e.text == "+")) {
        return Status::Error(sqlstate::kUndefinedFunction,
                             "operator does not exist: " + e.text + " " + a->type.ToString())
            .WithHint("No operator matches the given name and argument type. You might need to "
                      "add an explicit type cast.")
            .WithPosition(Pos(e.location));
      }
      if (e.text == "+") return a;
      auto n = std::make_unique<Expr>(planner::ExprKind::kNegate, a->type);
      n->args.push_back(std::move(a));
      return ExprPtr(std::move(n));
    }
    case parser::ExprKind::kBinary: return BindBinary(e, scope);
    case parser::ExprKind::kIsNull: {
      ZJ_ASSIGN_OR_RETURN(ExprPtr a, BindExpr(*e.args[0], scope));
      auto n = std::make_unique<Expr>(planner::ExprKind::kIsNull, LogicalType(TypeId::kBool));
      n->negated = e.negated;
      n->args.push_back(std::move(a));
      return ExprPtr(std::move(n));
    }
    case parser::ExprKind::kIsBool: {
      ZJ_ASSIGN_OR_RETURN(ExprPtr a, BindExpr(*e.args[0], scope));
      ZJ_ASSIGN_OR_RETURN(a, CoerceToBool(std::move(a), "IS TRUE", e.location));
      if (e.text == "unknown") {
        auto n = std::make_unique<Expr>(planner::ExprKind::kIsNull, LogicalType(TypeId::kBool));
        n->negated = e.negated;
        n->args.push_back(std::move(a));
        return ExprPtr(std::move(n));
      }
      auto n = std::make_unique<Expr>(planner::ExprKind::kIsTrue, LogicalType(TypeId::kBool));
      n->value = Value::Bool(e.text == "true");
      n->negated = e.negated;
      n->args.push_back(std::move(a));
      return ExprPtr(std::move(n));
    }
    case parser::ExprKind::kIsDistinct: {
      std::vector<ExprPtr> both;
      for (int i = 0; i < 2; ++i) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr a, BindExpr(*e.args[static_cast<size_t>(i)], scope));
        both.push_back(std::move(a));
      }
      ZJ_RETURN_IF_ERROR(CommonTypeOf(&both, "IS DISTINCT FROM", e.location));
      auto n = std::make_unique<Expr>(planner::ExprKind::kIsDistinct, LogicalType(TypeId::kBool));
      n->negated = e.negated;
      n->args = std::move(both);
      return ExprPtr(std::move(n));
    }
    case parser::ExprKind::kBetween: {
      // a BETWEEN x AND y  ==  a >= x AND a <= y (SYMMETRIC also tries the swapped bounds).
      auto build = [&](size_t lo, size_t hi) -> Result<ExprPtr> {
        ZJ_ASSIGN_OR_RETURN(ExprPtr a1, BindExpr(*e.args[0], scope));
        ZJ_ASSIGN_OR_RETURN(ExprPtr l1, BindExpr(*e.args[lo], scope));
        ZJ_ASSIGN_OR_RETURN(ExprPtr a2, BindExpr(*e.args[0], scope));
        ZJ_ASSIGN_OR_RETURN(ExprPtr h1, BindExpr(*e.args[hi], scope));
        ZJ_ASSIGN_OR_RETURN(ExprPtr ge, MakeCompare(">=", std::move(a1), std::move(l1), e.location));
        ZJ_ASSIGN_OR_RETURN(ExprPtr le, MakeCompare("<=", std::move(a2), std::move(h1), e.location));
        std::vector<ExprPtr> parts;
        parts.push_back(std::move(ge));
        parts.push_back(std::move(le));
        return AndOf(std::move(parts));
      };
      ZJ_ASSIGN_OR_RETURN(ExprPtr result, build(1, 2));
      if (e.symmetric) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr swapped, build(2, 1));
        auto o = std::make_unique<Expr>(planner::ExprKind::kOr, LogicalType(TypeId::kBool));
        o->args.push_back(std::move(result));
        o->args.push_back(std::move(swapped));
        result = std::move(o);
      }
      if (e.negated) {
        auto n = std::make_unique<Expr>(planner::ExprKind::kNot, LogicalType(TypeId::kBool));
        n->args.push_back(std::move(result));
        result = std::move(n);
      }
      return result;
    }
    case parser::ExprKind::kInList: {
      std::vector<ExprPtr> all;
      for (const auto& a : e.args) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr b, BindExpr(*a, scope));
        all.push_back(std::move(b));
      }
      ZJ_RETURN_IF_ERROR(CommonTypeOf(&all, "IN", e.location));
      auto n = std::make_unique<Expr>(planner::ExprKind::kInList, LogicalType(TypeId::kBool));
      n->negated = e.negated;
      n->args = std::move(all);
      return ExprPtr(std::move(n));
    }
    case parser::ExprKind::kLike: {
      auto n = std::make_unique<Expr>(planner::ExprKind::kLike, LogicalType(TypeId::kBool));
      n->negated = e.negated;
      n->case_insensitive = e.text == "ilike";
      for (const auto& a : e.args) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr b, BindExpr(*a, scope));
        if (b->type.id != TypeId::kText) {
          if (IsUnknown(*b) || types::IsStringFamily(b->type.id)) {
            ZJ_ASSIGN_OR_RETURN(b, Coerce(std::move(b), LogicalType(TypeId::kText),
                                          types::CastContext::kImplicit, a->location));
          } else {
            return Status::Error(sqlstate::kUndefinedFunction,
                                 "operator does not exist: " + b->type.ToString() + " ~~ unknown")
                .WithHint("No operator matches the given name and argument types. You might "
                          "need to add explicit type casts.")
                .WithPosition(Pos(e.location));
          }
        }
        n->args.push_back(std::move(b));
      }
      return ExprPtr(std::move(n));
    }
    case parser::ExprKind::kFunc: return BindFunc(e, scope);
    case parser::ExprKind::kCase: {
      auto n = std::make_unique<Expr>(planner::ExprKind::kCase, LogicalType(TypeId::kUnknown));
      n->case_has_operand = e.case_has_arg;
      n->case_has_else = e.case_has_else;
      size_t i = 0;
      ExprPtr operand;
      if (e.case_has_arg) {
        ZJ_ASSIGN_OR_RETURN(operand, BindExpr(*e.args[0], scope));
        i = 1;
      }
      size_t end = e.args.size() - (e.case_has_else ? 1 : 0);
      std::vector<ExprPtr> whens, thens;
      for (; i < end; i += 2) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr w, BindExpr(*e.args[i], scope));
        if (!e.case_has_arg) {
          ZJ_ASSIGN_OR_RETURN(w, CoerceToBool(std::move(w), "CASE/WHEN", e.args[i]->location));
        }
        whens.push_back(std::move(w));
        ZJ_ASSIGN_OR_RETURN(ExprPtr t, BindExpr(*e.args[i + 1], scope));
        thens.push_back(std::move(t));
      }
      if (e.case_has_else) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr el, BindExpr(*e.args.back(), scope));
        thens.push_back(std::move(el));
      }
      ZJ_RETURN_IF_ERROR(CommonTypeOf(&thens, "CASE", e.location));
      if (e.case_has_arg) {
        std::vector<ExprPtr> ops;
        ops.push_back(std::move(operand));
        for (auto& w : whens) ops.push_back(std::move(w));
        ZJ_RETURN_IF_ERROR(CommonTypeOf(&ops, "CASE/WHEN", e.location));
        operand = std::move(ops[0]);
        for (size_t k = 0; k < whens.size(); ++k) whens[k] = std::move(ops[k + 1]);
        n->args.push_back(std::move(operand));
      }
      n->type = thens[0]->type;
      for (size_t k = 0; k < whens.size(); ++k) {
        n->args.push_back(std::move(whens[k]));
        n->args.push_back(std::move(thens[k]));
      }
      if (e.case_has_else) n->args.push_back(std::move(thens.back()));
      return ExprPtr(std::move(n));
    }
    case parser::ExprKind::kCast: {
      std::string tname = e.type.name;
      if (e.args[0]->kind == parser::ExprKind::kArray && e.type.is_array) {
        auto type = types::TypeFromName(tname, e.type.mods, true);
        if (!type.ok()) return std::move(type).status().WithPosition(Pos(e.type.location));
        return BindArray(*e.args[0], scope, &*type);
      }
      ZJ_ASSIGN_OR_RETURN(ExprPtr a, BindExpr(*e.args[0], scope));
      if (tname == "regproc" && !e.type.is_array && a->kind == planner::ExprKind::kConst &&
          IsUnknown(*a) && !a->value.is_null()) {
        // 'schema.name'::regproc, as drivers compare pg_type.typinput with it. There is no
        // regproc type: the function's name stands for it, as regproc prints it.
        std::string fn = a->value.GetString();
        if (fn.rfind("pg_catalog.", 0) == 0) fn = fn.substr(11);
        return MakeConst(Value::String(TypeId::kName, fn), LogicalType(TypeId::kName));
      }
      auto type = types::TypeFromName(tname, e.type.mods, e.type.is_array);
      if (!type.ok()) return std::move(type).status().WithPosition(Pos(e.type.location));
      if (a->kind == planner::ExprKind::kConst && IsUnknown(*a)) {
        // An input error points at the literal, as in PostgreSQL.
        return Coerce(std::move(a), *type, types::CastContext::kExplicit, e.args[0]->location);
      }
      if (a->type == *type) return a;
      if (a->kind == planner::ExprKind::kParam && IsUnknown(*a)) {
        return Coerce(std::move(a), *type, types::CastContext::kExplicit, e.location);
      }
      if (!types::CanCast(a->type, *type, types::CastContext::kExplicit)) {
        return Status::Error(sqlstate::kCannotCoerce,
                             "cannot cast type " + a->type.ToString() + " to " + type->ToString())
            .WithPosition(Pos(e.location));
      }
      auto c = std::make_unique<Expr>(planner::ExprKind::kCast, *type);
      c->explicit_cast = true;
      c->args.push_back(std::move(a));
      return ExprPtr(std::move(c));
    }
    case parser::ExprKind::kSubquery: return BindSubquery(e, scope);
    case parser::ExprKind::kCollate: return BindExpr(*e.args[0], scope);
    case parser::ExprKind::kDefault:
      return Status::Error(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context")
          .WithPosition(Pos(e.location));
    case parser::ExprKind::kArray: return BindArray(e, scope, nullptr);
    case parser::ExprKind::kSubscript: return BindSubscript(e, scope);
    case parser::ExprKind::kRow:
      return Status::NotSupported("row expressions are not supported yet")
          .WithPosition(Pos(e.location));
  }
  return Status::Internal("unhandled expression");
}

Result<ExprPtr> Binder::BindSubquery(const parser::Expr& e, const Scope& scope) {
  if (!e.subquery) return BindArrayCompare(e, scope);
  // Over a grouped query the subquery runs against the Aggregate node's rows: it may see the
  // grouped columns, at their positions there.
  Scope grouped;
  const Scope* visible = &scope;
  if (agg_ != nullptr && agg_->grouped && agg_->from_scope != nullptr) {
    grouped.parent = agg_->from_scope->parent;
    for (size_t k = 0; k < agg_->group_keys->size(); ++k) {
      const Expr& key = *(*agg_->group_keys)[k];
      if (key.kind != planner::ExprKind::kColumn || key.depth != 0) continue;
      for (const auto& c : agg_->from_scope->columns) {
        if (c.index != key.index) continue;
        ScopeColumn gc = c;
        gc.index = static_cast<int>(k);
        grouped.columns.push_back(gc);
      }
    }
    visible = &grouped;
  }
  AggContext* saved_agg = agg_;
  agg_ = nullptr;
  auto bound = BindQuery(*e.subquery, visible);
  agg_ = saved_agg;
  ZJ_ASSIGN_OR_RETURN(Bound b, std::move(bound));
  auto n = std::make_unique<Expr>(planner::ExprKind::kSubquery, LogicalType(TypeId::kBool));
  // Correlated when anything in the subplan refers to an outer row.
  std::function<bool(const PlanNode&)> refs_outer;
  std::function<bool(const Expr&)> expr_outer = [&](const Expr& x) {
    if (x.kind == planner::ExprKind::kColumn && x.depth > 0) return true;
    if (x.kind == planner::ExprKind::kSubquery && x.correlated) return true;
    for (const auto& a : x.args) {
      if (expr_outer(*a)) return true;
    }
    return false;
  };
  refs_outer = [&](const PlanNode& p) {
    auto any = [&](const std::vector<ExprPtr>& v) {
      for (const auto& x : v) {
        if (x && expr_outer(*x)) return true;
      }
      return false;
    };
    if (p.predicate && expr_outer(*p.predicate)) return true;
    if (any(p.exprs) || any(p.group_keys) || any(p.left_keys) || any(p.right_keys) ||
        any(p.index_conds)) {
      return true;
    }
    if (p.limit && expr_outer(*p.limit)) return true;
    if (p.offset && expr_outer(*p.offset)) return true;
    for (const auto& r : p.rows) {
      if (any(r)) return true;
    }
    for (const auto& v : p.lower.values) {
      if (expr_outer(*v)) return true;
    }
    for (const auto& v : p.upper.values) {
      if (expr_outer(*v)) return true;
    }
    for (const auto& a : p.aggregates) {
      if (any(a.args) || (a.filter && expr_outer(*a.filter))) return true;
      for (const auto& k : a.order_by) {
        if (expr_outer(*k.expr)) return true;
      }
    }
    for (const auto& k : p.sort_keys) {
      if (expr_outer(*k.expr)) return true;
    }
    for (const auto& w : p.windows) {
      if (any(w.args) || any(w.partition_by) || (w.filter && expr_outer(*w.filter))) return true;
      for (const auto& k : w.order_by) {
        if (expr_outer(*k.expr)) return true;
      }
    }
    for (const auto& c : p.children) {
      if (refs_outer(*c)) return true;
    }
    return false;
  };
  n->correlated = refs_outer(*b.plan);
  size_t ncols = b.scope.columns.size();
  if (e.kind == parser::ExprKind::kArray) {
    // ARRAY(query): the rows' one column as an array.
    if (ncols != 1) {
      return Status::Error(sqlstate::kSyntaxError, "subquery must return only one column")
          .WithPosition(Pos(e.location));
    }
    LogicalType elem(b.scope.columns[0].type.id);
    if (elem.id == TypeId::kUnknown) elem = LogicalType(TypeId::kText);
    if (types::PgArrayOid(elem.id) == 0) {
      return Status::Error(sqlstate::kUndefinedObject,
                           "could not find array type for data type " + elem.ToString())
          .WithPosition(Pos(e.location));
    }
    n->subquery_kind = SubqueryKind::kArray;
    n->type = LogicalType::Array(elem);
    n->subplan = b.plan;
    return ExprPtr(std::move(n));
  }
  switch (e.sublink) {
    case parser::SubLink::kExists:
      n->subquery_kind = SubqueryKind::kExists;
      break;
    case parser::SubLink::kScalar:
      if (ncols != 1) {
        return Status::Error(sqlstate::kSyntaxError, "subquery must return only one column")
            .WithPosition(Pos(e.location));
      }
      n->subquery_kind = SubqueryKind::kScalar;
      n->type = b.scope.columns[0].type;
      if (n->type.id == TypeId::kUnknown) n->type = LogicalType(TypeId::kText);
      break;
    case parser::SubLink::kIn:
    case parser::SubLink::kAny:
    case parser::SubLink::kAll: {
      if (ncols != 1) {
        return Status::Error(sqlstate::kSyntaxError,
                             ncols > 1 ? "subquery has too many columns" : "subquery has too few columns")
            .WithPosition(Pos(e.location));
      }
      ZJ_ASSIGN_OR_RETURN(ExprPtr left, BindExpr(*e.args[0], scope));
      LogicalType rt = b.scope.columns[0].type;
      // Compare in the common type: cast the left side here, the subquery's column through a
      // projection on top of its plan.
      if (IsUnknown(*left)) {
        ZJ_ASSIGN_OR_RETURN(left, Coerce(std::move(left), rt, types::CastContext::kImplicit, e.location));
      } else if (left->type.id != rt.id) {
        auto ct = types::CommonType(left->type, rt, "");
        if (!ct.ok()) {
          return Status::Error(sqlstate::kUndefinedFunction,
                               "operator does not exist: " + left->type.ToString() + " " +
                                   e.sublink_op + " " + rt.ToString())
              .WithPosition(Pos(e.location));
        }
        ZJ_ASSIGN_OR_RETURN(left, Coerce(std::move(left), *ct, types::CastContext::kImplicit, e.location));
        if (rt.id != ct->id) {
          auto proj = std::make_shared<PlanNode>(PlanKind::kProject);
          ZJ_ASSIGN_OR_RETURN(ExprPtr col, Coerce(MakeColumn(0, rt), *ct, types::CastContext::kImplicit, e.location));
          proj->exprs.push_back(std::move(col));
          proj->output_types = {*ct};
          proj->children.push_back(b.plan);
          b.plan = proj;
        }
      }
      n->subquery_kind = e.sublink == parser::SubLink::kAll ? SubqueryKind::kAll : SubqueryKind::kAny;
      const std::string& op = e.sublink_op;
      CompareOp cop = op == "=" ? CompareOp::kEq : op == "<>" ? CompareOp::kNe : op == "<" ? CompareOp::kLt
                      : op == "<=" ? CompareOp::kLe : op == ">" ? CompareOp::kGt : CompareOp::kGe;
      n->op = static_cast<uint8_t>(cop);
      n->args.push_back(std::move(left));
      if (e.sublink == parser::SubLink::kIn && e.negated) {
        n->subplan = b.plan;
        auto no = std::make_unique<Expr>(planner::ExprKind::kNot, LogicalType(TypeId::kBool));
        no->args.push_back(std::move(n));
        return ExprPtr(std::move(no));
      }
      break;
    }
  }
  n->subplan = b.plan;
  return ExprPtr(std::move(n));
}

}  // namespace zijin::planner
