// Query operators: scans, filter, project, aggregate, sort, limit, distinct, joins, set ops.
#include <algorithm>
#include <chrono>
#include <new>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "exec/copy.h"
#include "exec/executor.h"
#include "exec/internal/dml.h"
#include "exec/internal/window.h"
#include "exec/table_store.h"
#include "storage/engine.h"
#include "types/array.h"
#include "types/compare.h"
#include "types/key_codec.h"

namespace zijin::exec {

using planner::Expr;
using planner::PlanKind;
using planner::PlanNode;
using types::Value;

namespace {

// Encodes values for hashing/equality: NULLs are equal to each other (GROUP BY, DISTINCT).
void EncodeGroupKey(const Value* vals, size_t n, std::string* out) {
  out->clear();
  for (size_t i = 0; i < n; ++i) types::EncodeKeyValue(vals[i], false, out);
}

class ResultOp : public Operator {
 public:
  Status Open() override {
    done_ = false;
    return Status::OK();
  }
  Result<bool> Next(Row* row) override {
    if (done_) return false;
    done_ = true;
    row->clear();
    return true;
  }

 private:
  bool done_ = false;
};

class ValuesOp : public Operator {
 public:
  ValuesOp(const PlanNode& plan, ExecContext* ctx) : plan_(plan), ctx_(ctx) {}
  Status Open() override {
    pos_ = 0;
    return Status::OK();
  }
  Result<bool> Next(Row* row) override {
    if (pos_ >= plan_.rows.size()) return false;
    const auto& exprs = plan_.rows[pos_++];
    row->resize(exprs.size());
    static const Row kEmpty;
    for (size_t i = 0; i < exprs.size(); ++i) {
      ZJ_ASSIGN_OR_RETURN((*row)[i], Eval(*exprs[i], kEmpty, ctx_));
    }
    return true;
  }

 private:
  const PlanNode& plan_;
  ExecContext* ctx_;
  size_t pos_ = 0;
};

enum class BoundFit { kExact, kEmpty, kUnbounded };

// Fits an integer index bound to a narrower integer key column (smallint_col = 5), as a
// cross-type comparison would: an equality outside the column's range matches nothing; a range
// bound beyond it either excludes everything or nothing on its side.
BoundFit FitIntegerBound(Value* v, types::TypeId key, bool equality, bool lower, bool* inclusive) {
  int64_t x = v->GetInt();
  int64_t min = key == types::TypeId::kInt16   ? INT16_MIN
                : key == types::TypeId::kInt32 ? INT32_MIN
                                               : INT64_MIN;
  int64_t max = key == types::TypeId::kInt16   ? INT16_MAX
                : key == types::TypeId::kInt32 ? INT32_MAX
                                               : INT64_MAX;
  bool fits = x >= min && x <= max;
  if (equality) {
    if (!fits) return BoundFit::kEmpty;
  } else if (lower) {
    if (x > max || (x == max && !*inclusive)) return BoundFit::kEmpty;
    if (x < min) return BoundFit::kUnbounded;
  } else {
    if (x < min || (x == min && !*inclusive)) return BoundFit::kEmpty;
    if (x > max) return BoundFit::kUnbounded;
  }
  *v = key == types::TypeId::kInt16   ? Value::Int16(static_cast<int16_t>(x))
       : key == types::TypeId::kInt32 ? Value::Int32(static_cast<int32_t>(x))
                                      : Value::Int64(x);
  return BoundFit::kExact;
}

// Rows of a table through its primary index or a range of one index.
class ScanOp : public Operator {
 public:
  ScanOp(const PlanNode& plan, ExecContext* ctx)
      : plan_(plan), ctx_(ctx), store_(plan.table.get(), ctx->txn, ctx->catalog) {}

  Status Open() override {
    point_done_ = false;
    point_ = false;
    empty_ = false;
    count_ = 0;
    if (plan_.kind == PlanKind::kSeqScan) {
      it_ = store_.ScanPrimary(ctx_->view);
      if (plan_.backward) it_->SeekToLast();
      return Status::OK();
    }
    const catalog::Index& ix = *plan_.index;
    std::string prefix = catalog::IndexPrefix(plan_.table->oid, ix.index_id);
    std::string lo = prefix, hi = prefix;
    bool lo_inclusive = plan_.lower.inclusive, hi_inclusive = plan_.upper.inclusive;
    size_t lo_values = 0, hi_values = 0;
    ZJ_RETURN_IF_ERROR(EncodeBound(plan_.lower, true, &lo, &lo_inclusive, &lo_values));
    if (empty_) return Status::OK();
    if (lo_values > 0 && !lo_inclusive) lo = catalog::PrefixEnd(lo);
    ZJ_RETURN_IF_ERROR(EncodeBound(plan_.upper, false, &hi, &hi_inclusive, &hi_values));
    if (empty_) return Status::OK();
    // A range open on one side must still stop before the NULLs of its column, which the key
    // order puts after all values (before them on a descending column): no comparison selects
    // a NULL.
    size_t eq = plan_.lower.equalities;
    bool ranged = plan_.lower.values.size() > eq || plan_.upper.values.size() > eq;
    if (ranged && hi_values == eq && !ix.descending[eq]) {
      types::EncodeKeyValue(NullOfColumn(ix, eq), false, &hi);
      hi_inclusive = false;
      ++hi_values;
    } else if (ranged && lo_values == eq && ix.descending[eq]) {
      types::EncodeKeyValue(NullOfColumn(ix, eq), true, &lo);
      lo = catalog::PrefixEnd(lo);
    }
    if (hi_values == 0 || hi_inclusive) hi = catalog::PrefixEnd(hi);
    // A primary-key equality on every key column is a point read.
    if (ix.primary && lo_inclusive && hi_inclusive && lo_values == ix.columns.size() &&
        hi_values == ix.columns.size() && catalog::PrefixEnd(lo) == hi) {
      point_ = true;
      point_key_ = lo;
      return Status::OK();
    }
    it_ = store_.ScanRange(ctx_->view, lo, hi);
    if (plan_.backward) it_->SeekToLast();
    return Status::OK();
  }

