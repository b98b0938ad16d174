// DDL of a SQL session: DROP, ALTER TABLE and TRUNCATE (see sql_session_ddl.cc).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "exec/ddl.h"
#include "exec/table_store.h"
#include "parser/parse.h"
#include "parser/syntax.h"
#include "server/instance.h"
#include "server/sql_session_ddl_internal.h"
#include "server/sql_session_internal.h"
#include "storage/engine.h"
#include "types/cast.h"
#include "types/type_io.h"
#include "types/type_names.h"

namespace zijin::server::ddl {

// ---------------------------------------------------------------------------------------------
// DROP

Status DdlRunner::DropSequenceChecked(Oid seq_oid, bool cascade) {
  const catalog::Sequence& seq = data_->sequences.at(seq_oid);
  // Column defaults calling nextval on the sequence depend on it.
  std::vector<std::pair<Oid, size_t>> users;
  std::string quoted = "'" + seq.name + "'";
  std::string qualified;
  auto sit = data_->schemas.find(seq.schema);
  if (sit != data_->schemas.end()) qualified = "'" + sit->second.name + "." + seq.name + "'";
  for (const auto& [oid, t] : data_->tables) {
    for (size_t i = 0; i < t->columns.size(); ++i) {
      const std::string& d = t->columns[i].default_expr;
      if (t->columns[i].dropped || d.empty()) continue;
      if ((d.find(quoted) != std::string::npos ||
           (!qualified.empty() && d.find(qualified) != std::string::npos)) &&
          (t->schema == seq.schema || d.find(qualified) != std::string::npos)) {
        users.emplace_back(oid, i);
      }
    }
  }
  if (!users.empty()) {
    std::string detail;
    for (const auto& [oid, i] : users) {
      const auto& t = *data_->tables.at(oid);
      if (!detail.empty()) detail += "\n";
      detail += std::string(cascade ? "drop cascades to " : "") + "default value for column " +
                t.columns[i].name + " of table " + t.name +
                (cascade ? "" : " depends on sequence " + seq.name);
    }
    if (!cascade) {
      return Status::Error(
                 sqlstate::kDependentObjectsStillExist,
                 "cannot drop sequence " + seq.name + " because other objects depend on it")
          .WithDetail(detail)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    Notice(sqlstate::kSuccess, detail);
    for (const auto& [oid, i] : users) ZJ_RETURN_IF_ERROR(LockRel(oid, txn::LockMode::kAccessExclusive));
    for (const auto& [oid, i] : users) {
      catalog::Table nt = *data_->tables.at(oid);
      nt.columns[i].default_expr.clear();
      ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, std::move(nt)));
    }
  }
  return exec::DropSequence(ctx_, seq_oid);
}

