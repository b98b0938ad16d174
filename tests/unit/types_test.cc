// Unit tests of the types module.
#include <gtest/gtest.h>

TEST(Types, Placeholder) {}
