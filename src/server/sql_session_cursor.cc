// SQL cursors: DECLARE, FETCH / MOVE and CLOSE, over the portals the extended protocol uses.
#include "parser/syntax.h"
#include "server/sql_session_internal.h"
#include "storage/engine.h"

namespace zijin::server {

namespace {

RunResult Tag(std::string tag) {
  RunResult r;
  r.tag = std::move(tag);
  return r;
}

// MOVE's rows go nowhere.
class DiscardSink : public exec::RowSink {
 public:
  Status Row(const exec::Row&) override { return Status::OK(); }
};

Status ForwardOnly() {
  return Status::Error(sqlstate::kObjectNotInPrerequisiteState, "cursor can only scan forward");
}

}  // namespace

Result<PortalImpl*> SqlSession::Impl::FindCursor(const std::string& name) {
  auto it = cursors.find(name);
  if (it == cursors.end()) {
    return Status::Error(sqlstate::kInvalidCursorName, "cursor \"" + name + "\" does not exist");
  }
  return it->second.get();
}

Result<RunResult> SqlSession::Impl::RunDeclareCursor(const parser::Statement& stmt,
                                                     const PortalImpl* outer) {
  const auto& d = static_cast<const parser::DeclareCursorStatement&>(stmt);
  if (d.hold) return Status::NotSupported("DECLARE CURSOR WITH HOLD is not supported yet");
  if (!explicit_block) {
    return Status::Error(sqlstate::kNoActiveSqlTransaction,
                         "DECLARE CURSOR can only be used in transaction blocks");
  }
  if (d.scroll) return Status::NotSupported("DECLARE SCROLL CURSOR is not supported yet");
  if (d.binary) return Status::NotSupported("DECLARE BINARY CURSOR is not supported yet");
  if (cursors.count(d.name) != 0) {
    return Status::Error(sqlstate::kDuplicateCursor, "cursor \"" + d.name + "\" already exists");
  }
  if (outer == nullptr) return Status::Internal("DECLARE without a portal");
  auto p = std::make_shared<PreparedImpl>();
  // Positions of errors stay those of the DECLARE statement's text.
  p->text = outer->prepared->text;
  p->text_offset = outer->prepared->text_offset;
  // The query lives inside the DECLARE statement's tree: share its ownership.
  p->stmt = std::shared_ptr<const parser::Statement>(outer->prepared->stmt, d.query.get());
  p->param_types = outer->prepared->param_types;
  p->param_types_given.assign(p->param_types.size(), true);
  ZJ_RETURN_IF_ERROR(EnsurePlannedAndLocked(p.get()));
  auto cursor = std::make_unique<PortalImpl>();
  cursor->prepared = p;
  cursor->plan = p->plan;
  cursor->params = outer->params;
  if (cursor->plan->writes && txn->read_only()) {
    return Status::Error(sqlstate::kReadOnlySqlTransaction,
                         "cannot execute SELECT FOR UPDATE in a read-only transaction");
  }
  // Opened now, with a snapshot of its own: later statements of the transaction do not change
  // what it returns (under READ COMMITTED they read newer snapshots).
  ZJ_RETURN_IF_ERROR(StartPortal(cursor.get(), /*own_view=*/true, nullptr));
  cursors[d.name] = std::move(cursor);
  return Tag("DECLARE CURSOR");
}

Result<RunResult> SqlSession::Impl::RunFetch(const parser::Statement& stmt, exec::RowSink* sink) {
  const auto& f = static_cast<const parser::FetchStatement&>(stmt);
  ZJ_ASSIGN_OR_RETURN(PortalImpl * cursor, FindCursor(f.name));
  // Cursors read forward only: what is skipped is read and dropped, what goes back fails.
  const int64_t position = static_cast<int64_t>(cursor->rows);
  int64_t skip = 0, want = f.count;  // want -1: all
  if (f.direction == "first") {
    if (position != 0) return ForwardOnly();
    want = 1;
  } else if (f.direction == "relative") {
    if (f.count <= 0) return ForwardOnly();
    skip = f.count - 1;
    want = 1;
  } else if (f.direction == "absolute") {
    if (f.count <= position) return ForwardOnly();
    skip = f.count - position - 1;
    want = 1;
  } else if (!f.direction.empty()) {  // backward, prior, last
    return ForwardOnly();
  } else if (f.count == 0) {
    return ForwardOnly();  // re-fetching the current row needs a step back
  }
  DiscardSink discard;
  uint64_t before = cursor->rows;
  if (skip > 0 && cursor->op) ZJ_RETURN_IF_ERROR(Fetch(cursor, skip, &discard).status());
  uint64_t returned_from = cursor->rows;
  if (cursor->op) {
    ZJ_RETURN_IF_ERROR(Fetch(cursor, want < 0 ? 0 : want, f.move ? &discard : sink).status());
  }
  // MOVE counts the rows it passed over, FETCH the rows it returned.
  uint64_t n = cursor->rows - (f.move ? before : returned_from);
  return Tag((f.move ? "MOVE " : "FETCH ") + std::to_string(n));
}

Result<RunResult> SqlSession::Impl::RunCloseCursor(const parser::Statement& stmt) {
  const std::string& name = static_cast<const parser::CloseCursorStatement&>(stmt).name;
  if (name.empty()) {
    cursors.clear();
    return Tag("CLOSE CURSOR ALL");
  }
  ZJ_RETURN_IF_ERROR(FindCursor(name).status());
  cursors.erase(name);
  return Tag("CLOSE CURSOR");
}

Status SqlSession::Impl::AnalyzeFetch(PreparedImpl* p) {
  const auto& f = static_cast<const parser::FetchStatement&>(*p->stmt);
  p->columns.clear();
  p->returns_rows = false;
  if (f.move) return Status::OK();
  ZJ_ASSIGN_OR_RETURN(PortalImpl * cursor, FindCursor(f.name));
  p->columns = cursor->prepared->columns;
  p->returns_rows = true;
  return Status::OK();
}

}  // namespace zijin::server
