// The shell's main loop: options, connection, input sources, queries and meta-commands.
#include "client/shell.h"

#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "client/shell_internal.h"

namespace zijin::client {
namespace {

// Signal state: a handler can reach nothing else. The cancel object is only set while a query
// runs in an interactive session; PQcancel is safe to call from a signal handler.
std::atomic<PGcancel*> g_cancel{nullptr};
volatile sig_atomic_t g_sigint = 0;
std::function<void()>* g_prompt_interrupt = nullptr;  // Ctrl-C at the prompt (readline hook)

void OnSigint(int) {
  g_sigint = 1;
  PGcancel* c = g_cancel.load();
  if (c != nullptr) {
    char err[256];
    PQcancel(c, err, sizeof err);
  }
}

int OnReadlineSignal() {
  if (g_sigint != 0 && g_prompt_interrupt != nullptr) {
    g_sigint = 0;
    (*g_prompt_interrupt)();
  }
  return 0;
}

bool IsTrue(const std::string& v) {
  std::string l;
  for (char c : v) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l == "1" || l == "on" || l == "true" || l == "yes" || l == "t" || l == "y";
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Splits meta-command arguments on whitespace; '...' and "..." quote (psql's basic rules).
std::vector<std::string> SplitArgs(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i >= s.size()) break;
    std::string arg;
    bool quoted = false;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) {
      char c = s[i];
      if (c == '\'') {
        quoted = true;
        ++i;
        while (i < s.size()) {
          if (s[i] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
            arg += '\'';
            i += 2;
          } else if (s[i] == '\'') {
            ++i;
            break;
          } else {
            arg += s[i++];
          }
        }
      } else if (c == '"') {
        // Double quotes stay: describe commands use them to keep an identifier's case.
        quoted = true;
        arg += s[i++];
        while (i < s.size()) {
          arg += s[i];
          if (s[i++] == '"') break;
        }
      } else {
        arg += c;
        ++i;
      }
    }
    if (!arg.empty() || quoted) out.push_back(arg);
  }
  return out;
}

// psql's PrintTiming.
void PrintTiming(double ms) {
  if (ms < 1000.0) {
    std::printf("Time: %.3f ms\n", ms);
    return;
  }
  double seconds = ms / 1000.0;
  double minutes = std::floor(seconds / 60.0);
  seconds -= 60.0 * minutes;
  if (minutes < 60.0) {
    std::printf("Time: %.3f ms (%02d:%06.3f)\n", ms, static_cast<int>(minutes), seconds);
    return;
  }
  double hours = std::floor(minutes / 60.0);
  minutes -= 60.0 * hours;
  if (hours < 24.0) {
    std::printf("Time: %.3f ms (%02d:%02d:%06.3f)\n", ms, static_cast<int>(hours),
                static_cast<int>(minutes), seconds);
    return;
  }
  double days = std::floor(hours / 24.0);
  hours -= 24.0 * days;
  std::printf("Time: %.3f ms (%.0f d %02d:%02d:%06.3f)\n", ms, days, static_cast<int>(hours),
              static_cast<int>(minutes), seconds);
}

const char kUsage[] =
    "zijin sql is the interactive terminal of Zijin.\n"
    "\n"
    "Usage:\n"
    "  zijin sql [OPTION]... [DBNAME [USERNAME]]\n"
    "\n"
    "Options:\n"
    "  -c, --command=COMMAND    run only single command (SQL or internal) and exit\n"
    "  -d, --dbname=DBNAME      database name to connect to\n"
    "  -f, --file=FILENAME      execute commands from file, then exit\n"
    "  -v, --set=NAME=VALUE     set variable NAME to VALUE (e.g. -v ON_ERROR_STOP=1)\n"
    "  -X, --no-psqlrc          do not read startup file (there is none yet)\n"
    "  -a, --echo-all           echo all input from script\n"
    "  -q, --quiet              run quietly (no messages, only query output)\n"
    "  -A, --no-align           unaligned table output mode\n"
    "  -t, --tuples-only        print rows only\n"
    "  -x, --expanded           turn on expanded table output\n"
    "  -h, --host=HOSTNAME      database server host (default \"127.0.0.1\")\n"
    "  -p, --port=PORT          database server port (default \"5432\")\n"
    "  -U, --username=USERNAME  database user name (default \"postgres\")\n"
    "\n"
    "PGHOST, PGPORT, PGUSER and PGDATABASE give the defaults.\n";

}  // namespace

