// Expression evaluation over one row, with SQL's three-valued logic.
#include <algorithm>
#include <optional>

#include "exec/executor.h"
#include "exec/functions/like.h"
#include "types/arith.h"
#include "types/array.h"
#include "types/cast.h"
#include "types/compare.h"
#include "types/type_io.h"

namespace zijin::exec {

using planner::CompareOp;
using planner::Expr;
using planner::ExprKind;
using planner::SubqueryKind;
using types::Value;

namespace {

bool CompareResult(CompareOp op, int c) {
  switch (op) {
    case CompareOp::kEq:
      return c == 0;
    case CompareOp::kNe:
      return c != 0;
    case CompareOp::kLt:
      return c < 0;
    case CompareOp::kLe:
      return c <= 0;
    case CompareOp::kGt:
      return c > 0;
    case CompareOp::kGe:
      return c >= 0;
  }
  return false;
}

// One value of x op ANY/ALL (...): the answer when this comparison settles it, else nullopt
// (a NULL comparison is noted in *saw_null, and QuantifiedEnd gives the answer after the last).
std::optional<Value> QuantifiedStep(CompareOp op, bool any, const Value& left, const Value& v,
                                    bool* saw_null) {
  if (left.is_null() || v.is_null()) {
    *saw_null = true;
    return std::nullopt;
  }
  if (CompareResult(op, types::CompareValues(left, v)) == any) return Value::Bool(any);
  return std::nullopt;
}

Value QuantifiedEnd(bool any, bool saw_null) {
  return saw_null ? Value::Null(types::TypeId::kBool) : Value::Bool(!any);
}

Value BoolOrNull(int tri) {  // 1 true, 0 false, -1 null
  return tri < 0 ? Value::Null(types::TypeId::kBool) : Value::Bool(tri == 1);
}

// Runs a subquery's plan with `row` visible as the innermost outer row.
Status SubqueryRows(const Expr& e, const Row& row, ExecContext* ctx, const std::vector<Row>** out,
                    std::vector<Row>* local) {
  if (!e.correlated) {
    auto it = ctx->subquery_cache.find(&e);
    if (it != ctx->subquery_cache.end()) {
      *out = &it->second;
      return Status::OK();
    }
  }
  ctx->outer_rows.push_back(&row);
  Status st = RunToEnd(*e.subplan, ctx, local);
  ctx->outer_rows.pop_back();
  ZJ_RETURN_IF_ERROR(st);
  if (!e.correlated) {
    auto& slot = ctx->subquery_cache[&e];
    slot = std::move(*local);
    *out = &slot;
  } else {
    *out = local;
  }
  return Status::OK();
}

Result<Value> EvalSubquery(const Expr& e, const Row& row, ExecContext* ctx) {
  const std::vector<Row>* rows = nullptr;
  std::vector<Row> local;
  if (e.subquery_kind == SubqueryKind::kArray) {
    ZJ_RETURN_IF_ERROR(SubqueryRows(e, row, ctx, &rows, &local));
    types::ArrayData a;
    a.element = types::LogicalType(e.type.elem);
    for (const Row& r : *rows) {
      Value v = r[0];
      if (v.is_null()) {
        v = Value::Null(a.element.id);
      } else if (v.type() == types::TypeId::kUnknown) {
        v.Relabel(types::TypeId::kText);  // an untyped literal column: its text
      }
      a.elements.push_back(std::move(v));
    }
    return types::MakeArray(a);
  }
  if (e.subquery_kind == SubqueryKind::kExists) {
    ZJ_RETURN_IF_ERROR(SubqueryRows(e, row, ctx, &rows, &local));
    return Value::Bool(!rows->empty());
  }
  if (e.subquery_kind == SubqueryKind::kScalar) {
    ZJ_RETURN_IF_ERROR(SubqueryRows(e, row, ctx, &rows, &local));
    if (rows->empty()) return Value::Null(e.type.id);
    if (rows->size() > 1) {
      return Status::Error(sqlstate::kCardinalityViolation,
                           "more than one row returned by a subquery used as an expression");
    }
    return (*rows)[0][0];
  }
  // x op ANY/ALL (subquery): true/false/NULL per SQL's rules.
  ZJ_ASSIGN_OR_RETURN(Value left, Eval(*e.args[0], row, ctx));
  ZJ_RETURN_IF_ERROR(SubqueryRows(e, row, ctx, &rows, &local));
  bool any = e.subquery_kind == SubqueryKind::kAny;
  bool saw_null = false;
  auto op = static_cast<CompareOp>(e.op);
  for (const Row& r : *rows) {
    if (auto decided = QuantifiedStep(op, any, left, r[0], &saw_null)) return *decided;
  }
  return QuantifiedEnd(any, saw_null);
}

// x op ANY/ALL (array), as PostgreSQL's ScalarArrayOpExpr: an empty array gives false for ANY
// and true for ALL whatever x is; otherwise NULLs make an undecided answer NULL.
Result<Value> EvalArrayCompare(const Expr& e, const Row& row, ExecContext* ctx) {
  ZJ_ASSIGN_OR_RETURN(Value left, Eval(*e.args[0], row, ctx));
  ZJ_ASSIGN_OR_RETURN(Value array, Eval(*e.args[1], row, ctx));
  if (array.is_null()) return Value::Null(types::TypeId::kBool);
  bool any = e.subquery_kind == SubqueryKind::kAny;
  if (types::ArrayLength(array) == 0) return Value::Bool(!any);
  if (left.is_null()) return Value::Null(types::TypeId::kBool);
  ZJ_ASSIGN_OR_RETURN(types::ArrayData a, types::DecodeArray(array));
  auto op = static_cast<CompareOp>(e.op);
  bool saw_null = false;
  for (const Value& v : a.elements) {
    if (auto decided = QuantifiedStep(op, any, left, v, &saw_null)) return *decided;
  }
  return QuantifiedEnd(any, saw_null);
}

Result<Value> EvalSubscript(const Expr& e, const Row& row, ExecContext* ctx) {
  ZJ_ASSIGN_OR_RETURN(Value array, Eval(*e.args[0], row, ctx));
  ZJ_ASSIGN_OR_RETURN(Value index, Eval(*e.args[1], row, ctx));
  if (array.is_null() || index.is_null()) return Value::Null(e.type.id);
  ZJ_ASSIGN_OR_RETURN(types::ArrayData a, types::DecodeArray(array));
  int64_t k = index.GetInt() - a.lower_bound;
  if (k < 0 || k >= static_cast<int64_t>(a.elements.size())) return Value::Null(e.type.id);
  return std::move(a.elements[static_cast<size_t>(k)]);
}

Result<Value> EvalArray(const Expr& e, const Row& row, ExecContext* ctx) {
  types::ArrayData a;
  a.element = types::LogicalType(e.type.elem);
  a.elements.reserve(e.args.size());
  for (const auto& arg : e.args) {
    ZJ_ASSIGN_OR_RETURN(Value v, Eval(*arg, row, ctx));
    if (v.is_null()) v = Value::Null(a.element.id);
    a.elements.push_back(std::move(v));
  }
  return types::MakeArray(a);
}

Result<Value> EvalCase(const Expr& e, const Row& row, ExecContext* ctx) {
  size_t i = 0;
  Value operand;
  if (e.case_has_operand) {
    ZJ_ASSIGN_OR_RETURN(operand, Eval(*e.args[0], row, ctx));
    i = 1;
  }
  size_t end = e.args.size() - (e.case_has_else ? 1 : 0);
  for (; i + 1 < end + 1 && i < end; i += 2) {
    ZJ_ASSIGN_OR_RETURN(Value w, Eval(*e.args[i], row, ctx));
    bool hit;
    if (e.case_has_operand) {
      hit = !operand.is_null() && !w.is_null() && types::ValuesEqual(operand, w);
    } else {
      hit = !w.is_null() && w.GetBool();
    }
    if (hit) return Eval(*e.args[i + 1], row, ctx);
  }
  if (e.case_has_else) return Eval(*e.args.back(), row, ctx);
  return Value::Null(e.type.id);
}

Result<Value> EvalSequence(const Expr& e, const Row& row, ExecContext* ctx) {
  auto data = ctx->catalog_data;
  auto it = data->sequences.find(e.seq_oid);
  if (it == data->sequences.end()) {
    return Status::Error(sqlstate::kUndefinedTable, "sequence no longer exists");
  }
  const catalog::Sequence& seq = it->second;
  switch (static_cast<planner::SeqOp>(e.op)) {
    case planner::SeqOp::kNextval: {
      ZJ_ASSIGN_OR_RETURN(int64_t v, ctx->catalog->NextVal(seq));
      if (ctx->note_nextval) ctx->note_nextval(seq.oid, v);
      return Value::Int64(v);
    }
    case planner::SeqOp::kCurrval: {
      if (!ctx->currval) return Status::Internal("currval unavailable");
      ZJ_ASSIGN_OR_RETURN(int64_t v, ctx->currval(seq.oid));
      return Value::Int64(v);
    }
    case planner::SeqOp::kSetval: {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
      if (v.is_null()) return Value::Null(types::TypeId::kInt64);
      bool is_called = true;
      if (e.args.size() > 1) {
        ZJ_ASSIGN_OR_RETURN(Value c, Eval(*e.args[1], row, ctx));
        is_called = !c.is_null() && c.GetBool();
      }
      ZJ_RETURN_IF_ERROR(ctx->catalog->SetVal(seq, v.GetInt(), is_called));
      if (is_called && ctx->note_nextval) ctx->note_nextval(seq.oid, v.GetInt());
      return Value::Int64(v.GetInt());
    }
    case planner::SeqOp::kLastval:
      break;
  }
  return Status::NotSupported("lastval is not supported");
}

}  // namespace

Result<bool> EvalPredicate(const Expr& expr, const Row& row, ExecContext* ctx) {
  ZJ_ASSIGN_OR_RETURN(Value v, Eval(expr, row, ctx));
  return !v.is_null() && v.GetBool();
}

Result<Value> Eval(const Expr& e, const Row& row, ExecContext* ctx) {
  switch (e.kind) {
    case ExprKind::kConst:
      return e.value;
    case ExprKind::kColumn: {
      if (e.depth == 0) return row[static_cast<size_t>(e.index)];
      const Row* outer = ctx->outer_rows[ctx->outer_rows.size() - static_cast<size_t>(e.depth)];
      return (*outer)[static_cast<size_t>(e.index)];
    }
    case ExprKind::kAggRef:
      return row[static_cast<size_t>(e.index)];
    case ExprKind::kParam: {
      const Value& p = (*ctx->params)[static_cast<size_t>(e.index)];
      if (p.is_null()) return Value::Null(e.type.id);
      if (p.type() == e.type.id) return p;
      return types::CastValue(p, e.type, *ctx->fn.format);
    }
    case ExprKind::kCast: {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
      return types::CastValue(v, e.type, *ctx->fn.format, e.explicit_cast);
    }
    case ExprKind::kArith: {
      ZJ_ASSIGN_OR_RETURN(Value l, Eval(*e.args[0], row, ctx));
      if (l.is_null()) return Value::Null(e.type.id);
      ZJ_ASSIGN_OR_RETURN(Value r, Eval(*e.args[1], row, ctx));
      if (r.is_null()) return Value::Null(e.type.id);
      return types::EvalArith(static_cast<types::ArithOp>(e.op), l, r);
    }
    case ExprKind::kNegate: {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
      if (v.is_null()) return v;
      return types::Negate(v);
    }
    case ExprKind::kCompare: {
      ZJ_ASSIGN_OR_RETURN(Value l, Eval(*e.args[0], row, ctx));
      if (l.is_null()) return Value::Null(types::TypeId::kBool);
      ZJ_ASSIGN_OR_RETURN(Value r, Eval(*e.args[1], row, ctx));
      if (r.is_null()) return Value::Null(types::TypeId::kBool);
      return Value::Bool(CompareResult(static_cast<CompareOp>(e.op), types::CompareValues(l, r)));
    }
    case ExprKind::kAnd: {
      int result = 1;
      for (const auto& a : e.args) {
        ZJ_ASSIGN_OR_RETURN(Value v, Eval(*a, row, ctx));
        if (v.is_null()) {
          result = -1;
        } else if (!v.GetBool()) {
          return Value::Bool(false);
        }
      }
      return BoolOrNull(result);
    }
    case ExprKind::kOr: {
      int result = 0;
      for (const auto& a : e.args) {
        ZJ_ASSIGN_OR_RETURN(Value v, Eval(*a, row, ctx));
        if (v.is_null()) {
          result = -1;
        } else if (v.GetBool()) {
          return Value::Bool(true);
        }
      }
      return BoolOrNull(result);
    }
    case ExprKind::kNot: {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
      if (v.is_null()) return v;
      return Value::Bool(!v.GetBool());
    }
    case ExprKind::kIsNull: {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
      return Value::Bool(v.is_null() != e.negated);
    }
    case ExprKind::kIsDistinct: {
      ZJ_ASSIGN_OR_RETURN(Value l, Eval(*e.args[0], row, ctx));
      ZJ_ASSIGN_OR_RETURN(Value r, Eval(*e.args[1], row, ctx));
      bool distinct;
      if (l.is_null() || r.is_null()) {
        distinct = l.is_null() != r.is_null();
      } else {
        distinct = !types::ValuesEqual(l, r);
      }
      return Value::Bool(distinct != e.negated);
    }
    case ExprKind::kIsTrue: {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], row, ctx));
      bool is = !v.is_null() && v.GetBool() == e.value.GetBool();
      return Value::Bool(is != e.negated);
    }
    case ExprKind::kFunction: {
      Value argbuf[8];
      std::vector<Value> big;
      Value* args = argbuf;
      if (e.args.size() > 8) {
        big.resize(e.args.size());
        args = big.data();
      }
      for (size_t i = 0; i < e.args.size(); ++i) {
        ZJ_ASSIGN_OR_RETURN(args[i], Eval(*e.args[i], row, ctx));
        if (args[i].is_null() && e.fn->strict) return Value::Null(e.type.id);
      }
      ctx->fn.result_type = &e.type;
      return e.fn->fn(args, e.args.size(), ctx->fn);
    }
    case ExprKind::kCase:
      return EvalCase(e, row, ctx);
    case ExprKind::kCoalesce: {
      for (const auto& a : e.args) {
        ZJ_ASSIGN_OR_RETURN(Value v, Eval(*a, row, ctx));
        if (!v.is_null()) return v;
      }
      return Value::Null(e.type.id);
    }
    case ExprKind::kNullIf: {
      ZJ_ASSIGN_OR_RETURN(Value l, Eval(*e.args[0], row, ctx));
      ZJ_ASSIGN_OR_RETURN(Value r, Eval(*e.args[1], row, ctx));
      if (!l.is_null() && !r.is_null() && types::ValuesEqual(l, r)) return Value::Null(e.type.id);
      return l;
    }
    case ExprKind::kLike: {
      ZJ_ASSIGN_OR_RETURN(Value s, Eval(*e.args[0], row, ctx));
      ZJ_ASSIGN_OR_RETURN(Value p, Eval(*e.args[1], row, ctx));
      if (s.is_null() || p.is_null()) return Value::Null(types::TypeId::kBool);
      char escape = '\\';
      if (e.args.size() > 2) {
        ZJ_ASSIGN_OR_RETURN(Value esc, Eval(*e.args[2], row, ctx));
        if (esc.is_null()) return Value::Null(types::TypeId::kBool);
        const std::string& es = esc.GetString();
        if (es.size() > 1) {
          return Status::Error(sqlstate::kInvalidEscapeSequence, "invalid escape string")
              .WithHint("Escape string must be empty or one character.");
        }
        escape = es.empty() ? '\0' : es[0];
      }
      ZJ_ASSIGN_OR_RETURN(bool m,
                          LikeMatch(s.GetString(), p.GetString(), escape, e.case_insensitive));
      return Value::Bool(m != e.negated);
    }
    case ExprKind::kInList: {
      ZJ_ASSIGN_OR_RETURN(Value l, Eval(*e.args[0], row, ctx));
      if (l.is_null()) return Value::Null(types::TypeId::kBool);
      bool saw_null = false;
      for (size_t i = 1; i < e.args.size(); ++i) {
        ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e.args[i], row, ctx));
        if (v.is_null()) {
          saw_null = true;
        } else if (types::ValuesEqual(l, v)) {
          return Value::Bool(!e.negated);
        }
      }
      if (saw_null) return Value::Null(types::TypeId::kBool);
      return Value::Bool(e.negated);
    }
    case ExprKind::kConcat: {
      ZJ_ASSIGN_OR_RETURN(Value l, Eval(*e.args[0], row, ctx));
      if (l.is_null()) return Value::Null(types::TypeId::kText);
      ZJ_ASSIGN_OR_RETURN(Value r, Eval(*e.args[1], row, ctx));
      if (r.is_null()) return Value::Null(types::TypeId::kText);
      std::string s = l.GetString();
      s += r.GetString();
      return Value::Text(std::move(s));
    }
    case ExprKind::kSubquery:
      return EvalSubquery(e, row, ctx);
    case ExprKind::kSequence:
      return EvalSequence(e, row, ctx);
    case ExprKind::kRow:
      return Status::NotSupported("row values are not supported here");
    case ExprKind::kWindowRef:
      return Status::Internal("unresolved window function reference");
    case ExprKind::kArray:
      return EvalArray(e, row, ctx);
    case ExprKind::kSubscript:
      return EvalSubscript(e, row, ctx);
    case ExprKind::kArrayCompare:
      return EvalArrayCompare(e, row, ctx);
  }
  return Status::Internal("unknown expression kind");
}

}  // namespace zijin::exec
