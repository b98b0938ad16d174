// Input and output of the OID alias types regclass, regtype, regnamespace and regrole.
#include <cctype>

#include "common/catalog_access.h"
#include "common/identifiers.h"
#include "types/internal/io_util.h"
#include "types/type_names.h"

namespace zijin::types::internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status NoCatalog(TypeId type) {
  return Status::Error(sqlstate::kFeatureNotSupported,
                       "cannot look up " + LogicalType(type).ToString() + " names here");
}

// regtypein: a type name as SQL writes it ("integer", "character varying(10)",
// "pg_catalog.int4", "text[]"); the modifier is checked and dropped.
Result<uint32_t> TypeOidFromName(std::string_view text) {
  std::string name;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    name.push_back(quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  auto undefined = [&] {
    return Status::Error(sqlstate::kUndefinedObject,
                         "type \"" + std::string(text) + "\" does not exist");
  };
  bool is_array = false;
  std::string_view n = Trim(name);
  while (n.size() > 2 && n.substr(n.size() - 2) == "[]") {
    is_array = true;
    n = Trim(n.substr(0, n.size() - 2));
  }
  std::vector<int32_t> mods;
  if (!n.empty() && n.back() == ')') {
    size_t open = n.find('(');
    if (open == std::string_view::npos) return undefined();
    std::string_view list = n.substr(open + 1, n.size() - open - 2);
    while (!list.empty()) {
      size_t comma = list.find(',');
      std::string_view item = Trim(list.substr(0, comma));
      if (!AllDigits(item)) return undefined();
      mods.push_back(std::atoi(std::string(item).c_str()));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    n = Trim(n.substr(0, open));
  }
  if (n.substr(0, 11) == "pg_catalog.") n.remove_prefix(11);
  std::string collapsed;  // "double   precision" is "double precision"
  for (char c : n) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
    } else {
      collapsed.push_back(c);
    }
  }
  if (collapsed == "any" && text.find('"') == std::string_view::npos) {
    // ANY is a reserved word: the type is written "any".
    return Status::Error(sqlstate::kSyntaxError, "syntax error at or near \"any\"");
  }
  if (uint32_t pseudo = PgPseudoTypeOid(collapsed); pseudo != 0 && mods.empty() && !is_array) {
    return pseudo;
  }
  Result<LogicalType> t = TypeFromName(collapsed, mods, is_array);
  if (!t.ok()) {
    if (t.status().Is(sqlstate::kUndefinedObject)) return undefined();
    return t.status();
  }
  return t->PgOid();
}

}  // namespace

Result<Value> ParseRegText(std::string_view text, TypeId type, const FormatOptions& opts) {
  std::string_view s = Trim(text);
  if (s == "-") return Value::OidOf(type, 0);
  if (AllDigits(s)) {
    ZJ_ASSIGN_OR_RETURN(Value v, ParseText(s, LogicalType(TypeId::kOid)));
    return Value::OidOf(type, static_cast<uint32_t>(v.GetInt()));
  }
  uint32_t oid = 0;
  if (type == TypeId::kRegtype) {
    ZJ_ASSIGN_OR_RETURN(oid, TypeOidFromName(s));
    return Value::OidOf(type, oid);
  }
  if (opts.catalog == nullptr) return NoCatalog(type);
  switch (type) {
    case TypeId::kRegclass: {
      ZJ_ASSIGN_OR_RETURN(oid, opts.catalog->RelationOid(s));
      break;
    }
    case TypeId::kRegnamespace: {
      ZJ_ASSIGN_OR_RETURN(oid, opts.catalog->NamespaceOid(s));
      break;
    }
    default: {
      ZJ_ASSIGN_OR_RETURN(oid, opts.catalog->RoleOid(s));
      break;
    }
  }
  return Value::OidOf(type, oid);
}

void FormatRegText(const Value& v, const FormatOptions& opts, std::string* out) {
  auto oid = static_cast<uint32_t>(v.GetInt());
  if (oid == 0) {
    out->push_back('-');
    return;
  }
  std::optional<std::string> name;
  switch (v.type()) {
    case TypeId::kRegtype: name = FormatPgType(oid, std::nullopt); break;
    case TypeId::kRegclass:
      if (opts.catalog != nullptr) name = opts.catalog->RelationName(oid);
      break;
    case TypeId::kRegnamespace:
      if (opts.catalog != nullptr) name = opts.catalog->NamespaceName(oid);
      if (name) name = common::QuoteIdentifier(*name);
      break;
    default:
      if (opts.catalog != nullptr) name = opts.catalog->RoleName(oid);
      if (name) name = common::QuoteIdentifier(*name);
      break;
  }
  if (name) {
    out->append(*name);
  } else {
    out->append(std::to_string(oid));
  }
}

}  // namespace zijin::types::internal
