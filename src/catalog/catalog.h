// The system catalog: databases, schemas, tables, indexes, sequences and views, persisted as
// rows in the store and cached as immutable versions that sessions read without locks.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/value.h"

namespace zijin::storage {
class Engine;
class Transaction;
}  // namespace zijin::storage

namespace zijin::catalog {

using Oid = uint32_t;

// Well-known OIDs, as PostgreSQL numbers them where clients look at them.
inline constexpr Oid kPgCatalogNamespace = 11;
inline constexpr Oid kPublicNamespace = 2200;
inline constexpr Oid kInformationSchemaNamespace = 13000;
inline constexpr Oid kTemplateDatabase = 1;
inline constexpr Oid kPostgresDatabase = 5;
inline constexpr Oid kSuperuserOid = 10;
inline constexpr Oid kFirstUserOid = 16384;

struct Column {
  std::string name;
  types::LogicalType type;
  bool not_null = false;
  std::string default_expr;  // SQL text of the DEFAULT expression; empty = none
  bool dropped = false;      // kept so stored rows still decode by position
  // The value rows stored before ADD COLUMN read for this column (text form); see
  // docs/internals/row_format.md. Empty with has_missing = false means NULL.
  bool has_missing = false;
  std::string missing_value;
};

struct Index {
  Oid oid = 0;
  std::string name;
  std::vector<int> columns;  // positions in Table::columns
  std::vector<bool> descending;
  bool unique = false;
  bool primary = false;
  uint32_t index_id = 0;  // key prefix within the table: 1 = primary index
};

struct Check {
  std::string name;
  std::string expr;  // SQL text
};

// What a foreign key does to referencing rows when the referenced key is deleted or updated
// (pg_constraint.confdeltype / confupdtype letters).
enum class FkAction : char {
  kNoAction = 'a',
  kRestrict = 'r',
  kCascade = 'c',
  kSetNull = 'n',
  kSetDefault = 'd',
};
// MATCH SIMPLE: a NULL in any referencing column exempts the row; MATCH FULL: all or none NULL.
enum class FkMatch : char { kSimple = 's', kFull = 'f' };

// A FOREIGN KEY constraint, kept on the referencing table.
struct ForeignKey {
  Oid oid = 0;  // orders constraints by creation, as PostgreSQL's OIDs do
  std::string name;
  std::vector<int> columns;  // referencing columns: positions in this table's columns
  Oid ref_table = 0;
  std::vector<int> ref_columns;  // referenced columns, pairwise with `columns`
  FkAction on_delete = FkAction::kNoAction;
  FkAction on_update = FkAction::kNoAction;
  FkMatch match = FkMatch::kSimple;
  // ON DELETE SET NULL / SET DEFAULT (columns): the referencing columns set; empty = all.
  std::vector<int> delete_set_columns;
  bool deferrable = false;  // DEFERRABLE INITIALLY IMMEDIATE: checked like any other
  bool validated = true;    // false after ADD ... NOT VALID
};

enum class RelKind : char { kTable = 'r', kIndex = 'i', kSequence = 'S', kView = 'v' };

struct Table {
  Oid oid = 0;
  std::string name;
  Oid schema = 0;
  Oid database = 0;
  std::vector<Column> columns;
  std::vector<Index> indexes;  // the primary key, when there is one, is indexes[0]
  std::vector<Check> checks;
  std::vector<ForeignKey> foreign_keys;  // the keys this table's rows reference others by
  uint32_t next_index_id = 2;

  const Index* primary_key() const {
    return !indexes.empty() && indexes[0].primary ? &indexes[0] : nullptr;
  }
  // The unique index over exactly `cols` (in any order), the primary key first; nullptr when
  // there is none. Foreign keys referencing `cols` look their keys up in it.
  const Index* UniqueIndexOn(const std::vector<int>& cols) const;
  int FindColumn(std::string_view name) const;  // -1 when absent (dropped columns excluded)
  size_t live_column_count() const;
};

struct Sequence {
  Oid oid = 0;
  std::string name;
  Oid schema = 0;
  Oid database = 0;
  int64_t start = 1, increment = 1, min = 1, max = INT64_MAX, cache = 1;
  bool cycle = false;
  Oid owned_by_table = 0;
  std::string owned_by_column;

  bool operator==(const Sequence&) const = default;
};

struct View {
  Oid oid = 0;
  std::string name;
  Oid schema = 0;
  Oid database = 0;
  std::string sql;  // the defining query
  std::vector<std::string> column_names;

  bool operator==(const View&) const = default;
};

struct Schema {
  Oid oid = 0;
  std::string name;
  Oid database = 0;

  bool operator==(const Schema&) const = default;
};

struct Database {
  Oid oid = 0;
  std::string name;

