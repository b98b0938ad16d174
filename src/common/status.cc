// Status formatting.
#include "common/status.h"

namespace zijin {

std::string Status::ToString() const {
  if (ok()) return "OK";
  return err_->sqlstate + ": " + err_->message;
}

}  // namespace zijin
