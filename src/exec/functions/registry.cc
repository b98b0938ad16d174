// The function tables and overload resolution (PostgreSQL's func_select_candidate).
#include <algorithm>
#include <optional>

#include "exec/functions/builtins.h"
#include "types/cast.h"

namespace zijin::exec {
namespace {

using types::LogicalType;
using types::TypeId;

// pg_type's name for a parameter type, as the pg_proc OID table spells signatures.
std::string ParamTypeName(const LogicalType& t) {
  if (IsAnyElement(t)) return "anyelement";
  if (t.id == TypeId::kUnknown) return "\"any\"";
  return types::PgTypeName(t);
}

uint32_t OidOf(const std::string& name, const std::vector<LogicalType>& params) {
  std::string key = name + "(";
  for (size_t i = 0; i < params.size(); ++i) {
    if (i > 0) key += ',';
    key += ParamTypeName(params[i]);
  }
  key += ')';
  return builtins::PgProcOid(key);
}

const std::vector<ScalarFunction>& Scalars() {
  static const std::vector<ScalarFunction> kTable = [] {
    std::vector<ScalarFunction> t;
    builtins::AddStringFunctions(&t);
    builtins::AddStringFunctions2(&t);
    builtins::AddMathFunctions(&t);
    builtins::AddDateTimeFunctions(&t);
    builtins::AddToCharFunctions(&t);
    builtins::AddToCharNumberFunctions(&t);
    builtins::AddMiscFunctions(&t);
    builtins::AddSettingsFunctions(&t);
    builtins::AddEncodingFunctions(&t);
    builtins::AddArrayFunctions(&t);
    builtins::AddCatalogFunctions(&t);
    for (ScalarFunction& f : t) {
      if (f.oid == 0) f.oid = OidOf(f.name, f.arg_types);
    }
    return t;
  }();
  return kTable;
}

const std::vector<AggregateFunction>& Aggregates() {
  static const std::vector<AggregateFunction> kTable = [] {
    std::vector<AggregateFunction> t;
    builtins::AddAggregates(&t);
    for (AggregateFunction& a : t) {
      std::vector<LogicalType> params;
      if (a.nargs >= 1) params.push_back(a.arg_type);
      if (a.nargs >= 2) params.push_back(a.arg2_type);
      a.oid = OidOf(a.name, params);
    }
    return t;
  }();
  return kTable;
}

// PostgreSQL's pg_type.typcategory and typispreferred, which steer candidate selection.
enum class Category {
  kBool, kNumeric, kString, kDateTime, kTimespan, kArray, kUser, kUnknown, kAny
};

Category CategoryOf(TypeId t) {
  switch (t) {
    case TypeId::kBool:
      return Category::kBool;
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kNumeric:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
      return Category::kNumeric;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
      return Category::kString;
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Category::kDateTime;
    case TypeId::kInterval:
      return Category::kTimespan;
    case TypeId::kBytea:
    case TypeId::kUuid:
      return Category::kUser;
    case TypeId::kArray:
      return Category::kArray;
    case TypeId::kUnknown:
      return Category::kUnknown;
  }
  return Category::kUser;
}

bool IsPreferred(TypeId t) {
  return t == TypeId::kBool || t == TypeId::kFloat64 || t == TypeId::kText ||
         t == TypeId::kTimestampTz || t == TypeId::kInterval;
}

// One overload as the resolver sees it: its parameter types expanded to the call's arity.
struct Candidate {
  size_t index;
  std::vector<LogicalType> params;  // per call argument; kUnknown = "any"
  std::vector<int> sources;         // per parameter: the argument supplying it, -1 = default
};

bool IsAny(const LogicalType& p) { return p.id == kAnyArg; }

bool CanCoerce(const LogicalType& from, const LogicalType& to) {
  if (IsAnyArray(to)) return from.id == TypeId::kArray || from.id == TypeId::kUnknown;
  if (IsAny(to) || from.id == TypeId::kUnknown || from.id == to.id) return true;
  return types::CanCast(from, to, types::CastContext::kImplicit);
}

bool Coercible(const std::vector<LogicalType>& args, const Candidate& c) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (!CanCoerce(args[i], c.params[i])) return false;
  }
  return true;
}

