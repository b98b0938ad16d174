// Server start-up, the data directory lock, the listener and shutdown.
#include "server/instance.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <netdb.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>
#include <thread>

#include "catalog/catalog.h"
#include "common/logging.h"
#include "common/settings.h"
#include "server/session.h"
#include "storage/engine.h"
#include "txn/lock_manager.h"
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
  for (int fd : listen_fds_) close(fd);
  for (const auto& [path, lock_fd] : socket_files_) {
    unlink(path.c_str());
    unlink((path + ".lock").c_str());
    close(lock_fd);
  }
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
  ZJ_RETURN_IF_ERROR(settings_->SetServer("data_directory", dir));
  port_ = std::atoi(settings_->Get("port").c_str());
  std::string pid = std::to_string(getpid()) + "\n" + std::to_string(port_) + "\n";
  if (ftruncate(lock_fd_, 0) != 0 || write(lock_fd_, pid.data(), pid.size()) < 0) {
    return Status::Error(sqlstate::kIoError, "could not write lock file");
  }

  storage::EngineOptions eo;
  ZJ_ASSIGN_OR_RETURN(engine_, storage::Engine::Open(dir + "/store", eo));
  ZJ_ASSIGN_OR_RETURN(catalog_, catalog::Catalog::Open(engine_.get()));
  lock_manager_ = std::make_unique<txn::LockManager>();
  if (pipe2(wake_pipe_, O_CLOEXEC) != 0) return Status::Error(sqlstate::kIoError, "pipe failed");

  ZJ_RETURN_IF_ERROR(OpenListeners());
  std::string where;
  for (const auto& e : endpoints_) where += (where.empty() ? "" : ", ") + e;
  log::Info("database system is ready to accept connections on " + where +
            (fresh ? " (new data directory initialized)" : ""));
  return Status::OK();
}

// The elements of a comma-separated list setting, blanks and double quotes removed.
static std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? comma : comma - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '"')) item.erase(0, 1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '"')) item.pop_back();
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Status Instance::OpenListeners() {
  // As PostgreSQL: an address or directory that cannot be used is a warning; none at all is
  // fatal.
  std::vector<std::string> hosts = SplitList(settings_->Get("listen_addresses"));
  for (auto& h : hosts) {
    if (h == "*") {
      hosts = {"0.0.0.0", "::"};
      break;
    }
  }
  std::string first_error;
  for (const auto& h : hosts) {
    Status st = ListenTcp(h);
    if (!st.ok()) {
      log::Warning(st.message());
      if (first_error.empty()) first_error = st.message();
    }
  }
  for (const auto& d : SplitList(settings_->Get("unix_socket_directories"))) {
    Status st = ListenUnix(d);
    if (!st.ok()) log::Warning(st.message());
  }
  if (listen_fds_.empty()) {
    return Status::Error(sqlstate::kIoError,
                         first_error.empty() ? "no socket created for listening" : first_error);
  }
  return Status::OK();
}

Status Instance::ListenTcp(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port_);
  int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
  if (rc != 0) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "could not translate host name \"" + host + "\", service \"" + service +
                             "\" to address: " + gai_strerror(rc));
  }
  std::string error;
  for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN] = "?";
    const void* a = ai->ai_family == AF_INET6
                        ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr)
                        : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr);
    inet_ntop(ai->ai_family, a, text, sizeof text);
    std::string name = ai->ai_family == AF_INET6 ? "[" + std::string(text) + "]" : text;
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      error = "could not create listen socket for \"" + name + "\": " + std::strerror(errno);
      continue;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (ai->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 512) != 0) {
      error = "could not bind to " + name + ":" + service + ": " + std::strerror(errno);
      close(fd);
      continue;
    }
    listen_fds_.push_back(fd);
    endpoints_.push_back(name + ":" + service);
  }
  freeaddrinfo(res);
  if (!error.empty()) return Status::Error(sqlstate::kIoError, error);
  return Status::OK();
}

