// The shell's describe commands (\d, \dt, \di, \dv, \ds, \dn, \l) over pg_catalog and
// information_schema, written to run on both Zijin and PostgreSQL.
#include <algorithm>
#include <cctype>
#include <map>

#include "client/shell_internal.h"

namespace zijin::client {
namespace {

// A psql object pattern: [schema.]name, unquoted parts folded to lower case, "..." kept,
// * and ? wildcards.
struct Pattern {
  std::string schema;
  std::string name;
  bool schema_wild = false;
  bool name_wild = false;
};

Pattern ParsePattern(const std::string& text) {
  Pattern p;
  std::string part;
  bool wild = false;
  bool in_quotes = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      if (in_quotes && i + 1 < text.size() && text[i + 1] == '"') {
        part += '"';
        ++i;
      } else {
        in_quotes = !in_quotes;
      }
    } else if (in_quotes) {
      part += c;
    } else if (c == '.') {
      p.schema = part;
      p.schema_wild = wild;
      part.clear();
      wild = false;
    } else if (c == '*') {
      part += '%';
      wild = true;
    } else if (c == '?') {
      part += '_';
      wild = true;
    } else {
      part += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  p.name = part;
  p.name_wild = wild;
  return p;
}

std::string RelkindCase(const std::string& column) {
  return "CASE " + column +
         " WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'"
         " WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'"
         " WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END";
}

PrintTable ToPrintTable(QueryRows rows, std::string title) {
  PrintTable t;
  t.title = std::move(title);
  for (size_t c = 0; c < rows.columns.size(); ++c) {
    t.columns.push_back({rows.columns[c], c < rows.right_align.size() && rows.right_align[c]});
  }
  t.rows = std::move(rows.rows);
  return t;
}

// information_schema's data_type plus modifiers, as format_type() prints them.
std::string FormatType(const std::optional<std::string>& type,
                       const std::optional<std::string>& max_length,
                       const std::optional<std::string>& precision,
                       const std::optional<std::string>& scale) {
  std::string t = type.value_or("");
  if ((t == "character varying" || t == "character") && max_length) {
    return t + "(" + *max_length + ")";
  }
  if (t == "numeric" && precision) return t + "(" + *precision + "," + scale.value_or("0") + ")";
  return t;
}

// An identifier as quote_identifier prints it: bare when it is lower case, digits and
// underscores not leading with a digit, else in double quotes.
std::string QuoteIdentIfNeeded(const std::string& s) {
  bool bare = !s.empty() && !std::isdigit(static_cast<unsigned char>(s[0]));
  for (char c : s) {
    bare = bare && (std::islower(static_cast<unsigned char>(c)) ||
                    std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  }
  if (bare) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

const char* FkActionWords(const std::string& letter) {
  if (letter == "r") return "RESTRICT";
  if (letter == "c") return "CASCADE";
  if (letter == "n") return "SET NULL";
  if (letter == "d") return "SET DEFAULT";
  return "NO ACTION";
}

// The attribute numbers of an int2[] as text ("{1,3}").
std::vector<std::string> AttNums(const std::optional<std::string>& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text.value_or("")) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool IsTrue(const std::optional<std::string>& v) { return v == "t" || v == "true"; }

}  // namespace

std::string Shell::Literal(const std::string& s) const {
  char* q = PQescapeLiteral(conn_, s.data(), s.size());
  if (q == nullptr) return "''";
  std::string out = q;
  PQfreemem(q);
  return out;
}

std::optional<QueryRows> Shell::CatalogQuery(const std::string& sql) {
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    PrintError("You are currently not connected to a database.\n");
    return std::nullopt;
  }
  PGresult* res = PQexec(conn_, sql.c_str());
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PrintError(PQresultErrorMessage(res));
    PQclear(res);
    CheckConnection();
    return std::nullopt;
  }
  QueryRows out;
  int ncols = PQnfields(res);
  for (int c = 0; c < ncols; ++c) {
    out.columns.push_back(PQfname(res, c));
    out.right_align.push_back(IsRightAlignedType(PQftype(res, c)));
  }
  for (int r = 0; r < PQntuples(res); ++r) {
    std::vector<std::optional<std::string>> row;
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(res, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(PQgetvalue(res, r, c));
      }
    }
    out.rows.push_back(std::move(row));
  }
  PQclear(res);
  return out;
}