Result<ShellOptions> ParseShellArgs(int argc, char** argv) {
  ShellOptions o;
  if (const char* e = std::getenv("PGHOST"); e != nullptr && *e != '\0') o.host = e;
  if (const char* e = std::getenv("PGPORT"); e != nullptr && *e != '\0') o.port = std::atoi(e);
  if (const char* e = std::getenv("PGUSER"); e != nullptr && *e != '\0') o.user = e;
  if (const char* e = std::getenv("PGDATABASE"); e != nullptr && *e != '\0') o.database = e;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    // Long options: --name or --name=value. Short options bundle as with getopt: -At, -qc SQL,
    // -p5433.
    std::vector<std::pair<std::string, std::optional<std::string>>> opts;
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      size_t eq = a.find('=');
      if (eq == std::string::npos) {
        opts.emplace_back(a, std::nullopt);
      } else {
        opts.emplace_back(a.substr(0, eq), a.substr(eq + 1));
      }
    } else if (a.size() > 1 && a[0] == '-') {
      for (size_t k = 1; k < a.size(); ++k) {
        std::string name = std::string("-") + a[k];
        if (std::strchr("hpUdcfv", a[k]) != nullptr && k + 1 < a.size()) {
          opts.emplace_back(name, a.substr(k + 1));
          break;
        }
        opts.emplace_back(name, std::nullopt);
      }
    } else {
      positional.push_back(a);
      continue;
    }
    for (auto& [name, attached] : opts) {
      std::string value;
      auto take = [&](const char* what) -> Status {
        if (attached) {
          value = *attached;
          return Status::OK();
        }
        if (i + 1 >= argc) {
          return Status::Error(sqlstate::kInvalidParameterValue,
                               "option " + name + " requires " + what);
        }
        value = argv[++i];
        return Status::OK();
      };
      if (name == "-h" || name == "--host") {
        ZJ_RETURN_IF_ERROR(take("a host"));
        o.host = value;
      } else if (name == "-p" || name == "--port") {
        ZJ_RETURN_IF_ERROR(take("a port"));
        char* end = nullptr;
        long p = std::strtol(value.c_str(), &end, 10);
        if (*end != '\0' || p <= 0 || p > 65535) {
          return Status::Error(sqlstate::kInvalidParameterValue, "invalid port \"" + value + "\"");
        }
        o.port = static_cast<int>(p);
      } else if (name == "-U" || name == "--username") {
        ZJ_RETURN_IF_ERROR(take("a user name"));
        o.user = value;
      } else if (name == "-d" || name == "--dbname") {
        ZJ_RETURN_IF_ERROR(take("a database name"));
        o.database = value;
      } else if (name == "-c" || name == "--command") {
        ZJ_RETURN_IF_ERROR(take("a command"));
        o.commands.push_back(value);
      } else if (name == "-f" || name == "--file") {
        ZJ_RETURN_IF_ERROR(take("a file name"));
        o.files.push_back(value);
      } else if (name == "-v" || name == "--set" || name == "--variable") {
        ZJ_RETURN_IF_ERROR(take("NAME=VALUE"));
        size_t eq = value.find('=');
        std::string var = value.substr(0, eq);
        std::string val = eq == std::string::npos ? "" : value.substr(eq + 1);
        if (var == "ON_ERROR_STOP") o.on_error_stop = IsTrue(val);
      } else if (name == "-q" || name == "--quiet") {
        o.quiet = true;
      } else if (name == "-x" || name == "--expanded") {
        o.expanded = true;
      } else if (name == "-A" || name == "--no-align") {
        o.unaligned = true;
      } else if (name == "-t" || name == "--tuples-only") {
        o.tuples_only = true;
      } else if (name == "-a" || name == "--echo-all") {
        o.echo_all = true;
      } else if (name == "-X" || name == "--no-psqlrc") {
        o.no_psqlrc = true;
      } else if (name == "-?" || name == "--help") {
        std::fputs(kUsage, stdout);
        std::exit(0);
      } else {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid option \"" + name + "\"; try \"zijin sql --help\"");
      }
    }
  }
  if (positional.size() > 2) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "extra command-line argument \"" + positional[2] + "\" ignored");
  }
  if (!positional.empty()) o.database = positional[0];
  if (positional.size() > 1) o.user = positional[1];
  return o;
}

