// Catalog persistence: foreign keys round-trip through the store, entries written before
// foreign keys existed (table format 1) still load, and the lookups foreign keys rely on.
#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "storage/engine.h"

namespace zijin::catalog {
namespace {

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/zj_catalog_test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto engine = storage::Engine::Open(dir_, {});
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(*engine);
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::unique_ptr<storage::Engine> engine_;
};

Table MakeTable(Oid oid, const std::string& name) {
  Table t;
  t.oid = oid;
  t.name = name;
  t.schema = kPublicNamespace;
  t.database = kPostgresDatabase;
  Column id;
  id.name = "id";
  id.type = types::LogicalType(types::TypeId::kInt32);
  id.not_null = true;
  Column ref;
  ref.name = "ref";
  ref.type = types::LogicalType(types::TypeId::kInt64);
  t.columns = {id, ref};
  Index pk;
  pk.oid = oid + 1;
  pk.name = name + "_pkey";
  pk.columns = {0};
  pk.descending = {false};
  pk.unique = true;
  pk.primary = true;
  pk.index_id = 1;
  t.indexes.push_back(pk);
  return t;
}

TEST_F(CatalogTest, ForeignKeysRoundTrip) {
  {
    ASSERT_TRUE(Catalog::Open(engine_.get()).ok());
    Table parent = MakeTable(20000, "p");
    Table child = MakeTable(20010, "c");
    ForeignKey fk;
    fk.oid = 20020;
    fk.name = "c_ref_fkey";
    fk.columns = {1};
    fk.ref_table = parent.oid;
    fk.ref_columns = {0};
    fk.on_delete = FkAction::kSetNull;
    fk.on_update = FkAction::kCascade;
    fk.match = FkMatch::kFull;
    fk.delete_set_columns = {1};
    fk.deferrable = true;
    fk.validated = false;
    child.foreign_keys.push_back(fk);
    ForeignKey self = fk;
    self.oid = 20015;
    self.name = "c_id_fkey";
    self.columns = {0};
    self.ref_table = child.oid;
    self.on_delete = FkAction::kRestrict;
    self.on_update = FkAction::kNoAction;
    self.match = FkMatch::kSimple;
    self.delete_set_columns.clear();
    child.foreign_keys.push_back(self);
    auto txn = engine_->BeginTransaction({});
    CatalogWriter w(txn.get());
    ASSERT_TRUE(w.PutTable(parent).ok());
    ASSERT_TRUE(w.PutTable(child).ok());
    ASSERT_TRUE(txn->Commit(true).ok());
  }
  auto cat = Catalog::Open(engine_.get());
  ASSERT_TRUE(cat.ok()) << cat.status().ToString();
  auto data = (*cat)->Current();
  const Table* child = data->GetTable(20010);
  ASSERT_NE(child, nullptr);
  ASSERT_EQ(child->foreign_keys.size(), 2u);
  const ForeignKey& fk = child->foreign_keys[0];
  EXPECT_EQ(fk.oid, 20020u);
  EXPECT_EQ(fk.name, "c_ref_fkey");
  EXPECT_EQ(fk.columns, std::vector<int>{1});
  EXPECT_EQ(fk.ref_table, 20000u);
  EXPECT_EQ(fk.ref_columns, std::vector<int>{0});
  EXPECT_EQ(fk.on_delete, FkAction::kSetNull);
  EXPECT_EQ(fk.on_update, FkAction::kCascade);
  EXPECT_EQ(fk.match, FkMatch::kFull);
  EXPECT_EQ(fk.delete_set_columns, std::vector<int>{1});
  EXPECT_TRUE(fk.deferrable);
  EXPECT_FALSE(fk.validated);
  EXPECT_EQ(child->foreign_keys[1].on_delete, FkAction::kRestrict);

  // References to a table, in creation (OID) order, the table's own included.
  auto to_parent = data->ReferencesTo(20000);
  ASSERT_EQ(to_parent.size(), 1u);
  EXPECT_EQ(to_parent[0].table, child);
  EXPECT_EQ(to_parent[0].key->name, "c_ref_fkey");
  auto to_child = data->ReferencesTo(20010);
  ASSERT_EQ(to_child.size(), 1u);
  EXPECT_EQ(to_child[0].key->name, "c_id_fkey");
  EXPECT_TRUE(data->ReferencesTo(12345).empty());
}

// A table entry as version 1 wrote it (no foreign keys section).
std::string VersionOneTable() {
  std::string s;
  auto u64 = [&](uint64_t v) {
    while (v >= 0x80) {
      s.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    s.push_back(static_cast<char>(v));
  };
  auto i64 = [&](int64_t v) {
    u64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  };
  auto str = [&](const std::string& v) {
    u64(v.size());
    s += v;
  };
  u64(1);      // format version
  u64(30000);  // oid
  str("old");
  u64(kPublicNamespace);
  u64(kPostgresDatabase);
  u64(3);  // next index id
  u64(1);  // one column
  str("a");
  u64(23);  // int4
  i64(-1);
  u64(1);  // not null
  str("");
  u64(0);
  u64(0);
  str("");
  u64(1);  // one index: the primary key
  u64(30001);
  str("old_pkey");
  u64(1);
  u64(0);
  u64(0);
  u64(1);  // unique
  u64(1);  // primary
  u64(1);  // index id
  u64(1);  // one check
  str("old_a_check");
  str("a > 0");
  return s;
}

TEST_F(CatalogTest, VersionOneTablesStillLoad) {
  ASSERT_TRUE(Catalog::Open(engine_.get()).ok());
  std::string key(4, '\0');
  key += std::string("\0\0\0\3", 4);
  key += std::string("\0\0\x75\x30", 4);  // 30000
  auto txn = engine_->BeginTransaction({});
  ASSERT_TRUE(txn->Put(key, VersionOneTable()).ok());
  ASSERT_TRUE(txn->Commit(true).ok());

  auto cat = Catalog::Open(engine_.get());
  ASSERT_TRUE(cat.ok()) << cat.status().ToString();
  const Table* t = (*cat)->Current()->GetTable(30000);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name, "old");
  ASSERT_EQ(t->columns.size(), 1u);
  EXPECT_TRUE(t->columns[0].not_null);
  ASSERT_NE(t->primary_key(), nullptr);
  EXPECT_EQ(t->primary_key()->name, "old_pkey");
  ASSERT_EQ(t->checks.size(), 1u);
  EXPECT_EQ(t->checks[0].expr, "a > 0");
  EXPECT_TRUE(t->foreign_keys.empty());
}

TEST(CatalogTableTest, UniqueIndexOn) {
  Table t = MakeTable(1, "t");
  Column c;
  c.name = "c";
  c.type = types::LogicalType(types::TypeId::kText);
  t.columns.push_back(c);
  Index u;
  u.oid = 5;
  u.name = "t_ref_c_key";
  u.columns = {1, 2};
  u.descending = {false, false};
  u.unique = true;
  u.index_id = 2;
  t.indexes.push_back(u);
  Index plain = u;
  plain.oid = 6;
  plain.name = "t_c_idx";
  plain.columns = {2};
  plain.unique = false;
  t.indexes.push_back(plain);
  ASSERT_NE(t.UniqueIndexOn({0}), nullptr);
  EXPECT_TRUE(t.UniqueIndexOn({0})->primary);
  ASSERT_NE(t.UniqueIndexOn({2, 1}), nullptr);
  EXPECT_EQ(t.UniqueIndexOn({2, 1})->oid, 5u);
  EXPECT_EQ(t.UniqueIndexOn({2}), nullptr);  // not unique
  EXPECT_EQ(t.UniqueIndexOn({1}), nullptr);  // a prefix is not the key
  EXPECT_EQ(t.UniqueIndexOn({0, 1}), nullptr);
}

}  // namespace
}  // namespace zijin::catalog
