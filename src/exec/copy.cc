// COPY's text, CSV and binary formats, as PostgreSQL reads and writes them.
#include "exec/copy.h"

#include <algorithm>
#include <cctype>

#include "types/type_io.h"

namespace zijin::exec {

using planner::CopyOptions;
using types::Value;

namespace {


// Splits the client's byte stream into records (lines; CSV quotes may span lines) and records
// into fields.
class CopySourceOp : public CopySource {
 public:
  CopySourceOp(const planner::PlanNode& plan, ExecContext* ctx, std::string table,
               std::vector<std::string> columns)
      : plan_(plan), ctx_(ctx), table_(std::move(table)), columns_(std::move(columns)) {}

  uint64_t line() const override { return line_; }
  std::string Context() const override {
    return "COPY " + table_ + ", line " + std::to_string(line_);
  }

  Status Open() override {
    if (ctx_->copy == nullptr) return Status::Internal("COPY without a data channel");
    ZJ_RETURN_IF_ERROR(
        ctx_->copy->BeginCopyIn(static_cast<int>(plan_.output_types.size()), false));
    header_pending_ = plan_.copy.header;
    return Status::OK();
  }

  Result<bool> Next(Row* row) override {
    for (;;) {
      std::string record;
      bool got = false;
      ZJ_RETURN_IF_ERROR(NextRecord(&record, &got));
      if (!got) return false;
      ++line_;
      if (header_pending_) {
        header_pending_ = false;
        continue;
      }
      // The end-of-data marker, in CSV too (where a quoted "\." is data).
      if (record == "\\.") {
        done_ = true;
        continue;
      }
      record_ = &record;
      Status st = plan_.copy.csv ? ParseCsv(record, row) : ParseText(record, row);
      record_ = nullptr;
      ZJ_RETURN_IF_ERROR(st);
      return true;
    }
  }

 private:
  // A malformed record: the context quotes it whole.
  Status RecordError(std::string message) const {
    std::string context = Context();
    if (record_ != nullptr) context += ": \"" + *record_ + "\"";
    return Status::Error(sqlstate::kBadCopyFileFormat, std::move(message))
        .WithContext(std::move(context));
  }

  Status MissingData(size_t col) const {
    std::string name = col < columns_.size() ? columns_[col] : std::to_string(col + 1);
    return RecordError("missing data for column \"" + name + "\"");
  }

  // One record from the buffered stream; reads more chunks as needed.
  Status NextRecord(std::string* record, bool* got) {
    *got = false;
    for (;;) {
      size_t end = FindRecordEnd();
      if (end != std::string::npos) {
        record->assign(buf_, pos_, end - pos_);
        if (!record->empty() && record->back() == '\r') record->pop_back();
        pos_ = end + 1;
        *got = true;
        return Status::OK();
      }
      if (eof_) {
        if (pos_ < buf_.size()) {
          record->assign(buf_, pos_, std::string::npos);
          pos_ = buf_.size();
          *got = !done_;
        }
        return Status::OK();
      }
      if (pos_ > 0) {
        buf_.erase(0, pos_);
        pos_ = 0;
        scan_ = 0;
        in_quote_ = false;
      }
      std::string chunk;
      ZJ_ASSIGN_OR_RETURN(bool more, ctx_->copy->ReadChunk(&chunk));
      if (!more) {
        eof_ = true;
      } else {
        buf_ += chunk;
      }
      ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
    }
  }

  size_t FindRecordEnd() {
    if (done_) return std::string::npos;
    if (!plan_.copy.csv) {
      size_t nl = buf_.find('\n', pos_);
      return nl;
    }
    // CSV: a newline inside quotes belongs to the field.
    size_t i = std::max(scan_, pos_);
    for (; i < buf_.size(); ++i) {
      char c = buf_[i];
      if (in_quote_) {
        if (c == plan_.copy.escape && plan_.copy.escape != plan_.copy.quote && i + 1 < buf_.size() &&
            buf_[i + 1] == plan_.copy.quote) {
          ++i;
        } else if (c == plan_.copy.quote) {
          in_quote_ = false;
        }
      } else if (c == plan_.copy.quote) {
        in_quote_ = true;
      } else if (c == '\n') {
        scan_ = 0;
        return i;
      }
    }
    scan_ = i;
    return std::string::npos;
  }

  Status Convert(size_t col, std::string_view text, bool is_null, Row* row) {
    if (col >= plan_.output_types.size()) {
      return RecordError("extra data after last expected column");
    }
    const types::LogicalType& t = plan_.output_types[col];
    if (is_null) {
      (*row)[col] = Value::Null(t.id);
      return Status::OK();
    }
    Result<Value> v = types::ParseText(text, t, *ctx_->fn.format);
    if (!v.ok()) {
      Status st = v.status();
      st.mutable_info().context = Context() + ", column " +
                                  (col < columns_.size() ? columns_[col] : std::to_string(col + 1)) +
                                  ": \"" + std::string(text) + "\"";
      return st;
    }
    (*row)[col] = std::move(*v);
    return Status::OK();
  }