std::string Shell::NameCondition(const std::string& column, const std::string& value,
                                 bool wild) const {
  return column + (wild ? " LIKE " : " = ") + Literal(value);
}

Shell::Outcome Shell::Describe(const std::string& cmd, const std::vector<std::string>& args) {
  std::string c = cmd;
  while (!c.empty() && (c.back() == '+' || c.back() == 'S')) c.pop_back();
  std::string pattern = args.empty() ? "" : args[0];
  if (c == "d") {
    return pattern.empty() ? ListRelations("rpvmSf", "") : DescribeRelation(pattern);
  }
  if (c == "dt") return ListRelations("rp", pattern);
  if (c == "di") return ListRelations("iI", pattern);
  if (c == "dv") return ListRelations("v", pattern);
  if (c == "dm") return ListRelations("m", pattern);
  if (c == "ds") return ListRelations("S", pattern);
  if (c == "dn") return ListSchemas(pattern);
  if (c == "l" || c == "list") return ListDatabases(pattern);
  if (input_ != nullptr && input_->interactive) {
    PrintError("invalid command \\" + cmd + "\nTry \\? for help.\n");
  } else {
    PrintError("invalid command \\" + cmd + "\n");
  }
  return Outcome::kError;
}

Shell::Outcome Shell::ListRelations(const std::string& kinds, const std::string& pattern) {
  bool indexes = kinds == "iI";
  std::string in;
  for (char k : kinds) in += std::string(in.empty() ? "" : ", ") + "'" + k + "'";
  std::string sql = "SELECT n.nspname AS \"Schema\", c.relname AS \"Name\", " +
                    RelkindCase("c.relkind") + " AS \"Type\", r.rolname AS \"Owner\"";
  if (indexes) sql += ", c2.relname AS \"Table\"";
  sql +=
      " FROM pg_catalog.pg_class c"
      " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      " LEFT JOIN pg_catalog.pg_roles r ON r.oid = c.relowner";
  if (indexes) {
    sql +=
        " LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
        " LEFT JOIN pg_catalog.pg_class c2 ON c2.oid = i.indrelid";
  }
  sql += " WHERE c.relkind IN (" + in + ")";
  Pattern p = ParsePattern(pattern);
  if (!p.schema.empty()) {
    sql += " AND " + NameCondition("n.nspname", p.schema, p.schema_wild);
  } else {
    // psql lists what the search path makes visible; the current schema approximates it.
    sql += " AND n.nspname = current_schema()";
  }
  if (!pattern.empty() && !p.name.empty()) {
    sql += " AND " + NameCondition("c.relname", p.name, p.name_wild);
  }
  sql += " ORDER BY 1, 2";
  auto rows = CatalogQuery(sql);
  if (!rows) return Outcome::kError;
  if (rows->rows.empty()) {
    if (!opts_.quiet) {
      PrintError(pattern.empty() ? "Did not find any relations.\n"
                                 : "Did not find any relation named \"" + pattern + "\".\n");
    }
    return Outcome::kOk;
  }
  PrintTableOut(ToPrintTable(std::move(*rows), "List of relations"));
  return Outcome::kOk;
}