Status DdlRunner::DropSchemas(const parser::DropStatement& st) {
  for (const auto& name : st.names) {
    if (name.size() != 1) {
      return Status::Error(sqlstate::kSyntaxError, "syntax error at or near \".\"");
    }
    const catalog::Schema* sc = data_->FindSchema(s_->database_oid, name[0]);
    if (sc == nullptr) {
      if (st.if_exists) {
        Notice(sqlstate::kSuccess, "schema \"" + name[0] + "\" does not exist, skipping");
        continue;
      }
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema \"" + name[0] + "\" does not exist");
    }
    if (sc->database == 0 || sc->oid == catalog::kPgCatalogNamespace) {
      return Status::Error(
          sqlstate::kDependentObjectsStillExist,
          "cannot drop schema " + sc->name + " because it is required by the database system");
    }
    Oid schema = sc->oid;
    std::string sname = sc->name;
    // The schema, then everything in it (which DROP CASCADE drops).
    ZJ_RETURN_IF_ERROR(Lock({txn::LockObject::kSchema, s_->database_oid, schema},
                            txn::LockMode::kAccessExclusive));
    {
      std::vector<Oid> rels;
      for (const auto& [oid, t] : data_->tables) {
        if (t->schema == schema) rels.push_back(oid);
      }
      for (const auto& [oid, v] : data_->views) {
        if (v.schema == schema) rels.push_back(oid);
      }
      for (const auto& [oid, q] : data_->sequences) {
        if (q.schema == schema) rels.push_back(oid);
      }
      for (Oid oid : rels) ZJ_RETURN_IF_ERROR(LockRel(oid, txn::LockMode::kAccessExclusive));
    }
    std::vector<std::string> members;
    std::string detail;
    // Objects outside the search path are shown qualified, as PostgreSQL describes them.
    bool visible =
        std::find(pc_.search_path.begin(), pc_.search_path.end(), sname) != pc_.search_path.end();
    auto note = [&](const char* kind, const std::string& n) {
      members.push_back(n);
      if (!detail.empty()) detail += "\n";
      detail += (st.cascade ? std::string("drop cascades to ") : std::string()) + kind + " " +
                (visible ? n : sname + "." + n) + (st.cascade ? "" : " depends on schema " + sname);
    };
    for (const auto& [oid, t] : data_->tables) {
      if (t->schema == schema) note("table", t->name);
    }
    for (const auto& [oid, v] : data_->views) {
      if (v.schema == schema) note("view", v.name);
    }
    for (const auto& [oid, q] : data_->sequences) {
      if (q.schema == schema && q.owned_by_table == 0) note("sequence", q.name);
    }
    if (!members.empty()) {
      if (!st.cascade) {
        return Status::Error(sqlstate::kDependentObjectsStillExist,
                             "cannot drop schema " + sname + " because other objects depend on it")
            .WithDetail(detail)
            .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      if (members.size() == 1) {
        Notice(sqlstate::kSuccess, detail);
      } else {
        Notice(sqlstate::kSuccess,
               "drop cascades to " + std::to_string(members.size()) + " other objects", detail);
      }
    }
    ViewGuard guard = ViewsMentioning(members);
    ZJ_RETURN_IF_ERROR(exec::DropSchema(ctx_, schema, true));
    ZJ_RETURN_IF_ERROR(HandleBrokenViews(guard, st.cascade, "schema " + sname));
  }
  return Status::OK();
}

