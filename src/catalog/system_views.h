// pg_catalog and information_schema views, generated from the catalog when scanned.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "types/value.h"

namespace zijin::common {
class SessionSettings;
}

namespace zijin::catalog {

struct SystemColumn {
  const char* name;
  types::LogicalType type;
};

struct SystemView {
  const char* schema;  // "pg_catalog" or "information_schema"
  const char* name;
  std::vector<SystemColumn> columns;
};

// The view `name` in `schema` (pg_catalog when schema is empty), or nullptr.
const SystemView* FindSystemView(std::string_view schema, std::string_view name);
const std::vector<SystemView>& AllSystemViews();
// PostgreSQL's fixed OID of the catalog table a view stands for (1259 for pg_class), for
// 'pg_class'::regclass; 0 for the views that are views in PostgreSQL too.
Oid SystemViewOid(const SystemView& view);

// One lock held or awaited, for pg_locks. `locktype` is "relation" (with `relation`) or
// "object" (with `classid` and `objid`).
struct LockRow {
  const char* locktype = "relation";
  Oid database = 0;
  Oid relation = 0;
  Oid classid = 0;
  Oid objid = 0;
  int32_t pid = 0;
  const char* mode = "";
  bool granted = false;
  int64_t wait_start_us = 0;  // PostgreSQL epoch; 0 = not waiting
};

// What a view's rows depend on besides the catalog.
struct SystemViewContext {
  const CatalogData* catalog = nullptr;
  Oid database = 0;
  std::string database_name;
  std::string user;
  const common::SessionSettings* settings = nullptr;
  const std::vector<LockRow>* locks = nullptr;  // pg_locks
};

Status GenerateSystemView(const SystemView& view, const SystemViewContext& ctx,
                          std::vector<std::vector<types::Value>>* rows);

// CREATE INDEX text for pg_indexes.indexdef and \d.
std::string IndexDefinition(const CatalogData& data, const Table& table, const Index& index);

}  // namespace zijin::catalog
