// Internal to the catalog module: the row generators of the system views and what they share.
#pragma once

#include <string>
#include <vector>

#include "catalog/system_views.h"

namespace zijin::catalog::internal {

using Row = std::vector<types::Value>;

// pg_catalog views (system_views_pg.cc) and information_schema views (system_views_info.cc):
// each fills *out with the rows of the view `name`; false when the name is not theirs.
bool PgCatalogRows(const std::string& name, const SystemViewContext& ctx, std::vector<Row>* out);
bool InformationSchemaRows(const std::string& name, const SystemViewContext& ctx,
                           std::vector<Row>* out);

bool InDatabase(const SystemViewContext& ctx, Oid object_database);
std::string SchemaName(const CatalogData& d, Oid schema);

// The unique index a foreign key looks its keys up in (nullptr if the catalog lost it).
const Index* ReferencedIndex(const CatalogData& d, const ForeignKey& fk);

}  // namespace zijin::catalog::internal