Status Instance::ListenUnix(const std::string& dir) {
  std::string path = dir + "/.s.PGSQL." + std::to_string(port_);
  sockaddr_un addr{};
  if (path.size() >= sizeof addr.sun_path) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "Unix-domain socket path \"" + path + "\" is too long");
  }
  // The lock file tells a live server's socket from one left by a crash.
  int lock_fd = open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0) {
    return Status::Error(sqlstate::kIoError, "could not create lock file \"" + path + ".lock\": " +
                                                 std::strerror(errno));
  }
  if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    close(lock_fd);
    return Status::Error(sqlstate::kObjectInUse,
                         "lock file \"" + path + ".lock\" is held: is another server using " +
                             "port " + std::to_string(port_) + "?");
  }
  // PostgreSQL writes the same lock file without flock(): a live process named in it owns it.
  char owner[32] = {0};
  if (pread(lock_fd, owner, sizeof owner - 1, 0) > 0) {
    long other = std::atol(owner);
    if (other > 0 && other != getpid() && kill(static_cast<pid_t>(other), 0) == 0) {
      close(lock_fd);
      return Status::Error(sqlstate::kObjectInUse, "lock file \"" + path + ".lock\" is owned by " +
                                                       "process " + std::to_string(other) +
                                                       ": is another server using port " +
                                                       std::to_string(port_) + "?");
    }
  }
  std::string pid = std::to_string(getpid()) + "\n" + opts_.data_dir + "\n";
  if (ftruncate(lock_fd, 0) != 0 || write(lock_fd, pid.data(), pid.size()) < 0) {
    close(lock_fd);
    return Status::Error(sqlstate::kIoError, "could not write lock file \"" + path + ".lock\"");
  }
  unlink(path.c_str());  // a stale socket of a crashed server
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(fd, 512) != 0) {
    std::string why = std::strerror(errno);
    if (fd >= 0) close(fd);
    unlink((path + ".lock").c_str());
    close(lock_fd);
    return Status::Error(sqlstate::kIoError, "could not create Unix-domain socket in directory \"" +
                                                 dir + "\": " + why);
  }
  chmod(path.c_str(), 0777);  // as PostgreSQL's default unix_socket_permissions
  listen_fds_.push_back(fd);
  socket_files_.emplace_back(path, lock_fd);
  endpoints_.push_back(path);
  return Status::OK();
}

void Instance::RequestShutdown() {
  shutdown_.store(true);
  char c = 'x';
  ssize_t n = write(wake_pipe_[1], &c, 1);
  (void)n;
}

Status Instance::Serve() {
  std::vector<pollfd> fds;
  for (int fd : listen_fds_) fds.push_back({fd, POLLIN, 0});
  fds.push_back({wake_pipe_[0], POLLIN, 0});
  while (!shutdown_.load()) {
    int n = poll(fds.data(), fds.size(), 1000);
    if (n < 0 && errno != EINTR) break;
    if (shutdown_.load()) break;
    if (n <= 0) continue;
    for (size_t i = 0; i + 1 < fds.size(); ++i) {
      if (fds[i].revents & POLLIN) Accept(fds[i].fd);
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

void Instance::Accept(int listen_fd) {
  int fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // fails harmlessly on Unix sockets
  {
    std::lock_guard<std::mutex> g(mu_);
    session_fds_.push_back(fd);
    active_sessions_.fetch_add(1);
  }
  // A detached thread per session, counted so that shutdown can wait for all of them; the
  // session code does not care who runs it, so a thread pool can take its place.
  try {
    // The session reads and closes a duplicate; `fd` stays open (and its number taken) until it
    // has left session_fds_, so that shutdown() never misses a newer session given the same
    // number, nor hits one.
    std::thread([this, fd] {
      int session_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
      if (session_fd >= 0) server::RunSession(this, session_fd);
      std::lock_guard<std::mutex> g(mu_);
      std::erase(session_fds_, fd);
      close(fd);
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

void Instance::RegisterSession(const SessionEntry& e) {
  std::lock_guard<std::mutex> g(mu_);
  sessions_[e.pid] = e;
}

void Instance::UnregisterSession(int32_t pid) {
  std::lock_guard<std::mutex> g(mu_);
  sessions_.erase(pid);
}

int Instance::SessionsOn(uint32_t database, int32_t except_pid) {
  std::lock_guard<std::mutex> g(mu_);
  int n = 0;
  for (const auto& [pid, e] : sessions_) n += e.database == database && pid != except_pid;
  return n;
}

void Instance::Cancel(int32_t pid, int32_t secret) {
  std::lock_guard<std::mutex> g(mu_);
  auto it = sessions_.find(pid);
  if (it != sessions_.end() && it->second.secret == secret) it->second.cancel->store(true);
}

}  // namespace zijin::server