int RunShell(const ShellOptions& options) {
  Shell shell(options);
  return shell.Run();
}

Shell::Shell(ShellOptions options) : opts_(std::move(options)) {
  print_.expanded = opts_.expanded;
  print_.unaligned = opts_.unaligned;
  print_.tuples_only = opts_.tuples_only;
  if (opts_.on_error_stop) vars_["ON_ERROR_STOP"] = "on";
}

Shell::~Shell() {
  if (conn_ != nullptr) PQfinish(conn_);
}

bool Shell::Connect(const std::string& host, int port, const std::string& user,
                    const std::string& db, std::string* error) {
  std::string port_s = std::to_string(port);
  const char* keys[] = {"host", "port", "user", "dbname", "fallback_application_name", nullptr};
  const char* values[] = {host.c_str(), port_s.c_str(), user.c_str(),
                          db.c_str(),   "zijin sql",    nullptr};
  PGconn* c = PQconnectdbParams(keys, values, 0);
  if (PQstatus(c) != CONNECTION_OK) {
    *error = PQerrorMessage(c);
    PQfinish(c);
    return false;
  }
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = c;
  PQsetNoticeProcessor(conn_, &Shell::OnNotice, this);
  return true;
}

int Shell::Run() {
  std::string error;
  if (!Connect(opts_.host, opts_.port, opts_.user, opts_.database, &error)) {
    std::fprintf(stderr, "zijin sql: error: %s", error.c_str());
    return 2;
  }
  if (!opts_.commands.empty() || !opts_.files.empty()) {
    for (const auto& cmd : opts_.commands) {
      std::istringstream in(cmd);
      Input input;
      input.read_line = [&in](std::string* line) { return !!std::getline(in, *line); };
      Outcome o = RunInput(&input, /*stop_on_error=*/true);
      if (lost_) return 2;
      if (o == Outcome::kQuit) return 0;
      if (o == Outcome::kError) return 1;
    }
    for (const auto& file : opts_.files) {
      std::ifstream f;
      std::istream* in = &std::cin;
      if (file != "-") {
        f.open(file);
        if (!f) {
          std::fprintf(stderr, "zijin sql: error: %s: %s\n", file.c_str(), std::strerror(errno));
          return 1;
        }
        in = &f;
      }
      Input input;
      input.name = file == "-" ? "<stdin>" : file;
      input.read_line = [in](std::string* line) { return !!std::getline(*in, *line); };
      Outcome o = RunInput(&input, opts_.on_error_stop);
      if (lost_) return 2;
      if (o == Outcome::kQuit) return 0;
      if (o == Outcome::kError && opts_.on_error_stop) return 3;
    }
    return 0;
  }
  if (isatty(STDIN_FILENO) == 0) {
    Input input;
    input.read_line = [](std::string* line) { return !!std::getline(std::cin, *line); };
    Outcome o = RunInput(&input, opts_.on_error_stop);
    if (lost_) return 2;
    return o == Outcome::kError && opts_.on_error_stop ? 3 : 0;
  }
  return RunInteractive();
}

Shell::Outcome Shell::RunInput(Input* input, bool stop_on_error) {
  Input* saved = input_;
  input_ = input;
  Outcome result = Outcome::kOk;
  bool stopped = false;
  std::string line;
  while (input->read_line(&line)) {
    ++input->line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (opts_.echo_all) std::printf("%s\n", line.c_str());
    Outcome o = RunPieces(input->splitter.FeedLine(line), stop_on_error);
    if (o == Outcome::kQuit) {
      result = o;
      stopped = true;
      break;
    }
    if (o == Outcome::kError) {
      result = o;
      if (stop_on_error || lost_) {
        stopped = true;
        break;
      }
    }
  }
  if (!stopped) {
    // Like psql, the end of a script runs an unterminated last statement.
    std::string rest = input->splitter.TakeBuffer();
    if (!Trim(rest).empty() && ExecuteSql(rest) == Outcome::kError) result = Outcome::kError;
  }
  input_ = saved;
  return result;
}

Shell::Outcome Shell::RunPieces(const std::vector<StatementSplitter::Piece>& pieces,
                                bool stop_on_error) {
  Outcome result = Outcome::kOk;
  for (const auto& p : pieces) {
    Outcome o =
        p.kind == StatementSplitter::Piece::Kind::kStatement ? ExecuteSql(p.text) : RunMeta(p.text);
    if (o == Outcome::kQuit) return o;
    if (o == Outcome::kError) {
      result = o;
      if (stop_on_error || lost_) return o;
    }
  }
  return result;
}