Shell::Outcome Shell::DescribeRelation(const std::string& pattern) {
  Pattern p = ParsePattern(pattern);
  std::string sql =
      "SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c"
      " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " +
      NameCondition("c.relname", p.name, p.name_wild);
  if (!p.schema.empty()) sql += " AND " + NameCondition("n.nspname", p.schema, p.schema_wild);
  sql += " ORDER BY 1, 2";
  auto rows = CatalogQuery(sql);
  if (!rows) return Outcome::kError;
  std::vector<std::vector<std::optional<std::string>>> found = std::move(rows->rows);
  if (p.schema.empty() && found.size() > 1) {
    // Without a schema, prefer what the search path would find first.
    auto cur = CatalogQuery("SELECT current_schema()");
    std::string current = cur && !cur->rows.empty() ? cur->rows[0][0].value_or("") : "";
    auto rank = [&](const std::optional<std::string>& s) {
      return s == current ? 0 : s == "pg_catalog" ? 1 : 2;
    };
    std::stable_sort(found.begin(), found.end(),
                     [&](const auto& a, const auto& b) { return rank(a[0]) < rank(b[0]); });
    if (!p.name_wild) found.resize(1);
  }
  if (found.empty()) {
    PrintError("Did not find any relation named \"" + pattern + "\".\n");
    return Outcome::kError;
  }
  Outcome result = Outcome::kOk;
  for (const auto& row : found) {
    std::string schema = row[0].value_or("");
    std::string name = row[1].value_or("");
    char kind = row[2] && !row[2]->empty() ? (*row[2])[0] : 'r';
    Outcome o;
    if (kind == 'S') {
      o = DescribeSequence(schema, name);
    } else if (kind == 'r' || kind == 'p' || kind == 'v' || kind == 'm' || kind == 'f') {
      o = DescribeTable(schema, name, kind);
    } else if (kind == 'i') {
      o = DescribeIndex(schema, name);
    } else {
      PrintError("\\d of \"" + schema + "." + name + "\" is not supported yet.\n");
      o = Outcome::kError;
    }
    if (o == Outcome::kError) result = o;
  }
  return result;
}

Shell::Outcome Shell::DescribeTable(const std::string& schema, const std::string& name, char kind) {
  auto cols = CatalogQuery(
      "SELECT column_name, data_type, character_maximum_length, numeric_precision, "
      "numeric_scale, is_nullable, column_default FROM information_schema.columns "
      "WHERE table_schema = " +
      Literal(schema) + " AND table_name = " + Literal(name) + " ORDER BY ordinal_position");
  if (!cols) return Outcome::kError;
  const char* what = kind == 'v'   ? "View"
                     : kind == 'm' ? "Materialized view"
                     : kind == 'p' ? "Partitioned table"
                     : kind == 'f' ? "Foreign table"
                                   : "Table";
  PrintTable t;
  t.title = std::string(what) + " \"" + schema + "." + name + "\"";
  t.row_count_footer = false;
  for (const char* c : {"Column", "Type", "Collation", "Nullable", "Default"}) {
    t.columns.push_back({c, false});
  }
  for (const auto& r : cols->rows) {
    t.rows.push_back({r[0], FormatType(r[1], r[2], r[3], r[4]), std::string(),
                      std::string(r[5] == "NO" ? "not null" : ""), r[6].value_or("")});
  }
  if (kind == 'r' || kind == 'p' || kind == 'm') {
    auto idx = CatalogQuery(
        "SELECT i.indexname, i.indexdef, x.indisprimary FROM pg_catalog.pg_indexes i"
        " JOIN pg_catalog.pg_namespace n ON n.nspname = i.schemaname"
        " JOIN pg_catalog.pg_class c ON c.relname = i.indexname AND c.relnamespace = n.oid"
        " JOIN pg_catalog.pg_index x ON x.indexrelid = c.oid"
        " WHERE i.schemaname = " +
        Literal(schema) + " AND i.tablename = " + Literal(name) + " ORDER BY i.indexname");
    if (!idx) return Outcome::kError;
    auto primary = [](const auto& r) { return r[2] == "t" || r[2] == "true"; };
    std::stable_sort(idx->rows.begin(), idx->rows.end(),
                     [&](const auto& a, const auto& b) { return primary(a) && !primary(b); });
    if (!idx->rows.empty()) t.footers.push_back("Indexes:");
    for (const auto& r : idx->rows) {
      std::string def = r[1].value_or("");
      size_t using_pos = def.find(" USING ");
      std::string method = using_pos == std::string::npos ? def : def.substr(using_pos + 7);
      std::string kind_text;
      if (primary(r)) {
        kind_text = "PRIMARY KEY, ";
      } else if (def.rfind("CREATE UNIQUE", 0) == 0) {
        // Without pg_constraint, an index named like a constraint's (t_col_key) stands for one.
        const std::string n = r[0].value_or("");
        bool constraint = n.size() > 4 && n.compare(n.size() - 4, 4, "_key") == 0;
        kind_text = constraint ? "UNIQUE CONSTRAINT, " : "UNIQUE, ";
      }
      t.footers.push_back("    \"" + r[0].value_or("") + "\" " + kind_text + method);
    }
    auto oid = CatalogQuery(
        "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
        "c.relnamespace WHERE c.relname = " +
        Literal(name) + " AND n.nspname = " + Literal(schema));
    if (!oid) return Outcome::kError;
    if (!oid->rows.empty() && !ForeignKeyFooters(oid->rows[0][0].value_or("0"), &t.footers)) {
      return Outcome::kError;
    }
  }
  PrintTableOut(t);
  return Outcome::kOk;
}

