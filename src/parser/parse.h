// The parser's entry point: SQL text to syntax trees.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "parser/syntax.h"

namespace zijin::parser {

struct ParsedStatement {
  std::unique_ptr<Statement> stmt;
  int begin = 0, end = 0;  // byte span of the statement in the input
};

// Parses every statement of `sql` (separated by ';'); empty statements are skipped. Syntax
// errors are 42601 with PostgreSQL's wording and a 1-based character position.
Result<std::vector<ParsedStatement>> ParseSql(std::string_view sql);

}  // namespace zijin::parser