Status DdlRunner::DropDatabases(const parser::DropStatement& st) {
  for (const auto& name : st.names) {
    const catalog::Database* db = data_->FindDatabase(name.back());
    if (db == nullptr) {
      if (st.if_exists) {
        Notice(sqlstate::kSuccess, "database \"" + name.back() + "\" does not exist, skipping");
        continue;
      }
      return Status::Error(sqlstate::kInvalidCatalogName,
                           "database \"" + name.back() + "\" does not exist");
    }
    if (db->oid == s_->database_oid) {
      return Status::Error(sqlstate::kObjectInUse, "cannot drop the currently open database");
    }
    if (db->oid == catalog::kTemplateDatabase) {
      return Status::Error(sqlstate::kWrongObjectType, "cannot drop a template database");
    }
    ZJ_RETURN_IF_ERROR(Lock({txn::LockObject::kDatabase, 0, db->oid},
                            txn::LockMode::kAccessExclusive));
    // PostgreSQL waits up to 5 s for the other sessions to leave, then refuses.
    int others = 0;
    for (int i = 0; i < 50; ++i) {
      others = s_->instance->SessionsOn(db->oid, s_->backend_pid);
      if (others == 0) break;
      ZJ_RETURN_IF_ERROR(s_->interrupt.Check());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (others > 0) {
      return Status::Error(sqlstate::kObjectInUse,
                           "database \"" + db->name + "\" is being accessed by other users")
          .WithDetail("There " + std::string(others == 1 ? "is " : "are ") +
                      std::to_string(others) + " other session" + (others == 1 ? "" : "s") +
                      " using the database.");
    }
    ZJ_RETURN_IF_ERROR(exec::DropDatabase(ctx_, db->oid));
  }
  return Status::OK();
}

Result<RunResult> DdlRunner::Drop(const parser::DropStatement& st) {
  using O = parser::DropStatement::Object;
  std::string tag = TagOf(st);
  if (st.object == O::kSchema) {
    ZJ_RETURN_IF_ERROR(DropSchemas(st));
    return Done(tag);
  }
  if (st.object == O::kDatabase) {
    ZJ_RETURN_IF_ERROR(DropDatabases(st));
    return Done(tag);
  }
  RelKind want = st.object == O::kTable      ? RelKind::kTable
                 : st.object == O::kIndex    ? RelKind::kIndex
                 : st.object == O::kSequence ? RelKind::kSequence
                                             : RelKind::kView;
  const char* noun = KindNoun(want);
  std::vector<RelRef> targets;
  for (const auto& name : st.names) {
    RelRef rel;
    bool schema_missing = false;
    if (name.size() >= 2) {
      ZJ_RETURN_IF_ERROR(SchemaOf(name, st.if_exists, &schema_missing).status());
      if (schema_missing) {
        Notice(sqlstate::kSuccess,
               "schema \"" + name[name.size() - 2] + "\" does not exist, skipping");
        continue;
      }
    }
    ZJ_ASSIGN_OR_RETURN(bool found, FindRel(name, &rel));
    if (!found) {
      std::string msg = std::string(noun) + " \"" + name.back() + "\" does not exist";
      if (st.if_exists) {
        Notice(sqlstate::kSuccess, msg + ", skipping");
        continue;
      }
      return Status::Error(
          want == RelKind::kIndex ? sqlstate::kUndefinedObject : sqlstate::kUndefinedTable, msg);
    }
    if (rel.kind != want) {
      const char* have = KindNoun(rel.kind);
      std::string article = rel.kind == RelKind::kIndex ? "an" : "a";
      std::string upper = have;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return Status::Error(
                 sqlstate::kWrongObjectType,
                 "\"" + rel.name + "\" is not " + (want == RelKind::kIndex ? "an " : "a ") + noun)
          .WithHint("Use DROP " + upper + " to remove " + article + " " + have + ".");
    }
    bool dup = false;
    for (const auto& t : targets) dup = dup || t.oid == rel.oid;
    if (!dup) targets.push_back(rel);
  }
  if (targets.empty()) return Done(tag);
  std::vector<std::string> names;
  std::vector<Oid> oids;
  for (const auto& t : targets) {
    names.push_back(t.name);
    oids.push_back(t.oid);
  }
  ViewGuard guard = ViewsMentioning(names);
  // Foreign keys of other tables that reference a dropped table, or look their keys up in a
  // dropped index.
  Dependents keys;
  for (const auto& rel : targets) {
    Dependents more;
    if (want == RelKind::kTable) more = KeysReferencing(rel.oid, oids);
    auto owner = data_->index_owner.find(rel.oid);
    if (want == RelKind::kIndex && owner != data_->index_owner.end()) {
      auto t = TableOf(owner->second);
      const catalog::Index* pk = t ? t->primary_key() : nullptr;
      if (pk == nullptr || pk->oid != rel.oid) more = KeysUsingIndex(owner->second, rel.oid);
    }
    keys.insert(keys.end(), more.begin(), more.end());
  }
  if (st.cascade) ZJ_RETURN_IF_ERROR(DropForeignKeys(keys));
  for (const auto& rel : targets) {
    switch (want) {
      case RelKind::kTable:
        ZJ_RETURN_IF_ERROR(exec::DropTable(ctx_, rel.oid));
        break;
      case RelKind::kIndex: {
        auto owner = data_->index_owner.find(rel.oid);
        if (owner != data_->index_owner.end()) {
          auto t = TableOf(owner->second);
          const catalog::Index* pk = t ? t->primary_key() : nullptr;
          if (pk != nullptr && pk->oid == rel.oid) {
            return Status::Error(sqlstate::kDependentObjectsStillExist,
                                 "cannot drop index " + rel.name + " because constraint " +
                                     rel.name + " on table " + t->name + " requires it")
                .WithHint("You can drop constraint " + rel.name + " on table " + t->name +
                          " instead.");
          }
        }
        ZJ_RETURN_IF_ERROR(exec::DropIndex(ctx_, rel.oid));
        break;
      }
      case RelKind::kSequence:
        ZJ_RETURN_IF_ERROR(DropSequenceChecked(rel.oid, st.cascade));
        break;
      case RelKind::kView:
        ZJ_RETURN_IF_ERROR(exec::DropView(ctx_, rel.oid));
        break;
    }
  }
  ZJ_RETURN_IF_ERROR(
      HandleBrokenViews(guard, st.cascade, std::string(noun) + " " + names[0], std::move(keys)));
  return Done(tag);
}

// ---------------------------------------------------------------------------------------------
// ALTER TABLE

Result<RunResult> DdlRunner::AlterTable(const parser::AlterTableStatement& st) {
  RelRef rel;
  ZJ_ASSIGN_OR_RETURN(bool found, FindRel(st.table, &rel, st.if_exists));
  if (!found) {
    std::string msg = "relation \"" + st.table.back() + "\" does not exist";
    if (st.if_exists) {
      Notice(sqlstate::kSuccess, msg + ", skipping");
      return Done("ALTER TABLE");
    }
    return Status::Error(sqlstate::kUndefinedTable, msg);
  }
  if (rel.kind != RelKind::kTable) {
    return Status::Error(sqlstate::kWrongObjectType, "\"" + rel.name + "\" is not a table");
  }
  for (const auto& a : st.actions) ZJ_RETURN_IF_ERROR(AlterAction(rel.oid, a));
  return Done("ALTER TABLE");
}

Status DdlRunner::AlterAction(Oid table_oid, const parser::AlterAction& a) {
  using K = parser::AlterAction::Kind;
  auto t = TableOf(table_oid);
  if (!t) return Status::Internal("table vanished");
  auto column_missing = [&](const std::string& name) {
    return Status::Error(sqlstate::kUndefinedColumn,
                         "column \"" + name + "\" of relation \"" + t->name + "\" does not exist");
  };
  switch (a.kind) {
    case K::kAddColumn:
      return AddColumn(table_oid, a);
    case K::kDropColumn:
      return DropColumn(table_oid, a);
    case K::kRenameColumn:
      return RenameColumn(table_oid, a);
    case K::kRenameTable:
      return RenameTable(table_oid, a);
    case K::kDropConstraint:
      return DropConstraint(table_oid, a);
    case K::kAlterType:
      return AlterColumnType(table_oid, a);
    case K::kAddConstraint: {
      const auto& c = a.constraint;
      ConstraintReq r = ToReq(c);
      if (!r.name.empty() && r.kind != CKind::kCheck && r.kind != CKind::kForeignKey &&
          NameTaken(t->schema, r.name)) {
        return Status::Error(sqlstate::kDuplicateTable,
                             "relation \"" + r.name + "\" already exists");
      }
      return AddConstraint(table_oid, r);
    }
    case K::kSetDefault:
    case K::kDropDefault:
    case K::kSetNotNull:
    case K::kDropNotNull: {
      int col = t->FindColumn(a.name);
      if (col < 0) return column_missing(a.name);
      catalog::Table nt = *t;
      catalog::Column& c = nt.columns[static_cast<size_t>(col)];
      if (a.kind == K::kSetDefault) {
        ZJ_RETURN_IF_ERROR(
            BindDefault(a.constraint.expr.get(), a.constraint.expr_text, c.type).status());
        c.default_expr = a.constraint.expr_text;
      } else if (a.kind == K::kDropDefault) {
        c.default_expr.clear();
      } else if (a.kind == K::kSetNotNull) {
        if (!c.not_null) ZJ_RETURN_IF_ERROR(CheckNotNull(nt, col));
        c.not_null = true;
      } else {
        const catalog::Index* pk = nt.primary_key();
        if (pk != nullptr &&
            std::find(pk->columns.begin(), pk->columns.end(), col) != pk->columns.end()) {
          return Status::Error(sqlstate::kInvalidTableDefinition,
                               "column \"" + a.name + "\" is in a primary key");
        }
        c.not_null = false;
      }
      return exec::ReplaceTable(ctx_, std::move(nt));
    }
  }
  return Status::Internal("unexpected ALTER TABLE action");
}

Status DdlRunner::AddColumn(Oid table_oid, const parser::AlterAction& a) {
  auto t = TableOf(table_oid);
  const parser::ColumnDef& def = a.column;
  if (t->FindColumn(def.name) >= 0) {
    std::string msg = "column \"" + def.name + "\" of relation \"" + t->name + "\" already exists";
    if (a.if_not_exists) {
      Notice(sqlstate::kDuplicateColumn, msg + ", skipping");
      return Status::OK();
    }
    return Status::Error(sqlstate::kDuplicateColumn, msg);
  }
  if (t->columns.size() >= 1600) {
    return Status::Error(sqlstate::kTooManyColumns, "tables can have at most 1600 columns");
  }
  catalog::Column col;
  std::vector<ConstraintReq> cons;
  const parser::Expr* default_ast = nullptr;
  ZJ_RETURN_IF_ERROR(BuildColumn(def, t->name, t->schema, table_oid, &col, &cons, &default_ast));
  catalog::Table nt = *t;
  size_t idx = nt.columns.size();
  // Rows stored before the column existed read its default: a stable default is computed once
  // and kept as the column's missing value; a volatile one (nextval, random) means rewriting
  // every row with its own value, as PostgreSQL does.
  planner::ExprPtr volatile_default;
  if (!col.default_expr.empty()) {
    ZJ_ASSIGN_OR_RETURN(planner::ExprPtr e, BindDefault(default_ast, col.default_expr, col.type));
    if (IsVolatile(*e)) {
      volatile_default = std::move(e);
    } else {
      ZJ_ASSIGN_OR_RETURN(Value v, EvalConst(*e));
      if (!v.is_null()) {
        col.has_missing = true;
        col.missing_value = types::ToText(v);
      }
    }
  }
  nt.columns.push_back(col);
  ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, nt));
  if (volatile_default) {
    exec::ExecContext ectx;
    s_->FillContext(&ectx, nullptr);
    ZJ_RETURN_IF_ERROR(RewriteRows(*t, nt, [&](exec::Row* row) -> Status {
      exec::Row empty;
      ZJ_ASSIGN_OR_RETURN((*row)[idx], exec::Eval(*volatile_default, empty, &ectx));
      return Status::OK();
    }));
  }
  if (col.not_null) ZJ_RETURN_IF_ERROR(CheckNotNull(nt, static_cast<int>(idx)));
  for (const auto& c : cons) ZJ_RETURN_IF_ERROR(AddConstraint(table_oid, c));
  return Status::OK();
}