// Keeps the candidates with the highest score; returns true when exactly one remains.
template <typename Score>
bool KeepBest(std::vector<Candidate>* cands, Score score) {
  int best = -1;
  std::vector<Candidate> kept;
  for (Candidate& c : *cands) {
    int s = score(c);
    if (s > best) {
      best = s;
      kept.clear();
    }
    if (s == best) kept.push_back(std::move(c));
  }
  *cands = std::move(kept);
  return cands->size() == 1;
}

// func_select_candidate: narrows coercible candidates to one, or returns nullopt (ambiguous).
std::optional<Candidate> SelectCandidate(const std::vector<LogicalType>& args,
                                         std::vector<Candidate> cands) {
  // 1. Most exact matches on known argument types.
  if (KeepBest(&cands, [&](const Candidate& c) {
        int n = 0;
        for (size_t i = 0; i < args.size(); ++i) {
          if (args[i].id != TypeId::kUnknown && args[i].id == c.params[i].id) ++n;
        }
        return n;
      })) {
    return cands[0];
  }
  // 2. Most exact-or-preferred matches where a cast is needed.
  if (KeepBest(&cands, [&](const Candidate& c) {
        int n = 0;
        for (size_t i = 0; i < args.size(); ++i) {
          if (args[i].id == TypeId::kUnknown) continue;
          if (args[i].id == c.params[i].id || IsPreferred(c.params[i].id)) ++n;
        }
        return n;
      })) {
    return cands[0];
  }
  bool any_unknown = std::any_of(args.begin(), args.end(),
                                 [](const LogicalType& t) { return t.id == TypeId::kUnknown; });
  if (!any_unknown) return std::nullopt;
  // 3. Resolve unknown arguments by category: string wins, else all candidates must agree;
  //    within the category prefer the preferred type.
  bool resolved = true;
  std::vector<Category> slot_cat(args.size(), Category::kUnknown);
  std::vector<bool> slot_pref(args.size(), false);
  for (size_t i = 0; i < args.size() && resolved; ++i) {
    if (args[i].id != TypeId::kUnknown) continue;
    bool first = true, conflict = false;
    for (const Candidate& c : cands) {
      Category cat = IsAny(c.params[i]) ? Category::kAny : CategoryOf(c.params[i].id);
      bool pref = IsPreferred(c.params[i].id);
      if (first) {
        slot_cat[i] = cat;
        slot_pref[i] = pref;
        first = false;
      } else if (cat == slot_cat[i]) {
        slot_pref[i] = slot_pref[i] || pref;
      } else if (cat == Category::kString) {
        slot_cat[i] = cat;
        slot_pref[i] = pref;
      } else {
        conflict = true;
      }
    }
    if (conflict && slot_cat[i] != Category::kString) resolved = false;
  }
  if (resolved) {
    std::vector<Candidate> kept;
    for (Candidate& c : cands) {
      bool keep = true;
      for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].id != TypeId::kUnknown) continue;
        Category cat = IsAny(c.params[i]) ? Category::kAny : CategoryOf(c.params[i].id);
        if (cat != slot_cat[i] || (slot_pref[i] && !IsPreferred(c.params[i].id))) keep = false;
      }
      if (keep) kept.push_back(std::move(c));
    }
    if (kept.size() == 1) return kept[0];
    if (!kept.empty()) cands = std::move(kept);
  }
  // 4. Last gasp: if all known arguments share one type, assume the unknowns are that type too.
  std::optional<TypeId> known;
  for (const LogicalType& a : args) {
    if (a.id == TypeId::kUnknown) continue;
    if (known && *known != a.id) return std::nullopt;
    known = a.id;
  }
  if (!known) return std::nullopt;
  std::vector<LogicalType> assumed = args;
  for (LogicalType& a : assumed) {
    if (a.id == TypeId::kUnknown) a = LogicalType(*known);
  }
  std::optional<Candidate> only;
  for (Candidate& c : cands) {
    if (!Coercible(assumed, c)) continue;
    if (only) return std::nullopt;
    only = std::move(c);
  }
  return only;
}

