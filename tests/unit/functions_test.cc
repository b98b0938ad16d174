// Tests of the builtin function library; expected outputs were produced by PostgreSQL 15.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "exec/functions/function_registry.h"
#include "exec/functions/like.h"
#include "types/array.h"
#include "types/cast.h"
#include "types/type_io.h"

namespace zijin::exec {
namespace {

using types::LogicalType;
using types::TypeId;
using types::Value;

// fn(args) -> expected text (nullptr = SQL NULL, "ERROR <sqlstate>: <message>" = an error, or
// "ERROR <sqlstate>" where only the code is compared) and the result type's name as pg_typeof
// prints it.
struct ScalarCase {
  const char* fn;
  std::vector<const char*> args;  // "type:literal", "null" (untyped) or "null:type"
  const char* expected;
  const char* type;
};

// agg(x) over rows of one column -> expected text and result type.
struct AggCase {
  const char* fn;  // "count(*)" for count(*)
  const char* type;
  std::vector<const char*> values;  // literals; "null" for NULL
  const char* delim;                // string_agg's second argument ("null" = NULL)
  const char* expected;
  const char* result_type;
};

// clang-format off
const ScalarCase kScalarCases[] = {
    {"length", {"unknown:héllo"}, "5", "integer"},
    {"length", {"text:abc"}, "3", "integer"},
    {"char_length", {"text:héllo"}, "5", "integer"},
    {"octet_length", {"text:héllo"}, "6", "integer"},
    {"length", {"bpchar:ab  "}, "2", "integer"},
    {"lower", {"text:HeLLo ÀÉ"}, "hello àé", "text"},
    {"upper", {"text:hello àé straße"}, "HELLO ÀÉ STRAßE", "text"},
    {"initcap", {"text:hi THOMAS o'neil foo-bar"}, "Hi Thomas O'Neil Foo-Bar", "text"},
    {"substr", {"text:alphabet", "int4:3"}, "phabet", "text"},
    {"substr", {"text:alphabet", "int4:3", "int4:2"}, "ph", "text"},
    {"substr", {"text:alphabet", "int4:0", "int4:3"}, "al", "text"},
    {"substr", {"text:alphabet", "int4:-5", "int4:3"}, "", "text"},
    {"substring", {"text:héllo wörld", "int4:2", "int4:4"}, "éllo", "text"},
    {"substr", {"text:alphabet", "int4:3", "int4:-1"},
     "ERROR 22011: negative substring length not allowed", nullptr},
    {"substring", {"text:abc", "int4:10"}, "", "text"},
    {"position", {"text:high", "text:ig"}, "2", "integer"},
    {"strpos", {"text:héllo", "text:l"}, "3", "integer"},
    {"strpos", {"text:abc", "text:"}, "1", "integer"},
    {"strpos", {"text:abc", "text:z"}, "0", "integer"},
    {"replace", {"text:abcdefabcdef", "text:cd", "text:XX"}, "abXXefabXXef", "text"},
    {"replace", {"text:abc", "text:", "text:X"}, "abc", "text"},
    {"translate", {"text:12345", "text:143", "text:ax"}, "a2x5", "text"},
    {"btrim", {"text:  xyz  "}, "xyz", "text"},
    {"btrim", {"text:xyxtrimyyx", "text:xy"}, "trim", "text"},
    {"ltrim", {"text:zzzytest", "text:xyz"}, "test", "text"},
    {"rtrim", {"text:testxxzx", "text:xyz"}, "test", "text"},
    {"rtrim", {"text:test   "}, "test", "text"},
    {"lpad", {"text:hi", "int4:5"}, "   hi", "text"},
    {"lpad", {"text:hi", "int4:5", "text:xy"}, "xyxhi", "text"},
    {"lpad", {"text:hello", "int4:3"}, "hel", "text"},
    {"rpad", {"text:hi", "int4:5", "text:xy"}, "hixyx", "text"},
    {"rpad", {"text:hi", "int4:-1"}, "", "text"},
    {"lpad", {"text:hi", "int4:5", "text:"}, "hi", "text"},
    {"concat", {"text:abcde", "int4:2", "null", "int4:22"}, "abcde222", "text"},
    {"concat", {"unknown:a", "bool:true", "numeric:1.50", "date:2020-01-02"}, "at1.502020-01-02",
     "text"},
    {"concat_ws", {"text:,", "text:abcde", "int4:2", "null", "int4:22"}, "abcde,2,22", "text"},
    {"concat_ws", {"null:text", "text:a"}, nullptr, "text"},
    {"textcat", {"text:ab", "text:cd"}, "abcd", "text"},
    {"left", {"text:abcde", "int4:2"}, "ab", "text"},
    {"left", {"text:abcde", "int4:-2"}, "abc", "text"},
    {"right", {"text:abcde", "int4:2"}, "de", "text"},
    {"right", {"text:abcde", "int4:-2"}, "cde", "text"},
    {"repeat", {"text:Pg", "int4:4"}, "PgPgPgPg", "text"},
    {"repeat", {"text:Pg", "int4:-1"}, "", "text"},
    {"split_part", {"text:abc~@~def~@~ghi", "text:~@~", "int4:2"}, "def", "text"},
    {"split_part", {"text:abc,def,ghi,jkl", "text:,", "int4:-2"}, "ghi", "text"},
    {"split_part", {"text:abc", "text:,", "int4:5"}, "", "text"},
    {"split_part", {"text:abc", "text:,", "int4:0"}, "ERROR 22023: field position must not be zero",
     nullptr},
    {"reverse", {"text:abcdé"}, "édcba", "text"},
    {"md5", {"text:abc"}, "900150983cd24fb0d6963f7d28e17f72", "text"},
    {"ascii", {"text:x"}, "120", "integer"},
    {"ascii", {"text:é"}, "233", "integer"},
    {"ascii", {"text:"}, "0", "integer"},
    {"chr", {"int4:65"}, "A", "text"},
    {"chr", {"int4:233"}, "é", "text"},
    {"chr", {"int4:0"}, "ERROR 54000: null character not permitted", nullptr},
    {"starts_with", {"text:alphabet", "text:alph"}, "t", "boolean"},
    {"to_hex", {"int4:2147483647"}, "7fffffff", "text"},
    {"to_hex", {"int4:-1"}, "ffffffff", "text"},
    {"to_hex", {"int8:-1"}, "ffffffffffffffff", "text"},
    {"to_hex", {"int4:255"}, "ff", "text"},
    {"quote_ident", {"text:Foo bar"}, "\"Foo bar\"", "text"},
    {"quote_ident", {"text:foo"}, "foo", "text"},
    {"quote_ident", {"text:select"}, "\"select\"", "text"},
    {"quote_ident", {"text:a\"b"}, "\"a\"\"b\"", "text"},
    {"quote_literal", {"text:O'Reilly"}, "'O''Reilly'", "text"},
    {"quote_literal", {"text:a\\b"}, "E'a\\\\b'", "text"},
    {"quote_literal", {"int4:42"}, "'42'", "text"},
    {"quote_nullable", {"null:text"}, "NULL", "text"},
    {"format", {"text:Hello %s, %1$s", "text:World"}, "Hello World, World", "text"},
    {"format", {"text:INSERT INTO %I VALUES(%L, %L)", "text:Foo Bar", "text:O'Reilly", "null:text"},
     "INSERT INTO \"Foo Bar\" VALUES('O''Reilly', NULL)", "text"},
    {"format", {"text:|%10s|%-10s|", "text:abc", "text:def"}, "|       abc|def       |", "text"},
    {"format", {"text:%s %s", "text:a"}, "ERROR 22023: too few arguments for format()", nullptr},
    {"format", {"text:%x", "text:a"}, "ERROR 22023: unrecognized format() type specifier \"x\"",
     nullptr},
    {"format", {"text:100%% %s", "int4:5"}, "100% 5", "text"},
    {"regexp_replace", {"text:Thomas", "text:.[mN]a.", "text:M"}, "ThM", "text"},
    {"regexp_replace", {"text:foobarbaz", "text:b(..)", "text:X\\1Y", "text:g"}, "fooXarYXazY",
     "text"},
    {"regexp_replace", {"text:ABC abc", "text:b", "text:_", "text:gi"}, "A_C a_c", "text"},
    {"regexp_replace", {"text:abc", "text:(", "text:x"}, "ERROR 2201B", nullptr},
    {"regexp_match", {"text:foobarbequebaz", "text:(bar)(beque)"}, "{bar,beque}", "text[]"},
    {"regexp_match", {"text:foobarbequebaz", "text:bar"}, "{bar}", "text[]"},
    {"regexp_match", {"text:abc", "text:x"}, nullptr, "text[]"},
    {"textregexeq", {"text:abc", "text:^a.c$"}, "t", "boolean"},
    {"texticregexeq", {"text:ABC", "text:^a.c$"}, "t", "boolean"},
    {"textlike", {"text:abc", "text:a%"}, "t", "boolean"},
    {"textlike", {"text:abc", "text:_b_"}, "t", "boolean"},
    {"textlike", {"text:a%c", "text:a\\%c"}, "t", "boolean"},
    {"texticlike", {"text:ABC", "text:a%"}, "t", "boolean"},
    {"textnlike", {"text:abc", "text:b%"}, "t", "boolean"},
    {"textlike", {"text:abc", "text:ab\\"},
     "ERROR 22025: LIKE pattern must not end with escape character", nullptr},
    {"abs", {"int4:-17"}, "17", "integer"},
    {"abs", {"unknown:-17"}, "17", "double precision"},
    {"abs", {"int2:-3"}, "3", "smallint"},
    {"abs", {"int8:-9000000000"}, "9000000000", "bigint"},
    {"abs", {"float8:-1.5"}, "1.5", "double precision"},
    {"abs", {"numeric:-1.50"}, "1.50", "numeric"},
    {"abs", {"int4:-2147483648"}, "ERROR 22003: integer out of range", nullptr},
    {"abs", {"int2:-32768"}, "ERROR 22003: smallint out of range", nullptr},
    {"ceil", {"float8:-42.8"}, "-42", "double precision"},
    {"ceil", {"numeric:42.2"}, "43", "numeric"},
    {"ceiling", {"numeric:-42.8"}, "-42", "numeric"},
    {"floor", {"numeric:-42.8"}, "-43", "numeric"},
    {"floor", {"float8:42.8"}, "42", "double precision"},
    {"round", {"float8:2.5"}, "2", "double precision"},
    {"round", {"float8:3.5"}, "4", "double precision"},
    {"round", {"numeric:2.5"}, "3", "numeric"},
    {"round", {"numeric:-2.5"}, "-3", "numeric"},
    {"round", {"numeric:42.4382", "int4:2"}, "42.44", "numeric"},
    {"round", {"numeric:1234.567", "int4:-2"}, "1200", "numeric"},
    {"round", {"numeric:1.2", "int4:5"}, "1.20000", "numeric"},
    {"trunc", {"float8:-42.8"}, "-42", "double precision"},
    {"trunc", {"numeric:42.4382", "int4:2"}, "42.43", "numeric"},
    {"trunc", {"numeric:-1.7"}, "-1", "numeric"},
    {"mod", {"int4:9", "int4:4"}, "1", "integer"},
    {"mod", {"int4:-9", "int4:4"}, "-1", "integer"},
    {"mod", {"numeric:10.5", "numeric:3"}, "1.5", "numeric"},
    {"mod", {"int4:5", "int4:0"}, "ERROR 22012: division by zero", nullptr},
    {"div", {"numeric:9", "numeric:4"}, "2", "numeric"},
    {"div", {"numeric:-7.5", "numeric:2"}, "-3", "numeric"},
    {"power", {"float8:9", "float8:3"}, "729", "double precision"},
    {"power", {"numeric:2", "numeric:10"}, "1024.0000000000000000", "numeric"},
    {"power", {"numeric:2.5", "numeric:2"}, "6.2500000000000000", "numeric"},
    {"power", {"numeric:2", "numeric:0.5"}, "1.4142135623730950", "numeric"},
    {"power", {"numeric:2", "numeric:-2"}, "0.2500000000000000", "numeric"},
    {"power", {"float8:0", "float8:-1"},
     "ERROR 2201F: zero raised to a negative power is undefined", nullptr},
    {"power", {"float8:-8", "float8:0.5"},
     "ERROR 2201F: a negative number raised to a non-integer power yields a complex result",
     nullptr},
    {"sqrt", {"float8:2"}, "1.4142135623730951", "double precision"},
    {"sqrt", {"numeric:2"}, "1.414213562373095", "numeric"},
    {"sqrt", {"numeric:12345.678"}, "111.1111065555555", "numeric"},
    {"sqrt", {"numeric:0.0001"}, "0.01000000000000000", "numeric"},
    {"sqrt", {"float8:-1"}, "ERROR 2201F: cannot take square root of a negative number", nullptr},
    {"cbrt", {"float8:64"}, "4", "double precision"},
    {"exp", {"float8:1"}, "2.718281828459045", "double precision"},
    {"exp", {"numeric:1"}, "2.7182818284590452", "numeric"},
    {"exp", {"numeric:10"}, "22026.465794806717", "numeric"},
    {"exp", {"float8:1000"}, "ERROR 22003: value out of range: overflow", nullptr},
    {"ln", {"float8:2"}, "0.6931471805599453", "double precision"},
    {"ln", {"numeric:2"}, "0.6931471805599453", "numeric"},
    {"ln", {"numeric:1000"}, "6.9077552789821371", "numeric"},
    {"ln", {"numeric:1.05"}, "0.048790164169432003", "numeric"},
    {"ln", {"float8:0"}, "ERROR 2201E: cannot take logarithm of zero", nullptr},
    {"ln", {"numeric:-1"}, "ERROR 2201E: cannot take logarithm of a negative number", nullptr},
    {"log", {"float8:100"}, "2", "double precision"},
    {"log", {"numeric:100"}, "2.0000000000000000", "numeric"},
    {"log", {"numeric:2", "numeric:8"}, "3.0000000000000000", "numeric"},
    {"log10", {"numeric:1000"}, "3.0000000000000000", "numeric"},
    {"sign", {"float8:-8.4"}, "-1", "double precision"},
    {"sign", {"numeric:0.0"}, "0", "numeric"},
    {"pi", {}, "3.141592653589793", "double precision"},
    {"degrees", {"float8:0.5"}, "28.64788975654116", "double precision"},
    {"radians", {"float8:45"}, "0.7853981633974483", "double precision"},
    {"sin", {"float8:1"}, "0.8414709848078965", "double precision"},
    {"cos", {"float8:1"}, "0.5403023058681398", "double precision"},
    {"tan", {"float8:1"}, "1.5574077246549023", "double precision"},
    {"asin", {"float8:1"}, "1.5707963267948966", "double precision"},
    {"acos", {"float8:0.5"}, "1.0471975511965979", "double precision"},
    {"atan", {"float8:1"}, "0.7853981633974483", "double precision"},
    {"atan2", {"float8:1", "float8:2"}, "0.4636476090008061", "double precision"},
    {"asin", {"float8:2"}, "ERROR 22003: input is out of range", nullptr},
    {"gcd", {"int4:1071", "int4:462"}, "21", "integer"},
    {"gcd", {"numeric:12", "numeric:18.0"}, "6.0", "numeric"},
    {"lcm", {"int4:1071", "int4:462"}, "23562", "integer"},
    {"lcm", {"int8:0", "int8:5"}, "0", "bigint"},
    {"width_bucket", {"float8:5.35", "float8:0.024", "float8:10.06", "int4:5"}, "3", "integer"},
    {"width_bucket", {"numeric:5.35", "numeric:0.024", "numeric:10.06", "int4:5"}, "3", "integer"},
    {"greatest", {"int4:1", "int4:3", "int4:2"}, "3", "integer"},
    {"greatest", {"int4:1", "numeric:2.5", "null"}, "2.5", "numeric"},
    {"least", {"text:b", "text:a", "text:c"}, "a", "text"},
    {"least", {"unknown:b", "unknown:a"}, "a", "text"},
    {"greatest", {"null", "null"}, nullptr, "text"},
    {"greatest", {"date:2020-01-01", "timestamp:2019-06-01 10:00"}, "2020-01-01 00:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:hour", "timestamp:2001-02-16 20:38:40"}, "2001-02-16 20:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:year", "timestamp:2001-02-16 20:38:40"}, "2001-01-01 00:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:week", "timestamp:2020-05-17 10:00"}, "2020-05-11 00:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:quarter", "timestamp:2020-05-17 10:00"}, "2020-04-01 00:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:century", "timestamp:2020-05-17"}, "2001-01-01 00:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:millennium", "timestamp:2020-05-17"}, "2001-01-01 00:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:decade", "timestamp:2020-05-17"}, "2020-01-01 00:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:milliseconds", "timestamp:2020-05-17 10:00:01.123456"},
     "2020-05-17 10:00:01.123", "timestamp without time zone"},
    {"date_trunc", {"text:day", "timestamptz:2001-02-16 20:38:40+00"}, "2001-02-16 00:00:00+00",
     "timestamp with time zone"},
    {"date_trunc", {"unknown:month", "date:2020-05-17"}, "2020-05-01 00:00:00+00",
     "timestamp with time zone"},
    {"date_trunc", {"text:hour", "interval:1 day 3 hours 5 min"}, "1 day 03:00:00", "interval"},
    {"date_trunc", {"text:year", "interval:14 months 3 days"}, "1 year", "interval"},
    {"date_trunc", {"text:foo", "timestamp:2020-01-01"},
     "ERROR 22023: unit \"foo\" not recognized for type timestamp without time zone", nullptr},
    {"date_trunc", {"text:week", "interval:1 day"},
     "ERROR 0A000: unit \"week\" not supported for type interval", nullptr},
    {"date_part", {"text:hour", "timestamp:2001-02-16 20:38:40"}, "20", "double precision"},
    {"date_part", {"text:second", "timestamp:2020-01-01 10:00:01.5"}, "1.5", "double precision"},
    {"date_part", {"text:epoch", "timestamp:2020-01-01 10:00:01.5"}, "1577872801.5",
     "double precision"},
    {"date_part", {"text:year", "date:2020-05-05"}, "2020", "double precision"},
    {"date_part", {"text:hour", "date:2020-05-05"}, "0", "double precision"},
    {"date_part", {"text:day", "interval:40 days"}, "40", "double precision"},
    {"extract", {"text:second", "timestamp:2020-01-01 10:00:01.5"}, "1.500000", "numeric"},
    {"extract", {"text:epoch", "timestamp:2020-01-01 10:00:01.5"}, "1577872801.500000", "numeric"},
    {"extract", {"text:milliseconds", "timestamp:2020-01-01 10:00:01.5"}, "1500.000", "numeric"},
    {"extract", {"text:year", "timestamp:2020-01-01"}, "2020", "numeric"},
    {"extract", {"text:epoch", "date:2020-01-01"}, "1577836800", "numeric"},
    {"extract", {"text:julian", "timestamp:2020-01-01 12:00"}, "2458850.50000000000000000000",
     "numeric"},
    {"extract", {"text:dow", "date:2020-01-01"}, "3", "numeric"},
    {"extract", {"text:isodow", "date:2020-01-05"}, "7", "numeric"},
    {"extract", {"text:doy", "date:2020-12-31"}, "366", "numeric"},
    {"extract", {"text:week", "date:2021-01-01"}, "53", "numeric"},
    {"extract", {"text:isoyear", "date:2021-01-01"}, "2020", "numeric"},
    {"extract", {"text:quarter", "date:2021-05-01"}, "2", "numeric"},
    {"extract", {"text:century", "date:2000-12-31"}, "20", "numeric"},
    {"extract", {"text:millennium", "date:2001-01-01"}, "3", "numeric"},
    {"extract", {"text:decade", "date:1999-01-01"}, "199", "numeric"},
    {"extract", {"text:epoch", "interval:1 day 2 hours"}, "93600.000000", "numeric"},
    {"extract", {"text:epoch", "interval:1 year 1 month"}, "34149600.000000", "numeric"},
    {"extract", {"text:month", "interval:14 months"}, "2", "numeric"},
    {"extract", {"text:second", "time:10:11:12.5"}, "12.500000", "numeric"},
    {"extract", {"text:microseconds", "time:10:11:12.5"}, "12500000", "numeric"},
    {"extract", {"text:timezone", "timestamptz:2020-01-01 00:00+00"}, "0", "numeric"},
    {"extract", {"text:hour", "date:2020-01-01"},
     "ERROR 0A000: unit \"hour\" not supported for type date", nullptr},
    {"extract", {"text:foo", "timestamp:2020-01-01"},
     "ERROR 22023: unit \"foo\" not recognized for type timestamp without time zone", nullptr},
    {"extract", {"text:YEAR", "timestamp:2020-01-01"}, "2020", "numeric"},
    {"make_date", {"int4:2013", "int4:7", "int4:15"}, "2013-07-15", "date"},
    {"make_date", {"int4:2013", "int4:2", "int4:30"},
     "ERROR 22008: date field value out of range: 2013-02-30", nullptr},
    {"make_date", {"int4:-44", "int4:3", "int4:15"}, "0044-03-15 BC", "date"},
    {"make_timestamp", {"int4:2013", "int4:7", "int4:15", "int4:8", "int4:15", "float8:23.5"},
     "2013-07-15 08:15:23.5", "timestamp without time zone"},
    {"make_time", {"int4:8", "int4:15", "float8:23.5"}, "08:15:23.5", "time without time zone"},
    {"make_interval", {"int4:1", "int4:2", "int4:3", "int4:4", "int4:5", "int4:6", "float8:7.5"},
     "1 year 2 mons 25 days 05:06:07.5", "interval"},
    {"age", {"timestamp:2001-04-10", "timestamp:1957-06-13"}, "43 years 9 mons 27 days",
     "interval"},
    {"age", {"timestamp:1957-06-13", "timestamp:2001-04-10"}, "-43 years -9 mons -27 days",
     "interval"},
    {"age", {"timestamp:2020-03-01", "timestamp:2020-01-31 12:00"}, "1 mon 12:00:00", "interval"},
    {"justify_days", {"interval:35 days"}, "1 mon 5 days", "interval"},
    {"justify_hours", {"interval:27 hours"}, "1 day 03:00:00", "interval"},
    {"justify_interval", {"interval:1 mon -1 hour"}, "29 days 23:00:00", "interval"},
    {"to_char", {"timestamp:2020-03-05 14:07:09.123456", "text:YYYY-MM-DD HH24:MI:SS.MS.US"},
     "2020-03-05 14:07:09.123.123456", "text"},
    {"to_char", {"timestamp:2020-03-05 14:07:09", "text:HH HH12 am PM a.m."}, "02 02 pm PM p.m.",
     "text"},
    {"to_char", {"timestamp:2020-03-05 14:07:09", "text:Mon Month MONTH month mon|"},
     "Mar March     MARCH     march     mar|", "text"},
    {"to_char", {"timestamp:2020-03-05 14:07:09", "text:Day Dy DAY dy day|FMMonth FMDay"},
     "Thursday  Thu THURSDAY  thu thursday |March Thursday", "text"},
    {"to_char", {"timestamp:2020-03-05 14:07:09", "text:DDD D ID W WW IW Q CC J SSSS"},
     "065 5 4 1 10 10 1 21 2458914 50829", "text"},
    {"to_char", {"timestamp:2020-03-05 14:07:09", "text:YY YYY Y IYYY Y,YYY DDth FMDDTH FMDDth"},
     "20 020 0 2020 2,020 05th 5TH 5th", "text"},
    {"to_char", {"timestamp:2020-03-01", "text:\"quoted YYYY\" FMDD \"of\" FMMonth"},
     "quoted YYYY 1 of March", "text"},
    {"to_char", {"timestamptz:2020-03-05 14:07:09+00", "text:YYYY-MM-DD HH24:MI:SS TZ OF"},
     "2020-03-05 14:07:09 UTC +00", "text"},
    {"to_char", {"timestamp:0044-03-15 BC", "text:YYYY BC"}, "0044 BC", "text"},
    {"to_char", {"interval:1 day 3 hours", "text:HH24:MI DD"}, "03:00 01", "text"},
    {"to_date", {"text:2020-03-05", "text:YYYY-MM-DD"}, "2020-03-05", "date"},
    {"to_date", {"text:05 Mar 2020", "text:DD Mon YYYY"}, "2020-03-05", "date"},
    {"to_date", {"text:20200305", "text:YYYYMMDD"}, "2020-03-05", "date"},
    {"to_date", {"text:2020-13-05", "text:YYYY-MM-DD"},
     "ERROR 22008: date/time field value out of range: \"2020-13-05\"", nullptr},
    {"to_date", {"text:abcd-03-05", "text:YYYY-MM-DD"},
     "ERROR 22007: invalid value \"abcd\" for \"YYYY\"", nullptr},
    {"to_timestamp", {"text:2020-03-05 14:07:09", "text:YYYY-MM-DD HH24:MI:SS"},
     "2020-03-05 14:07:09+00", "timestamp with time zone"},
    {"to_timestamp", {"text:2020/3/5 2:07 PM", "text:YYYY/MM/DD HH:MI AM"},
     "2020-03-05 14:07:00+00", "timestamp with time zone"},
    {"to_timestamp", {"float8:1284352323.5"}, "2010-09-13 04:32:03.5+00",
     "timestamp with time zone"},
    {"pg_typeof", {"int4:1"}, "integer", "regtype"},
    {"pg_typeof", {"numeric:1.5"}, "numeric", "regtype"},
    {"pg_typeof", {"unknown:x"}, "unknown", "regtype"},
    {"num_nonnulls", {"int4:1", "null", "text:x"}, "2", "integer"},
    {"num_nulls", {"int4:1", "null", "text:x"}, "1", "integer"},
    {"foo", {"int4:1"}, "ERROR 42883: function foo(integer) does not exist", nullptr},
    {"abs", {"text:x"}, "ERROR 42883: function abs(text) does not exist", nullptr},
    {"length", {"null"}, nullptr, "integer"},
    {"lower", {"text:ΑΒΓ ДЖЯ ŁÓDŹ"}, "αβγ джя łódź", "text"},
    {"upper", {"text:αβγ джя łódź"}, "ΑΒΓ ДЖЯ ŁÓDŹ", "text"},
    {"initcap", {"text:hello2world  foo_bar ÉCOLE"}, "Hello2world  Foo_Bar École", "text"},
    {"translate", {"text:héllo", "text:él", "text:EL"}, "hELLo", "text"},
    {"lpad", {"text:ab", "int4:6", "text:é"}, "ééééab", "text"},
    {"left", {"text:héllo", "int4:2"}, "hé", "text"},
    {"right", {"text:héllo", "int4:-1"}, "éllo", "text"},
    {"substring", {"text:hello", "int4:-1", "int4:4"}, "he", "text"},
    {"substr", {"text:hello", "int4:2", "int4:100"}, "ello", "text"},
    {"split_part", {"text:a,b,c", "text:,", "int4:-4"}, "", "text"},
    {"split_part", {"text:a,b,c", "text:,", "int4:-1"}, "c", "text"},
    {"split_part", {"text:", "text:,", "int4:1"}, "", "text"},
    {"concat_ws", {"text:-", "null:text", "null:int4"}, "", "text"},
    {"concat", {"null:text"}, "", "text"},
    {"format", {"text:%s", "numeric:1.50"}, "1.50", "text"},
    {"format", {"text:%I %I", "text:select", "text:Foo"}, "\"select\" \"Foo\"", "text"},
    {"format", {"text:[%*s]", "int4:6", "text:ab"}, "[    ab]", "text"},
    {"format", {"text:[%-*s]", "int4:-6", "text:ab"}, "[ab    ]", "text"},
    {"format", {"text:%3$s %1$s", "text:a", "text:b", "text:c"}, "c a", "text"},
    {"format", {"text:%0$s", "text:a"},
     "ERROR 22023: format specifies argument 0, but arguments are numbered from 1", nullptr},
    {"format", {"text:%"}, "ERROR 22023: unterminated format() type specifier", nullptr},
    {"format", {"text:%s", "null:text"}, "", "text"},
    {"format", {"null:text", "text:a"}, nullptr, "text"},
    {"format", {"text:%I", "null:text"},
     "ERROR 22004: null values cannot be formatted as an SQL identifier", nullptr},
    {"format", {"text:abc"}, "abc", "text"},
    {"regexp_replace", {"text:hello world", "text:(o)|(x)", "text:[\\1\\2\\&]", "text:g"},
     "hell[oo] w[oo]rld", "text"},
    {"regexp_replace", {"text:abc", "text:x*", "text:-", "text:g"}, "-a-b-c-", "text"},
    {"regexp_replace", {"text:abc", "text:b", "text:\\\\", "text:g"}, "a\\c", "text"},
    {"regexp_replace", {"text:abc", "text:b", "text:x", "text:z"},
     "ERROR 22023: invalid regular expression option: \"z\"", nullptr},
    {"regexp_match", {"text:abc", "text:(x)?(b) "}, nullptr, "text[]"},
    {"regexp_match", {"text:a b,c", "text:(.*)"}, "{\"a b,c\"}", "text[]"},
    {"chr", {"int4:1114112"}, "ERROR 54000: requested character too large for encoding: 1114112",
     nullptr},
    {"chr", {"int4:-1"}, "ERROR 22023: character number must be positive", nullptr},
    {"chr", {"int4:55296"}, "ERROR 54000: requested character not valid for encoding: 55296",
     nullptr},
    {"to_hex", {"int8:9223372036854775807"}, "7fffffffffffffff", "text"},
    {"quote_ident", {"text:FooBar"}, "\"FooBar\"", "text"},
    {"quote_ident", {"text:"}, "\"\"", "text"},
    {"quote_ident", {"text:a1_b"}, "a1_b", "text"},
    {"quote_literal", {"text:"}, "''", "text"},
    {"mod", {"int8:-9223372036854775808", "int8:-1"}, "0", "bigint"},
    {"mod", {"int2:7", "int2:-3"}, "1", "smallint"},
    {"mod", {"numeric:-10.5", "numeric:3"}, "-1.5", "numeric"},
    {"gcd", {"int4:-2147483648", "int4:0"}, "ERROR 22003: integer out of range", nullptr},
    {"gcd", {"int8:0", "int8:0"}, "0", "bigint"},
    {"lcm", {"int4:2147483647", "int4:2147483646"}, "ERROR 22003: integer out of range", nullptr},
    {"div", {"numeric:1", "numeric:0"}, "ERROR 22012: division by zero", nullptr},
    {"mod", {"numeric:1", "numeric:0"}, "ERROR 22012: division by zero", nullptr},
    {"power", {"numeric:10", "numeric:20"}, "100000000000000000000.0000000000000000", "numeric"},
    {"power", {"numeric:1.5", "numeric:3"}, "3.3750000000000000", "numeric"},
    {"power", {"numeric:0", "numeric:0"}, "1.0000000000000000", "numeric"},
    {"power", {"numeric:0", "numeric:-1"},
     "ERROR 2201F: zero raised to a negative power is undefined", nullptr},
    {"power", {"numeric:-2", "numeric:3"}, "-8.0000000000000000", "numeric"},
    {"power", {"numeric:-2", "numeric:0.5"},
     "ERROR 2201F: a negative number raised to a non-integer power yields a complex result",
     nullptr},
    {"power", {"float8:2", "float8:0.5"}, "1.4142135623730951", "double precision"},
    {"power", {"float8:10", "float8:400"}, "ERROR 22003: value out of range: overflow", nullptr},
    {"sqrt", {"numeric:1000000"}, "1000.0000000000000", "numeric"},
    {"sqrt", {"numeric:0"}, "0.000000000000000", "numeric"},
    {"sqrt", {"numeric:0.0000000001"}, "0.000010000000000000000", "numeric"},
    {"sqrt", {"numeric:99999999999999999999"}, "10000000000.0000000", "numeric"},
    {"exp", {"numeric:-1"}, "0.3678794411714423", "numeric"},
    {"exp", {"numeric:0.001"}, "1.0010005001667083", "numeric"},
    {"exp", {"float8:-1000"}, "ERROR 22003: value out of range: underflow", nullptr},
    {"ln", {"numeric:0.5"}, "-0.6931471805599453", "numeric"},
    {"ln", {"numeric:10"}, "2.3025850929940457", "numeric"},
    {"ln", {"numeric:1"}, "0.0000000000000000", "numeric"},
    {"log", {"numeric:0.001"}, "-3.0000000000000000", "numeric"},
    {"log", {"numeric:10", "numeric:1000"}, "3.0000000000000000", "numeric"},
    {"log10", {"float8:0.001"}, "-3", "double precision"},
    {"round", {"numeric:0.5"}, "1", "numeric"},
    {"round", {"numeric:-0.5"}, "-1", "numeric"},
    {"round", {"numeric:9.99", "int4:1"}, "10.0", "numeric"},
    {"round", {"numeric:123.456", "int4:-5"}, "0", "numeric"},
    {"round", {"numeric:555", "int4:-1"}, "560", "numeric"},
    {"trunc", {"numeric:-555", "int4:-1"}, "-550", "numeric"},
    {"ceil", {"numeric:-0.5"}, "0", "numeric"},
    {"floor", {"numeric:0.5"}, "0", "numeric"},
    {"floor", {"numeric:-0.5"}, "-1", "numeric"},
    {"sign", {"numeric:-3.2"}, "-1", "numeric"},
    {"sign", {"float8:0"}, "0", "double precision"},
    {"abs", {"int8:-9223372036854775808"}, "ERROR 22003: bigint out of range", nullptr},
    {"cbrt", {"float8:-27"}, "-3.0000000000000004", "double precision"},
    {"degrees", {"float8:3.141592653589793"}, "180", "double precision"},
    {"width_bucket", {"float8:-1", "float8:0", "float8:10", "int4:5"}, "0", "integer"},
    {"width_bucket", {"float8:10", "float8:0", "float8:10", "int4:5"}, "6", "integer"},
    {"width_bucket", {"float8:5", "float8:10", "float8:0", "int4:5"}, "3", "integer"},
    {"width_bucket", {"float8:1", "float8:1", "float8:1", "int4:1"},
     "ERROR 2201G: lower bound cannot equal upper bound", nullptr},
    {"width_bucket", {"float8:1", "float8:0", "float8:2", "int4:0"},
     "ERROR 2201G: count must be greater than zero", nullptr},
    {"greatest", {"text:b", "unknown:c"}, "c", "text"},
    {"greatest", {"int4:1", "float8:1.5"}, "1.5", "double precision"},
    {"least", {"numeric:1.50", "numeric:1.5"}, "1.50", "numeric"},
    {"greatest", {"int4:1", "text:a"},
     "ERROR 42804: GREATEST types integer and text cannot be matched", nullptr},
    {"extract", {"text:year", "timestamp:0044-03-15 BC"}, "-44", "numeric"},
    {"extract", {"text:century", "timestamp:0044-03-15 BC"}, "-1", "numeric"},
    {"extract", {"text:decade", "timestamp:0044-03-15 BC"}, "-5", "numeric"},
    {"extract", {"text:millennium", "date:2000-12-31"}, "2", "numeric"},
    {"extract", {"text:dow", "timestamp:2020-01-05 10:00"}, "0", "numeric"},
    {"extract", {"text:epoch", "timestamptz:2020-01-01 00:00:01.5+00"}, "1577836801.500000",
     "numeric"},
    {"extract", {"text:timezone_hour", "timestamptz:2020-01-01 00:00+00"}, "0", "numeric"},
    {"extract", {"text:timezone", "timestamp:2020-01-01"},
     "ERROR 0A000: unit \"timezone\" not supported for type timestamp without time zone", nullptr},
    {"extract", {"text:week", "date:2020-12-31"}, "53", "numeric"},
    {"extract", {"text:week", "date:2021-01-04"}, "1", "numeric"},
    {"extract", {"text:isoyear", "date:2019-12-30"}, "2020", "numeric"},
    {"extract", {"text:hour", "interval:27 hours 3 minutes"}, "27", "numeric"},
    {"extract", {"text:minute", "interval:27 hours 3 minutes"}, "3", "numeric"},
    {"extract", {"text:epoch", "interval:-1 day"}, "-86400.000000", "numeric"},
    {"extract", {"text:milliseconds", "time:10:11:12.5"}, "12500.000", "numeric"},
    {"extract", {"text:day", "time:10:11:12.5"},
     "ERROR 0A000: unit \"day\" not supported for type time without time zone", nullptr},
    {"extract", {"text:julian", "date:2020-01-01"}, "2458850", "numeric"},
    {"extract", {"text:secs", "timestamp:2020-01-01 00:00:07"}, "7.000000", "numeric"},
    {"date_part", {"text:epoch", "timestamptz:2020-01-01 00:00:01.5+00"}, "1577836801.5",
     "double precision"},
    {"date_part", {"text:dow", "timestamp:2020-01-05 10:00"}, "0", "double precision"},
    {"date_part", {"text:foo", "date:2020-01-05"},
     "ERROR 22023: unit \"foo\" not recognized for type timestamp without time zone", nullptr},
    {"date_trunc", {"text:minute", "timestamptz:2001-02-16 20:38:40.5+00"},
     "2001-02-16 20:38:00+00", "timestamp with time zone"},
    {"date_trunc", {"text:week", "timestamp:2021-01-01"}, "2020-12-28 00:00:00",
     "timestamp without time zone"},
    {"date_trunc", {"text:day", "timestamp:0044-03-15 12:00 BC"}, "0044-03-15 00:00:00 BC",
     "timestamp without time zone"},
    {"date_trunc", {"text:century", "timestamp:0044-03-15 BC"}, "0100-01-01 00:00:00 BC",
     "timestamp without time zone"},
    {"date_trunc", {"text:decade", "timestamp:0044-03-15 BC"}, "0051-01-01 00:00:00 BC",
     "timestamp without time zone"},
    {"date_trunc", {"text:Month", "interval:1 year 5 months 3 days"}, "1 year 5 mons", "interval"},
    {"date_trunc", {"text:quarter", "interval:1 year 5 months 3 days"}, "1 year 3 mons",
     "interval"},
    {"date_trunc", {"text:second", "interval:01:02:03.456"}, "01:02:03", "interval"},
    {"make_time", {"int4:25", "int4:0", "float8:0"},
     "ERROR 22008: time field value out of range: 25:00:00", nullptr},
    {"make_date", {"int4:0", "int4:1", "int4:1"},
     "ERROR 22008: date field value out of range: 0-01-01", nullptr},
    {"make_date", {"int4:2020", "int4:2", "int4:29"}, "2020-02-29", "date"},
    {"make_timestamp", {"int4:2020", "int4:1", "int4:1", "int4:24", "int4:0", "float8:0"},
     "2020-01-02 00:00:00", "timestamp without time zone"},
    {"age", {"timestamp:2020-01-31", "timestamp:2019-12-31"}, "1 mon", "interval"},
    {"age", {"timestamp:2020-03-31", "timestamp:2020-02-29"}, "1 mon 2 days", "interval"},
    {"age", {"timestamp:2020-01-01", "timestamp:2020-01-01"}, "00:00:00", "interval"},
    {"justify_days", {"interval:-35 days"}, "-1 mons -5 days", "interval"},
    {"justify_days", {"interval:1 mon -35 days"}, "-5 days", "interval"},
    {"justify_hours", {"interval:-27 hours"}, "-1 days -03:00:00", "interval"},
    {"justify_interval", {"interval:-1 mon 1 hour"}, "-29 days -23:00:00", "interval"},
    {"justify_interval", {"interval:1 day -1 hour"}, "23:00:00", "interval"},
    {"to_char", {"timestamp:2020-03-05 00:07:09", "text:HH12:MI AM"}, "12:07 AM", "text"},
    {"to_char", {"timestamp:2020-03-05 12:07:09", "text:HH12:MI am"}, "12:07 pm", "text"},
    {"to_char", {"timestamp:2021-01-01", "text:IYYY-IW-ID IDDD"}, "2020-53-5 369", "text"},
    {"to_char", {"timestamp:2020-03-05", "text:FMYYYY FMMM FMDD"}, "2020 3 5", "text"},
    {"to_char", {"timestamp:2020-03-01", "text:DDth DDTH FMDDth"}, "01st 01ST 1st", "text"},
    {"to_char", {"timestamp:2020-03-02", "text:FMDDth FMDDth"}, "2nd 2nd", "text"},
    {"to_char", {"timestamp:2020-03-03", "text:FMDDth"}, "3rd", "text"},
    {"to_char", {"timestamp:2020-03-11", "text:FMDDth"}, "11th", "text"},
    {"to_char", {"timestamp:2020-03-22", "text:FMDDth"}, "22nd", "text"},
    {"to_char", {"timestamp:2020-03-05", "text:RM rm FMRM"}, "III  iii  III", "text"},
    {"to_char", {"timestamp:2020-03-05 14:07:09.123456", "text:FF1 FF2 FF3 FF4 FF5 FF6"},
     "1 12 123 1234 12345 123456", "text"},
    {"to_char", {"timestamp:2020-03-05", "text:yyyy-mm-dd hh24:mi:ss"}, "2020-03-05 00:00:00",
     "text"},
    {"to_char", {"timestamp:2020-03-05", "text:Q \"Q\" \\\"x\\\""}, "1 Q \"x\"", "text"},
    {"to_char", {"timestamp:2020-03-05", "text:SSSSS"}, "0", "text"},
    {"to_char", {"timestamp:2020-03-05", "text:A.D. a.d. AD"}, "A.D. a.d. AD", "text"},
    {"to_char", {"timestamp:12345-03-05", "text:YYYY"}, "12345", "text"},
    {"to_char", {"timestamp:2020-03-05", "text:"}, nullptr, "text"},
    {"to_char", {"timestamptz:2020-03-05 14:07:09+00", "text:TZH:TZM tz"}, "+00:00 utc", "text"},
    {"to_date", {"text:2020-060", "text:YYYY-DDD"}, "2020-02-29", "date"},
    {"to_date", {"text:March 5, 2020", "text:Month DD, YYYY"}, "2020-03-05", "date"},
    {"to_date", {"text:5 foo 2020", "text:DD Mon YYYY"},
     "ERROR 22007: invalid value \"foo\" for \"Mon\"", nullptr},
    {"to_date", {"text:20-03-05", "text:YY-MM-DD"}, "2020-03-05", "date"},
    {"to_date", {"text:99-03-05", "text:YY-MM-DD"}, "1999-03-05", "date"},
    {"to_timestamp", {"text:2020-03-05 14:07:09.123", "text:YYYY-MM-DD HH24:MI:SS.MS"},
     "2020-03-05 14:07:09.123+00", "timestamp with time zone"},
    {"to_timestamp", {"text:2020-03-05 13:07 PM", "text:YYYY-MM-DD HH:MI PM"},
     "ERROR 22007: hour \"13\" is invalid for the 12-hour clock", nullptr},
    {"to_timestamp", {"text:2020-03-05 12:07 AM", "text:YYYY-MM-DD HH:MI AM"},
     "2020-03-05 00:07:00+00", "timestamp with time zone"},
    {"to_timestamp", {"float8:0"}, "1970-01-01 00:00:00+00", "timestamp with time zone"},
    {"to_timestamp", {"float8:-1.5"}, "1969-12-31 23:59:58.5+00", "timestamp with time zone"},
    {"encode", {"bytea:\\x00ff41", "text:hex"}, "00ff41", "text"},
    {"encode", {"bytea:\\x00ff41", "text:base64"}, "AP9B", "text"},
    {"encode", {"bytea:\\x00ff415c", "text:escape"}, "\\000\\377A\\\\", "text"},
    {"encode", {"bytea:\\x00", "text:foo"}, "ERROR 22023: unrecognized encoding: \"foo\"", nullptr},
    {"decode", {"text:00ff41", "text:hex"}, "\\x00ff41", "bytea"},
    {"decode", {"text:AP9B", "text:base64"}, "\\x00ff41", "bytea"},
    {"decode", {"text:0g", "text:hex"}, "ERROR 22023: invalid hexadecimal digit: \"g\"", nullptr},
    {"decode", {"text:a\\000b\\\\", "text:escape"}, "\\x6100625c", "bytea"},
    {"sha256", {"bytea:\\x616263"},
     "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "bytea"},
    {"md5", {"bytea:\\x616263"}, "900150983cd24fb0d6963f7d28e17f72", "text"},
    {"textlike", {"text:ÀBC", "text:à%"}, "f", "boolean"},
    {"texticlike", {"text:ÀBC", "text:à%"}, "t", "boolean"},
    {"texticlike", {"text:ÉCOLE", "text:_cole"}, "t", "boolean"},
    {"round", {"numeric:4032607514.90", "int4:-1"}, "4032607510", "numeric"},
    {"round", {"numeric:14.9", "int4:-1"}, "10", "numeric"},
    {"trunc", {"numeric:-19.9", "int4:-1"}, "-10", "numeric"},
    // The functions behind the bitwise and prefix operators.
    {"int4and", {"int4:5", "int4:3"}, "1", "integer"},
    {"int2or", {"int2:5", "int2:3"}, "7", "smallint"},
    {"int8xor", {"int8:5", "int8:3"}, "6", "bigint"},
    {"int4not", {"int4:5"}, "-6", "integer"},
    {"int2not", {"int2:0"}, "-1", "smallint"},
    {"int4shl", {"int4:1", "int4:4"}, "16", "integer"},
    {"int4shl", {"int4:1", "int4:33"}, "2", "integer"},
    {"int4shl", {"int4:1", "int4:-1"}, "-2147483648", "integer"},
    {"int2shl", {"int2:1", "int4:17"}, "0", "smallint"},
    {"int2shl", {"int2:1", "int4:15"}, "-32768", "smallint"},
    {"int8shl", {"int8:1", "int4:65"}, "2", "bigint"},
    {"int4shr", {"int4:-8", "int4:1"}, "-4", "integer"},
    {"int2shr", {"int2:-32768", "int4:1"}, "-16384", "smallint"},
    {"int4abs", {"int4:-2147483648"}, "ERROR 22003: integer out of range", nullptr},
    {"float8abs", {"float8:-1.5"}, "1.5", "double precision"},
    {"dsqrt", {"float8:25"}, "5", "double precision"},
    {"dcbrt", {"float8:27"}, "3.0000000000000004", "double precision"},
    {"isfinite", {"date:infinity"}, "f", "boolean"},
    {"isfinite", {"date:2024-01-01"}, "t", "boolean"},
    {"isfinite", {"timestamp:-infinity"}, "f", "boolean"},
    {"isfinite", {"timestamptz:2024-01-01 00:00+00"}, "t", "boolean"},
    {"isfinite", {"interval:1 day"}, "t", "boolean"},
    // Arrays.
    {"array_to_string", {"int4[]:{1,2,3}", "text:,"}, "1,2,3", "text"},
    {"array_to_string", {"text[]:{a,NULL,c}", "text:-"}, "a-c", "text"},
    {"array_to_string", {"text[]:{a,NULL,c}", "text:-", "text:*"}, "a-*-c", "text"},
    {"array_to_string", {"text[]:{a,NULL,c}", "text:-", "null"}, "a-c", "text"},
    {"array_length", {"int4[]:{1,2,3}", "int4:1"}, "3", "integer"},
    {"array_length", {"int4[]:{}", "int4:1"}, nullptr, "integer"},
    {"array_length", {"int4[]:{1}", "int4:2"}, nullptr, "integer"},
    {"cardinality", {"int4[]:{}"}, "0", "integer"},
    {"array_lower", {"int4[]:[3:4]={1,2}", "int4:1"}, "3", "integer"},
    {"array_upper", {"int4[]:[3:4]={1,2}", "int4:1"}, "4", "integer"},
    {"array_dims", {"int4[]:[3:4]={1,2}"}, "[3:4]", "text"},
    {"array_ndims", {"int4[]:{}"}, nullptr, "integer"},
    {"array_append", {"int4[]:[5:6]={1,2}", "int4:3"}, "[5:7]={1,2,3}", "integer[]"},
    {"array_append", {"int4[]:{1}", "int8:2"}, "{1,2}", "bigint[]"},
    {"array_prepend", {"int4:0", "int4[]:[5:6]={1,2}"}, "[5:7]={0,1,2}", "integer[]"},
    {"array_cat", {"int4[]:[5:6]={1,2}", "int4[]:[2:3]={3,4}"}, "[5:8]={1,2,3,4}", "integer[]"},
    {"array_cat", {"int4[]:{}", "int4[]:[2:3]={3,4}"}, "[2:3]={3,4}", "integer[]"},
    {"array_cat", {"int4[]:{1}", "unknown[]:{2,3}"}, "{1,2,3}", "integer[]"},
    {"array_position", {"int4[]:[5:7]={1,2,1}", "int4:1", "int4:6"}, "7", "integer"},
    {"array_position", {"text[]:{a,NULL}", "null"}, "2", "integer"},
    {"array_positions", {"int4[]:{1,NULL,1}", "int4:1"}, "{1,3}", "integer[]"},
    {"array_remove", {"int4[]:[5:6]={1,2}", "int4:1"}, "[5:5]={2}", "integer[]"},
    {"string_to_array", {"text:a,b,,c", "text:,"}, "{a,b,\"\",c}", "text[]"},
    {"string_to_array", {"text:abc", "null"}, "{a,b,c}", "text[]"},
    {"string_to_array", {"text:", "text:,"}, "{}", "text[]"},
    {"string_to_array", {"text:a,*,b", "text:,", "text:*"}, "{a,NULL,b}", "text[]"},
    {"arraycontains", {"int4[]:{1,2}", "int4[]:{2,2}"}, "t", "boolean"},
    {"arraycontained", {"int4[]:{1,NULL}", "int4[]:{1,2}"}, "f", "boolean"},
    {"arrayoverlap", {"int4[]:{1,2}", "int4[]:{3}"}, "f", "boolean"},
    {"array_length", {"unknown:{1,2}", "int4:1"},
     "ERROR 42804: could not determine polymorphic type because input has type unknown", nullptr},
    // to_char for numbers, in the C locale.
    {"to_char", {"numeric:1234.5", "text:FM9999.00"}, "1234.50", "text"},
    {"to_char", {"numeric:1234.5", "text:99.99"}, " ##.##", "text"},
    {"to_char", {"numeric:-1234.5", "text:9999.99"}, "-1234.50", "text"},
    {"to_char", {"numeric:0.5", "text:9.99"}, "  .50", "text"},
    {"to_char", {"numeric:0.5", "text:FM9.99"}, ".5", "text"},
    {"to_char", {"numeric:-0.5", "text:9.9"}, " -.5", "text"},
    {"to_char", {"numeric:0", "text:FM9.99"}, "0.", "text"},
    {"to_char", {"int4:12", "text:0999"}, " 0012", "text"},
    {"to_char", {"int4:12", "text:9099"}, "  012", "text"},
    {"to_char", {"int4:-12", "text:S9999"}, "  -12", "text"},
    {"to_char", {"int4:12", "text:9999S"}, "  12+", "text"},
    {"to_char", {"int4:-12", "text:9999MI"}, "  12-", "text"},
    {"to_char", {"int4:-12", "text:9999PR"}, "  <12>", "text"},
    {"to_char", {"int4:12", "text:9999PR"}, "   12 ", "text"},
    {"to_char", {"int4:12", "text:PL9999"}, "+   12", "text"},
    {"to_char", {"int4:-12", "text:SG9999"}, "-  12", "text"},
    {"to_char", {"numeric:1234567.891", "text:9G999G999D999"}, " 1,234,567.891", "text"},
    {"to_char", {"numeric:1234567.891", "text:FM9,999,999.999"}, "1,234,567.891", "text"},
    {"to_char", {"numeric:1234.5678", "text:9.99EEEE"}, " 1.23e+03", "text"},
    {"to_char", {"numeric:-0.000123", "text:9.99EEEE"}, "-1.23e-04", "text"},
    {"to_char", {"int4:1234", "text:RN"}, "       MCCXXXIV", "text"},
    {"to_char", {"int4:1234", "text:FMRN"}, "MCCXXXIV", "text"},
    {"to_char", {"int4:4", "text:rn"}, "             iv", "text"},
    {"to_char", {"int4:4000", "text:RN"}, "###############", "text"},
    {"to_char", {"numeric:12.45", "text:99V99"}, " 1245", "text"},
    {"to_char", {"int4:22", "text:FM99th"}, "22nd", "text"},
    {"to_char", {"int4:11", "text:99TH"}, " 11TH", "text"},
    {"to_char", {"int4:12", "text:\"abc\"999\" x\""}, "abc  12 x", "text"},
    {"to_char", {"numeric:100", "text:FM990.99"}, "100.", "text"},
    {"to_char", {"int4:-5", "text:000"}, "-005", "text"},
    {"to_char", {"int4:12345", "text:999"}, " ###", "text"},
    {"to_char", {"numeric:99.995", "text:99.99"}, " ##.##", "text"},
    {"to_char", {"numeric:1234.5", "text:FMS9999.99"}, "+1234.5", "text"},
    {"to_char", {"numeric:-1234.5", "text:9999.99S"}, "1234.50-", "text"},
    {"to_char", {"float8:123456789012345", "text:999999999999999.99"}, " 123456789012345", "text"},
    {"to_char", {"float8:Infinity", "text:9999"}, " ####", "text"},
    {"to_char", {"float8:NaN", "text:9999.9"}, "  NaN", "text"},
    {"to_char", {"float8:Infinity", "text:9.99EEEE"}, " #.######", "text"},
    {"to_char", {"float4:1234.5678", "text:9999.9999"}, " 1234.57", "text"},
    {"to_char", {"float8:2.5", "text:9"}, " 2", "text"},
    {"to_char", {"int4:1234", "text:9.99EEEE"}, " 1.23e+03", "text"},
    {"to_char", {"int8:-5", "text:9.9EEEE"}, "-5.0e+00", "text"},
    {"to_char", {"int8:12", "text:99V999"}, " 12000", "text"},
    {"to_char", {"float8:12.5", "text:99V9"}, " 125", "text"},
    {"to_char", {"int4:12", "text:99\\\"9"}, "  1\"2", "text"},
    {"to_char", {"int4:1", "text:9PR9"}, "ERROR 42601: \"9\" must be ahead of \"PR\"", nullptr},
    {"to_char", {"int4:1", "text:FM9EEEE"},
     "ERROR 42601: \"EEEE\" is incompatible with other formats", nullptr},
    {"to_char", {"int4:1", "text:99.9.9"}, "ERROR 42601: multiple decimal points", nullptr},
    {"to_char", {"int8:3000000000", "text:RN"}, "ERROR 22003: integer out of range", nullptr},
};
const AggCase kAggCases[] = {
    {"count(*)", "int4", {"1", "null", "3"}, nullptr, "3", "bigint"},
    {"count(*)", "int4", {}, nullptr, "0", "bigint"},
    {"count", "int4", {"1", "null", "3"}, nullptr, "2", "bigint"},
    {"count", "int4", {}, nullptr, "0", "bigint"},
    {"sum", "int4", {"1", "2", "null", "3"}, nullptr, "6", "bigint"},
    {"sum", "int4", {}, nullptr, nullptr, "bigint"},
    {"sum", "int2", {"1", "2"}, nullptr, "3", "bigint"},
    {"sum", "int8", {"9223372036854775807", "9223372036854775807"}, nullptr, "18446744073709551614",
     "numeric"},
    {"sum", "numeric", {"1.5", "2.25", "null"}, nullptr, "3.75", "numeric"},
    {"sum", "float8", {"0.1", "0.2"}, nullptr, "0.30000000000000004", "double precision"},
    {"sum", "float4", {"0.1", "0.2"}, nullptr, "0.3", "real"},
    {"sum", "interval", {"1 day", "2 hours"}, nullptr, "1 day 02:00:00", "interval"},
    {"sum", "numeric", {}, nullptr, nullptr, "numeric"},
    {"avg", "int4", {"1", "2"}, nullptr, "1.5000000000000000", "numeric"},
    {"avg", "int4", {"1", "2", "2"}, nullptr, "1.6666666666666667", "numeric"},
    {"avg", "int4", {"100000", "200000"}, nullptr, "150000.000000000000", "numeric"},
    {"avg", "int8", {"0", "0"}, nullptr, "0.00000000000000000000", "numeric"},
    {"avg", "int2", {}, nullptr, nullptr, "numeric"},
    {"avg", "numeric", {"1.5", "2.25"}, nullptr, "1.8750000000000000", "numeric"},
    {"avg", "float8", {"1", "2", "4"}, nullptr, "2.3333333333333335", "double precision"},
    {"avg", "float4", {"1", "2"}, nullptr, "1.5", "double precision"},
    {"avg", "interval", {"1 day", "2 hours"}, nullptr, "13:00:00", "interval"},
    {"min", "int4", {"3", "null", "1", "2"}, nullptr, "1", "integer"},
    {"max", "text", {"b", "null", "a", "c"}, nullptr, "c", "text"},
    {"max", "date", {"2020-01-01", "2021-01-01"}, nullptr, "2021-01-01", "date"},
    {"min", "numeric", {"1.50", "1.5", "2"}, nullptr, "1.5", "numeric"},
    {"max", "int4", {}, nullptr, nullptr, "integer"},
    {"bool_and", "bool", {"true", "false"}, nullptr, "f", "boolean"},
    {"bool_and", "bool", {"true", "null"}, nullptr, "t", "boolean"},
    {"bool_or", "bool", {"false", "false"}, nullptr, "f", "boolean"},
    {"every", "bool", {"true", "true"}, nullptr, "t", "boolean"},
    {"bool_or", "bool", {}, nullptr, nullptr, "boolean"},
    {"string_agg", "text", {"a", "null", "b"}, ",", "a,b", "text"},
    {"string_agg", "text", {"a", "b"}, "null", "ab", "text"},
    {"string_agg", "text", {}, ",", nullptr, "text"},
    {"stddev", "int4", {"1", "2", "3", "4"}, nullptr, "1.2909944487358056", "numeric"},
    {"variance", "int4", {"1", "2", "3", "4"}, nullptr, "1.6666666666666667", "numeric"},
    {"stddev_pop", "int4", {"1", "2", "3", "4"}, nullptr, "1.1180339887498948", "numeric"},
    {"var_pop", "int4", {"1", "2", "3", "4"}, nullptr, "1.2500000000000000", "numeric"},
    {"stddev", "float8", {"1", "2", "3", "4"}, nullptr, "1.2909944487358056", "double precision"},
    {"var_samp", "numeric", {"1.5", "2.5", "4"}, nullptr, "1.5833333333333333", "numeric"},
    {"stddev", "int4", {"5"}, nullptr, nullptr, "numeric"},
    {"variance", "int4", {"5", "5"}, nullptr, "0", "numeric"},
    {"sum", "float8", {"1e308", "1e308"}, nullptr, "ERROR 22003: value out of range: overflow",
     "double precision"},
    {"sum", "float8", {"1e200", "-1e200"}, nullptr, "0", "double precision"},
    {"avg", "float8", {"1e200", "-1e200"}, nullptr, "ERROR 22003: value out of range: overflow",
     "double precision"},
    {"sum", "int4", {"2147483647", "2147483647"}, nullptr, "4294967294", "bigint"},
    {"sum", "int8", {"-9223372036854775808", "-1"}, nullptr, "-9223372036854775809", "numeric"},
    {"avg", "int8", {"9223372036854775807", "9223372036854775807"}, nullptr, "9223372036854775807",
     "numeric"},
    {"avg", "numeric", {"0.1", "0.2", "0.3"}, nullptr, "0.20000000000000000000", "numeric"},
    {"avg", "int4", {"-1", "-2"}, nullptr, "-1.5000000000000000", "numeric"},
    {"variance", "numeric", {"0.1", "0.2"}, nullptr, "0.00500000000000000000", "numeric"},
    {"stddev_pop", "float8", {"1.5"}, nullptr, "0", "double precision"},
    {"min", "text", {"b", "a"}, nullptr, "a", "text"},
    {"max", "interval", {"1 day", "25 hours"}, nullptr, "25:00:00", "interval"},
    {"max", "timestamptz", {"2020-01-01 00:00+00", "2019-01-01 00:00+00"}, nullptr,
     "2020-01-01 00:00:00+00", "timestamp with time zone"},
};
// clang-format on