Status DdlRunner::DropColumn(Oid table_oid, const parser::AlterAction& a) {
  auto t = TableOf(table_oid);
  int col = t->FindColumn(a.name);
  if (col < 0) {
    std::string msg = "column \"" + a.name + "\" of relation \"" + t->name + "\" does not exist";
    if (a.if_exists) {
      Notice(sqlstate::kSuccess, msg + ", skipping");
      return Status::OK();
    }
    return Status::Error(sqlstate::kUndefinedColumn, msg);
  }
  ViewGuard guard = ViewsMentioning({a.name, t->name});
  // Foreign keys of other tables that reference the column depend on it.
  Dependents keys = KeysReferencingColumn(table_oid, col);
  if (a.cascade) {
    ZJ_RETURN_IF_ERROR(DropForeignKeys(keys));
    t = TableOf(table_oid);
  }
  // The primary key over the column goes with it, as PostgreSQL drops it.
  const catalog::Index* pk = t->primary_key();
  if (pk != nullptr &&
      std::find(pk->columns.begin(), pk->columns.end(), col) != pk->columns.end()) {
    ZJ_RETURN_IF_ERROR(DropPrimaryKey(table_oid));
    t = TableOf(table_oid);
  }
  // Indexes over the column go with it.
  for (const auto& ix : t->indexes) {
    if (std::find(ix.columns.begin(), ix.columns.end(), col) != ix.columns.end()) {
      ZJ_RETURN_IF_ERROR(exec::DropIndex(ctx_, ix.oid));
    }
  }
  // So do sequences it owns (serial) and CHECKs that mention it.
  std::vector<Oid> owned;
  for (const auto& [oid, q] : data_->sequences) {
    if (q.owned_by_table == table_oid && q.owned_by_column == a.name) owned.push_back(oid);
  }
  catalog::Table nt = *TableOf(table_oid);
  std::vector<catalog::Check> checks;
  for (const auto& ch : nt.checks) {
    auto parsed = parser::ParseSql("SELECT " + ch.expr);
    bool uses = true;
    if (parsed.ok() && parsed->size() == 1) {
      const auto& sel = static_cast<const parser::SelectStatement&>(*(*parsed)[0].stmt);
      if (sel.query && sel.query->targets.size() == 1) {
        ExprFacts f = FactsOf(sel.query->targets[0].expr.get());
        uses = std::find(f.columns.begin(), f.columns.end(), a.name) != f.columns.end();
      }
    }
    if (!uses) checks.push_back(ch);
  }
  nt.checks = std::move(checks);
  // The table's own foreign keys over the column go with it too.
  std::erase_if(nt.foreign_keys, [&](const catalog::ForeignKey& fk) {
    return std::find(fk.columns.begin(), fk.columns.end(), col) != fk.columns.end();
  });
  catalog::Column& c = nt.columns[static_cast<size_t>(col)];
  c.dropped = true;
  c.name = "........pg.dropped." + std::to_string(col + 1) + "........";
  c.not_null = false;
  c.default_expr.clear();
  ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, std::move(nt)));
  for (Oid q : owned) ZJ_RETURN_IF_ERROR(exec::DropSequence(ctx_, q));
  return HandleBrokenViews(guard, a.cascade, "column " + a.name + " of table " + t->name,
                           std::move(keys));
}