  Result<bool> Next(Row* row) override {
    if (empty_) return false;
    if (point_) {
      while (!point_done_) {
        point_done_ = true;
        bool found = false;
        ZJ_RETURN_IF_ERROR(store_.Get(ctx_->view, point_key_, row, &found));
        if (!found) return false;
        ZJ_ASSIGN_OR_RETURN(bool keep, Accept(point_key_, row));
        if (keep) {
          if (plan_.emit_pk) row->push_back(Value::Bytea(point_key_));
          return true;
        }
      }
      return false;
    }
    while (it_->Valid()) {
      if (++count_ % kCancelCheckInterval == 0) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
      std::string_view key = it_->key();
      if (plan_.kind == PlanKind::kSeqScan || plan_.index->primary) {
        ZJ_RETURN_IF_ERROR(store_.DecodeRow(it_->value(), row));
        pk_.assign(key);
      } else {
        pk_ = store_.PrimaryKeyFromIndexEntry(*plan_.index, key, it_->value());
        bool found = false;
        ZJ_RETURN_IF_ERROR(store_.Get(ctx_->view, pk_, row, &found));
        if (!found) {
          Advance();
          continue;
        }
      }
      Advance();
      ZJ_ASSIGN_OR_RETURN(bool keep, Accept(pk_, row));
      if (keep) {
        if (plan_.emit_pk) row->push_back(Value::Bytea(pk_));
        return true;
      }
    }
    ZJ_RETURN_IF_ERROR(it_->status());
    return false;
  }

 private:
  void Advance() {
    if (plan_.backward) {
      it_->Prev();
    } else {
      it_->Next();
    }
  }

  Value NullOfColumn(const catalog::Index& ix, size_t i) const {
    return Value::Null(plan_.table->columns[static_cast<size_t>(ix.columns[i])].type.id);
  }

  // Appends the bound's values to `key`; *encoded counts them. A value that cannot match
  // makes the scan empty; a range value beyond its column's type leaves that side open.
  Status EncodeBound(const planner::IndexBound& b, bool lower, std::string* key, bool* inclusive,
                     size_t* encoded) {
    static const Row kEmpty;
    for (size_t i = 0; i < b.values.size(); ++i) {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*b.values[i], kEmpty, ctx_));
      if (v.is_null()) {
        empty_ = true;  // comparisons with NULL select nothing
        return Status::OK();
      }
      types::TypeId key_type =
          plan_.table->columns[static_cast<size_t>(plan_.index->columns[i])].type.id;
      bool descending = plan_.index->descending[i];
      if (v.type() != key_type && types::IsInteger(v.type()) && types::IsInteger(key_type)) {
        // On a descending column the key's lower end holds the larger values.
        bool value_lower = lower != descending;
        switch (FitIntegerBound(&v, key_type, i < b.equalities, value_lower, inclusive)) {
          case BoundFit::kExact:
            break;
          case BoundFit::kEmpty:
            empty_ = true;
            return Status::OK();
          case BoundFit::kUnbounded:
            *inclusive = true;
            return Status::OK();
        }
      }
      types::EncodeKeyValue(v, descending, key);
      ++*encoded;
    }
    return Status::OK();
  }

  // Applies the scan predicate and, for SELECT ... FOR UPDATE, the row lock.
  Result<bool> Accept(const std::string& pk, Row* row) {
    if (plan_.predicate) {
      ZJ_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*plan_.predicate, *row, ctx_));
      if (!ok) return false;
    }
    if (plan_.lock_rows) {
      bool found = false;
      if (plan_.lock_wait == PlanNode::LockWait::kBlock) {
        ZJ_RETURN_IF_ERROR(store_.LockRow(pk, row, &found));
      } else {
        bool locked = false;
        ZJ_RETURN_IF_ERROR(store_.TryLockRow(pk, row, &found, &locked));
        if (!locked && plan_.lock_wait == PlanNode::LockWait::kSkipLocked) return false;
        if (!locked) {
          return Status::Error(
              sqlstate::kLockNotAvailable,
              "could not obtain lock on row in relation \"" + plan_.table->name + "\"");
        }
      }
      if (!found) return false;
      // The newest version may no longer qualify, on the index's columns too.
      for (const auto& c : plan_.index_conds) {
        ZJ_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*c, *row, ctx_));
        if (!ok) return false;
      }
      if (plan_.predicate) return EvalPredicate(*plan_.predicate, *row, ctx_);
    }
    return true;
  }

  const PlanNode& plan_;
  ExecContext* ctx_;
  TableStore store_;
  std::unique_ptr<storage::Iterator> it_;
  std::string pk_;
  std::string point_key_;
  bool point_ = false, point_done_ = false, empty_ = false;
  uint64_t count_ = 0;
};

