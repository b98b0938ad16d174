// Catalog persistence (objects as rows under table id 0), bootstrap, and runtime counters.
#include "catalog/catalog.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "storage/engine.h"

namespace zijin::catalog {
namespace {

// Object kinds in catalog keys: [0 BE32][kind BE32][oid BE32].
enum : uint32_t {
  kMetaKind = 0,
  kDatabaseKind = 1,
  kSchemaKind = 2,
  kTableKind = 3,
  kSequenceKind = 4,
  kViewKind = 5,
  kSequenceStateKind = 6,
};
constexpr uint32_t kFormatVersion = 1;
// Tables are written in version 2 (foreign keys after the checks); version 1 entries, written
// before foreign keys existed, are read as tables without any.
constexpr uint32_t kTableFormatVersion = 2;

void PutBE32(std::string* out, uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  out->append(b, 4);
}

uint32_t GetBE32(const char* p) {
  auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}

std::string CatalogKey(uint32_t kind, Oid oid) {
  std::string k;
  PutBE32(&k, 0);
  PutBE32(&k, kind);
  PutBE32(&k, oid);
  return k;
}

// A minimal serializer for catalog rows: varints and length-prefixed strings.
class Enc {
 public:
  void U64(uint64_t v) {
    while (v >= 0x80) {
      s_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    s_.push_back(static_cast<char>(v));
  }
  void I64(int64_t v) { U64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void Str(std::string_view v) {
    U64(v.size());
    s_.append(v);
  }
  void Bool(bool b) { U64(b ? 1 : 0); }
  void Type(const types::LogicalType& t) {
    U64(t.PgOid());
    I64(t.typmod);
  }
  std::string& str() { return s_; }

 private:
  std::string s_;
};

class Dec {
 public:
  explicit Dec(std::string_view s) : p_(s) {}
  uint64_t U64() {
    uint64_t v = 0;
    int shift = 0;
    while (!p_.empty()) {
      auto c = static_cast<unsigned char>(p_[0]);
      p_.remove_prefix(1);
      v |= uint64_t{c & 0x7fu} << shift;
      if (!(c & 0x80)) return v;
      shift += 7;
      if (shift > 63) break;
    }
    bad_ = true;
    return 0;
  }
  int64_t I64() {
    uint64_t u = U64();
    return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  }
  std::string Str() {
    uint64_t n = U64();
    if (n > p_.size()) {
      bad_ = true;
      return {};
    }
    std::string s(p_.substr(0, n));
    p_.remove_prefix(n);
    return s;
  }
  bool Bool() { return U64() != 0; }
  types::LogicalType Type() {
    types::LogicalType t = types::TypeFromPgOid(static_cast<uint32_t>(U64()));
    t.typmod = static_cast<int32_t>(I64());
    return t;
  }
  bool bad() const { return bad_; }

 private:
  std::string_view p_;
  bool bad_ = false;
};

Status Corrupt(std::string what) {
  return Status::Error(sqlstate::kDataCorrupted, "catalog entry is corrupt: " + what);
}

std::string EncodeTable(const Table& t) {
  Enc e;
  e.U64(kTableFormatVersion);
  e.U64(t.oid);
  e.Str(t.name);
  e.U64(t.schema);
  e.U64(t.database);
  e.U64(t.next_index_id);
  e.U64(t.columns.size());
  for (const auto& c : t.columns) {
    e.Str(c.name);
    e.Type(c.type);
    e.Bool(c.not_null);
    e.Str(c.default_expr);
    e.Bool(c.dropped);
    e.Bool(c.has_missing);
    e.Str(c.missing_value);
  }
  e.U64(t.indexes.size());
  for (const auto& ix : t.indexes) {
    e.U64(ix.oid);
    e.Str(ix.name);
    e.U64(ix.columns.size());
    for (size_t i = 0; i < ix.columns.size(); ++i) {
      e.U64(static_cast<uint64_t>(ix.columns[i]));
      e.Bool(ix.descending[i]);
    }
    e.Bool(ix.unique);
    e.Bool(ix.primary);
    e.U64(ix.index_id);
  }
  e.U64(t.checks.size());
  for (const auto& c : t.checks) {
    e.Str(c.name);
    e.Str(c.expr);
  }
  auto ints = [&](const std::vector<int>& v) {
    e.U64(v.size());
    for (int x : v) e.U64(static_cast<uint64_t>(x));
  };
  e.U64(t.foreign_keys.size());
  for (const auto& fk : t.foreign_keys) {
    e.U64(fk.oid);
    e.Str(fk.name);
    ints(fk.columns);
    e.U64(fk.ref_table);
    ints(fk.ref_columns);
    e.U64(static_cast<unsigned char>(fk.on_delete));
    e.U64(static_cast<unsigned char>(fk.on_update));
    e.U64(static_cast<unsigned char>(fk.match));
    ints(fk.delete_set_columns);
    e.Bool(fk.deferrable);
    e.Bool(fk.validated);
  }
  return std::move(e.str());
}

Result<Table> DecodeTable(std::string_view data) {
  Dec d(data);
  Table t;
  uint64_t version = d.U64();
  if (version != 1 && version != kTableFormatVersion) return Corrupt("table format version");
  t.oid = static_cast<Oid>(d.U64());
  t.name = d.Str();
  t.schema = static_cast<Oid>(d.U64());
  t.database = static_cast<Oid>(d.U64());
  t.next_index_id = static_cast<uint32_t>(d.U64());
  uint64_t ncols = d.U64();
  for (uint64_t i = 0; i < ncols && !d.bad(); ++i) {
    Column c;
    c.name = d.Str();
    c.type = d.Type();
    c.not_null = d.Bool();
    c.default_expr = d.Str();
    c.dropped = d.Bool();
    c.has_missing = d.Bool();
    c.missing_value = d.Str();
    t.columns.push_back(std::move(c));
  }
  uint64_t nidx = d.U64();
  for (uint64_t i = 0; i < nidx && !d.bad(); ++i) {
    Index ix;
    ix.oid = static_cast<Oid>(d.U64());
    ix.name = d.Str();
    uint64_t n = d.U64();
    for (uint64_t k = 0; k < n && !d.bad(); ++k) {
      ix.columns.push_back(static_cast<int>(d.U64()));
      ix.descending.push_back(d.Bool());
    }
    ix.unique = d.Bool();
    ix.primary = d.Bool();
    ix.index_id = static_cast<uint32_t>(d.U64());
    t.indexes.push_back(std::move(ix));
  }
  uint64_t nchecks = d.U64();
  for (uint64_t i = 0; i < nchecks && !d.bad(); ++i) {
    Check c;
    c.name = d.Str();
    c.expr = d.Str();
    t.checks.push_back(std::move(c));
  }
  auto ints = [&](std::vector<int>* v) {
    uint64_t n = d.U64();
    for (uint64_t k = 0; k < n && !d.bad(); ++k) v->push_back(static_cast<int>(d.U64()));
  };
  auto action = [&]() {
    auto a = static_cast<FkAction>(static_cast<char>(d.U64()));
    switch (a) {
      case FkAction::kNoAction:
      case FkAction::kRestrict:
      case FkAction::kCascade:
      case FkAction::kSetNull:
      case FkAction::kSetDefault:
        return a;
    }
    return FkAction::kNoAction;
  };
  uint64_t nfks = version >= 2 ? d.U64() : 0;
  for (uint64_t i = 0; i < nfks && !d.bad(); ++i) {
    ForeignKey fk;
    fk.oid = static_cast<Oid>(d.U64());
    fk.name = d.Str();
    ints(&fk.columns);
    fk.ref_table = static_cast<Oid>(d.U64());
    ints(&fk.ref_columns);
    fk.on_delete = action();
    fk.on_update = action();
    fk.match = static_cast<char>(d.U64()) == 'f' ? FkMatch::kFull : FkMatch::kSimple;
    ints(&fk.delete_set_columns);
    fk.deferrable = d.Bool();
    fk.validated = d.Bool();
    t.foreign_keys.push_back(std::move(fk));
  }
  if (d.bad()) return Corrupt("table " + t.name);
  return t;
}

}  // namespace

std::string TablePrefix(Oid table) {
  std::string k;
  PutBE32(&k, table);
  return k;
}

std::string IndexPrefix(Oid table, uint32_t index_id) {
  std::string k;
  PutBE32(&k, table);
  PutBE32(&k, index_id);
  return k;
}

std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty()) {
    auto c = static_cast<unsigned char>(prefix.back());
    if (c != 0xff) {
      prefix.back() = static_cast<char>(c + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return std::string(16, '\xff');
}

int Table::FindColumn(std::string_view n) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i].dropped && columns[i].name == n) return static_cast<int>(i);
  }
  return -1;
}

