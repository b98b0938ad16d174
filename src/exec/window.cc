// Window functions: the input rows are split into partitions and ordered; each row's result is
// computed over its partition (ranking, lag/lead) or over its frame (aggregates,
// first/last/nth_value), as PostgreSQL's WindowAgg does.
#include <algorithm>
#include <numeric>

#include "exec/internal/window.h"
#include "types/compare.h"

namespace zijin::exec {

using planner::WindowCall;
using types::TypeId;
using types::Value;

bool SortsBefore(const std::vector<planner::SortKey>& keys, const Value* a, const Value* b) {
  for (size_t i = 0; i < keys.size(); ++i) {
    const Value& x = a[i];
    const Value& y = b[i];
    if (x.is_null() || y.is_null()) {
      if (x.is_null() && y.is_null()) continue;
      return x.is_null() == keys[i].nulls_first;
    }
    int c = types::CompareValues(x, y);
    if (c != 0) return keys[i].descending ? c > 0 : c < 0;
  }
  return false;
}

namespace {

constexpr char kInvalidArgumentForNtile[] = "22014";
constexpr char kInvalidArgumentForNthValue[] = "22016";
constexpr char kInvalidPrecedingOrFollowingSize[] = "22013";

// Whether rows a and b hold equal keys in [from, to) (NULLs equal, as peers are).
bool SameKeys(const Row& a, const Row& b, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (a[i].is_null() != b[i].is_null()) return false;
    if (!a[i].is_null() && types::CompareValues(a[i], b[i]) != 0) return false;
  }
  return true;
}

class WindowOp : public Operator {
 public:
  WindowOp(const planner::PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx)
      : plan_(plan), child_(std::move(child)), ctx_(ctx) {}

  Status Open() override {
    rows_.clear();
    results_.clear();
    pos_ = 0;
    ZJ_RETURN_IF_ERROR(child_->Open());
    Row in;
    for (;;) {
      ZJ_ASSIGN_OR_RETURN(bool has, child_->Next(&in));
      if (!has) break;
      rows_.push_back(std::move(in));
      if (rows_.size() % kCancelCheckInterval == 0) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
    }
    order_.resize(rows_.size());
    std::iota(order_.begin(), order_.end(), size_t{0});
    results_.assign(plan_.windows.size(), std::vector<Value>(rows_.size()));
    for (size_t c = 0; c < plan_.windows.size(); ++c) ZJ_RETURN_IF_ERROR(Compute(c));
    return Status::OK();
  }

  // Rows come out in the order of the last window, as PostgreSQL's do.
  Result<bool> Next(Row* row) override {
    if (pos_ >= order_.size()) return false;
    size_t i = order_[pos_++];
    *row = rows_[i];
    for (const auto& r : results_) row->push_back(r[i]);
    return true;
  }

 private:
  // One partition of one window: its rows in window order, and each one's peer group.
  struct Partition {
    const size_t* rows;  // indexes into rows_
    size_t n;
    std::vector<size_t> peer_start, peer_end;  // inclusive, positions in the partition
  };

  Status Compute(size_t c) {
    const WindowCall& w = plan_.windows[c];
    const size_t np = w.partition_by.size(), no = w.order_by.size();
    // Each row's partition and order keys, then the rows sorted by them.
    std::vector<Row> keys(rows_.size());
    for (size_t i = 0; i < rows_.size(); ++i) {
      keys[i].reserve(np + no);
      for (const auto& p : w.partition_by) {
        ZJ_ASSIGN_OR_RETURN(Value v, Eval(*p, rows_[i], ctx_));
        keys[i].push_back(std::move(v));
      }
      for (const auto& o : w.order_by) {
        ZJ_ASSIGN_OR_RETURN(Value v, Eval(*o.expr, rows_[i], ctx_));
        keys[i].push_back(std::move(v));
      }
    }
    std::vector<planner::SortKey> sort(np + no);
    for (size_t k = 0; k < no; ++k) {
      sort[np + k].descending = w.order_by[k].descending;
      sort[np + k].nulls_first = w.order_by[k].nulls_first;
    }
    std::vector<size_t> order(rows_.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return SortsBefore(sort, keys[a].data(), keys[b].data());
    });
    ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());

