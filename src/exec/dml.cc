// INSERT (with ON CONFLICT), UPDATE and DELETE: constraint checks, index maintenance through
// TableStore, row locks with READ COMMITTED re-checks, and RETURNING.
#include "exec/internal/dml.h"

#include <set>

#include "exec/internal/foreign_keys.h"
#include "exec/table_store.h"
#include "types/compare.h"
#include "types/type_io.h"

namespace zijin::exec {

using planner::PlanKind;
using planner::PlanNode;
using types::Value;

namespace {

std::string FailingRow(const catalog::Table& t, const Row& row) {
  std::string s = "Failing row contains (";
  bool first = true;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].dropped) continue;
    if (!first) s += ", ";
    first = false;
    s += row[i].is_null() ? "null" : types::ToText(row[i]);
  }
  return s + ").";
}

bool SameRow(const Row& a, const Row& b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i].is_null() != b[i].is_null()) return false;
    if (!a[i].is_null() && !types::ValuesEqual(a[i], b[i])) return false;
  }
  return true;
}

class DmlOp : public Operator {
 public:
  DmlOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx)
      : plan_(plan),
        table_(*plan.table),
        child_(std::move(child)),
        ctx_(ctx),
        store_(plan.table.get(), ctx->txn, ctx->catalog) {}

  Status Open() override {
    if (!ctx_->defer_foreign_keys) {
      ZJ_ASSIGN_OR_RETURN(own_fks_, ForeignKeyWork::Make(table_, ctx_));
      fks_ = own_fks_.get();
    } else {
      if (!ctx_->deferred_fks_made) {
        ZJ_ASSIGN_OR_RETURN(auto work, ForeignKeyWork::Make(table_, ctx_));
        ctx_->deferred_fks = std::move(work);
        ctx_->deferred_fks_made = true;
      }
      fks_ = ctx_->deferred_fks.get();
    }
    ZJ_RETURN_IF_ERROR(child_->Open());
    Row r;
    if (plan_.kind == PlanKind::kInsert && !plan_.materialize_input) {
      // VALUES and COPY cannot see the target table: stream them.
      for (;;) {
        ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(&r));
        if (!has) break;
        ZJ_RETURN_IF_ERROR(InsertRow(std::move(r)));
        if (affected_ % 1024 == 0) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
      }
      pos_ = 0;
      return FinishForeignKeyWork();
    }
    // Otherwise all input rows are read before the first write, so the statement never sees
    // its own changes (the Halloween problem).
    std::vector<Row> input;
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(&r));
      if (!has) break;
      input.push_back(std::move(r));
    }
    for (auto& row : input) {
      ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
      switch (plan_.kind) {
        case PlanKind::kInsert: ZJ_RETURN_IF_ERROR(InsertRow(std::move(row))); break;
        case PlanKind::kUpdate: ZJ_RETURN_IF_ERROR(UpdateRow(std::move(row))); break;
        default: ZJ_RETURN_IF_ERROR(DeleteRow(std::move(row))); break;
      }
    }
    pos_ = 0;
    return FinishForeignKeyWork();
  }

  Result<bool> Next(Row* row) override {
    if (pos_ >= returned_.size()) return false;
    *row = std::move(returned_[pos_++]);
    return true;
  }
  uint64_t affected() const override { return affected_; }

 private:
  Status CheckConstraints(const Row& row) {
    for (size_t i = 0; i < table_.columns.size(); ++i) {
      const auto& c = table_.columns[i];
      if (c.not_null && !c.dropped && row[i].is_null()) {
        return Status::Error(sqlstate::kNotNullViolation,
                             "null value in column \"" + c.name + "\" of relation \"" +
                                 table_.name + "\" violates not-null constraint")
            .WithDetail(FailingRow(table_, row));
      }
    }
    for (size_t i = 0; i < plan_.checks.size(); ++i) {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*plan_.checks[i], row, ctx_));
      if (!v.is_null() && !v.GetBool()) {
        return Status::Error(sqlstate::kCheckViolation,
                             "new row for relation \"" + table_.name +
                                 "\" violates check constraint \"" + plan_.check_names[i] + "\"")
            .WithDetail(FailingRow(table_, row));
      }
    }
    return Status::OK();
  }

  // Foreign keys are checked and their actions run once every row is written; in a statement
  // run by a foreign key's action, later, in the queue of the statement that ran it.
  Status FinishForeignKeyWork() {
    if (!own_fks_) return Status::OK();
    if (ctx_->fk_queue) {
      ctx_->fk_queue->entries.push_back({nullptr, std::move(own_fks_)});
      fks_ = nullptr;
      return Status::OK();
    }
    return own_fks_->Finish();
  }

  Status Return(const Row& row) {
    ++affected_;
    if (plan_.returning.empty()) return Status::OK();
    Row out(plan_.returning.size());
    for (size_t i = 0; i < plan_.returning.size(); ++i) {
      ZJ_ASSIGN_OR_RETURN(out[i], Eval(*plan_.returning[i], row, ctx_));
    }
    returned_.push_back(std::move(out));
    return Status::OK();
  }

  Status InsertRow(Row row) {
    ZJ_RETURN_IF_ERROR(CheckConstraints(row));
    if (!plan_.on_conflict) {
      ZJ_RETURN_IF_ERROR(store_.Insert(row));
      if (fks_) fks_->RowInserted(row);
      return Return(row);
    }
    TableStore::InsertConflict conflict;
    std::string inserted_pk;
    ZJ_RETURN_IF_ERROR(store_.Insert(row, &conflict, &inserted_pk));
    if (conflict.index == nullptr) {
      done_.insert(std::move(inserted_pk));
      if (fks_) fks_->RowInserted(row);
      return Return(row);
    }
    const planner::OnConflict& oc = *plan_.on_conflict;
    if (oc.arbiter != nullptr && oc.arbiter != conflict.index &&
        oc.arbiter->oid != conflict.index->oid) {
      return Status::Error(sqlstate::kUniqueViolation,
                           "duplicate key value violates unique constraint \"" +
                               conflict.index->name + "\"");
    }
    if (!oc.do_update) return Status::OK();
    // A row this statement already inserted or updated may not be updated again: the result
    // would depend on the order of the proposed rows.
    if (done_.count(conflict.pk)) {
      return Status::Error(sqlstate::kCardinalityViolation,
                           "ON CONFLICT DO UPDATE command cannot affect row a second time")
          .WithHint("Ensure that no rows proposed for insertion within the same command have "
                    "duplicate constrained values.");
    }
    const std::string& conflict_pk = conflict.pk;
    Row existing;
    bool found = false;
    ZJ_RETURN_IF_ERROR(store_.LockRow(conflict_pk, &existing, &found));
    if (!found) return Status::Error(sqlstate::kSerializationFailure,
                                     "could not serialize access due to concurrent delete");
    // SET and WHERE see the existing row followed by the proposed one (EXCLUDED).
    Row both = existing;
    both.insert(both.end(), row.begin(), row.end());
    if (oc.where) {
      ZJ_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*oc.where, both, ctx_));
      if (!ok) return Status::OK();
    }
    Row updated = existing;
    for (size_t i = 0; i < oc.set_columns.size(); ++i) {
      ZJ_ASSIGN_OR_RETURN(updated[static_cast<size_t>(oc.set_columns[i])],
                          Eval(*oc.set_exprs[i], both, ctx_));
    }
    ZJ_RETURN_IF_ERROR(CheckConstraints(updated));
    if (fks_) {
      ZJ_RETURN_IF_ERROR(fks_->LockReferencedKeys(&store_, conflict_pk, existing, &updated));
    }
    ZJ_RETURN_IF_ERROR(store_.Update(conflict_pk, existing, updated));
    if (fks_) fks_->RowUpdated(existing, updated);
    done_.insert(conflict_pk);
    return Return(updated);
  }

  // Locks the row; when it changed since our snapshot, re-reads it and re-checks the WHERE
  // clause on the newest version. Returns false when the row no longer qualifies.
  Result<bool> LockAndRecheck(Row* row, const std::string& pk) {
    size_t n = table_.columns.size();
    Row latest;
    bool found = false;
    ZJ_RETURN_IF_ERROR(store_.LockRow(pk, &latest, &found));
    if (!found) return false;  // deleted meanwhile: skip, as PostgreSQL does
    if (SameRow(*row, latest, n)) return true;
    for (size_t i = 0; i < n; ++i) (*row)[i] = std::move(latest[i]);
    if (plan_.predicate) return EvalPredicate(*plan_.predicate, *row, ctx_);
    return true;
  }

  Status UpdateRow(Row row) {
    size_t n = table_.columns.size();
    std::string pk = row[n].GetString();
    if (done_.count(pk)) return Status::OK();  // joined several times: update once
    ZJ_ASSIGN_OR_RETURN(bool keep, LockAndRecheck(&row, pk));
    if (!keep) return Status::OK();
    Row old_row(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(n));
    Row new_row = old_row;
    for (size_t i = 0; i < plan_.update_columns.size(); ++i) {
      ZJ_ASSIGN_OR_RETURN(new_row[static_cast<size_t>(plan_.update_columns[i])],
                          Eval(*plan_.exprs[i], row, ctx_));
    }
    ZJ_RETURN_IF_ERROR(CheckConstraints(new_row));
    if (fks_) ZJ_RETURN_IF_ERROR(fks_->LockReferencedKeys(&store_, pk, old_row, &new_row));
    ZJ_RETURN_IF_ERROR(store_.Update(pk, old_row, new_row));
    if (fks_) fks_->RowUpdated(old_row, new_row);
    done_.insert(pk);
    return ReturnWithRest(new_row, row);
  }

  Status DeleteRow(Row row) {
    size_t n = table_.columns.size();
    std::string pk = row[n].GetString();
    if (done_.count(pk)) return Status::OK();
    ZJ_ASSIGN_OR_RETURN(bool keep, LockAndRecheck(&row, pk));
    if (!keep) return Status::OK();
    Row old_row(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(n));
    if (fks_) ZJ_RETURN_IF_ERROR(fks_->LockReferencedKeys(&store_, pk, old_row, nullptr));
    ZJ_RETURN_IF_ERROR(store_.Delete(pk, old_row));
    if (fks_) fks_->RowDeleted(old_row);
    done_.insert(pk);
    return ReturnWithRest(old_row, row);
  }

  // RETURNING sees the target row followed by the pk and the other FROM/USING columns.
  Status ReturnWithRest(const Row& target, const Row& input) {
    if (plan_.returning.empty()) {
      ++affected_;
      return Status::OK();
    }
    Row full = target;
    full.insert(full.end(), input.begin() + static_cast<std::ptrdiff_t>(target.size()),
                input.end());
    return Return(full);
  }

  const PlanNode& plan_;
  const catalog::Table& table_;
  std::unique_ptr<Operator> child_;
  ExecContext* ctx_;
  TableStore store_;
  // Foreign-key work: the statement's own, or that of the COPY it is one row of; nullptr when
  // no foreign key involves the table.
  std::unique_ptr<ForeignKeyWork> own_fks_;
  ForeignKeyWork* fks_ = nullptr;
  std::vector<Row> returned_;
  std::set<std::string> done_;
  size_t pos_ = 0;
  uint64_t affected_ = 0;
};

}  // namespace

Status FinishForeignKeys(ExecContext* ctx) {
  ctx->deferred_fks_made = false;
  std::shared_ptr<ForeignKeyWork> work = std::move(ctx->deferred_fks);
  return work ? work->Finish() : Status::OK();
}

Result<std::unique_ptr<Operator>> MakeDmlOperator(const PlanNode& plan,
                                                  std::unique_ptr<Operator> child,
                                                  ExecContext* ctx) {
  return std::unique_ptr<Operator>(new DmlOp(plan, std::move(child), ctx));
}

}  // namespace zijin::exec
