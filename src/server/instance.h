// The server instance: everything server-wide (storage, catalog, sessions) hangs off it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"

namespace zijin::storage {
class Engine;
}
namespace zijin::catalog {
class Catalog;
}
namespace zijin::common {
class Settings;
}
namespace zijin::txn {
class LockManager;
}

namespace zijin::server {

struct ServerOptions {
  std::string data_dir;
  // -c name=value overrides (--port and --listen among them), applied after zijin.conf.
  std::vector<std::pair<std::string, std::string>> overrides;
};

class SqlSession;

class Instance {
 public:
  // Opens (initializing on first start) the data directory and locks it against a second server.
  static Result<std::unique_ptr<Instance>> Open(const ServerOptions& opts);
  ~Instance();

  // Accepts connections until RequestShutdown(); returns after all sessions ended.
  Status Serve();
  // Async-signal-safe: asks Serve() to stop.
  void RequestShutdown();

  storage::Engine* engine() { return engine_.get(); }
  catalog::Catalog* catalog() { return catalog_.get(); }
  common::Settings* settings() { return settings_.get(); }
  txn::LockManager* lock_manager() { return lock_manager_.get(); }
  const ServerOptions& options() const { return opts_; }
  // The TCP port and the addresses (and Unix sockets) it listens on.
  int port() const { return port_; }
  const std::vector<std::string>& endpoints() const { return endpoints_; }

  // Session registry for CancelRequest.
  struct SessionEntry {
    int32_t pid;
    int32_t secret;
    std::atomic<bool>* cancel;
    uint32_t database;  // the OID of the database it is connected to
  };
  void RegisterSession(const SessionEntry& e);
  void UnregisterSession(int32_t pid);
  void Cancel(int32_t pid, int32_t secret);
  // Sessions connected to `database` other than `except_pid` (DROP DATABASE refuses to drop a
  // database in use).
  int SessionsOn(uint32_t database, int32_t except_pid);
  int32_t NextSessionId() { return next_session_id_.fetch_add(1); }
  bool shutting_down() const { return shutdown_.load(); }
  int active_sessions() const { return active_sessions_.load(); }

 private:
  Instance() = default;
  Status Initialize();
  // Opens the TCP listeners of listen_addresses and the Unix sockets of
  // unix_socket_directories; fails only when there is none at all.
  Status OpenListeners();
  Status ListenTcp(const std::string& host);
  Status ListenUnix(const std::string& dir);
  // Accepts one connection and starts its session.
  void Accept(int listen_fd);

  ServerOptions opts_;
  int lock_fd_ = -1;
  int port_ = 0;
  std::vector<int> listen_fds_;
  std::vector<std::string> endpoints_;
  // Unix socket files and their lock files (descriptor held for our lifetime), to remove at exit.
  std::vector<std::pair<std::string, int>> socket_files_;
  int wake_pipe_[2] = {-1, -1};
  std::unique_ptr<common::Settings> settings_;
  std::unique_ptr<storage::Engine> engine_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<txn::LockManager> lock_manager_;
  std::atomic<bool> shutdown_{false};
  std::atomic<int> active_sessions_{0};
  std::atomic<int32_t> next_session_id_{1000};
  std::mutex mu_;
  std::condition_variable sessions_done_;  // signalled (under mu_) when a session ends
  std::map<int32_t, SessionEntry> sessions_;
  std::vector<int> session_fds_;
};

}  // namespace zijin::server
