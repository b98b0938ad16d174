// to_char for numbers: PostgreSQL's numeric template patterns (9 0 . , D G S MI PL SG PR L V
// EEEE RN TH FM ...), as formatting.c's NUMDesc_prepare and NUM_processor apply them, in the C
// locale.
#include <cmath>
#include <cstdio>

#include "exec/functions/builtins.h"
#include "types/decimal.h"

namespace zijin::exec::builtins {
namespace {

using types::Decimal;

enum class Key {
  kComma, kDec, k0, k9, kB, kC, kD, kE, kFM, kG, kL, kMI, kPL, kPR, kRN, kSG, kSP, kS, kTH,
  kV, kRNLower, kTHLower,
};

// PostgreSQL's NUM_keywords: the first entry whose text starts the rest of the format wins.
struct Keyword {
  std::string_view text;
  Key key;
};
constexpr Keyword kKeywords[] = {
    {",", Key::kComma}, {".", Key::kDec},  {"0", Key::k0},      {"9", Key::k9},
    {"B", Key::kB},     {"C", Key::kC},    {"D", Key::kD},      {"EEEE", Key::kE},
    {"FM", Key::kFM},   {"G", Key::kG},    {"L", Key::kL},      {"MI", Key::kMI},
    {"PL", Key::kPL},   {"PR", Key::kPR},  {"RN", Key::kRN},    {"SG", Key::kSG},
    {"SP", Key::kSP},   {"S", Key::kS},    {"TH", Key::kTH},    {"V", Key::kV},
    {"b", Key::kB},     {"c", Key::kC},    {"d", Key::kD},      {"eeee", Key::kE},
    {"fm", Key::kFM},   {"g", Key::kG},    {"l", Key::kL},      {"mi", Key::kMI},
    {"pl", Key::kPL},   {"pr", Key::kPR},  {"rn", Key::kRNLower}, {"sg", Key::kSG},
    {"sp", Key::kSP},   {"s", Key::kS},    {"th", Key::kTHLower}, {"v", Key::kV},
};

// One parsed element of the format: a pattern, or literal text copied to the output.
struct Node {
  bool action = false;
  Key key = Key::k9;
  std::string text;
};

enum Flag : uint32_t {
  kDecimal = 1u << 1,
  kLDecimal = 1u << 2,
  kZero = 1u << 3,
  kBlank = 1u << 4,
  kFillMode = 1u << 5,
  kLSign = 1u << 6,
  kBracket = 1u << 7,
  kMinus = 1u << 8,
  kPlus = 1u << 9,
  kRoman = 1u << 10,
  kMulti = 1u << 11,
  kPlusPost = 1u << 12,
  kMinusPost = 1u << 13,
  kEEEE = 1u << 14,
};

enum class LSign { kNone, kPre, kPost };

// NUMDesc: what the format asks for, counted while it is parsed.
struct NumDesc {
  int pre = 0;   // digit positions before the decimal point
  int post = 0;  // and after it
  LSign lsign = LSign::kNone;
  uint32_t flag = 0;
  int pre_lsign_num = 0;
  int multi = 0;  // V: digits to shift by
  int zero_start = 0, zero_end = 0;