std::string Signature(std::string_view name, const std::vector<LogicalType>& args,
                      const std::vector<std::string>& arg_names = {}) {
  std::string s(name);
  s += '(';
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) s += ", ";
    if (i < arg_names.size() && !arg_names[i].empty()) s += arg_names[i] + " => ";
    s += args[i].ToString();
  }
  s += ')';
  return s;
}

std::string Lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status NotFound(std::string_view kind, std::string_view name,
                const std::vector<LogicalType>& args,
                const std::vector<std::string>& arg_names = {}) {
  return std::move(Status::Error(sqlstate::kUndefinedFunction,
                                 std::string(kind) + " " + Signature(name, args, arg_names) +
                                     " does not exist"))
      .WithHint(
          "No function matches the given name and argument types. You might need to add "
          "explicit type casts.");
}

Status NotUnique(std::string_view name, const std::vector<LogicalType>& args) {
  return std::move(Status::Error(sqlstate::kAmbiguousFunction,
                                 "function " + Signature(name, args) + " is not unique"))
      .WithHint(
          "Could not choose a best candidate function. You might need to add explicit type "
          "casts.");
}

// Exact match, then the coercible candidates narrowed by SelectCandidate. Returns the index
// of the chosen overload and its expanded parameter types.
Result<Candidate> Choose(std::string_view name, const std::vector<LogicalType>& args,
                         std::vector<Candidate> cands, std::string_view kind,
                         const std::vector<std::string>& arg_names = {}) {
  for (const Candidate& c : cands) {
    bool exact = true;
    for (size_t i = 0; i < args.size() && exact; ++i) {
      exact = args[i].id == c.params[i].id && !IsAny(c.params[i]);
    }
    if (exact) return c;
  }
  std::vector<Candidate> ok;
  for (Candidate& c : cands) {
    if (Coercible(args, c)) ok.push_back(std::move(c));
  }
  if (ok.empty()) return NotFound(kind, name, args, arg_names);
  if (ok.size() == 1) return ok[0];
  std::optional<Candidate> best = SelectCandidate(args, std::move(ok));
  if (!best) return NotUnique(name, args);
  return *best;
}

void FillCasts(const std::vector<LogicalType>& args, const Candidate& c,
               std::vector<LogicalType>* casts) {
  if (casts == nullptr) return;
  casts->clear();
  for (size_t i = 0; i < args.size(); ++i) {
    casts->push_back(IsAny(c.params[i]) ? args[i] : c.params[i]);
  }
}

// GREATEST/LEAST-style functions: every argument goes to the arguments' common type.
Result<const ScalarFunction*> ResolveCommonType(std::string_view name,
                                                const std::vector<LogicalType>& args,
                                                std::vector<LogicalType>* casts) {
  const std::vector<ScalarFunction>& all = Scalars();
  std::optional<LogicalType> common;
  for (const LogicalType& a : args) {
    if (a.id == TypeId::kUnknown) continue;
    if (!common) {
      common = a;
      continue;
    }
    ZJ_ASSIGN_OR_RETURN(LogicalType c,
                        types::CommonType(*common, a, name == "greatest" ? "GREATEST" : "LEAST"));
    common = c;
  }
  LogicalType target = common ? *common : LogicalType(TypeId::kText);
  for (const ScalarFunction& f : all) {
    if (f.name == name && f.arg_types[0].id == target.id) {
      if (casts != nullptr) casts->assign(args.size(), target);
      return &f;
    }
  }
  return NotFound("function", name, args);
}

// Matches a call with named arguments, or with fewer arguments than parameters, against one
// overload: positional arguments fill the first parameters, named ones the parameters of that
// name, defaults the rest. False when the overload cannot take the call.
bool MapArguments(const ScalarFunction& f, size_t nargs, const std::vector<std::string>& names,
                  Candidate* c) {
  size_t nparams = f.arg_types.size();
  if (nargs > nparams || f.variadic) return false;
  c->sources.assign(nparams, -1);
  c->params.assign(nargs, LogicalType());
  for (size_t j = 0; j < nargs; ++j) {
    size_t k = j;
    if (j < names.size() && !names[j].empty()) {
      auto it = std::find(f.arg_names.begin(), f.arg_names.end(), names[j]);
      if (it == f.arg_names.end()) return false;
      k = static_cast<size_t>(it - f.arg_names.begin());
      if (c->sources[k] >= 0) return false;  // also given positionally
    }
    c->sources[k] = static_cast<int>(j);
    c->params[j] = f.arg_types[k];
  }
  size_t first_default = nparams - f.defaults.size();
  for (size_t k = 0; k < nparams; ++k) {
    if (c->sources[k] < 0 && k < first_default) return false;
  }
  return true;
}

}  // namespace

