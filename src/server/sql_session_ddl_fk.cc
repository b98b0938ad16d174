// DDL of a SQL session: FOREIGN KEY constraints (definition rules, and the keys that depend on
// what DROP, DROP COLUMN and DROP CONSTRAINT remove). See sql_session_ddl.cc.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "exec/ddl.h"
#include "server/sql_session_ddl_internal.h"
#include "types/cast.h"

namespace zijin::server::ddl {

namespace {

// Whether a key column of type `fk` can reference one of type `pk`. PostgreSQL needs an
// equality operator of the referenced index's operator family taking both types, or an
// implicit cast from `fk` to `pk`: the integer, float, string and date/time families compare
// across their members.
bool KeyTypesCompatible(const LogicalType& fk, const LogicalType& pk) {
  TypeId a = fk.id, b = pk.id;
  if (a == b) return true;
  auto floating = [](TypeId t) { return t == TypeId::kFloat32 || t == TypeId::kFloat64; };
  auto text = [](TypeId t) {
    return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kName;
  };
  auto stamp = [](TypeId t) {
    return t == TypeId::kDate || t == TypeId::kTimestamp || t == TypeId::kTimestampTz;
  };
  if ((types::IsInteger(a) && types::IsInteger(b)) || (floating(a) && floating(b)) ||
      (text(a) && text(b)) || (stamp(a) && stamp(b))) {
    return true;
  }
  return types::CanCast(fk, pk, types::CastContext::kImplicit);
}

catalog::FkAction ActionOf(char c) {
  switch (c) {
    case 'r':
      return catalog::FkAction::kRestrict;
    case 'c':
      return catalog::FkAction::kCascade;
    case 'n':
      return catalog::FkAction::kSetNull;
    case 'd':
      return catalog::FkAction::kSetDefault;
    default:
      return catalog::FkAction::kNoAction;
  }
}

std::string Describe(const catalog::Table& t, const catalog::ForeignKey& fk) {
  return "constraint " + fk.name + " on table " + t.name;
}

}  // namespace

Status DdlRunner::AddForeignKey(Oid table_oid, const ConstraintReq& c, bool validate) {
  auto t = TableOf(table_oid);
  if (!t) return Status::Internal("table vanished");
  if (!c.name.empty() && HasConstraint(*t, c.name)) {
    return Status::Error(
        sqlstate::kDuplicateObject,
        "constraint \"" + c.name + "\" for relation \"" + t->name + "\" already exists");
  }
  if (c.initially_deferred) {
    return Status::NotSupported("deferred foreign key constraints are not supported yet")
        .WithHint(
            "Declare the constraint INITIALLY IMMEDIATE: it is then checked at the end "
            "of each statement.");
  }
  RelRef ref;
  // As in PostgreSQL: the referenced table stays readable while the key is added.
  ZJ_ASSIGN_OR_RETURN(bool found,
                      FindRel(c.ref_table, &ref, false, txn::LockMode::kShareRowExclusive));
  if (!found) {
    return Status::Error(sqlstate::kUndefinedTable,
                         "relation \"" + c.ref_table.back() + "\" does not exist");
  }
  if (ref.kind != RelKind::kTable) {
    return Status::Error(sqlstate::kWrongObjectType,
                         "referenced relation \"" + ref.name + "\" is not a table");
  }
  auto parent = TableOf(ref.oid);
  auto missing_column = [](const std::string& name) {
    return Status::Error(
        sqlstate::kUndefinedColumn,
        "column \"" + name + "\" referenced in foreign key constraint does not exist");
  };
  catalog::ForeignKey fk;
  for (const auto& name : c.columns) {
    int col = t->FindColumn(name);
    if (col < 0) return missing_column(name);
    fk.columns.push_back(col);
  }
  if (c.ref_columns.empty()) {
    const catalog::Index* pk = parent->primary_key();
    if (pk == nullptr) {
      return Status::Error(sqlstate::kUndefinedObject,
                           "there is no primary key for referenced table \"" + parent->name + "\"");
    }
    fk.ref_columns = pk->columns;
  } else {
    for (const auto& name : c.ref_columns) {
      int col = parent->FindColumn(name);
      if (col < 0) return missing_column(name);
      if (std::find(fk.ref_columns.begin(), fk.ref_columns.end(), col) != fk.ref_columns.end()) {
        return Status::Error(sqlstate::kInvalidForeignKey,
                             "foreign key referenced-columns list must not contain duplicates");
      }
      fk.ref_columns.push_back(col);
    }
    if (parent->UniqueIndexOn(fk.ref_columns) == nullptr) {
      return Status::Error(sqlstate::kInvalidForeignKey,
                           "there is no unique constraint matching given keys for referenced "
                           "table \"" +
                               parent->name + "\"");
    }
  }
  if (fk.columns.size() != fk.ref_columns.size()) {
    return Status::Error(sqlstate::kInvalidForeignKey,
                         "number of referencing and referenced columns for foreign key disagree");
  }
  std::vector<std::string> names;
  for (int col : fk.columns) names.push_back(t->columns[static_cast<size_t>(col)].name);
  fk.name = c.name.empty() ? ChooseConstraintName(*t, JoinNames(names, "_"), "fkey") : c.name;
  for (size_t k = 0; k < fk.columns.size(); ++k) {
    const auto& a = t->columns[static_cast<size_t>(fk.columns[k])];
    const auto& b = parent->columns[static_cast<size_t>(fk.ref_columns[k])];
    if (!KeyTypesCompatible(a.type, b.type)) {
      return Status::Error(sqlstate::kDatatypeMismatch,
                           "foreign key constraint \"" + fk.name + "\" cannot be implemented")
          .WithDetail("Key columns \"" + a.name + "\" and \"" + b.name +
                      "\" are of incompatible types: " + LogicalType(a.type.id).ToString() +
                      " and " + LogicalType(b.type.id).ToString() + ".");
    }
  }
  for (const auto& name : c.delete_set_columns) {
    int col = t->FindColumn(name);
    if (col < 0) return missing_column(name);
    if (std::find(fk.columns.begin(), fk.columns.end(), col) == fk.columns.end()) {
      return Status::Error(sqlstate::kInvalidForeignKey,
                           "column \"" + name +
                               "\" referenced in ON DELETE SET action must be "
                               "part of foreign key");
    }
    fk.delete_set_columns.push_back(col);
  }
  fk.oid = ctx_.NewOid();
  fk.ref_table = parent->oid;
  fk.on_delete = ActionOf(c.on_delete);
  fk.on_update = ActionOf(c.on_update);
  fk.match = c.match == 'f' ? catalog::FkMatch::kFull : catalog::FkMatch::kSimple;
  fk.deferrable = c.deferrable;
  fk.validated = validate || !c.not_valid;
  catalog::Table nt = *t;
  nt.foreign_keys.push_back(fk);
  ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, std::move(nt)));
  if (!validate) return Status::OK();
  auto updated = TableOf(table_oid);
  return exec::ValidateForeignKey(ctx_, *updated, updated->foreign_keys.back());
}

