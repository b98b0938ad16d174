// Binding window function calls (f(...) OVER (...)) and the WINDOW clause: each call becomes
// a WindowCall of the query's Window node, referenced from the SELECT list and ORDER BY.
#include "exec/functions/function_registry.h"
#include "planner/internal/binder.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;

namespace {

// The window functions proper (aggregates work over windows too).
struct WindowFunctionDef {
  const char* name;
  size_t min_args, max_args;
  enum class Result : uint8_t { kBigint, kDouble, kInteger, kFirstArg } result;
};

constexpr WindowFunctionDef kWindowFunctions[] = {
    {"row_number", 0, 0, WindowFunctionDef::Result::kBigint},
    {"rank", 0, 0, WindowFunctionDef::Result::kBigint},
    {"dense_rank", 0, 0, WindowFunctionDef::Result::kBigint},
    {"percent_rank", 0, 0, WindowFunctionDef::Result::kDouble},
    {"cume_dist", 0, 0, WindowFunctionDef::Result::kDouble},
    {"ntile", 1, 1, WindowFunctionDef::Result::kInteger},
    {"lag", 1, 3, WindowFunctionDef::Result::kFirstArg},
    {"lead", 1, 3, WindowFunctionDef::Result::kFirstArg},
    {"first_value", 1, 1, WindowFunctionDef::Result::kFirstArg},
    {"last_value", 1, 1, WindowFunctionDef::Result::kFirstArg},
    {"nth_value", 2, 2, WindowFunctionDef::Result::kFirstArg},
};

const WindowFunctionDef* FindWindowFunction(const std::string& name) {
  for (const auto& d : kWindowFunctions) {
    if (name == d.name) return &d;
  }
  return nullptr;
}

WindowCall::Bound ToBound(parser::FrameBound::Kind k) {
  using K = parser::FrameBound::Kind;
  using B = WindowCall::Bound;
  switch (k) {
    case K::kUnboundedPreceding:
      return B::kUnboundedPreceding;
    case K::kPreceding:
      return B::kPreceding;
    case K::kCurrentRow:
      return B::kCurrentRow;
    case K::kFollowing:
      return B::kFollowing;
    case K::kUnboundedFollowing:
      return B::kUnboundedFollowing;
  }
  return B::kCurrentRow;
}

Status WindowError(std::string message, int location) {
  return Status::Error(sqlstate::kWindowingError, std::move(message)).WithPosition(Pos(location));
}

}  // namespace

bool ContainsWindow(const parser::Expr& e) {
  if (e.kind == parser::ExprKind::kSubquery) {
    return !e.args.empty() && ContainsWindow(*e.args[0]);
  }
  if (e.kind == parser::ExprKind::kFunc && e.over) return true;
  for (const auto& a : e.args) {
    if (a && ContainsWindow(*a)) return true;
  }
  return e.filter && ContainsWindow(*e.filter);
}

