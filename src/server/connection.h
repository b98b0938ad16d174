// A client socket with buffered, length-checked reads of protocol messages.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace zijin::server {

class Connection {
 public:
  explicit Connection(int fd) : fd_(fd) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Reads the untyped start-up packet (length + body); 08P01 when malformed or over 10000 bytes.
  Status ReadStartup(std::string* body);
  // Reads one typed message. `eof` is set when the client closed the connection cleanly.
  // A length below 4 or above kMaxMessage (kMaxSmallMessage for messages that carry neither SQL
  // nor data) is 08P01: the connection cannot be resynchronized.
  Status ReadMessage(char* type, std::string* body, bool* eof);
  // Writes all of `data`; an error means the client is gone.
  Status Write(std::string_view data);
  // True when a message is already buffered (no need to flush before reading).
  bool HasBufferedInput() const { return rpos_ < rbuf_.size(); }
  int fd() const { return fd_; }

  static constexpr size_t kMaxMessage = (1u << 30) - 1;
  static constexpr size_t kMaxSmallMessage = 10000;

 private:
  Status Fill(size_t need, bool* eof);
  int fd_;
  std::string rbuf_;
  size_t rpos_ = 0;
};

}  // namespace zijin::server
