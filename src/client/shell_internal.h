// The shell's session object, shared by shell.cc (loop, queries, meta-commands) and describe.cc.
#pragma once

#include <libpq-fe.h>

#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "client/printer.h"
#include "client/shell.h"
#include "client/split.h"

namespace zijin::client {

// Rows of a catalog query, as text.
struct QueryRows {
  std::vector<std::string> columns;
  std::vector<bool> right_align;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

class Shell {
 public:
  explicit Shell(ShellOptions options);
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  int Run();

 private:
  enum class Outcome { kOk, kError, kQuit };

  // A source of input lines: a script, the -c text, stdin or readline.
  struct Input {
    std::string name;  // file name for "zijin:FILE:LINE: " prefixes; empty for none
    std::function<bool(std::string*)> read_line;
    int line_no = 0;
    bool interactive = false;
    StatementSplitter splitter;  // each input has its own query buffer, as in psql
  };

  // Replaces the connection on success; on failure keeps it and sets *error (libpq's text).
  bool Connect(const std::string& host, int port, const std::string& user, const std::string& db,
               std::string* error);
  int RunInteractive();
  // Runs every line of `input`; stops at the first error when `stop_on_error`.
  Outcome RunInput(Input* input, bool stop_on_error);
  Outcome RunPieces(const std::vector<StatementSplitter::Piece>& pieces, bool stop_on_error);

  Outcome ExecuteSql(const std::string& sql);
  bool HandleCopyIn();
  void PrintResult(PGresult* res);
  bool CheckConnection();

  Outcome RunMeta(const std::string& text);
  void PrintHelp() const;
  void PrintConnInfo() const;
  Outcome Reconnect(const std::vector<std::string>& args);

  // describe.cc: \d, \dt, \di, \dv, \ds, \dn, \l.
  Outcome Describe(const std::string& cmd, const std::vector<std::string>& args);
  Outcome ListRelations(const std::string& kinds, const std::string& pattern);
  Outcome DescribeRelation(const std::string& pattern);
  Outcome DescribeTable(const std::string& schema, const std::string& name, char kind);
  Outcome DescribeIndex(const std::string& schema, const std::string& name);
  // "Foreign-key constraints:" and "Referenced by:" footers of \d for the table `oid`.
  bool ForeignKeyFooters(const std::string& oid, std::vector<std::string>* footers);
  Outcome DescribeSequence(const std::string& schema, const std::string& name);
  Outcome ListSchemas(const std::string& pattern);
  Outcome ListDatabases(const std::string& pattern);
  std::optional<QueryRows> CatalogQuery(const std::string& sql);
  std::string Literal(const std::string& s) const;
  // "column = 'value'", or LIKE when the pattern had wildcards.
  std::string NameCondition(const std::string& column, const std::string& value, bool wild) const;

  void PrintTableOut(const PrintTable& table);
  // Errors and notices go to stderr, prefixed "zijin:FILE:LINE: " in scripts as psql does.
  void PrintError(const std::string& message) const;
  static void OnNotice(void* arg, const char* message);
  std::string Prompt() const;

  ShellOptions opts_;
  PGconn* conn_ = nullptr;
  PrintOptions print_;
  bool timing_ = false;
  std::string last_query_;
  std::map<std::string, std::string> vars_;
  Input* input_ = nullptr;  // the input being run (for error prefixes and COPY FROM STDIN)
  int include_depth_ = 0;
  bool lost_ = false;  // the connection broke in a script: exit with 2
};

}  // namespace zijin::client
