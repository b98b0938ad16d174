// Log sink: timestamped lines to stderr or a file, serialized by a mutex.
#include "common/logging.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <sys/time.h>

namespace zijin::log {
namespace {

struct Sink {
  std::mutex mu;
  FILE* file = stderr;
  Level min_level = Level::kInfo;
};

Sink& GetSink() {
  static Sink* sink = new Sink();  // never destroyed: threads may log during exit
  return *sink;
}

const char* LevelName(Level l) {
  switch (l) {
    case Level::kDebug: return "DEBUG";
    case Level::kInfo: return "LOG";
    case Level::kWarning: return "WARNING";
    case Level::kError: return "ERROR";
    case Level::kFatal: return "FATAL";
  }
  return "LOG";
}

}  // namespace

void SetLogFile(const std::string& path) {
  Sink& s = GetSink();
  std::lock_guard<std::mutex> g(s.mu);
  FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) return;
  if (s.file != stderr) std::fclose(s.file);
  s.file = f;
}

void SetMinLevel(Level level) {
  Sink& s = GetSink();
  std::lock_guard<std::mutex> g(s.mu);
  s.min_level = level;
}

void Write(Level level, std::string_view message) {
  Sink& s = GetSink();
  std::lock_guard<std::mutex> g(s.mu);
  if (level < s.min_level) return;
  timeval tv;
  gettimeofday(&tv, nullptr);
  tm t;
  gmtime_r(&tv.tv_sec, &t);
  char ts[64];
  std::strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", &t);
  std::fprintf(s.file, "%s.%03d UTC %s:  %.*s\n", ts, static_cast<int>(tv.tv_usec / 1000),
               LevelName(level), static_cast<int>(message.size()), message.data());
  std::fflush(s.file);
}

void Fatal(std::string_view message) {
  Write(Level::kFatal, message);
  std::abort();
}

}  // namespace zijin::log
