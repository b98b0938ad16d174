// Server log and internal assertions. ZJ_CHECK/ZJ_DCHECK are for programmer errors only.
#pragma once

#include <string>
#include <string_view>

namespace zijin::log {

enum class Level { kDebug, kInfo, kWarning, kError, kFatal };

// Sends log lines to `path` (appending) instead of stderr. Thread-safe.
void SetLogFile(const std::string& path);
void SetMinLevel(Level level);
void Write(Level level, std::string_view message);

inline void Info(std::string_view m) { Write(Level::kInfo, m); }
inline void Warning(std::string_view m) { Write(Level::kWarning, m); }
inline void Error(std::string_view m) { Write(Level::kError, m); }
[[noreturn]] void Fatal(std::string_view message);

}  // namespace zijin::log

#define ZJ_CHECK(cond)                                                                  \
  do {                                                                                  \
    if (!(cond)) ::zijin::log::Fatal(std::string("check failed: " #cond " at ") +       \
                                     __FILE__ + ":" + std::to_string(__LINE__));        \
  } while (0)

#ifdef NDEBUG
#define ZJ_DCHECK(cond) \
  do {                  \
  } while (0)
#else
#define ZJ_DCHECK(cond) ZJ_CHECK(cond)
#endif
