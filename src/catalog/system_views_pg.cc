// Rows of the pg_catalog views, computed from one catalog version.
#include <cctype>
#include <set>

#include "catalog/catalog_text.h"
#include "catalog/internal/system_rows.h"
#include "catalog/session_catalog.h"
#include "common/settings.h"
#include "types/array.h"

namespace zijin::catalog::internal {
namespace {

using types::LogicalType;
using types::TypeId;
using types::Value;

constexpr Oid kPgClassOid = 1259;
constexpr Oid kPgConstraintOid = 2606;
constexpr Oid kDefaultCollation = 100, kCCollation = 950;
constexpr Oid kHeapAm = 2, kBtreeAm = 403;
constexpr Oid kDefaultTablespace = 1663;
constexpr Oid kDatabaseOwnerRole = SessionCatalog::kDatabaseOwnerRole;

Value Name(std::string s) { return Value::String(TypeId::kName, std::move(s)); }
Value Text(std::string s) { return Value::Text(std::move(s)); }
Value Char(char c) { return c == 0 ? Text("") : Text(std::string(1, c)); }
Value OidV(Oid o) { return Value::Oid(o); }
Value Bool(bool b) { return Value::Bool(b); }
Value I2(int v) { return Value::Int16(static_cast<int16_t>(v)); }
Value I4(int v) { return Value::Int32(v); }
Value NullText() { return Value::Null(TypeId::kText); }
Value NullArray() { return Value::Null(TypeId::kArray); }

// An int2[] of 1-based column numbers.
Value AttNums(const std::vector<int>& cols) {
  types::ArrayData a;
  a.element = LogicalType(TypeId::kInt16);
  for (int c : cols) a.elements.push_back(Value::Int16(static_cast<int16_t>(c + 1)));
  return types::MakeArray(a);
}

Value TextArray(const std::vector<std::string>& items) {
  types::ArrayData a;
  a.element = LogicalType(TypeId::kText);
  for (const auto& s : items) a.elements.push_back(Value::Text(s));
  return types::MakeArray(a);
}

// What pg_type says about a type's storage (typlen, typbyval, typalign, typstorage), its
// category and collation.
struct TypeFacts {
  int16_t len = -1;
  bool byval = false;
  char align = 'i';
  char storage = 'x';
  char category = 'U';
  bool preferred = false;
  Oid collation = 0;
};

TypeFacts FactsOf(const LogicalType& t) {
  TypeFacts f;
  f.len = t.PgTypLen();
  if (t.id == TypeId::kArray) {
    TypeFacts e = FactsOf(t.element());
    f.align = e.align == 'd' ? 'd' : 'i';
    f.category = 'A';
    f.collation = e.collation;
    return f;
  }
  f.byval = f.len > 0 && f.len <= 8 && t.id != TypeId::kName;
  f.storage = f.len == -1 ? 'x' : 'p';
  switch (t.id) {
    case TypeId::kBool: f.align = 'c', f.category = 'B', f.preferred = true; break;
    case TypeId::kInt16: f.align = 's', f.category = 'N'; break;
    case TypeId::kInt32:
    case TypeId::kFloat32:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole: f.category = 'N'; break;
    case TypeId::kOid: f.category = 'N', f.preferred = true; break;
    case TypeId::kInt64: f.align = 'd', f.category = 'N'; break;
    case TypeId::kFloat64: f.align = 'd', f.category = 'N', f.preferred = true; break;
    case TypeId::kNumeric: f.storage = 'm', f.category = 'N'; break;
    case TypeId::kText:
      f.category = 'S', f.preferred = true, f.collation = kDefaultCollation;
      break;
    case TypeId::kVarchar:
    case TypeId::kChar: f.category = 'S', f.collation = kDefaultCollation; break;
    case TypeId::kName: f.align = 'c', f.category = 'S', f.collation = kCCollation; break;
    case TypeId::kDate: f.category = 'D'; break;
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimeTz: f.align = 'd', f.category = 'D'; break;
    case TypeId::kTimestampTz: f.align = 'd', f.category = 'D', f.preferred = true; break;
    case TypeId::kInterval: f.align = 'd', f.category = 'T', f.preferred = true; break;
    case TypeId::kUnknown: f.align = 'c', f.category = 'X', f.storage = 'p'; break;
    case TypeId::kUuid: f.align = 'c', f.category = 'U'; break;
    default: break;
  }
  return f;
}

// The built-in types pg_type lists, each with its array type after it where there is one.
const std::vector<LogicalType>& BuiltinTypes() {
  static const std::vector<LogicalType> kTypes = [] {
    static constexpr TypeId kIds[] = {
        TypeId::kBool,     TypeId::kInt16,     TypeId::kInt32,        TypeId::kInt64,
        TypeId::kFloat32,  TypeId::kFloat64,   TypeId::kNumeric,      TypeId::kText,
        TypeId::kVarchar,  TypeId::kChar,      TypeId::kBytea,        TypeId::kDate,
        TypeId::kTime,     TypeId::kTimeTz,    TypeId::kTimestamp,    TypeId::kTimestampTz,
        TypeId::kInterval, TypeId::kOid,       TypeId::kName,         TypeId::kUnknown,
        TypeId::kRegclass, TypeId::kRegtype,   TypeId::kRegnamespace, TypeId::kRegrole,
        TypeId::kUuid};
    std::vector<LogicalType> v;
    for (TypeId id : kIds) {
      v.push_back(LogicalType(id));
      if (types::PgArrayOid(id) != 0) v.push_back(LogicalType::Array(LogicalType(id)));
    }
    return v;
  }();
  return kTypes;
}

// One pg_attribute row.
Row Attribute(Oid rel, const std::string& name, const LogicalType& type, int attnum, bool notnull,
              bool hasdef, bool hasmissing, bool dropped) {
  TypeFacts f = FactsOf(type);
  return {OidV(rel),
          Name(dropped ? "........pg.dropped." + std::to_string(attnum) + "........" : name),
          OidV(dropped ? 0 : type.PgOid()),
          I4(-1),
          Value::Int16(f.len),
          I2(attnum),
          I4(type.id == TypeId::kArray ? 1 : 0),
          I4(-1),
          I4(type.PgTypmod()),
          Bool(f.byval),
          Char(f.align),
          Char(f.storage),
          Char(0),
          Bool(notnull),
          Bool(hasdef),
          Bool(hasmissing),
          Char(0),
          Char(0),
          Bool(dropped),
          Bool(true),
          I4(0),
          OidV(dropped ? 0 : f.collation),
          NullArray(),
          NullArray(),
          NullArray(),
          NullText()};
}

const LogicalType kSequenceColumns[] = {LogicalType(TypeId::kInt64), LogicalType(TypeId::kInt64),
                                        LogicalType(TypeId::kBool)};
const char* const kSequenceColumnNames[] = {"last_value", "log_cnt", "is_called"};

// Columns a CHECK expression mentions, by a scan of its words (in column order).
std::vector<int> CheckColumns(const Table& t, const std::string& expr) {
  std::set<int> found;
  size_t i = 0;
  while (i < expr.size()) {
    char ch = expr[i];
    if (ch == '\'') {
      for (++i; i < expr.size() && expr[i] != '\''; ++i) {
      }
      ++i;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(ch)) || ch == '_') {
      size_t start = i;
      while (i < expr.size() &&
             (std::isalnum(static_cast<unsigned char>(expr[i])) || expr[i] == '_')) {
        ++i;
      }
      std::string word = expr.substr(start, i - start);
      for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      int col = t.FindColumn(word);
      if (col >= 0) found.insert(col);
      continue;
    }
    ++i;
  }
  return std::vector<int>(found.begin(), found.end());
}

void PgClass(const SystemViewContext& c, std::vector<Row>* out) {
  const CatalogData& d = *c.catalog;
  std::set<Oid> with_triggers;  // foreign keys are PostgreSQL triggers on both tables
  for (const auto& [oid, t] : d.tables) {
    for (const auto& fk : t->foreign_keys) {
      with_triggers.insert(oid);
      with_triggers.insert(fk.ref_table);
    }
  }
  auto rel = [&](Oid oid, const std::string& name, Oid ns, char kind, int natts, bool has_index,
                 int checks, bool triggers, bool shared) {
    Oid am = kind == 'r' ? kHeapAm : (kind == 'i' ? kBtreeAm : 0);
    bool storage = kind != 'v';
    out->push_back({OidV(oid),
                    Name(name),
                    OidV(ns),
                    OidV(0),
                    OidV(0),
                    OidV(kSuperuserOid),
                    OidV(am),
                    OidV(storage ? oid : 0),
                    OidV(0),
                    I4(0),
                    Value::Float32(-1),
                    I4(0),
                    OidV(0),
                    Bool(has_index),
                    Bool(shared),
                    Char('p'),
                    Char(kind),
                    I2(natts),
                    I2(checks),
                    Bool(false),
                    Bool(triggers),
                    Bool(false),
                    Bool(false),
                    Bool(false),
                    Bool(true),
                    Char(kind == 'r' ? 'd' : 'n'),
                    Bool(false),
                    OidV(0),
                    NullArray(),
                    NullArray(),
                    NullText()});
  };
  for (const auto& [oid, t] : d.tables) {
    if (t->database != c.database) continue;
    rel(oid, t->name, t->schema, 'r', static_cast<int>(t->columns.size()), !t->indexes.empty(),
        static_cast<int>(t->checks.size()), with_triggers.count(oid) > 0, false);
    for (const auto& ix : t->indexes) {
      rel(ix.oid, ix.name, t->schema, 'i', static_cast<int>(ix.columns.size()), false, 0, false,
          false);
    }
  }
  for (const auto& [oid, s] : d.sequences) {
    if (s.database == c.database) rel(oid, s.name, s.schema, 'S', 3, false, 0, false, false);
  }
  for (const auto& [oid, vw] : d.views) {
    if (vw.database == c.database) {
      rel(oid, vw.name, vw.schema, 'v', static_cast<int>(vw.column_names.size()), false, 0,
          false, false);
    }
  }
  for (const SystemView& v : AllSystemViews()) {
    std::string_view n = v.name;
    bool shared = n == "pg_database" || n == "pg_authid" || n == "pg_auth_members" ||
                  n == "pg_tablespace" || n == "pg_shdescription";
    rel(v.oid, v.name, SystemViewNamespace(v), v.relkind, static_cast<int>(v.columns.size()),
        false, 0, false, shared);
  }
}

void PgAttribute(const SystemViewContext& c, std::vector<Row>* out) {
  const CatalogData& d = *c.catalog;
  for (const auto& [oid, t] : d.tables) {
    if (t->database != c.database) continue;
    int attnum = 0;
    for (const auto& col : t->columns) {
      ++attnum;
      out->push_back(Attribute(oid, col.name, col.type, attnum, col.not_null,
                               !col.default_expr.empty(), col.has_missing, col.dropped));
    }
    for (const auto& ix : t->indexes) {
      for (size_t k = 0; k < ix.columns.size(); ++k) {
        const Column& col = t->columns[static_cast<size_t>(ix.columns[k])];
        out->push_back(Attribute(ix.oid, col.name, col.type, static_cast<int>(k + 1), false,
                                 false, false, false));
      }
    }
  }
  for (const auto& [oid, s] : d.sequences) {
    if (s.database != c.database) continue;
    for (int k = 0; k < 3; ++k) {
      out->push_back(Attribute(oid, kSequenceColumnNames[k], kSequenceColumns[k], k + 1, true,
                               false, false, false));
    }
  }
  for (const auto& [oid, vw] : d.views) {
    if (vw.database != c.database) continue;
    for (size_t k = 0; k < vw.column_names.size(); ++k) {
      LogicalType type =
          k < vw.column_types.size() ? vw.column_types[k] : LogicalType(TypeId::kText);
      out->push_back(Attribute(oid, vw.column_names[k], type, static_cast<int>(k + 1), false,
                               false, false, false));
    }
  }
  for (const SystemView& v : AllSystemViews()) {
    for (size_t k = 0; k < v.columns.size(); ++k) {
      out->push_back(Attribute(v.oid, v.columns[k].name, v.columns[k].type,
                               static_cast<int>(k + 1), v.relkind == 'r', false, false, false));
    }
  }
}

void PgType(std::vector<Row>* out) {
  for (const LogicalType& t : BuiltinTypes()) {
    TypeFacts f = FactsOf(t);
    bool array = t.id == TypeId::kArray;
    out->push_back({OidV(t.PgOid()),
                    Name(types::PgTypeName(t)),
                    OidV(kPgCatalogNamespace),
                    OidV(kSuperuserOid),
                    Value::Int16(f.len),
                    Bool(f.byval),
                    Char(t.id == TypeId::kUnknown ? 'p' : 'b'),
                    Char(f.category),
                    Bool(f.preferred),
                    Bool(true),
                    Char(','),
                    OidV(0),
                    OidV(array ? LogicalType(t.elem).PgOid() : 0),
                    OidV(array ? 0 : types::PgArrayOid(t.id)),
                    // typinput is PostgreSQL's regproc: the input function's name.
                    Name(types::PgTypInput(t)),
                    Char(f.align),
                    Char(f.storage),
                    Bool(false),
                    OidV(0),
                    I4(-1),
                    I4(0),
                    OidV(f.collation),
                    NullText(),
                    NullText(),
                    NullArray()});
  }
}

void PgIndex(const SystemViewContext& c, std::vector<Row>* out) {
  for (const auto& [oid, t] : c.catalog->tables) {
    if (t->database != c.database) continue;
    for (const auto& ix : t->indexes) {
      std::string indkey, collation, option;
      for (size_t k = 0; k < ix.columns.size(); ++k) {
        const Column& col = t->columns[static_cast<size_t>(ix.columns[k])];
        std::string sep = k == 0 ? "" : " ";
        indkey += sep + std::to_string(ix.columns[k] + 1);
        collation += sep + std::to_string(FactsOf(col.type).collation);
        option += sep + (ix.descending[k] ? "3" : "0");  // DESC implies NULLS FIRST
      }
      int n = static_cast<int>(ix.columns.size());
      out->push_back({OidV(ix.oid), OidV(oid), I2(n), I2(n), Bool(ix.unique), Bool(false),
                      Bool(ix.primary), Bool(false), Bool(true), Bool(false), Bool(true),
                      Bool(false), Bool(true), Bool(true), Bool(false), Text(indkey),
                      Text(collation), Text(option), NullText(), NullText()});
    }
  }
}

void PgConstraint(const SystemViewContext& c, std::vector<Row>* out) {
  const CatalogData& d = *c.catalog;
  for (const auto& [oid, t] : d.tables) {
    if (t->database != c.database) continue;
    for (const auto& ix : t->indexes) {
      if (!ix.constraint) continue;
      out->push_back({OidV(ix.oid), Name(ix.name), OidV(t->schema), Char(ix.primary ? 'p' : 'u'),
                      Bool(false), Bool(false), Bool(true), OidV(oid), OidV(0), OidV(ix.oid),
                      OidV(0), OidV(0), Char(' '), Char(' '), Char(' '), Bool(true), I4(0),
                      Bool(true), AttNums(ix.columns), NullArray(), NullArray(), NullText()});
    }
    for (const auto& fk : t->foreign_keys) {
      const Index* ref = ReferencedIndex(d, fk);
      out->push_back({OidV(fk.oid), Name(fk.name), OidV(t->schema), Char('f'),
                      Bool(fk.deferrable), Bool(false), Bool(fk.validated), OidV(oid), OidV(0),
                      OidV(ref ? ref->oid : 0), OidV(0), OidV(fk.ref_table),
                      Char(static_cast<char>(fk.on_update)),
                      Char(static_cast<char>(fk.on_delete)), Char(static_cast<char>(fk.match)),
                      Bool(true), I4(0), Bool(true), AttNums(fk.columns), AttNums(fk.ref_columns),
                      fk.delete_set_columns.empty() ? NullArray() : AttNums(fk.delete_set_columns),
                      NullText()});
    }
    for (const auto& ch : t->checks) {
      out->push_back({OidV(ch.oid), Name(ch.name), OidV(t->schema), Char('c'), Bool(false),
                      Bool(false), Bool(ch.validated), OidV(oid), OidV(0), OidV(0), OidV(0),
                      OidV(0), Char(' '), Char(' '), Char(' '), Bool(true), I4(0), Bool(false),
                      AttNums(CheckColumns(*t, ch.expr)), NullArray(), NullArray(),
                      Text(ch.expr)});
    }
  }
}

void PgDepend(const SystemViewContext& c, std::vector<Row>* out) {
  const CatalogData& d = *c.catalog;
  auto dep = [&](Oid classid, Oid objid, Oid refclassid, Oid refobjid, int refsub, char type) {
    out->push_back({OidV(classid), OidV(objid), I4(0), OidV(refclassid), OidV(refobjid),
                    I4(refsub), Char(type)});
  };
  for (const auto& [oid, s] : d.sequences) {
    if (s.database != c.database || s.owned_by_table == 0) continue;
    const Table* t = d.GetTable(s.owned_by_table);
    if (t == nullptr) continue;
    int col = t->FindColumn(s.owned_by_column);
    if (col >= 0) dep(kPgClassOid, oid, kPgClassOid, t->oid, col + 1, 'a');
  }
  for (const auto& [oid, t] : d.tables) {
    if (t->database != c.database) continue;
    for (const auto& ix : t->indexes) {
      if (ix.constraint) continue;
      for (int col : ix.columns) dep(kPgClassOid, ix.oid, kPgClassOid, oid, col + 1, 'a');
    }
    for (const auto& fk : t->foreign_keys) {
      for (int col : fk.columns) dep(kPgConstraintOid, fk.oid, kPgClassOid, oid, col + 1, 'a');
      for (int col : fk.ref_columns) {
        dep(kPgConstraintOid, fk.oid, kPgClassOid, fk.ref_table, col + 1, 'n');
      }
    }
    for (const auto& ch : t->checks) {
      for (int col : CheckColumns(*t, ch.expr)) {
        dep(kPgConstraintOid, ch.oid, kPgClassOid, oid, col + 1, 'a');
      }
    }
  }
}

void PgProc(const SystemViewContext& c, std::vector<Row>* out) {
  if (c.procs == nullptr) return;
  for (const ProcInfo& p : *c.procs) {
    std::string argtypes;
    for (size_t i = 0; i < p.args.size(); ++i) {
      argtypes += (i ? " " : "") + std::to_string(p.args[i]);
    }
    out->push_back({OidV(p.oid),
                    Name(p.name),
                    OidV(kPgCatalogNamespace),
                    OidV(kSuperuserOid),
                    OidV(12),  // internal
                    Value::Float32(1),
                    Value::Float32(0),
                    OidV(p.variadic),
                    Char(p.kind),
                    Bool(false),
                    Bool(false),
                    Bool(p.strict),
                    Bool(false),
                    Char(p.volatility),
                    Char('s'),
                    I2(static_cast<int>(p.args.size())),
                    I2(p.ndefaults),
                    OidV(p.result),
                    Text(argtypes),
                    NullArray(),
                    NullArray(),
                    p.arg_names.empty() ? NullArray() : TextArray(p.arg_names),
                    NullText(),
                    Text(p.name),
                    NullText(),
                    NullText(),
                    NullArray(),
                    NullArray()});
  }
}

void PgRoles(const SystemViewContext& c, const std::string& view, std::vector<Row>* out) {
  struct Role {
    Oid oid;
    std::string name;
    bool super;
  };
  const Role roles[] = {{kSuperuserOid, c.user, true},
                        {kDatabaseOwnerRole, "pg_database_owner", false}};
  Value never = Value::Null(TypeId::kTimestampTz);
  for (const Role& r : roles) {
    bool s = r.super;
    if (view == "pg_roles") {
      out->push_back({Name(r.name), Bool(s), Bool(true), Bool(s), Bool(s), Bool(s), Bool(s), I4(-1),
                      Text("********"), never, Bool(s), NullArray(), OidV(r.oid)});
    } else if (view == "pg_authid") {
      out->push_back({OidV(r.oid), Name(r.name), Bool(s), Bool(true), Bool(s), Bool(s), Bool(s),
                      Bool(s), Bool(s), I4(-1), NullText(), never});
    } else if (s) {  // pg_user: roles that can log in
      out->push_back({Name(r.name), OidV(r.oid), Bool(s), Bool(s), Bool(s), Bool(s),
                      Text("********"), never, NullArray()});
    }
  }
}

}  // namespace

