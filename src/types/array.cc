// One-dimensional arrays: the binary payload, array_in/array_out, ordering and casts.
#include "types/array.h"

#include <optional>

#include "types/cast.h"
#include "types/compare.h"

namespace zijin::types {

namespace {

void PutInt32(int32_t v, std::string* out) {
  auto u = static_cast<uint32_t>(v);
  for (int i = 3; i >= 0; --i) out->push_back(static_cast<char>(u >> (8 * i)));
}

int32_t GetInt32(std::string_view d, size_t at) {
  uint32_t u = 0;
  for (size_t i = 0; i < 4; ++i) u = (u << 8) | static_cast<unsigned char>(d[at + i]);
  return static_cast<int32_t>(u);
}

Status BadBinary(std::string msg) {
  return Status::Error(sqlstate::kInvalidBinaryRepresentation, std::move(msg));
}

Status Multidimensional() {
  return Status::NotSupported("multidimensional arrays are not supported");
}

Status Malformed(std::string_view text, const char* detail) {
  return Status::Error(sqlstate::kInvalidTextRepresentation,
                       "malformed array literal: \"" + std::string(text) + "\"")
      .WithDetail(detail);
}

bool IsArraySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// The elements of a payload without decoding them: offsets of each element's length word.
struct Layout {
  int32_t ndim = 0;
  uint32_t elem_oid = 0;
  int32_t length = 0;
  int32_t lower_bound = 1;
  size_t first = 12;  // offset of the first element
};

Layout ReadLayout(std::string_view p) {
  Layout l;
  l.ndim = GetInt32(p, 0);
  l.elem_oid = static_cast<uint32_t>(GetInt32(p, 8));
  if (l.ndim == 1) {
    l.length = GetInt32(p, 12);
    l.lower_bound = GetInt32(p, 16);
    l.first = 20;
  }
  return l;
}

}  // namespace

Value MakeArray(const ArrayData& a) {
  std::string p;
  bool has_null = false;
  for (const Value& v : a.elements) has_null |= v.is_null();
  PutInt32(a.elements.empty() ? 0 : 1, &p);
  PutInt32(has_null ? 1 : 0, &p);
  PutInt32(static_cast<int32_t>(LogicalType(a.element.id).PgOid()), &p);
  if (!a.elements.empty()) {
    PutInt32(static_cast<int32_t>(a.elements.size()), &p);
    PutInt32(a.lower_bound, &p);
  }
  std::string elem;
  for (const Value& v : a.elements) {
    if (v.is_null()) {
      PutInt32(-1, &p);
      continue;
    }
    elem.clear();
    FormatBinary(v, &elem);
    PutInt32(static_cast<int32_t>(elem.size()), &p);
    p += elem;
  }
  return Value::Array(std::move(p));
}

Result<ArrayData> DecodeArray(const Value& array) {
  std::string_view p = array.GetString();
  if (p.size() < 12) return Status::Internal("corrupt array value");
  Layout l = ReadLayout(p);
  ArrayData a;
  a.element = TypeFromPgOid(l.elem_oid);
  a.lower_bound = l.lower_bound;
  a.elements.reserve(static_cast<size_t>(l.length));
  size_t at = l.first;
  for (int32_t i = 0; i < l.length; ++i) {
    if (at + 4 > p.size()) return Status::Internal("corrupt array value");
    int32_t len = GetInt32(p, at);
    at += 4;
    if (len < 0) {
      a.elements.push_back(Value::Null(a.element.id));
      continue;
    }
    if (at + static_cast<size_t>(len) > p.size()) return Status::Internal("corrupt array value");
    ZJ_ASSIGN_OR_RETURN(Value v, ParseBinary(p.substr(at, static_cast<size_t>(len)), a.element));
    a.elements.push_back(std::move(v));
    at += static_cast<size_t>(len);
  }
  return a;
}

int64_t ArrayLength(const Value& array) {
  std::string_view p = array.GetString();
  return p.size() >= 20 && GetInt32(p, 0) == 1 ? GetInt32(p, 12) : 0;
}

Result<Value> ParseArrayText(std::string_view text, const LogicalType& type,
                             const FormatOptions& opts) {
  size_t i = 0, n = text.size();
  auto skip_space = [&] {
    while (i < n && IsArraySpace(text[i])) ++i;
  };
  skip_space();
  // Optional dimensions: [lower:upper]= or [upper]=.
  bool have_dims = false;
  int64_t lower = 1, upper = 0;
  if (i < n && text[i] == '[') {
    // As array_in: a run of digits and signs, read as atoi reads it ("-" is 0).
    auto number = [&](int64_t* v) {
      size_t start = i;
      while (i < n && ((text[i] >= '0' && text[i] <= '9') || text[i] == '-' || text[i] == '+')) {
        ++i;
      }
      if (i == start) return false;
      size_t k = start;
      bool neg = false;
      if (text[k] == '-' || text[k] == '+') neg = text[k++] == '-';
      int64_t x = 0;
      for (; k < i && text[k] >= '0' && text[k] <= '9' && x < (int64_t{1} << 40); ++k) {
        x = x * 10 + (text[k] - '0');
      }
      *v = neg ? -x : x;
      return true;
    };
    ++i;
    int64_t a;
    if (!number(&a)) {
      return Malformed(text, "\"[\" must introduce explicitly-specified array dimensions.");
    }
    if (i < n && text[i] == ':') {
      ++i;
      lower = a;
      if (!number(&upper)) return Malformed(text, "Missing array dimension value.");
    } else {
      upper = a;
    }
    if (i >= n || text[i] != ']') return Malformed(text, "Missing \"]\" after array dimensions.");
    ++i;
    if (i < n && text[i] == '[') return Multidimensional();
    if (upper < lower) {
      return Status::Error("2202E", "upper bound cannot be less than lower bound");
    }
    skip_space();
    if (i >= n || text[i] != '=') return Malformed(text, "Missing \"=\" after array dimensions.");
    ++i;
    skip_space();
    have_dims = true;
  }
  if (i >= n || text[i] != '{') {
    return Malformed(text, "Array value must start with \"{\" or dimension information.");
  }
  // As PostgreSQL's ArrayCount, the structure is checked first, and its errors quote the
  // text from the opening brace; the elements go through their input function afterwards.
  std::string_view body = text.substr(i);
  ++i;
  std::vector<std::optional<std::string>> raw;  // nullopt = NULL
  skip_space();
  if (i < n && text[i] == '{') return Multidimensional();
  bool closed = false;
  if (i < n && text[i] == '}') {
    ++i;
    closed = true;
  }
  while (!closed) {
    skip_space();
    if (i >= n) return Malformed(body, "Unexpected end of input.");
    char c = text[i];
    if (c == ',' || c == '}' || c == '{') {
      static const char* kDetails[] = {"Unexpected \",\" character.", "Unexpected \"}\" character.",
                                       "Unexpected \"{\" character."};
      return Malformed(body, kDetails[c == ',' ? 0 : c == '}' ? 1 : 2]);
    }
    std::string value;
    bool quoted = false, escaped = false;
    if (c == '"') {
      quoted = true;
      ++i;
      for (;;) {
        if (i >= n) return Malformed(body, "Unexpected end of input.");
        char d = text[i++];
        if (d == '"') break;
        if (d == '\\') {
          if (i >= n) return Malformed(body, "Unexpected end of input.");
          d = text[i++];
        }
        value.push_back(d);
      }
    } else {
      size_t keep = 0;  // value's length up to its last escaped or non-blank character
      for (;;) {
        if (i >= n) return Malformed(body, "Unexpected end of input.");
        char d = text[i];
        if (d == ',' || d == '}') break;
        if (d == '"' || d == '{') return Malformed(body, "Unexpected array element.");
        ++i;
        if (d == '\\') {
          if (i >= n) return Malformed(body, "Unexpected end of input.");
          value.push_back(text[i++]);
          escaped = true;
          keep = value.size();
          continue;
        }
        value.push_back(d);
        if (!IsArraySpace(d)) keep = value.size();
      }
      value.resize(keep);
    }
    skip_space();
    if (i >= n) return Malformed(body, "Unexpected end of input.");
    if (text[i] != ',' && text[i] != '}') return Malformed(body, "Unexpected array element.");
    closed = text[i] == '}';
    ++i;
    if (!quoted && !escaped && IEquals(value, "NULL")) {
      raw.emplace_back(std::nullopt);
    } else {
      raw.emplace_back(std::move(value));
    }
  }
  skip_space();
  if (i < n) return Malformed(body, "Junk after closing right brace.");
  ArrayData a;
  a.element = LogicalType(type.elem);
  LogicalType elem_type = type.element();
  for (std::optional<std::string>& e : raw) {
    if (!e) {
      a.elements.push_back(Value::Null(type.elem));
      continue;
    }
    ZJ_ASSIGN_OR_RETURN(Value v, ParseText(*e, elem_type, opts));
    a.elements.push_back(std::move(v));
  }
  if (have_dims) {
    if (upper - lower + 1 != static_cast<int64_t>(a.elements.size())) {
      return Malformed(text, "Specified array dimensions do not match array contents.");
    }
    if (lower < INT32_MIN || upper > INT32_MAX) {
      return Status::Error(sqlstate::kProgramLimitExceeded,
                           "array size exceeds the maximum allowed");
    }
    a.lower_bound = static_cast<int32_t>(lower);
  }
  return MakeArray(a);
}

void FormatArrayText(const Value& array, std::string* out, const FormatOptions& opts) {
  Result<ArrayData> a = DecodeArray(array);
  if (!a.ok()) return;
  if (a->lower_bound != 1 && !a->elements.empty()) {
    int64_t upper = int64_t{a->lower_bound} + static_cast<int64_t>(a->elements.size()) - 1;
    *out += "[" + std::to_string(a->lower_bound) + ":" + std::to_string(upper) + "]=";
  }
  out->push_back('{');
  std::string s;
  for (size_t k = 0; k < a->elements.size(); ++k) {
    if (k > 0) out->push_back(',');
    const Value& v = a->elements[k];
    if (v.is_null()) {
      out->append("NULL");
      continue;
    }
    s.clear();
    FormatText(v, &s, opts);
    bool quote = s.empty() || IEquals(s, "NULL");
    for (char c : s) {
      quote |= c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || IsArraySpace(c);
    }
    if (!quote) {
      out->append(s);
      continue;
    }
    out->push_back('"');
    for (char c : s) {
      if (c == '"' || c == '\\') out->push_back('\\');
      out->push_back(c);
    }
    out->push_back('"');
  }
  out->push_back('}');
}

Result<Value> ParseArrayBinary(std::string_view data, const LogicalType& type) {
  // array_recv's errors: reading past the end of a header field is the protocol error of
  // pq_getmsgint (08P01), an element length past the end of the data 22P03.
  auto short_data = [] {
    return Status::Error(sqlstate::kProtocolViolation, "insufficient data left in message");
  };
  if (data.size() < 12) return short_data();
  int32_t ndim = GetInt32(data, 0), flags = GetInt32(data, 4);
  auto elem_oid = static_cast<uint32_t>(GetInt32(data, 8));
  if (ndim < 0) return BadBinary("invalid number of dimensions: " + std::to_string(ndim));
  if (ndim > 6) {
    return Status::Error(sqlstate::kProgramLimitExceeded,
                         "number of array dimensions (" + std::to_string(ndim) +
                             ") exceeds the maximum allowed (6)");
  }
  if (flags != 0 && flags != 1) return BadBinary("invalid array flags");
  LogicalType elem = type.element();
  if (elem_oid != LogicalType(elem.id).PgOid()) {
    return Status::Error(sqlstate::kDatatypeMismatch,
                         "binary data has array element type " + std::to_string(elem_oid) +
                             " (" + TypeFromPgOid(elem_oid).ToString() +
                             ") instead of expected " +
                             std::to_string(LogicalType(elem.id).PgOid()) + " (" +
                             LogicalType(elem.id).ToString() + ")");
  }
  ArrayData a;
  a.element = LogicalType(elem.id);
  if (ndim == 0) return MakeArray(a);
  if (ndim > 1) return Multidimensional();
  if (data.size() < 20) return short_data();
  int32_t length = GetInt32(data, 12);
  a.lower_bound = GetInt32(data, 16);
  if (length < 0 || int64_t{a.lower_bound} + length - 1 > INT32_MAX) {
    return Status::Error(sqlstate::kProgramLimitExceeded, "array size exceeds the maximum allowed");
  }
  size_t at = 20;
  for (int32_t k = 0; k < length; ++k) {
    if (at + 4 > data.size()) return short_data();
    int32_t len = GetInt32(data, at);
    at += 4;
    if (len == -1) {
      a.elements.push_back(Value::Null(elem.id));
      continue;
    }
    if (len < 0 || at + static_cast<size_t>(len) > data.size()) {
      return BadBinary("insufficient data left in message");
    }
    Result<Value> v = ParseBinary(data.substr(at, static_cast<size_t>(len)), elem);
    if (!v.ok()) {
      // An element with bytes left over; other errors of the element's recv stand as they are.
      if (v.status().Is(sqlstate::kInvalidBinaryRepresentation) &&
          v.status().message() == kIncorrectBinaryData) {
        return BadBinary("improper binary format in array element " + std::to_string(k + 1));
      }
      return v.status();
    }
    a.elements.push_back(std::move(*v));
    at += static_cast<size_t>(len);
  }
  if (at != data.size()) return BadBinary(kIncorrectBinaryData);
  return MakeArray(a);
}

int CompareArrays(const Value& a, const Value& b) {
  Result<ArrayData> x = DecodeArray(a), y = DecodeArray(b);
  if (!x.ok() || !y.ok()) return x.ok() ? 1 : (y.ok() ? -1 : 0);
  size_t n = std::min(x->elements.size(), y->elements.size());
  for (size_t k = 0; k < n; ++k) {
    const Value &u = x->elements[k], &v = y->elements[k];
    if (u.is_null() || v.is_null()) {
      if (u.is_null() != v.is_null()) return u.is_null() ? 1 : -1;
      continue;
    }
    int c = CompareValues(u, v);
    if (c != 0) return c;
  }
  if (x->elements.size() != y->elements.size()) {
    return x->elements.size() < y->elements.size() ? -1 : 1;
  }
  if (x->elements.empty()) return 0;
  return x->lower_bound < y->lower_bound ? -1 : (x->lower_bound > y->lower_bound ? 1 : 0);
}

uint64_t HashArray(const Value& a) {
  Result<ArrayData> x = DecodeArray(a);
  if (!x.ok()) return 0;
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ x->elements.size();
  for (const Value& v : x->elements) h = (h * 31) ^ HashValue(v);
  return h;
}

Result<Value> CastArray(const Value& array, const LogicalType& to, const FormatOptions& opts,
                        bool explicit_cast) {
  ZJ_ASSIGN_OR_RETURN(ArrayData a, DecodeArray(array));
  LogicalType target = to.element();
  if (a.element.id == target.id && target.typmod < 0) return array;
  for (Value& v : a.elements) {
    if (v.is_null()) {
      v = Value::Null(target.id);
      continue;
    }
    ZJ_ASSIGN_OR_RETURN(v, CastValue(v, target, opts, explicit_cast));
  }
  a.element = LogicalType(target.id);
  return MakeArray(a);
}

}  // namespace zijin::types
