// The zijin binary: subcommand dispatch only.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "main/commands.h"

namespace {

void Usage() {
  std::fprintf(stderr,
               "zijin: an enterprise relational database\n\n"
               "usage: zijin <command> [options]\n\n"
               "commands:\n"
               "  start -D DIR [--port N] [--listen ADDR] [-c name=value ...]\n"
               "                     run the server on DIR (initialized on first start)\n"
               "  sql [-h H] [-p P] [-U U] [-d D] [-c SQL] [-f FILE]\n"
               "                     the interactive SQL shell\n"
               "  demo [-D DIR] [--port N]\n"
               "                     a server with sample data, and the shell on it\n"
               "  ctl stop|status -D DIR\n"
               "                     control a running server\n"
               "  version            print the version\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    Usage();
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "start") return zijin::main::CmdStart(argc - 1, argv + 1);
  if (cmd == "sql") return zijin::main::CmdSql(argc - 1, argv + 1);
  if (cmd == "demo") return zijin::main::CmdDemo(argc - 1, argv + 1);
  if (cmd == "ctl") return zijin::main::CmdCtl(argc - 1, argv + 1);
  if (cmd == "version" || cmd == "--version") {
    std::printf("zijin 0.1 (PostgreSQL 15 compatible)\n");
    return 0;
  }
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    Usage();
    return 0;
  }
  std::fprintf(stderr, "zijin: unknown command \"%s\"\n\n", cmd.c_str());
  Usage();
  return 2;
}