LogicalType TypeByName(std::string_view n) {
  if (n.ends_with("[]")) return LogicalType::Array(TypeByName(n.substr(0, n.size() - 2)));
  static const std::pair<std::string_view, TypeId> kNames[] = {
      {"int2", TypeId::kInt16},
      {"int4", TypeId::kInt32},
      {"int8", TypeId::kInt64},
      {"float4", TypeId::kFloat32},
      {"float8", TypeId::kFloat64},
      {"numeric", TypeId::kNumeric},
      {"text", TypeId::kText},
      {"bpchar", TypeId::kChar},
      {"bool", TypeId::kBool},
      {"date", TypeId::kDate},
      {"time", TypeId::kTime},
      {"timestamp", TypeId::kTimestamp},
      {"timestamptz", TypeId::kTimestampTz},
      {"interval", TypeId::kInterval},
      {"bytea", TypeId::kBytea},
      {"unknown", TypeId::kUnknown},
  };
  for (const auto& [name, id] : kNames) {
    if (name == n) return LogicalType(id);
  }
  ADD_FAILURE() << "unknown type name " << n;
  return LogicalType();
}

Value Parse(std::string_view text, const LogicalType& t) {
  if (t.id == TypeId::kUnknown) return Value::String(TypeId::kUnknown, std::string(text));
  Result<Value> v = types::ParseText(text, t);
  EXPECT_TRUE(v.ok()) << text << ": " << v.status().ToString();
  return v.ok() ? *v : Value::Null(t.id);
}

