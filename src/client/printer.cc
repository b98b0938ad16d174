// psql-compatible result formatting (print.c's aligned, expanded and unaligned styles, border 1).
#include "client/printer.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace zijin::client {
namespace {

// Decodes one UTF-8 sequence at s[*i]; returns the code point, or -1 for an invalid byte
// (consumed alone).
int32_t DecodeUtf8(std::string_view s, size_t* i) {
  auto c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return -1;
  }
  int32_t cp = len == 1 ? c : c & (0x7f >> len);
  for (int k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xc0) != 0x80) {
      ++*i;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3f);
  }
  *i += len;
  return cp;
}

// psql's ucs_wcwidth: -1 for control characters, 0 for combining marks, 2 for wide characters.
int CharWidth(int32_t ucs) {
  if (ucs == 0) return 0;
  if (ucs < 0x20 || (ucs >= 0x7f && ucs < 0xa0)) return -1;
  if ((ucs >= 0x0300 && ucs <= 0x036f) || (ucs >= 0x200b && ucs <= 0x200f) ||
      (ucs >= 0xfe00 && ucs <= 0xfe0f) || (ucs >= 0x20d0 && ucs <= 0x20ff)) {
    return 0;
  }
  bool wide = ucs >= 0x1100 &&
              (ucs <= 0x115f ||
               (ucs >= 0x2e80 && ucs <= 0xa4cf && (ucs & ~0x0011) != 0x300a && ucs != 0x303f) ||
               (ucs >= 0xac00 && ucs <= 0xd7a3) || (ucs >= 0xf900 && ucs <= 0xfaff) ||
               (ucs >= 0xfe30 && ucs <= 0xfe6f) || (ucs >= 0xff00 && ucs <= 0xff5f) ||
               (ucs >= 0xffe0 && ucs <= 0xffe6) || (ucs >= 0x1f300 && ucs <= 0x1f64f) ||
               (ucs >= 0x1f900 && ucs <= 0x1f9ff) || (ucs >= 0x20000 && ucs <= 0x3fffd));
  return wide ? 2 : 1;
}

struct Line {
  std::string text;
  int width = 0;
};
using Cell = std::vector<Line>;

// Splits a value into display lines as psql's pg_wcsformat does: newlines start a new line,
// tabs expand to the next multiple of 8, \r and other control characters are escaped.
Cell FormatCell(std::string_view v) {
  Cell cell(1);
  size_t i = 0;
  while (i < v.size()) {
    size_t start = i;
    int32_t cp = DecodeUtf8(v, &i);
    Line& line = cell.back();
    if (cp == '\n') {
      cell.emplace_back();
    } else if (cp == '\t') {
      do {
        line.text += ' ';
        ++line.width;
      } while (line.width % 8 != 0);
    } else if (cp == '\r') {
      line.text += "\\r";
      line.width += 2;
    } else if (cp < 0) {
      line.text.append(v.substr(start, i - start));
      line.width += 1;
    } else {
      int w = CharWidth(cp);
      if (w < 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp & 0xff));
        line.text += buf;
        line.width += 4;
      } else {
        line.text.append(v.substr(start, i - start));
        line.width += w;
      }
    }
  }
  return cell;
}

void Spaces(std::string* out, int n) {
  if (n > 0) out->append(static_cast<size_t>(n), ' ');
}

void Dashes(std::string* out, int n) {
  if (n > 0) out->append(static_cast<size_t>(n), '-');
}

std::string RowCountFooter(size_t n) {
  return n == 1 ? "(1 row)" : "(" + std::to_string(n) + " rows)";
}

// Appends the lines of one table row (or of the header, centered) in aligned format.
void AlignedRow(const std::vector<Cell>& cells, const std::vector<int>& widths,
                const std::vector<PrintColumn>& columns, bool header, std::string* out) {
  size_t height = 0;
  for (const auto& c : cells) height = std::max(height, c.size());
  for (size_t k = 0; k < height; ++k) {
    for (size_t j = 0; j < cells.size(); ++j) {
      bool last = j + 1 == cells.size();
      const Cell& cell = cells[j];
      static const Line kEmpty;
      const Line& line = k < cell.size() ? cell[k] : kEmpty;
      bool more = k + 1 < cell.size();
      int pad = widths[j] - line.width;
      out->push_back(' ');
      if (header) {
        Spaces(out, pad / 2);
        *out += line.text;
        Spaces(out, pad - pad / 2);
      } else if (columns[j].align_right) {
        Spaces(out, pad);
        *out += line.text;
      } else {
        *out += line.text;
        if (!last || more) Spaces(out, pad);
      }
      if (!last) {
        out->push_back(more ? '+' : ' ');
        out->push_back('|');
      } else if (more) {
        out->push_back('+');
      } else if (header) {
        out->push_back(' ');
      }
    }
    out->push_back('\n');
  }
}

// The line above each expanded record: "-[ RECORD n ]-+----" (record 0: no label).
void RecordLine(size_t record, int hwidth, int dwidth, std::string* out) {
  out->push_back('-');
  int reclen = 0;
  if (record > 0) {
    std::string label = "[ RECORD " + std::to_string(record) + " ]";
    *out += label;
    reclen = static_cast<int>(label.size());
  }
  ++reclen;
  for (int i = reclen; i < hwidth; ++i) out->push_back('-');
  reclen -= hwidth;
  if (reclen-- <= 0) out->push_back('-');
  if (reclen-- <= 0) out->push_back('+');
  if (reclen-- <= 0) out->push_back('-');
  if (reclen < 0) reclen = 0;
  for (int i = reclen; i < dwidth; ++i) out->push_back('-');
  out->push_back('\n');
}