bool Shell::ForeignKeyFooters(const std::string& oid, std::vector<std::string>* footers) {
  // pg_get_constraintdef's text, built from pg_constraint's columns so that it reads the same
  // from PostgreSQL and from Zijin (which has no pg_get_constraintdef).
  auto cur = CatalogQuery("SELECT current_schema()");
  if (!cur) return false;
  std::string current = cur->rows.empty() ? "" : cur->rows[0][0].value_or("");
  std::map<std::string, std::map<std::string, std::string>> attnames;  // table oid -> attnum
  auto names = [&](const std::string& rel, const std::optional<std::string>& nums,
                   std::string* out) -> bool {
    auto it = attnames.find(rel);
    if (it == attnames.end()) {
      auto rows = CatalogQuery(
          "SELECT attnum, attname FROM pg_catalog.pg_attribute WHERE "
          "attrelid = " +
          rel + " AND attnum > 0");
      if (!rows) return false;
      it = attnames.emplace(rel, std::map<std::string, std::string>()).first;
      for (const auto& r : rows->rows) it->second[r[0].value_or("")] = r[1].value_or("");
    }
    out->clear();
    for (const auto& n : AttNums(nums)) {
      if (!out->empty()) *out += ", ";
      *out += QuoteIdentIfNeeded(it->second[n]);
    }
    return true;
  };
  // side: "conrelid" lists the table's own keys, "confrelid" the keys referencing it.
  auto query = [&](const char* side, const char* other) {
    return CatalogQuery(
        std::string("SELECT r.conname, r.conrelid, r.confrelid, r.conkey, r.confkey, "
                    "r.confupdtype, r.confdeltype, r.confmatchtype, r.condeferrable, "
                    "r.condeferred, r.convalidated, r.confdelsetcols, c2.relname, n2.nspname, "
                    "c3.relname, n3.nspname FROM pg_catalog.pg_constraint r "
                    "JOIN pg_catalog.pg_class c2 ON c2.oid = r.") +
        other +
        " JOIN pg_catalog.pg_namespace n2 ON n2.oid = c2.relnamespace"
        " JOIN pg_catalog.pg_class c3 ON c3.oid = r.confrelid"
        " JOIN pg_catalog.pg_namespace n3 ON n3.oid = c3.relnamespace"
        " WHERE r." +
        side + " = " + oid + " AND r.contype = 'f' ORDER BY r.conname");
  };
  auto relname = [&](const std::optional<std::string>& rel, const std::optional<std::string>& ns) {
    std::string n = QuoteIdentIfNeeded(rel.value_or(""));
    return ns == current ? n : QuoteIdentIfNeeded(ns.value_or("")) + "." + n;
  };
  auto definition = [&](const std::vector<std::optional<std::string>>& r,
                        std::string* def) -> bool {
    std::string cols, refcols, setcols;
    if (!names(r[1].value_or("0"), r[3], &cols) || !names(r[2].value_or("0"), r[4], &refcols)) {
      return false;
    }
    *def = "FOREIGN KEY (" + cols + ") REFERENCES " + relname(r[14], r[15]) + "(" + refcols + ")";
    if (r[7] == "f") *def += " MATCH FULL";
    if (r[5].value_or("a") != "a") *def += std::string(" ON UPDATE ") + FkActionWords(*r[5]);
    if (r[6].value_or("a") != "a") {
      *def += std::string(" ON DELETE ") + FkActionWords(*r[6]);
      if (r[11]) {
        if (!names(r[1].value_or("0"), r[11], &setcols)) return false;
        *def += " (" + setcols + ")";
      }
    }
    if (IsTrue(r[8])) *def += " DEFERRABLE";
    if (IsTrue(r[9])) *def += " INITIALLY DEFERRED";
    if (r[10] && !IsTrue(r[10])) *def += " NOT VALID";
    return true;
  };
  auto own = query("conrelid", "conrelid");
  if (!own) return false;
  if (!own->rows.empty()) footers->push_back("Foreign-key constraints:");
  for (const auto& r : own->rows) {
    std::string def;
    if (!definition(r, &def)) return false;
    footers->push_back("    \"" + r[0].value_or("") + "\" " + def);
  }
  auto referencing = query("confrelid", "conrelid");
  if (!referencing) return false;
  if (!referencing->rows.empty()) footers->push_back("Referenced by:");
  for (const auto& r : referencing->rows) {
    std::string def;
    if (!definition(r, &def)) return false;
    std::string table = r[13] == current ? r[12].value_or("")
                                         : QuoteIdentIfNeeded(r[13].value_or("")) + "." +
                                               QuoteIdentIfNeeded(r[12].value_or(""));
    footers->push_back("    TABLE \"" + table + "\" CONSTRAINT \"" + r[0].value_or("") + "\" " +
                       def);
  }
  return true;
}