// Rows materialized up front: system views and set-returning functions.
class MaterializedOp : public Operator {
 public:
  MaterializedOp(const PlanNode& plan, ExecContext* ctx) : plan_(plan), ctx_(ctx) {}
  Status Open() override {
    rows_.clear();
    pos_ = 0;
    if (plan_.kind == PlanKind::kSystemScan) {
      if (!ctx_->system_view) return Status::Internal("no system views in this context");
      ZJ_RETURN_IF_ERROR(ctx_->system_view(plan_.system_view, &rows_));
      if (plan_.system_view_oid != 0) {
        for (Row& r : rows_) r.push_back(types::Value::Oid(plan_.system_view_oid));
      }
    } else if (plan_.kind == PlanKind::kSequenceScan) {
      ZJ_RETURN_IF_ERROR(ReadSequence());
    } else {
      ZJ_RETURN_IF_ERROR(GenerateSeries());
      if (plan_.ordinality) {
        for (size_t i = 0; i < rows_.size(); ++i) {
          rows_[i].push_back(Value::Int64(static_cast<int64_t>(i + 1)));
        }
      }
    }
    if (plan_.predicate) {
      std::vector<Row> kept;
      for (auto& r : rows_) {
        ZJ_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*plan_.predicate, r, ctx_));
        if (ok) kept.push_back(std::move(r));
      }
      rows_ = std::move(kept);
    }
    return Status::OK();
  }
  Result<bool> Next(Row* row) override {
    if (pos_ >= rows_.size()) return false;
    *row = rows_[pos_++];
    return true;
  }

 private:
  Status ReadSequence() {
    auto it = ctx_->catalog_data->sequences.find(plan_.sequence_oid);
    if (it == ctx_->catalog_data->sequences.end()) {
      return Status::Error(sqlstate::kUndefinedTable,
                           "relation \"" + plan_.system_view + "\" does not exist");
    }
    ZJ_ASSIGN_OR_RETURN(auto state, ctx_->catalog->SequenceState(it->second));
    rows_.push_back({Value::Int64(state.first), Value::Int64(0), Value::Bool(state.second)});
    return Status::OK();
  }

  Status GenerateSeries() {
    static const Row kEmpty;
    std::vector<Value> args;
    for (const auto& e : plan_.exprs) {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e, kEmpty, ctx_));
      if (v.is_null()) return Status::OK();
      args.push_back(std::move(v));
    }
    // A relation that is not a partition has no ancestors, and Zijin has no partitions.
    if (plan_.function_name == "pg_partition_ancestors") return Status::OK();
    if (plan_.function_name == "unnest" && args.size() == 1) {
      ZJ_ASSIGN_OR_RETURN(types::ArrayData a, types::DecodeArray(args[0]));
      for (Value& v : a.elements) rows_.push_back({std::move(v)});
      return Status::OK();
    }
    if (plan_.function_name != "generate_series" || args.size() < 2) {
      return Status::NotSupported("set-returning function " + plan_.function_name +
                                  " is not supported");
    }
    int64_t start = args[0].GetInt(), stop = args[1].GetInt();
    int64_t step = args.size() > 2 ? args[2].GetInt() : 1;
    if (step == 0) {
      return Status::Error(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    }
    bool is64 = plan_.output_types[0].id == types::TypeId::kInt64;
    for (int64_t v = start; step > 0 ? v <= stop : v >= stop; v += step) {
      if (rows_.size() % kCancelCheckInterval == 0) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
      rows_.push_back({is64 ? Value::Int64(v) : Value::Int32(static_cast<int32_t>(v))});
      if ((step > 0 && v > INT64_MAX - step) || (step < 0 && v < INT64_MIN - step)) break;
    }
    return Status::OK();
  }

  const PlanNode& plan_;
  ExecContext* ctx_;
  std::vector<Row> rows_;
  size_t pos_ = 0;
};

class FilterOp : public Operator {
 public:
  FilterOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx)
      : plan_(plan), child_(std::move(child)), ctx_(ctx) {}
  Status Open() override { return child_->Open(); }
  Result<bool> Next(Row* row) override {
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(row));
      if (!has) return false;
      ZJ_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*plan_.predicate, *row, ctx_));
      if (ok) return true;
    }
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  ExecContext* ctx_;
};

class ProjectOp : public Operator {
 public:
  ProjectOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx)
      : plan_(plan), child_(std::move(child)), ctx_(ctx) {}
  Status Open() override { return child_->Open(); }
  Result<bool> Next(Row* row) override {
    ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(&in_));
    if (!has) return false;
    row->resize(plan_.exprs.size());
    for (size_t i = 0; i < plan_.exprs.size(); ++i) {
      ZJ_ASSIGN_OR_RETURN((*row)[i], Eval(*plan_.exprs[i], in_, ctx_));
    }
    return true;
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  ExecContext* ctx_;
  Row in_;
};

