// Unit tests of the types module.
#include <gtest/gtest.h>

#include "types/datetime.h"
#include "types/type_io.h"

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

}  // namespace
}  // namespace zijin::types
