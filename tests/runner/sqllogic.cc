// zj_sqllogic: runs sqllogictest files (SQLite's format plus Zijin's extensions) over libpq.
//
// Usage: zj_sqllogic [--host H] [--port P] [--user U] [--db D] [--engine NAME]
//                    [--max-reports N] [--verbose] FILE...
// The format and the extensions are described in tests/sql/README.md.
#include <libpq-fe.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace zijin::sqllogic {
namespace {

struct Options {
  std::string host = "127.0.0.1";
  std::string port = "5432";
  std::string user = "postgres";
  std::string db = "postgres";
  std::string engine = "postgresql";
  int max_reports = 30;  // detailed failure reports per file
  bool verbose = false;
  std::vector<std::string> files;
};

void IgnoreNotice(void*, const char*) {}

// One named libpq connection.
class Connection {
 public:
  explicit Connection(PGconn* c) : conn_(c) {}
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  PGconn* get() const { return conn_; }
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  PGconn* conn_;
};

std::unique_ptr<Connection> Connect(const Options& o, std::string* error) {
  const char* keys[] = {"host", "port", "user", "dbname", "application_name", nullptr};
  const char* values[] = {o.host.c_str(), o.port.c_str(), o.user.c_str(),
                          o.db.c_str(),   "zj_sqllogic",  nullptr};
  auto conn = std::make_unique<Connection>(PQconnectdbParams(keys, values, 0));
  if (!conn->ok()) {
    *error = PQerrorMessage(conn->get());
    while (!error->empty() && error->back() == '\n') error->pop_back();
    return nullptr;
  }
  PQsetNoticeProcessor(conn->get(), IgnoreNotice, nullptr);
  return conn;
}

// The outcome of running one piece of SQL.
struct Outcome {
  bool error = false;
  std::string sqlstate;
  std::string message;
  int columns = 0;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

Outcome Execute(PGconn* conn, const std::string& sql) {
  Outcome out;
  PGresult* res = PQexec(conn, sql.c_str());
  ExecStatusType st = PQresultStatus(res);
  if (res == nullptr ||
      (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY)) {
    out.error = true;
    const char* code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const char* msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    out.sqlstate = code ? code : "";
    out.message = msg ? msg : PQerrorMessage(conn);
    while (!out.message.empty() && out.message.back() == '\n') out.message.pop_back();
    if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT) {
      out.message = "COPY is not supported by zj_sqllogic";
    }
    PQclear(res);
    return out;
  }
  if (st == PGRES_TUPLES_OK) {
    out.columns = PQnfields(res);
    int n = PQntuples(res);
    out.rows.reserve(n);
    for (int r = 0; r < n; ++r) {
      std::vector<std::optional<std::string>> row;
      row.reserve(out.columns);
      for (int c = 0; c < out.columns; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
        }
      }
      out.rows.push_back(std::move(row));
    }
  }
  PQclear(res);
  return out;
}

// Formats a value the way sqllogictest prints it for column type `type`.
std::string FormatValue(const std::optional<std::string>& v, char type) {
  if (!v) return "NULL";
  const std::string& s = *v;
  if (type == 'I' || type == 'R') {
    if (s == "t" || s == "f") {  // booleans print as 1/0, as through ODBC
      return type == 'I' ? (s == "t" ? "1" : "0") : (s == "t" ? "1.000" : "0.000");
    }
    if (!s.empty()) {
      const char* b = s.c_str();
      char* end = nullptr;
      errno = 0;
      if (type == 'I') {
        long long ll = std::strtoll(b, &end, 10);
        if (*end == '\0' && errno == 0) return std::to_string(ll);
      }
      errno = 0;
      double d = std::strtod(b, &end);
      if (*end == '\0') {
        char buf[64];
        if (type == 'I') {
          std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
        } else {
          std::snprintf(buf, sizeof buf, "%.3f", d);
        }
        return buf;
      }
    }
  }
  if (s.empty()) return "(empty)";
  std::string out = s;
  for (char& ch : out) {
    // Control characters would break the one-value-per-line (and tab-separated) layout.
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '@';
  }
  return out;
}