  Status ParseText(const std::string& rec, Row* row) {
    row->assign(plan_.output_types.size(), Value());
    size_t col = 0;
    std::string field;
    size_t start = 0;
    auto finish = [&](size_t end) -> Status {
      std::string_view raw(rec.data() + start, end - start);
      bool is_null = raw == plan_.copy.null_string;
      ZJ_RETURN_IF_ERROR(Convert(col, field, is_null, row));
      ++col;
      field.clear();
      start = end + 1;
      return Status::OK();
    };
    for (size_t i = 0; i < rec.size(); ++i) {
      char c = rec[i];
      if (c == plan_.copy.delimiter) {
        ZJ_RETURN_IF_ERROR(finish(i));
        continue;
      }
      if (c != '\\' || i + 1 >= rec.size()) {
        field.push_back(c);
        continue;
      }
      char n = rec[++i];
      switch (n) {
        case 'b': field.push_back('\b'); break;
        case 'f': field.push_back('\f'); break;
        case 'n': field.push_back('\n'); break;
        case 'r': field.push_back('\r'); break;
        case 't': field.push_back('\t'); break;
        case 'v': field.push_back('\v'); break;
        case 'x': {
          int v = 0, digits = 0;
          while (digits < 2 && i + 1 < rec.size() && std::isxdigit(static_cast<unsigned char>(rec[i + 1]))) {
            char h = rec[++i];
            v = v * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (std::tolower(h) - 'a' + 10));
            ++digits;
          }
          if (digits == 0) {
            field.push_back('x');
          } else {
            field.push_back(static_cast<char>(v));
          }
          break;
        }
        default:
          if (n >= '0' && n <= '7') {
            int v = n - '0';
            for (int k = 0; k < 2 && i + 1 < rec.size() && rec[i + 1] >= '0' && rec[i + 1] <= '7'; ++k) {
              v = v * 8 + (rec[++i] - '0');
            }
            field.push_back(static_cast<char>(v & 0xff));
          } else {
            field.push_back(n);
          }
      }
    }
    ZJ_RETURN_IF_ERROR(finish(rec.size()));
    if (col < plan_.output_types.size()) return MissingData(col);
    return Status::OK();
  }

  Status ParseCsv(const std::string& rec, Row* row) {
    row->assign(plan_.output_types.size(), Value());
    const CopyOptions& o = plan_.copy;
    size_t col = 0, i = 0;
    for (;;) {
      std::string field;
      bool quoted = false;
      while (i < rec.size() && rec[i] != o.delimiter) {
        char c = rec[i];
        if (c == o.quote) {
          quoted = true;
          ++i;
          while (i < rec.size()) {
            // Inside quotes an escape before a quote yields a quote ("" when they are equal).
            if (rec[i] == o.escape && i + 1 < rec.size() && rec[i + 1] == o.quote) {
              field.push_back(o.quote);
              i += 2;
              continue;
            }
            if (rec[i] == o.quote) break;
            field.push_back(rec[i++]);
          }
          if (i >= rec.size()) return RecordError("unterminated CSV quoted field");
          ++i;  // closing quote
        } else {
          field.push_back(c);
          ++i;
        }
      }
      bool is_null = !quoted && field == o.null_string;
      ZJ_RETURN_IF_ERROR(Convert(col, field, is_null, row));
      ++col;
      if (i >= rec.size()) break;
      ++i;  // delimiter
    }
    if (col < plan_.output_types.size()) return MissingData(col);
    return Status::OK();
  }

  const planner::PlanNode& plan_;
  ExecContext* ctx_;
  std::string table_;
  std::vector<std::string> columns_;
  const std::string* record_ = nullptr;  // the record being parsed
  std::string buf_;
  size_t pos_ = 0, scan_ = 0;
  bool in_quote_ = false, eof_ = false, done_ = false, header_pending_ = false;
  uint64_t line_ = 0;
};

// The binary format: an 11-byte signature, flags and a header extension, then per row a field
// count and each field as a length (-1: NULL) and the type's binary (send) format; a field count
// of -1 ends the data.
constexpr char kBinarySignature[] = "PGCOPY\n\377\r\n";  // and a NUL: 11 bytes

class BinaryCopySource : public CopySource {
 public:
  BinaryCopySource(const planner::PlanNode& plan, ExecContext* ctx, std::string table,
                   std::vector<std::string> columns)
      : plan_(plan), ctx_(ctx), table_(std::move(table)), columns_(std::move(columns)) {}

