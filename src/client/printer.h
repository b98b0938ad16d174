// Result formatting in psql's styles: aligned tables, expanded records, unaligned text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zijin::client {

struct PrintColumn {
  std::string name;
  bool align_right = false;  // numbers are right-aligned in aligned (non-expanded) output
};

// A result or a describe listing, ready to print.
struct PrintTable {
  std::string title;  // centered above the table ("List of relations"); empty for none
  std::vector<PrintColumn> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;  // nullopt is SQL NULL
  std::vector<std::string> footers;  // lines after the rows ("Indexes:" ...)
  bool row_count_footer = true;      // "(N rows)", printed when there are no footers
};

struct PrintOptions {
  bool expanded = false;     // \x
  bool unaligned = false;    // -A
  bool tuples_only = false;  // -t: rows only
  std::string field_separator = "|";
  std::string null_display;  // what NULL prints as ("" by default, as psql)
};

// Formats `table` exactly as psql 15 prints it with the same settings (border 1).
std::string FormatTable(const PrintTable& table, const PrintOptions& options);

// True for the type OIDs psql right-aligns: int2/4/8, float4/8, numeric, oid, xid, cid, money.
bool IsRightAlignedType(unsigned int type_oid);

// Display width of UTF-8 text on a terminal (wide East Asian characters count 2).
int DisplayWidth(std::string_view utf8);

}  // namespace zijin::client
