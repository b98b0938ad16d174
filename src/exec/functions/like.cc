// LIKE / ILIKE matching: a port of PostgreSQL's MatchText (like_match.c).
#include "exec/functions/like.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "exec/functions/builtins.h"

namespace zijin::exec {
namespace {

enum class Match { kFalse, kTrue, kAbort };

using builtins::Utf8CharLen;

class Matcher {
 public:
  Matcher(char escape, bool fold) : escape_(escape), fold_(fold) {}

  Result<Match> Run(std::string_view t, std::string_view p) const {
    while (!t.empty() && !p.empty()) {
      if (escape_ != '\0' && p[0] == escape_) {
        p.remove_prefix(1);
        if (p.empty()) return EscapeAtEnd();
        if (Get(p[0]) != Get(t[0])) return Match::kFalse;
      } else if (p[0] == '%') {
        p.remove_prefix(1);
        // Skip further '%' and consume one text character per '_' right after them.
        while (!p.empty()) {
          if (p[0] == '%') {
            p.remove_prefix(1);
          } else if (p[0] == '_') {
            if (t.empty()) return Match::kAbort;
            t.remove_prefix(std::min(Utf8CharLen(t[0]), t.size()));
            p.remove_prefix(1);
          } else {
            break;
          }
        }
        if (p.empty()) return Match::kTrue;
        char first;
        if (escape_ != '\0' && p[0] == escape_) {
          if (p.size() < 2) return EscapeAtEnd();
          first = Get(p[1]);
        } else {
          first = Get(p[0]);
        }
        // Try every position where the rest could start; kAbort means no later start can
        // match either, which keeps the search linear in common cases.
        while (!t.empty()) {
          if (Get(t[0]) == first) {
            Result<Match> m = Run(t, p);
            if (!m.ok()) return m;
            if (*m != Match::kFalse) return m;
          }
          t.remove_prefix(std::min(Utf8CharLen(t[0]), t.size()));
        }
        return Match::kAbort;
      } else if (p[0] == '_') {
        t.remove_prefix(std::min(Utf8CharLen(t[0]), t.size()));
        p.remove_prefix(1);
        continue;
      } else if (Get(p[0]) != Get(t[0])) {
        return Match::kFalse;
      }
      // Byte-wise advance is safe: a UTF-8 character can only match itself byte by byte.
      t.remove_prefix(1);
      p.remove_prefix(1);
    }
    if (!t.empty()) return Match::kFalse;
    while (!p.empty() && p[0] == '%') p.remove_prefix(1);
    if (p.empty()) return Match::kTrue;
    return Match::kAbort;
  }

 private:
  static Status EscapeAtEnd() {
    return Status::Error(sqlstate::kInvalidEscapeSequence,
                         "LIKE pattern must not end with escape character");
  }
  char Get(char c) const {
    if (fold_ && c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    return c;
  }

  char escape_;
  bool fold_;
};

}  // namespace

Result<bool> LikeMatch(std::string_view s, std::string_view pattern, char escape,
                       bool case_insensitive) {
  auto ascii = [](std::string_view x) {
    return std::all_of(x.begin(), x.end(), [](char c) { return (c & 0x80) == 0; });
  };
  if (case_insensitive && !(ascii(s) && ascii(pattern))) {
    // As PostgreSQL does for multibyte encodings: lower both sides, then match exactly.
    std::string ls = builtins::LowerUtf8(s), lp = builtins::LowerUtf8(pattern);
    Matcher m(escape, false);
    ZJ_ASSIGN_OR_RETURN(Match r, m.Run(ls, lp));
    return r == Match::kTrue;
  }
  Matcher m(escape, case_insensitive);
  ZJ_ASSIGN_OR_RETURN(Match r, m.Run(s, pattern));
  return r == Match::kTrue;
}

}  // namespace zijin::exec