int Shell::RunInteractive() {
  if (!opts_.quiet) {
    const char* v = PQparameterStatus(conn_, "server_version");
    std::printf("zijin sql (server %s)\nType \"help\" for help.\n\n", v != nullptr ? v : "?");
  }
  std::string history_file;
  if (const char* h = std::getenv("ZIJIN_HISTORY")) {
    history_file = h;
  } else if (const char* home = std::getenv("HOME")) {
    history_file = std::string(home) + "/.zijin_history";
  }
  using_history();
  if (!history_file.empty()) read_history(history_file.c_str());

  Input input;
  input.interactive = true;
  input.read_line = [](std::string* line) {  // COPY FROM STDIN data
    char* raw = readline(">> ");
    if (raw == nullptr) return false;
    *line = raw;
    std::free(raw);
    return true;
  };
  input_ = &input;
  std::string pending_history;

  // Ctrl-C: cancel the running query (OnSigint), or at the prompt drop the unfinished input.
  std::function<void()> on_interrupt = [&] {
    input.splitter.Reset();
    pending_history.clear();
    rl_replace_line("", 0);
    rl_crlf();
    rl_set_prompt(Prompt().c_str());
    rl_on_new_line();
    rl_redisplay();
  };
  g_prompt_interrupt = &on_interrupt;
  rl_catch_signals = 0;
  rl_signal_event_hook = OnReadlineSignal;
  struct sigaction sa {};
  struct sigaction old_sa {};
  sa.sa_handler = OnSigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: readline must see EINTR
  sigaction(SIGINT, &sa, &old_sa);

  while (true) {
    std::string prompt = Prompt();
    g_sigint = 0;
    char* raw = readline(prompt.c_str());
    if (raw == nullptr) {
      std::printf("\\q\n");
      break;
    }
    std::string line = raw;
    std::free(raw);
    ++input.line_no;
    if (input.splitter.empty()) {
      std::string t = Trim(line);
      if (t == "help") {
        std::printf(
            "You are using zijin sql, the command-line interface to Zijin.\n"
            "Type:  \\? for help with zijin sql commands\n"
            "       \\g or terminate with semicolon to execute query\n"
            "       \\q to quit\n");
        continue;
      }
      if (t == "quit" || t == "exit" || t == "quit;" || t == "exit;") break;
    }
    if (!line.empty()) pending_history += (pending_history.empty() ? "" : "\n") + line;
    Outcome o = RunPieces(input.splitter.FeedLine(line), /*stop_on_error=*/false);
    if (input.splitter.empty() && !pending_history.empty()) {
      add_history(pending_history.c_str());
      pending_history.clear();
    }
    if (o == Outcome::kQuit) break;
  }
  sigaction(SIGINT, &old_sa, nullptr);
  rl_signal_event_hook = nullptr;
  g_prompt_interrupt = nullptr;
  input_ = nullptr;
  if (!history_file.empty()) {
    write_history(history_file.c_str());
    history_truncate_file(history_file.c_str(), 1000);
  }
  return 0;
}

std::string Shell::Prompt() const {
  bool connected = conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
  std::string p = connected ? PQdb(conn_) : "";
  char r = input_ != nullptr ? input_->splitter.PromptChar() : '=';
  if (!connected && r == '=') r = '!';
  p += r;
  if (connected) {
    switch (PQtransactionStatus(conn_)) {
      case PQTRANS_INTRANS:
        p += '*';
        break;
      case PQTRANS_INERROR:
        p += '!';
        break;
      case PQTRANS_UNKNOWN:
        p += '?';
        break;
      default:
        break;
    }
  }
  // Zijin does not report is_superuser yet; its only role is a superuser.
  const char* su = connected ? PQparameterStatus(conn_, "is_superuser") : nullptr;
  p += su == nullptr || std::strcmp(su, "on") == 0 ? "# " : "> ";
  return p;
}