// "type:literal" | "null" | "null:type"
Value ArgValue(std::string_view spec) {
  if (spec == "null") return Value::Null();
  size_t colon = spec.find(':');
  std::string_view type = spec.substr(0, colon), text = spec.substr(colon + 1);
  if (type == "null") return Value::Null(TypeByName(text).id);
  if (type == "unknown[]") return Value::String(TypeId::kUnknown, std::string(text));
  return Parse(text, TypeByName(type));
}

std::string Display(const Value& v) {
  if (v.is_null()) return "NULL";
  return types::ToText(v);
}

// PostgreSQL types Zijin reports differently: pg_typeof returns regtype.
std::string ExpectedType(std::string_view pg) {
  if (pg == "regtype") return "text";
  return std::string(pg);
}

FunctionContext TestContext(uint64_t* seed) {
  FunctionContext ctx;
  ctx.transaction_timestamp_us = 631152000LL * 1000000;  // 2020-01-01 00:00:00 UTC
  ctx.statement_timestamp_us = ctx.transaction_timestamp_us + 1000;
  ctx.random_state = seed;
  ctx.current_user = "alice";
  ctx.current_database = "db1";
  ctx.current_schema = "public";
  return ctx;
}

std::string Error(const Status& st) { return "ERROR " + st.sqlstate() + ": " + st.message(); }