Result<ExprPtr> Binder::BindWindowFunc(const parser::Expr& e, const Scope& scope) {
  std::string name = e.names.back();
  if (window_forbidden_ != nullptr) return WindowError(window_forbidden_, e.location);
  if (win_ == nullptr) {
    const char* clause = agg_ != nullptr && agg_->clause != nullptr ? agg_->clause : nullptr;
    return WindowError(std::string("window functions are not allowed in ") +
                           (clause != nullptr ? clause : "this context"),
                       e.location);
  }
  // The window: its own clauses, over a named one's when it names one (PostgreSQL's rules for
  // what may be added to a copied window).
  const parser::WindowSpec* spec = e.over.get();
  const parser::WindowSpec* base = nullptr;
  if (!spec->ref.empty()) {
    for (const auto& [wname, w] : *win_->named) {
      if (wname == spec->ref) base = w.get();
    }
    if (base == nullptr)
      return WindowError("window \"" + spec->ref + "\" does not exist", spec->location);
    bool parenthesized = !spec->partition_by.empty() || !spec->order_by.empty() ||
                         spec->frame_mode != parser::WindowSpec::FrameMode::kNone;
    if (!spec->partition_by.empty()) {
      return WindowError("cannot override PARTITION BY clause of window \"" + spec->ref + "\"",
                         spec->location);
    }
    if (!spec->order_by.empty() && !base->order_by.empty()) {
      return WindowError("cannot override ORDER BY clause of window \"" + spec->ref + "\"",
                         spec->location);
    }
    if (parenthesized && base->frame_mode != parser::WindowSpec::FrameMode::kNone) {
      return WindowError("cannot copy window \"" + spec->ref + "\" because it has a frame clause",
                         spec->location);
    }
  }
  const auto& partition_by = base != nullptr ? base->partition_by : spec->partition_by;
  const auto& order_by =
      base != nullptr && spec->order_by.empty() ? base->order_by : spec->order_by;
  const parser::WindowSpec& frame =
      spec->frame_mode == parser::WindowSpec::FrameMode::kNone && base != nullptr ? *base : *spec;

  // Arguments, partition and order keys are over the rows the window sees: the FROM rows, or
  // the groups of a grouped query (aggregates allowed there); windows do not nest.
  WindowContext* saved = win_;
  struct Restore {
    const char** slot;
    const char* value;
    ~Restore() { *slot = value; }
  } restore{&window_forbidden_, window_forbidden_};
  window_forbidden_ = "window function calls cannot be nested";

  WindowCall call;
  call.name = name;
  std::vector<LogicalType> arg_types;
  for (const auto& a : e.args) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr b, BindExpr(*a, scope));
    arg_types.push_back(b->type);
    call.args.push_back(std::move(b));
  }
  if (e.distinct)
    return Status::NotSupported("DISTINCT is not implemented for window functions")
        .WithPosition(Pos(e.location));
  if (!e.agg_order.empty()) {
    return Status::NotSupported("aggregate ORDER BY is not implemented for window functions")
        .WithPosition(Pos(e.location));
  }
  if (e.star || exec::IsAggregateName(name)) {
    ZJ_ASSIGN_OR_RETURN(auto fn, ResolveAggregateCall(name, e.star, &call.args, e.location));
    call.agg = fn;
    call.type = fn->return_type;
    if (fn->array_of_arg) call.type = LogicalType::Array(call.args[0]->type);
    if (e.filter) {
      ZJ_ASSIGN_OR_RETURN(ExprPtr f, BindExpr(*e.filter, scope));
      ZJ_ASSIGN_OR_RETURN(call.filter, CoerceToBool(std::move(f), "FILTER", e.filter->location));
    }
  } else {
    const WindowFunctionDef* def = FindWindowFunction(name);
    if (def == nullptr) {
      return Status::Error(sqlstate::kWrongObjectType,
                           "OVER specified, but " + name +
                               " is not a window function nor an aggregate function")
          .WithPosition(Pos(e.location));
    }
    if (e.filter) {
      return Status::NotSupported("FILTER is not implemented for non-aggregate window functions")
          .WithPosition(Pos(e.location));
    }
    if (call.args.size() < def->min_args || call.args.size() > def->max_args) {
      std::string types;
      for (size_t i = 0; i < arg_types.size(); ++i) {
        types += (i ? ", " : "") + arg_types[i].ToString();
      }
      return Status::Error(sqlstate::kUndefinedFunction,
                           "function " + name + "(" + types + ") does not exist")
          .WithHint(
              "No function matches the given name and argument types. You might need to "
              "add explicit type casts.")
          .WithPosition(Pos(e.location));
    }
    switch (def->result) {
      case WindowFunctionDef::Result::kBigint:
        call.type = LogicalType(TypeId::kInt64);
        break;
      case WindowFunctionDef::Result::kDouble:
        call.type = LogicalType(TypeId::kFloat64);
        break;
      case WindowFunctionDef::Result::kInteger:
        call.type = LogicalType(TypeId::kInt32);
        break;
      case WindowFunctionDef::Result::kFirstArg:
        ZJ_ASSIGN_OR_RETURN(call.args[0], ResolveUnknown(std::move(call.args[0])));
        call.type = call.args[0]->type;
        break;
    }
    // ntile(n), lag/lead(x, offset), nth_value(x, n): integer counts; lag/lead's default
    // takes the value's type.
    size_t first_count = def->result == WindowFunctionDef::Result::kInteger ? 0 : 1;
    for (size_t i = first_count; i < call.args.size() && i < first_count + 1; ++i) {
      ZJ_ASSIGN_OR_RETURN(call.args[i], Coerce(std::move(call.args[i]), LogicalType(TypeId::kInt32),
                                               types::CastContext::kImplicit, e.args[i]->location));
    }
    if (call.args.size() == 3) {
      ZJ_ASSIGN_OR_RETURN(call.args[2], Coerce(std::move(call.args[2]), call.type,
                                               types::CastContext::kImplicit, e.args[2]->location));
    }
  }

  for (const auto& p : partition_by) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr b, BindExpr(*p, scope));
    ZJ_ASSIGN_OR_RETURN(b, ResolveUnknown(std::move(b)));
    call.partition_by.push_back(std::move(b));
  }
  for (const auto& item : order_by) {
    SortKey key;
    ZJ_ASSIGN_OR_RETURN(key.expr, BindExpr(*item.expr, scope));
    ZJ_ASSIGN_OR_RETURN(key.expr, ResolveUnknown(std::move(key.expr)));
    key.descending = item.descending;
    key.nulls_first = item.nulls == 1 || (item.nulls == 0 && item.descending);
    call.order_by.push_back(std::move(key));
  }

  using Mode = parser::WindowSpec::FrameMode;
  using K = parser::FrameBound::Kind;
  if (frame.frame_mode == Mode::kGroups) {
    return Status::NotSupported("GROUPS frames are not supported")
        .WithPosition(Pos(frame.location));
  }
  if (frame.frame_mode != Mode::kNone) {
    const auto& s = frame.frame_start;
    const auto& en = frame.frame_end;
    if (s.kind == K::kUnboundedFollowing) {
      return WindowError("frame start cannot be UNBOUNDED FOLLOWING", s.location);
    }
    if (en.kind == K::kUnboundedPreceding) {
      return WindowError("frame end cannot be UNBOUNDED PRECEDING", en.location);
    }
    if (s.kind == K::kCurrentRow && en.kind == K::kPreceding) {
      return WindowError("frame starting from current row cannot have preceding rows", en.location);
    }
    if (s.kind == K::kFollowing && (en.kind == K::kPreceding || en.kind == K::kCurrentRow)) {
      return WindowError("frame starting from following row cannot have preceding rows",
                         en.location);
    }
    call.frame_rows = frame.frame_mode == Mode::kRows;
    if (!call.frame_rows && (s.offset || en.offset)) {
      return Status::NotSupported("RANGE with offset PRECEDING/FOLLOWING is not supported")
          .WithPosition(Pos(s.offset ? s.location : en.location));
    }
    call.frame_start = ToBound(s.kind);
    call.frame_end = ToBound(en.kind);
    for (auto [bound, out] :
         {std::pair{&s, &call.start_offset}, std::pair{&en, &call.end_offset}}) {
      if (!bound->offset) continue;
      ZJ_ASSIGN_OR_RETURN(ExprPtr off, BindExpr(*bound->offset, Scope()));
      ZJ_ASSIGN_OR_RETURN(*out, Coerce(std::move(off), LogicalType(TypeId::kInt64),
                                       types::CastContext::kImplicit, bound->location));
    }
  }

  auto ref = std::make_unique<Expr>(ExprKind::kWindowRef, call.type);
  ref->index = static_cast<int>(saved->calls.size());
  saved->calls.push_back(std::move(call));
  return ExprPtr(std::move(ref));
}

void ResolveWindowRefs(Expr* e, int first_column) {
  if (e->kind == ExprKind::kWindowRef) {
    e->kind = ExprKind::kColumn;
    e->index += first_column;
    e->depth = 0;
    return;
  }
  for (auto& a : e->args) ResolveWindowRefs(a.get(), first_column);
}

}  // namespace zijin::planner
