// Character set conversion: convert, convert_from, convert_to between UTF8 (the server
// encoding), LATIN1, WIN1252 and SQL_ASCII, with PostgreSQL's verification and errors.
#include <cstdio>
#include <optional>

#include "exec/functions/builtins.h"
#include "types/type_io.h"

namespace zijin::exec::builtins {
namespace {

// ERRCODE_UNTRANSLATABLE_CHARACTER.
constexpr char kUntranslatableCharacter[] = "22P05";

enum class Encoding { kUtf8, kLatin1, kWin1252, kSqlAscii };

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8: return "UTF8";
    case Encoding::kLatin1: return "LATIN1";
    case Encoding::kWin1252: return "WIN1252";
    case Encoding::kSqlAscii: return "SQL_ASCII";
  }
  return "";
}

// pg_char_to_encoding: case and punctuation do not matter ("utf-8", "ISO_8859_1", "Latin-1").
std::optional<Encoding> FindEncoding(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key.push_back(c);
  }
  struct Alias {
    std::string_view name;
    Encoding enc;
  };
  static constexpr Alias kAliases[] = {
      {"utf8", Encoding::kUtf8},         {"unicode", Encoding::kUtf8},
      {"latin1", Encoding::kLatin1},     {"iso88591", Encoding::kLatin1},
      {"win1252", Encoding::kWin1252},   {"windows1252", Encoding::kWin1252},
      {"sqlascii", Encoding::kSqlAscii},
  };
  for (const Alias& a : kAliases) {
    if (a.name == key) return a.enc;
  }
  return std::nullopt;
}

// WIN1252's bytes 0x80..0x9F; 0 where the code page leaves a byte undefined.
constexpr uint16_t kWin1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// pg_verify_mbstr: single-byte encodings reject only NUL bytes.
Status Verify(Encoding e, std::string_view s) {
  if (e == Encoding::kUtf8) return types::VerifyUtf8(s);
  size_t nul = s.find('\0');
  if (nul != std::string_view::npos) {
    return types::InvalidByteSequence(EncodingName(e), s.substr(nul, 1));
  }
  return Status::OK();
}

Status Untranslatable(Encoding from, std::string_view bytes, Encoding to) {
  std::string shown;
  char buf[8];
  for (size_t k = 0; k < bytes.size(); ++k) {
    std::snprintf(buf, sizeof(buf), "%s0x%02x", k == 0 ? "" : " ",
                  static_cast<unsigned char>(bytes[k]));
    shown += buf;
  }
  return Status::Error(kUntranslatableCharacter,
                       std::string("character with byte sequence ") + shown + " in encoding \"" +
                           EncodingName(from) + "\" has no equivalent in encoding \"" +
                           EncodingName(to) + "\"");
}

// One character of verified text in `e` at s[*i]: its code point, advancing *i; false when the
// encoding does not define it.
bool DecodeChar(Encoding e, std::string_view s, size_t* i, uint32_t* cp) {
  auto b = static_cast<unsigned char>(s[*i]);
  if (e == Encoding::kUtf8) {
    *cp = Utf8Decode(s, i);
    return true;
  }
  ++*i;
  if (e == Encoding::kWin1252 && b >= 0x80 && b < 0xA0) {
    *cp = kWin1252High[b - 0x80];
    return *cp != 0;
  }
  *cp = b;
  return true;
}

bool EncodeChar(Encoding e, uint32_t cp, std::string* out) {
  switch (e) {
    case Encoding::kUtf8: Utf8Append(cp, out); return true;
    case Encoding::kLatin1:
      if (cp > 0xFF) return false;
      out->push_back(static_cast<char>(cp));
      return true;
    case Encoding::kWin1252:
      if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
        out->push_back(static_cast<char>(cp));
        return true;
      }
      for (int k = 0; k < 32; ++k) {
        if (kWin1252High[k] == cp) {
          out->push_back(static_cast<char>(0x80 + k));
          return true;
        }
      }
      return false;
    case Encoding::kSqlAscii: return false;
  }
  return false;
}

// pg_convert: verify the source, then pg_do_encoding_conversion. PostgreSQL converts between
// UTF8 and each single-byte encoding, not between two single-byte ones.
Result<std::string> Convert(std::string_view s, Encoding from, Encoding to) {
  ZJ_RETURN_IF_ERROR(Verify(from, s));
  if (from == to || to == Encoding::kSqlAscii) return std::string(s);
  if (from == Encoding::kSqlAscii) {
    // Nothing to convert, but the bytes must be valid in the destination encoding.
    ZJ_RETURN_IF_ERROR(Verify(to, s));
    return std::string(s);
  }
  if (from != Encoding::kUtf8 && to != Encoding::kUtf8) {
    return Status::Error(sqlstate::kUndefinedFunction,
                         std::string("default conversion function for encoding \"") +
                             EncodingName(from) + "\" to \"" + EncodingName(to) +
                             "\" does not exist");
  }
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    uint32_t cp = 0;
    if (!DecodeChar(from, s, &i, &cp) || !EncodeChar(to, cp, &out)) {
      return Untranslatable(from, s.substr(start, i - start), to);
    }
  }
  return out;
}

Result<Encoding> SourceEncoding(const Value& name) {
  std::optional<Encoding> e = FindEncoding(name.GetString());
  if (!e) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "invalid source encoding name \"" + name.GetString() + "\"");
  }
  return *e;
}

Result<Encoding> DestinationEncoding(const Value& name) {
  std::optional<Encoding> e = FindEncoding(name.GetString());
  if (!e) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "invalid destination encoding name \"" + name.GetString() + "\"");
  }
  return *e;
}

// convert(bytea, src name, dest name) -> bytea.
Result<Value> FnConvert(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(Encoding from, SourceEncoding(a[1]));
  ZJ_ASSIGN_OR_RETURN(Encoding to, DestinationEncoding(a[2]));
  ZJ_ASSIGN_OR_RETURN(std::string out, Convert(a[0].GetString(), from, to));
  return Value::Bytea(std::move(out));
}

// convert_from(bytea, src name) -> text in the server encoding (UTF8).
Result<Value> FnConvertFrom(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(Encoding from, SourceEncoding(a[1]));
  ZJ_ASSIGN_OR_RETURN(std::string out, Convert(a[0].GetString(), from, Encoding::kUtf8));
  return Value::Text(std::move(out));
}

// convert_to(text, dest name) -> bytea.
Result<Value> FnConvertTo(const Value* a, size_t, FunctionContext&) {
  ZJ_ASSIGN_OR_RETURN(Encoding to, DestinationEncoding(a[1]));
  ZJ_ASSIGN_OR_RETURN(std::string out, Convert(a[0].GetString(), Encoding::kUtf8, to));
  return Value::Bytea(std::move(out));
}

}  // namespace

void AddEncodingFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText), bytea(TypeId::kBytea), name(TypeId::kName);
  out->push_back(Stable(Fn("convert", {bytea, name, name}, bytea, FnConvert)));
  out->push_back(Stable(Fn("convert_from", {bytea, name}, text, FnConvertFrom)));
  out->push_back(Stable(Fn("convert_to", {text, name}, bytea, FnConvertTo)));
}

}  // namespace zijin::exec::builtins