    for (size_t ps = 0; ps < order.size();) {
      size_t pe = ps + 1;
      while (pe < order.size() && SameKeys(keys[order[ps]], keys[order[pe]], 0, np)) ++pe;
      Partition part{order.data() + ps, pe - ps, {}, {}};
      part.peer_start.resize(part.n);
      part.peer_end.resize(part.n);
      for (size_t p = 0; p < part.n;) {
        size_t q = p + 1;
        while (q < part.n && SameKeys(keys[part.rows[p]], keys[part.rows[q]], np, np + no)) ++q;
        for (size_t r = p; r < q; ++r) {
          part.peer_start[r] = p;
          part.peer_end[r] = q - 1;
        }
        p = q;
      }
      ZJ_RETURN_IF_ERROR(ComputePartition(w, part, &results_[c]));
      ps = pe;
    }
    order_ = std::move(order);
    return Status::OK();
  }

  Result<int64_t> FrameOffset(const planner::ExprPtr& e, const char* which) {
    static const Row kEmpty;
    ZJ_ASSIGN_OR_RETURN(Value v, Eval(*e, kEmpty, ctx_));
    if (v.is_null()) {
      return Status::Error(sqlstate::kNullValueNotAllowed,
                           std::string("frame ") + which + " offset must not be null");
    }
    if (v.GetInt() < 0) {
      return Status::Error(kInvalidPrecedingOrFollowingSize,
                           std::string("frame ") + which + " offset must not be negative");
    }
    return v.GetInt();
  }

  // The frame of position p as [first, last] (first > last: empty).
  struct Frame {
    int64_t first, last;
  };
  Frame FrameOf(const WindowCall& w, const Partition& part, size_t p, int64_t start_off,
                int64_t end_off) const {
    using B = WindowCall::Bound;
    const int64_t n = static_cast<int64_t>(part.n), i = static_cast<int64_t>(p);
    auto at = [&](B b, int64_t off, bool start) -> int64_t {
      switch (b) {
        case B::kUnboundedPreceding: return 0;
        case B::kUnboundedFollowing: return n - 1;
        case B::kPreceding: return i - off;
        case B::kFollowing: return i + off;
        case B::kCurrentRow:
          if (w.frame_rows) return i;
          // RANGE: the current row's peers.
          return static_cast<int64_t>(start ? part.peer_start[p] : part.peer_end[p]);
      }
      return i;
    };
    Frame f{at(w.frame_start, start_off, true), at(w.frame_end, end_off, false)};
    f.first = std::max<int64_t>(f.first, 0);
    f.last = std::min<int64_t>(f.last, n - 1);
    return f;
  }

  Status ComputePartition(const WindowCall& w, const Partition& part, std::vector<Value>* out) {
    const size_t n = part.n;
    auto row = [&](size_t p) -> const Row& { return rows_[part.rows[p]]; };
    auto set = [&](size_t p, Value v) { (*out)[part.rows[p]] = std::move(v); };
    int64_t start_off = 0, end_off = 0;
    if (w.start_offset) {
      ZJ_ASSIGN_OR_RETURN(start_off, FrameOffset(w.start_offset, "starting"));
    }
    if (w.end_offset) {
      ZJ_ASSIGN_OR_RETURN(end_off, FrameOffset(w.end_offset, "ending"));
    }

    if (w.agg != nullptr) return Aggregate(w, part, start_off, end_off, out);

    const std::string& f = w.name;
    if (f == "row_number") {
      for (size_t p = 0; p < n; ++p) set(p, Value::Int64(static_cast<int64_t>(p) + 1));
    } else if (f == "rank") {
      for (size_t p = 0; p < n; ++p) {
        set(p, Value::Int64(static_cast<int64_t>(part.peer_start[p]) + 1));
      }
    } else if (f == "dense_rank") {
      int64_t groups = 0;
      for (size_t p = 0; p < n; ++p) {
        if (part.peer_start[p] == p) ++groups;
        set(p, Value::Int64(groups));
      }
    } else if (f == "percent_rank") {
      for (size_t p = 0; p < n; ++p) {
        double r = n <= 1 ? 0.0
                          : static_cast<double>(part.peer_start[p]) / static_cast<double>(n - 1);
        set(p, Value::Float64(r));
      }
    } else if (f == "cume_dist") {
      for (size_t p = 0; p < n; ++p) {
        set(p, Value::Float64(static_cast<double>(part.peer_end[p] + 1) / static_cast<double>(n)));
      }
    } else if (f == "ntile") {
      for (size_t p = 0; p < n; ++p) {
        ZJ_ASSIGN_OR_RETURN(Value k, Eval(*w.args[0], row(p), ctx_));
        if (k.is_null()) {
          set(p, Value::Null(TypeId::kInt32));
          continue;
        }
        int64_t buckets = k.GetInt();
        if (buckets <= 0) {
          return Status::Error(kInvalidArgumentForNtile,
                               "argument of ntile must be greater than zero");
        }
        // The first n % buckets buckets hold one row more.
        int64_t size = static_cast<int64_t>(n) / buckets, extra = static_cast<int64_t>(n) % buckets;
        int64_t pos = static_cast<int64_t>(p), bucket;
        if (size == 0) {
          bucket = pos + 1;
        } else if (pos < extra * (size + 1)) {
          bucket = pos / (size + 1) + 1;
        } else {
          bucket = extra + (pos - extra * (size + 1)) / size + 1;
        }
        set(p, Value::Int32(static_cast<int32_t>(bucket)));
      }
    } else if (f == "lag" || f == "lead") {
      for (size_t p = 0; p < n; ++p) {
        int64_t offset = 1;
        if (w.args.size() > 1) {
          ZJ_ASSIGN_OR_RETURN(Value o, Eval(*w.args[1], row(p), ctx_));
          if (o.is_null()) {
            set(p, Value::Null(w.type.id));
            continue;
          }
          offset = o.GetInt();
        }
        int64_t target = static_cast<int64_t>(p) + (f == "lag" ? -offset : offset);
        if (target >= 0 && target < static_cast<int64_t>(n)) {
          ZJ_ASSIGN_OR_RETURN(Value v, Eval(*w.args[0], row(static_cast<size_t>(target)), ctx_));
          set(p, std::move(v));
        } else if (w.args.size() > 2) {
          ZJ_ASSIGN_OR_RETURN(Value d, Eval(*w.args[2], row(p), ctx_));
          set(p, std::move(d));
        } else {
          set(p, Value::Null(w.type.id));
        }
      }
    } else if (f == "first_value" || f == "last_value" || f == "nth_value") {
      for (size_t p = 0; p < n; ++p) {
        Frame fr = FrameOf(w, part, p, start_off, end_off);
        int64_t target = f == "first_value" ? fr.first : fr.last;
        if (f == "nth_value") {
          ZJ_ASSIGN_OR_RETURN(Value k, Eval(*w.args[1], row(p), ctx_));
          if (k.is_null()) {
            set(p, Value::Null(w.type.id));
            continue;
          }
          if (k.GetInt() <= 0) {
            return Status::Error(kInvalidArgumentForNthValue,
                                 "argument of nth_value must be greater than zero");
          }
          target = fr.first + k.GetInt() - 1;
        }
        if (fr.first > fr.last || target > fr.last) {
          set(p, Value::Null(w.type.id));
          continue;
        }
        ZJ_ASSIGN_OR_RETURN(Value v, Eval(*w.args[0], row(static_cast<size_t>(target)), ctx_));
        set(p, std::move(v));
      }
    } else {
      return Status::Internal("unknown window function " + f);
    }
    return Status::OK();
  }

  // An aggregate over each row's frame: running (one state fed row by row) while frames only
  // grow at their end, recomputed per distinct frame otherwise.
  Status Aggregate(const WindowCall& w, const Partition& part, int64_t start_off,
                   int64_t end_off, std::vector<Value>* out) {
    const exec::AggregateFunction& fn = *w.agg;
    const size_t n = part.n;
    // Each row's arguments (evaluated once), and whether FILTER lets it in.
    std::vector<Row> args(n);
    std::vector<bool> included(n, true);
    for (size_t p = 0; p < n; ++p) {
      const Row& r = rows_[part.rows[p]];
      if (w.filter) {
        ZJ_ASSIGN_OR_RETURN(bool ok, EvalPredicate(*w.filter, r, ctx_));
        included[p] = ok;
      }
      for (const auto& a : w.args) {
        ZJ_ASSIGN_OR_RETURN(Value v, Eval(*a, r, ctx_));
        args[p].push_back(std::move(v));
      }
    }
    size_t stride = (fn.state_size + 15) / 16 * 16;
    std::unique_ptr<std::max_align_t[]> memory(
        new std::max_align_t[stride / sizeof(std::max_align_t) + 1]);
    void* state = memory.get();
    bool live = false;
    auto reset = [&] {
      if (live) fn.destroy(state);
      fn.init(state);
      live = true;
    };
    auto feed = [&](size_t p) -> Status {
      if (!included[p]) return Status::OK();
      if (args[p].empty()) return fn.update(state, Value());  // count(*)
      const Value& v = args[p][0];
      if (v.is_null() && !fn.array_of_arg) return Status::OK();
      if (args[p].size() > 1) return fn.update2(state, v, args[p][1]);
      return fn.update(state, v);
    };
    Status st;
    int64_t fed_first = 0, fed_last = -1;  // the rows in the state
    Value last_result;
    for (size_t p = 0; p < n && st.ok(); ++p) {
      Frame fr = FrameOf(w, part, p, start_off, end_off);
      if (p > 0 && fr.first == fed_first && fr.last == fed_last) {
        (*out)[part.rows[p]] = last_result;  // the same frame as the row before (peers)
        continue;
      }
      if (!live || fr.first != fed_first || fr.last < fed_last) {
        reset();
        fed_first = fr.first;
        fed_last = fr.first - 1;
      }
      for (int64_t q = fed_last + 1; q <= fr.last && st.ok(); ++q) st = feed(static_cast<size_t>(q));
      fed_last = std::max(fed_last, fr.last);
      if (!st.ok()) break;
      Result<Value> v = fn.finalize(state);
      if (!v.ok()) {
        st = v.status();
        break;
      }
      last_result = *v;
      (*out)[part.rows[p]] = std::move(*v);
      if (p % kCancelCheckInterval == 0) st = ctx_->CheckCancel();
    }
    if (live) fn.destroy(state);
    return st;
  }

  const planner::PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  ExecContext* ctx_;
  std::vector<Row> rows_;
  std::vector<std::vector<Value>> results_;  // [window][row]
  std::vector<size_t> order_;
  size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<Operator> MakeWindowOperator(const planner::PlanNode& plan,
                                             std::unique_ptr<Operator> child, ExecContext* ctx) {
  return std::make_unique<WindowOp>(plan, std::move(child), ctx);
}

}  // namespace zijin::exec