// Resolves, casts and calls as the executor does; "ERROR <sqlstate>: <message>" on failure.
std::string Call(std::string_view name, std::vector<Value> args, std::string* type_name) {
  std::vector<LogicalType> types;
  for (const Value& v : args) {
    types.emplace_back(v.type());
    if (v.type() == TypeId::kArray && !v.is_null()) {
      types.back() = LogicalType::Array(types::DecodeArray(v)->element);
    }
  }
  Result<ResolvedCall> call = ResolveCall(name, types, {});
  if (!call.ok()) return Error(call.status());
  const ScalarFunction* const* f = &call->fn;
  const std::vector<LogicalType>& casts = call->arg_casts;
  EXPECT_EQ(casts.size(), args.size());
  bool has_null = false;
  for (size_t i = 0; i < args.size(); ++i) {
    Value& v = args[i];
    const LogicalType& to = casts[i];
    if (v.is_null()) {
      v = Value::Null(to.id);
      has_null = true;
    } else if (v.type() == TypeId::kUnknown && to.id != TypeId::kUnknown) {
      v = Parse(v.GetString(), to);
    } else if (types[i] != to && to.id != TypeId::kUnknown) {
      Result<Value> c = types::CastValue(v, to);
      if (!c.ok()) return Error(c.status());
      v = *c;
    }
  }
  *type_name = call->result_type.ToString();
  if ((*f)->strict && has_null) return "NULL";
  uint64_t seed = 42;
  FunctionContext ctx = TestContext(&seed);
  ctx.result_type = &call->result_type;
  Result<Value> r = (*f)->fn(args.data(), args.size(), ctx);
  if (!r.ok()) return Error(r.status());
  return Display(*r);
}