Status DdlRunner::RenameColumn(Oid table_oid, const parser::AlterAction& a) {
  auto t = TableOf(table_oid);
  int col = t->FindColumn(a.name);
  if (col < 0) {
    return Status::Error(sqlstate::kUndefinedColumn, "column \"" + a.name + "\" does not exist");
  }
  if (t->FindColumn(a.new_name) >= 0) {
    return Status::Error(
        sqlstate::kDuplicateColumn,
        "column \"" + a.new_name + "\" of relation \"" + t->name + "\" already exists");
  }
  ViewGuard guard = ViewsMentioning({a.name});
  catalog::Table nt = *t;
  nt.columns[static_cast<size_t>(col)].name = a.new_name;
  for (auto& ch : nt.checks) ch.expr = RenameIdentInSql(ch.expr, a.name, a.new_name);
  ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, std::move(nt)));
  catalog::CatalogWriter w(ctx_.txn);
  for (auto& [oid, q] : data_->sequences) {
    if (q.owned_by_table == table_oid && q.owned_by_column == a.name) {
      q.owned_by_column = a.new_name;
      ZJ_RETURN_IF_ERROR(w.PutSequence(q));
    }
  }
  std::vector<Oid> broken = BrokenViews(guard);
  if (!broken.empty()) {
    return Status::NotSupported("cannot rename column \"" + a.name + "\" of table \"" + t->name +
                                "\" because view \"" + data_->views.at(broken[0]).name +
                                "\" depends on it");
  }
  return Status::OK();
}

