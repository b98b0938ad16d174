// Unit tests of the types module: text and binary I/O, comparison, key and row encodings of the
// types whose behaviour is easier to pin down from C++. Expected texts come from PostgreSQL 15.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "types/array.h"
#include "types/cast.h"
#include "types/compare.h"
#include "types/datetime.h"
#include "types/decimal.h"
#include "types/key_codec.h"
#include "types/row_codec.h"
#include "types/type_io.h"
#include "types/type_names.h"

namespace zijin::types {
namespace {

// A date's text output, or the error's SQLSTATE and hint.
std::string DateIn(std::string_view text, DateOrder order) {
  FormatOptions opts;
  opts.date_order = order;
  auto v = ParseText(text, LogicalType(TypeId::kDate), opts);
  if (!v.ok()) return v.status().sqlstate() + " " + v.status().info().hint;
  return ToText(*v);
}

TEST(Types, DateOrderReadsAmbiguousDates) {
  EXPECT_EQ(DateIn("01/02/2024", DateOrder::kMDY), "2024-01-02");
  EXPECT_EQ(DateIn("01/02/2024", DateOrder::kDMY), "2024-02-01");
  EXPECT_EQ(DateIn("01/02/24", DateOrder::kDMY), "2024-02-01");
  EXPECT_EQ(DateIn("01/02/03", DateOrder::kYMD), "2001-02-03");
  // A first field of three or more digits is always the year.
  EXPECT_EQ(DateIn("2024/01/02", DateOrder::kDMY), "2024-01-02");
  // Month names make the order clear.
  EXPECT_EQ(DateIn("Jan-31-2024", DateOrder::kDMY), "2024-01-31");
  EXPECT_EQ(DateIn("31-Jan-2024", DateOrder::kYMD), "2024-01-31");
  EXPECT_EQ(DateIn("Jan-05-06", DateOrder::kYMD), "2005-01-06");
  EXPECT_EQ(DateIn("Feb/01/2024", DateOrder::kMDY), "2024-02-01");
  // A month or day out of range hints at the wrong DateStyle, as in PostgreSQL.
  EXPECT_EQ(DateIn("13/02/2024", DateOrder::kMDY),
            "22008 Perhaps you need a different \"datestyle\" setting.");
  EXPECT_EQ(DateIn("01/02/2024", DateOrder::kYMD),
            "22008 Perhaps you need a different \"datestyle\" setting.");
  EXPECT_EQ(DateIn("2024-02-30", DateOrder::kMDY), "22008 ");
}

TEST(Types, TimeStampsFollowDateOrder) {
  FormatOptions opts;
  opts.date_order = DateOrder::kDMY;
  auto v = ParseText("13/12/2024 10:00", LogicalType(TypeId::kTimestamp), opts);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(ToText(*v), "2024-12-13 10:00:00");
}

TEST(Types, TimeZoneCanonicalNames) {
  EXPECT_EQ(*TimeZone::CanonicalName("UTC"), "UTC");
  EXPECT_EQ(*TimeZone::CanonicalName("5"), "<+05>-05");
  EXPECT_EQ(*TimeZone::CanonicalName("5.5"), "<+05:30>-05:30");
  EXPECT_EQ(*TimeZone::CanonicalName("-3"), "<-03>+03");
  EXPECT_EQ(*TimeZone::CanonicalName("EST5EDT"), "EST5EDT");
  EXPECT_TRUE(
      TimeZone::CanonicalName("Mars/Olympus").status().Is(sqlstate::kInvalidParameterValue));
  EXPECT_FALSE(TimeZone::CanonicalName("").ok());
  // Names from the zone database take the file's spelling.
  if (TimeZone::Find("Europe/Berlin").ok()) {
    EXPECT_EQ(*TimeZone::CanonicalName("europe/berlin"), "Europe/Berlin");
  }
}

Value Parse(std::string_view text, const LogicalType& type) {
  Result<Value> v = ParseText(text, type);
  EXPECT_TRUE(v.ok()) << text << ": " << v.status().ToString();
  return v.ok() ? *v : Value();
}

std::string ErrorOf(std::string_view text, const LogicalType& type) {
  Result<Value> v = ParseText(text, type);
  if (v.ok()) return "OK " + ToText(*v);
  return v.status().sqlstate() + ": " + v.status().message();
}

// Every value survives the binary format, the row format and the key format, and the key
// format orders them as CompareValues does.
void ExpectCodecsAgree(const std::vector<Value>& sorted, const LogicalType& type) {
  std::vector<std::string> keys;
  for (const Value& v : sorted) {
    std::string bin;
    FormatBinary(v, &bin);
    Result<Value> back = ParseBinary(bin, type);
    ASSERT_TRUE(back.ok()) << ToText(v) << ": " << back.status().ToString();
    EXPECT_EQ(CompareValues(*back, v), 0) << ToText(v);
    EXPECT_EQ(ToText(*back), ToText(v));

    std::string row;
    EncodeRow(&v, 1, &row);
    Value decoded;
    size_t present = 0;
    ASSERT_TRUE(DecodeRow(row, &type, 1, &decoded, &present).ok()) << ToText(v);
    EXPECT_EQ(ToText(decoded), ToText(v));

    std::string key;
    EncodeKeyValue(v, false, &key);
    std::string_view in = key;
    Value from_key;
    ASSERT_TRUE(DecodeKeyValue(&in, type, false, &from_key).ok()) << ToText(v);
    EXPECT_TRUE(in.empty());
    EXPECT_EQ(ToText(from_key), ToText(v));
    keys.push_back(key);
  }
  for (size_t i = 0; i + 1 < sorted.size(); ++i) {
    EXPECT_LE(CompareValues(sorted[i], sorted[i + 1]), 0)
        << ToText(sorted[i]) << " vs " << ToText(sorted[i + 1]);
    EXPECT_EQ(keys[i] < keys[i + 1], CompareValues(sorted[i], sorted[i + 1]) < 0)
        << ToText(sorted[i]) << " vs " << ToText(sorted[i + 1]);
  }
}

TEST(TimeTzTest, TextIO) {
  const LogicalType tz(TypeId::kTimeTz);
  EXPECT_EQ(ToText(Parse("13:45:10+02", tz)), "13:45:10+02");
  EXPECT_EQ(ToText(Parse("13:45:10.5-05:30", tz)), "13:45:10.5-05:30");
  EXPECT_EQ(ToText(Parse("01:02:03 +05:30:15", tz)), "01:02:03+05:30:15");
  EXPECT_EQ(ToText(Parse("allballs", tz)), "00:00:00+00");
  EXPECT_EQ(ToText(Parse("10:00", tz)), "10:00:00+00");  // the session zone, UTC here
  EXPECT_EQ(ToText(Parse("2024-07-01 10:00 America/New_York", tz)), "10:00:00-04");
  EXPECT_EQ(ErrorOf("10:00+16", tz),
            "22009: time zone displacement out of range: \"10:00+16\"");
  EXPECT_EQ(ErrorOf("10:00+0575", tz),
            "22009: time zone displacement out of range: \"10:00+0575\"");
  EXPECT_EQ(ErrorOf("10:00 America/New_York", tz),
            "22007: invalid input syntax for type time with time zone: "
            "\"10:00 America/New_York\"");
  EXPECT_EQ(ErrorOf("25:00+02", tz).substr(0, 5), "22008");
  Result<LogicalType> named = TypeFromName("time with time zone", {});
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->ToString(), "time with time zone");
  EXPECT_EQ(named->PgOid(), 1266u);
  EXPECT_EQ(TypeFromPgOid(1266).id, TypeId::kTimeTz);
}

TEST(TimeTzTest, OrderAndCodecs) {
  const LogicalType tz(TypeId::kTimeTz);
  // By the UTC instant, then the offset east descending: 10:00+02 < 09:00+01 < 08:00+00.
  std::vector<Value> sorted;
  for (const char* s : {"00:00+15:59", "07:59:59.999999+00", "10:00+02", "09:00+01", "08:00+00",
                        "23:59:59-15"}) {
    sorted.push_back(Parse(s, tz));
  }
  ExpectCodecsAgree(sorted, tz);
  EXPECT_FALSE(ValuesEqual(Parse("10:00+02", tz), Parse("09:00+01", tz)));
  EXPECT_EQ(HashValue(Parse("10:00+02", tz)), HashValue(Parse("10:00:00.0+02", tz)));
  // Binary: PostgreSQL sends the zone in seconds west.
  std::string bin;
  FormatBinary(Parse("00:00:01+01", tz), &bin);
  EXPECT_EQ(bin, std::string("\x00\x00\x00\x00\x00\x0f\x42\x40\xff\xff\xf1\xf0", 12));
}

TEST(TimeTzTest, Casts) {
  const LogicalType tz(TypeId::kTimeTz), time(TypeId::kTime);
  FormatOptions opts;
  opts.time_zone = "+03";
  EXPECT_TRUE(CanCast(time, tz, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(tz, time, CastContext::kImplicit));
  EXPECT_TRUE(CanCast(tz, time, CastContext::kAssignment));
  EXPECT_TRUE(CanCast(LogicalType(TypeId::kTimestampTz), tz, CastContext::kAssignment));
  Result<Value> v = CastValue(Parse("10:00+02", tz), time);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(ToText(*v), "10:00:00");
  v = CastValue(Parse("2024-01-01 10:00+00", LogicalType(TypeId::kTimestampTz)), tz, opts);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(ToText(*v), "13:00:00+03");
  v = CastValue(Parse("10:00", time), tz, opts);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(ToText(*v), "10:00:00+03");
}

std::string Hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

TEST(ArrayTest, TextIO) {
  const LogicalType ints = LogicalType::Array(LogicalType(TypeId::kInt32));
  const LogicalType texts = LogicalType::Array(LogicalType(TypeId::kText));
  EXPECT_EQ(ToText(Parse("{1,2,3}", ints)), "{1,2,3}");
  EXPECT_EQ(ToText(Parse("  { 1 , 2 }  ", ints)), "{1,2}");
  EXPECT_EQ(ToText(Parse("{}", ints)), "{}");
  EXPECT_EQ(ToText(Parse("[0:1]={1,2}", ints)), "[0:1]={1,2}");
  EXPECT_EQ(ToText(Parse("[1:2]={1,2}", ints)), "{1,2}");
  EXPECT_EQ(ToText(Parse("{ a b , \"c d\" , null, NULL, \"NULL\", \"\" , a\\,b, \\\\x}", texts)),
            "{\"a b\",\"c d\",NULL,NULL,\"NULL\",\"\",\"a,b\",\"\\\\x\"}");
  EXPECT_EQ(ErrorOf("{1,2", ints), "22P02: malformed array literal: \"{1,2\"");
  EXPECT_EQ(ErrorOf("1,2", ints), "22P02: malformed array literal: \"1,2\"");
  EXPECT_EQ(ErrorOf("{1,,2}", ints), "22P02: malformed array literal: \"{1,,2}\"");
  EXPECT_EQ(ErrorOf("{1,2}x", ints), "22P02: malformed array literal: \"{1,2}x\"");
  EXPECT_EQ(ErrorOf("[0:2]={1,2}", ints), "22P02: malformed array literal: \"[0:2]={1,2}\"");
  EXPECT_EQ(ErrorOf("{a b}", ints), "22P02: invalid input syntax for type integer: \"a b\"");
  EXPECT_EQ(ErrorOf("{{1,2},{3,4}}", ints).substr(0, 5), "0A000");
  Result<Value> v = ParseText("{1,,2}", ints);
  EXPECT_EQ(v.status().info().detail, "Unexpected \",\" character.");
  Result<LogicalType> t = TypeFromName("integer", {}, true);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "integer[]");
  EXPECT_EQ(t->PgOid(), 1007u);
  EXPECT_EQ(PgTypeName(*t), "_int4");
  EXPECT_EQ(TypeFromPgOid(1015), LogicalType::Array(LogicalType(TypeId::kVarchar)));
  t = TypeFromName("_text", {});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "text[]");
  t = TypeFromName("character varying", {10}, true);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "character varying(10)[]");
}