Shell::Outcome Shell::DescribeIndex(const std::string& schema, const std::string& name) {
  auto idx = CatalogQuery(
      "SELECT i.tablename, i.indexdef, x.indisprimary FROM pg_catalog.pg_indexes i"
      " JOIN pg_catalog.pg_namespace n ON n.nspname = i.schemaname"
      " JOIN pg_catalog.pg_class c ON c.relname = i.indexname AND c.relnamespace = n.oid"
      " JOIN pg_catalog.pg_index x ON x.indexrelid = c.oid"
      " WHERE i.schemaname = " +
      Literal(schema) + " AND i.indexname = " + Literal(name));
  if (!idx) return Outcome::kError;
  if (idx->rows.empty()) {
    PrintError("Did not find any relation named \"" + schema + "." + name + "\".\n");
    return Outcome::kError;
  }
  const auto& row = idx->rows[0];
  std::string table = row[0].value_or("");
  std::string def = row[1].value_or("");
  bool primary = row[2] == "t" || row[2] == "true";
  // "CREATE [UNIQUE] INDEX n ON s.t USING method (a, b DESC)": the method and the key list.
  size_t using_pos = def.find(" USING ");
  std::string method, keys;
  if (using_pos != std::string::npos) {
    std::string rest = def.substr(using_pos + 7);
    size_t open = rest.find('(');
    size_t close = rest.rfind(')');
    method = rest.substr(0, rest.find(' '));
    if (open != std::string::npos && close != std::string::npos && close > open) {
      keys = rest.substr(open + 1, close - open - 1);
    }
  }
  auto cols = CatalogQuery(
      "SELECT column_name, data_type, character_maximum_length, numeric_precision, "
      "numeric_scale FROM information_schema.columns WHERE table_schema = " +
      Literal(schema) + " AND table_name = " + Literal(table));
  if (!cols) return Outcome::kError;
  PrintTable t;
  t.title = "Index \"" + schema + "." + name + "\"";
  t.row_count_footer = false;
  for (const char* c : {"Column", "Type", "Key?", "Definition"}) t.columns.push_back({c, false});
  int depth = 0;
  std::string key;
  auto add_key = [&] {
    std::string k = key;
    for (const char* suffix : {" NULLS FIRST", " NULLS LAST", " DESC", " ASC"}) {
      std::string sfx = suffix;
      if (k.size() > sfx.size() && k.compare(k.size() - sfx.size(), sfx.size(), sfx) == 0) {
        k.resize(k.size() - sfx.size());
      }
    }
    std::string column = k.size() > 1 && k.front() == '"' ? k.substr(1, k.size() - 2) : k;
    std::string type;
    for (const auto& c : cols->rows) {
      if (c[0] == column) type = FormatType(c[1], c[2], c[3], c[4]);
    }
    t.rows.push_back({column, type, std::string("yes"), k});
    key.clear();
  };
  for (size_t i = 0; i < keys.size(); ++i) {
    char ch = keys[i];
    if (ch == '(') ++depth;
    if (ch == ')') --depth;
    if (ch == ',' && depth == 0) {
      add_key();
      while (i + 1 < keys.size() && keys[i + 1] == ' ') ++i;
    } else {
      key += ch;
    }
  }
  if (!key.empty()) add_key();
  std::string footer = primary                              ? "primary key, "
                       : def.rfind("CREATE UNIQUE", 0) == 0 ? "unique, "
                                                            : "";
  t.footers.push_back(footer + method + ", for table \"" + schema + "." + table + "\"");
  PrintTableOut(t);
  return Outcome::kOk;
}