// Hash aggregation: output rows are the group key values followed by the aggregate results.
class AggregateOp : public Operator {
 public:
  AggregateOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx)
      : plan_(plan), child_(std::move(child)), ctx_(ctx) {}
  ~AggregateOp() override { Clear(); }

  Status Open() override {
    Clear();
    ZJ_RETURN_IF_ERROR(child_->Open());
    Row in;
    std::string key;
    std::vector<Value> keyvals(plan_.group_keys.size());
    uint64_t n = 0;
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(&in));
      if (!has) break;
      if (++n % kCancelCheckInterval == 0) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
      for (size_t i = 0; i < plan_.group_keys.size(); ++i) {
        ZJ_ASSIGN_OR_RETURN(keyvals[i], Eval(*plan_.group_keys[i], in, ctx_));
      }
      EncodeGroupKey(keyvals.data(), keyvals.size(), &key);
      auto it = index_.find(key);
      Group* g;
      if (it == index_.end()) {
        groups_.push_back(NewGroup(keyvals));
        g = groups_.back().get();
        index_.emplace(key, g);
      } else {
        g = it->second;
      }
      ZJ_RETURN_IF_ERROR(Update(g, in));
    }
    // Without GROUP BY an empty input still yields one row.
    if (groups_.empty() && plan_.group_keys.empty()) groups_.push_back(NewGroup({}));
    pos_ = 0;
    return Status::OK();
  }

  Result<bool> Next(Row* row) override {
    if (pos_ >= groups_.size()) return false;
    Group* g = groups_[pos_++].get();
    row->assign(g->keys.begin(), g->keys.end());
    ZJ_RETURN_IF_ERROR(FeedOrdered(g));
    for (size_t a = 0; a < plan_.aggregates.size(); ++a) {
      ZJ_ASSIGN_OR_RETURN(Value v, plan_.aggregates[a].fn->finalize(g->state(a, stride_)));
      row->push_back(std::move(v));
    }
    return true;
  }

 private:
  struct Group {
    std::vector<Value> keys;
    std::unique_ptr<std::max_align_t[]> states;
    std::vector<std::set<std::string>> distinct_seen;
    // Aggregates with ORDER BY: their rows (sort keys, then arguments), fed at the end.
    std::vector<std::vector<Row>> ordered;
    void* state(size_t a, size_t stride) {
      return reinterpret_cast<char*>(states.get()) + a * stride;
    }
  };

  std::unique_ptr<Group> NewGroup(std::vector<Value> keys) {
    if (stride_ == 0) {
      for (const auto& a : plan_.aggregates) stride_ = std::max(stride_, a.fn->state_size);
      stride_ = (stride_ + 15) / 16 * 16;
      if (stride_ == 0) stride_ = 16;
    }
    auto g = std::make_unique<Group>();
    g->keys = std::move(keys);
    size_t bytes = stride_ * plan_.aggregates.size();
    g->states.reset(new std::max_align_t[bytes / sizeof(std::max_align_t) + 1]);
    g->distinct_seen.resize(plan_.aggregates.size());
    g->ordered.resize(plan_.aggregates.size());
    for (size_t a = 0; a < plan_.aggregates.size(); ++a) {
      plan_.aggregates[a].fn->init(g->state(a, stride_));
    }
    return g;
  }

  Status Update(Group* g, const Row& in) {
    for (size_t a = 0; a < plan_.aggregates.size(); ++a) {
      const planner::AggCall& call = plan_.aggregates[a];
      if (call.filter) {
        ZJ_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*call.filter, in, ctx_));
        if (!ok) continue;
      }
      if (!call.order_by.empty()) {
        Row r;
        r.reserve(call.order_by.size() + call.args.size());
        for (const auto& k : call.order_by) {
          ZJ_ASSIGN_OR_RETURN(Value kv, Eval(*k.expr, in, ctx_));
          r.push_back(std::move(kv));
        }
        for (const auto& arg : call.args) {
          ZJ_ASSIGN_OR_RETURN(Value av, Eval(*arg, in, ctx_));
          r.push_back(std::move(av));
        }
        g->ordered[a].push_back(std::move(r));
        continue;
      }
      Value args[2];  // aggregates take at most two arguments
      for (size_t i = 0; i < call.args.size() && i < 2; ++i) {
        ZJ_ASSIGN_OR_RETURN(args[i], Eval(*call.args[i], in, ctx_));
      }
      ZJ_RETURN_IF_ERROR(Accumulate(g, a, args));
    }
    return Status::OK();
  }

  // One row's argument values into aggregate `a` of group `g`: NULL first arguments are
  // skipped, DISTINCT ones seen before too.
  Status Accumulate(Group* g, size_t a, const Value* args) {
    const planner::AggCall& call = plan_.aggregates[a];
    void* st = g->state(a, stride_);
    if (call.star) return call.fn->update(st, Value());
    const Value& v = args[0];
    if (v.is_null() && !call.fn->array_of_arg) return Status::OK();
    if (call.distinct) {
      std::string k;
      types::EncodeKeyValue(v, false, &k);
      if (!g->distinct_seen[a].insert(std::move(k)).second) return Status::OK();
    }
    if (call.args.size() > 1) return call.fn->update2(st, v, args[1]);
    return call.fn->update(st, v);
  }

  // Sorts the buffered rows of each ordered aggregate and feeds them in that order.
  Status FeedOrdered(Group* g) {
    for (size_t a = 0; a < plan_.aggregates.size(); ++a) {
      const auto& keys = plan_.aggregates[a].order_by;
      if (keys.empty()) continue;
      auto& rows = g->ordered[a];
      std::stable_sort(rows.begin(), rows.end(), [&keys](const Row& x, const Row& y) {
        return SortsBefore(keys, x.data(), y.data());
      });
      for (const Row& r : rows) ZJ_RETURN_IF_ERROR(Accumulate(g, a, r.data() + keys.size()));
      rows.clear();
    }
    return Status::OK();
  }

  void Clear() {
    for (auto& g : groups_) {
      for (size_t a = 0; a < plan_.aggregates.size(); ++a) {
        plan_.aggregates[a].fn->destroy(g->state(a, stride_));
      }
    }
    groups_.clear();
    index_.clear();
  }

  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  ExecContext* ctx_;
  size_t stride_ = 0;
  std::vector<std::unique_ptr<Group>> groups_;
  std::unordered_map<std::string, Group*> index_;
  size_t pos_ = 0;
};

