// The stored row format: a version byte, the column count, a NULL bitmap, then each non-NULL
// value tagged with its type. Layout in docs/internals/row_format.md.
#include "types/row_codec.h"

#include <cstring>

namespace zijin::types {

namespace {

constexpr unsigned char kRowFormatV1 = 1;
// A numeric's length byte with this bit set is NaN or an infinity (the low bits: Decimal::Kind).
constexpr unsigned char kNumericSpecial = 0x80;

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view d, size_t* pos, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && *pos < d.size(); shift += 7) {
    unsigned char b = static_cast<unsigned char>(d[(*pos)++]);
    *v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

void PutLE(uint64_t v, int bytes, std::string* out) {
  char buf[8];
  for (int i = 0; i < bytes; ++i) buf[i] = static_cast<char>(v >> (8 * i));
  out->append(buf, static_cast<size_t>(bytes));
}

uint64_t GetLE(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// Payload size of fixed-width types, 0 for variable-width, -1 for an unknown tag.
int FixedSize(TypeId t) {
  switch (t) {
    case TypeId::kBool: return 1;
    case TypeId::kInt16: return 2;
    case TypeId::kInt32:
    case TypeId::kDate:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
    case TypeId::kFloat32: return 4;
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kFloat64: return 8;
    case TypeId::kTimeTz: return 12;
    case TypeId::kInterval: return 16;
    case TypeId::kNumeric:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kArray:
    case TypeId::kUuid:
    case TypeId::kBytea: return 0;
  }
  return -1;
}

bool IsStringRep(TypeId t) {
  return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kChar ||
         t == TypeId::kName || t == TypeId::kUnknown;
}

void EncodeValue(const Value& v, std::string* out) {
  TypeId t = v.type();
  out->push_back(static_cast<char>(t));
  switch (t) {
    case TypeId::kBool: out->push_back(v.GetBool() ? 1 : 0); return;
    case TypeId::kInt16: PutLE(static_cast<uint64_t>(v.GetInt()), 2, out); return;
    case TypeId::kInt32:
    case TypeId::kDate:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
      PutLE(static_cast<uint64_t>(v.GetInt()), 4, out); return;
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: PutLE(static_cast<uint64_t>(v.GetInt()), 8, out); return;
    case TypeId::kFloat32: {
      float f = static_cast<float>(v.GetDouble());
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      PutLE(bits, 4, out);
      return;
    }
    case TypeId::kFloat64: {
      double d = v.GetDouble();
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      PutLE(bits, 8, out);
      return;
    }
    case TypeId::kInterval: {
      const Interval& iv = v.GetInterval();
      PutLE(static_cast<uint64_t>(iv.micros), 8, out);
      PutLE(static_cast<uint32_t>(iv.days), 4, out);
      PutLE(static_cast<uint32_t>(iv.months), 4, out);
      return;
    }
    case TypeId::kTimeTz:
      PutLE(static_cast<uint64_t>(v.GetTimeTz().micros), 8, out);
      PutLE(static_cast<uint32_t>(v.GetTimeTz().offset), 4, out);
      return;
    case TypeId::kNumeric: {
      const Decimal& d = v.GetDecimal();
      int64_t s = d.scale;
      PutVarint(static_cast<uint64_t>((s << 1) ^ (s >> 63)), out);
      if (!d.finite()) {
        // NaN and the infinities: a length byte with the high bit set, no payload.
        out->push_back(static_cast<char>(kNumericSpecial | static_cast<unsigned char>(d.kind)));
        return;
      }
      // Minimal little-endian two's complement bytes of the unscaled value.
      unsigned __int128 u = static_cast<unsigned __int128>(d.unscaled);
      int len = 16;
      while (len > 0) {
        unsigned char top = static_cast<unsigned char>(u >> (8 * (len - 1)));
        unsigned char below = len > 1 ? static_cast<unsigned char>(u >> (8 * (len - 2))) : 0;
        bool redundant = (top == 0 && (len == 1 || (below & 0x80) == 0)) ||
                         (top == 0xff && len > 1 && (below & 0x80) != 0);
        if (!redundant) break;
        --len;
      }
      out->push_back(static_cast<char>(len));
      for (int i = 0; i < len; ++i) out->push_back(static_cast<char>(u >> (8 * i)));
      return;
    }
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kArray:
    case TypeId::kUuid:
    case TypeId::kBytea:
      PutVarint(v.GetString().size(), out);
      out->append(v.GetString());
      return;
  }
}

Status Corrupt(const char* what) {
  return Status::Error(sqlstate::kDataCorrupted, std::string("corrupt row: ") + what);
}

// The header of a stored row.
struct Header {
  size_t ncols = 0;
  const unsigned char* bitmap = nullptr;
  size_t values_at = 0;
};

Status ReadHeader(std::string_view d, Header* h) {
  if (d.empty()) return Corrupt("empty");
  if (static_cast<unsigned char>(d[0]) != kRowFormatV1) return Corrupt("unknown format version");
  size_t pos = 1;
  uint64_t n;
  if (!GetVarint(d, &pos, &n) || n > (d.size() - pos) * 8 + 8) return Corrupt("bad column count");
  size_t bm = (static_cast<size_t>(n) + 7) / 8;
  if (d.size() - pos < bm) return Corrupt("truncated null bitmap");
  h->ncols = static_cast<size_t>(n);
  h->bitmap = reinterpret_cast<const unsigned char*>(d.data() + pos);
  h->values_at = pos + bm;
  return Status::OK();
}

bool IsNull(const Header& h, size_t i) { return (h.bitmap[i / 8] >> (i % 8)) & 1; }

// Length of the value (tag included) at d[pos].
bool ValueLength(std::string_view d, size_t pos, size_t* len) {
  if (pos >= d.size()) return false;
  TypeId t = static_cast<TypeId>(static_cast<unsigned char>(d[pos]));
  int fixed = FixedSize(t);
  if (fixed < 0) return false;
  size_t p = pos + 1;
  if (fixed > 0) {
    p += static_cast<size_t>(fixed);
  } else if (t == TypeId::kNumeric) {
    uint64_t s;
    if (!GetVarint(d, &p, &s) || p >= d.size()) return false;
    auto n = static_cast<unsigned char>(d[p]);
    p += 1 + ((n & kNumericSpecial) != 0 ? 0 : n);
  } else {
    uint64_t n;
    if (!GetVarint(d, &p, &n) || n > d.size()) return false;
    p += static_cast<size_t>(n);
  }
  if (p > d.size()) return false;
  *len = p - pos;
  return true;
}

Status DecodeValue(std::string_view d, size_t pos, const LogicalType& want, Value* out,
                   size_t* consumed) {
  size_t len;
  if (!ValueLength(d, pos, &len)) return Corrupt("bad value");
  *consumed = len;
  TypeId t = static_cast<TypeId>(static_cast<unsigned char>(d[pos]));
  const char* p = d.data() + pos + 1;
  switch (t) {
    case TypeId::kBool: *out = Value::Bool(p[0] != 0); break;
    case TypeId::kInt16: *out = Value::Int16(static_cast<int16_t>(GetLE(p, 2))); break;
    case TypeId::kInt32: *out = Value::Int32(static_cast<int32_t>(GetLE(p, 4))); break;
    case TypeId::kDate: *out = Value::Date(static_cast<int32_t>(GetLE(p, 4))); break;
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegrole:
      *out = Value::OidOf(t, static_cast<uint32_t>(GetLE(p, 4)));
      break;
    case TypeId::kInt64: *out = Value::Int64(static_cast<int64_t>(GetLE(p, 8))); break;
    case TypeId::kTime: *out = Value::Time(static_cast<int64_t>(GetLE(p, 8))); break;
    case TypeId::kTimestamp: *out = Value::Timestamp(static_cast<int64_t>(GetLE(p, 8))); break;
    case TypeId::kTimestampTz:
      *out = Value::TimestampTz(static_cast<int64_t>(GetLE(p, 8)));
      break;
    case TypeId::kFloat32: {
      uint32_t bits = static_cast<uint32_t>(GetLE(p, 4));
      float f;
      std::memcpy(&f, &bits, 4);
      *out = Value::Float32(f);
      break;
    }
    case TypeId::kFloat64: {
      uint64_t bits = GetLE(p, 8);
      double f;
      std::memcpy(&f, &bits, 8);
      *out = Value::Float64(f);
      break;
    }
    case TypeId::kTimeTz:
      *out = Value::MakeTimeTz(TimeTz{static_cast<int64_t>(GetLE(p, 8)),
                                      static_cast<int32_t>(GetLE(p + 8, 4))});
      break;
    case TypeId::kInterval: {
      Interval iv;
      iv.micros = static_cast<int64_t>(GetLE(p, 8));
      iv.days = static_cast<int32_t>(GetLE(p + 8, 4));
      iv.months = static_cast<int32_t>(GetLE(p + 12, 4));
      *out = Value::MakeInterval(iv);
      break;
    }
    case TypeId::kNumeric: {
      size_t q = pos + 1;
      uint64_t zz;
      GetVarint(d, &q, &zz);
      int64_t scale = static_cast<int64_t>(zz >> 1) ^ -static_cast<int64_t>(zz & 1);
      int n = static_cast<unsigned char>(d[q++]);
      if ((n & kNumericSpecial) != 0) {
        auto kind = static_cast<Decimal::Kind>(n & ~kNumericSpecial);
        if (kind == Decimal::Kind::kNaN) {
          *out = Value::Numeric(Decimal::NaN());
        } else if (kind == Decimal::Kind::kPosInf || kind == Decimal::Kind::kNegInf) {
          *out = Value::Numeric(Decimal::Infinity(kind == Decimal::Kind::kNegInf));
        } else {
          return Corrupt("bad numeric");
        }
        break;
      }
      if (n > 16) return Corrupt("bad numeric");
      unsigned __int128 u = 0;
      for (int i = n - 1; i >= 0; --i) {
        u = (u << 8) | static_cast<unsigned char>(d[q + static_cast<size_t>(i)]);
      }
      if (n > 0 && n < 16 && (static_cast<unsigned char>(d[q + static_cast<size_t>(n) - 1]) & 0x80)) {
        u |= ~static_cast<unsigned __int128>(0) << (8 * n);  // sign-extend
      }
      *out = Value::Numeric(Decimal{static_cast<__int128>(u), static_cast<int32_t>(scale)});
      break;
    }
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
    case TypeId::kUnknown:
    case TypeId::kArray:
    case TypeId::kUuid:
    case TypeId::kBytea: {
      size_t q = pos + 1;
      uint64_t n;
      GetVarint(d, &q, &n);
      *out = Value::String(t, std::string(d.substr(q, static_cast<size_t>(n))));
      break;
    }
  }
  if (t == want.id) return Status::OK();
  // Representation-compatible relabels; anything else means the catalog and the row disagree.
  if (IsStringRep(t) && IsStringRep(want.id)) {
    out->Relabel(want.id);
    return Status::OK();
  }
  if (IsInteger(t) && IsInteger(want.id)) {
    int64_t i = out->GetInt();
    if (want.id == TypeId::kInt16) *out = Value::Int16(static_cast<int16_t>(i));
    if (want.id == TypeId::kInt32) *out = Value::Int32(static_cast<int32_t>(i));
    if (want.id == TypeId::kInt64) *out = Value::Int64(i);
    return Status::OK();
  }
  return Status::Error(sqlstate::kDataCorrupted,
                       "stored value of type " + LogicalType(t).ToString() +
                           " where the table has " + want.ToString());
}

}  // namespace

void EncodeRow(const Value* values, size_t n, std::string* out) {
  out->push_back(static_cast<char>(kRowFormatV1));
  PutVarint(n, out);
  size_t bitmap_at = out->size();
  out->append((n + 7) / 8, '\0');
  for (size_t i = 0; i < n; ++i) {
    if (values[i].is_null()) {
      (*out)[bitmap_at + i / 8] = static_cast<char>((*out)[bitmap_at + i / 8] | (1 << (i % 8)));
    } else {
      EncodeValue(values[i], out);
    }
  }
}

Status DecodeRow(std::string_view data, const LogicalType* types, size_t n, Value* out,
                 size_t* present) {
  Header h;
  ZJ_RETURN_IF_ERROR(ReadHeader(data, &h));
  size_t count = h.ncols < n ? h.ncols : n;
  size_t pos = h.values_at;
  for (size_t i = 0; i < count; ++i) {
    if (IsNull(h, i)) {
      out[i] = Value::Null(types[i].id);
      continue;
    }
    size_t used;
    ZJ_RETURN_IF_ERROR(DecodeValue(data, pos, types[i], &out[i], &used));
    pos += used;
  }
  *present = count;
  return Status::OK();
}

Status DecodeColumn(std::string_view data, const LogicalType& type, size_t index, Value* out,
                    bool* present) {
  Header h;
  ZJ_RETURN_IF_ERROR(ReadHeader(data, &h));
  if (index >= h.ncols) {
    *present = false;
    return Status::OK();
  }
  *present = true;
  if (IsNull(h, index)) {
    *out = Value::Null(type.id);
    return Status::OK();
  }
  // Skip the earlier non-NULL values by their tags, without decoding them.
  size_t pos = h.values_at;
  for (size_t i = 0; i < index; ++i) {
    if (IsNull(h, i)) continue;
    size_t len;
    if (!ValueLength(data, pos, &len)) return Corrupt("bad value");
    pos += len;
  }
  size_t used;
  return DecodeValue(data, pos, type, out, &used);
}

}  // namespace zijin::types