TEST(FunctionsTest, ScalarCasesMatchPostgres) {
  for (const ScalarCase& c : kScalarCases) {
    std::vector<Value> args;
    std::string label = std::string(c.fn) + "(";
    for (const char* a : c.args) {
      args.push_back(ArgValue(a));
      label += std::string(a) + ", ";
    }
    label += ")";
    std::string type;
    std::string got = Call(c.fn, args, &type);
    std::string want = c.expected == nullptr ? "NULL" : c.expected;
    if (want.starts_with("ERROR") && want.find(':') == std::string::npos) {
      got = got.substr(0, want.size());  // only the SQLSTATE is compared
    }
    EXPECT_EQ(got, want) << label;
    if (c.type != nullptr && got.rfind("ERROR", 0) != 0) {
      EXPECT_EQ(type, ExpectedType(c.type)) << label;
    }
  }
}

std::string RunAggregate(const AggCase& c, std::string* type_name) {
  bool star = std::strcmp(c.fn, "count(*)") == 0;
  std::string name = star ? "count" : c.fn;
  LogicalType t = TypeByName(c.type);
  std::vector<LogicalType> arg_types;
  if (!star) arg_types.push_back(t);
  if (c.delim != nullptr) arg_types.emplace_back(TypeId::kText);
  std::vector<LogicalType> casts;
  Result<const AggregateFunction*> f = ResolveAggregate(name, arg_types, &casts);
  if (!f.ok()) return Error(f.status());
  const AggregateFunction& agg = **f;
  *type_name = agg.return_type.ToString();
  alignas(16) unsigned char state[512];
  EXPECT_LE(agg.state_size, sizeof(state));
  agg.init(state);
  Value delim = c.delim == nullptr || std::strcmp(c.delim, "null") == 0 ? Value::Null(TypeId::kText)
                                                                        : Value::Text(c.delim);
  for (const char* lit : c.values) {
    bool null = std::strcmp(lit, "null") == 0;
    if (star) {
      EXPECT_TRUE(agg.update(state, Value::Null()).ok());
      continue;
    }
    if (null) continue;
    Value v = Parse(lit, t);
    if (!casts.empty() && casts[0].id != t.id && casts[0].id != TypeId::kUnknown) {
      Result<Value> cv = types::CastValue(v, casts[0]);
      EXPECT_TRUE(cv.ok());
      v = *cv;
    }
    Status st = agg.nargs == 2 ? agg.update2(state, v, delim) : agg.update(state, v);
    if (!st.ok()) {
      agg.destroy(state);
      return Error(st);
    }
  }
  Result<Value> r = agg.finalize(state);
  std::string out = r.ok() ? Display(*r) : Error(r.status());
  agg.destroy(state);
  return out;
}

