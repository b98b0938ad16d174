// The system views' names and columns, and the dispatch to their row generators.
#include "catalog/system_views.h"

#include <utility>

#include "catalog/internal/system_rows.h"

namespace zijin::catalog {
namespace {

using types::LogicalType;
using types::TypeId;

// A column type as the view specs below spell it. PostgreSQL's "char" is text here, aclitem[]
// text[], pg_node_tree text (an expression's SQL text), int2vector and oidvector text ("1 2")
// unless a query needs their elements.
LogicalType SpecType(std::string_view t) {
  static const std::pair<std::string_view, LogicalType> kTypes[] = {
      {"oid", LogicalType(TypeId::kOid)},
      {"name", LogicalType(TypeId::kName)},
      {"text", LogicalType(TypeId::kText)},
      {"bool", LogicalType(TypeId::kBool)},
      {"int2", LogicalType(TypeId::kInt16)},
      {"int4", LogicalType(TypeId::kInt32)},
      {"int8", LogicalType(TypeId::kInt64)},
      {"float4", LogicalType(TypeId::kFloat32)},
      {"bytea", LogicalType(TypeId::kBytea)},
      {"timestamptz", LogicalType(TypeId::kTimestampTz)},
      {"regtype", LogicalType(TypeId::kRegtype)},
      {"text[]", LogicalType::Array(LogicalType(TypeId::kText))},
      {"int2[]", LogicalType::Array(LogicalType(TypeId::kInt16))},
      {"oid[]", LogicalType::Array(LogicalType(TypeId::kOid))},
  };
  for (const auto& [n, type] : kTypes) {
    if (n == t) return type;
  }
  return LogicalType(TypeId::kText);
}

// "a:oid b:name ..." to columns.
std::vector<SystemColumn> Columns(const char* spec) {
  std::vector<SystemColumn> cols;
  std::string_view s(spec);
  while (!s.empty()) {
    size_t end = s.find(' ');
    std::string_view item = s.substr(0, end);
    size_t colon = item.find(':');
    cols.push_back(
        SystemColumn{std::string(item.substr(0, colon)), SpecType(item.substr(colon + 1))});
    s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
  }
  return cols;
}

struct Spec {
  const char* schema;
  const char* name;
  Oid oid;  // PostgreSQL 15's pg_class OID
  char relkind;
  const char* columns;
};

// Column lists follow PostgreSQL 15 (a subset for pg_type, pg_index and pg_attribute).
constexpr Spec kSpecs[] = {
    {"pg_catalog", "pg_namespace", 2615, 'r', "oid:oid nspname:name nspowner:oid nspacl:text[]"},
    {"pg_catalog", "pg_class", 1259, 'r',
     "oid:oid relname:name relnamespace:oid reltype:oid reloftype:oid relowner:oid relam:oid "
     "relfilenode:oid reltablespace:oid relpages:int4 reltuples:float4 relallvisible:int4 "
     "reltoastrelid:oid relhasindex:bool relisshared:bool relpersistence:char relkind:char "
     "relnatts:int2 relchecks:int2 relhasrules:bool relhastriggers:bool relhassubclass:bool "
     "relrowsecurity:bool relforcerowsecurity:bool relispopulated:bool relreplident:char "
     "relispartition:bool relrewrite:oid relacl:text[] reloptions:text[] relpartbound:text"},
    {"pg_catalog", "pg_attribute", 1249, 'r',
     "attrelid:oid attname:name atttypid:oid attstattarget:int4 attlen:int2 attnum:int2 "
     "attndims:int4 attcacheoff:int4 atttypmod:int4 attbyval:bool attalign:char attstorage:char "
     "attcompression:char attnotnull:bool atthasdef:bool atthasmissing:bool attidentity:char "
     "attgenerated:char attisdropped:bool attislocal:bool attinhcount:int4 attcollation:oid "
     "attacl:text[] attoptions:text[] attfdwoptions:text[] attmissingval:text"},
    {"pg_catalog", "pg_attrdef", 2604, 'r', "oid:oid adrelid:oid adnum:int2 adbin:text"},
    {"pg_catalog", "pg_type", 1247, 'r',
     "oid:oid typname:name typnamespace:oid typowner:oid typlen:int2 typbyval:bool typtype:char "
     "typcategory:char typispreferred:bool typisdefined:bool typdelim:char typrelid:oid "
     "typelem:oid typarray:oid typinput:name typalign:char typstorage:char typnotnull:bool "
     "typbasetype:oid typtypmod:int4 typndims:int4 typcollation:oid typdefaultbin:text "
     "typdefault:text typacl:text[]"},
    {"pg_catalog", "pg_index", 2610, 'r',
     "indexrelid:oid indrelid:oid indnatts:int2 indnkeyatts:int2 indisunique:bool "
     "indnullsnotdistinct:bool indisprimary:bool indisexclusion:bool indimmediate:bool "
     "indisclustered:bool indisvalid:bool indcheckxmin:bool indisready:bool indislive:bool "
     "indisreplident:bool indkey:text indcollation:text indoption:text indexprs:text "
     "indpred:text"},
    {"pg_catalog", "pg_constraint", 2606, 'r',
     "oid:oid conname:name connamespace:oid contype:char condeferrable:bool condeferred:bool "
     "convalidated:bool conrelid:oid contypid:oid conindid:oid conparentid:oid confrelid:oid "
     "confupdtype:char confdeltype:char confmatchtype:char conislocal:bool coninhcount:int4 "
     "connoinherit:bool conkey:int2[] confkey:int2[] confdelsetcols:int2[] conbin:text"},
    {"pg_catalog", "pg_database", 1262, 'r',
     "oid:oid datname:name datdba:oid encoding:int4 datlocprovider:char datistemplate:bool "
     "datallowconn:bool datconnlimit:int4 dattablespace:oid datcollate:text datctype:text "
     "daticulocale:text datcollversion:text datacl:text[]"},
    {"pg_catalog", "pg_authid", 1260, 'r',
     "oid:oid rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool "
     "rolcanlogin:bool rolreplication:bool rolbypassrls:bool rolconnlimit:int4 rolpassword:text "
     "rolvaliduntil:timestamptz"},
    {"pg_catalog", "pg_auth_members", 1261, 'r',
     "roleid:oid member:oid grantor:oid admin_option:bool"},
    {"pg_catalog", "pg_roles", 12000, 'v',
     "rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool "
     "rolcanlogin:bool rolreplication:bool rolconnlimit:int4 rolpassword:text "
     "rolvaliduntil:timestamptz rolbypassrls:bool rolconfig:text[] oid:oid"},
    {"pg_catalog", "pg_user", 12014, 'v',
     "usename:name usesysid:oid usecreatedb:bool usesuper:bool userepl:bool usebypassrls:bool "
     "passwd:text valuntil:timestamptz useconfig:text[]"},
    {"pg_catalog", "pg_proc", 1255, 'r',
     "oid:oid proname:name pronamespace:oid proowner:oid prolang:oid procost:float4 "
     "prorows:float4 provariadic:oid prokind:char prosecdef:bool proleakproof:bool "
     "proisstrict:bool proretset:bool provolatile:char proparallel:char pronargs:int2 "
     "pronargdefaults:int2 prorettype:oid proargtypes:text proallargtypes:oid[] "
     "proargmodes:text[] proargnames:text[] proargdefaults:text prosrc:text probin:text "
     "prosqlbody:text proconfig:text[] proacl:text[]"},
    {"pg_catalog", "pg_language", 2612, 'r',
     "oid:oid lanname:name lanowner:oid lanispl:bool lanpltrusted:bool lanplcallfoid:oid "
     "laninline:oid lanvalidator:oid lanacl:text[]"},
    {"pg_catalog", "pg_am", 2601, 'r', "oid:oid amname:name amhandler:text amtype:char"},
    {"pg_catalog", "pg_enum", 3501, 'r',
     "oid:oid enumtypid:oid enumsortorder:float4 enumlabel:name"},
    {"pg_catalog", "pg_opclass", 2616, 'r',
     "oid:oid opcmethod:oid opcname:name opcnamespace:oid opcowner:oid opcfamily:oid "
     "opcintype:oid opcdefault:bool opckeytype:oid"},
    {"pg_catalog", "pg_opfamily", 2753, 'r',
     "oid:oid opfmethod:oid opfname:name opfnamespace:oid opfowner:oid"},
    {"pg_catalog", "pg_tablespace", 1213, 'r',
     "oid:oid spcname:name spcowner:oid spcacl:text[] spcoptions:text[]"},
    {"pg_catalog", "pg_collation", 3456, 'r',
     "oid:oid collname:name collnamespace:oid collowner:oid collprovider:char "
     "collisdeterministic:bool collencoding:int4 collcollate:text collctype:text "
     "colliculocale:text collversion:text"},
    {"pg_catalog", "pg_sequence", 2224, 'r',
     "seqrelid:oid seqtypid:oid seqstart:int8 seqincrement:int8 seqmax:int8 seqmin:int8 "
     "seqcache:int8 seqcycle:bool"},
    {"pg_catalog", "pg_depend", 2608, 'r',
     "classid:oid objid:oid objsubid:int4 refclassid:oid refobjid:oid refobjsubid:int4 "
     "deptype:char"},
    {"pg_catalog", "pg_description", 2609, 'r',
     "objoid:oid classoid:oid objsubid:int4 description:text"},
    {"pg_catalog", "pg_shdescription", 2396, 'r', "objoid:oid classoid:oid description:text"},
    {"pg_catalog", "pg_inherits", 2611, 'r',
     "inhrelid:oid inhparent:oid inhseqno:int4 inhdetachpending:bool"},
    {"pg_catalog", "pg_partitioned_table", 3350, 'r',
     "partrelid:oid partstrat:char partnatts:int2 partdefid:oid partattrs:text partexprs:text"},
    {"pg_catalog", "pg_trigger", 2620, 'r',
     "oid:oid tgrelid:oid tgparentid:oid tgname:name tgfoid:oid tgtype:int2 tgenabled:char "
     "tgisinternal:bool tgconstrrelid:oid tgconstrindid:oid tgconstraint:oid tgdeferrable:bool "
     "tginitdeferred:bool tgnargs:int2 tgattr:int2[] tgargs:bytea tgqual:text tgoldtable:name "
     "tgnewtable:name"},
    {"pg_catalog", "pg_rewrite", 2618, 'r',
     "oid:oid rulename:name ev_class:oid ev_type:char ev_enabled:char is_instead:bool "
     "ev_qual:text ev_action:text"},
    {"pg_catalog", "pg_policy", 3256, 'r',
     "oid:oid polname:name polrelid:oid polcmd:char polpermissive:bool polroles:oid[] "
     "polqual:text polwithcheck:text"},
    {"pg_catalog", "pg_statistic_ext", 3381, 'r',
     "oid:oid stxrelid:oid stxname:name stxnamespace:oid stxowner:oid stxstattarget:int4 "
     "stxkeys:int2[] stxkind:text[] stxexprs:text"},
    {"pg_catalog", "pg_publication", 6104, 'r',
     "oid:oid pubname:name pubowner:oid puballtables:bool pubinsert:bool pubupdate:bool "
     "pubdelete:bool pubtruncate:bool pubviaroot:bool"},
    {"pg_catalog", "pg_publication_rel", 6106, 'r',
     "oid:oid prpubid:oid prrelid:oid prqual:text prattrs:int2[]"},
    {"pg_catalog", "pg_publication_namespace", 6237, 'r', "oid:oid pnpubid:oid pnnspid:oid"},
    {"pg_catalog", "pg_extension", 3079, 'r',
     "oid:oid extname:name extowner:oid extnamespace:oid extrelocatable:bool extversion:text "
     "extconfig:oid[] extcondition:text[]"},
    {"pg_catalog", "pg_settings", 12104, 'v',
     "name:text setting:text unit:text category:text short_desc:text context:text vartype:text "
     "source:text min_val:text max_val:text boot_val:text reset_val:text"},
    {"pg_catalog", "pg_tables", 12033, 'v',
     "schemaname:name tablename:name tableowner:name tablespace:name hasindexes:bool "
     "hasrules:bool hastriggers:bool rowsecurity:bool"},
    {"pg_catalog", "pg_indexes", 12043, 'v',
     "schemaname:name tablename:name indexname:name tablespace:name indexdef:text"},
    {"pg_catalog", "pg_views", 12028, 'v',
     "schemaname:name viewname:name viewowner:name definition:text"},
    {"pg_catalog", "pg_sequences", 12048, 'v',
     "schemaname:name sequencename:name sequenceowner:name data_type:regtype start_value:int8 "
     "min_value:int8 max_value:int8 increment_by:int8 cycle:bool cache_size:int8"},
    {"pg_catalog", "pg_locks", 12073, 'v',
     "locktype:text database:oid relation:oid page:int4 tuple:int2 virtualxid:text "
     "transactionid:text classid:oid objid:oid objsubid:int2 virtualtransaction:text pid:int4 "
     "mode:text granted:bool fastpath:bool waitstart:timestamptz"},
    {"information_schema", "schemata", 13382, 'v',
     "catalog_name:name schema_name:name schema_owner:name"},
    {"information_schema", "tables", 13425, 'v',
     "table_catalog:name table_schema:name table_name:name table_type:text"},
    {"information_schema", "table_constraints", 13411, 'v',
     "constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name "
     "table_schema:name table_name:name constraint_type:text is_deferrable:text "
     "initially_deferred:text enforced:text nulls_distinct:text"},
    {"information_schema", "referential_constraints", 13339, 'v',
     "constraint_catalog:name constraint_schema:name constraint_name:name "
     "unique_constraint_catalog:name unique_constraint_schema:name unique_constraint_name:name "
     "match_option:text update_rule:text delete_rule:text"},
    {"information_schema", "key_column_usage", 13329, 'v',
     "constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name "
     "table_schema:name table_name:name column_name:name ordinal_position:int4 "
     "position_in_unique_constraint:int4"},
    {"information_schema", "columns", 13295, 'v',
     "table_catalog:name table_schema:name table_name:name column_name:name "
     "ordinal_position:int4 column_default:text is_nullable:text data_type:text "
     "character_maximum_length:int4 numeric_precision:int4 numeric_scale:int4"},
};

std::vector<SystemView> BuildViews() {
  std::vector<SystemView> views;
  for (const Spec& s : kSpecs) {
    SystemView v{s.schema, s.name, Columns(s.columns)};
    v.oid = s.oid;
    v.relkind = s.relkind;
    views.push_back(std::move(v));
  }
  return views;
}

}  // namespace

const std::vector<SystemView>& AllSystemViews() {
  static const std::vector<SystemView>* views = new std::vector<SystemView>(BuildViews());
  return *views;
}

const SystemView* FindSystemView(std::string_view schema, std::string_view name) {
  if (schema.empty()) schema = "pg_catalog";
  for (const auto& v : AllSystemViews()) {
    if (schema == v.schema && name == v.name) return &v;
  }
  return nullptr;
}

const SystemView* FindSystemView(Oid oid) {
  for (const auto& v : AllSystemViews()) {
    if (v.oid == oid) return &v;
  }
  return nullptr;
}

Oid SystemViewNamespace(const SystemView& view) {
  return std::string_view(view.schema) == "pg_catalog" ? kPgCatalogNamespace
                                                       : kInformationSchemaNamespace;
}

Status GenerateSystemView(const SystemView& view, const SystemViewContext& ctx,
                          std::vector<std::vector<types::Value>>* rows) {
  std::string name = view.name;
  if (std::string_view(view.schema) == "pg_catalog") {
    internal::PgCatalogRows(name, ctx, rows);
  } else {
    internal::InformationSchemaRows(name, ctx, rows);
  }
  return Status::OK();
}

namespace internal {

bool InDatabase(const SystemViewContext& ctx, Oid object_database) {
  return object_database == ctx.database || object_database == 0;
}

std::string SchemaName(const CatalogData& d, Oid schema) {
  auto it = d.schemas.find(schema);
  return it == d.schemas.end() ? "" : it->second.name;
}

const Index* ReferencedIndex(const CatalogData& d, const ForeignKey& fk) {
  const Table* parent = d.GetTable(fk.ref_table);
  return parent == nullptr ? nullptr : parent->UniqueIndexOn(fk.ref_columns);
}

}  // namespace internal
}  // namespace zijin::catalog
