// start, sql, demo and ctl.
#include "main/commands.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "client/shell.h"
#include "server/instance.h"

namespace zijin::main {
namespace {

server::Instance* g_instance = nullptr;  // for the signal handler only

// True while a server holds the exclusive lock on the data directory's pid file.
bool ServerHoldsLock(const std::string& pid_path) {
  int fd = open(pid_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close(fd);
  return held;
}

void OnSignal(int) {
  if (g_instance != nullptr) g_instance->RequestShutdown();
}

// Parses start/demo options. Returns false (after printing why) on bad usage.
bool ParseServerArgs(int argc, char** argv, server::ServerOptions* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&](std::string* out) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "zijin: option %s needs a value\n", a.c_str());
        return false;
      }
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "-D" || a == "--data") {
      if (!next(&o->data_dir)) return false;
    } else if (a == "--port" || a == "-p") {
      if (!next(&v)) return false;
      int port = std::atoi(v.c_str());
      if (port <= 0 || port > 65535) {
        std::fprintf(stderr, "zijin: invalid port \"%s\"\n", v.c_str());
        return false;
      }
      o->overrides.emplace_back("port", v);
    } else if (a == "--listen") {
      if (!next(&v)) return false;
      o->overrides.emplace_back("listen_addresses", v);
    } else if (a == "-c") {
      if (!next(&v)) return false;
      size_t eq = v.find('=');
      if (eq == std::string::npos) {
        std::fprintf(stderr, "zijin: -c needs name=value, got \"%s\"\n", v.c_str());
        return false;
      }
      o->overrides.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else {
      std::fprintf(stderr, "zijin: unknown option \"%s\"\n", a.c_str());
      return false;
    }
  }
  if (o->data_dir.empty()) {
    const char* env = std::getenv("ZIJIN_DATA");
    if (env != nullptr) o->data_dir = env;
  }
  if (o->data_dir.empty()) {
    std::fprintf(stderr, "zijin: no data directory: use -D DIR or set ZIJIN_DATA\n");
    return false;
  }
  return true;
}

void InstallSignals() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

}  // namespace

int CmdStart(int argc, char** argv) {
  server::ServerOptions opts;
  if (!ParseServerArgs(argc, argv, &opts)) return 2;
  auto inst = server::Instance::Open(opts);
  if (!inst.ok()) {
    std::fprintf(stderr, "zijin: %s\n", inst.status().message().c_str());
    return 1;
  }
  g_instance = inst->get();
  InstallSignals();
  std::string where;
  for (const auto& e : (*inst)->endpoints()) where += (where.empty() ? "" : ", ") + e;
  std::fprintf(stderr, "zijin: listening on %s, data directory %s\n", where.c_str(),
               opts.data_dir.c_str());
  Status st = (*inst)->Serve();
  g_instance = nullptr;
  inst->reset();
  return st.ok() ? 0 : 1;
}

int CmdSql(int argc, char** argv) {
  auto opts = client::ParseShellArgs(argc, argv);
  if (!opts.ok()) {
    std::fprintf(stderr, "zijin sql: %s\n", opts.status().message().c_str());
    return 2;
  }
  return client::RunShell(*opts);
}

int CmdDemo(int argc, char** argv) {
  server::ServerOptions opts;
  opts.overrides.emplace_back("port", "5433");  // beside a PostgreSQL on 5432; --port wins
  bool has_dir = false;
  for (int i = 1; i < argc; ++i) has_dir |= std::string(argv[i]) == "-D";
  std::string dir;
  if (!has_dir) {
    const char* home = std::getenv("HOME");
    dir = std::string(home != nullptr ? home : "/tmp") + "/.zijin-demo";
    opts.data_dir = dir;
  }
  if (!ParseServerArgs(argc, argv, &opts)) return 2;
  auto inst = server::Instance::Open(opts);
  if (!inst.ok()) {
    std::fprintf(stderr, "zijin demo: %s\n", inst.status().message().c_str());
    return 1;
  }
  g_instance = inst->get();
  InstallSignals();
  signal(SIGINT, SIG_IGN);  // Ctrl-C belongs to the shell
  std::thread server([&] { (void)(*inst)->Serve(); });
  const int port = (*inst)->port();
  std::printf("Zijin demo server on 127.0.0.1:%d, data in %s\n", port, opts.data_dir.c_str());
  client::ShellOptions so;
  so.host = "127.0.0.1";
  so.port = port;
  // Sample schema, loaded once per data directory.
  so.commands = {DemoSchemaSql()};
  so.quiet = true;
  int rc = client::RunShell(so);
  if (rc == 0) {
    client::ShellOptions interactive;
    interactive.host = "127.0.0.1";
    interactive.port = port;
    std::printf("Try: SELECT * FROM demo.products ORDER BY id;   (\\q to quit)\n");
    rc = client::RunShell(interactive);
  }
  (*inst)->RequestShutdown();
  server.join();
  g_instance = nullptr;
  return rc;
}

int CmdCtl(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: zijin ctl stop|status -D DIR\n");
    return 2;
  }
  std::string action = argv[1];
  std::string dir;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "-D") dir = argv[i + 1];
  }
  if (dir.empty()) {
    std::fprintf(stderr, "zijin ctl: -D DIR is required\n");
    return 2;
  }
  const std::string pid_path = dir + "/zijin.pid";
  std::ifstream pidf(pid_path);
  long pid = 0;
  if (!(pidf >> pid) || pid <= 0 || !ServerHoldsLock(pid_path)) {
    std::printf("zijin ctl: no server running in %s\n", dir.c_str());
    return action == "status" ? 3 : 1;
  }
  if (action == "status") {
    std::printf("zijin ctl: server is running (PID: %ld)\n", pid);
    return 0;
  }
  if (action == "stop") {
    kill(static_cast<pid_t>(pid), SIGTERM);
    // The server has stopped when it lets go of its lock (a process that already exited but
    // was not yet reaped by its parent still answers kill(pid, 0)).
    for (int i = 0; i < 600; ++i) {
      if (!ServerHoldsLock(pid_path)) {
        std::printf("server stopped\n");
        return 0;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::fprintf(stderr, "zijin ctl: server did not stop within 60 s\n");
    return 1;
  }
  std::fprintf(stderr, "zijin ctl: unknown action \"%s\"\n", action.c_str());
  return 2;
}

}  // namespace zijin::main