Shell::Outcome Shell::ExecuteSql(const std::string& sql) {
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    PrintError("You are currently not connected to a database.\n");
    return Outcome::kError;
  }
  last_query_ = sql;
  auto t0 = std::chrono::steady_clock::now();
  if (PQsendQuery(conn_, sql.c_str()) == 0) {
    PrintError(PQerrorMessage(conn_));
    CheckConnection();
    return Outcome::kError;
  }
  bool interactive = input_ != nullptr && input_->interactive;
  if (interactive) g_cancel.store(PQgetCancel(conn_));
  bool ok = true;
  bool copied_out = false;  // psql does not print COPY's tag after data sent to stdout
  while (PGresult* res = PQgetResult(conn_)) {
    switch (PQresultStatus(res)) {
      case PGRES_TUPLES_OK: {
        PrintResult(res);
        // INSERT/UPDATE/DELETE ... RETURNING also show their command tag.
        std::string tag = PQcmdStatus(res);
        if (!opts_.quiet && (tag.rfind("INSERT", 0) == 0 || tag.rfind("UPDATE", 0) == 0 ||
                             tag.rfind("DELETE", 0) == 0 || tag.rfind("MERGE", 0) == 0)) {
          std::printf("%s\n", tag.c_str());
        }
        break;
      }
      case PGRES_COMMAND_OK:
        if (!opts_.quiet && !copied_out) std::printf("%s\n", PQcmdStatus(res));
        copied_out = false;
        break;
      case PGRES_COPY_OUT: {
        copied_out = true;
        char* buf = nullptr;
        int n;
        while ((n = PQgetCopyData(conn_, &buf, 0)) > 0) {
          std::fwrite(buf, 1, static_cast<size_t>(n), stdout);
          PQfreemem(buf);
        }
        break;
      }
      case PGRES_COPY_IN:
        ok &= HandleCopyIn();
        break;
      case PGRES_EMPTY_QUERY:
        break;
      default:
        ok = false;
        PrintError(PQresultErrorMessage(res));
        break;
    }
    PQclear(res);
  }
  if (PGcancel* c = g_cancel.exchange(nullptr)) PQfreeCancel(c);
  std::fflush(stdout);
  if (ok && timing_) {
    PrintTiming(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  if (!CheckConnection()) return Outcome::kError;
  return ok ? Outcome::kOk : Outcome::kError;
}

bool Shell::HandleCopyIn() {
  if (input_ == nullptr || !input_->read_line) {
    PQputCopyEnd(conn_, "no input for COPY FROM STDIN");
    return false;
  }
  if (input_->interactive && !opts_.quiet) {
    std::printf(
        "Enter data to be copied followed by a newline.\n"
        "End with a backslash and a period on a line by itself, or an EOF signal.\n");
    std::fflush(stdout);
  }
  std::string line;
  bool ok = true;
  while (input_->read_line(&line)) {
    ++input_->line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "\\.") break;
    line += '\n';
    if (PQputCopyData(conn_, line.data(), static_cast<int>(line.size())) != 1) {
      ok = false;
      break;
    }
  }
  PQputCopyEnd(conn_, ok ? nullptr : "client could not send COPY data");
  return ok;
}

void Shell::PrintResult(PGresult* res) {
  PrintTable t;
  int ncols = PQnfields(res);
  for (int c = 0; c < ncols; ++c) {
    t.columns.push_back({PQfname(res, c), IsRightAlignedType(PQftype(res, c))});
  }
  int nrows = PQntuples(res);
  t.rows.reserve(nrows);
  for (int r = 0; r < nrows; ++r) {
    std::vector<std::optional<std::string>> row;
    row.reserve(ncols);
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(res, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
    }
    t.rows.push_back(std::move(row));
  }
  PrintTableOut(t);
}

void Shell::PrintTableOut(const PrintTable& table) {
  std::string s = FormatTable(table, print_);
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
}

bool Shell::CheckConnection() {
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_BAD) return true;
  if (input_ != nullptr && input_->interactive) {
    std::fputs("The connection to the server was lost. Attempting reset: ", stderr);
    PQreset(conn_);
    bool back = PQstatus(conn_) == CONNECTION_OK;
    std::fputs(back ? "Succeeded.\n" : "Failed.\n", stderr);
    return false;
  }
  std::fprintf(stderr, "zijin sql: error: connection to server was lost\n");
  lost_ = true;
  return false;
}

void Shell::PrintError(const std::string& message) const {
  std::fflush(stdout);
  if (input_ != nullptr && !input_->name.empty()) {
    std::fprintf(stderr, "zijin:%s:%d: ", input_->name.c_str(), input_->line_no);
  }
  std::fputs(message.c_str(), stderr);
  if (message.empty() || message.back() != '\n') std::fputc('\n', stderr);
  std::fflush(stderr);
}