DdlRunner::Dependents DdlRunner::KeysReferencing(Oid table, const std::vector<Oid>& except) const {
  Dependents out;
  for (const auto& ref : data_->ReferencesTo(table)) {
    if (std::find(except.begin(), except.end(), ref.table->oid) != except.end()) continue;
    out.emplace_back(ref.key->oid, Describe(*ref.table, *ref.key));
  }
  return out;
}

DdlRunner::Dependents DdlRunner::KeysUsingIndex(Oid table, Oid index) const {
  Dependents out;
  auto t = TableOf(table);
  if (!t) return out;
  for (const auto& ref : data_->ReferencesTo(table)) {
    const catalog::Index* used = t->UniqueIndexOn(ref.key->ref_columns);
    if (used != nullptr && used->oid == index) {
      out.emplace_back(ref.key->oid, Describe(*ref.table, *ref.key));
    }
  }
  return out;
}

DdlRunner::Dependents DdlRunner::KeysReferencingColumn(Oid table, int col) const {
  Dependents out;
  for (const auto& ref : data_->ReferencesTo(table)) {
    const auto& cols = ref.key->ref_columns;
    if (std::find(cols.begin(), cols.end(), col) == cols.end()) continue;
    // A table's own key over the column goes with the column, without a word.
    const auto& own = ref.key->columns;
    if (ref.table->oid == table && std::find(own.begin(), own.end(), col) != own.end()) continue;
    out.emplace_back(ref.key->oid, Describe(*ref.table, *ref.key));
  }
  return out;
}

