// Server start-up, the data directory lock, the listener and shutdown.
#include "server/instance.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <thread>

#include "catalog/catalog.h"
#include "common/logging.h"
#include "common/settings.h"
#include "server/session.h"
#include "storage/engine.h"
#include "types/datetime.h"

namespace zijin::server {
namespace {

// The TimeZone setting's check (the zone database lives in types/): the zone must exist, and
// is stored under the name PostgreSQL shows for it.
Result<std::string> CheckTimeZone(std::string_view value, std::string_view) {
  Result<std::string> name = types::TimeZone::CanonicalName(value);
  if (!name.ok()) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "invalid value for parameter \"TimeZone\": \"" + std::string(value) +
                             "\"");
  }
  return name;
}

}  // namespace

Result<std::unique_ptr<Instance>> Instance::Open(const ServerOptions& opts) {
  std::unique_ptr<Instance> inst(new Instance());
  inst->opts_ = opts;
  ZJ_RETURN_IF_ERROR(inst->Initialize());
  return inst;
}

Instance::~Instance() {
  if (listen_fd_ >= 0) close(listen_fd_);
  for (int fd : wake_pipe_) {
    if (fd >= 0) close(fd);
  }
  catalog_.reset();
  engine_.reset();
  if (lock_fd_ >= 0) {
    unlink((opts_.data_dir + "/zijin.pid").c_str());
    close(lock_fd_);
  }
}

Status Instance::Initialize() {
  const std::string& dir = opts_.data_dir;
  if (dir.empty()) return Status::Error(sqlstate::kInvalidParameterValue, "no data directory given (-D)");
  bool fresh = access((dir + "/zijin.conf").c_str(), F_OK) != 0;
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Error(sqlstate::kIoError, "could not create directory \"" + dir + "\": " +
                                                 std::strerror(errno));
  }
  // One server per data directory: an exclusive lock on zijin.pid held for our lifetime.
  lock_fd_ = open((dir + "/zijin.pid").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0 || flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    if (lock_fd_ >= 0) close(lock_fd_);
    lock_fd_ = -1;
    return Status::Error(sqlstate::kObjectInUse,
                         "lock file \"" + dir + "/zijin.pid\" is held: is another server "
                         "running in data directory \"" + dir + "\"?");
  }
  std::string pid = std::to_string(getpid()) + "\n" + std::to_string(opts_.port) + "\n";
  if (ftruncate(lock_fd_, 0) != 0 || write(lock_fd_, pid.data(), pid.size()) < 0) {
    return Status::Error(sqlstate::kIoError, "could not write lock file");
  }
  if (fresh) {
    std::ofstream conf(dir + "/zijin.conf");
    conf << "# Zijin configuration: name = value, one per line. '-c name=value' overrides.\n"
            "# synchronous_commit = on\n"
            "# statement_timeout = 0\n";
  }
  log::SetLogFile(dir + "/zijin.log");
  settings_ = std::make_unique<common::Settings>();
  settings_->SetCheck("TimeZone", CheckTimeZone);
  ZJ_RETURN_IF_ERROR(settings_->LoadFile(dir + "/zijin.conf"));
  for (auto& [k, v] : opts_.overrides) ZJ_RETURN_IF_ERROR(settings_->SetServer(k, v));
  ZJ_RETURN_IF_ERROR(settings_->SetServer("port", std::to_string(opts_.port)));
  ZJ_RETURN_IF_ERROR(settings_->SetServer("listen_addresses", opts_.listen));
  ZJ_RETURN_IF_ERROR(settings_->SetServer("data_directory", dir));

  storage::EngineOptions eo;
  ZJ_ASSIGN_OR_RETURN(engine_, storage::Engine::Open(dir + "/store", eo));
  ZJ_ASSIGN_OR_RETURN(catalog_, catalog::Catalog::Open(engine_.get()));
  if (pipe2(wake_pipe_, O_CLOEXEC) != 0) return Status::Error(sqlstate::kIoError, "pipe failed");

  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(opts_.port));
  std::string host = opts_.listen == "*" || opts_.listen == "0.0.0.0" ? "0.0.0.0" : opts_.listen;
  if (host == "localhost") host = "127.0.0.1";
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "invalid listen address \"" + opts_.listen + "\"");
  }
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 512) != 0) {
    return Status::Error(sqlstate::kIoError, "could not bind to " + host + ":" +
                                                 std::to_string(opts_.port) + ": " +
                                                 std::strerror(errno));
  }
  log::Info("database system is ready to accept connections on " + host + ":" +
            std::to_string(opts_.port) + (fresh ? " (new data directory initialized)" : ""));
  return Status::OK();
}

void Instance::RequestShutdown() {
  shutdown_.store(true);
  char c = 'x';
  ssize_t n = write(wake_pipe_[1], &c, 1);
  (void)n;
}

Status Instance::Serve() {
  while (!shutdown_.load()) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    int n = poll(fds, 2, 1000);
    if (n < 0 && errno != EINTR) break;
    if (shutdown_.load()) break;
    if (n <= 0 || !(fds[0].revents & POLLIN)) continue;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    {
      std::lock_guard<std::mutex> g(mu_);
      session_fds_.push_back(fd);
      active_sessions_.fetch_add(1);
    }
    // A detached thread per session, counted so that shutdown can wait for all of them; the
    // session code does not care who runs it, so a thread pool can take its place.
    try {
      std::thread([this, fd] {
        server::RunSession(this, fd);
        std::lock_guard<std::mutex> g(mu_);
        std::erase(session_fds_, fd);
        active_sessions_.fetch_sub(1);
        sessions_done_.notify_all();
      }).detach();
    } catch (const std::system_error& e) {
      log::Error(std::string("could not start a session thread: ") + e.what());
      std::lock_guard<std::mutex> g(mu_);
      std::erase(session_fds_, fd);
      active_sessions_.fetch_sub(1);
      close(fd);
    }
  }
  log::Info("received shutdown request; ending sessions");
  {
    // Sessions blocked reading from their clients wake up and end cleanly.
    std::unique_lock<std::mutex> lock(mu_);
    for (int fd : session_fds_) shutdown(fd, SHUT_RD);
    for (auto& [pid, e] : sessions_) e.cancel->store(true);
    sessions_done_.wait(lock, [this] { return active_sessions_.load() == 0; });
  }
  log::Info("database system is shut down");
  return Status::OK();
}

void Instance::RegisterSession(const SessionEntry& e) {
  std::lock_guard<std::mutex> g(mu_);
  sessions_[e.pid] = e;
}

void Instance::UnregisterSession(int32_t pid) {
  std::lock_guard<std::mutex> g(mu_);
  sessions_.erase(pid);
}

void Instance::Cancel(int32_t pid, int32_t secret) {
  std::lock_guard<std::mutex> g(mu_);
  auto it = sessions_.find(pid);
  if (it != sessions_.end() && it->second.secret == secret) it->second.cancel->store(true);
}

}  // namespace zijin::server
