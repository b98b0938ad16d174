// LIKE / ILIKE pattern matching with PostgreSQL's semantics.
#pragma once

#include <string_view>

#include "common/status.h"

namespace zijin::exec {

// Matches `s` against a LIKE pattern: '%' matches any run of characters, '_' exactly one
// character (UTF-8 aware), and `escape` (PostgreSQL's default is '\\'; '\0' = no escape
// character, as ESCAPE '') makes the next pattern character literal. `case_insensitive`
// gives ILIKE (ASCII letters fold; other characters compare bytewise).
// Error 22025 "LIKE pattern must not end with escape character" when the match reaches a
// trailing escape character.
Result<bool> LikeMatch(std::string_view s, std::string_view pattern, char escape = '\\',
                       bool case_insensitive = false);

}  // namespace zijin::exec