class SortOp : public Operator {
 public:
  SortOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx)
      : plan_(plan), child_(std::move(child)), ctx_(ctx) {}
  Status Open() override {
    rows_.clear();
    pos_ = 0;
    ZJ_RETURN_IF_ERROR(child_->Open());
    Row in;
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(&in));
      if (!has) break;
      Entry e;
      e.keys.resize(plan_.sort_keys.size());
      for (size_t i = 0; i < plan_.sort_keys.size(); ++i) {
        ZJ_ASSIGN_OR_RETURN(e.keys[i], Eval(*plan_.sort_keys[i].expr, in, ctx_));
      }
      e.row = std::move(in);
      rows_.push_back(std::move(e));
      if (rows_.size() % kCancelCheckInterval == 0) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
    }
    const auto& keys = plan_.sort_keys;
    std::stable_sort(rows_.begin(), rows_.end(), [&keys](const Entry& a, const Entry& b) {
      return SortsBefore(keys, a.keys.data(), b.keys.data());
    });
    return Status::OK();
  }
  Result<bool> Next(Row* row) override {
    if (pos_ >= rows_.size()) return false;
    *row = std::move(rows_[pos_++].row);
    return true;
  }

 private:
  struct Entry {
    std::vector<Value> keys;
    Row row;
  };
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  ExecContext* ctx_;
  std::vector<Entry> rows_;
  size_t pos_ = 0;
};

class LimitOp : public Operator {
 public:
  LimitOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx)
      : plan_(plan), child_(std::move(child)), ctx_(ctx) {}
  Status Open() override {
    static const Row kEmpty;
    limit_ = -1;
    offset_ = 0;
    emitted_ = 0;
    if (plan_.limit) {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*plan_.limit, kEmpty, ctx_));
      if (!v.is_null()) {
        limit_ = v.GetInt();
        if (limit_ < 0) {
          return Status::Error(sqlstate::kInvalidRowCountInLimit, "LIMIT must not be negative");
        }
      }
    }
    if (plan_.offset) {
      ZJ_ASSIGN_OR_RETURN(Value v, Eval(*plan_.offset, kEmpty, ctx_));
      if (!v.is_null()) {
        offset_ = v.GetInt();
        if (offset_ < 0) {
          return Status::Error(sqlstate::kInvalidRowCountInOffset, "OFFSET must not be negative");
        }
      }
    }
    if (limit_ == 0) return Status::OK();
    return child_->Open();
  }
  Result<bool> Next(Row* row) override {
    if (limit_ >= 0 && emitted_ >= limit_) return false;
    while (offset_ > 0) {
      ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(row));
      if (!has) return false;
      --offset_;
    }
    ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(row));
    if (has) ++emitted_;
    return has;
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  ExecContext* ctx_;
  int64_t limit_ = -1, offset_ = 0, emitted_ = 0;
};

class DistinctOp : public Operator {
 public:
  DistinctOp(const PlanNode& plan, std::unique_ptr<Operator> child)
      : plan_(plan), child_(std::move(child)) {}
  Status Open() override {
    seen_.clear();
    return child_->Open();
  }
  Result<bool> Next(Row* row) override {
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(row));
      if (!has) return false;
      size_t n = plan_.distinct_on > 0 ? static_cast<size_t>(plan_.distinct_on) : row->size();
      EncodeGroupKey(row->data(), n, &key_);
      if (seen_.insert(key_).second) return true;
    }
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  std::unordered_set<std::string> seen_;
  std::string key_;
};

// Joins: the right side is materialized (hashed on equality keys for a hash join); the
// predicate sees the left row followed by the right row.
class JoinOp : public Operator {
 public:
  JoinOp(const PlanNode& plan, std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
         ExecContext* ctx)
      : plan_(plan), left_(std::move(left)), right_(std::move(right)), ctx_(ctx) {}

  Status Open() override {
    right_rows_.clear();
    matched_.clear();
    hash_.clear();
    left_done_ = false;
    tail_pos_ = 0;
    have_left_ = false;
    right_width_ = plan_.children[1]->output_types.size();
    if (plan_.lateral) return left_->Open();  // the right side runs per left row
    ZJ_RETURN_IF_ERROR(ReadRight());
    matched_.assign(right_rows_.size(), false);
    if (plan_.kind == PlanKind::kHashJoin) {
      std::vector<Value> kv(plan_.right_keys.size());
      std::string key;
      for (size_t i = 0; i < right_rows_.size(); ++i) {
        bool null_key = false;
        for (size_t k = 0; k < plan_.right_keys.size(); ++k) {
          ZJ_ASSIGN_OR_RETURN(kv[k], Eval(*plan_.right_keys[k], right_rows_[i], ctx_));
          null_key |= kv[k].is_null();
        }
        if (null_key) continue;  // NULL never equals anything
        EncodeGroupKey(kv.data(), kv.size(), &key);
        hash_[key].push_back(i);
      }
    }
    return left_->Open();
  }

