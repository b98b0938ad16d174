// Binding INSERT (VALUES, SELECT, DEFAULT VALUES, ON CONFLICT), UPDATE ... FROM and
// DELETE ... USING into the row layouts the executor's DML operators consume (see plan.h).
#include <algorithm>
#include <set>

#include "planner/internal/binder.h"

namespace zijin::planner {

using types::LogicalType;
using types::TypeId;
using types::Value;

namespace {

// The scan of an UPDATE/DELETE target: every column, then the row's primary key.
Bound TargetScan(const std::shared_ptr<const catalog::Table>& t, const std::string& alias) {
  auto scan = std::make_shared<PlanNode>(PlanKind::kSeqScan);
  scan->table = t;
  scan->emit_pk = true;
  for (const auto& c : t->columns) scan->output_types.push_back(c.type);
  scan->output_types.push_back(LogicalType(TypeId::kBytea));
  Bound b;
  b.plan = scan;
  b.scope = Binder::TableScope(*t, alias);
  ScopeColumn pk;
  pk.type = LogicalType(TypeId::kBytea);
  pk.index = static_cast<int>(t->columns.size());
  pk.hidden = true;
  b.scope.columns.push_back(std::move(pk));
  return b;
}

Status CheckNoDuplicateTarget(const Scope& target, const Scope& from, int location) {
  std::set<std::string> names;
  for (const auto& c : target.columns) {
    if (!c.table.empty()) names.insert(c.table);
  }
  for (const auto& c : from.columns) {
    if (!c.table.empty() && names.count(c.table)) {
      return Status::Error(sqlstate::kDuplicateAlias,
                           "table name \"" + c.table + "\" specified more than once")
          .WithPosition(Pos(location));
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<ExprPtr>> Binder::BindReturning(const std::vector<parser::Target>& targets,
                                                   const Scope& scope,
                                                   std::vector<ResultColumn>* columns) {
  std::vector<ExprPtr> out;
  if (targets.empty()) return out;
  AggContext none;
  none.clause = "RETURNING";
  AggContext* saved = agg_;
  agg_ = &none;
  auto bound = BindTargets(targets, scope);
  agg_ = saved;
  ZJ_ASSIGN_OR_RETURN(std::vector<BoundTarget> bts, std::move(bound));
  for (auto& t : bts) {
    ZJ_ASSIGN_OR_RETURN(ExprPtr e, ResolveUnknown(std::move(t.expr)));
    columns->push_back(ResultColumn{t.name, e->type, t.table_oid, t.attnum});
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::shared_ptr<const PlannedStatement>> Binder::BindInsert(
    const parser::InsertStatement& s) {
  ZJ_ASSIGN_OR_RETURN(auto table, LookupTable(s.table, s.table_location));
  NoteRelation(table->oid, RelationUse::Kind::kWrite);
  NoteForeignKeyRelations(*table, true, s.on_conflict && s.on_conflict->do_update);
  const catalog::Table& t = *table;
  const std::string alias = s.alias.empty() ? t.name : s.alias;
  const size_t n = t.columns.size();

  // The target columns, in the order values are given.
  std::vector<int> target_cols;
  if (s.columns.empty()) {
    for (size_t i = 0; i < n; ++i) {
      if (!t.columns[i].dropped) target_cols.push_back(static_cast<int>(i));
    }
  } else {
    for (size_t i = 0; i < s.columns.size(); ++i) {
      const std::string& name = s.columns[i];
      int location = i < s.column_locations.size() ? s.column_locations[i] : s.location;
      int idx = t.FindColumn(name);
      if (idx < 0) {
        return Status::Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" +
                                                             t.name + "\" does not exist")
            .WithPosition(Pos(location));
      }
      if (std::find(target_cols.begin(), target_cols.end(), idx) != target_cols.end()) {
        return Status::Error(sqlstate::kDuplicateColumn,
                             "column \"" + name + "\" specified more than once")
            .WithPosition(Pos(location));
      }
      target_cols.push_back(idx);
    }
  }
  // Without a column list, fewer values than columns fill the leading columns.
  if (s.columns.empty() && s.query) {
    const parser::SelectStmt& sq = *s.query;
    if (sq.op == parser::SelectStmt::Op::kValues && !sq.values.empty()) {
      size_t width = sq.values[0].size();
      for (const auto& row : sq.values) {
        if (row.size() != width) {
          return Status::Error(sqlstate::kSyntaxError, "VALUES lists must all be the same length")
              .WithPosition(Pos(row.empty() ? sq.location : row[0]->location));
        }
      }
      if (width < target_cols.size()) target_cols.resize(width);
    }
  }
  // Defaults are bound once and copied into each row.
  std::vector<ExprPtr> defaults(n);
  auto default_of = [&](size_t col) -> Result<ExprPtr> {
    if (!defaults[col]) {
      ZJ_ASSIGN_OR_RETURN(defaults[col], BindDefault(t, col));
    }
    return CloneExpr(*defaults[col]);
  };
  auto too_many = [&](int location) {
    return Status::Error(sqlstate::kSyntaxError,
                         "INSERT has more expressions than target columns")
        .WithPosition(Pos(location));
  };
  // Points at the first target column without a value.
  auto too_few = [&](size_t nvalues) {
    int location = nvalues < s.column_locations.size() ? s.column_locations[nvalues] : -1;
    return Status::Error(sqlstate::kSyntaxError,
                         "INSERT has more target columns than expressions")
        .WithPosition(Pos(location));
  };

  std::shared_ptr<PlanNode> source;
  bool materialize = true;
  const parser::SelectStmt* q = s.query.get();
  bool plain_values = q != nullptr && q->op == parser::SelectStmt::Op::kValues &&
                      q->order_by.empty() && !q->limit && !q->offset && q->with.empty();
  if (q == nullptr || plain_values) {
    // DEFAULT VALUES or VALUES: each value is coerced straight to its column's type.
    source = std::make_shared<PlanNode>(PlanKind::kValues);
    for (const auto& c : t.columns) source->output_types.push_back(c.type);
    materialize = false;
    Scope empty;
    AggContext none;
    none.clause = "VALUES";
    AggContext* saved = agg_;
    agg_ = &none;
    auto bind_rows = [&]() -> Status {
      size_t nrows = q == nullptr ? 1 : q->values.size();
      for (size_t r = 0; r < nrows; ++r) {
        std::vector<ExprPtr> row(n);
        if (q != nullptr) {
          const auto& values = q->values[r];
          if (values.size() > target_cols.size()) return too_many(values[target_cols.size()]->location);
          if (values.size() < target_cols.size()) return too_few(values.size());
          for (size_t k = 0; k < values.size(); ++k) {
            size_t col = static_cast<size_t>(target_cols[k]);
            if (values[k]->kind == parser::ExprKind::kDefault) {
              ZJ_ASSIGN_OR_RETURN(row[col], default_of(col));
              continue;
            }
            ZJ_ASSIGN_OR_RETURN(ExprPtr e, BindExpr(*values[k], empty));
            ZJ_ASSIGN_OR_RETURN(row[col], Coerce(std::move(e), t.columns[col].type,
                                                 types::CastContext::kAssignment,
                                                 values[k]->location));
          }
        }
        for (size_t col = 0; col < n; ++col) {
          if (!row[col]) {
            ZJ_ASSIGN_OR_RETURN(row[col], default_of(col));
          }
        }
        source->rows.push_back(std::move(row));
      }
      return Status::OK();
    };
    Status st = bind_rows();
    agg_ = saved;
    ZJ_RETURN_IF_ERROR(st);
  } else {
    keep_unknown_targets_ = true;
    auto r = BindQuery(*q, nullptr);
    keep_unknown_targets_ = false;
    ZJ_ASSIGN_OR_RETURN(Bound b, std::move(r));
    size_t width = b.plan->output_types.size();
    if (s.columns.empty() && width < target_cols.size()) target_cols.resize(width);
    if (width > target_cols.size()) {
      int location = q->location;
      if (q->op == parser::SelectStmt::Op::kSimple && target_cols.size() < q->targets.size()) {
        location = q->targets[target_cols.size()].expr->location;
      }
      return too_many(location);
    }
    if (width < target_cols.size()) return too_few(width);
    // Untyped literals take their column's type where they are produced.
    for (size_t k = 0; k < width; ++k) {
      if (b.plan->output_types[k].id != TypeId::kUnknown) continue;
      const LogicalType& want = t.columns[static_cast<size_t>(target_cols[k])].type;
      if (b.plan->kind == PlanKind::kProject) {
        ZJ_ASSIGN_OR_RETURN(b.plan->exprs[k], Coerce(std::move(b.plan->exprs[k]), want,
                                                     types::CastContext::kAssignment,
                                                     q->location));
        b.plan->output_types[k] = want;
      } else if (b.plan->kind == PlanKind::kValues) {
        for (auto& row : b.plan->rows) {
          ZJ_ASSIGN_OR_RETURN(row[k], Coerce(std::move(row[k]), want,
                                             types::CastContext::kAssignment, q->location));
        }
        b.plan->output_types[k] = want;
      }
    }
    std::vector<ExprPtr> exprs(n);
    for (size_t k = 0; k < width; ++k) {
      size_t col = static_cast<size_t>(target_cols[k]);
      ZJ_ASSIGN_OR_RETURN(exprs[col],
                          Coerce(MakeColumn(static_cast<int>(k), b.plan->output_types[k]),
                                 t.columns[col].type, types::CastContext::kAssignment,
                                 q->location));
    }
    for (size_t col = 0; col < n; ++col) {
      if (!exprs[col]) {
        ZJ_ASSIGN_OR_RETURN(exprs[col], default_of(col));
      }
    }
    source = MakeProject(b.plan, std::move(exprs));
  }

  auto node = std::make_shared<PlanNode>(PlanKind::kInsert);
  node->table = table;
  node->materialize_input = materialize;
  node->children.push_back(source);
  ZJ_RETURN_IF_ERROR(BindChecks(t, &node->checks, &node->check_names));

  if (s.on_conflict) {
    const parser::OnConflictClause& oc = *s.on_conflict;
    auto conflict = std::make_unique<OnConflict>();
    conflict->do_update = oc.do_update;
    if (!oc.constraint.empty()) {
      for (const auto& ix : t.indexes) {
        if (ix.name == oc.constraint && (ix.unique || ix.primary)) conflict->arbiter = &ix;
      }
      if (conflict->arbiter == nullptr) {
        return Status::Error(sqlstate::kUndefinedObject, "constraint \"" + oc.constraint +
                                                             "\" for table \"" + t.name +
                                                             "\" does not exist");
      }
    } else if (!oc.columns.empty()) {
      std::set<int> want;
      for (const auto& name : oc.columns) {
        int idx = t.FindColumn(name);
        if (idx < 0) {
          return Status::Error(sqlstate::kUndefinedColumn,
                               "column \"" + name + "\" does not exist")
              .WithPosition(Pos(s.location));
        }
        want.insert(idx);
      }
      for (const auto& ix : t.indexes) {
        if (!(ix.unique || ix.primary)) continue;
        std::set<int> have(ix.columns.begin(), ix.columns.end());
        if (have == want) {
          conflict->arbiter = &ix;
          break;
        }
      }
      if (conflict->arbiter == nullptr) {
        return Status::Error(sqlstate::kInvalidColumnReference,
                             "there is no unique or exclusion constraint matching the ON "
                             "CONFLICT specification");
      }
    } else if (oc.do_update) {
      return Status::Error(sqlstate::kSyntaxError,
                           "ON CONFLICT DO UPDATE requires inference specification or "
                           "constraint name")
          .WithHint("For example, ON CONFLICT (column_name).")
          .WithPosition(Pos(oc.location));
    }
    if (oc.do_update) {
      // SET and WHERE see the existing row, then the proposed one as EXCLUDED.
      Scope scope = TableScope(t, alias);
      for (auto c : TableScope(t, "excluded").columns) {
        c.index += static_cast<int>(n);
        scope.columns.push_back(std::move(c));
      }
      AggContext none;
      none.clause = "ON CONFLICT";
      AggContext* saved = agg_;
      agg_ = &none;
      auto bind_set = [&]() -> Status {
        for (const auto& [name, expr] : oc.set) {
          int idx = t.FindColumn(name);
          if (idx < 0) {
            return Status::Error(sqlstate::kUndefinedColumn, "column \"" + name +
                                                                 "\" of relation \"" + t.name +
                                                                 "\" does not exist")
                .WithPosition(Pos(expr->location));
          }
          if (std::find(conflict->set_columns.begin(), conflict->set_columns.end(), idx) !=
              conflict->set_columns.end()) {
            return Status::Error(sqlstate::kSyntaxError,
                                 "multiple assignments to same column \"" + name + "\"")
                .WithPosition(Pos(expr->location));
          }
          ExprPtr v;
          if (expr->kind == parser::ExprKind::kDefault) {
            ZJ_ASSIGN_OR_RETURN(v, default_of(static_cast<size_t>(idx)));
          } else {
            ZJ_ASSIGN_OR_RETURN(v, BindExpr(*expr, scope));
            ZJ_ASSIGN_OR_RETURN(v, Coerce(std::move(v), t.columns[static_cast<size_t>(idx)].type,
                                          types::CastContext::kAssignment, expr->location));
          }
          conflict->set_columns.push_back(idx);
          conflict->set_exprs.push_back(std::move(v));
        }
        if (oc.where) {
          ZJ_ASSIGN_OR_RETURN(conflict->where, BindExpr(*oc.where, scope));
          ZJ_ASSIGN_OR_RETURN(conflict->where, CoerceToBool(std::move(conflict->where), "WHERE",
                                                            oc.where->location));
        }
        return Status::OK();
      };
      Status st = bind_set();
      agg_ = saved;
      ZJ_RETURN_IF_ERROR(st);
    }
    node->on_conflict = std::move(conflict);
  }

  auto ps = std::make_shared<PlannedStatement>();
  ps->kind = PlannedStatement::Kind::kInsert;
  ps->writes = true;
  ZJ_ASSIGN_OR_RETURN(node->returning, BindReturning(s.returning, TableScope(t, alias),
                                                     &ps->columns));
  for (const auto& e : node->returning) node->output_types.push_back(e->type);
  ps->root = node;
  return std::shared_ptr<const PlannedStatement>(std::move(ps));
}

Result<std::shared_ptr<const PlannedStatement>> Binder::BindUpdate(
    const parser::UpdateStatement& s) {
  ZJ_ASSIGN_OR_RETURN(auto table, LookupTable(s.table, s.table_location));
  NoteRelation(table->oid, RelationUse::Kind::kWrite);
  NoteForeignKeyRelations(*table, true, true);
  const catalog::Table& t = *table;
  const std::string alias = s.alias.empty() ? t.name : s.alias;
  Bound input = TargetScan(table, alias);
  if (!s.from.empty()) {
    ZJ_ASSIGN_OR_RETURN(Bound rest, BindFrom(s.from, nullptr, nullptr));
    ZJ_RETURN_IF_ERROR(CheckNoDuplicateTarget(input.scope, rest.scope, s.from[0]->location));
    ZJ_ASSIGN_OR_RETURN(input, Join(std::move(input), std::move(rest), parser::JoinType::kCross,
                                    nullptr));
  }
  auto node = std::make_shared<PlanNode>(PlanKind::kUpdate);
  node->table = table;
  AggContext none;
  none.clause = "UPDATE";
  AggContext* saved = agg_;
  agg_ = &none;
  auto bind_parts = [&]() -> Status {
    std::vector<ExprPtr> conjuncts;
    if (s.where) {
      none.clause = "WHERE";
      ZJ_ASSIGN_OR_RETURN(ExprPtr where, BindExpr(*s.where, input.scope));
      ZJ_ASSIGN_OR_RETURN(where, CoerceToBool(std::move(where), "WHERE", s.where->location));
      node->predicate = CloneExpr(*where);
      SplitConjuncts(std::move(where), &conjuncts);
    }
    PlaceConjuncts(&input.plan, std::move(conjuncts));
    none.clause = "UPDATE";
    for (size_t i = 0; i < s.set.size(); ++i) {
      const auto& [name, expr] = s.set[i];
      int location = i < s.set_locations.size() ? s.set_locations[i] : expr->location;
      int idx = t.FindColumn(name);
      if (idx < 0) {
        return Status::Error(sqlstate::kUndefinedColumn, "column \"" + name +
                                                             "\" of relation \"" + t.name +
                                                             "\" does not exist")
            .WithPosition(Pos(location));
      }
      if (std::find(node->update_columns.begin(), node->update_columns.end(), idx) !=
          node->update_columns.end()) {
        return Status::Error(sqlstate::kSyntaxError,
                             "multiple assignments to same column \"" + name + "\"")
            .WithPosition(Pos(location));
      }
      ExprPtr v;
      const LogicalType& type = t.columns[static_cast<size_t>(idx)].type;
      if (expr->kind == parser::ExprKind::kDefault) {
        ZJ_ASSIGN_OR_RETURN(v, BindDefault(t, static_cast<size_t>(idx)));
      } else {
        ZJ_ASSIGN_OR_RETURN(v, BindExpr(*expr, input.scope));
        ZJ_ASSIGN_OR_RETURN(v, Coerce(std::move(v), type, types::CastContext::kAssignment,
                                      expr->location));
      }
      node->update_columns.push_back(idx);
      node->exprs.push_back(std::move(v));
    }
    return Status::OK();
  };
  Status st = bind_parts();
  agg_ = saved;
  ZJ_RETURN_IF_ERROR(st);
  ZJ_RETURN_IF_ERROR(BindChecks(t, &node->checks, &node->check_names));
  auto ps = std::make_shared<PlannedStatement>();
  ps->kind = PlannedStatement::Kind::kUpdate;
  ps->writes = true;
  ZJ_ASSIGN_OR_RETURN(node->returning, BindReturning(s.returning, input.scope, &ps->columns));
  for (const auto& e : node->returning) node->output_types.push_back(e->type);
  node->children.push_back(input.plan);
  ps->root = node;
  return std::shared_ptr<const PlannedStatement>(std::move(ps));
}

Result<std::shared_ptr<const PlannedStatement>> Binder::BindDelete(
    const parser::DeleteStatement& s) {
  ZJ_ASSIGN_OR_RETURN(auto table, LookupTable(s.table, s.table_location));
  NoteRelation(table->oid, RelationUse::Kind::kWrite);
  NoteForeignKeyRelations(*table, false, true);
  const catalog::Table& t = *table;
  const std::string alias = s.alias.empty() ? t.name : s.alias;
  Bound input = TargetScan(table, alias);
  if (!s.using_.empty()) {
    ZJ_ASSIGN_OR_RETURN(Bound rest, BindFrom(s.using_, nullptr, nullptr));
    ZJ_RETURN_IF_ERROR(CheckNoDuplicateTarget(input.scope, rest.scope, s.using_[0]->location));
    ZJ_ASSIGN_OR_RETURN(input, Join(std::move(input), std::move(rest), parser::JoinType::kCross,
                                    nullptr));
  }
  auto node = std::make_shared<PlanNode>(PlanKind::kDelete);
  node->table = table;
  std::vector<ExprPtr> conjuncts;
  if (s.where) {
    AggContext none;
    none.clause = "WHERE";
    AggContext* saved = agg_;
    agg_ = &none;
    auto w = BindExpr(*s.where, input.scope);
    agg_ = saved;
    ZJ_ASSIGN_OR_RETURN(ExprPtr where, std::move(w));
    ZJ_ASSIGN_OR_RETURN(where, CoerceToBool(std::move(where), "WHERE", s.where->location));
    node->predicate = CloneExpr(*where);
    SplitConjuncts(std::move(where), &conjuncts);
  }
  PlaceConjuncts(&input.plan, std::move(conjuncts));
  auto ps = std::make_shared<PlannedStatement>();
  ps->kind = PlannedStatement::Kind::kDelete;
  ps->writes = true;
  ZJ_ASSIGN_OR_RETURN(node->returning, BindReturning(s.returning, input.scope, &ps->columns));
  for (const auto& e : node->returning) node->output_types.push_back(e->type);
  node->children.push_back(input.plan);
  ps->root = node;
  return std::shared_ptr<const PlannedStatement>(std::move(ps));
}

}  // namespace zijin::planner