  bool operator==(const Database&) const = default;
};

// One immutable version of the whole catalog. Copied and modified by DDL, then published.
struct CatalogData {
  std::map<Oid, Database> databases;
  std::map<Oid, Schema> schemas;
  std::map<Oid, std::shared_ptr<const Table>> tables;
  std::map<Oid, Sequence> sequences;
  std::map<Oid, View> views;
  std::map<Oid, Oid> index_owner;  // index oid -> table oid

  const Database* FindDatabase(std::string_view name) const;
  const Schema* FindSchema(Oid database, std::string_view name) const;
  // Any relation (table, view, sequence, index) named `name` in `schema`: its kind and oid.
  bool FindRelation(Oid schema, std::string_view name, RelKind* kind, Oid* oid) const;
  const Table* GetTable(Oid oid) const;
  // The foreign keys of other tables (and of the table itself) that reference `table`, in
  // creation order.
  struct Reference {
    const Table* table;  // the referencing table
    const ForeignKey* key;
  };
  std::vector<Reference> ReferencesTo(Oid table) const;
};

// A transaction's DDL applied to a newer version: `mine` is the transaction's private copy,
// made from `base`; the result is `current` with every object that `mine` changed (created,
// replaced, dropped) taken from `mine`. Fails with 40001 when an object changed on both sides
// or when the result would hold two relations (or schemas, databases) of one name: table locks
// keep both from happening, this is the net under them.
Result<std::shared_ptr<CatalogData>> MergeCatalog(const CatalogData& base, const CatalogData& mine,
                                                  const CatalogData& current);

// Encodes catalog objects as rows of the store, under the reserved table id 0.
class CatalogWriter {
 public:
  explicit CatalogWriter(storage::Transaction* txn) : txn_(txn) {}
  Status PutDatabase(const Database& d);
  Status PutSchema(const Schema& s);
  Status PutTable(const Table& t);
  Status PutSequence(const Sequence& s);
  Status PutView(const View& v);
  Status DeleteObject(RelKind kind, Oid oid);
  Status DeleteDatabase(Oid oid);
  Status DeleteSchema(Oid oid);

 private:
  storage::Transaction* txn_;
};

class Catalog {
 public:
  // Loads the catalog from the store, bootstrapping it (postgres database, public schema)
  // on a fresh store.
  static Result<std::unique_ptr<Catalog>> Open(storage::Engine* engine);

  std::shared_ptr<const CatalogData> Current() const;
  // The current version and its number (which grows by one at every Publish).
  std::shared_ptr<const CatalogData> Current(uint64_t* version) const;
  uint64_t version() const { return version_.load(std::memory_order_acquire); }
  // Installs a new version after the transaction that wrote it committed.
  void Publish(std::shared_ptr<const CatalogData> data);
  // Held by a DDL transaction from merging its catalog changes into the current version until
  // it published the result, so that two commits never merge into the same version.
  std::mutex& publish_mutex() { return publish_mu_; }

  // A new object identifier, unique server-wide and never reused after a restart (the counter
  // is written to the log outside any transaction, as PostgreSQL's OID counter is).
  Result<Oid> AllocateOid();

  // Hidden row ids for tables without a primary key, unique per table across restarts.
  Result<uint64_t> NextRowId(Oid table);
  // Sequence state, kept outside transactions as PostgreSQL does.
  Result<int64_t> NextVal(const Sequence& seq);
  Status SetVal(const Sequence& seq, int64_t value, bool is_called);
  // The last value nextval returned (is_called) or the start value.
  Result<std::pair<int64_t, bool>> SequenceState(const Sequence& seq);
  // Forgets the runtime state of a dropped or truncated table/sequence.
  void ForgetRuntimeState(Oid oid);

  storage::Engine* engine() { return engine_; }

 private:
  explicit Catalog(storage::Engine* engine) : engine_(engine) {}
  Status Load();

  storage::Engine* engine_;
  mutable std::mutex mu_;
  std::shared_ptr<const CatalogData> current_;  // guarded by mu_
  std::atomic<uint64_t> version_{1};            // written under mu_
  std::mutex publish_mu_;
  std::mutex oid_mu_;
  Oid next_oid_ = kFirstUserOid;      // guarded by oid_mu_
  Oid reserved_oid_ = kFirstUserOid;  // the counter stored: OIDs below it may have been used
  std::mutex runtime_mu_;
  std::map<Oid, uint64_t> next_rowid_;  // guarded by runtime_mu_
  struct SeqState {
    int64_t last = 0;
    bool is_called = false;
  };
  std::map<Oid, SeqState> seq_state_;  // guarded by runtime_mu_
};

// The index id of lock-only keys [table][kKeyLockIndexId][pk suffix], never written: they lock
// a row's primary key apart from the row (see docs/internals/key_layout.md).
inline constexpr uint32_t kKeyLockIndexId = 0xffffffff;

// Key prefixes of table data: [table oid BE32][index id BE32].
std::string TablePrefix(Oid table);
std::string IndexPrefix(Oid table, uint32_t index_id);
// The first key after every key with `prefix`.
std::string PrefixEnd(std::string prefix);

}  // namespace zijin::catalog
