// Binding array expressions: ARRAY[...] constructors, subscripts, and op ANY/ALL (array).
#include "planner/internal/binder.h"
#include "types/cast.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;

namespace {

std::optional<CompareOp> CompareOpOf(const std::string& op) {
  if (op == "=") return CompareOp::kEq;
  if (op == "<>") return CompareOp::kNe;
  if (op == "<") return CompareOp::kLt;
  if (op == "<=") return CompareOp::kLe;
  if (op == ">") return CompareOp::kGt;
  if (op == ">=") return CompareOp::kGe;
  return std::nullopt;
}

}  // namespace

Result<ExprPtr> Binder::BindArray(const parser::Expr& e, const Scope& scope,
                                  const LogicalType* target) {
  if (e.subquery) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr sub, BindSubquery(e, scope));
    if (target == nullptr) return sub;
    return Coerce(std::move(sub), *target, types::CastContext::kExplicit, e.location);
  }
  std::vector<ExprPtr> elems;
  for (const auto& a : e.args) {
    if (a->kind == parser::ExprKind::kArray) {
      return Status::NotSupported("multidimensional arrays are not supported")
          .WithPosition(Pos(a->location));
    }
    ZJ_ASSIGN_OR_RETURN(ExprPtr b, BindExpr(*a, scope));
    if (b->type.id == TypeId::kArray) {
      return Status::NotSupported("multidimensional arrays are not supported")
          .WithPosition(Pos(a->location));
    }
    elems.push_back(std::move(b));
  }
  LogicalType elem;
  if (target != nullptr) {
    // ARRAY[...]::t[]: the elements go to t directly, as PostgreSQL's transformArrayExpr does.
    elem = target->element();
    for (size_t i = 0; i < elems.size(); ++i) {
      ZJ_ASSIGN_OR_RETURN(elems[i], Coerce(std::move(elems[i]), elem,
                                           types::CastContext::kExplicit, e.args[i]->location));
    }
  } else {
    if (elems.empty()) {
      return Status::Error(sqlstate::kIndeterminateDatatype, "cannot determine type of empty array")
          .WithHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].")
          .WithPosition(Pos(e.location));
    }
    ZJ_RETURN_IF_ERROR(CommonTypeOf(&elems, "ARRAY", e.location));
    elem = elems[0]->type;
    if (types::PgArrayOid(elem.id) == 0) {
      return Status::Error(sqlstate::kUndefinedObject,
                           "could not find array type for data type " + elem.ToString())
          .WithPosition(Pos(e.location));
    }
  }
  auto n = std::make_unique<Expr>(ExprKind::kArray, LogicalType::Array(elem));
  n->args = std::move(elems);
  return ExprPtr(std::move(n));
}

Result<ExprPtr> Binder::BindSubscript(const parser::Expr& e, const Scope& scope) {
  ZJ_ASSIGN_OR_RETURN(ExprPtr base, BindExpr(*e.args[0], scope));
  if (base->type.id != TypeId::kArray) {
    return Status::Error(sqlstate::kDatatypeMismatch,
                         "cannot subscript type " + base->type.ToString() +
                             " because it does not support subscripting")
        .WithPosition(Pos(e.args[0]->location));
  }
  ZJ_ASSIGN_OR_RETURN(ExprPtr index, BindExpr(*e.args[1], scope));
  if (index->type.id != TypeId::kInt32 && index->type.id != TypeId::kUnknown &&
      !types::CanCast(index->type, LogicalType(TypeId::kInt32), types::CastContext::kAssignment)) {
    return Status::Error(sqlstate::kDatatypeMismatch, "array subscript must have type integer")
        .WithPosition(Pos(e.args[1]->location));
  }
  ZJ_ASSIGN_OR_RETURN(index, Coerce(std::move(index), LogicalType(TypeId::kInt32),
                                    types::CastContext::kAssignment, e.args[1]->location));
  auto n = std::make_unique<Expr>(ExprKind::kSubscript, base->type.element());
  n->args.push_back(std::move(base));
  n->args.push_back(std::move(index));
  return ExprPtr(std::move(n));
}

Result<ExprPtr> Binder::BindArrayCompare(const parser::Expr& e, const Scope& scope) {
  ZJ_ASSIGN_OR_RETURN(ExprPtr left, BindExpr(*e.args[0], scope));
  ZJ_ASSIGN_OR_RETURN(ExprPtr right, BindExpr(*e.args[1], scope));
  std::optional<CompareOp> op = CompareOpOf(e.sublink_op);
  if (!op) {
    return Status::NotSupported("operator " + e.sublink_op + " is not supported with ANY/ALL")
        .WithPosition(Pos(e.location));
  }
  if (right->type.id == TypeId::kUnknown) {
    // x = ANY ('{1,2}'): the literal is an array of x's type.
    LogicalType elem = left->type.id == TypeId::kUnknown ? LogicalType(TypeId::kText)
                                                         : LogicalType(left->type.id);
    ZJ_ASSIGN_OR_RETURN(right, Coerce(std::move(right), LogicalType::Array(elem),
                                      types::CastContext::kImplicit, e.args[1]->location));
  }
  if (right->type.id != TypeId::kArray) {
    return Status::Error(sqlstate::kWrongObjectType,
                         "op ANY/ALL (array) requires array on right side")
        .WithPosition(Pos(e.location));
  }
  LogicalType elem = right->type.element();
  LogicalType common = elem;
  if (left->type.id != TypeId::kUnknown && left->type.id != elem.id) {
    auto ct = types::CommonType(left->type, LogicalType(elem.id), "");
    if (!ct.ok()) {
      return Status::Error(sqlstate::kUndefinedFunction,
                           "operator does not exist: " + left->type.ToString() + " " +
                               e.sublink_op + " " + elem.ToString())
          .WithHint("No operator matches the given name and argument types. You might need to "
                    "add explicit type casts.")
          .WithPosition(Pos(e.location));
    }
    common = LogicalType(ct->id);
  }
  ZJ_ASSIGN_OR_RETURN(left, Coerce(std::move(left), LogicalType(common.id),
                                   types::CastContext::kImplicit, e.args[0]->location));
  if (common.id != elem.id) {
    ZJ_ASSIGN_OR_RETURN(right, Coerce(std::move(right), LogicalType::Array(LogicalType(common.id)),
                                      types::CastContext::kImplicit, e.args[1]->location));
  }
  auto n = std::make_unique<Expr>(ExprKind::kArrayCompare, LogicalType(TypeId::kBool));
  n->op = static_cast<uint8_t>(*op);
  n->subquery_kind = e.sublink == parser::SubLink::kAll ? SubqueryKind::kAll : SubqueryKind::kAny;
  n->args.push_back(std::move(left));
  n->args.push_back(std::move(right));
  return ExprPtr(std::move(n));
}

}  // namespace zijin::planner