std::string Md5Hex(const std::vector<std::string>& values) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr);
  for (const auto& v : values) {
    EVP_DigestUpdate(ctx.get(), v.data(), v.size());
    EVP_DigestUpdate(ctx.get(), "\n", 1);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return hex;
}

std::vector<std::string> SplitWords(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

bool IsSqlstate(std::string_view s) {
  if (s.size() != 5) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ||
           std::isupper(static_cast<unsigned char>(c));
  });
}

// "N values hashing to H" -> true, with N and H.
bool ParseHashLine(const std::string& line, size_t* n, std::string* hash) {
  static const std::regex kRe(R"(^\s*(\d+) values hashing to ([0-9a-f]{32})\s*$)");
  std::smatch m;
  if (!std::regex_match(line, m, kRe)) return false;
  *n = std::stoul(m[1].str());
  *hash = m[2].str();
  return true;
}

// Runs one file; counts passes and failures.
class FileRunner {
 public:
  FileRunner(const Options& opts, std::string path) : opts_(opts), path_(std::move(path)) {}

  // Returns false when the file could not be run at all.
  bool Run() {
    std::ifstream in(path_);
    if (!in) {
      std::fprintf(stderr, "%s: cannot open\n", path_.c_str());
      return false;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines_.push_back(line);
    }
    if (current_ = Conn("default"); current_ == nullptr) return false;
    RunRecords();
    return true;
  }

  int passed() const { return passed_; }
  int failed() const { return failed_; }
  int skipped() const { return skipped_; }
  bool aborted() const { return aborted_; }

 private:
  bool Blank(size_t i) const { return lines_[i].find_first_not_of(" \t") == std::string::npos; }
  bool Comment(size_t i) const {
    size_t p = lines_[i].find_first_not_of(" \t");
    return p != std::string::npos && lines_[i][p] == '#';
  }

  PGconn* Conn(const std::string& name) {
    auto it = conns_.find(name);
    if (it != conns_.end() && it->second->ok()) return it->second->get();
    std::string err;
    auto c = Connect(opts_, &err);
    if (c == nullptr) {
      std::fprintf(stderr, "%s: cannot connect (%s:%s): %s\n", path_.c_str(), opts_.host.c_str(),
                   opts_.port.c_str(), err.c_str());
      return nullptr;
    }
    PGconn* raw = c->get();
    conns_[name] = std::move(c);
    return raw;
  }

  // Reads lines from *i up to a blank line (or `stop`), skipping comments.
  std::string ReadSql(size_t* i, bool stop_at_dashes, bool* saw_dashes) {
    std::string sql;
    while (*i < lines_.size() && !Blank(*i)) {
      if (stop_at_dashes && lines_[*i] == "----") {
        *saw_dashes = true;
        ++*i;
        break;
      }
      if (!Comment(*i)) {
        if (!sql.empty()) sql += '\n';
        sql += lines_[*i];
      }
      ++*i;
    }
    return sql;
  }