Status DdlRunner::DropForeignKeys(const Dependents& keys) {
  for (const auto& [key_oid, desc] : keys) {
    for (const auto& [oid, t] : data_->tables) {
      auto& fks = t->foreign_keys;
      auto it = std::find_if(fks.begin(), fks.end(),
                             [&](const catalog::ForeignKey& fk) { return fk.oid == key_oid; });
      if (it == fks.end()) continue;
      catalog::Table nt = *t;
      nt.foreign_keys.erase(nt.foreign_keys.begin() + (it - fks.begin()));
      ZJ_RETURN_IF_ERROR(exec::ReplaceTable(ctx_, std::move(nt)));
      break;
    }
  }
  return Status::OK();
}

Status DdlRunner::DropDependentKeys(const Dependents& keys, bool cascade, const std::string& what,
                                    const std::string& on) {
  if (keys.empty()) return Status::OK();
  std::string detail;
  for (const auto& [oid, desc] : keys) {
    if (!detail.empty()) detail += "\n";
    detail += cascade ? "drop cascades to " + desc : desc + " depends on " + on;
  }
  if (!cascade) {
    return Status::Error(sqlstate::kDependentObjectsStillExist,
                         "cannot drop " + what + " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  if (keys.size() == 1) {
    Notice(sqlstate::kSuccess, detail);
  } else {
    Notice(sqlstate::kSuccess, "drop cascades to " + std::to_string(keys.size()) + " other objects",
           detail);
  }
  return DropForeignKeys(keys);
}

Status DdlRunner::CheckKeyTypes(const catalog::Table& table, int col, const LogicalType& to) {
  auto check = [&](const catalog::ForeignKey& fk, const catalog::Table& child,
                   const catalog::Table& parent) -> Status {
    for (size_t k = 0; k < fk.columns.size(); ++k) {
      bool child_side = child.oid == table.oid && fk.columns[k] == col;
      bool parent_side = parent.oid == table.oid && fk.ref_columns[k] == col;
      if (!child_side && !parent_side) continue;
      const auto& a = child.columns[static_cast<size_t>(fk.columns[k])];
      const auto& b = parent.columns[static_cast<size_t>(fk.ref_columns[k])];
      LogicalType ta = child_side ? to : a.type;
      LogicalType tb = parent_side ? to : b.type;
      if (KeyTypesCompatible(ta, tb)) continue;
      return Status::Error(sqlstate::kDatatypeMismatch,
                           "foreign key constraint \"" + fk.name + "\" cannot be implemented")
          .WithDetail("Key columns \"" + a.name + "\" and \"" + b.name +
                      "\" are of incompatible types: " + LogicalType(ta.id).ToString() + " and " +
                      LogicalType(tb.id).ToString() + ".");
    }
    return Status::OK();
  };
  for (const auto& fk : table.foreign_keys) {
    auto parent = fk.ref_table == table.oid ? nullptr : TableOf(fk.ref_table);
    ZJ_RETURN_IF_ERROR(check(fk, table, parent ? *parent : table));
  }
  for (const auto& ref : data_->ReferencesTo(table.oid)) {
    if (ref.table->oid == table.oid) continue;  // checked above
    ZJ_RETURN_IF_ERROR(check(*ref.key, *ref.table, table));
  }
  return Status::OK();
}

}  // namespace zijin::server::ddl