TEST(ArrayTest, BinaryMatchesPostgres) {
  const LogicalType ints = LogicalType::Array(LogicalType(TypeId::kInt32));
  const LogicalType texts = LogicalType::Array(LogicalType(TypeId::kText));
  // array_send() of the same values in PostgreSQL 15.
  std::string bin;
  FormatBinary(Parse("{1,NULL,3}", ints), &bin);
  EXPECT_EQ(Hex(bin),
            "00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003");
  bin.clear();
  FormatBinary(Parse("{}", ints), &bin);
  EXPECT_EQ(Hex(bin), "000000000000000000000017");
  bin.clear();
  FormatBinary(Parse("[0:1]={a,b}", texts), &bin);
  EXPECT_EQ(Hex(bin), "000000010000000000000019000000020000000000000001610000000162");
  // The element type must match.
  Result<Value> wrong = ParseBinary(bin, ints);
  EXPECT_EQ(wrong.status().sqlstate(), "42804");
  // As array_recv: a short header is the protocol's 08P01, an element past the end 22P03.
  EXPECT_EQ(ParseBinary(bin.substr(0, 10), texts).status().sqlstate(), "08P01");
  EXPECT_EQ(ParseBinary(bin.substr(0, bin.size() - 1), texts).status().sqlstate(), "22P03");
}