TEST(FunctionsTest, AggregateCasesMatchPostgres) {
  for (const AggCase& c : kAggCases) {
    std::string label = std::string(c.fn) + " over " + c.type;
    for (const char* v : c.values) label += std::string(" ") + v;
    std::string type;
    std::string got = RunAggregate(c, &type);
    EXPECT_EQ(got, c.expected == nullptr ? "NULL" : c.expected) << label;
    EXPECT_EQ(type, c.result_type) << label;
  }
}

TEST(FunctionsTest, OverloadResolution) {
  std::vector<LogicalType> casts;
  Result<const ScalarFunction*> f = ResolveScalar("abs", {LogicalType(TypeId::kInt32)}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->return_type.id, TypeId::kInt32);

  f = ResolveScalar("round", {LogicalType(TypeId::kNumeric)}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->return_type.id, TypeId::kNumeric);

  // An int4 argument goes to round(float8)? No: PostgreSQL picks round(numeric) only when
  // numeric is the better match; for int4 both are implicit casts and float8 is preferred.
  f = ResolveScalar("round", {LogicalType(TypeId::kInt32)}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(casts[0].id, TypeId::kFloat64);

  f = ResolveScalar("LENGTH", {LogicalType(TypeId::kUnknown)}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(casts[0].id, TypeId::kText);

  f = ResolveScalar("length", {LogicalType(TypeId::kVarchar)}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(casts[0].id, TypeId::kText);

  f = ResolveScalar("foo", {LogicalType(TypeId::kInt32)}, &casts);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().sqlstate(), "42883");
  EXPECT_EQ(f.status().message(), "function foo(integer) does not exist");
  EXPECT_EQ(f.status().info().hint,
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");

  f = ResolveScalar("to_char", {LogicalType(TypeId::kUnknown), LogicalType(TypeId::kUnknown)},
                    &casts);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().sqlstate(), "42725");
  EXPECT_EQ(f.status().message(), "function to_char(unknown, unknown) is not unique");

  f = ResolveScalar("concat", {}, &casts);
  EXPECT_EQ(f.status().sqlstate(), "42883");

  f = ResolveScalar("concat", {LogicalType(TypeId::kInt32), LogicalType(TypeId::kDate)}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(casts[0].id, TypeId::kInt32);  // "any" arguments are not cast
  EXPECT_EQ(casts[1].id, TypeId::kDate);

  f = ResolveScalar("greatest", {LogicalType(TypeId::kInt32), LogicalType(TypeId::kInt64)}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->return_type.id, TypeId::kInt64);
  EXPECT_EQ(casts[0].id, TypeId::kInt64);

  f = ResolveScalar("date_trunc", {LogicalType(TypeId::kUnknown), LogicalType(TypeId::kDate)},
                    &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->return_type.id, TypeId::kTimestampTz);

  Result<const AggregateFunction*> a = ResolveAggregate("count", {}, &casts);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->nargs, 0u);
  a = ResolveAggregate("count", {LogicalType(TypeId::kText)}, &casts);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->nargs, 1u);
  a = ResolveAggregate("max", {LogicalType(TypeId::kVarchar)}, &casts);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->return_type.id, TypeId::kText);
  a = ResolveAggregate("sum", {LogicalType(TypeId::kText)}, &casts);
  EXPECT_EQ(a.status().sqlstate(), "42883");
  EXPECT_EQ(a.status().message(), "function sum(text) does not exist");

  EXPECT_EQ((*ResolveScalar("abs", {LogicalType(TypeId::kInt32)}, nullptr))->oid, 1397u);
  EXPECT_EQ((*ResolveAggregate("count", {}, nullptr))->oid, 2803u);

  EXPECT_TRUE(IsAggregateName("SUM"));
  EXPECT_TRUE(IsAggregateName("string_agg"));
  EXPECT_FALSE(IsAggregateName("abs"));
}