void Shell::OnNotice(void* arg, const char* message) {
  static_cast<const Shell*>(arg)->PrintError(message);
}

Shell::Outcome Shell::RunMeta(const std::string& text) {
  size_t end = 0;
  while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
  std::string cmd = text.substr(0, end);
  std::vector<std::string> args = SplitArgs(text.substr(end));
  auto set_bool = [&](bool* flag) {
    if (args.empty()) {
      *flag = !*flag;
    } else {
      *flag = IsTrue(args[0]);
    }
  };
  auto say = [&](const char* msg) {
    if (!opts_.quiet) std::printf("%s\n", msg);
  };
  if (cmd == "q" || cmd == "quit") return Outcome::kQuit;
  if (cmd == "?") {
    PrintHelp();
  } else if (cmd == "x") {
    set_bool(&print_.expanded);
    say(print_.expanded ? "Expanded display is on." : "Expanded display is off.");
  } else if (cmd == "timing") {
    set_bool(&timing_);
    say(timing_ ? "Timing is on." : "Timing is off.");
  } else if (cmd == "a") {
    print_.unaligned = !print_.unaligned;
    say(print_.unaligned ? "Output format is unaligned." : "Output format is aligned.");
  } else if (cmd == "t") {
    set_bool(&print_.tuples_only);
    say(print_.tuples_only ? "Tuples only is on." : "Tuples only is off.");
  } else if (cmd == "conninfo") {
    PrintConnInfo();
  } else if (cmd == "c" || cmd == "connect") {
    return Reconnect(args);
  } else if (cmd == "g") {
    std::string sql = input_ != nullptr ? input_->splitter.TakeBuffer() : "";
    if (Trim(sql).empty()) sql = last_query_;
    if (!Trim(sql).empty()) return ExecuteSql(sql);
  } else if (cmd == "r" || cmd == "reset") {
    if (input_ != nullptr) input_->splitter.Reset();
    say("Query buffer reset (cleared).");
  } else if (cmd == "p" || cmd == "print") {
    std::string buf = input_ != nullptr ? input_->splitter.buffer() : "";
    if (buf.empty()) buf = last_query_;
    std::printf("%s\n", buf.empty() ? "Query buffer is empty." : buf.c_str());
  } else if (cmd == "echo") {
    std::string out;
    for (size_t i = 0; i < args.size(); ++i) out += (i > 0 ? " " : "") + args[i];
    std::printf("%s\n", out.c_str());
  } else if (cmd == "i" || cmd == "include") {
    if (args.empty()) {
      PrintError("\\" + cmd + ": missing required argument\n");
      return Outcome::kError;
    }
    if (include_depth_ >= 16) {
      PrintError("\\i: too many nested includes\n");
      return Outcome::kError;
    }
    std::ifstream f(args[0]);
    if (!f) {
      PrintError(args[0] + ": " + std::strerror(errno) + "\n");
      return Outcome::kError;
    }
    Input input;
    input.name = args[0];
    input.read_line = [&f](std::string* line) { return !!std::getline(f, *line); };
    ++include_depth_;
    Outcome o = RunInput(&input, opts_.on_error_stop);
    --include_depth_;
    return o;
  } else if (cmd == "set") {
    if (args.empty()) {
      for (const auto& [k, v] : vars_) std::printf("%s = '%s'\n", k.c_str(), v.c_str());
    } else {
      std::string v;
      for (size_t i = 1; i < args.size(); ++i) v += args[i];
      vars_[args[0]] = v;
      if (args[0] == "ON_ERROR_STOP") opts_.on_error_stop = IsTrue(v);
    }
  } else if (cmd == "unset") {
    if (!args.empty()) {
      vars_.erase(args[0]);
      if (args[0] == "ON_ERROR_STOP") opts_.on_error_stop = false;
    }
  } else if (cmd == "encoding") {
    const char* e = conn_ != nullptr ? PQparameterStatus(conn_, "client_encoding") : nullptr;
    std::printf("%s\n", e != nullptr ? e : "UTF8");
  } else if (cmd == "h" || cmd == "help") {
    std::printf("Help on SQL syntax is not available yet; see the Zijin documentation.\n");
  } else if (!cmd.empty() && (cmd[0] == 'd' || cmd == "l" || cmd == "l+" || cmd == "list")) {
    return Describe(cmd, args);
  } else {
    if (input_ != nullptr && input_->interactive) {
      PrintError("invalid command \\" + cmd + "\nTry \\? for help.\n");
    } else if (input_ != nullptr && !input_->name.empty()) {
      PrintError("error: invalid command \\" + cmd + "\n");
    } else {
      PrintError("invalid command \\" + cmd + "\n");
    }
    return Outcome::kError;
  }
  return Outcome::kOk;
}

