// The zijin subcommands. Each takes its own argv (argv[0] is the subcommand name).
#pragma once

namespace zijin::main {

int CmdStart(int argc, char** argv);
int CmdSql(int argc, char** argv);
int CmdDemo(int argc, char** argv);
int CmdCtl(int argc, char** argv);

// The sample schema `zijin demo` loads; idempotent, so a second demo run keeps the data.
const char* DemoSchemaSql();

}  // namespace zijin::main
