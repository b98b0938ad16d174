// Foreign keys at run time (internal to exec): the checks and actions PostgreSQL runs as
// referential-integrity triggers at the end of each INSERT, UPDATE and DELETE.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "catalog/catalog.h"
#include "exec/executor.h"

namespace zijin::exec {

class TableStore;

// The foreign-key work of one DML statement on one table. Rows are noted as the statement
// writes them; at its end (Finish) the actions on rows referencing changed keys run (NO
// ACTION / RESTRICT checks, CASCADE, SET NULL, SET DEFAULT), then the keys new rows reference
// are looked up and locked in share mode. Checking at the end of the statement, as PostgreSQL
// does, lets one statement insert rows that reference each other.
class ForeignKeyWork {
 public:
  // nullptr when the table neither references nor is referenced by any table.
  static Result<std::unique_ptr<ForeignKeyWork>> Make(const catalog::Table& table,
                                                      ExecContext* ctx);
  ~ForeignKeyWork();

  // Before the row under `pk` (contents `old_row`) is deleted, or updated to `new_row`: locks
  // the keys other tables reference it by, so that no new reference to them can appear.
  Status LockReferencedKeys(TableStore* store, std::string_view pk, const Row& old_row,
                            const Row* new_row);
  void RowInserted(const Row& row);
  void RowUpdated(const Row& old_row, const Row& new_row);
  void RowDeleted(const Row& old_row);
  // Runs the work, then the work of the statements its actions ran, and theirs, in order.
  Status Finish();

  // A foreign key resolved against one catalog version.
  struct Link {
    const catalog::Table* child = nullptr;
    const catalog::ForeignKey* fk = nullptr;
    const catalog::Table* parent = nullptr;
    const catalog::Index* index = nullptr;  // the parent's unique index over fk->ref_columns
    std::vector<size_t> order;              // index column i is key column order[i] of fk
  };

 private:
  // A key a new or changed row references (in the order of fk->columns), to look up.
  struct Check {
    Row key;
    bool mixed_nulls = false;  // MATCH FULL with some but not all columns NULL
  };
  struct Outbound {
    Link link;
    std::unordered_set<std::string> seen;  // keys already queued for a check
    bool mixed_seen = false;
  };
  // A referenced key deleted, or changed to `new_key` (parent values in fk->ref_columns order).
  struct Event {
    bool update = false;
    Row old_key;
    Row new_key;
  };
  // Work queued in the order PostgreSQL fires its triggers: row by row, and for each row the
  // actions on rows referencing it before the checks of the keys it references.
  struct Item {
    bool action = false;  // an Event of inbound_[link], else a Check of outbound_[link]
    size_t link = 0;
    Event event;
    Check check;
  };

  explicit ForeignKeyWork(ExecContext* ctx) : ctx_(ctx) {}
  // Runs the queued items; statements run by actions add their work to `queue`.
  Status RunItems(const std::shared_ptr<ForeignKeyQueue>& queue);
  void NoteReference(size_t i, const Row& row);
  Status RunCheck(const Link& link, const Check& check);
  Status RunAction(size_t i, const Event& ev);
  // Before many NO ACTION / RESTRICT checks against a referencing table without an index on
  // its key: one scan finds which of the keys it references (see Finish).
  Status FindReferencedKeys(size_t i, const std::vector<Item>& queue);
  // Whether the parent holds `key` (fk->ref_columns order) again, locking it when it does.
  Result<bool> ParentHasKey(const Link& link, const Row& key);
  // Runs one of the statements foreign keys issue; `got_row`: whether a query returned a row.
  Status Run(const std::string& sql, const std::vector<types::LogicalType>& types,
             const Row& params, bool* got_row);

  ExecContext* ctx_;
  std::shared_ptr<ForeignKeyQueue> running_;  // the queue of the work running, in RunItems
  std::vector<Outbound> outbound_;
  std::vector<Link> inbound_;  // keys of other tables (or this one) referencing this table
  // Per inbound_ entry, when FindReferencedKeys ran: the keys (encoded as the referencing
  // columns hold them) that rows reference.
  std::vector<std::unique_ptr<std::unordered_set<std::string>>> present_;
  std::vector<Item> queue_;
  std::vector<const catalog::Index*> referenced_;  // indexes of this table that keys point at
};

// The foreign-key work of the statements that actions ran, waiting its turn, with the context
// it runs in.
struct ForeignKeyQueue {
  struct Entry {
    std::shared_ptr<ExecContext> ctx;
    std::unique_ptr<ForeignKeyWork> work;
  };
  std::deque<Entry> entries;
};

}  // namespace zijin::exec