  uint64_t line() const override { return line_; }
  std::string Context() const override {
    std::string c = "COPY " + table_ + ", line " + std::to_string(line_);
    if (column_ != nullptr) c += ", column " + *column_;
    return c;
  }

  Status Open() override {
    if (ctx_->copy == nullptr) return Status::Internal("COPY without a data channel");
    return ctx_->copy->BeginCopyIn(static_cast<int>(plan_.output_types.size()), true);
  }

  Result<bool> Next(Row* row) override {
    if (done_) return false;
    if (!header_read_) {
      ZJ_RETURN_IF_ERROR(ReadHeader());
      header_read_ = true;
    }
    ++line_;
    std::string_view count_bytes;
    ZJ_ASSIGN_OR_RETURN(bool got, Read(2, &count_bytes));
    if (!got) {  // the end of the data without the trailer, which PostgreSQL accepts too
      done_ = true;
      return false;
    }
    auto count = static_cast<int16_t>(BigEndian(count_bytes));
    if (count == -1) {
      std::string_view extra;
      ZJ_ASSIGN_OR_RETURN(bool more, Read(1, &extra));
      if (more) return Bad("received copy data after EOF marker");
      done_ = true;
      return false;
    }
    if (count != static_cast<int>(plan_.output_types.size())) {
      return Bad("row field count is " + std::to_string(count) + ", expected " +
                 std::to_string(plan_.output_types.size()));
    }
    row->resize(plan_.output_types.size());
    for (size_t i = 0; i < plan_.output_types.size(); ++i) {
      column_ = i < columns_.size() ? &columns_[i] : nullptr;
      std::string_view size_bytes, data;
      ZJ_ASSIGN_OR_RETURN(bool has_size, Read(4, &size_bytes));
      if (!has_size) return Bad("unexpected EOF in COPY data");
      auto size = static_cast<int32_t>(BigEndian(size_bytes));
      if (size == -1) {
        (*row)[i] = Value::Null(plan_.output_types[i].id);
        continue;
      }
      if (size < 0) return Bad("invalid field size");
      ZJ_ASSIGN_OR_RETURN(bool has_data, Read(static_cast<size_t>(size), &data));
      if (!has_data) return Bad("unexpected EOF in COPY data");
      Result<Value> v = types::ParseBinary(data, plan_.output_types[i]);
      if (!v.ok()) {
        Status st = v.status();
        return std::move(st).WithContext(Context());
      }
      (*row)[i] = std::move(*v);
    }
    column_ = nullptr;
    return true;
  }

 private:
  static uint64_t BigEndian(std::string_view b) {
    uint64_t v = 0;
    for (char c : b) v = (v << 8) | static_cast<unsigned char>(c);
    return v;
  }

  Status Bad(std::string message) const {
    return Status::Error(sqlstate::kBadCopyFileFormat, std::move(message)).WithContext(Context());
  }

  // The next n bytes into *out (valid until the next call); false when the data ended first
  // (then nothing is consumed unless some bytes were there: that is an error for the caller).
  Result<bool> Read(size_t n, std::string_view* out) {
    while (buf_.size() - pos_ < n && !eof_) {
      if (pos_ > 0) {
        buf_.erase(0, pos_);
        pos_ = 0;
      }
      std::string chunk;
      ZJ_ASSIGN_OR_RETURN(bool more, ctx_->copy->ReadChunk(&chunk));
      if (more) {
        buf_ += chunk;
      } else {
        eof_ = true;
      }
      ZJ_RETURN_IF_ERROR(ctx_->CheckCancel());
    }
    if (buf_.size() - pos_ < n) return false;
    *out = std::string_view(buf_).substr(pos_, n);
    pos_ += n;
    return true;
  }

  Status ReadHeader() {
    // (PostgreSQL reports a bad header without a context line.)
    auto header_error = [](const char* what) {
      return Status::Error(sqlstate::kBadCopyFileFormat, what);
    };
    std::string_view sig, flags, length, ext;
    ZJ_ASSIGN_OR_RETURN(bool got, Read(sizeof(kBinarySignature), &sig));
    if (!got || sig != std::string_view(kBinarySignature, sizeof(kBinarySignature))) {
      return header_error("COPY file signature not recognized");
    }
    ZJ_ASSIGN_OR_RETURN(got, Read(4, &flags));
    if (!got) return header_error("invalid COPY file header (missing flags)");
    uint64_t f = BigEndian(flags);
    if ((f & (1u << 16)) != 0) return header_error("invalid COPY file header (WITH OIDS)");
    if (((f & ~(1u << 16)) >> 16) != 0) {
      return header_error("unrecognized critical flags in COPY file header");
    }
    ZJ_ASSIGN_OR_RETURN(got, Read(4, &length));
    if (!got || static_cast<int32_t>(BigEndian(length)) < 0) {
      return header_error("invalid COPY file header (missing length)");
    }
    ZJ_ASSIGN_OR_RETURN(got, Read(static_cast<size_t>(BigEndian(length)), &ext));
    if (!got) return header_error("invalid COPY file header (wrong length)");
    return Status::OK();
  }

