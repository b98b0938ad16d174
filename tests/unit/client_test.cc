// Unit tests for the shell's psql-compatible printer and its statement splitter.
#include <gtest/gtest.h>

#include "client/printer.h"
#include "client/split.h"

namespace zijin::client {
namespace {

using Row = std::vector<std::optional<std::string>>;

PrintTable Table(std::vector<PrintColumn> cols, std::vector<Row> rows) {
  PrintTable t;
  t.columns = std::move(cols);
  t.rows = std::move(rows);
  return t;
}

// Expected strings below are psql 15's output for the same results.
TEST(PrinterTest, SingleValue) {
  auto t = Table({{"?column?", true}}, {{"1"}});
  EXPECT_EQ(FormatTable(t, {}), " ?column? \n----------\n        1\n(1 row)\n\n");
}

TEST(PrinterTest, MixedColumnsNullsNewlinesAndWideCharacters) {
  auto t = Table(
      {{"a", true}, {"b"}, {"c"}, {"d", true}, {"e"}, {"f"}},
      {{"1", "hello", std::nullopt, "1.5", "x\ny", "é中文"}, {"22", "x", "z", "100", "q", "ab"}});
  EXPECT_EQ(FormatTable(t, {}),
            " a  |   b   | c |  d  | e |   f   \n"
            "----+-------+---+-----+---+-------\n"
            "  1 | hello |   | 1.5 | x+| é中文\n"
            "    |       |   |     | y | \n"
            " 22 | x     | z | 100 | q | ab\n"
            "(2 rows)\n\n");
}

TEST(PrinterTest, NoRows) {
  auto t = Table({{"a", true}}, {});
  EXPECT_EQ(FormatTable(t, {}), " a \n---\n(0 rows)\n\n");
}

TEST(PrinterTest, NoColumns) {
  auto t = Table({}, {Row{}});
  EXPECT_EQ(FormatTable(t, {}), "--\n(1 row)\n\n");
}

TEST(PrinterTest, ControlCharacters) {
  auto t = Table({{"t"}, {"c"}, {"r"}}, {{"a\tb", "\x01z", "r\rr"}});
  EXPECT_EQ(FormatTable(t, {}),
            "     t     |   c   |  r   \n"
            "-----------+-------+------\n"
            " a       b | \\x01z | r\\rr\n"
            "(1 row)\n\n");
}

TEST(PrinterTest, TitleIsCentered) {
  auto t =
      Table({{"Schema"}, {"Name"}, {"Type"}, {"Owner"}}, {{"public", "t", "table", "postgres"}});
  t.title = "List of relations";
  EXPECT_EQ(FormatTable(t, {}),
            "        List of relations\n"
            " Schema | Name | Type  |  Owner   \n"
            "--------+------+-------+----------\n"
            " public | t    | table | postgres\n"
            "(1 row)\n\n");
}

TEST(PrinterTest, FootersReplaceRowCount) {
  auto t = Table({{"Column"}, {"Type"}}, {{"id", "integer"}});
  t.title = "Table \"public.t\"";
  t.row_count_footer = false;
  t.footers = {"Indexes:", "    \"t_pkey\" PRIMARY KEY, btree (id)"};
  EXPECT_EQ(FormatTable(t, {}),
            " Table \"public.t\"\n"
            " Column |  Type   \n"
            "--------+---------\n"
            " id     | integer\n"
            "Indexes:\n"
            "    \"t_pkey\" PRIMARY KEY, btree (id)\n\n");
}

TEST(PrinterTest, Expanded) {
  PrintOptions x;
  x.expanded = true;
  auto t = Table({{"a", true}, {"bbbbb"}, {"c", true}},
                 {{"1", "hello", "3.25"}, {"100000", "multi\nline", std::nullopt}});
  EXPECT_EQ(FormatTable(t, x),
            "-[ RECORD 1 ]-\n"
            "a     | 1\n"
            "bbbbb | hello\n"
            "c     | 3.25\n"
            "-[ RECORD 2 ]-\n"
            "a     | 100000\n"
            "bbbbb | multi +\n"
            "      | line\n"
            "c     | \n"
            "\n");
  EXPECT_EQ(FormatTable(Table({{"a", true}}, {{"1"}}), x), "-[ RECORD 1 ]\na | 1\n\n");
  EXPECT_EQ(FormatTable(Table({{"a", true}}, {}), x), "(0 rows)\n\n");
}

TEST(PrinterTest, ExpandedLongValuesExtendTheRecordLine) {
  PrintOptions x;
  x.expanded = true;
  auto t = Table({{"name"}}, {{"a rather long value"}});
  EXPECT_EQ(FormatTable(t, x), "-[ RECORD 1 ]-------------\nname | a rather long value\n\n");
}

TEST(PrinterTest, TuplesOnlyAndUnaligned) {
  auto t = Table({{"a", true}, {"b", true}}, {{"1", "2"}, {"3", "4"}});
  PrintOptions tuples;
  tuples.tuples_only = true;
  EXPECT_EQ(FormatTable(t, tuples), " 1 | 2\n 3 | 4\n\n");
  PrintOptions tx = tuples;
  tx.expanded = true;
  EXPECT_EQ(FormatTable(t, tx), "a | 1\nb | 2\n--+--\na | 3\nb | 4\n\n");
  PrintOptions unaligned;
  unaligned.unaligned = true;
  auto u = Table({{"a", true}, {"b"}}, {{"1", std::nullopt}, {"3", "4"}});
  EXPECT_EQ(FormatTable(u, unaligned), "a|b\n1|\n3|4\n(2 rows)\n");
  unaligned.tuples_only = true;
  EXPECT_EQ(FormatTable(u, unaligned), "1|\n3|4\n");
}

TEST(PrinterTest, DisplayWidthAndAlignment) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("中文"), 4);
  EXPECT_EQ(DisplayWidth("é"), 1);
  EXPECT_TRUE(IsRightAlignedType(23));
  EXPECT_TRUE(IsRightAlignedType(1700));
  EXPECT_FALSE(IsRightAlignedType(25));
  EXPECT_FALSE(IsRightAlignedType(16));
}

