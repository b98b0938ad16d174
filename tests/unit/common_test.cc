// Tests for Status, Result and the settings registry.
#include <gtest/gtest.h>

#include "common/settings.h"
#include "common/status.h"

namespace zijin {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::Error(sqlstate::kInvalidParameterValue, "odd");
  return x / 2;
}

Status Chain(int x, int* out) {
  ZJ_ASSIGN_OR_RETURN(int h, Half(x));
  ZJ_ASSIGN_OR_RETURN(*out, Half(h));
  return Status::OK();
}

TEST(StatusTest, OkIsFreeAndErrorsCarrySqlstate) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  Status e = Status::Error(sqlstate::kUndefinedTable, "relation \"t\" does not exist").WithPosition(15);
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.sqlstate(), "42P01");
  EXPECT_EQ(e.info().position, 15);
  Status copy = e;
  EXPECT_EQ(copy.ToString(), "42P01: relation \"t\" does not exist");
}

TEST(StatusTest, ResultPlumbing) {
  int out = 0;
  EXPECT_TRUE(Chain(8, &out).ok());
  EXPECT_EQ(out, 2);
  Status s = Chain(6, &out);
  EXPECT_TRUE(s.Is(sqlstate::kInvalidParameterValue));
}

// Canonicalize() then Display(), as SET then SHOW.
std::string SetShow(const common::Settings& reg, const char* name, const char* value) {
  const common::SettingDef* def = reg.Find(name);
  auto v = common::Settings::Canonicalize(*def, value, reg.Get(name));
  if (!v.ok()) return "error " + v.status().sqlstate() + ": " + v.status().message();
  return common::Settings::Display(*def, *v);
}

TEST(SettingsTest, IntegersWithUnitsAsPostgreSql) {
  common::Settings reg;
  EXPECT_EQ(SetShow(reg, "statement_timeout", "1000"), "1s");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "1500"), "1500ms");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "2min"), "2min");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "1.5s"), "1500ms");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "1 h"), "1h");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "1000us"), "1ms");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "100us"), "0");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "0x10"), "16ms");
  EXPECT_EQ(SetShow(reg, "lock_timeout", "86400001"), "86400001ms");
  EXPECT_EQ(SetShow(reg, "lock_timeout", "1d"), "1d");
  EXPECT_EQ(SetShow(reg, "log_min_duration_statement", "-1"), "-1");
  EXPECT_EQ(SetShow(reg, "work_mem", "4096"), "4MB");
  EXPECT_EQ(SetShow(reg, "work_mem", "1.5MB"), "1536kB");
  EXPECT_EQ(SetShow(reg, "work_mem", "1GB"), "1GB");
  EXPECT_EQ(SetShow(reg, "shared_buffers", "128MB"), "128MB");
  EXPECT_EQ(SetShow(reg, "extra_float_digits", "2.5"), "2");  // rounds half to even
  EXPECT_EQ(SetShow(reg, "statement_timeout", "abc"),
            "error 22023: invalid value for parameter \"statement_timeout\": \"abc\"");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "5 sec"),
            "error 22023: invalid value for parameter \"statement_timeout\": \"5 sec\"");
  EXPECT_EQ(SetShow(reg, "statement_timeout", "-1"),
            "error 22023: -1 ms is outside the valid range for parameter \"statement_timeout\" "
            "(0 .. 2147483647)");
  EXPECT_EQ(SetShow(reg, "work_mem", "64kb"),
            "error 22023: invalid value for parameter \"work_mem\": \"64kb\"");
  EXPECT_EQ(SetShow(reg, "max_connections", "5ms"),
            "error 22023: invalid value for parameter \"max_connections\": \"5ms\"");
}

TEST(SettingsTest, BooleansAcceptUniquePrefixes) {
  common::Settings reg;
  for (const char* on : {"on", "ON", "true", "tr", "t", "yes", "Y", "1"}) {
    EXPECT_EQ(SetShow(reg, "enable_seqscan", on), "on") << on;
  }
  for (const char* off : {"off", "of", "false", "f", "no", "n", "0"}) {
    EXPECT_EQ(SetShow(reg, "enable_seqscan", off), "off") << off;
  }
  for (const char* bad : {"maybe", "o", "2", " on", "truee"}) {
    EXPECT_EQ(SetShow(reg, "enable_seqscan", bad),
              "error 22023: parameter \"enable_seqscan\" requires a Boolean value")
        << bad;
  }
}