  const planner::PlanNode& plan_;
  ExecContext* ctx_;
  std::string table_;
  std::vector<std::string> columns_;
  const std::string* column_ = nullptr;  // the field being read, for the error context
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false, done_ = false, header_read_ = false;
  uint64_t line_ = 0;
};

void PutBigEndian(uint64_t v, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

Status CopyOutBinary(Operator* source, size_t columns, ExecContext* ctx, uint64_t* rows) {
  ZJ_RETURN_IF_ERROR(ctx->copy->BeginCopyOut(static_cast<int>(columns), true));
  // As PostgreSQL: the header goes out with the first row, the trailer on its own.
  std::string data(kBinarySignature, sizeof(kBinarySignature));
  PutBigEndian(0, 4, &data);  // flags
  PutBigEndian(0, 4, &data);  // header extension length
  Row row;
  std::string field;
  *rows = 0;
  for (;;) {
    ZJ_ASSIGN_OR_RETURN(bool has, source->Next(&row));
    if (!has) break;
    PutBigEndian(row.size(), 2, &data);
    for (const Value& v : row) {
      if (v.is_null()) {
        PutBigEndian(0xffffffff, 4, &data);
        continue;
      }
      field.clear();
      types::FormatBinary(v, &field);
      PutBigEndian(field.size(), 4, &data);
      data += field;
    }
    ZJ_RETURN_IF_ERROR(ctx->copy->WriteChunk(data));
    data.clear();
    if (++*rows % 1024 == 0) ZJ_RETURN_IF_ERROR(ctx->CheckCancel());
  }
  PutBigEndian(0xffff, 2, &data);
  ZJ_RETURN_IF_ERROR(ctx->copy->WriteChunk(data));
  return ctx->copy->EndCopyOut();
}

void AppendText(const std::string& s, char delimiter, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\v': out->append("\\v"); break;
      default:
        if (c == delimiter) out->push_back('\\');
        out->push_back(c);
    }
  }
}

void AppendCsv(const std::string& s, const CopyOptions& o, std::string* out) {
  bool need = s.empty() || s == o.null_string;
  for (char c : s) {
    if (c == o.delimiter || c == o.quote || c == '\n' || c == '\r') need = true;
  }
  if (!need) {
    out->append(s);
    return;
  }
  out->push_back(o.quote);
  for (char c : s) {
    if (c == o.quote || c == o.escape) out->push_back(o.escape);
    out->push_back(c);
  }
  out->push_back(o.quote);
}

}  // namespace

std::unique_ptr<CopySource> MakeCopySource(const planner::PlanNode& plan, ExecContext* ctx,
                                           std::string table, std::vector<std::string> columns) {
  if (plan.copy.binary) {
    return std::make_unique<BinaryCopySource>(plan, ctx, std::move(table), std::move(columns));
  }
  return std::make_unique<CopySourceOp>(plan, ctx, std::move(table), std::move(columns));
}

Status CopyOut(Operator* source, const std::vector<std::string>& columns,
               const CopyOptions& opts, ExecContext* ctx, uint64_t* rows) {
  if (opts.binary) return CopyOutBinary(source, columns.size(), ctx, rows);
  ZJ_RETURN_IF_ERROR(ctx->copy->BeginCopyOut(static_cast<int>(columns.size()), false));
  Row row;
  std::string line, text;
  *rows = 0;
  if (opts.header) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) line.push_back(opts.delimiter);
      if (opts.csv) {
        AppendCsv(columns[i], opts, &line);
      } else {
        AppendText(columns[i], opts.delimiter, &line);
      }
    }
    line.push_back('\n');
    ZJ_RETURN_IF_ERROR(ctx->copy->WriteChunk(line));
  }
  for (;;) {
    ZJ_ASSIGN_OR_RETURN(bool has, source->Next(&row));
    if (!has) break;
    line.clear();
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line.push_back(opts.delimiter);
      if (row[i].is_null()) {
        line.append(opts.null_string);
        continue;
      }
      text.clear();
      types::FormatText(row[i], &text, *ctx->fn.format);
      if (opts.csv) {
        AppendCsv(text, opts, &line);
      } else {
        AppendText(text, opts.delimiter, &line);
      }
    }
    line.push_back('\n');
    ZJ_RETURN_IF_ERROR(ctx->copy->WriteChunk(line));
    if (++*rows % 1024 == 0) ZJ_RETURN_IF_ERROR(ctx->CheckCancel());
  }
  return ctx->copy->EndCopyOut();
}

}  // namespace zijin::exec