std::vector<std::string> Statements(StatementSplitter* s, const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    for (auto& p : s->FeedLine(l)) {
      out.push_back((p.kind == StatementSplitter::Piece::Kind::kMeta ? "\\" : "") + p.text);
    }
  }
  return out;
}

TEST(SplitterTest, SplitsOnSemicolons) {
  StatementSplitter s;
  EXPECT_EQ(Statements(&s, {"select 1; select 2;", "  select", "  3;"}),
            (std::vector<std::string>{"select 1;", "select 2;", "select\n  3;"}));
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.PromptChar(), '=');
}

TEST(SplitterTest, QuotesAndCommentsHideSemicolons) {
  StatementSplitter s;
  EXPECT_EQ(
      Statements(&s, {"select 'a;b', \"x;\"\"y\", 'it''s;' -- c;", "/* ; /* ; */ ; */ ;"}),
      (std::vector<std::string>{"select 'a;b', \"x;\"\"y\", 'it''s;' -- c;\n/* ; /* ; */ ; */ ;"}));
  EXPECT_EQ(Statements(&s, {"select E'\\';', 1;"}),
            (std::vector<std::string>{"select E'\\';', 1;"}));
}

TEST(SplitterTest, DollarQuotes) {
  StatementSplitter s;
  EXPECT_EQ(Statements(&s, {"create function f() returns int as $body$", "select 1;",
                            "$body$ language sql;"}),
            (std::vector<std::string>{
                "create function f() returns int as $body$\nselect 1;\n$body$ language sql;"}));
  EXPECT_EQ(Statements(&s, {"select $$a;$$, $1;"}),
            (std::vector<std::string>{"select $$a;$$, $1;"}));
  EXPECT_EQ(Statements(&s, {"select a$b$c;"}), (std::vector<std::string>{"select a$b$c;"}));
}

TEST(SplitterTest, ParenthesesKeepStatementsOpen) {
  StatementSplitter s;
  EXPECT_TRUE(
      Statements(&s, {"create rule r as on insert to t do (insert into u values (1);"}).empty());
  EXPECT_EQ(s.PromptChar(), '(');
  EXPECT_EQ(Statements(&s, {"select 2);"}).size(), 1u);
}

TEST(SplitterTest, PromptCharacters) {
  StatementSplitter s;
  (void)s.FeedLine("select 'abc");
  EXPECT_EQ(s.PromptChar(), '\'');
  s.Reset();
  (void)s.FeedLine("select \"abc");
  EXPECT_EQ(s.PromptChar(), '"');
  s.Reset();
  (void)s.FeedLine("select $$abc");
  EXPECT_EQ(s.PromptChar(), '$');
  s.Reset();
  (void)s.FeedLine("select /* abc");
  EXPECT_EQ(s.PromptChar(), '*');
  s.Reset();
  (void)s.FeedLine("select");
  EXPECT_EQ(s.PromptChar(), '-');
}

TEST(SplitterTest, LeadingCommentsAndBlankLinesAreDropped) {
  StatementSplitter s;
  EXPECT_TRUE(Statements(&s, {"-- a comment", "", "   "}).empty());
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(Statements(&s, {"-- c", "select 1;"}), (std::vector<std::string>{"select 1;"}));
}

TEST(SplitterTest, MetaCommands) {
  StatementSplitter s;
  EXPECT_EQ(Statements(&s, {"\\d t", "select 1 \\g"}), (std::vector<std::string>{"\\d t", "\\g"}));
  EXPECT_EQ(s.TakeBuffer(), "select 1 ");
  EXPECT_EQ(Statements(&s, {"select ';\\x';"}), (std::vector<std::string>{"select ';\\x';"}));
  StatementSplitter t;
  EXPECT_EQ(Statements(&t, {"select", "1", "\\g"}), (std::vector<std::string>{"\\g"}));
  EXPECT_EQ(t.TakeBuffer(), "select\n1");
  EXPECT_TRUE(t.empty());
}

}  // namespace
}  // namespace zijin::client