void Shell::PrintHelp() const {
  std::fputs(
      "General\n"
      "  \\q                     quit zijin sql\n"
      "  \\?                     show this help\n"
      "  \\conninfo              display information about the current connection\n"
      "  \\c[onnect] [DBNAME|- USER|- HOST|- PORT|-]\n"
      "                         connect to a new database\n"
      "\n"
      "Query Buffer\n"
      "  \\g                     execute the query buffer (or the previous query)\n"
      "  \\p                     show the contents of the query buffer\n"
      "  \\r                     reset (clear) the query buffer\n"
      "\n"
      "Input/Output\n"
      "  \\echo [STRING]         write string to standard output\n"
      "  \\i FILE                execute commands from file\n"
      "\n"
      "Informational\n"
      "  \\d                     list tables, views and sequences\n"
      "  \\d NAME                describe table, view or sequence\n"
      "  \\dt [PATTERN]          list tables\n"
      "  \\di [PATTERN]          list indexes\n"
      "  \\dv [PATTERN]          list views\n"
      "  \\ds [PATTERN]          list sequences\n"
      "  \\dn [PATTERN]          list schemas\n"
      "  \\l [PATTERN]           list databases\n"
      "\n"
      "Formatting\n"
      "  \\a                     toggle between unaligned and aligned output mode\n"
      "  \\t [on|off]            show only rows\n"
      "  \\x [on|off]            toggle expanded output\n"
      "  \\timing [on|off]       toggle timing of commands\n"
      "\n"
      "Variables\n"
      "  \\set [NAME [VALUE]]    set a variable, or list all (ON_ERROR_STOP is understood)\n"
      "  \\unset NAME            unset a variable\n",
      stdout);
}

void Shell::PrintConnInfo() const {
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::printf("You are currently not connected to a database.\n");
    return;
  }
  const char* host = PQhost(conn_);
  if (host != nullptr && host[0] == '/') {
    std::printf(
        "You are connected to database \"%s\" as user \"%s\" via socket in \"%s\" at "
        "port \"%s\".\n",
        PQdb(conn_), PQuser(conn_), host, PQport(conn_));
  } else {
    std::printf(
        "You are connected to database \"%s\" as user \"%s\" on host \"%s\" at port "
        "\"%s\".\n",
        PQdb(conn_), PQuser(conn_), host != nullptr ? host : "", PQport(conn_));
  }
}

Shell::Outcome Shell::Reconnect(const std::vector<std::string>& args) {
  auto arg = [&](size_t i, const std::string& current) {
    return i < args.size() && args[i] != "-" ? args[i] : current;
  };
  std::string old_host = conn_ != nullptr ? PQhost(conn_) : opts_.host;
  std::string old_port = conn_ != nullptr ? PQport(conn_) : std::to_string(opts_.port);
  std::string db = arg(0, conn_ != nullptr ? PQdb(conn_) : opts_.database);
  std::string user = arg(1, conn_ != nullptr ? PQuser(conn_) : opts_.user);
  std::string host = arg(2, old_host);
  std::string port = arg(3, old_port);
  std::string error;
  if (!Connect(host, std::atoi(port.c_str()), user, db, &error)) {
    if (input_ != nullptr && input_->interactive) {
      PrintError(error + "Previous connection kept\n");
    } else {
      // As psql: a script does not go on against the old connection.
      PrintError("error: \\connect: " + error);
      PQfinish(conn_);
      conn_ = nullptr;
      lost_ = true;
    }
    return Outcome::kError;
  }
  if (!opts_.quiet) {
    if (host == old_host && port == old_port) {
      std::printf("You are now connected to database \"%s\" as user \"%s\".\n", PQdb(conn_),
                  PQuser(conn_));
    } else {
      std::printf(
          "You are now connected to database \"%s\" as user \"%s\" on host \"%s\" at "
          "port \"%s\".\n",
          PQdb(conn_), PQuser(conn_), PQhost(conn_), PQport(conn_));
    }
  }
  return Outcome::kOk;
}

}  // namespace zijin::client
