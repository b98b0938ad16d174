// Bounds-checked reads of frontend message fields.
#include "server/protocol/wire.h"

namespace zijin::server {

Status ProtocolViolation(std::string message) {
  return Status::Error(sqlstate::kProtocolViolation, std::move(message));
}

Result<int32_t> MessageReader::Int32() {
  if (p_.size() < 4) return ProtocolViolation("insufficient data left in message");
  auto* u = reinterpret_cast<const unsigned char*>(p_.data());
  int32_t v = static_cast<int32_t>((uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) |
                                   (uint32_t{u[2]} << 8) | uint32_t{u[3]});
  p_.remove_prefix(4);
  return v;
}

Result<int16_t> MessageReader::Int16() {
  if (p_.size() < 2) return ProtocolViolation("insufficient data left in message");
  auto* u = reinterpret_cast<const unsigned char*>(p_.data());
  int16_t v = static_cast<int16_t>((u[0] << 8) | u[1]);
  p_.remove_prefix(2);
  return v;
}

Result<char> MessageReader::Byte() {
  if (p_.empty()) return ProtocolViolation("insufficient data left in message");
  char c = p_[0];
  p_.remove_prefix(1);
  return c;
}

Result<std::string_view> MessageReader::CString() {
  size_t nul = p_.find('\0');
  if (nul == std::string_view::npos) return ProtocolViolation("invalid string in message");
  std::string_view s = p_.substr(0, nul);
  p_.remove_prefix(nul + 1);
  return s;
}

Result<std::string_view> MessageReader::Bytes(size_t n) {
  if (p_.size() < n) return ProtocolViolation("insufficient data left in message");
  std::string_view s = p_.substr(0, n);
  p_.remove_prefix(n);
  return s;
}

Status MessageReader::ExpectEnd() const {
  if (!p_.empty()) return ProtocolViolation("invalid message format");
  return Status::OK();
}

}  // namespace zijin::server