const Index* Table::UniqueIndexOn(const std::vector<int>& cols) const {
  for (const auto& ix : indexes) {
    if (!ix.unique || ix.columns.size() != cols.size()) continue;
    bool same = true;
    for (int c : ix.columns) {
      bool found = false;
      for (int x : cols) found = found || x == c;
      same = same && found;
    }
    if (same) return &ix;
  }
  return nullptr;
}

size_t Table::live_column_count() const {
  size_t n = 0;
  for (const auto& c : columns) n += c.dropped ? 0 : 1;
  return n;
}

const Database* CatalogData::FindDatabase(std::string_view name) const {
  for (const auto& [oid, d] : databases) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

const Schema* CatalogData::FindSchema(Oid database, std::string_view name) const {
  for (const auto& [oid, s] : schemas) {
    if (s.name == name && (s.database == database || s.database == 0)) return &s;
  }
  return nullptr;
}

bool CatalogData::FindRelation(Oid schema, std::string_view name, RelKind* kind, Oid* oid) const {
  for (const auto& [o, t] : tables) {
    if (t->schema == schema && t->name == name) {
      *kind = RelKind::kTable;
      *oid = o;
      return true;
    }
    for (const auto& ix : t->indexes) {
      if (t->schema == schema && ix.name == name) {
        *kind = RelKind::kIndex;
        *oid = ix.oid;
        return true;
      }
    }
  }
  for (const auto& [o, s] : sequences) {
    if (s.schema == schema && s.name == name) {
      *kind = RelKind::kSequence;
      *oid = o;
      return true;
    }
  }
  for (const auto& [o, v] : views) {
    if (v.schema == schema && v.name == name) {
      *kind = RelKind::kView;
      *oid = o;
      return true;
    }
  }
  return false;
}

const Table* CatalogData::GetTable(Oid oid) const {
  auto it = tables.find(oid);
  return it == tables.end() ? nullptr : it->second.get();
}

std::vector<CatalogData::Reference> CatalogData::ReferencesTo(Oid table) const {
  std::vector<Reference> out;
  for (const auto& [oid, t] : tables) {
    for (const auto& fk : t->foreign_keys) {
      if (fk.ref_table == table) out.push_back(Reference{t.get(), &fk});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Reference& a, const Reference& b) { return a.key->oid < b.key->oid; });
  return out;
}

Status CatalogWriter::PutDatabase(const Database& d) {
  Enc e;
  e.U64(kFormatVersion);
  e.U64(d.oid);
  e.Str(d.name);
  return txn_->Put(CatalogKey(kDatabaseKind, d.oid), e.str());
}

Status CatalogWriter::PutSchema(const Schema& s) {
  Enc e;
  e.U64(kFormatVersion);
  e.U64(s.oid);
  e.Str(s.name);
  e.U64(s.database);
  return txn_->Put(CatalogKey(kSchemaKind, s.oid), e.str());
}

Status CatalogWriter::PutTable(const Table& t) {
  return txn_->Put(CatalogKey(kTableKind, t.oid), EncodeTable(t));
}

Status CatalogWriter::PutSequence(const Sequence& s) {
  Enc e;
  e.U64(kFormatVersion);
  e.U64(s.oid);
  e.Str(s.name);
  e.U64(s.schema);
  e.U64(s.database);
  e.I64(s.start);
  e.I64(s.increment);
  e.I64(s.min);
  e.I64(s.max);
  e.I64(s.cache);
  e.Bool(s.cycle);
  e.U64(s.owned_by_table);
  e.Str(s.owned_by_column);
  return txn_->Put(CatalogKey(kSequenceKind, s.oid), e.str());
}

Status CatalogWriter::PutView(const View& v) {
  Enc e;
  e.U64(kFormatVersion);
  e.U64(v.oid);
  e.Str(v.name);
  e.U64(v.schema);
  e.U64(v.database);
  e.Str(v.sql);
  e.U64(v.column_names.size());
  for (const auto& c : v.column_names) e.Str(c);
  return txn_->Put(CatalogKey(kViewKind, v.oid), e.str());
}

Status CatalogWriter::DeleteObject(RelKind kind, Oid oid) {
  switch (kind) {
    case RelKind::kTable: return txn_->Delete(CatalogKey(kTableKind, oid));
    case RelKind::kSequence:
      ZJ_RETURN_IF_ERROR(txn_->Delete(CatalogKey(kSequenceStateKind, oid)));
      return txn_->Delete(CatalogKey(kSequenceKind, oid));
    case RelKind::kView: return txn_->Delete(CatalogKey(kViewKind, oid));
    case RelKind::kIndex: return Status::OK();  // indexes live inside their table's entry
  }
  return Status::OK();
}

Status CatalogWriter::DeleteDatabase(Oid oid) { return txn_->Delete(CatalogKey(kDatabaseKind, oid)); }
Status CatalogWriter::DeleteSchema(Oid oid) { return txn_->Delete(CatalogKey(kSchemaKind, oid)); }

Result<std::unique_ptr<Catalog>> Catalog::Open(storage::Engine* engine) {
  std::unique_ptr<Catalog> c(new Catalog(engine));
  ZJ_RETURN_IF_ERROR(c->Load());
  return c;
}

Status Catalog::Load() {
  auto data = std::make_shared<CatalogData>();
  std::string meta;
  bool found = false;
  ZJ_RETURN_IF_ERROR(engine_->Get(nullptr, CatalogKey(kMetaKind, 0), &meta, &found));
  if (!found) {
    // Bootstrap a fresh store: the postgres database with its public schema.
    auto txn = engine_->BeginTransaction({});
    CatalogWriter w(txn.get());
    data->databases[kPostgresDatabase] = Database{kPostgresDatabase, "postgres"};
    data->schemas[kPublicNamespace] = Schema{kPublicNamespace, "public", kPostgresDatabase};
    ZJ_RETURN_IF_ERROR(w.PutDatabase(data->databases[kPostgresDatabase]));
    ZJ_RETURN_IF_ERROR(w.PutSchema(data->schemas[kPublicNamespace]));
    Enc e;
    e.U64(kFirstUserOid);
    ZJ_RETURN_IF_ERROR(txn->Put(CatalogKey(kMetaKind, 0), e.str()));
    ZJ_RETURN_IF_ERROR(txn->Commit(true));
  } else {
    Dec d(meta);
    next_oid_ = reserved_oid_ = static_cast<Oid>(d.U64());
    if (d.bad() || next_oid_ < kFirstUserOid) return Corrupt("OID counter");
  }
  // The built-in schemas exist in every database (database 0).
  data->schemas[kPgCatalogNamespace] = Schema{kPgCatalogNamespace, "pg_catalog", 0};
  data->schemas[kInformationSchemaNamespace] =
      Schema{kInformationSchemaNamespace, "information_schema", 0};

  auto txn = engine_->BeginTransaction({});
  std::string lo = CatalogKey(kDatabaseKind, 0);
  std::string hi = CatalogKey(kSequenceStateKind, 0);
  auto it = txn->Scan(nullptr, lo, hi);
  for (; it->Valid(); it->Next()) {
    std::string_view k = it->key();
    if (k.size() != 12) return Corrupt("key size");
    uint32_t kind = GetBE32(k.data() + 4);
    Dec d(it->value());
    if (kind != kTableKind && d.U64() != kFormatVersion) return Corrupt("format version");
    switch (kind) {
      case kDatabaseKind: {
        Database db;
        db.oid = static_cast<Oid>(d.U64());
        db.name = d.Str();
        data->databases[db.oid] = db;
        break;
      }
      case kSchemaKind: {
        Schema s;
        s.oid = static_cast<Oid>(d.U64());
        s.name = d.Str();
        s.database = static_cast<Oid>(d.U64());
        data->schemas[s.oid] = s;
        break;
      }
      case kTableKind: {
        ZJ_ASSIGN_OR_RETURN(Table t, DecodeTable(it->value()));
        for (const auto& ix : t.indexes) data->index_owner[ix.oid] = t.oid;
        data->tables[t.oid] = std::make_shared<const Table>(std::move(t));
        break;
      }
      case kSequenceKind: {
        Sequence s;
        s.oid = static_cast<Oid>(d.U64());
        s.name = d.Str();
        s.schema = static_cast<Oid>(d.U64());
        s.database = static_cast<Oid>(d.U64());
        s.start = d.I64();
        s.increment = d.I64();
        s.min = d.I64();
        s.max = d.I64();
        s.cache = d.I64();
        s.cycle = d.Bool();
        s.owned_by_table = static_cast<Oid>(d.U64());
        s.owned_by_column = d.Str();
        data->sequences[s.oid] = s;
        break;
      }
      case kViewKind: {
        View v;
        v.oid = static_cast<Oid>(d.U64());
        v.name = d.Str();
        v.schema = static_cast<Oid>(d.U64());
        v.database = static_cast<Oid>(d.U64());
        v.sql = d.Str();
        uint64_t n = d.U64();
        for (uint64_t i = 0; i < n && !d.bad(); ++i) v.column_names.push_back(d.Str());
        data->views[v.oid] = v;
        break;
      }
      default: return Corrupt("unknown kind " + std::to_string(kind));
    }
    if (d.bad()) return Corrupt("entry of kind " + std::to_string(kind));
  }
  ZJ_RETURN_IF_ERROR(it->status());
  current_ = std::move(data);
  return Status::OK();
}

std::shared_ptr<const CatalogData> Catalog::Current() const {
  std::lock_guard<std::mutex> g(mu_);
  return current_;
}

std::shared_ptr<const CatalogData> Catalog::Current(uint64_t* version) const {
  std::lock_guard<std::mutex> g(mu_);
  *version = version_.load(std::memory_order_relaxed);
  return current_;
}

void Catalog::Publish(std::shared_ptr<const CatalogData> data) {
  std::lock_guard<std::mutex> g(mu_);
  current_ = std::move(data);
  version_.fetch_add(1, std::memory_order_release);
}

Result<Oid> Catalog::AllocateOid() {
  // The stored counter runs ahead of the OIDs handed out by a block, so most allocations write
  // nothing. The write is not synced: a commit that used an OID syncs the log up to it.
  constexpr Oid kReserve = 64;
  std::lock_guard<std::mutex> g(oid_mu_);
  if (next_oid_ >= reserved_oid_) {
    Enc e;
    e.U64(next_oid_ + kReserve);
    ZJ_RETURN_IF_ERROR(engine_->PutDurable(CatalogKey(kMetaKind, 0), e.str(), false));
    reserved_oid_ = next_oid_ + kReserve;
  }
  return next_oid_++;
}

namespace {

// Merges one map of catalog objects (see MergeCatalog); `same` compares two versions of an
// object.
template <typename Map, typename Same>
Status MergeObjects(const Map& base, const Map& mine, const Map& current, Map* out, Same same,
                    const char* what) {
  *out = current;
  auto changed = [&](const Map& m, Oid oid) {
    auto b = base.find(oid);
    auto x = m.find(oid);
    if ((b == base.end()) != (x == m.end())) return true;
    return b != base.end() && !same(b->second, x->second);
  };
  auto visit = [&](Oid oid) -> Status {
    if (!changed(mine, oid)) return Status::OK();
    if (changed(current, oid)) {
      return Status::Error(sqlstate::kSerializationFailure,
                           std::string("could not serialize access due to concurrent change of ") +
                               what + " " + std::to_string(oid));
    }
    auto x = mine.find(oid);
    if (x == mine.end()) {
      out->erase(oid);
    } else {
      (*out)[oid] = x->second;
    }
    return Status::OK();
  };
  for (const auto& [oid, v] : base) ZJ_RETURN_IF_ERROR(visit(oid));
  for (const auto& [oid, v] : mine) {
    if (base.find(oid) == base.end()) ZJ_RETURN_IF_ERROR(visit(oid));
  }
  return Status::OK();
}

}  // namespace

Result<std::shared_ptr<CatalogData>> MergeCatalog(const CatalogData& base, const CatalogData& mine,
                                                  const CatalogData& current) {
  auto out = std::make_shared<CatalogData>();
  auto eq = [](const auto& a, const auto& b) { return a == b; };
  // Tables are replaced, never changed in place: the pointer tells whether one changed.
  ZJ_RETURN_IF_ERROR(MergeObjects(base.tables, mine.tables, current.tables, &out->tables, eq,
                                  "relation"));
  ZJ_RETURN_IF_ERROR(MergeObjects(base.sequences, mine.sequences, current.sequences,
                                  &out->sequences, eq, "sequence"));
  ZJ_RETURN_IF_ERROR(
      MergeObjects(base.views, mine.views, current.views, &out->views, eq, "view"));
  ZJ_RETURN_IF_ERROR(
      MergeObjects(base.schemas, mine.schemas, current.schemas, &out->schemas, eq, "schema"));
  ZJ_RETURN_IF_ERROR(MergeObjects(base.databases, mine.databases, current.databases,
                                  &out->databases, eq, "database"));
  for (const auto& [oid, t] : out->tables) {
    for (const auto& ix : t->indexes) out->index_owner[ix.oid] = oid;
  }
  // Names stay unique: relations per schema, schemas per database, databases.
  auto duplicate = [](const std::string& what, const std::string& name) {
    return Status::Error(sqlstate::kDuplicateTable, what + " \"" + name + "\" already exists")
        .WithDetail("It was created by a concurrent transaction.");
  };
  std::set<std::pair<Oid, std::string>> names;
  auto add = [&](Oid schema, const std::string& name) {
    return names.emplace(schema, name).second ? Status::OK() : duplicate("relation", name);
  };
  for (const auto& [oid, t] : out->tables) {
    ZJ_RETURN_IF_ERROR(add(t->schema, t->name));
    for (const auto& ix : t->indexes) ZJ_RETURN_IF_ERROR(add(t->schema, ix.name));
  }
  for (const auto& [oid, s] : out->sequences) ZJ_RETURN_IF_ERROR(add(s.schema, s.name));
  for (const auto& [oid, v] : out->views) ZJ_RETURN_IF_ERROR(add(v.schema, v.name));
  names.clear();
  for (const auto& [oid, s] : out->schemas) {
    if (!names.emplace(s.database, s.name).second) {
      return Status::Error(sqlstate::kDuplicateSchema, "schema \"" + s.name + "\" already exists");
    }
  }
  names.clear();
  for (const auto& [oid, d] : out->databases) {
    if (!names.emplace(0, d.name).second) {
      return Status::Error(sqlstate::kDuplicateDatabase,
                           "database \"" + d.name + "\" already exists");
    }
  }
  return out;
}

Result<uint64_t> Catalog::NextRowId(Oid table) {
  std::lock_guard<std::mutex> g(runtime_mu_);
  auto it = next_rowid_.find(table);
  if (it == next_rowid_.end()) {
    // First use since start: continue after the greatest row id stored.
    std::string prefix = IndexPrefix(table, 1);
    std::string last;
    bool found = false;
    ZJ_RETURN_IF_ERROR(engine_->LastKey(prefix, PrefixEnd(prefix), &last, &found));
    uint64_t next = 1;
    if (found && last.size() == prefix.size() + 8) {
      next = (uint64_t{GetBE32(last.data() + 8)} << 32 | GetBE32(last.data() + 12)) + 1;
    }
    it = next_rowid_.emplace(table, next).first;
  }
  return it->second++;
}

Result<std::pair<int64_t, bool>> Catalog::SequenceState(const Sequence& seq) {
  std::lock_guard<std::mutex> g(runtime_mu_);
  auto it = seq_state_.find(seq.oid);
  if (it != seq_state_.end()) return std::make_pair(it->second.last, it->second.is_called);
  std::string v;
  bool found = false;
  ZJ_RETURN_IF_ERROR(engine_->Get(nullptr, CatalogKey(kSequenceStateKind, seq.oid), &v, &found));
  SeqState st{seq.start, false};
  if (found) {
    Dec d(v);
    st.last = d.I64();
    st.is_called = d.Bool();
  }
  seq_state_[seq.oid] = st;
  return std::make_pair(st.last, st.is_called);
}

Result<int64_t> Catalog::NextVal(const Sequence& seq) {
  ZJ_RETURN_IF_ERROR(SequenceState(seq).status());
  std::lock_guard<std::mutex> g(runtime_mu_);
  SeqState& st = seq_state_[seq.oid];
  int64_t next = st.last;
  if (st.is_called) {
    bool overflow = __builtin_add_overflow(st.last, seq.increment, &next);
    if (overflow || next > seq.max || next < seq.min) {
      if (!seq.cycle) {
        return Status::Error(sqlstate::kSequenceGeneratorLimitExceeded,
                             "nextval: reached " + std::string(seq.increment > 0 ? "maximum" : "minimum") +
                                 " value of sequence \"" + seq.name + "\" (" +
                                 std::to_string(seq.increment > 0 ? seq.max : seq.min) + ")");
      }
      next = seq.increment > 0 ? seq.min : seq.max;
    }
  }
  // Written to the log before the value is handed out; a later synced commit that used the
  // value makes this write durable too, so the sequence never goes back after a crash.
  Enc e;
  e.I64(next);
  e.Bool(true);
  ZJ_RETURN_IF_ERROR(engine_->PutDurable(CatalogKey(kSequenceStateKind, seq.oid), e.str(), false));
  st.last = next;
  st.is_called = true;
  return next;
}

Status Catalog::SetVal(const Sequence& seq, int64_t value, bool is_called) {
  if (value < seq.min || value > seq.max) {
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         "setval: value " + std::to_string(value) + " is out of bounds for sequence \"" +
                             seq.name + "\" (" + std::to_string(seq.min) + ".." +
                             std::to_string(seq.max) + ")");
  }
  std::lock_guard<std::mutex> g(runtime_mu_);
  Enc e;
  e.I64(value);
  e.Bool(is_called);
  ZJ_RETURN_IF_ERROR(engine_->PutDurable(CatalogKey(kSequenceStateKind, seq.oid), e.str(), false));
  seq_state_[seq.oid] = SeqState{value, is_called};
  return Status::OK();
}

void Catalog::ForgetRuntimeState(Oid oid) {
  std::lock_guard<std::mutex> g(runtime_mu_);
  next_rowid_.erase(oid);
  seq_state_.erase(oid);
}

}  // namespace zijin::catalog