Status DdlRunner::RenameTable(Oid table_oid, const parser::AlterAction& a) {
  ZJ_RETURN_IF_ERROR(LockNewName(TableOf(table_oid)->schema, a.new_name));
  auto t = TableOf(table_oid);
  if (NameTaken(t->schema, a.new_name)) {
    return Status::Error(sqlstate::kDuplicateTable,
                         "relation \"" + a.new_name + "\" already exists");
  }
  ViewGuard guard = ViewsMentioning({t->name});
  catalog::Table nt = *t;
  nt.name = a.new_name;
  ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, std::move(nt)));
  std::vector<Oid> broken = BrokenViews(guard);
  if (!broken.empty()) {
    return Status::NotSupported("cannot rename table \"" + t->name + "\" because view \"" +
                                data_->views.at(broken[0]).name + "\" depends on it");
  }
  return Status::OK();
}

Status DdlRunner::DropConstraint(Oid table_oid, const parser::AlterAction& a) {
  auto t = TableOf(table_oid);
  catalog::Table nt = *t;
  for (auto it = nt.checks.begin(); it != nt.checks.end(); ++it) {
    if (it->name != a.name) continue;
    nt.checks.erase(it);
    return exec::ReplaceTable(ctx_, std::move(nt));
  }
  for (auto it = nt.foreign_keys.begin(); it != nt.foreign_keys.end(); ++it) {
    if (it->name != a.name) continue;
    nt.foreign_keys.erase(it);
    return exec::ReplaceTable(ctx_, std::move(nt));
  }
  for (const auto& ix : t->indexes) {
    if (ix.name != a.name) continue;
    ZJ_RETURN_IF_ERROR(DropDependentKeys(KeysUsingIndex(table_oid, ix.oid), a.cascade,
                                         "constraint " + ix.name + " on table " + t->name,
                                         "index " + ix.name));
    if (ix.primary) return DropPrimaryKey(table_oid);
    return exec::DropIndex(ctx_, ix.oid);
  }
  std::string msg = "constraint \"" + a.name + "\" of relation \"" + t->name + "\" does not exist";
  if (a.if_exists) {
    Notice(sqlstate::kSuccess, msg + ", skipping");
    return Status::OK();
  }
  return Status::Error(sqlstate::kUndefinedObject, msg);
}

