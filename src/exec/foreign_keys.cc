// Foreign keys at run time: end-of-statement checks and actions (PostgreSQL's RI triggers),
// and the validation of ALTER TABLE ... ADD FOREIGN KEY.
#include "exec/internal/foreign_keys.h"

#include <algorithm>
#include <utility>

#include "exec/ddl.h"
#include "exec/table_store.h"
#include "storage/engine.h"
#include "types/cast.h"
#include "types/compare.h"
#include "types/key_codec.h"
#include "types/type_io.h"

namespace zijin::exec {

using catalog::FkAction;
using catalog::FkMatch;
using types::LogicalType;
using types::Value;
using Link = ForeignKeyWork::Link;

namespace {

// Checks of more keys than this against a referencing table without an index on its key scan
// it once, rather than once per key.
constexpr size_t kScanOnceThreshold = 8;

std::string QuoteIdent(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string QualifiedName(const catalog::CatalogData& data, const catalog::Table& t) {
  auto it = data.schemas.find(t.schema);
  std::string schema = it == data.schemas.end() ? "public" : it->second.name;
  return QuoteIdent(schema) + "." + QuoteIdent(t.name);
}

// `v` as a value of type `to` that compares equal to it; false when there is none (out of
// range, rounded, truncated), so no key of type `to` can match `v`.
bool ExactCast(const Value& v, const LogicalType& to, Value* out) {
  if (v.is_null()) {
    *out = Value::Null(to.id);
    return true;
  }
  if (v.type() == to.id) {
    *out = v;
    return true;
  }
  auto cast = types::CastValue(v, to, {}, false);
  if (!cast.ok()) return false;
  auto back = types::CastValue(*cast, LogicalType(v.type()), {}, true);
  if (!back.ok() || back->is_null() || !types::ValuesEqual(*back, v)) return false;
  *out = std::move(*cast);
  return true;
}

std::string EncodeKey(const Row& values) {
  std::string key;
  for (const auto& v : values) types::EncodeKeyValue(v, false, &key);
  return key;
}

// Whether the columns `cols` hold the same key in both rows.
bool SameKey(const Row& a, const Row& b, const std::vector<int>& cols) {
  for (int c : cols) {
    const Value& x = a[static_cast<size_t>(c)];
    const Value& y = b[static_cast<size_t>(c)];
    if (x.is_null() != y.is_null()) return false;
    if (x.is_null()) continue;
    std::string ex, ey;
    types::EncodeKeyValue(x, false, &ex);
    types::EncodeKeyValue(y, false, &ey);
    if (ex != ey) return false;
  }
  return true;
}

Row Project(const Row& row, const std::vector<int>& cols) {
  Row out;
  out.reserve(cols.size());
  for (int c : cols) out.push_back(row[static_cast<size_t>(c)]);
  return out;
}

// "Key (a, b)=(1, 2)"
std::string KeyText(const catalog::Table& t, const std::vector<int>& cols, const Row& values) {
  std::string names, text;
  for (size_t k = 0; k < cols.size(); ++k) {
    if (k > 0) {
      names += ", ";
      text += ", ";
    }
    names += t.columns[static_cast<size_t>(cols[k])].name;
    text += values[k].is_null() ? "null" : types::ToText(values[k]);
  }
  return "Key (" + names + ")=(" + text + ")";
}

Status NotPresent(const Link& link, const Row& key) {
  return Status::Error(sqlstate::kForeignKeyViolation,
                       "insert or update on table \"" + link.child->name +
                           "\" violates foreign key constraint \"" + link.fk->name + "\"")
      .WithDetail(KeyText(*link.child, link.fk->columns, key) + " is not present in table \"" +
                  link.parent->name + "\".");
}

Status MixedNulls(const Link& link) {
  return Status::Error(sqlstate::kForeignKeyViolation,
                       "insert or update on table \"" + link.child->name +
                           "\" violates foreign key constraint \"" + link.fk->name + "\"")
      .WithDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
}

Status StillReferenced(const Link& link, const Row& key) {
  return Status::Error(sqlstate::kForeignKeyViolation,
                       "update or delete on table \"" + link.parent->name +
                           "\" violates foreign key constraint \"" + link.fk->name +
                           "\" on table \"" + link.child->name + "\"")
      .WithDetail(KeyText(*link.parent, link.fk->ref_columns, key) +
                  " is still referenced from table \"" + link.child->name + "\".");
}

// `parent`: the referenced table (nullptr when it is missing from the catalog).
Result<Link> Resolve(const catalog::Table& child, const catalog::ForeignKey& fk,
                     const catalog::Table* parent) {
  Link link;
  link.child = &child;
  link.fk = &fk;
  link.parent = parent;
  if (link.parent != nullptr) link.index = link.parent->UniqueIndexOn(fk.ref_columns);
  if (link.index == nullptr) {
    return Status::Internal("foreign key \"" + fk.name + "\" has no referenced unique key");
  }
  for (int c : link.index->columns) {
    auto it = std::find(fk.ref_columns.begin(), fk.ref_columns.end(), c);
    link.order.push_back(static_cast<size_t>(it - fk.ref_columns.begin()));
  }
  return link;
}

// The key `key` (fk->columns order, child values) as parent index values; false when the
// parent's types cannot hold it.
bool ToParentKey(const Link& link, const Row& key, Row* out) {
  out->resize(link.index->columns.size());
  for (size_t i = 0; i < link.order.size(); ++i) {
    const auto& type = link.parent->columns[static_cast<size_t>(link.index->columns[i])].type;
    if (!ExactCast(key[link.order[i]], type, &(*out)[i])) return false;
  }
  return true;
}

// A referencing row's key: NULLs exempt it (MATCH SIMPLE: any; MATCH FULL: all, while some
// but not all is an error). Returns false when there is nothing to look up.
bool ReferencingKey(const catalog::ForeignKey& fk, const Row& row, Row* key, bool* mixed) {
  *key = Project(row, fk.columns);
  size_t nulls = 0;
  for (const auto& v : *key) nulls += v.is_null() ? 1 : 0;
  *mixed = nulls > 0 && nulls < key->size() && fk.match == FkMatch::kFull;
  return nulls == 0 || *mixed;
}

// Whether an index of `t` leads with exactly the columns `cols` (in any order), so that the
// rows holding a key are found by a range scan.
bool IndexedOn(const catalog::Table& t, const std::vector<int>& cols) {
  for (const auto& ix : t.indexes) {
    if (ix.columns.size() < cols.size()) continue;
    bool all = true;
    for (size_t k = 0; k < cols.size(); ++k) {
      all = all && std::find(cols.begin(), cols.end(), ix.columns[k]) != cols.end();
    }
    if (all) return true;
  }
  return false;
}

// The referenced key `key` (parent values) as the referencing columns hold it: false when
// they cannot hold it, and no row can reference it.
bool ToChildKey(const Link& link, const Row& key, Row* out) {
  out->resize(link.fk->columns.size());
  for (size_t k = 0; k < link.fk->columns.size(); ++k) {
    const auto& type = link.child->columns[static_cast<size_t>(link.fk->columns[k])].type;
    if (!ExactCast(key[k], type, &(*out)[k])) return false;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

ForeignKeyWork::~ForeignKeyWork() = default;

Result<std::unique_ptr<ForeignKeyWork>> ForeignKeyWork::Make(const catalog::Table& table,
                                                             ExecContext* ctx) {
  if (ctx->catalog_data == nullptr) return std::unique_ptr<ForeignKeyWork>();
  const catalog::CatalogData& data = *ctx->catalog_data;
  auto refs = data.ReferencesTo(table.oid);
  if (table.foreign_keys.empty() && refs.empty()) return std::unique_ptr<ForeignKeyWork>();
  std::unique_ptr<ForeignKeyWork> w(new ForeignKeyWork(ctx));
  // The statement's own definition of the table stands for it on both sides of a key.
  for (const auto& fk : table.foreign_keys) {
    Outbound ob;
    const catalog::Table* parent = fk.ref_table == table.oid ? &table : data.GetTable(fk.ref_table);
    ZJ_ASSIGN_OR_RETURN(ob.link, Resolve(table, fk, parent));
    w->outbound_.push_back(std::move(ob));
  }
  for (const auto& ref : refs) {
    const catalog::Table* child = ref.table->oid == table.oid ? &table : ref.table;
    const catalog::ForeignKey* fk = ref.key;
    if (child == &table) {
      for (const auto& k : table.foreign_keys) {
        if (k.oid == ref.key->oid) fk = &k;
      }
    }
    ZJ_ASSIGN_OR_RETURN(Link link, Resolve(*child, *fk, &table));
    if (std::find(w->referenced_.begin(), w->referenced_.end(), link.index) ==
        w->referenced_.end()) {
      w->referenced_.push_back(link.index);
    }
    w->inbound_.push_back(std::move(link));
  }
  return w;
}

Status ForeignKeyWork::LockReferencedKeys(TableStore* store, std::string_view pk,
                                          const Row& old_row, const Row* new_row) {
  for (const catalog::Index* index : referenced_) {
    if (new_row != nullptr && SameKey(old_row, *new_row, index->columns)) continue;
    ZJ_RETURN_IF_ERROR(store->KeyUpdateLock(*index, pk, old_row));
  }
  return Status::OK();
}

void ForeignKeyWork::NoteReference(size_t i, const Row& row) {
  Outbound& ob = outbound_[i];
  Item item;
  item.link = i;
  if (!ReferencingKey(*ob.link.fk, row, &item.check.key, &item.check.mixed_nulls)) return;
  if (item.check.mixed_nulls) {
    if (ob.mixed_seen) return;
    ob.mixed_seen = true;
  } else if (!ob.seen.insert(EncodeKey(item.check.key)).second) {
    return;  // the key is checked once per statement
  }
  queue_.push_back(std::move(item));
}

void ForeignKeyWork::RowInserted(const Row& row) {
  for (size_t i = 0; i < outbound_.size(); ++i) NoteReference(i, row);
}

void ForeignKeyWork::RowUpdated(const Row& old_row, const Row& new_row) {
  for (size_t i = 0; i < inbound_.size(); ++i) {
    const auto& cols = inbound_[i].fk->ref_columns;
    if (SameKey(old_row, new_row, cols)) continue;
    Item item;
    item.action = true;
    item.link = i;
    item.event = Event{true, Project(old_row, cols), Project(new_row, cols)};
    bool has_null = false;
    for (const auto& v : item.event.old_key) has_null = has_null || v.is_null();
    if (!has_null) queue_.push_back(std::move(item));
  }
  for (size_t i = 0; i < outbound_.size(); ++i) {
    if (!SameKey(old_row, new_row, outbound_[i].link.fk->columns)) NoteReference(i, new_row);
  }
}

void ForeignKeyWork::RowDeleted(const Row& old_row) {
  for (size_t i = 0; i < inbound_.size(); ++i) {
    Item item;
    item.action = true;
    item.link = i;
    item.event = Event{false, Project(old_row, inbound_[i].fk->ref_columns), {}};
    bool has_null = false;
    for (const auto& v : item.event.old_key) has_null = has_null || v.is_null();
    if (!has_null) queue_.push_back(std::move(item));
  }
}

Status ForeignKeyWork::Finish() {
  auto queue = std::make_shared<ForeignKeyQueue>();
  ZJ_RETURN_IF_ERROR(RunItems(queue));
  // A chain of cascades (a linked list deleted from its head) runs as a queue, not a recursion.
  while (!queue->entries.empty()) {
    ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
    ForeignKeyQueue::Entry entry = std::move(queue->entries.front());
    queue->entries.pop_front();
    ZJ_RETURN_IF_ERROR(entry.work->RunItems(queue));
  }
  return Status::OK();
}

Status ForeignKeyWork::RunItems(const std::shared_ptr<ForeignKeyQueue>& running) {
  running_ = running;
  std::vector<Item> queue = std::move(queue_);
  queue_.clear();
  for (auto& ob : outbound_) {
    ob.seen.clear();
    ob.mixed_seen = false;
  }
  // A check per key looks the key up in the referencing table: without an index on it, that
  // is a scan per key. When no action writes (all NO ACTION / RESTRICT), the referencing rows
  // cannot change while the checks run, so one scan tells which keys are referenced.
  present_.clear();
  present_.resize(inbound_.size());
  bool writes = false;
  std::vector<size_t> counts(inbound_.size());
  for (const Item& item : queue) {
    if (!item.action) continue;
    const catalog::ForeignKey& fk = *inbound_[item.link].fk;
    FkAction a = item.event.update ? fk.on_update : fk.on_delete;
    writes = writes || (a != FkAction::kNoAction && a != FkAction::kRestrict);
    ++counts[item.link];
  }
  for (size_t i = 0; i < inbound_.size() && !writes; ++i) {
    if (counts[i] > kScanOnceThreshold && !IndexedOn(*inbound_[i].child, inbound_[i].fk->columns)) {
      ZJ_RETURN_IF_ERROR(FindReferencedKeys(i, queue));
    }
  }
  for (size_t i = 0; i < queue.size(); ++i) {
    if (i % 256 == 255) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
    const Item& item = queue[i];
    if (item.action) {
      ZJ_RETURN_IF_ERROR(RunAction(item.link, item.event));
    } else {
      ZJ_RETURN_IF_ERROR(RunCheck(outbound_[item.link].link, item.check));
    }
  }
  return Status::OK();
}

Status ForeignKeyWork::RunCheck(const Link& link, const Check& check) {
  if (check.mixed_nulls) return MixedNulls(link);
  Row values;
  bool found = false;
  if (!ToParentKey(link, check.key, &values)) return NotPresent(link, check.key);
  TableStore parent(link.parent, ctx_->txn, ctx_->catalog);
  ZJ_RETURN_IF_ERROR(parent.KeyShareLock(*link.index, values, &found));
  if (found) return Status::OK();
  if (ctx_->repeatable_read && ctx_->view != nullptr) {
    // The key our snapshot still sees was deleted by a transaction that committed since.
    bool seen = false;
    ZJ_RETURN_IF_ERROR(parent.KeyInView(*link.index, values, ctx_->view, &seen));
    if (seen) {
      return Status::Error(sqlstate::kSerializationFailure,
                           "could not serialize access due to concurrent update");
    }
  }
  return NotPresent(link, check.key);
}

Result<bool> ForeignKeyWork::ParentHasKey(const Link& link, const Row& key) {
  Row values(link.order.size());
  for (size_t i = 0; i < link.order.size(); ++i) values[i] = key[link.order[i]];
  TableStore parent(link.parent, ctx_->txn, ctx_->catalog);
  bool found = false;
  ZJ_RETURN_IF_ERROR(parent.KeyShareLock(*link.index, values, &found));
  return found;
}

Status ForeignKeyWork::FindReferencedKeys(size_t i, const std::vector<Item>& queue) {
  const Link& link = inbound_[i];
  std::unordered_set<std::string> wanted;
  Row key;
  for (const Item& item : queue) {
    if (item.action && item.link == i && ToChildKey(link, item.event.old_key, &key)) {
      wanted.insert(EncodeKey(key));
    }
  }
  auto present = std::make_unique<std::unordered_set<std::string>>();
  TableStore child(link.child, ctx_->txn, ctx_->catalog);
  auto it = child.ScanPrimary(nullptr);
  Row row;
  for (uint64_t n = 0; it->Valid() && present->size() < wanted.size(); it->Next(), ++n) {
    if (n % 4096 == 4095) ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
    ZJ_RETURN_IF_ERROR(child.DecodeRow(it->value(), &row));
    std::string encoded = EncodeKey(Project(row, link.fk->columns));
    if (wanted.count(encoded)) present->insert(std::move(encoded));
  }
  ZJ_RETURN_IF_ERROR(it->status());
  present_[i] = std::move(present);
  return Status::OK();
}

Status ForeignKeyWork::RunAction(size_t i, const Event& ev) {
  const Link& link = inbound_[i];
  const catalog::ForeignKey& fk = *link.fk;
  const catalog::Table& child = *link.child;
  FkAction action = ev.update ? fk.on_update : fk.on_delete;

  // The old key as parameters of the referencing columns' types: when they cannot hold it,
  // no row can reference it.
  std::vector<LogicalType> types;
  for (int col : fk.columns) types.push_back(child.columns[static_cast<size_t>(col)].type);
  Row params;
  bool possible = ToChildKey(link, ev.old_key, &params);
  std::string table = QualifiedName(*ctx_->catalog_data, child);
  std::string where;
  for (size_t k = 0; k < fk.columns.size(); ++k) {
    where += (k == 0 ? " WHERE " : " AND ") +
             QuoteIdent(child.columns[static_cast<size_t>(fk.columns[k])].name) + " = $" +
             std::to_string(k + 1);
  }
  auto referenced = [&]() -> Result<bool> {
    if (!possible) return false;
    if (present_.size() > i && present_[i]) return present_[i]->count(EncodeKey(params)) > 0;
    bool got = false;
    ZJ_RETURN_IF_ERROR(Run("SELECT 1 FROM " + table + where + " LIMIT 1", types, params, &got));
    return got;
  };
  // NO ACTION passes when the statement left a row with the old key (PostgreSQL's
  // ri_Check_Pk_Match); RESTRICT does not look.
  auto no_action = [&](bool restrict) -> Status {
    if (!restrict) {
      ZJ_ASSIGN_OR_RETURN(bool again, ParentHasKey(link, ev.old_key));
      if (again) return Status::OK();
    }
    ZJ_ASSIGN_OR_RETURN(bool used, referenced());
    return used ? StillReferenced(link, ev.old_key) : Status::OK();
  };

  switch (action) {
    case FkAction::kNoAction:
      return no_action(false);
    case FkAction::kRestrict:
      return no_action(true);
    case FkAction::kCascade: {
      if (!possible) return Status::OK();
      if (!ev.update) return Run("DELETE FROM " + table + where, types, params, nullptr);
      std::string set;
      size_t n = fk.columns.size();
      for (size_t k = 0; k < n; ++k) {
        const auto& col = child.columns[static_cast<size_t>(fk.columns[k])];
        set += (k == 0 ? "" : ", ") + QuoteIdent(col.name) + " = $" + std::to_string(n + k + 1);
        // A new key the referencing column cannot hold fails as the UPDATE would.
        ZJ_ASSIGN_OR_RETURN(Value v, types::CastValue(ev.new_key[k], col.type, {}, false));
        params.push_back(std::move(v));
        types.push_back(col.type);
      }
      return Run("UPDATE " + table + " SET " + set + where, types, params, nullptr);
    }
    case FkAction::kSetNull:
    case FkAction::kSetDefault: {
      if (!possible) return Status::OK();
      const std::vector<int>& cols =
          !ev.update && !fk.delete_set_columns.empty() ? fk.delete_set_columns : fk.columns;
      std::string set;
      for (size_t k = 0; k < cols.size(); ++k) {
        set += (k == 0 ? "" : ", ") + QuoteIdent(child.columns[static_cast<size_t>(cols[k])].name) +
               (action == FkAction::kSetNull ? " = NULL" : " = DEFAULT");
      }
      ZJ_RETURN_IF_ERROR(Run("UPDATE " + table + " SET " + set + where, types, params, nullptr));
      // A default equal to the old key leaves the rows referencing it: PostgreSQL runs the
      // NO ACTION check after SET DEFAULT for this.
      if (action == FkAction::kSetDefault) return no_action(false);
      return Status::OK();
    }
  }
  return Status::Internal("unknown foreign key action");
}

Status ForeignKeyWork::Run(const std::string& sql, const std::vector<LogicalType>& types,
                           const Row& params, bool* got_row) {
  if (!ctx_->plan_sql) return Status::Internal("foreign keys need a session to plan statements");
  if (!ctx_->fk_plans) {
    ctx_->fk_plans =
        std::make_shared<std::map<std::string, std::shared_ptr<const planner::PlannedStatement>>>();
  }
  auto it = ctx_->fk_plans->find(sql);
  if (it == ctx_->fk_plans->end()) {
    ZJ_ASSIGN_OR_RETURN(auto plan, ctx_->plan_sql(sql, types));
    it = ctx_->fk_plans->emplace(sql, std::move(plan)).first;
  }
  const planner::PlannedStatement& plan = *it->second;

  // The statement reads the latest committed rows (and ours), not the snapshot: rows that
  // reference a key, committed after the snapshot, must be seen (as PostgreSQL's RI queries
  // see them in READ COMMITTED, and fail on them in REPEATABLE READ).
  auto nested = std::make_shared<ExecContext>();
  nested->txn = ctx_->txn;
  nested->view = nullptr;
  nested->catalog = ctx_->catalog;
  nested->catalog_data = ctx_->catalog_data;
  nested->params = &params;
  nested->fn = ctx_->fn;
  nested->interrupt = ctx_->interrupt;
  nested->system_view = ctx_->system_view;
  nested->note_nextval = ctx_->note_nextval;
  nested->currval = ctx_->currval;
  nested->repeatable_read = ctx_->repeatable_read;
  nested->plan_sql = ctx_->plan_sql;
  nested->fk_plans = ctx_->fk_plans;
  nested->fk_queue = running_;
  size_t queued = running_->entries.size();
  Status st = [&]() -> Status {
    ZJ_ASSIGN_OR_RETURN(auto op, BuildOperator(*plan.root, nested.get()));
    ZJ_RETURN_IF_ERROR(op->Open());
    if (got_row != nullptr) {
      Row row;
      ZJ_ASSIGN_OR_RETURN(*got_row, op->Next(&row));
    }
    return Status::OK();
  }();
  // The statement's foreign-key work, queued by its operator, runs later in its context.
  nested->params = nullptr;
  for (size_t i = queued; i < running_->entries.size(); ++i) running_->entries[i].ctx = nested;
  if (!st.ok()) {
    std::string& context = st.mutable_info().context;
    context += (context.empty() ? "" : "\n") + std::string("SQL statement \"") + sql + "\"";
  }
  return st;
}

// ---------------------------------------------------------------------------------------------

Status ValidateForeignKey(DdlContext& ctx, const catalog::Table& child,
                          const catalog::ForeignKey& fk) {
  const catalog::Table* parent_table =
      fk.ref_table == child.oid ? &child : ctx.data->GetTable(fk.ref_table);
  ZJ_ASSIGN_OR_RETURN(Link link, Resolve(child, fk, parent_table));
  TableStore store(&child, ctx.txn, ctx.catalog);
  TableStore parent(link.parent, ctx.txn, ctx.catalog);
  std::unordered_set<std::string> seen;
  auto it = store.ScanPrimary(nullptr);
  Row row, key, values;
  for (; it->Valid(); it->Next()) {
    ZJ_RETURN_IF_ERROR(store.DecodeRow(it->value(), &row));
    bool mixed = false;
    if (!ReferencingKey(fk, row, &key, &mixed)) continue;
    if (mixed) return MixedNulls(link);
    if (!seen.insert(EncodeKey(key)).second) continue;
    bool found = false;
    // Locked as an insert would lock it: the key cannot go away before this commits.
    if (ToParentKey(link, key, &values)) {
      ZJ_RETURN_IF_ERROR(parent.KeyShareLock(*link.index, values, &found));
    }
    if (!found) return NotPresent(link, key);
  }
  return it->status();
}

}  // namespace zijin::exec
