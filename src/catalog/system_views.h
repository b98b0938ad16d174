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
  std::string name;
  types::LogicalType type;
};

struct SystemView {
  const char* schema;  // "pg_catalog" or "information_schema"
  const char* name;
  std::vector<SystemColumn> columns;
  // pg_class.oid and relkind as PostgreSQL 15 has them: its system catalogs are tables ('r'),
  // the others views ('v').
  Oid oid = 0;
  char relkind = 'v';
};

// The view `name` in `schema` (pg_catalog when schema is empty), or nullptr.
const SystemView* FindSystemView(std::string_view schema, std::string_view name);
const SystemView* FindSystemView(Oid oid);
Oid SystemViewNamespace(const SystemView& view);
const std::vector<SystemView>& AllSystemViews();

// A built-in function as pg_proc lists it. The function library sits above the catalog, so
// the session hands its functions over in this form.
struct ProcInfo {
  Oid oid = 0;
  std::string name;
  char kind = 'f';        // prokind: f (function) or a (aggregate)
  char volatility = 'i';  // provolatile: i, s or v
  bool strict = true;
  Oid variadic = 0;       // provariadic: the element type of a VARIADIC last parameter
  Oid result = 0;         // prorettype
  std::vector<Oid> args;  // proargtypes
  std::vector<std::string> arg_names;
  int ndefaults = 0;
};

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
  const std::vector<ProcInfo>* procs = nullptr;  // pg_proc's rows; null = none
  const std::vector<LockRow>* locks = nullptr;  // pg_locks
};

Status GenerateSystemView(const SystemView& view, const SystemViewContext& ctx,
                          std::vector<std::vector<types::Value>>* rows);

}  // namespace zijin::catalog