TEST(ArrayTest, OrderAndCodecs) {
  const LogicalType ints = LogicalType::Array(LogicalType(TypeId::kInt32));
  std::vector<Value> sorted;
  for (const char* s : {"{}", "{-5}", "{1}", "{1,2}", "{1,2,NULL}", "{1,3}", "{1,NULL}",
                        "[2:3]={1,NULL}", "{2}"}) {
    sorted.push_back(Parse(s, ints));
  }
  ExpectCodecsAgree(sorted, ints);
  EXPECT_TRUE(ValuesEqual(Parse("{1,NULL}", ints), Parse("{1,NULL}", ints)));
  EXPECT_EQ(HashValue(Parse("{1,2}", ints)), HashValue(Parse("{ 1 , 2 }", ints)));
  const LogicalType texts = LogicalType::Array(LogicalType(TypeId::kText));
  ExpectCodecsAgree({Parse("{a}", texts), Parse("{a,\"\"}", texts), Parse("{ab}", texts),
                     Parse("{b,NULL}", texts)},
                    texts);
}

TEST(ArrayTest, Casts) {
  const LogicalType ints = LogicalType::Array(LogicalType(TypeId::kInt32));
  const LogicalType bigints = LogicalType::Array(LogicalType(TypeId::kInt64));
  const LogicalType texts = LogicalType::Array(LogicalType(TypeId::kText));
  const LogicalType varchar3 = LogicalType::Array(LogicalType(TypeId::kVarchar, 3));
  EXPECT_TRUE(CanCast(ints, bigints, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(bigints, ints, CastContext::kImplicit));
  EXPECT_TRUE(CanCast(bigints, ints, CastContext::kAssignment));
  EXPECT_TRUE(CanCast(ints, texts, CastContext::kExplicit));
  EXPECT_TRUE(CanCast(ints, LogicalType(TypeId::kText), CastContext::kAssignment));
  EXPECT_FALSE(CanCast(LogicalType(TypeId::kText), ints, CastContext::kAssignment));
  Result<Value> v = CastValue(Parse("{1,NULL}", ints), bigints);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(ToText(*v), "{1,NULL}");
  v = CastValue(Parse("{abcdef,x}", texts), varchar3, {}, true);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(ToText(*v), "{abc,x}");
  v = CastValue(Parse("{abcdef}", texts), varchar3, {}, false);
  EXPECT_EQ(v.status().sqlstate(), "22001");
  v = CastValue(Parse("{99999999999}", bigints), ints);
  EXPECT_EQ(v.status().sqlstate(), "22003");
  Result<LogicalType> common = CommonType(ints, bigints, "");
  ASSERT_TRUE(common.ok());
  EXPECT_EQ(*common, bigints);
  const LogicalType dates = LogicalType::Array(LogicalType(TypeId::kDate));
  EXPECT_EQ(CommonType(ints, dates, "").status().sqlstate(), "42804");
}

TEST(NumericTest, SpecialValues) {
  const LogicalType num(TypeId::kNumeric);
  EXPECT_EQ(ToText(Parse("NaN", num)), "NaN");
  EXPECT_EQ(ToText(Parse("  nan ", num)), "NaN");
  EXPECT_EQ(ToText(Parse("Infinity", num)), "Infinity");
  EXPECT_EQ(ToText(Parse("-inf", num)), "-Infinity");
  EXPECT_EQ(ToText(Parse("+infinity", num)), "Infinity");
  EXPECT_EQ(ErrorOf("-NaN", num).substr(0, 5), "22P02");
  EXPECT_EQ(ErrorOf("inf", LogicalType::Numeric(10, 2)), "22003: numeric field overflow");
  EXPECT_EQ(ToText(Parse("NaN", LogicalType::Numeric(10, 2))), "NaN");
  auto d = [&](const char* s) { return Parse(s, num).GetDecimal(); };
  auto text = [](const Result<Decimal>& r) {
    if (!r.ok()) return "ERROR " + r.status().sqlstate();
    std::string s;
    FormatDecimal(*r, &s);
    return s;
  };
  EXPECT_EQ(text(AddDecimal(d("NaN"), d("1"))), "NaN");
  EXPECT_EQ(text(AddDecimal(d("inf"), d("-inf"))), "NaN");
  EXPECT_EQ(text(SubDecimal(d("1"), d("-inf"))), "Infinity");
  EXPECT_EQ(text(MulDecimal(d("inf"), d("0"))), "NaN");
  EXPECT_EQ(text(MulDecimal(d("-inf"), d("-2"))), "Infinity");
  EXPECT_EQ(text(DivDecimal(d("1"), d("inf"))), "0");
  EXPECT_EQ(text(DivDecimal(d("inf"), d("0"))), "ERROR 22012");
  EXPECT_EQ(text(DivDecimal(d("nan"), d("0"))), "NaN");
  EXPECT_EQ(text(ModDecimal(d("5.5"), d("-inf"))), "5.5");
  EXPECT_EQ(text(ModDecimal(d("inf"), d("0"))), "ERROR 22012");
  EXPECT_EQ(text(PowDecimal(d("-inf"), d("3"))), "-Infinity");
  EXPECT_EQ(text(PowDecimal(d("0.5"), d("inf"))), "0");
  EXPECT_EQ(text(PowDecimal(d("1"), d("nan"))), "1");
  EXPECT_EQ(text(PowDecimal(d("0"), d("-inf"))), "ERROR 2201F");
  // -Infinity < finite < Infinity < NaN; NaN equals NaN.
  std::vector<Value> sorted;
  for (const char* s : {"-Infinity", "-1e300", "-5.5", "0", "0.001", "1e300", "Infinity", "NaN"}) {
    sorted.push_back(Parse(s, num));
  }
  ExpectCodecsAgree(sorted, num);
  EXPECT_TRUE(ValuesEqual(Parse("NaN", num), Parse("nan", num)));
  EXPECT_EQ(HashValue(Parse("NaN", num)), HashValue(Parse("nan", num)));
  // Casts: to and from floats, not to integers.
  Result<Value> v = CastValue(Parse("-inf", num), LogicalType(TypeId::kFloat64));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(ToText(*v), "-Infinity");
  v = CastValue(Parse("NaN", LogicalType(TypeId::kFloat64)), num);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(ToText(*v), "NaN");
  v = CastValue(Parse("NaN", num), LogicalType(TypeId::kInt32));
  EXPECT_EQ(v.status().message(), "cannot convert NaN to integer");
  v = CastValue(Parse("inf", num), LogicalType(TypeId::kInt64));
  EXPECT_EQ(v.status().message(), "cannot convert infinity to bigint");
}

TEST(NumericTest, BeyondThirtyEightDigits) {
  const LogicalType num(TypeId::kNumeric);
  // Integers whose trailing zeros do not fit keep them in a negative scale.
  Value big = Parse("1e300", num);
  EXPECT_EQ(big.GetDecimal().scale, -300);
  EXPECT_EQ(ToText(big), "1" + std::string(300, '0'));
  EXPECT_EQ(ToText(Parse("1.5e40", num)), "15" + std::string(39, '0'));
  EXPECT_EQ(Parse("1e20", num).GetDecimal().scale, 0);  // fits: scale 0
  Result<Value> f = CastValue(big, LogicalType(TypeId::kFloat64));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(ToText(*f), "1e+300");
  EXPECT_EQ(ErrorOf("1e131072", num), "22003: value overflows numeric format");
  EXPECT_EQ(ToText(Parse("1e131071", num)).size(), 131072u);
  // Binary: numeric_send(1e300) in PostgreSQL is one base-10000 digit 1 at weight 75.
  std::string bin;
  FormatBinary(big, &bin);
  EXPECT_EQ(Hex(bin), "0001004b000000000001");
  Result<Value> back = ParseBinary(bin, num);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(CompareValues(*back, big), 0);
  // 38 digits whose last base-10000 group ends in a zero past the scale still fit.
  Value digits38 = Parse("-1234567890123456789.0123456789012345678", num);
  bin.clear();
  FormatBinary(digits38, &bin);
  back = ParseBinary(bin, num);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(ToText(*back), "-1234567890123456789.0123456789012345678");
  Result<Decimal> sum = AddDecimal(big.GetDecimal(), Parse("1e300", num).GetDecimal());
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->unscaled, 2);
  // A sum needing more than 38 significant digits is an overflow (PostgreSQL has more digits).
  EXPECT_EQ(AddDecimal(big.GetDecimal(), Decimal{1, 0}).status().sqlstate(), "22003");
  EXPECT_EQ(HashValue(Parse("1e38", num)), HashValue(Parse("10e37", num)));
  Decimal in_typmod = big.GetDecimal();
  EXPECT_TRUE(ApplyNumericTypmod(&in_typmod, (1000 << 16) | 0).ok());
  EXPECT_FALSE(ApplyNumericTypmod(&in_typmod, (300 << 16) | 0).ok());
}

}  // namespace
}  // namespace zijin::types
