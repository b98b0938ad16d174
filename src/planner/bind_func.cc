// Binding function calls: COALESCE and friends, sequences, aggregates, the function library.
#include "exec/functions/function_registry.h"
#include "planner/internal/binder.h"
#include "types/cast.h"
#include "types/type_io.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;
using types::Value;

namespace {

std::string FunctionName(const parser::Expr& e) {
  // pg_catalog.f is f; other schemas have no functions yet.
  return e.names.back();
}

// regtype's output for pg_typeof: the type without its modifier, bpchar as "character".
std::string RegtypeName(LogicalType t) {
  t.typmod = -1;
  if (t.id == TypeId::kChar) return "character";
  if (t.id == TypeId::kArray && t.elem == TypeId::kChar) return "character[]";
  return t.ToString();
}

}  // namespace

Result<const exec::AggregateFunction*> Binder::ResolveAggregateCall(const std::string& name,
                                                                    bool star,
                                                                    std::vector<ExprPtr>* args,
                                                                    int location) {
  std::vector<LogicalType> arg_types;
  if (!star) {
    for (const auto& a : *args) arg_types.push_back(a->type);
  }
  std::vector<LogicalType> casts;
  auto fn = exec::ResolveAggregate(name, arg_types, &casts);
  if (!fn.ok()) return std::move(fn).status().WithPosition(Pos(location));
  for (size_t i = 0; i < args->size() && i < casts.size(); ++i) {
    ExprPtr& a = (*args)[i];
    if (casts[i].id == TypeId::kUnknown) {
      ZJ_ASSIGN_OR_RETURN(a, ResolveUnknown(std::move(a)));
    } else {
      ZJ_ASSIGN_OR_RETURN(a,
                          Coerce(std::move(a), casts[i], types::CastContext::kImplicit, location));
    }
  }
  return *fn;
}

Result<ExprPtr> Binder::BindAggregate(const parser::Expr& e, const Scope& scope) {
  std::string name = FunctionName(e);
  if (agg_ == nullptr || !agg_->allowed) {
    std::string where = agg_ != nullptr && agg_->clause != nullptr ? agg_->clause : "this context";
    return Status::Error(sqlstate::kGroupingError,
                         "aggregate functions are not allowed in " + where)
        .WithPosition(Pos(e.location));
  }
  // Arguments are evaluated over the rows being grouped, where aggregates may not nest, nor
  // window functions appear.
  AggContext* saved = agg_;
  agg_ = nullptr;
  const char* saved_forbidden = window_forbidden_;
  window_forbidden_ = "aggregate function calls cannot contain window function calls";
  struct RestoreForbidden {
    const char** slot;
    const char* value;
    ~RestoreForbidden() { *slot = value; }
  } restore_forbidden{&window_forbidden_, saved_forbidden};
  AggCall call;
  call.distinct = e.distinct;
  call.star = e.star;
  const Scope& from = saved->from_scope ? *saved->from_scope : scope;
  for (const auto& a : e.args) {
    auto b = BindExpr(*a, from);
    if (!b.ok()) {
      agg_ = saved;
      Status st = b.status();
      if (st.Is(sqlstate::kGroupingError)) {
        st = Status::Error(sqlstate::kGroupingError, "aggregate function calls cannot be nested")
                 .WithPosition(Pos(a->location));
      }
      return st;
    }
    call.args.push_back(std::move(*b));
  }
  if (e.filter) {
    auto f = BindExpr(*e.filter, from);
    if (!f.ok()) {
      agg_ = saved;
      return f.status();
    }
    auto fb = CoerceToBool(std::move(*f), "FILTER", e.filter->location);
    if (!fb.ok()) {
      agg_ = saved;
      return fb.status();
    }
    call.filter = std::move(*fb);
  }
  for (const auto& item : e.agg_order) {
    auto k = BindExpr(*item.expr, from);
    if (k.ok()) k = ResolveUnknown(std::move(*k));
    if (!k.ok()) {
      agg_ = saved;
      return k.status();
    }
    // With DISTINCT the rows are the distinct argument values: only those can order them.
    if (e.distinct) {
      bool in_args = false;
      for (const auto& a : call.args) in_args |= ExprEquals(*a, **k);
      if (!in_args) {
        agg_ = saved;
        return Status::Error(sqlstate::kInvalidColumnReference,
                             "in an aggregate with DISTINCT, ORDER BY expressions must appear "
                             "in argument list")
            .WithPosition(Pos(item.expr->location));
      }
    }
    SortKey key;
    key.expr = std::move(*k);
    key.descending = item.descending;
    key.nulls_first = item.nulls == 1 || (item.nulls == 0 && item.descending);
    call.order_by.push_back(std::move(key));
  }
  agg_ = saved;
  if (e.star && name != "count") {
    return Status::Error(sqlstate::kWrongObjectType,
                         name + "(*) specified, but " + name + " is not an aggregate function")
        .WithPosition(Pos(e.location));
  }
  ZJ_ASSIGN_OR_RETURN(auto fn, ResolveAggregateCall(name, e.star, &call.args, e.location));
  call.fn = fn;
  call.type = fn->return_type;
  if (fn->array_of_arg) {
    if (call.args[0]->type.id == TypeId::kArray) {
      return Status::NotSupported("array_agg of arrays (multidimensional arrays) is not supported")
          .WithPosition(Pos(e.location));
    }
    call.type = LogicalType::Array(call.args[0]->type);
  }
  auto ref = std::make_unique<Expr>(ExprKind::kAggRef, call.type);
  ref->index = static_cast<int>(agg_->group_keys->size() + agg_->aggregates->size());
  agg_->aggregates->push_back(std::move(call));
  return ExprPtr(std::move(ref));
}

