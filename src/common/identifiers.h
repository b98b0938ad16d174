// SQL identifiers as PostgreSQL quotes them in the text it generates.
#pragma once

#include <string>
#include <string_view>

namespace zijin::common {

// PostgreSQL's quote_identifier (quote_ident()): `ident` as is when it is a lower-case name
// that is not a reserved or type-function keyword, else double-quoted with "" for ".
std::string QuoteIdentifier(std::string_view ident);

// "schema.name" with each part quoted as needed.
std::string QuoteQualifiedName(std::string_view schema, std::string_view name);

}  // namespace zijin::common
