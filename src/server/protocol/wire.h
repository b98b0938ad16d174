// PostgreSQL v3 wire primitives: building outgoing messages and reading incoming ones.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/status.h"

namespace zijin::server {

// Appends complete backend messages to one output buffer; the caller flushes it to the socket.
class MessageWriter {
 public:
  void Begin(char type) {
    buf_.push_back(type);
    start_ = buf_.size();
    buf_.append(4, '\0');
  }
  void End() {
    uint32_t len = static_cast<uint32_t>(buf_.size() - start_);
    PutBE32(&buf_[start_], len);
  }
  void Byte(char c) { buf_.push_back(c); }
  void Int16(int16_t v) {
    char b[2] = {static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
    buf_.append(b, 2);
  }
  void Int32(int32_t v) {
    char b[4];
    PutBE32(b, static_cast<uint32_t>(v));
    buf_.append(b, 4);
  }
  void CString(std::string_view s) {
    buf_.append(s.data(), s.size());
    buf_.push_back('\0');
  }
  void Bytes(std::string_view s) { buf_.append(s.data(), s.size()); }
  // Reserves a length-prefixed field (DataRow column) and returns its offset; see EndField.
  size_t BeginField() {
    size_t at = buf_.size();
    buf_.append(4, '\0');
    return at;
  }
  void EndField(size_t at) {
    PutBE32(&buf_[at], static_cast<uint32_t>(buf_.size() - at - 4));
  }
  std::string& buffer() { return buf_; }
  size_t size() const { return buf_.size(); }
  void Clear() { buf_.clear(); }

 private:
  static void PutBE32(char* p, uint32_t v) {
    p[0] = static_cast<char>(v >> 24);
    p[1] = static_cast<char>(v >> 16);
    p[2] = static_cast<char>(v >> 8);
    p[3] = static_cast<char>(v);
  }
  std::string buf_;
  size_t start_ = 0;
};

// Reads fields from one frontend message body; every read is bounds-checked and fails with
// 08P01 on a malformed message.
class MessageReader {
 public:
  explicit MessageReader(std::string_view body) : p_(body) {}
  Result<int32_t> Int32();
  Result<int16_t> Int16();
  Result<char> Byte();
  Result<std::string_view> CString();
  Result<std::string_view> Bytes(size_t n);
  size_t remaining() const { return p_.size(); }
  // Fails unless the whole message was consumed.
  Status ExpectEnd() const;

 private:
  std::string_view p_;
};

Status ProtocolViolation(std::string message);

}  // namespace zijin::server