Result<ExprPtr> Binder::BindFunc(const parser::Expr& e, const Scope& scope) {
  std::string name = FunctionName(e);
  if (e.names.size() > 1 && e.names[e.names.size() - 2] != "pg_catalog") {
    return Status::Error(sqlstate::kInvalidSchemaName,
                         "schema \"" + e.names[e.names.size() - 2] + "\" does not exist")
        .WithPosition(Pos(e.location));
  }
  if (e.over) return BindWindowFunc(e, scope);
  if (e.star || exec::IsAggregateName(name)) {
    if (!e.arg_names.empty()) {
      return Status::Error(sqlstate::kUndefinedFunction,
                           "aggregate " + name + " does not take named arguments")
          .WithPosition(Pos(e.location));
    }
    return BindAggregate(e, scope);
  }
  if (name == "array_position" && e.args.size() == 2 &&
      e.args[0]->kind == parser::ExprKind::kFunc && e.args[0]->names.back() == "current_schemas") {
    return BindSchemaPosition(e, scope);
  }
  if (name == "current_schemas" && e.names.size() <= 2) return BindCurrentSchemas(e, scope);
  if (&e == select_srf_) {
    // The select list's set-returning call: the column of the FROM item it became.
    return MakeColumn(0, select_srf_type_);
  }
  if (IsSetReturningFunction(name)) {
    return Status::NotSupported("set-returning function " + name + "() is only supported in FROM")
        .WithHint("Write SELECT ... FROM " + name + "(...) instead.")
        .WithPosition(Pos(e.location));
  }
  std::vector<ExprPtr> args;
  for (const auto& a : e.args) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr b, BindExpr(*a, scope));
    args.push_back(std::move(b));
  }
  if (name == "coalesce" || name == "nullif") {
    if (name == "nullif" && args.size() != 2) {
      return Status::Error(sqlstate::kSyntaxError, "syntax error at or near \")\"")
          .WithPosition(Pos(e.location));
    }
    if (args.empty()) return Status::Error(sqlstate::kSyntaxError, "syntax error at or near \")\"");
    ZJ_RETURN_IF_ERROR(CommonTypeOf(&args, name == "coalesce" ? "COALESCE" : "NULLIF", e.location));
    auto n = std::make_unique<Expr>(name == "coalesce" ? ExprKind::kCoalesce : ExprKind::kNullIf,
                                    args[0]->type);
    n->args = std::move(args);
    return ExprPtr(std::move(n));
  }
  if (name == "nextval" || name == "currval" || name == "setval") {
    if (args.empty() || args[0]->kind != ExprKind::kConst) {
      return Status::NotSupported(name + " needs a constant sequence name")
          .WithPosition(Pos(e.location));
    }
    const catalog::Sequence* seq = nullptr;
    if (types::IsOidFamily(args[0]->type.id)) {
      auto oid = static_cast<catalog::Oid>(args[0]->value.GetInt());
      auto it = ctx_.catalog->sequences.find(oid);
      if (it != ctx_.catalog->sequences.end()) seq = &it->second;
      std::string other;  // a relation of another kind
      if (const catalog::Table* t = ctx_.catalog->GetTable(oid)) other = t->name;
      if (auto v = ctx_.catalog->views.find(oid); v != ctx_.catalog->views.end()) {
        other = v->second.name;
      }
      if (seq == nullptr && !other.empty()) {
        return Status::Error(sqlstate::kWrongObjectType, "\"" + other + "\" is not a sequence");
      }
    } else {
      std::string sname = args[0]->value.GetString();
      size_t dot = sname.rfind('.');
      if (dot != std::string::npos) sname = sname.substr(dot + 1);
      ZJ_ASSIGN_OR_RETURN(seq, LookupSequence(sname, e.args[0]->location));
    }
    if (seq == nullptr) {
      return Status::Error(sqlstate::kUndefinedTable, "sequence does not exist")
          .WithPosition(Pos(e.location));
    }
    auto n = std::make_unique<Expr>(ExprKind::kSequence, LogicalType(TypeId::kInt64));
    n->seq_oid = seq->oid;
    n->volatile_fn = true;
    n->op = static_cast<uint8_t>(name == "nextval"   ? SeqOp::kNextval
                                 : name == "currval" ? SeqOp::kCurrval
                                                     : SeqOp::kSetval);
    if (name == "setval") {
      if (args.size() < 2)
        return Status::Error(sqlstate::kUndefinedFunction,
                             "function setval(unknown) does not exist");
      ZJ_ASSIGN_OR_RETURN(ExprPtr v, Coerce(std::move(args[1]), LogicalType(TypeId::kInt64),
                                            types::CastContext::kImplicit, e.location));
      n->args.push_back(std::move(v));
      if (args.size() > 2) {
        ZJ_ASSIGN_OR_RETURN(ExprPtr c, Coerce(std::move(args[2]), LogicalType(TypeId::kBool),
                                              types::CastContext::kImplicit, e.location));
        n->args.push_back(std::move(c));
      }
    }
    return ExprPtr(std::move(n));
  }
  std::vector<LogicalType> arg_types;
  for (const auto& a : args) arg_types.push_back(a->type);
  auto resolved = exec::ResolveCall(name, arg_types, e.arg_names);
  if (!resolved.ok()) return std::move(resolved).status().WithPosition(Pos(e.location));
  const exec::ScalarFunction* fn = resolved->fn;
  const std::vector<LogicalType>& casts = resolved->arg_casts;
  const std::vector<int>& sources = resolved->param_sources;
  for (size_t i = 0; i < args.size(); ++i) {
    LogicalType want = i < casts.size() ? casts[i] : LogicalType(TypeId::kUnknown);
    if (want.id == TypeId::kUnknown) {
      ZJ_ASSIGN_OR_RETURN(args[i], ResolveUnknown(std::move(args[i])));
    } else {
      ZJ_ASSIGN_OR_RETURN(args[i], Coerce(std::move(args[i]), want, types::CastContext::kImplicit,
                                          e.args[i]->location));
    }
  }
  if (fn->name == "pg_typeof" && args.size() == 1) {
    // The argument's type as bound (an array's element type, a NULL's type): a constant.
    return MakeConst(Value::Text(RegtypeName(args[0]->type)), fn->return_type);
  }
  auto n = std::make_unique<Expr>(ExprKind::kFunction, resolved->result_type);
  n->fn = fn;
  n->volatile_fn = fn->volatility == exec::Volatility::kVolatile;
  // Arguments in parameter order; parameters the call left out take their defaults.
  const std::vector<LogicalType>& params = fn->arg_types;
  size_t first_default = params.size() - fn->defaults.size();
  for (size_t k = 0; k < sources.size(); ++k) {
    if (sources[k] >= 0) {
      n->args.push_back(std::move(args[static_cast<size_t>(sources[k])]));
    } else {
      n->args.push_back(MakeConst(fn->defaults[k - first_default], params[k]));
    }
  }
  return ExprPtr(std::move(n));
}

}  // namespace zijin::planner