  Result<bool> Next(Row* row) override {
    using planner::JoinKind;
    JoinKind jk = plan_.join_kind;
    while (!left_done_) {
      if (!have_left_) {
        ZJ_ASSIGN_OR_RETURN(bool has, left_->Next(&left_row_));
        if (!has) {
          left_done_ = true;
          break;
        }
        have_left_ = true;
        left_matched_ = false;
        cand_pos_ = 0;
        if (plan_.lateral) {
          ctx_->outer_rows.push_back(&left_row_);
          Status st = ReadRight();
          ctx_->outer_rows.pop_back();
          ZJ_RETURN_IF_ERROR(st);
          matched_.assign(right_rows_.size(), false);
        }
        ZJ_RETURN_IF_ERROR(Candidates());
      }
      while (cand_pos_ < cands_size()) {
        size_t ri = cand(cand_pos_++);
        Combine(left_row_, &right_rows_[ri], row);
        bool ok = true;
        if (plan_.predicate) {
          ZJ_ASSIGN_OR_RETURN(ok, EvalPredicate(*plan_.predicate, *row, ctx_));
        }
        if (!ok) continue;
        left_matched_ = true;
        matched_[ri] = true;
        if (jk == JoinKind::kSemi) {
          have_left_ = false;
          row->assign(left_row_.begin(), left_row_.end());
          return true;
        }
        if (jk == JoinKind::kAnti) break;
        return true;
      }
      have_left_ = false;
      if (!left_matched_ && (jk == JoinKind::kLeft || jk == JoinKind::kFull)) {
        Combine(left_row_, nullptr, row);
        return true;
      }
      if (!left_matched_ && jk == JoinKind::kAnti) {
        *row = left_row_;
        return true;
      }
    }
    if (jk == JoinKind::kRight || jk == JoinKind::kFull) {
      size_t left_width = plan_.children[0]->output_types.size();
      while (tail_pos_ < right_rows_.size()) {
        size_t ri = tail_pos_++;
        if (matched_[ri]) continue;
        row->clear();
        for (size_t i = 0; i < left_width; ++i) {
          row->push_back(Value::Null(plan_.children[0]->output_types[i].id));
        }
        row->insert(row->end(), right_rows_[ri].begin(), right_rows_[ri].end());
        return true;
      }
    }
    return false;
  }

 private:
  Status ReadRight() {
    right_rows_.clear();
    ZJ_RETURN_IF_ERROR(right_->Open());
    Row r;
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, right_->Next(&r));
      if (!has) return Status::OK();
      right_rows_.push_back(std::move(r));
      if (right_rows_.size() % kCancelCheckInterval == 0) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
    }
  }

  Status Candidates() {
    cand_list_ = nullptr;
    if (plan_.kind != PlanKind::kHashJoin) return Status::OK();
    std::vector<Value> kv(plan_.left_keys.size());
    for (size_t k = 0; k < plan_.left_keys.size(); ++k) {
      ZJ_ASSIGN_OR_RETURN(kv[k], Eval(*plan_.left_keys[k], left_row_, ctx_));
      if (kv[k].is_null()) {
        cand_list_ = &empty_;
        return Status::OK();
      }
    }
    EncodeGroupKey(kv.data(), kv.size(), &key_);
    auto it = hash_.find(key_);
    cand_list_ = it == hash_.end() ? &empty_ : &it->second;
    return Status::OK();
  }
  size_t cands_size() const {
    return cand_list_ == nullptr ? right_rows_.size() : cand_list_->size();
  }
  size_t cand(size_t i) const { return cand_list_ == nullptr ? i : (*cand_list_)[i]; }

  void Combine(const Row& l, const Row* r, Row* out) const {
    out->assign(l.begin(), l.end());
    if (r != nullptr) {
      out->insert(out->end(), r->begin(), r->end());
    } else {
      for (size_t i = 0; i < right_width_; ++i) {
        out->push_back(Value::Null(plan_.children[1]->output_types[i].id));
      }
    }
  }

  const PlanNode& plan_;
  std::unique_ptr<Operator> left_, right_;
  ExecContext* ctx_;
  std::vector<Row> right_rows_;
  std::vector<bool> matched_;
  std::unordered_map<std::string, std::vector<size_t>> hash_;
  const std::vector<size_t>* cand_list_ = nullptr;
  std::vector<size_t> empty_;
  std::string key_;
  Row left_row_;
  bool have_left_ = false, left_matched_ = false, left_done_ = false;
  size_t cand_pos_ = 0, tail_pos_ = 0, right_width_ = 0;
};