TEST(FunctionsTest, NamedAndDefaultArguments) {
  const LogicalType i4(TypeId::kInt32), unknown(TypeId::kUnknown);
  std::vector<LogicalType> casts;
  // make_interval(days => 10): every other parameter takes its default.
  Result<ResolvedCall> c = ResolveCall("make_interval", {i4}, {"days"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->param_sources, (std::vector<int>{-1, -1, -1, 0, -1, -1, -1}));
  EXPECT_EQ(c->arg_casts, (std::vector<LogicalType>{i4}));
  EXPECT_EQ(c->fn->defaults.size(), 7u);
  EXPECT_EQ(c->result_type.id, TypeId::kInterval);
  // Positional first, then named in any order.
  c = ResolveCall("make_date", {i4, i4, i4}, {"", "day", "month"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->param_sources, (std::vector<int>{0, 2, 1}));
  // Fewer positional arguments than parameters: defaults fill the rest.
  c = ResolveCall("make_interval", {i4, unknown}, {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->param_sources, (std::vector<int>{0, 1, -1, -1, -1, -1, -1}));
  EXPECT_EQ(c->arg_casts[1].id, TypeId::kInt32);
  // Without a way to report defaults, such calls do not resolve.
  EXPECT_FALSE(ResolveScalar("make_interval", {i4}, &casts).ok());
  // A name that is not a parameter, one given twice, a parameter without a default left out.
  c = ResolveCall("make_interval", {i4}, {"foo"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "function make_interval(foo => integer) does not exist");
  c = ResolveCall("make_interval", {i4, i4}, {"", "years"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(),
            "function make_interval(integer, years => integer) does not exist");
  c = ResolveCall("make_date", {i4, i4}, {"year", "month"});
  EXPECT_EQ(c.status().sqlstate(), "42883");
}

TEST(FunctionsTest, OperatorResolution) {
  const LogicalType i2(TypeId::kInt16), i4(TypeId::kInt32), i8(TypeId::kInt64);
  const LogicalType unknown(TypeId::kUnknown), num(TypeId::kNumeric), text(TypeId::kText);
  std::vector<LogicalType> casts;
  Result<const ScalarFunction*> f = ResolveOperator("&", {i4, i4}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->name, "int4and");
  f = ResolveOperator("&", {i2, i8}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->name, "int8and");
  f = ResolveOperator("<<", {i2, i4}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->name, "int2shl");
  f = ResolveOperator("#", {i4, unknown}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->name, "int4xor");
  EXPECT_EQ(casts[1].id, TypeId::kInt32);
  // @ of an untyped literal is float8abs, as in PostgreSQL (float8 is the preferred type).
  f = ResolveOperator("@", {unknown}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->name, "float8abs");
  f = ResolveOperator("@", {num}, &casts);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->name, "numeric_abs");
  f = ResolveOperator("&", {i4, num}, &casts);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().sqlstate(), "42883");
  EXPECT_EQ(f.status().message(), "operator does not exist: integer & numeric");
  f = ResolveOperator("@", {text}, &casts);
  EXPECT_EQ(f.status().message(), "operator does not exist: @ text");
  f = ResolveOperator("&", {unknown, unknown}, &casts);
  EXPECT_EQ(f.status().sqlstate(), "42725");
  EXPECT_EQ(f.status().message(), "operator is not unique: unknown & unknown");
}

TEST(FunctionsTest, ContextFunctions) {
  uint64_t seed = 7;
  FunctionContext ctx = TestContext(&seed);
  auto call = [&](const char* name) {
    std::vector<LogicalType> casts;
    Result<const ScalarFunction*> f = ResolveScalar(name, {}, &casts);
    EXPECT_TRUE(f.ok()) << name;
    Result<Value> v = (*f)->fn(nullptr, 0, ctx);
    EXPECT_TRUE(v.ok()) << name;
    return *v;
  };
  EXPECT_EQ(Display(call("now")), "2020-01-01 00:00:00+00");
  EXPECT_EQ(Display(call("current_date")), "2020-01-01");
  EXPECT_EQ(call("current_user").GetString(), "alice");
  EXPECT_EQ(call("session_user").GetString(), "alice");
  EXPECT_EQ(call("current_database").GetString(), "db1");
  EXPECT_EQ(call("current_schema").GetString(), "public");
  EXPECT_EQ(call("version").GetString().rfind("PostgreSQL 15", 0), 0u);
  Value uuid = call("gen_random_uuid");
  EXPECT_EQ(uuid.type(), TypeId::kUuid);
  EXPECT_EQ(types::ToText(uuid).size(), 36u);
  double r1 = call("random").GetDouble(), r2 = call("random").GetDouble();
  EXPECT_NE(r1, r2);
  EXPECT_GE(r1, 0.0);
  EXPECT_LT(r1, 1.0);
  const ScalarFunction* random = *ResolveScalar("random", {}, nullptr);
  EXPECT_EQ(random->volatility, Volatility::kVolatile);
}

TEST(FunctionsTest, SessionTimeZone) {
  types::FormatOptions opts;
  opts.time_zone = "+08";
  FunctionContext ctx = TestContext(nullptr);
  ctx.format = &opts;
  auto call = [&](const char* name, std::vector<Value> args) {
    std::vector<LogicalType> types;
    for (const Value& v : args) types.emplace_back(v.type());
    Result<const ScalarFunction*> f = ResolveScalar(name, types, nullptr);
    EXPECT_TRUE(f.ok()) << name;
    Result<Value> r = (*f)->fn(args.data(), args.size(), ctx);
    EXPECT_TRUE(r.ok()) << name;
    return *r;
  };
  const int64_t kHour = 3600LL * 1000000;
  Value ts = Value::TimestampTz(631152000LL * 1000000 + 20 * kHour);  // 2020-01-01 20:00 UTC
  // 2020-01-02 04:00+08 truncates to 2020-01-02 00:00+08 = 2020-01-01 16:00 UTC.
  EXPECT_EQ(call("date_trunc", {Value::Text("day"), ts}).GetInt(), ts.GetInt() - 4 * kHour);
  EXPECT_EQ(call("to_char", {ts, Value::Text("YYYY-MM-DD HH24 TZ OF")}).GetString(),
            "2020-01-02 04 +08 +08");
  EXPECT_EQ(Display(call("extract", {Value::Text("timezone"), ts})), "28800");
  EXPECT_EQ(Display(call("extract", {Value::Text("day"), ts})), "2");
  EXPECT_EQ(Display(call("current_date", {})), "2020-01-01");
  Value parsed =
      call("to_timestamp", {Value::Text("2020-01-02 04:00"), Value::Text("YYYY-MM-DD HH24:MI")});
  EXPECT_EQ(parsed.GetInt(), ts.GetInt());
}

TEST(FunctionsTest, LikeMatch) {
  struct Case {
    const char* s;
    const char* pattern;
    char escape;
    bool icase;
    bool expected;
  };
  const Case kCases[] = {
      {"abc", "abc", '\\', false, true},
      {"abc", "a%", '\\', false, true},
      {"abc", "%c", '\\', false, true},
      {"abc", "_b_", '\\', false, true},
      {"abc", "a_", '\\', false, false},
      {"abc", "%", '\\', false, true},
      {"", "%", '\\', false, true},
      {"", "_", '\\', false, false},
      {"a%c", "a\\%c", '\\', false, true},
      {"abc", "a\\%c", '\\', false, false},
      {"a_c", "a#_c", '#', false, true},
      {"abc", "a#_c", '#', false, false},
      {"ABC", "a%", '\\', true, true},
      {"ABC", "a%", '\\', false, false},
      {"héllo", "h_llo", '\\', false, true},
      {"héllo", "h__llo", '\\', false, false},
      {"a\\b", "a\\b", '\0', false, true},
      {"xaxbx", "%a%b%", '\\', false, true},
      {"mississippi", "%iss%ppi", '\\', false, true},
      {"abc", "%%%d", '\\', false, false},
  };
  for (const Case& c : kCases) {
    Result<bool> r = LikeMatch(c.s, c.pattern, c.escape, c.icase);
    ASSERT_TRUE(r.ok()) << c.s << " LIKE " << c.pattern;
    EXPECT_EQ(*r, c.expected) << c.s << " LIKE " << c.pattern;
  }
  Result<bool> r = LikeMatch("abc", "ab\\", '\\', false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().sqlstate(), "22025");
  EXPECT_EQ(r.status().message(), "LIKE pattern must not end with escape character");
}

TEST(FunctionsTest, RegistryIsWellFormed) {
  for (const ScalarFunction& f : AllScalarFunctions()) {
    EXPECT_NE(f.fn, nullptr) << f.name;
    for (char c : f.name) EXPECT_FALSE(c >= 'A' && c <= 'Z') << f.name;
    EXPECT_TRUE(!f.variadic || !f.arg_types.empty()) << f.name;
  }
  for (const AggregateFunction& a : AllAggregateFunctions()) {
    EXPECT_LE(a.state_size, 512u) << a.name;
    EXPECT_TRUE(a.init && a.finalize && a.destroy) << a.name;
    EXPECT_TRUE(a.nargs == 2 ? a.update2 != nullptr : a.update != nullptr) << a.name;
  }
}

}  // namespace
}  // namespace zijin::exec