std::string CellText(const std::optional<std::string>& v, const PrintOptions& o) {
  return v ? *v : o.null_display;
}

std::string FormatUnaligned(const PrintTable& t, const PrintOptions& o) {
  std::string out;
  const std::string& sep = o.field_separator;
  if (o.expanded) {
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (r > 0) out += '\n';
      for (size_t c = 0; c < t.columns.size(); ++c) {
        out += t.columns[c].name + sep + CellText(t.rows[r][c], o) + '\n';
      }
    }
    if (!o.tuples_only && t.rows.empty()) out += RowCountFooter(0) + "\n";
    return out;
  }
  if (!o.tuples_only) {
    if (!t.title.empty()) out += t.title + "\n";
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (c > 0) out += sep;
      out += t.columns[c].name;
    }
    out += '\n';
  }
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += sep;
      out += CellText(row[c], o);
    }
    out += '\n';
  }
  if (!o.tuples_only) {
    for (const auto& f : t.footers) out += f + "\n";
    if (t.footers.empty() && t.row_count_footer) out += RowCountFooter(t.rows.size()) + "\n";
  }
  return out;
}

std::string FormatExpanded(const PrintTable& t, const PrintOptions& o) {
  std::string out;
  if (!o.tuples_only && !t.title.empty()) out += t.title + "\n";
  if (t.rows.empty() || t.columns.empty()) {
    if (!o.tuples_only && t.row_count_footer) out += RowCountFooter(t.rows.size()) + "\n";
    out += '\n';
    return out;
  }
  std::vector<Cell> headers;
  int hwidth = 0;
  for (const auto& c : t.columns) {
    headers.push_back(FormatCell(c.name));
    for (const auto& l : headers.back()) hwidth = std::max(hwidth, l.width);
  }
  std::vector<std::vector<Cell>> cells;
  int dwidth = 0;
  for (const auto& row : t.rows) {
    cells.emplace_back();
    for (const auto& v : row) {
      cells.back().push_back(FormatCell(CellText(v, o)));
      for (const auto& l : cells.back().back()) dwidth = std::max(dwidth, l.width);
    }
  }
  static const Line kEmpty;
  for (size_t r = 0; r < cells.size(); ++r) {
    if (!o.tuples_only) {
      RecordLine(r + 1, hwidth, dwidth, &out);
    } else if (r > 0) {
      RecordLine(0, hwidth, dwidth, &out);
    }
    for (size_t c = 0; c < t.columns.size(); ++c) {
      const Cell& h = headers[c];
      const Cell& d = cells[r][c];
      size_t height = std::max(h.size(), d.size());
      for (size_t k = 0; k < height; ++k) {
        const Line& hl = k < h.size() ? h[k] : kEmpty;
        const Line& dl = k < d.size() ? d[k] : kEmpty;
        out += hl.text;
        Spaces(&out, hwidth - hl.width);
        out += k + 1 < h.size() ? "+| " : " | ";
        out += dl.text;
        if (k + 1 < d.size()) {
          Spaces(&out, dwidth - dl.width);
          out += '+';
        }
        out += '\n';
      }
    }
  }
  if (!o.tuples_only) {
    for (const auto& f : t.footers) out += f + "\n";
  }
  out += '\n';
  return out;
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  int w = 0;
  for (const auto& line : FormatCell(utf8)) w = std::max(w, line.width);
  return w;
}

bool IsRightAlignedType(unsigned int oid) {
  switch (oid) {
    case 20:    // int8
    case 21:    // int2
    case 23:    // int4
    case 26:    // oid
    case 28:    // xid
    case 29:    // cid
    case 700:   // float4
    case 701:   // float8
    case 790:   // money
    case 1700:  // numeric
    case 5069:  // xid8
      return true;
    default:
      return false;
  }
}

std::string FormatTable(const PrintTable& t, const PrintOptions& o) {
  if (o.unaligned) return FormatUnaligned(t, o);
  if (o.expanded) return FormatExpanded(t, o);
  std::string out;
  size_t ncols = t.columns.size();
  std::vector<Cell> header;
  std::vector<int> widths(ncols, 0);
  for (size_t c = 0; c < ncols; ++c) {
    header.push_back(FormatCell(t.columns[c].name));
    for (const auto& l : header.back()) widths[c] = std::max(widths[c], l.width);
  }
  std::vector<std::vector<Cell>> rows;
  rows.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    rows.emplace_back();
    for (size_t c = 0; c < ncols; ++c) {
      rows.back().push_back(FormatCell(c < row.size() ? CellText(row[c], o) : ""));
      for (const auto& l : rows.back().back()) widths[c] = std::max(widths[c], l.width);
    }
  }
  if (!o.tuples_only) {
    if (!t.title.empty()) {
      int total = ncols > 0 ? static_cast<int>(ncols) * 3 - 1 : 0;
      for (int w : widths) total += w;
      int tw = DisplayWidth(t.title);
      if (tw < total) Spaces(&out, (total - tw) / 2);
      out += t.title + "\n";
    }
    if (ncols == 0) {
      out += "--\n";
    } else {
      AlignedRow(header, widths, t.columns, /*header=*/true, &out);
      for (size_t c = 0; c < ncols; ++c) {
        if (c > 0) out += '+';
        Dashes(&out, widths[c] + 2);
      }
      out += '\n';
    }
  }
  if (ncols > 0) {
    for (const auto& row : rows) AlignedRow(row, widths, t.columns, /*header=*/false, &out);
  }
  if (!o.tuples_only) {
    for (const auto& f : t.footers) out += f + "\n";
    if (t.footers.empty() && t.row_count_footer) out += RowCountFooter(t.rows.size()) + "\n";
  }
  out += '\n';
  return out;
}

}  // namespace zijin::client