Status DdlRunner::AlterColumnType(Oid table_oid, const parser::AlterAction& a) {
  auto t = TableOf(table_oid);
  int col = t->FindColumn(a.name);
  if (col < 0) {
    return Status::Error(sqlstate::kUndefinedColumn, "column \"" + a.name + "\" of relation \"" +
                                                         t->name + "\" does not exist");
  }
  auto type_r = types::TypeFromName(a.type.name, a.type.mods, a.type.is_array);
  if (!type_r.ok()) return std::move(type_r).status().WithPosition(Pos(a.type.location));
  LogicalType to = *type_r;
  const catalog::Column& old = t->columns[static_cast<size_t>(col)];
  if (old.type == to) return Status::OK();
  ZJ_RETURN_IF_ERROR(CheckKeyTypes(*t, col, to));
  if (!types::CanCast(old.type, to, types::CastContext::kAssignment)) {
    return Status::Error(sqlstate::kDatatypeMismatch, "column \"" + a.name +
                                                          "\" cannot be cast automatically to "
                                                          "type " +
                                                          to.ToString())
        .WithHint("You might need to specify \"USING " + a.name + "::" + to.ToString() + "\".");
  }
  ViewGuard guard = ViewsMentioning({a.name});
  bool has_rows = false;
  {
    std::string p = catalog::IndexPrefix(t->oid, 1);
    auto it = ctx_.txn->Scan(nullptr, p, catalog::PrefixEnd(p));
    has_rows = it->Valid();
    ZJ_RETURN_IF_ERROR(it->status());
  }
  bool indexed = false;
  for (const auto& ix : t->indexes) {
    indexed = indexed || std::find(ix.columns.begin(), ix.columns.end(), col) != ix.columns.end();
  }
  catalog::Table nt = *t;
  catalog::Column& c = nt.columns[static_cast<size_t>(col)];
  c.type = to;
  if (c.has_missing) {
    ZJ_ASSIGN_OR_RETURN(Value v, types::ParseText(c.missing_value, old.type));
    ZJ_ASSIGN_OR_RETURN(Value nv, types::CastValue(v, to, {}, false));
    c.missing_value = types::ToText(nv);
  }
  if (!c.default_expr.empty()) {
    auto d = BindDefault(nullptr, c.default_expr, to);
    if (!d.ok()) {
      return Status::Error(sqlstate::kDatatypeMismatch, "default for column \"" + a.name +
                                                            "\" cannot be cast automatically "
                                                            "to type " +
                                                            to.ToString());
    }
  }
  size_t i = static_cast<size_t>(col);
  auto cast = [&](exec::Row* row) -> Status {
    if ((*row)[i].is_null()) return Status::OK();
    ZJ_ASSIGN_OR_RETURN((*row)[i], types::CastValue((*row)[i], to, {}, false));
    return Status::OK();
  };
  if (has_rows && indexed) {
    // Index keys encode the value by type: rebuild the table and its indexes.
    ZJ_RETURN_IF_ERROR(RebuildTable(table_oid, nt, cast));
  } else {
    ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, nt));
    if (has_rows) ZJ_RETURN_IF_ERROR(RewriteRows(*t, nt, cast));
  }
  std::vector<Oid> broken = BrokenViews(guard);
  if (!broken.empty()) {
    return Status::NotSupported("cannot alter type of a column used by a view or rule")
        .WithDetail("rule _RETURN on view " + data_->views.at(broken[0]).name +
                    " depends on column \"" + a.name + "\"");
  }
  if (has_rows) {
    for (const auto& ch : nt.checks) ZJ_RETURN_IF_ERROR(BindCheck(nt, ch, nullptr, true));
  }
  return Status::OK();
}