  void RunRecords() {
    size_t i = 0;
    while (i < lines_.size()) {
      if (Blank(i) || Comment(i)) {
        ++i;
        continue;
      }
      // Conditions, then the record's header.
      bool skip = false;
      std::vector<std::string> words = SplitWords(lines_[i]);
      while (!words.empty() && (words[0] == "skipif" || words[0] == "onlyif")) {
        std::string engine = words.size() > 1 ? words[1] : "";
        if (words[0] == "skipif" && engine == opts_.engine) skip = true;
        if (words[0] == "onlyif" && engine != opts_.engine) skip = true;
        ++i;
        if (i >= lines_.size()) return;
        words = SplitWords(lines_[i]);
      }
      size_t start = i + 1;  // 1-based line number of the header
      ++i;
      const std::string& kind = words.empty() ? std::string() : words[0];
      if (kind == "halt") {
        if (!skip) return;
        continue;
      }
      if (kind == "hash-threshold") {
        if (!skip && words.size() > 1) hash_threshold_ = std::atoi(words[1].c_str());
        continue;
      }
      if (kind == "connection") {
        if (skip) continue;
        if (words.size() < 2) {
          Fail(start, "", "connection needs a name");
          continue;
        }
        current_ = Conn(words[1]);
        if (current_ == nullptr) {
          Fail(start, "", "cannot open connection " + words[1]);
          aborted_ = true;
          return;
        }
        continue;
      }
      if (kind == "restart") {
        std::fprintf(stderr, "%s:%zu: restart is not supported yet; ignored\n", path_.c_str(),
                     start);
        continue;
      }
      if (kind == "statement") {
        bool dashes = false;
        std::string sql = ReadSql(&i, false, &dashes);
        if (skip) {
          ++skipped_;
          continue;
        }
        RunStatement(start, words, sql);
      } else if (kind == "query") {
        bool dashes = false;
        std::string sql = ReadSql(&i, true, &dashes);
        std::vector<std::string> expected;
        if (dashes) {
          while (i < lines_.size() && !Blank(i)) expected.push_back(lines_[i++]);
        }
        if (skip) {
          ++skipped_;
          continue;
        }
        RunQuery(start, words, sql, expected);
      } else {
        Fail(start, "", "unknown record type \"" + lines_[start - 1] + "\"");
        while (i < lines_.size() && !Blank(i)) ++i;
      }
      if (current_ != nullptr && PQstatus(current_) != CONNECTION_OK) {
        std::fprintf(stderr, "%s:%zu: connection lost; aborting the file\n", path_.c_str(), start);
        aborted_ = true;
        return;
      }
    }
  }

  void RunStatement(size_t line, const std::vector<std::string>& words, const std::string& sql) {
    if (words.size() < 2 || (words[1] != "ok" && words[1] != "error")) {
      Fail(line, sql, "statement must be followed by ok or error");
      return;
    }
    Trace(line, sql);
    Outcome out = Execute(current_, sql);
    if (words[1] == "ok") {
      if (out.error) {
        Fail(line, sql, "statement failed: " + ErrorText(out));
      } else {
        ++passed_;
      }
      return;
    }
    ExpectError(line, sql, words, out);
  }

  // `statement error [pattern]` / `query error [pattern]`: words[2..] are the pattern.
  void ExpectError(size_t line, const std::string& sql, const std::vector<std::string>& words,
                   const Outcome& out) {
    if (!out.error) {
      Fail(line, sql, "statement succeeded but an error was expected");
      return;
    }
    // The pattern is the header's text after "error", spaces included.
    const std::string& header = lines_[line - 1];
    size_t p = header.find("error");
    std::string pattern = p == std::string::npos ? "" : header.substr(p + 5);
    size_t b = pattern.find_first_not_of(" \t");
    pattern = b == std::string::npos ? "" : pattern.substr(b);
    while (!pattern.empty() && (pattern.back() == ' ' || pattern.back() == '\t')) {
      pattern.pop_back();
    }
    if (pattern.empty()) {
      ++passed_;
      return;
    }
    bool match = false;
    if (IsSqlstate(pattern)) {
      match = out.sqlstate == pattern;
    } else if (out.message.find(pattern) != std::string::npos) {
      match = true;
    } else {
      try {
        match = std::regex_search(out.message, std::regex(pattern));
      } catch (const std::regex_error&) {
        match = false;
      }
    }
    if (match) {
      ++passed_;
    } else {
      Fail(line, sql, "expected error \"" + pattern + "\", got " + ErrorText(out));
    }
  }