bool PgCatalogRows(const std::string& name, const SystemViewContext& c, std::vector<Row>* out) {
  const CatalogData& d = *c.catalog;
  auto push = [&](Row r) { out->push_back(std::move(r)); };
  if (name == "pg_namespace") {
    for (const auto& [oid, s] : d.schemas) {
      if (!InDatabase(c, s.database)) continue;
      // PostgreSQL 15 gives every database's public schema to pg_database_owner.
      Oid owner = s.name == "public" ? kDatabaseOwnerRole : kSuperuserOid;
      push({OidV(oid), Name(s.name), OidV(owner), NullArray()});
    }
  } else if (name == "pg_class") {
    PgClass(c, out);
  } else if (name == "pg_attribute") {
    PgAttribute(c, out);
  } else if (name == "pg_attrdef") {
    for (const auto& [oid, t] : d.tables) {
      if (t->database != c.database) continue;
      for (size_t i = 0; i < t->columns.size(); ++i) {
        const Column& col = t->columns[i];
        if (col.dropped || col.default_expr.empty()) continue;
        // Defaults have no OIDs of their own in Zijin; adbin is the expression's SQL text.
        push({OidV(0), OidV(oid), I2(static_cast<int>(i + 1)), Text(DefaultExpression(col))});
      }
    }
  } else if (name == "pg_type") {
    PgType(out);
  } else if (name == "pg_index") {
    PgIndex(c, out);
  } else if (name == "pg_constraint") {
    PgConstraint(c, out);
  } else if (name == "pg_database") {
    for (const auto& [oid, db] : d.databases) {
      push({OidV(oid), Name(db.name), OidV(kSuperuserOid), I4(6), Char('c'), Bool(false),
            Bool(true), I4(-1), OidV(kDefaultTablespace), Text("C.UTF-8"), Text("C.UTF-8"),
            NullText(), NullText(), NullArray()});
    }
  } else if (name == "pg_roles" || name == "pg_authid" || name == "pg_user") {
    PgRoles(c, name, out);
  } else if (name == "pg_proc") {
    PgProc(c, out);
  } else if (name == "pg_language") {
    push({OidV(12), Name("internal"), OidV(kSuperuserOid), Bool(false), Bool(false), OidV(0),
          OidV(0), OidV(2246), NullArray()});
    push({OidV(13), Name("c"), OidV(kSuperuserOid), Bool(false), Bool(false), OidV(0), OidV(0),
          OidV(2247), NullArray()});
    push({OidV(14), Name("sql"), OidV(kSuperuserOid), Bool(false), Bool(true), OidV(0), OidV(0),
          OidV(2248), NullArray()});
  } else if (name == "pg_am") {
    push({OidV(kHeapAm), Name("heap"), Text("heap_tableam_handler"), Char('t')});
    push({OidV(kBtreeAm), Name("btree"), Text("bthandler"), Char('i')});
  } else if (name == "pg_tablespace") {
    push({OidV(kDefaultTablespace), Name("pg_default"), OidV(kSuperuserOid), NullArray(),
          NullArray()});
    push({OidV(1664), Name("pg_global"), OidV(kSuperuserOid), NullArray(), NullArray()});
  } else if (name == "pg_collation") {
    push({OidV(kDefaultCollation), Name("default"), OidV(kPgCatalogNamespace),
          OidV(kSuperuserOid), Char('d'), Bool(true), I4(-1), NullText(), NullText(), NullText(),
          NullText()});
    push({OidV(kCCollation), Name("C"), OidV(kPgCatalogNamespace), OidV(kSuperuserOid),
          Char('c'), Bool(true), I4(-1), Text("C"), Text("C"), NullText(), NullText()});
    push({OidV(951), Name("POSIX"), OidV(kPgCatalogNamespace), OidV(kSuperuserOid), Char('c'),
          Bool(true), I4(-1), Text("POSIX"), Text("POSIX"), NullText(), NullText()});
  } else if (name == "pg_sequence") {
    for (const auto& [oid, s] : d.sequences) {
      if (s.database != c.database) continue;
      push({OidV(oid), OidV(LogicalType(s.type).PgOid()), Value::Int64(s.start),
            Value::Int64(s.increment), Value::Int64(s.max), Value::Int64(s.min),
            Value::Int64(s.cache), Bool(s.cycle)});
    }
  } else if (name == "pg_depend") {
    PgDepend(c, out);
  } else if (name == "pg_settings") {
    if (c.settings == nullptr) return true;
    for (const auto& [def, value] : c.settings->All()) {
      bool numeric =
          def->type == common::SettingType::kInt || def->type == common::SettingType::kReal;
      push({Text(def->name), Text(value), def->unit.empty() ? NullText() : Text(def->unit),
            Text(def->category), Text(def->description),
            Text(common::SettingContextName(def->context)),
            Text(common::SettingTypeName(def->type)), Text("default"),
            numeric ? Text(std::to_string(static_cast<long long>(def->min))) : NullText(),
            numeric ? Text(std::to_string(static_cast<long long>(def->max))) : NullText(),
            Text(def->boot_value), Text(value)});
    }
  } else if (name == "pg_tables") {
    for (const auto& [oid, t] : d.tables) {
      if (t->database != c.database) continue;
      bool triggers = !t->foreign_keys.empty() || !d.ReferencesTo(oid).empty();
      push({Name(SchemaName(d, t->schema)), Name(t->name), Name(c.user),
            Value::Null(TypeId::kName), Bool(!t->indexes.empty()), Bool(false), Bool(triggers),
            Bool(false)});
    }
  } else if (name == "pg_indexes") {
    NameScope scope(d, c.database, {});
    for (const auto& [oid, t] : d.tables) {
      if (t->database != c.database) continue;
      for (const auto& ix : t->indexes) {
        push({Name(SchemaName(d, t->schema)), Name(t->name), Name(ix.name),
              Value::Null(TypeId::kName), Text(IndexDefinition(scope, *t, ix, 0, false))});
      }
    }
  } else if (name == "pg_views") {
    for (const auto& [oid, vw] : d.views) {
      if (vw.database != c.database) continue;
      push({Name(SchemaName(d, vw.schema)), Name(vw.name), Name(c.user), Text(vw.sql)});
    }
  } else if (name == "pg_sequences") {
    for (const auto& [oid, s] : d.sequences) {
      if (s.database != c.database) continue;
      push({Name(SchemaName(d, s.schema)), Name(s.name), Name(c.user),
            Value::OidOf(TypeId::kRegtype, LogicalType(s.type).PgOid()), Value::Int64(s.start),
            Value::Int64(s.min), Value::Int64(s.max), Value::Int64(s.increment), Bool(s.cycle),
            Value::Int64(s.cache)});
    }
  } else if (name == "pg_locks") {
    if (c.locks == nullptr) return true;
    for (const LockRow& l : *c.locks) {
      bool rel = std::string_view(l.locktype) == "relation";
      Value null_oid = Value::Null(TypeId::kOid);
      push({Text(l.locktype), OidV(l.database), rel ? OidV(l.relation) : null_oid,
            Value::Null(TypeId::kInt32), Value::Null(TypeId::kInt16), NullText(), NullText(),
            rel ? null_oid : OidV(l.classid), rel ? null_oid : OidV(l.objid),
            rel ? Value::Null(TypeId::kInt16) : I2(0), NullText(), I4(l.pid), Text(l.mode),
            Bool(l.granted), Bool(false),
            l.wait_start_us != 0 ? Value::TimestampTz(l.wait_start_us)
                                 : Value::Null(TypeId::kTimestampTz)});
    }
  } else if (name == "pg_auth_members" || name == "pg_description" ||
             name == "pg_shdescription" || name == "pg_inherits" ||
             name == "pg_partitioned_table" || name == "pg_trigger" || name == "pg_rewrite" ||
             name == "pg_policy" || name == "pg_statistic_ext" || name == "pg_publication" ||
             name == "pg_publication_rel" || name == "pg_publication_namespace" ||
             name == "pg_extension" || name == "pg_opclass" || name == "pg_opfamily" ||
             name == "pg_enum") {
    // Zijin has none of these objects (no comments, inheritance, partitions, triggers, rules,
    // row security, extended statistics, publications, extensions, operator classes a user
    // can name, or enum types).
  } else {
    return false;
  }
  return true;
}

}  // namespace zijin::catalog::internal