const std::vector<ScalarFunction>& AllScalarFunctions() { return Scalars(); }
const std::vector<AggregateFunction>& AllAggregateFunctions() { return Aggregates(); }

namespace {

// PostgreSQL's pseudo-type OIDs for Zijin's polymorphic and "any" parameters.
uint32_t PgParamOid(const LogicalType& t, bool compatible) {
  if (IsAnyElement(t)) return compatible ? 5077 : 2283;  // anycompatible / anyelement
  if (IsAnyArray(t)) return compatible ? 5078 : 2277;    // anycompatiblearray / anyarray
  if (t.id == kAnyArg) return 2276;                      // "any"
  return t.PgOid();
}

}  // namespace

ProcSignature SignatureOf(const ScalarFunction& f) {
  ProcSignature s;
  for (size_t i = 0; i < f.arg_types.size(); ++i) {
    uint32_t oid = PgParamOid(f.arg_types[i], f.poly_compatible);
    if (f.variadic && i + 1 == f.arg_types.size()) {
      s.variadic = oid;
      // VARIADIC "any" stays "any"; other variadic parameters are declared as arrays.
      if (oid != 2276) oid = types::PgArrayOid(f.arg_types[i].id);
    }
    s.args.push_back(oid);
  }
  s.result = PgParamOid(f.return_type, f.poly_compatible);
  return s;
}

ProcSignature SignatureOf(const AggregateFunction& f) {
  ProcSignature s;
  if (f.nargs >= 1) s.args.push_back(PgParamOid(f.arg_type, false));
  if (f.nargs >= 2) s.args.push_back(PgParamOid(f.arg2_type, false));
  s.result = PgParamOid(f.return_type, false);
  return s;
}

namespace {

// enforce_generic_type_consistency for the anycompatible family: the element type every
// polymorphic argument agrees on, written into their casts; 42804 when there is none.
Status ResolvePolymorphic(std::string_view name, const std::vector<LogicalType>& args,
                          const std::vector<LogicalType>& params, bool compatible,
                          std::vector<LogicalType>* casts, std::optional<LogicalType>* element) {
  bool any_poly = false;
  std::optional<LogicalType> elem;
  for (size_t i = 0; i < args.size(); ++i) {
    LogicalType candidate;
    if (IsAnyArray(params[i])) {
      any_poly = true;
      if (args[i].id != TypeId::kArray || args[i].elem == TypeId::kUnknown) continue;
      candidate = LogicalType(args[i].elem);
    } else if (IsAnyElement(params[i])) {
      any_poly = true;
      if (args[i].id == TypeId::kUnknown) continue;
      candidate = LogicalType(args[i].id);
      candidate.elem = args[i].elem;
    } else {
      continue;
    }
    if (!elem) {
      elem = candidate;
      continue;
    }
    if (!compatible) {
      // anyarray / anyelement: every polymorphic argument has the same element type.
      if (candidate.id != elem->id || candidate.elem != elem->elem) {
        return NotFound("function", name, args);
      }
      continue;
    }
    Result<LogicalType> common = types::CommonType(*elem, candidate, "");
    if (!common.ok()) {
      return Status::Error(sqlstate::kDatatypeMismatch,
                           "arguments declared \"anycompatible\" are not all alike")
          .WithDetail(elem->ToString() + " versus " + candidate.ToString());
    }
    elem = LogicalType(common->id);
    elem->elem = common->elem;
  }
  if (!any_poly) return Status::OK();
  if (!elem && compatible) elem = LogicalType(TypeId::kText);  // all untyped: text
  if (!elem) {
    return Status::Error(sqlstate::kDatatypeMismatch,
                         "could not determine polymorphic type because input has type unknown");
  }
  if (elem->id == TypeId::kArray) {
    return Status::Error(sqlstate::kUndefinedFunction,
                         "function " + std::string(name) + " does not accept arrays of arrays")
        .WithHint("Multidimensional arrays are not supported.");
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (IsAnyArray(params[i])) (*casts)[i] = LogicalType::Array(*elem);
    if (IsAnyElement(params[i])) (*casts)[i] = *elem;
  }
  *element = elem;
  return Status::OK();
}

}  // namespace

