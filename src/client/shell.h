// `zijin sql`: the interactive SQL shell and script runner, a psql work-alike on libpq.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace zijin::client {

struct ShellOptions {
  std::string host = "127.0.0.1";  // defaults also from PGHOST, PGPORT, PGUSER, PGDATABASE
  int port = 5432;
  std::string user = "postgres";
  std::string database = "postgres";
  std::vector<std::string> commands;  // -c, run in order; the shell stops at the first error
  std::vector<std::string> files;     // -f, run in order after the commands ("-" is stdin)
  bool quiet = false;                 // -q: no banner, no command tags
  bool expanded = false;              // -x
  bool unaligned = false;             // -A
  bool tuples_only = false;           // -t
  bool echo_all = false;              // -a: echo input lines of scripts
  bool on_error_stop = false;         // -v ON_ERROR_STOP=1: a script stops at its first error
  bool no_psqlrc = false;             // -X (accepted; there is no rc file yet)
};

// Parses `zijin sql` arguments (argv[0] is "sql"), psql's short and long options.
Result<ShellOptions> ParseShellArgs(int argc, char** argv);

// Connects and runs the commands and files, or an interactive session when there are none.
// Returns psql's exit codes: 0 success, 1 an error (in -c), 2 bad connection, 3 a script
// error with ON_ERROR_STOP.
int RunShell(const ShellOptions& options);

}  // namespace zijin::client