// WITH RECURSIVE: the non-recursive term's rows, then the recursive term run over the rows
// the previous round added (its work table) until a round adds none. UNION drops rows already
// produced; UNION ALL keeps them. Rows stream out as they come, so a LIMIT above a recursion
// that would never stop still ends it.
class RecursiveUnionOp : public Operator {
 public:
  RecursiveUnionOp(const PlanNode& plan, std::unique_ptr<Operator> base,
                   std::unique_ptr<Operator> step, ExecContext* ctx)
      : plan_(plan), base_(std::move(base)), step_(std::move(step)), ctx_(ctx) {}

  Status Open() override {
    seen_.clear();
    fresh_.clear();
    produced_ = 0;
    current_ = base_.get();
    return current_->Open();
  }

  Result<bool> Next(Row* row) override {
    std::string key;
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, current_->Next(row));
      if (!has) {
        // This round is over: the next one reads what it added, if anything.
        if (fresh_.empty()) {
          ctx_->work_tables.erase(plan_.work_table);
          return false;
        }
        ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
        ctx_->work_tables[plan_.work_table] = std::move(fresh_);
        fresh_.clear();
        current_ = step_.get();
        ZJ_RETURN_IF_ERROR(current_->Open());
        continue;
      }
      if (!plan_.setop_all) {
        EncodeGroupKey(row->data(), row->size(), &key);
        if (!seen_.insert(key).second) continue;
      }
      if (++produced_ % kCancelCheckInterval == 0) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
      fresh_.push_back(*row);
      return true;
    }
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<Operator> base_, step_;
  ExecContext* ctx_;
  Operator* current_ = nullptr;  // the term being read: base_ first, then step_ each round
  std::vector<Row> fresh_;       // rows of the round being read: the next round's work table
  std::unordered_set<std::string> seen_;
  size_t produced_ = 0;
};

// The rows of the recursive union's previous round.
class WorkTableScanOp : public Operator {
 public:
  WorkTableScanOp(const PlanNode& plan, ExecContext* ctx) : plan_(plan), ctx_(ctx) {}
  Status Open() override {
    pos_ = 0;
    auto it = ctx_->work_tables.find(plan_.work_table);
    rows_ = it == ctx_->work_tables.end() ? nullptr : &it->second;
    return Status::OK();
  }
  Result<bool> Next(Row* row) override {
    if (rows_ == nullptr || pos_ >= rows_->size()) return false;
    *row = (*rows_)[pos_++];
    return true;
  }

 private:
  const PlanNode& plan_;
  ExecContext* ctx_;
  const std::vector<Row>* rows_ = nullptr;
  size_t pos_ = 0;
};

class SetOpOp : public Operator {
 public:
  SetOpOp(const PlanNode& plan, std::unique_ptr<Operator> left, std::unique_ptr<Operator> right)
      : plan_(plan), left_(std::move(left)), right_(std::move(right)) {}
  Status Open() override {
    out_.clear();
    pos_ = 0;
    ZJ_RETURN_IF_ERROR(left_->Open());
    std::vector<Row> lrows, rrows;
    ZJ_RETURN_IF_ERROR(Drain(left_.get(), &lrows));
    ZJ_RETURN_IF_ERROR(right_->Open());
    ZJ_RETURN_IF_ERROR(Drain(right_.get(), &rrows));
    std::string key;
    using planner::SetOpKind;
    if (plan_.setop == SetOpKind::kUnion) {
      if (plan_.setop_all) {
        out_ = std::move(lrows);
        for (auto& r : rrows) out_.push_back(std::move(r));
        return Status::OK();
      }
      std::unordered_set<std::string> seen;
      for (auto* rows : {&lrows, &rrows}) {
        for (auto& r : *rows) {
          EncodeGroupKey(r.data(), r.size(), &key);
          if (seen.insert(key).second) out_.push_back(std::move(r));
        }
      }
      return Status::OK();
    }
    std::unordered_map<std::string, int64_t> right_count;
    for (auto& r : rrows) {
      EncodeGroupKey(r.data(), r.size(), &key);
      ++right_count[key];
    }
    std::unordered_set<std::string> emitted;
    for (auto& r : lrows) {
      EncodeGroupKey(r.data(), r.size(), &key);
      auto it = right_count.find(key);
      bool in_right = it != right_count.end() && it->second > 0;
      if (plan_.setop == SetOpKind::kIntersect) {
        if (!in_right) continue;
        if (plan_.setop_all) {
          --it->second;
        } else if (!emitted.insert(key).second) {
          continue;
        }
        out_.push_back(std::move(r));
      } else {  // EXCEPT
        if (plan_.setop_all) {
          if (in_right) {
            --it->second;
            continue;
          }
        } else if (in_right || !emitted.insert(key).second) {
          continue;
        }
        out_.push_back(std::move(r));
      }
    }
    return Status::OK();
  }
  Result<bool> Next(Row* row) override {
    if (pos_ >= out_.size()) return false;
    *row = std::move(out_[pos_++]);
    return true;
  }

 private:
  static Status Drain(Operator* op, std::vector<Row>* rows) {
    Row r;
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, op->Next(&r));
      if (!has) return Status::OK();
      rows->push_back(std::move(r));
    }
  }
  const PlanNode& plan_;
  std::unique_ptr<Operator> left_, right_;
  std::vector<Row> out_;
  size_t pos_ = 0;
};

}  // namespace

namespace {

// EXPLAIN ANALYZE's view of an operator: counts its runs and rows; with timing, the time spent
// in it (its inputs included) in all, and from each run's start to that run's first row.
class InstrumentedOp : public Operator {
 public:
  InstrumentedOp(std::unique_ptr<Operator> inner, NodeStats* stats, bool timing)
      : inner_(std::move(inner)), stats_(stats), timing_(timing) {}