Result<ResolvedCall> ResolveCall(std::string_view name_in, const std::vector<LogicalType>& args,
                                 const std::vector<std::string>& arg_names) {
  std::string name = Lowered(name_in);
  const std::vector<ScalarFunction>& all = Scalars();
  bool named = std::any_of(arg_names.begin(), arg_names.end(),
                           [](const std::string& n) { return !n.empty(); });
  ResolvedCall call;
  std::vector<Candidate> cands;
  for (size_t i = 0; i < all.size(); ++i) {
    const ScalarFunction& f = all[i];
    if (f.name != name) continue;
    if (f.common_type_args && !named) {
      if (args.empty()) return NotFound("function", name, args);
      ZJ_ASSIGN_OR_RETURN(call.fn, ResolveCommonType(name, args, &call.arg_casts));
      call.param_sources.resize(args.size());
      for (size_t k = 0; k < args.size(); ++k) call.param_sources[k] = static_cast<int>(k);
      call.result_type = call.arg_casts.empty() ? call.fn->return_type : call.arg_casts[0];
      return call;
    }
    size_t n = f.arg_types.size();
    Candidate c{i, f.arg_types, {}};
    if (named || (args.size() < n && !f.defaults.empty())) {
      if (!MapArguments(f, args.size(), arg_names, &c)) continue;
    } else {
      if (f.variadic ? args.size() < n : args.size() != n) continue;
      while (c.params.size() < args.size()) c.params.push_back(f.arg_types.back());
    }
    cands.push_back(std::move(c));
  }
  ZJ_ASSIGN_OR_RETURN(Candidate chosen,
                      Choose(name, args, std::move(cands), "function", arg_names));
  call.fn = &all[chosen.index];
  FillCasts(args, chosen, &call.arg_casts);
  std::optional<LogicalType> elem;
  ZJ_RETURN_IF_ERROR(ResolvePolymorphic(name, args, chosen.params, call.fn->poly_compatible,
                                        &call.arg_casts, &elem));
  if (chosen.sources.empty()) {
    // Positional: argument k supplies parameter k (variadic ones repeat the last).
    call.param_sources.resize(args.size());
    for (size_t k = 0; k < args.size(); ++k) call.param_sources[k] = static_cast<int>(k);
  } else {
    call.param_sources = chosen.sources;
  }
  call.result_type = call.fn->return_type;
  if (elem && IsAnyArray(call.result_type)) call.result_type = LogicalType::Array(*elem);
  if (elem && IsAnyElement(call.result_type)) call.result_type = *elem;
  return call;
}

Result<const ScalarFunction*> ResolveScalar(std::string_view name,
                                            const std::vector<LogicalType>& args,
                                            std::vector<LogicalType>* casts) {
  ZJ_ASSIGN_OR_RETURN(ResolvedCall call, ResolveCall(name, args, {}));
  if (call.param_sources.size() != args.size() ||
      std::any_of(call.param_sources.begin(), call.param_sources.end(),
                  [](int k) { return k < 0; })) {
    // The caller cannot supply defaults: only calls that give every argument resolve here.
    return NotFound("function", Lowered(name), args);
  }
  if (casts != nullptr) *casts = std::move(call.arg_casts);
  return call.fn;
}