  bool Is(uint32_t f) const { return (flag & f) != 0; }
};

Status FormatError(std::string msg) {
  return Status::Error(sqlstate::kSyntaxError, std::move(msg));
}

// NUMDesc_prepare: one pattern's effect on the description, and the checks on combinations.
Status Prepare(Key key, NumDesc* num) {
  if (num->Is(kEEEE) && key != Key::kE) {
    return FormatError("\"EEEE\" must be the last pattern used");
  }
  switch (key) {
    case Key::k9:
      if (num->Is(kBracket)) return FormatError("\"9\" must be ahead of \"PR\"");
      if (num->Is(kMulti)) {
        ++num->multi;
        break;
      }
      if (num->Is(kDecimal)) {
        ++num->post;
      } else {
        ++num->pre;
      }
      break;
    case Key::k0:
      if (num->Is(kBracket)) return FormatError("\"0\" must be ahead of \"PR\"");
      if (!num->Is(kZero) && !num->Is(kDecimal)) {
        num->flag |= kZero;
        num->zero_start = num->pre + 1;
      }
      if (!num->Is(kDecimal)) {
        ++num->pre;
      } else {
        ++num->post;
      }
      num->zero_end = num->pre + num->post;
      break;
    case Key::kB:
      if (num->pre == 0 && num->post == 0 && !num->Is(kZero)) num->flag |= kBlank;
      break;
    case Key::kD:
    case Key::kDec:
      if (key == Key::kD) num->flag |= kLDecimal;
      if (num->Is(kDecimal)) return FormatError("multiple decimal points");
      if (num->Is(kMulti)) return FormatError("cannot use \"V\" and decimal point together");
      num->flag |= kDecimal;
      break;
    case Key::kFM: num->flag |= kFillMode; break;
    case Key::kS:
      if (num->Is(kLSign)) return FormatError("cannot use \"S\" twice");
      if (num->Is(kPlus) || num->Is(kMinus) || num->Is(kBracket)) {
        return FormatError("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
      }
      if (!num->Is(kDecimal)) {
        num->lsign = LSign::kPre;
        num->pre_lsign_num = num->pre;
        num->flag |= kLSign;
      } else if (num->lsign == LSign::kNone) {
        num->lsign = LSign::kPost;
        num->flag |= kLSign;
      }
      break;
    case Key::kMI:
      if (num->Is(kLSign)) return FormatError("cannot use \"S\" and \"MI\" together");
      num->flag |= kMinus;
      if (num->Is(kDecimal)) num->flag |= kMinusPost;
      break;
    case Key::kPL:
      if (num->Is(kLSign)) return FormatError("cannot use \"S\" and \"PL\" together");
      num->flag |= kPlus;
      if (num->Is(kDecimal)) num->flag |= kPlusPost;
      break;
    case Key::kSG:
      if (num->Is(kLSign)) return FormatError("cannot use \"S\" and \"SG\" together");
      num->flag |= kMinus | kPlus;
      break;
    case Key::kPR:
      if (num->Is(kLSign) || num->Is(kPlus) || num->Is(kMinus)) {
        return FormatError("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
      }
      num->flag |= kBracket;
      break;
    case Key::kRN:
    case Key::kRNLower: num->flag |= kRoman; break;
    case Key::kV:
      if (num->Is(kDecimal)) return FormatError("cannot use \"V\" and decimal point together");
      num->flag |= kMulti;
      break;
    case Key::kE:
      if (num->Is(kEEEE)) return FormatError("cannot use \"EEEE\" twice");
      if (num->Is(kBlank) || num->Is(kFillMode) || num->Is(kLSign) || num->Is(kBracket) ||
          num->Is(kMinus) || num->Is(kPlus) || num->Is(kRoman) || num->Is(kMulti)) {
        return std::move(FormatError("\"EEEE\" is incompatible with other formats"))
            .WithDetail(
                "\"EEEE\" may only be used together with digit and decimal point patterns.");
      }
      num->flag |= kEEEE;
      break;
    default: break;
  }
  return Status::OK();
}

// parse_format for numbers: patterns, "quoted text" (backslash quotes the next character) and
// other characters, which are copied.
Result<std::vector<Node>> ParseFormat(std::string_view fmt, NumDesc* num) {
  std::vector<Node> nodes;
  size_t i = 0;
  while (i < fmt.size()) {
    const Keyword* found = nullptr;
    for (const Keyword& k : kKeywords) {
      if (fmt.substr(i, k.text.size()) == k.text) {
        found = &k;
        break;
      }
    }
    if (found != nullptr) {
      Node n;
      n.action = true;
      n.key = found->key;
      nodes.push_back(std::move(n));
      ZJ_RETURN_IF_ERROR(Prepare(found->key, num));
      i += found->text.size();
      continue;
    }
    auto literal = [&](size_t at) {
      size_t len = std::min(Utf8CharLen(static_cast<unsigned char>(fmt[at])), fmt.size() - at);
      Node n;
      n.text = std::string(fmt.substr(at, len));
      nodes.push_back(std::move(n));
      return len;
    };
    if (fmt[i] == '"') {
      ++i;
      while (i < fmt.size()) {
        if (fmt[i] == '"') {
          ++i;
          break;
        }
        if (fmt[i] == '\\' && i + 1 < fmt.size()) ++i;
        i += literal(i);
      }
      continue;
    }
    if (fmt[i] == '\\' && i + 1 < fmt.size() && fmt[i + 1] == '"') ++i;
    i += literal(i);
  }
  return nodes;
}

// The ordinal suffix of the number's last digit (get_th).
Result<std::string> Ordinal(const std::string& number, bool upper) {
  char last = number.empty() ? '\0' : number.back();
  if (last < '0' || last > '9') {
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         "\"" + number + "\" is not a number");
  }
  if (number.size() > 1 && number[number.size() - 2] == '1') last = '0';  // the teens
  const char* s = last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "th";
  std::string out(s);
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// NUM_processor in to_char direction: lays `number` (digits with an optional '.', no sign) out
// by the format. `sign` is '+' or '-' (0 for Roman numerals).
class NumProcessor {
 public:
  NumProcessor(NumDesc num, std::string number, int out_pre_spaces, char sign)
      : num_(num), number_(std::move(number)), out_pre_spaces_(out_pre_spaces), sign_(sign) {}

  Result<std::string> Run(const std::vector<Node>& nodes);

 private:
  // Appends to the output. The C original writes into a NUL-terminated buffer and may write a
  // NUL when the number runs out of digits, which ends the result there; Put('\0') does too.
  void Put(char c) {
    if (ended_) return;
    if (c == '\0') {
      ended_ = true;
      return;
    }
    out_.push_back(c);
  }
  void Put(std::string_view s) {
    for (char c : s) Put(c);
  }
  char NumberAt(size_t i) const { return i < number_.size() ? number_[i] : '\0'; }
  bool LastRelevantIsPoint() const {
    return last_relevant_ >= 0 && NumberAt(static_cast<size_t>(last_relevant_)) == '.';
  }
  // IS_PREDEC_SPACE: "0.5" with 9.9 prints " .5", the leading zero as a blank.
  bool PredecSpace() const {
    return !num_.Is(kZero) && number_p_ == 0 && NumberAt(0) == '0' && num_.post != 0;
  }
  void NumPart(Key key);

  NumDesc num_;
  std::string number_;
  int out_pre_spaces_;
  char sign_;
  bool sign_wrote_ = false;
  int num_count_ = 0;
  int num_curr_ = 0;
  bool num_in_ = false;
  size_t number_p_ = 0;
  // The last digit worth printing in fill mode (trailing zeros are not), -1 = all.
  int64_t last_relevant_ = -1;
  std::string out_;
  bool ended_ = false;
};

void NumProcessor::NumPart(Key key) {
  if (num_.Is(kRoman)) return;
  num_in_ = false;
  // The sign goes just before the first digit that is written.
  if (!sign_wrote_ &&
      (num_curr_ >= out_pre_spaces_ || (num_.Is(kZero) && num_.zero_start == num_curr_)) &&
      (!PredecSpace() || LastRelevantIsPoint())) {
    if (num_.Is(kLSign)) {
      if (num_.lsign == LSign::kPre) {
        Put(sign_ == '-' ? '-' : '+');
        sign_wrote_ = true;
      }
    } else if (num_.Is(kBracket)) {
      Put(sign_ == '+' ? ' ' : '<');
      sign_wrote_ = true;
    } else if (sign_ == '+') {
      if (!num_.Is(kFillMode)) Put(' ');
      sign_wrote_ = true;
    } else if (sign_ == '-') {
      Put('-');
      sign_wrote_ = true;
    }
  }
  if (num_curr_ < out_pre_spaces_ && (num_.zero_start > num_curr_ || !num_.Is(kZero))) {
    if (!num_.Is(kFillMode)) Put(' ');  // padding before the number
  } else if (num_.Is(kZero) && num_curr_ < out_pre_spaces_ && num_.zero_start <= num_curr_) {
    Put('0');  // padding zero
    num_in_ = true;
  } else {
    if (NumberAt(number_p_) == '.') {
      if (!LastRelevantIsPoint() || num_.Is(kFillMode)) Put('.');
    } else if (last_relevant_ >= 0 && static_cast<int64_t>(number_p_) > last_relevant_ &&
               key != Key::k0) {
      // a trailing zero fill mode drops
    } else if (PredecSpace()) {
      if (!num_.Is(kFillMode)) {
        Put(' ');
      } else if (LastRelevantIsPoint()) {
        Put('0');  // 0 with FM9.9 is "0."
      }
    } else {
      Put(NumberAt(number_p_));
      num_in_ = true;
    }
    if (number_p_ < number_.size()) ++number_p_;
  }
  int end = num_count_ + (out_pre_spaces_ != 0 ? 1 : 0) + (num_.Is(kDecimal) ? 1 : 0);
  if (last_relevant_ >= 0 && last_relevant_ == static_cast<int64_t>(number_p_)) end = num_curr_;
  if (num_curr_ + 1 == end) {
    if (sign_wrote_ && num_.Is(kBracket)) {
      Put(sign_ == '+' ? ' ' : '>');
    } else if (num_.Is(kLSign) && num_.lsign == LSign::kPost) {
      Put(sign_ == '-' ? '-' : '+');
    }
  }
  ++num_curr_;
}

Result<std::string> NumProcessor::Run(const std::vector<Node>& nodes) {
  if (num_.zero_start != 0) --num_.zero_start;
  if (num_.Is(kEEEE)) return number_;
  if (num_.Is(kRoman)) {
    num_.lsign = LSign::kNone;
    num_.pre_lsign_num = num_.post = num_.pre = out_pre_spaces_ = 0;
    sign_ = 0;
    num_.flag = (num_.flag & kFillMode) | kRoman;
  }
  if (num_.Is(kPlus) || num_.Is(kMinus)) {
    // MI / PL / SG write the sign themselves; PL alone still leaves a blank for a minus.
    sign_wrote_ = !(num_.Is(kPlus) && !num_.Is(kMinus));
  } else {
    if (sign_ != '-' && num_.Is(kFillMode)) num_.flag &= ~kBracket;
    sign_wrote_ = sign_ == '+' && num_.Is(kFillMode) && !num_.Is(kLSign);
    if (num_.lsign == LSign::kPre && num_.pre == num_.pre_lsign_num) num_.lsign = LSign::kPost;
  }
  num_count_ = num_.post + num_.pre - 1;
  if (num_.Is(kFillMode) && num_.Is(kDecimal)) {
    size_t point = number_.find('.');
    if (point != std::string::npos) {
      last_relevant_ = static_cast<int64_t>(point);
      for (size_t k = point + 1; k < number_.size(); ++k) {
        if (number_[k] != '0') last_relevant_ = static_cast<int64_t>(k);
      }
      // Digits asked for with 0 are kept even when they are trailing zeros.
      if (num_.zero_end > out_pre_spaces_) {
        int64_t last_zero = std::min<int64_t>(static_cast<int64_t>(number_.size()) - 1,
                                              num_.zero_end - out_pre_spaces_);
        last_relevant_ = std::max(last_relevant_, last_zero);
      }
    }
  }
  if (!sign_wrote_ && out_pre_spaces_ == 0) ++num_count_;

  for (const Node& n : nodes) {
    if (!n.action) {
      Put(n.text);
      continue;
    }
    switch (n.key) {
      case Key::k9:
      case Key::k0:
      case Key::kDec:
      case Key::kD: NumPart(n.key); break;
      case Key::kComma:
      case Key::kG:
        if (num_in_) {
          Put(',');
        } else if (!num_.Is(kFillMode)) {
          Put(' ');
        }
        break;
      case Key::kL: Put(' '); break;  // the C locale has no currency symbol
      case Key::kRN:
      case Key::kRNLower: {
        std::string roman = number_.substr(std::min(number_p_, number_.size()));
        if (n.key == Key::kRNLower) {
          for (char& c : roman) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (!num_.Is(kFillMode) && roman.size() < 15) roman.insert(0, 15 - roman.size(), ' ');
        Put(roman);
        break;
      }
      case Key::kTH:
      case Key::kTHLower: {
        if (num_.Is(kRoman) || NumberAt(0) == '#' || sign_ == '-' || num_.Is(kDecimal)) break;
        ZJ_ASSIGN_OR_RETURN(std::string th, Ordinal(number_, n.key == Key::kTH));
        Put(th);
        break;
      }
      case Key::kMI:
        if (sign_ == '-') {
          Put('-');
        } else if (!num_.Is(kFillMode)) {
          Put(' ');
        }
        break;
      case Key::kPL:
        if (sign_ == '+') {
          Put('+');
        } else if (!num_.Is(kFillMode)) {
          Put(' ');
        }
        break;
      case Key::kSG: Put(sign_); break;
      default: break;  // S, PR, FM, V, B, C, SP, EEEE act through the description
    }
  }
  return out_;
}

std::string Hashes(int n) { return std::string(static_cast<size_t>(std::max(n, 0)), '#'); }

// The digits of an overflowing number: as many '#' as the format has digits, with its point.
std::string Overflow(const NumDesc& num) {
  return Hashes(num.pre) + "." + Hashes(num.post);
}

std::string Roman(int64_t number) {
  if (number < 1 || number > 3999) return Hashes(15);
  static constexpr const char* kOnes[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  static constexpr const char* kTens[] = {"X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
  static constexpr const char* kHundreds[] = {"C",  "CC",  "CCC",  "CD", "D",
                                              "DC", "DCC", "DCCC", "CM"};
  std::string out(static_cast<size_t>(number / 1000), 'M');
  int64_t h = number / 100 % 10, t = number / 10 % 10, o = number % 10;
  if (h != 0) out += kHundreds[h - 1];
  if (t != 0) out += kTens[t - 1];
  if (o != 0) out += kOnes[o - 1];
  return out;
}

// The digits and sign of a number formatted as text ("-12.50"), and how many blanks pad it to
// the format's digits before the point; '#'s when it has more digits than the format.
struct Laid {
  std::string number;
  int out_pre_spaces = 0;
  char sign = '+';
};

Laid LayOut(std::string text, const NumDesc& num) {
  Laid l;
  if (!text.empty() && text[0] == '-') {
    l.sign = '-';
    text.erase(0, 1);
  }
  size_t point = text.find('.');
  int pre_len = static_cast<int>(point == std::string::npos ? text.size() : point);
  if (pre_len < num.pre) {
    l.out_pre_spaces = num.pre - pre_len;
  } else if (pre_len > num.pre) {
    text = Overflow(num);
  }
  l.number = std::move(text);
  return l;
}

// pg_snprintf's %e / %f: like C's, but infinities and NaN print as PostgreSQL spells them.
std::string PrintDouble(const char* fmt, int precision, double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  char buf[512];
  std::snprintf(buf, sizeof(buf), fmt, precision, v);
  return buf;
}

struct Prepared {
  NumDesc num;
  std::vector<Node> nodes;
};

Result<Prepared> PrepareFormat(const Value& fmt) {
  Prepared p;
  ZJ_ASSIGN_OR_RETURN(p.nodes, ParseFormat(fmt.GetString(), &p.num));
  return p;
}

Result<Value> Finish(const Prepared& p, const NumDesc& num, Laid l) {
  NumProcessor proc(num, std::move(l.number), l.out_pre_spaces, l.sign);
  ZJ_ASSIGN_OR_RETURN(std::string out, proc.Run(p.nodes));
  return Value::Text(std::move(out));
}

// numeric_out_sci: one digit before the point, `scale` after it, and the exponent.
std::string NumericSci(const Decimal& d, int scale) {
  if (d.unscaled == 0) {
    std::string s = "0";
    if (scale > 0) s += "." + std::string(static_cast<size_t>(scale), '0');
    return s + "e+00";
  }
  int digits = types::DecimalDigitCount(d.unscaled);
  int exponent = digits - 1 - d.scale;
  // The significand keeps every digit with the point after the first, then is rounded (which
  // may carry to 10.00, as in PostgreSQL).
  Result<Decimal> sig = types::RescaleDecimal(Decimal{d.unscaled, digits - 1}, scale);
  std::string s;
  types::FormatDecimal(sig.ok() ? *sig : Decimal{d.unscaled, digits - 1}, &s);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "e%+03d", exponent);
  return s + buf;
}

Result<Value> FnToCharNumeric(const Value* a, size_t, FunctionContext&) {
  if (a[1].GetString().empty()) return Value::Text("");
  ZJ_ASSIGN_OR_RETURN(Prepared p, PrepareFormat(a[1]));
  NumDesc num = p.num;
  const Decimal& d = a[0].GetDecimal();
  Laid l;
  if (num.Is(kRoman)) {
    if (!d.finite()) {
      return Status::NotSupported(std::string("cannot convert ") +
                                  (d.is_nan() ? "NaN" : "infinity") + " to integer");
    }
    if (d.scale < 0) return OutOfRange("integer");  // past 38 digits
    ZJ_ASSIGN_OR_RETURN(Decimal r, types::RescaleDecimal(d, 0));
    if (r.unscaled < INT32_MIN || r.unscaled > INT32_MAX) return OutOfRange("integer");
    l.number = Roman(static_cast<int64_t>(r.unscaled));
  } else if (num.Is(kEEEE)) {
    if (!d.finite()) {
      l.number = Hashes(num.pre + num.post + 6);
      l.number[0] = ' ';
      l.number[static_cast<size_t>(num.pre) + 1] = '.';
    } else {
      l.number = NumericSci(d, num.post);
      if (l.number[0] != '-') l.number.insert(0, 1, ' ');
    }
  } else {
    Decimal v = d;
    if (num.Is(kMulti)) {
      if (num.multi > types::kMaxDecimalDigits) return types::NumericOverflowError();
      Decimal shift{static_cast<__int128>(types::DecimalPow10(num.multi)), 0};
      ZJ_ASSIGN_OR_RETURN(v, types::MulDecimal(d, shift));
      num.pre += num.multi;
    }
    std::string text;
    if (v.scale < 0) {
      // An integer past 38 digits: written out, with the zeros the format asks for.
      types::FormatDecimal(v, &text);
      if (num.post > 0) text += "." + std::string(static_cast<size_t>(num.post), '0');
    } else {
      ZJ_ASSIGN_OR_RETURN(Decimal r, types::RescaleDecimal(v, num.post));
      types::FormatDecimal(r, &text);
    }
    l = LayOut(std::move(text), num);
  }
  return Finish(p, num, std::move(l));
}

Result<Value> FnToCharInt(const Value* a, size_t, FunctionContext&) {
  if (a[1].GetString().empty()) return Value::Text("");
  ZJ_ASSIGN_OR_RETURN(Prepared p, PrepareFormat(a[1]));
  NumDesc num = p.num;
  bool is_int8 = a[0].type() == TypeId::kInt64;
  int64_t value = a[0].GetInt();
  Laid l;
  if (num.Is(kRoman)) {
    if (value < INT32_MIN || value > INT32_MAX) return OutOfRange("integer");
    l.number = Roman(value);
  } else if (num.Is(kEEEE)) {
    if (is_int8) {
      // bigint goes through numeric so that no digit is lost.
      l.number = NumericSci(Decimal{value, 0}, num.post);
      if (l.number[0] != '-') l.number.insert(0, 1, ' ');
    } else {
      l.number = PrintDouble("%+.*e", num.post, static_cast<double>(value));
      if (l.number[0] == '+') l.number[0] = ' ';
    }
  } else {
    if (num.Is(kMulti)) {
      double multi = std::pow(10.0, num.multi);
      if (is_int8) {
        int64_t m = static_cast<int64_t>(multi), r;
        if (multi >= 9.2e18 || __builtin_mul_overflow(value, m, &r)) return OutOfRange("bigint");
        value = r;
      } else {
        // int4 multiplies in 32 bits, wrapping as PostgreSQL's C code does.
        auto m = static_cast<uint32_t>(static_cast<int32_t>(multi));
        value = static_cast<int32_t>(static_cast<uint32_t>(value) * m);
      }
      num.pre += num.multi;
    }
    std::string text = std::to_string(value);
    if (num.post > 0) text += "." + std::string(static_cast<size_t>(num.post), '0');
    l = LayOut(std::move(text), num);
  }
  return Finish(p, num, std::move(l));
}

Result<Value> FnToCharFloat(const Value* a, size_t, FunctionContext&) {
  if (a[1].GetString().empty()) return Value::Text("");
  ZJ_ASSIGN_OR_RETURN(Prepared p, PrepareFormat(a[1]));
  NumDesc num = p.num;
  double value = a[0].GetDouble();
  // float4 keeps FLT_DIG significant digits, float8 DBL_DIG.
  int max_digits = a[0].type() == TypeId::kFloat32 ? 6 : 15;
  Laid l;
  if (num.Is(kRoman)) {
    double r = std::rint(value);
    l.number = Roman(std::isnan(r) || r < 0 || r > 4000 ? 0 : static_cast<int64_t>(r));
  } else if (num.Is(kEEEE)) {
    if (std::isnan(value) || std::isinf(value)) {
      // Room for the sign, the point, "e", the exponent's sign and two digits.
      l.number = Hashes(num.pre + num.post + 6);
      l.number[0] = ' ';
      l.number[static_cast<size_t>(num.pre) + 1] = '.';
    } else {
      l.number = PrintDouble("%+.*e", num.post, value);
      if (l.number[0] == '+') l.number[0] = ' ';
    }
  } else {
    double v = value;
    if (num.Is(kMulti)) {
      v = value * std::pow(10.0, num.multi);
      num.pre += num.multi;
    }
    int pre_len = static_cast<int>(PrintDouble("%.*f", 0, std::fabs(v)).size());
    if (pre_len >= max_digits) {
      num.post = 0;
    } else if (pre_len + num.post > max_digits) {
      num.post = max_digits - pre_len;
    }
    l = LayOut(PrintDouble("%.*f", num.post, v), num);
  }
  return Finish(p, num, std::move(l));
}

}  // namespace

void AddToCharNumberFunctions(std::vector<ScalarFunction>* out) {
  const LogicalType text(TypeId::kText);
  for (TypeId t : {TypeId::kInt32, TypeId::kInt64}) {
    out->push_back(Stable(Fn("to_char", {LogicalType(t), text}, text, FnToCharInt)));
  }
  out->push_back(
      Stable(Fn("to_char", {LogicalType(TypeId::kNumeric), text}, text, FnToCharNumeric)));
  for (TypeId t : {TypeId::kFloat32, TypeId::kFloat64}) {
    out->push_back(Stable(Fn("to_char", {LogicalType(t), text}, text, FnToCharFloat)));
  }
}

}  // namespace zijin::exec::builtins