  Status Open() override {
    ++stats_->loops;
    first_ = true;
    if (timing_) loop_start_ = Clock::now();
    Status st = inner_->Open();
    if (timing_) stats_->total_ms += Ms(loop_start_, Clock::now());
    return st;
  }

  Result<bool> Next(Row* row) override {
    Clock::time_point t0 = timing_ ? Clock::now() : Clock::time_point();
    auto r = inner_->Next(row);
    if (timing_) {
      Clock::time_point t1 = Clock::now();
      stats_->total_ms += Ms(t0, t1);
      if (first_ && r.ok() && *r) stats_->first_row_ms += Ms(loop_start_, t1);
    }
    if (r.ok() && *r) ++stats_->rows;
    first_ = false;
    return r;
  }

  uint64_t affected() const override { return inner_->affected(); }

 private:
  using Clock = std::chrono::steady_clock;
  static double Ms(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
  }

  std::unique_ptr<Operator> inner_;
  NodeStats* stats_;
  bool timing_;
  bool first_ = true;
  Clock::time_point loop_start_;
};

Result<std::unique_ptr<Operator>> BuildOne(const PlanNode& plan, ExecContext* ctx);

}  // namespace

Result<std::unique_ptr<Operator>> BuildOperator(const PlanNode& plan, ExecContext* ctx) {
  ZJ_ASSIGN_OR_RETURN(auto op, BuildOne(plan, ctx));
  if (ctx->instrument == nullptr) return op;
  return std::unique_ptr<Operator>(
      new InstrumentedOp(std::move(op), &(*ctx->instrument)[&plan], ctx->instrument_timing));
}

namespace {

Result<std::unique_ptr<Operator>> BuildOne(const PlanNode& plan, ExecContext* ctx) {
  std::vector<std::unique_ptr<Operator>> kids;
  for (const auto& c : plan.children) {
    ZJ_ASSIGN_OR_RETURN(auto op, BuildOperator(*c, ctx));
    kids.push_back(std::move(op));
  }
  switch (plan.kind) {
    case PlanKind::kResult:
      return std::unique_ptr<Operator>(new ResultOp());
    case PlanKind::kValues:
      return std::unique_ptr<Operator>(new ValuesOp(plan, ctx));
    case PlanKind::kSeqScan:
    case PlanKind::kIndexScan:
      return std::unique_ptr<Operator>(new ScanOp(plan, ctx));
    case PlanKind::kSystemScan:
    case PlanKind::kFunctionScan:
    case PlanKind::kSequenceScan:
      return std::unique_ptr<Operator>(new MaterializedOp(plan, ctx));
    case PlanKind::kFilter:
      return std::unique_ptr<Operator>(new FilterOp(plan, std::move(kids[0]), ctx));
    case PlanKind::kProject:
      return std::unique_ptr<Operator>(new ProjectOp(plan, std::move(kids[0]), ctx));
    case PlanKind::kAggregate:
      return std::unique_ptr<Operator>(new AggregateOp(plan, std::move(kids[0]), ctx));
    case PlanKind::kWindow:
      return MakeWindowOperator(plan, std::move(kids[0]), ctx);
    case PlanKind::kRecursiveUnion:
      return std::unique_ptr<Operator>(
          new RecursiveUnionOp(plan, std::move(kids[0]), std::move(kids[1]), ctx));
    case PlanKind::kWorkTableScan:
      return std::unique_ptr<Operator>(new WorkTableScanOp(plan, ctx));
    case PlanKind::kSort:
      return std::unique_ptr<Operator>(new SortOp(plan, std::move(kids[0]), ctx));
    case PlanKind::kLimit:
      return std::unique_ptr<Operator>(new LimitOp(plan, std::move(kids[0]), ctx));
    case PlanKind::kDistinct:
      return std::unique_ptr<Operator>(new DistinctOp(plan, std::move(kids[0])));
    case PlanKind::kNestedLoopJoin:
    case PlanKind::kHashJoin:
      return std::unique_ptr<Operator>(
          new JoinOp(plan, std::move(kids[0]), std::move(kids[1]), ctx));
    case PlanKind::kSetOp:
      return std::unique_ptr<Operator>(new SetOpOp(plan, std::move(kids[0]), std::move(kids[1])));
    case PlanKind::kCopySource:  // built by the session, which names the target for errors
      return Status::Internal("COPY source outside COPY");
    case PlanKind::kInsert:
    case PlanKind::kUpdate:
    case PlanKind::kDelete:
      return MakeDmlOperator(plan, kids.empty() ? nullptr : std::move(kids[0]), ctx);
  }
  return Status::Internal("unknown plan node");
}

}  // namespace

Status RunToEnd(const PlanNode& plan, ExecContext* ctx, std::vector<Row>* rows) {
  ZJ_ASSIGN_OR_RETURN(auto op, BuildOperator(plan, ctx));
  ZJ_RETURN_IF_ERROR(op->Open());
  Row r;
  for (;;) {
    ZJ_ASSIGN_OR_RETURN(bool has, op->Next(&r));
    if (!has) return Status::OK();
    rows->push_back(std::move(r));
  }
}

}  // namespace zijin::exec