Result<const ScalarFunction*> ResolveOperator(std::string_view op,
                                              const std::vector<LogicalType>& args,
                                              std::vector<LogicalType>* casts) {
  // Operator -> the functions implementing it, as pg_operator lists them.
  struct OperatorImpl {
    std::string_view op;
    size_t nargs;
    std::string_view functions[6];
  };
  static constexpr OperatorImpl kOperators[] = {
      {"@", 1, {"int2abs", "int4abs", "int8abs", "float4abs", "float8abs", "numeric_abs"}},
      {"~", 1, {"int2not", "int4not", "int8not"}},
      {"|/", 1, {"dsqrt"}},
      {"||/", 1, {"dcbrt"}},
      {"&", 2, {"int2and", "int4and", "int8and"}},
      {"|", 2, {"int2or", "int4or", "int8or"}},
      {"#", 2, {"int2xor", "int4xor", "int8xor"}},
      {"<<", 2, {"int2shl", "int4shl", "int8shl"}},
      {">>", 2, {"int2shr", "int4shr", "int8shr"}},
      {"@>", 2, {"arraycontains"}},
      {"<@", 2, {"arraycontained"}},
      {"&&", 2, {"arrayoverlap"}},
      {"||", 2, {"byteacat"}},  // text || anything is the binder's (textanycat/anytextcat)
  };
  auto describe = [&] {
    std::string s = args.size() == 2 ? args[0].ToString() + " " : "";
    return s + std::string(op) + " " + args.back().ToString();
  };
  const std::vector<ScalarFunction>& all = Scalars();
  std::vector<Candidate> cands;
  for (const OperatorImpl& o : kOperators) {
    if (o.op != op || o.nargs != args.size()) continue;
    for (std::string_view fname : o.functions) {
      if (fname.empty()) continue;
      for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].name == fname && all[i].arg_types.size() == args.size()) {
          cands.push_back(Candidate{i, all[i].arg_types, {}});
        }
      }
    }
  }
  Result<Candidate> chosen = Choose(op, args, std::move(cands), "operator");
  if (!chosen.ok()) {
    if (chosen.status().Is(sqlstate::kAmbiguousFunction)) {
      return std::move(Status::Error(sqlstate::kAmbiguousFunction,
                                     "operator is not unique: " + describe()))
          .WithHint(
              "Could not choose a best candidate operator. You might need to add explicit type "
              "casts.");
    }
    return std::move(Status::Error(sqlstate::kUndefinedFunction,
                                   "operator does not exist: " + describe()))
        .WithHint(args.size() == 1
                      ? "No operator matches the given name and argument type. You might need "
                        "to add an explicit type cast."
                      : "No operator matches the given name and argument types. You might need "
                        "to add explicit type casts.");
  }
  std::vector<LogicalType> resolved;
  FillCasts(args, *chosen, &resolved);
  std::optional<LogicalType> elem;
  Status poly = ResolvePolymorphic(op, args, chosen->params, all[chosen->index].poly_compatible,
                                   &resolved, &elem);
  if (poly.Is(sqlstate::kUndefinedFunction)) {
    return std::move(Status::Error(sqlstate::kUndefinedFunction,
                                   "operator does not exist: " + describe()))
        .WithHint("No operator matches the given name and argument types. You might need to "
                  "add explicit type casts.");
  }
  ZJ_RETURN_IF_ERROR(poly);
  if (casts != nullptr) *casts = std::move(resolved);
  return &all[chosen->index];
}

Result<const AggregateFunction*> ResolveAggregate(std::string_view name_in,
                                                  const std::vector<LogicalType>& args,
                                                  std::vector<LogicalType>* casts) {
  std::string name = Lowered(name_in);
  const std::vector<AggregateFunction>& all = Aggregates();
  std::vector<Candidate> cands;
  for (size_t i = 0; i < all.size(); ++i) {
    const AggregateFunction& f = all[i];
    if (f.name != name || f.nargs != args.size()) continue;
    Candidate c{i, {}};
    if (f.nargs >= 1) c.params.push_back(f.arg_type);
    if (f.nargs >= 2) c.params.push_back(f.arg2_type);
    cands.push_back(std::move(c));
  }
  ZJ_ASSIGN_OR_RETURN(Candidate chosen, Choose(name, args, std::move(cands), "function"));
  FillCasts(args, chosen, casts);
  return &all[chosen.index];
}

bool IsAggregateName(std::string_view name_in) {
  std::string name = Lowered(name_in);
  for (const AggregateFunction& f : Aggregates()) {
    if (f.name == name) return true;
  }
  return false;
}

}  // namespace zijin::exec