  void RunQuery(size_t line, const std::vector<std::string>& words, const std::string& sql,
                const std::vector<std::string>& expected_lines) {
    if (words.size() >= 2 && words[1] == "error") {
      Trace(line, sql);
      ExpectError(line, sql, words, Execute(current_, sql));
      return;
    }
    std::string types = words.size() > 1 ? words[1] : "";
    std::string sort = words.size() > 2 ? words[2] : "nosort";
    std::string label = words.size() > 3 ? words[3] : "";
    Trace(line, sql);
    Outcome out = Execute(current_, sql);
    if (out.error) {
      Fail(line, sql, "query failed: " + ErrorText(out));
      return;
    }
    if (!types.empty() && static_cast<int>(types.size()) != out.columns) {
      Fail(line, sql,
           "expected " + std::to_string(types.size()) + " columns (" + types + "), got " +
               std::to_string(out.columns));
      return;
    }
    // Print, then sort as asked.
    std::vector<std::vector<std::string>> rows;
    rows.reserve(out.rows.size());
    for (const auto& r : out.rows) {
      std::vector<std::string> row;
      for (int c = 0; c < out.columns; ++c) {
        char t = c < static_cast<int>(types.size()) ? types[c] : 'T';
        row.push_back(FormatValue(r[c], t));
      }
      rows.push_back(std::move(row));
    }
    if (sort == "rowsort") std::sort(rows.begin(), rows.end());
    std::vector<std::string> actual;
    for (auto& r : rows) {
      for (auto& v : r) actual.push_back(std::move(v));
    }
    if (sort == "valuesort") std::sort(actual.begin(), actual.end());

    std::string actual_hash = Md5Hex(actual);
    size_t want_n = 0;
    std::string want_hash;
    bool ok;
    if (expected_lines.size() == 1 && ParseHashLine(expected_lines[0], &want_n, &want_hash)) {
      ok = want_n == actual.size() && want_hash == actual_hash;
    } else {
      std::vector<std::string> expected;
      for (const auto& l : expected_lines) {
        size_t pos = 0;
        while (true) {
          size_t tab = l.find('\t', pos);
          expected.push_back(l.substr(pos, tab == std::string::npos ? tab : tab - pos));
          if (tab == std::string::npos) break;
          pos = tab + 1;
        }
      }
      ok = expected == actual;
    }
    if (ok && !label.empty()) {
      auto [it, inserted] = labels_.emplace(label, actual_hash);
      if (!inserted && it->second != actual_hash) {
        Fail(line, sql, "result differs from the earlier query labeled " + label);
        return;
      }
    }
    if (ok) {
      ++passed_;
      return;
    }
    std::string msg = "wrong result\n  expected:\n";
    AppendLines(&msg, expected_lines);
    msg += "  actual:\n";
    if (hash_threshold_ > 0 && static_cast<int>(actual.size()) > hash_threshold_) {
      msg += "    " + std::to_string(actual.size()) + " values hashing to " + actual_hash + "\n";
    }
    if (out.columns > 1 && !actual.empty()) {
      // One row per line, tab-separated, ready to paste into a .test file.
      std::vector<std::string> row_lines;
      for (size_t k = 0; k < actual.size(); k += out.columns) {
        std::string l;
        for (int c = 0; c < out.columns; ++c) {
          if (c > 0) l += '\t';
          l += actual[k + c];
        }
        row_lines.push_back(std::move(l));
      }
      AppendLines(&msg, row_lines);
    } else {
      AppendLines(&msg, actual);
    }
    Fail(line, sql, msg);
  }

  static void AppendLines(std::string* msg, const std::vector<std::string>& lines) {
    constexpr size_t kMax = 40;
    for (size_t k = 0; k < lines.size() && k < kMax; ++k) *msg += "    " + lines[k] + "\n";
    if (lines.size() > kMax) {
      *msg += "    ... (" + std::to_string(lines.size() - kMax) + " more lines)\n";
    }
    if (lines.empty()) *msg += "    (nothing)\n";
  }

