// Tests for Status and Result.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace zijin