Status DdlRunner::RebuildTable(Oid table_oid, catalog::Table new_def,
                               const std::function<Status(exec::Row*)>& fn) {
  auto old = TableOf(table_oid);
  std::vector<exec::Row> rows;
  {
    exec::TableStore store(old.get(), ctx_.txn, ctx_.catalog);
    auto it = store.ScanPrimary(nullptr);
    exec::Row row;
    for (; it->Valid(); it->Next()) {
      ZJ_RETURN_IF_ERROR(store.DecodeRow(it->value(), &row));
      rows.push_back(row);
    }
    ZJ_RETURN_IF_ERROR(it->status());
  }
  ZJ_RETURN_IF_ERROR(exec::TruncateTable(ctx_, table_oid));
  ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, std::move(new_def)));
  auto table = TableOf(table_oid);
  exec::TableStore store(table.get(), ctx_.txn, ctx_.catalog);
  for (auto& row : rows) {
    row.resize(table->columns.size());
    if (fn) ZJ_RETURN_IF_ERROR(fn(&row));
    ZJ_RETURN_IF_ERROR(store.Insert(row));
  }
  return Status::OK();
}

Status DdlRunner::DropPrimaryKey(Oid table_oid) {
  // Rows are keyed by the primary key: without one they go back to hidden row ids.
  catalog::Table nt = *TableOf(table_oid);
  if (nt.primary_key() == nullptr) return Status::OK();
  Oid pk = nt.indexes[0].oid;
  nt.indexes.erase(nt.indexes.begin());
  data_->index_owner.erase(pk);
  return RebuildTable(table_oid, std::move(nt), nullptr);
}

// ---------------------------------------------------------------------------------------------
// TRUNCATE

Result<RunResult> DdlRunner::Truncate(const parser::TruncateStatement& st) {
  std::vector<Oid> tables;
  for (const auto& name : st.tables) {
    RelRef rel;
    ZJ_ASSIGN_OR_RETURN(bool found, FindRel(name, &rel));
    if (!found) {
      return Status::Error(sqlstate::kUndefinedTable,
                           "relation \"" + name.back() + "\" does not exist");
    }
    if (rel.kind != RelKind::kTable) {
      return Status::Error(sqlstate::kWrongObjectType, "\"" + rel.name + "\" is not a table");
    }
    if (std::find(tables.begin(), tables.end(), rel.oid) == tables.end()) {
      tables.push_back(rel.oid);
    }
  }
  // The tables that reference a truncated one must be truncated with it (CASCADE adds them).
  for (size_t i = 0; i < tables.size(); ++i) {
    for (const auto& ref : data_->ReferencesTo(tables[i])) {
      Oid child = ref.table->oid;
      if (std::find(tables.begin(), tables.end(), child) != tables.end()) continue;
      std::string parent = TableOf(tables[i])->name;
      if (!st.cascade) {
        return Status::NotSupported(
                   "cannot truncate a table referenced in a foreign key constraint")
            .WithDetail("Table \"" + ref.table->name + "\" references \"" + parent + "\".")
            .WithHint("Truncate table \"" + ref.table->name +
                      "\" at the same time, or use TRUNCATE ... CASCADE.");
      }
      Notice(sqlstate::kSuccess, "truncate cascades to table \"" + ref.table->name + "\"");
      tables.push_back(child);
    }
  }
  for (Oid t : tables) ZJ_RETURN_IF_ERROR(exec::TruncateTable(ctx_, t));
  if (st.restart_identity) {
    // Sequence positions live outside transactions (as nextval's do in PostgreSQL), so the
    // restart takes effect at once rather than at commit.
    for (const auto& [oid, q] : data_->sequences) {
      if (q.owned_by_table == 0 ||
          std::find(tables.begin(), tables.end(), q.owned_by_table) == tables.end()) {
        continue;
      }
      ZJ_RETURN_IF_ERROR(ctx_.catalog->SetVal(q, q.start, false));
    }
  }
  return Done("TRUNCATE TABLE");
}

}  // namespace zijin::server::ddl