  static std::string ErrorText(const Outcome& o) {
    return (o.sqlstate.empty() ? "" : o.sqlstate + ": ") + o.message;
  }

  void Trace(size_t line, const std::string& sql) {
    if (opts_.verbose) std::fprintf(stderr, "%s:%zu: %s\n", path_.c_str(), line, sql.c_str());
  }

  void Fail(size_t line, const std::string& sql, const std::string& why) {
    ++failed_;
    if (failed_ > opts_.max_reports) {
      if (failed_ == opts_.max_reports + 1) {
        std::printf("%s: more failures; reporting only counts from here\n", path_.c_str());
      }
      return;
    }
    std::printf("FAIL %s:%zu: %s", path_.c_str(), line, why.c_str());
    if (why.empty() || why.back() != '\n') std::printf("\n");
    if (!sql.empty()) {
      std::string indented = "  SQL: ";
      for (char c : sql) {
        indented += c;
        if (c == '\n') indented += "       ";
      }
      std::printf("%s\n", indented.c_str());
    }
  }

  const Options& opts_;
  std::string path_;
  std::vector<std::string> lines_;
  std::map<std::string, std::unique_ptr<Connection>> conns_;
  PGconn* current_ = nullptr;
  std::map<std::string, std::string> labels_;
  int hash_threshold_ = 8;
  int passed_ = 0;
  int failed_ = 0;
  int skipped_ = 0;
  bool aborted_ = false;
};

int Usage() {
  std::fprintf(stderr,
               "usage: zj_sqllogic [--host H] [--port P] [--user U] [--db D] [--engine NAME]\n"
               "                   [--max-reports N] [--verbose] FILE...\n");
  return 2;
}

int Main(int argc, char** argv) {
  Options o;
  if (const char* e = std::getenv("PGHOST")) o.host = e;
  if (const char* e = std::getenv("PGPORT")) o.port = e;
  if (const char* e = std::getenv("PGUSER")) o.user = e;
  if (const char* e = std::getenv("PGDATABASE")) o.db = e;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--host" || a == "-h") {
      if (!value(&o.host)) return Usage();
    } else if (a == "--port" || a == "-p") {
      if (!value(&o.port)) return Usage();
    } else if (a == "--user" || a == "-U") {
      if (!value(&o.user)) return Usage();
    } else if (a == "--db" || a == "-d") {
      if (!value(&o.db)) return Usage();
    } else if (a == "--engine") {
      if (!value(&o.engine)) return Usage();
    } else if (a == "--max-reports") {
      if (!value(&v)) return Usage();
      o.max_reports = std::atoi(v.c_str());
    } else if (a == "--verbose" || a == "-v") {
      o.verbose = true;
    } else if (a == "--help") {
      Usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "zj_sqllogic: unknown option %s\n", a.c_str());
      return Usage();
    } else {
      o.files.push_back(a);
    }
  }
  if (o.files.empty()) return Usage();
  bool all_ok = true;
  for (const auto& f : o.files) {
    auto t0 = std::chrono::steady_clock::now();
    FileRunner runner(o, f);
    bool ran = runner.Run();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!ran) {
      all_ok = false;
      continue;
    }
    std::printf("%s: %d passed, %d failed", f.c_str(), runner.passed(), runner.failed());
    if (runner.skipped() > 0) std::printf(", %d skipped", runner.skipped());
    if (runner.aborted()) std::printf(" (aborted)");
    std::printf(" [%.2fs]\n", secs);
    std::fflush(stdout);
    if (runner.failed() > 0 || runner.aborted()) all_ok = false;
  }
  return all_ok ? 0 : 1;
}

}  // namespace
}  // namespace zijin::sqllogic

int main(int argc, char** argv) { return zijin::sqllogic::Main(argc, argv); }
