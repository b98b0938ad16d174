// Tests of the binder and planner over an in-memory catalog: plan shapes (access paths, joins,
// DML row layouts), parameter type inference, and PostgreSQL's errors with positions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "parser/parse.h"
#include "planner/planner.h"
#include "types/type_io.h"

namespace zijin::planner {
namespace {

using types::LogicalType;
using types::TypeId;

catalog::Column Col(const std::string& name, TypeId t, bool not_null = false) {
  catalog::Column c;
  c.name = name;
  c.type = LogicalType(t);
  c.not_null = not_null;
  return c;
}

std::shared_ptr<const catalog::CatalogData> MakeCatalog() {
  auto d = std::make_shared<catalog::CatalogData>();
  d->databases[catalog::kPostgresDatabase] = catalog::Database{catalog::kPostgresDatabase, "postgres"};
  d->schemas[catalog::kPublicNamespace] =
      catalog::Schema{catalog::kPublicNamespace, "public", catalog::kPostgresDatabase};
  d->schemas[catalog::kPgCatalogNamespace] =
      catalog::Schema{catalog::kPgCatalogNamespace, "pg_catalog", 0};
  d->schemas[catalog::kInformationSchemaNamespace] =
      catalog::Schema{catalog::kInformationSchemaNamespace, "information_schema", 0};

  auto accounts = std::make_shared<catalog::Table>();
  accounts->oid = 16384;
  accounts->name = "pgbench_accounts";
  accounts->schema = catalog::kPublicNamespace;
  accounts->database = catalog::kPostgresDatabase;
  accounts->columns = {Col("aid", TypeId::kInt32, true), Col("bid", TypeId::kInt32),
                       Col("abalance", TypeId::kInt32), Col("filler", TypeId::kText)};
  catalog::Index pk;
  pk.oid = 16385;
  pk.name = "pgbench_accounts_pkey";
  pk.columns = {0};
  pk.descending = {false};
  pk.unique = pk.primary = true;
  pk.index_id = 1;
  accounts->indexes.push_back(pk);
  d->tables[accounts->oid] = accounts;

  auto t = std::make_shared<catalog::Table>();
  t->oid = 16390;
  t->name = "t";
  t->schema = catalog::kPublicNamespace;
  t->database = catalog::kPostgresDatabase;
  t->columns = {Col("id", TypeId::kInt32, true), Col("x", TypeId::kInt32), Col("y", TypeId::kText)};
  catalog::Index tpk = pk;
  tpk.oid = 16391;
  tpk.name = "t_pkey";
  t->indexes.push_back(tpk);
  catalog::Index ix;
  ix.oid = 16392;
  ix.name = "t_x_y";
  ix.columns = {1, 2};
  ix.descending = {false, false};
  ix.index_id = 2;
  t->indexes.push_back(ix);
  t->checks.push_back(catalog::Check{"t_x_check", "x > 0"});
  d->tables[t->oid] = t;

  auto u = std::make_shared<catalog::Table>();
  u->oid = 16400;
  u->name = "u";
  u->schema = catalog::kPublicNamespace;
  u->database = catalog::kPostgresDatabase;
  u->columns = {Col("id", TypeId::kInt32), Col("t_id", TypeId::kInt32), Col("z", TypeId::kText)};
  d->tables[u->oid] = u;
  return d;
}

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.catalog = MakeCatalog();
    ctx_.database = catalog::kPostgresDatabase;
    ctx_.user = "postgres";
    ctx_.search_path = {"postgres", "public"};
    ctx_.param_types = &params_;
  }

  Result<std::shared_ptr<const PlannedStatement>> Plan(const std::string& sql) {
    auto parsed = parser::ParseSql(sql);
    if (!parsed.ok()) return std::move(parsed).status();
    stmts_.push_back(std::move((*parsed)[0].stmt));
    params_.clear();
    return PlanStatement(*stmts_.back(), ctx_);
  }

  std::string Explain(const std::string& sql) {
    auto p = Plan(sql);
    if (!p.ok()) return "ERROR " + p.status().ToString();
    std::string out;
    for (const auto& line : ExplainPlan(*(*p)->root)) out += line + "\n";
    return out;
  }

  Status Error(const std::string& sql) {
    auto p = Plan(sql);
    return p.ok() ? Status::OK() : std::move(p).status();
  }

  PlanContext ctx_;
  std::vector<LogicalType> params_;
  std::vector<std::unique_ptr<parser::Statement>> stmts_;
};

const PlanNode* Find(const PlanNode& p, PlanKind kind) {
  if (p.kind == kind) return &p;
  for (const auto& c : p.children) {
    if (const PlanNode* f = Find(*c, kind)) return f;
  }
  return nullptr;
}