Shell::Outcome Shell::DescribeSequence(const std::string& schema, const std::string& name) {
  auto rows = CatalogQuery(
      "SELECT 'bigint' AS \"Type\", start_value AS \"Start\", min_value AS \"Minimum\", "
      "max_value AS \"Maximum\", increment_by AS \"Increment\", "
      "CASE WHEN cycle THEN 'yes' ELSE 'no' END AS \"Cycles?\", cache_size AS \"Cache\" "
      "FROM pg_catalog.pg_sequences WHERE schemaname = " +
      Literal(schema) + " AND sequencename = " + Literal(name));
  if (!rows) return Outcome::kError;
  PrintTable t = ToPrintTable(std::move(*rows), "Sequence \"" + schema + "." + name + "\"");
  t.row_count_footer = false;
  PrintTableOut(t);
  return Outcome::kOk;
}

Shell::Outcome Shell::ListSchemas(const std::string& pattern) {
  std::string sql =
      "SELECT n.nspname AS \"Name\", r.rolname AS \"Owner\" FROM pg_catalog.pg_namespace n"
      " LEFT JOIN pg_catalog.pg_roles r ON r.oid = n.nspowner WHERE ";
  Pattern p = ParsePattern(pattern);
  if (pattern.empty()) {
    sql += "substr(n.nspname, 1, 3) <> 'pg_' AND n.nspname <> 'information_schema'";
  } else {
    sql += NameCondition("n.nspname", p.name, p.name_wild);
  }
  sql += " ORDER BY 1";
  auto rows = CatalogQuery(sql);
  if (!rows) return Outcome::kError;
  PrintTableOut(ToPrintTable(std::move(*rows), "List of schemas"));
  return Outcome::kOk;
}

Shell::Outcome Shell::ListDatabases(const std::string& pattern) {
  std::string sql =
      "SELECT d.datname AS \"Name\", r.rolname AS \"Owner\", CASE d.encoding WHEN 6 THEN "
      "'UTF8' WHEN 0 THEN 'SQL_ASCII' WHEN 8 THEN 'LATIN1' ELSE CAST(d.encoding AS text) END "
      "AS \"Encoding\", d.datcollate AS \"Collate\", d.datctype AS \"Ctype\", "
      "CAST(NULL AS text) AS \"ICU Locale\", 'libc' AS \"Locale Provider\", "
      "CAST(d.datacl AS text) AS \"Access privileges\" FROM pg_catalog.pg_database d "
      "LEFT JOIN pg_catalog.pg_roles r ON r.oid = d.datdba";
  if (!pattern.empty()) {
    Pattern p = ParsePattern(pattern);
    sql += " WHERE " + NameCondition("d.datname", p.name, p.name_wild);
  }
  sql += " ORDER BY 1";
  auto rows = CatalogQuery(sql);
  if (!rows) return Outcome::kError;
  // psql prints an ACL array one item per line.
  for (auto& row : rows->rows) {
    auto& acl = row.back();
    if (acl && acl->size() >= 2 && acl->front() == '{' && acl->back() == '}') {
      std::string items = acl->substr(1, acl->size() - 2);
      std::replace(items.begin(), items.end(), ',', '\n');
      acl = items;
    }
  }
  PrintTableOut(ToPrintTable(std::move(*rows), "List of databases"));
  return Outcome::kOk;
}

}  // namespace zijin::client
