// Socket reads and writes for one client connection.
#include "server/connection.h"

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

#include "server/protocol/wire.h"

namespace zijin::server {

Connection::~Connection() {
  if (fd_ >= 0) close(fd_);
}

Status Connection::Fill(size_t need, bool* eof) {
  *eof = false;
  if (rpos_ > 0 && rpos_ == rbuf_.size()) {
    rbuf_.clear();
    rpos_ = 0;
  }
  while (rbuf_.size() - rpos_ < need) {
    if (rpos_ > (1u << 20)) {
      rbuf_.erase(0, rpos_);
      rpos_ = 0;
    }
    char tmp[64 * 1024];
    ssize_t n = recv(fd_, tmp, sizeof tmp, 0);
    if (n == 0) {
      *eof = true;
      return Status::Error(sqlstate::kConnectionFailure, "unexpected EOF on client connection");
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Error(sqlstate::kConnectionFailure, "could not receive data from client");
    }
    rbuf_.append(tmp, static_cast<size_t>(n));
  }
  return Status::OK();
}

static uint32_t BE32(const char* p) {
  auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}

Status Connection::ReadStartup(std::string* body) {
  bool eof;
  ZJ_RETURN_IF_ERROR(Fill(4, &eof));
  uint32_t len = BE32(rbuf_.data() + rpos_);
  if (len < 8 || len > 10000) return ProtocolViolation("invalid length of startup packet");
  ZJ_RETURN_IF_ERROR(Fill(len, &eof));
  body->assign(rbuf_, rpos_ + 4, len - 4);
  rpos_ += len;
  return Status::OK();
}

Status Connection::ReadMessage(char* type, std::string* body, bool* eof) {
  Status st = Fill(5, eof);
  if (!st.ok()) {
    // A clean close between messages is not an error worth reporting.
    if (*eof && rbuf_.size() == rpos_) return st;
    *eof = false;
    return st;
  }
  *type = rbuf_[rpos_];
  uint32_t len = BE32(rbuf_.data() + rpos_ + 1);
  // Only messages that carry SQL text or data may be large (PostgreSQL's PQ_SMALL_MESSAGE_LIMIT
  // for the others), so a garbage length cannot make us buffer a gigabyte.
  bool large = *type == 'Q' || *type == 'P' || *type == 'B' || *type == 'd' || *type == 'F' ||
               *type == 'p';
  size_t limit = large ? kMaxMessage : kMaxSmallMessage;
  if (len < 4 || len > limit) return ProtocolViolation("invalid message length");
  st = Fill(1 + len, eof);
  if (!st.ok()) {
    *eof = false;  // the client went away in the middle of a message: not a clean close
    return st;
  }
  body->assign(rbuf_, rpos_ + 5, len - 4);
  rpos_ += 1 + len;
  return Status::OK();
}

Status Connection::Write(std::string_view data) {
  while (!data.empty()) {
    ssize_t n = send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Error(sqlstate::kConnectionFailure, "could not send data to client");
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

}  // namespace zijin::server