TEST_F(PlannerTest, PrimaryKeyLookupWithParameter) {
  auto p = Plan("SELECT abalance FROM pgbench_accounts WHERE aid = $1");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const PlanNode* scan = Find(*(*p)->root, PlanKind::kIndexScan);
  ASSERT_NE(scan, nullptr);
  EXPECT_TRUE(scan->index->primary);
  EXPECT_EQ(scan->lower.values.size(), 1u);
  EXPECT_EQ(scan->upper.values.size(), 1u);
  ASSERT_EQ(params_.size(), 1u);
  EXPECT_EQ(params_[0].id, TypeId::kInt32);
  ASSERT_EQ((*p)->columns.size(), 1u);
  EXPECT_EQ((*p)->columns[0].name, "abalance");
  EXPECT_EQ((*p)->columns[0].table_oid, 16384u);
  EXPECT_EQ((*p)->columns[0].attnum, 3);
}

TEST_F(PlannerTest, UpdateLayout) {
  auto p = Plan("UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const PlanNode& root = *(*p)->root;
  ASSERT_EQ(root.kind, PlanKind::kUpdate);
  EXPECT_EQ(root.update_columns, std::vector<int>{2});
  ASSERT_TRUE(root.predicate);
  const PlanNode* scan = Find(root, PlanKind::kIndexScan);
  ASSERT_NE(scan, nullptr);
  EXPECT_TRUE(scan->emit_pk);
  EXPECT_EQ(scan->output_types.size(), 5u);
  ASSERT_EQ(params_.size(), 2u);
  EXPECT_EQ(params_[0].id, TypeId::kInt32);
  EXPECT_EQ(params_[1].id, TypeId::kInt32);
}

TEST_F(PlannerTest, InsertValuesWithDefaults) {
  auto p = Plan("INSERT INTO t (id, y) VALUES ($1, 'a'), (2, DEFAULT)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const PlanNode& root = *(*p)->root;
  ASSERT_EQ(root.kind, PlanKind::kInsert);
  EXPECT_FALSE(root.materialize_input);
  ASSERT_EQ(root.children[0]->kind, PlanKind::kValues);
  EXPECT_EQ(root.children[0]->rows.size(), 2u);
  EXPECT_EQ(root.children[0]->rows[0].size(), 3u);
  EXPECT_EQ(root.checks.size(), 1u);
  EXPECT_EQ(root.check_names[0], "t_x_check");
}

TEST_F(PlannerTest, InsertSelectTakesColumnTypes) {
  auto p = Plan("INSERT INTO t SELECT g, g, '' FROM generate_series(1, 10) AS g");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE((*p)->root->materialize_input);
  EXPECT_EQ(Error("INSERT INTO t (id) SELECT 1, 2").message(),
            "INSERT has more expressions than target columns");
  EXPECT_TRUE(Plan("INSERT INTO t SELECT 1, 2").ok());
}

TEST_F(PlannerTest, HashJoinAndPushdown) {
  std::string plan = Explain("SELECT * FROM t JOIN u ON u.t_id = t.id WHERE t.x = 5 AND u.z = 'a'");
  EXPECT_NE(plan.find("Hash Join"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Index Scan using t_x_y on t"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Seq Scan on u"), std::string::npos) << plan;
}

TEST_F(PlannerTest, RangeScan) {
  std::string plan = Explain("SELECT * FROM t WHERE id > 10 AND id <= 20");
  EXPECT_NE(plan.find("Index Scan using t_pkey"), std::string::npos) << plan;
}

TEST_F(PlannerTest, PgbenchCatalogQuery) {
  auto p = Plan(
      "select o.n, p.partstrat, pg_catalog.count(i.inhparent) from pg_catalog.pg_class as c "
      "join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) cross join lateral (select "
      "pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n) left join "
      "pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid) left join "
      "pg_catalog.pg_inherits as i on (c.oid = i.inhparent) where c.relname = "
      "'pgbench_accounts' and o.n is not null group by 1, 2 order by 1 asc limit 1");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ((*p)->columns.size(), 3u);
  EXPECT_EQ((*p)->columns[0].name, "n");
  EXPECT_EQ((*p)->columns[1].name, "partstrat");
  EXPECT_EQ((*p)->columns[2].name, "count");
  EXPECT_EQ((*p)->columns[2].type.id, TypeId::kInt64);
  EXPECT_NE(Find(*(*p)->root, PlanKind::kAggregate), nullptr);
}

TEST_F(PlannerTest, Errors) {
  Status st = Error("SELECT * FROM nosuch");
  EXPECT_EQ(st.sqlstate(), "42P01");
  EXPECT_EQ(st.message(), "relation \"nosuch\" does not exist");
  EXPECT_EQ(st.info().position, 15);
  st = Error("SELECT nosuch FROM t");
  EXPECT_EQ(st.sqlstate(), "42703");
  EXPECT_EQ(st.message(), "column \"nosuch\" does not exist");
  EXPECT_EQ(st.info().position, 8);
  st = Error("SELECT id FROM t, u");
  EXPECT_EQ(st.sqlstate(), "42702");
  EXPECT_EQ(st.message(), "column reference \"id\" is ambiguous");
  st = Error("SELECT x FROM t GROUP BY y");
  EXPECT_EQ(st.sqlstate(), "42803");
  EXPECT_EQ(st.message(),
            "column \"t.x\" must appear in the GROUP BY clause or be used in an aggregate "
            "function");
  EXPECT_EQ(Error("SELECT count(*) FROM t WHERE count(*) > 1").message(),
            "aggregate functions are not allowed in WHERE");
  EXPECT_EQ(Error("SELECT 1 AS a, 2 AS a ORDER BY a").message(), "ORDER BY \"a\" is ambiguous");
  EXPECT_EQ(Error("SELECT * FROM t t1, t t1").message(),
            "table name \"t1\" specified more than once");
  EXPECT_EQ(Error("UPDATE t SET zz = 1").message(),
            "column \"zz\" of relation \"t\" does not exist");
  EXPECT_EQ(Error("UPDATE t SET x = 1, x = 2").message(),
            "multiple assignments to same column \"x\"");
  EXPECT_EQ(Error("SELECT DISTINCT x FROM t ORDER BY y").message(),
            "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
  EXPECT_EQ(Error("INSERT INTO t VALUES (1) ON CONFLICT (y) DO NOTHING").message(),
            "there is no unique or exclusion constraint matching the ON CONFLICT specification");
}

TEST_F(PlannerTest, GroupingAndOrdering) {
  EXPECT_TRUE(Plan("SELECT x, count(*) FROM t GROUP BY x HAVING count(*) > 1 ORDER BY 2 DESC")
                  .ok());
  EXPECT_TRUE(Plan("SELECT x + 1 FROM t GROUP BY x + 1").ok());
  EXPECT_TRUE(Plan("SELECT y FROM t ORDER BY x").ok());
  EXPECT_TRUE(Plan("SELECT DISTINCT ON (x) x, y FROM t ORDER BY x, y").ok());
  EXPECT_TRUE(Plan("SELECT 1 UNION SELECT NULL ORDER BY 1").ok());
  EXPECT_TRUE(Plan("WITH w AS (SELECT id FROM t) SELECT * FROM w JOIN u USING (id)").ok());
  EXPECT_TRUE(Plan("SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.t_id = t.id) s").ok());
}

TEST_F(PlannerTest, EnableSeqscanAndIndexscan) {
  auto kind_of = [&](const std::string& sql) {
    auto p = Plan(sql);
    if (!p.ok()) return std::string("ERROR ") + p.status().ToString();
    if (const PlanNode* s = Find(*(*p)->root, PlanKind::kIndexScan)) {
      return "index " + s->index->name;
    }
    return std::string(Find(*(*p)->root, PlanKind::kSeqScan) != nullptr ? "seq" : "?");
  };
  EXPECT_EQ(kind_of("SELECT * FROM t WHERE id = 1"), "index t_pkey");
  EXPECT_EQ(kind_of("SELECT * FROM t"), "seq");
  ctx_.enable_indexscan = false;
  EXPECT_EQ(kind_of("SELECT * FROM t WHERE id = 1"), "seq");
  ctx_.enable_seqscan = false;  // both off: the cheaper path, as with PostgreSQL's disable_cost
  EXPECT_EQ(kind_of("SELECT * FROM t WHERE id = 1"), "index t_pkey");
  EXPECT_EQ(kind_of("SELECT * FROM t"), "seq");
  ctx_.enable_indexscan = true;
  EXPECT_EQ(kind_of("SELECT * FROM t WHERE x = 1"), "index t_x_y");
  EXPECT_EQ(kind_of("SELECT * FROM t"), "index t_pkey");
  EXPECT_EQ(kind_of("SELECT * FROM u"), "seq");  // no index to use
}

TEST_F(PlannerTest, LiteralsFollowDateStyle) {
  // A quoted literal takes its type when the statement is planned, under the session's
  // DateStyle.
  auto date_of = [&](const std::string& sql) {
    auto p = Plan(sql);
    if (!p.ok()) return std::string("ERROR ") + p.status().ToString();
    const PlanNode* project = Find(*(*p)->root, PlanKind::kProject);
    if (project == nullptr || project->exprs.empty()) return std::string("?");
    const Expr& e = *project->exprs[0];
    return e.kind == ExprKind::kConst ? types::ToText(e.value) : std::string("not a constant");
  };
  EXPECT_EQ(date_of("SELECT DATE '01/02/2024'"), "2024-01-02");
  ctx_.format.date_order = types::DateOrder::kDMY;
  EXPECT_EQ(date_of("SELECT DATE '01/02/2024'"), "2024-02-01");
  EXPECT_EQ(date_of("SELECT '01/02/2024'::date"), "2024-02-01");
}

}  // namespace
}  // namespace zijin::planner
