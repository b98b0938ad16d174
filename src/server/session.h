// One client connection's protocol loop (PostgreSQL v3), after PostgreSQL's PostgresMain.
#pragma once

namespace zijin::server {

class Instance;

// Runs the whole life of a connection on the calling thread: start-up, the message loop,
// termination. Closes `fd`. Never throws; a session's failure never reaches the server.
void RunSession(Instance* instance, int fd);

}  // namespace zijin::server