TEST(SettingsTest, DateStyle) {
  common::Settings reg;
  const common::SettingDef& def = *reg.Find("datestyle");
  auto set = [&](const char* v, const char* current) {
    auto r = common::Settings::Canonicalize(def, v, current);
    return r.ok() ? *r : r.status().info().detail;
  };
  EXPECT_EQ(set("ISO, DMY", "ISO, MDY"), "ISO, DMY");
  EXPECT_EQ(set("ymd", "ISO, MDY"), "ISO, YMD");
  EXPECT_EQ(set("ISO", "ISO, DMY"), "ISO, DMY");  // the order stays
  EXPECT_EQ(set("euro", "ISO, MDY"), "ISO, DMY");
  EXPECT_EQ(set("default", "ISO, DMY"), "ISO, MDY");
  EXPECT_EQ(set("DMY, YMD", "ISO, MDY"), "Conflicting \"datestyle\" specifications.");
  EXPECT_EQ(set("Nonsense", "ISO, MDY"), "Unrecognized key word: \"nonsense\".");
  EXPECT_EQ(set("a,,b", "ISO, MDY"), "List syntax is invalid.");
}

TEST(SettingsTest, IdentifierLists) {
  std::vector<std::string> out;
  ASSERT_TRUE(common::SplitIdentifierList("\"$user\", public", ',', &out));
  EXPECT_EQ(out, (std::vector<std::string>{"$user", "public"}));
  ASSERT_TRUE(common::SplitIdentifierList(" App ,\"My \"\"S\"\"\",x", ',', &out));
  EXPECT_EQ(out, (std::vector<std::string>{"app", "My \"S\"", "x"}));
  ASSERT_TRUE(common::SplitIdentifierList("  ", ',', &out));
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(common::SplitIdentifierList("a,,b", ',', &out));
  EXPECT_FALSE(common::SplitIdentifierList("a,", ',', &out));
  EXPECT_FALSE(common::SplitIdentifierList("\"open", ',', &out));
  EXPECT_FALSE(common::SplitIdentifierList("a b", ',', &out));
  EXPECT_EQ(common::QuoteListIdentifier("public"), "public");
  EXPECT_EQ(common::QuoteListIdentifier("$user"), "\"$user\"");
  EXPECT_EQ(common::QuoteListIdentifier("My\"S"), "\"My\"\"S\"");
}

TEST(SettingsTest, SessionSetShowAndPlaceholders) {
  common::Settings reg;
  common::SessionSettings s(&reg);
  ASSERT_TRUE(s.Set("Statement_Timeout", "5000").ok());
  EXPECT_EQ(s.Get("statement_timeout"), "5000");
  EXPECT_EQ(*s.Show("statement_timeout"), "5s");
  EXPECT_TRUE(s.Show("foo").status().Is(sqlstate::kUndefinedObject));
  EXPECT_TRUE(s.Set("foo", "1").Is(sqlstate::kUndefinedObject));
  EXPECT_TRUE(s.Set("server_version", "1").Is(sqlstate::kCantChangeRuntimeParam));
  EXPECT_TRUE(s.Set("port", "1").Is(sqlstate::kCantChangeRuntimeParam));
  // Custom options exist once SET; a rolled-back SET leaves them empty.
  EXPECT_TRUE(s.Show("myapp.user_id").status().Is(sqlstate::kUndefinedObject));
  auto saved = s.Save();
  ASSERT_TRUE(s.Set("MyApp.User_Id", "42").ok());
  EXPECT_EQ(*s.Show("myapp.user_id"), "42");
  s.Restore(saved);
  EXPECT_EQ(*s.Show("myapp.user_id"), "");
  EXPECT_TRUE(s.Set("myapp.", "1").Is(sqlstate::kInvalidName));
}

}  // namespace
}  // namespace zijin
