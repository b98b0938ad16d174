// JdbcCheck: the PostgreSQL JDBC driver (Debian's libpostgresql-jdbc-java) against a server:
// typed PreparedStatement parameters and getters, batches, transactions with savepoints,
// errors with their SQLSTATEs, cursors with a fetch size, generated keys, multiple results, a
// read-only transaction, a query timeout, CopyManager, and metadata (ResultSetMetaData,
// getTables, getColumns, getSchemas, getTypeInfo, getUDTs; not getPrimaryKeys, whose query Zijin
// cannot run yet). Runs in java's single-file source mode; passes against PostgreSQL 15 as
// against Zijin.
//
// usage: java -cp /usr/share/java/postgresql.jar JdbcCheck.java jdbc:postgresql://HOST:PORT/DB
//
// Each check runs in three connection modes: the driver's default (text until a statement has
// run five times, then a named server-side statement with binary results), prepareThreshold=-1
// (named statements and binary results from the first execution) with batched inserts rewritten
// into multi-row INSERTs, and preferQueryMode=simple (no extended protocol at all). Exits 1 on
// any mismatch.
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PGInterval;

public class JdbcCheck {
  static int passed = 0;
  static int failed = 0;
  static String mode = "";

  static void check(boolean ok, String what, Object detail) {
    if (ok) {
      ++passed;
      return;
    }
    ++failed;
    System.out.println("FAIL [" + mode + "] " + what + (detail == null ? "" : ": " + detail));
  }

  static void eq(Object got, Object want, String what) {
    boolean same = got instanceof Object[] && want instanceof Object[]
        ? Arrays.deepEquals((Object[]) got, (Object[]) want)
        : got instanceof byte[] && want instanceof byte[]
            ? Arrays.equals((byte[]) got, (byte[]) want)
            : Objects.equals(got, want);
    check(same, what, "got " + show(got) + ", want " + show(want));
  }

  static String show(Object o) {
    if (o instanceof Object[]) return Arrays.deepToString((Object[]) o);
    if (o instanceof byte[]) return Arrays.toString((byte[]) o);
    return o == null ? "null" : o + " (" + o.getClass().getSimpleName() + ")";
  }

  // One row of the typed table, as Java values.
  record Row(int id, Boolean b, Short i2, Long i8, Float f4, Double f8, BigDecimal n, String t,
             String vc, byte[] by, LocalDate d, LocalTime tm, LocalDateTime ts,
             OffsetDateTime tz, String iv, Integer[] ia, String[] ta, UUID u) {}

  static final String kColumns =
      "id integer PRIMARY KEY, b boolean, i2 smallint, i8 bigint, f4 real, f8 double precision,"
      + " n numeric(12,3), t text, vc varchar(10), by bytea, d date, tm time, ts timestamp,"
      + " tz timestamptz, iv interval, ia integer[], ta text[], u uuid";

  static Row makeRow(int k) {
    return new Row(k, k % 2 == 0, (short) (k * 1000 - 4000), Long.MAX_VALUE - k, 1.5f * k + 0.1f,
        Math.PI * k * (k % 2 == 0 ? 1 : -1),
        new BigDecimal("12345.678").multiply(BigDecimal.valueOf(k % 2 == 0 ? k : -k)),
        "héllo ✓ 日本 it's \"" + k + "\"", "v" + k,
        new byte[] {0, (byte) 255, (byte) k, 92, 39}, LocalDate.of(2024, 2, 29).plusDays(k * 100L),
        LocalTime.of(12, 34, 56, 789000000).plusSeconds(k),
        LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123456000).plusHours(k * 1000L),
        OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 500000000, ZoneOffset.ofHours(2)).plusDays(k * 40L),
        k + " years 2 mons 3 days 04:05:06.789", new Integer[] {k, null, -k},
        new String[] {"a,b", "q\"uote", null, "", "back\\slash", "k" + k},
        new UUID(0xa0eebc999c0b4ef8L + k, 0xbb6d6bb9bd380a11L - k));
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java -cp postgresql.jar JdbcCheck.java JDBC_URL");
      System.exit(2);
    }
    String[] modes = {"prepareThreshold=5", "prepareThreshold=-1&reWriteBatchedInserts=true",
                      "preferQueryMode=simple"};
    for (String m : modes) {
      mode = m;
      String url = args[0] + (args[0].contains("?") ? "&" : "?") + m;
      try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
        checkConnection(c);
        checkTypes(c);
        checkNulls(c);
        checkBatches(c);
        checkTransactions(c);
        checkCursor(c);
        checkStatements(c);
        checkMetadata(c);
      } catch (SQLException e) {
        check(false, "unexpected exception", e.getSQLState() + " " + e.getMessage());
        e.printStackTrace(System.out);
      } catch (java.io.IOException e) {
        check(false, "unexpected exception", e);
      }
    }
    System.out.println("jdbc: " + passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  static void checkConnection(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    eq(md.getDatabaseProductName(), "PostgreSQL", "database product name");
    eq(md.getDatabaseMajorVersion(), 15, "database major version");
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW TimeZone")) {
      check(rs.next(), "SHOW TimeZone", null);
      eq(rs.getString(1), "America/New_York", "the JVM's time zone set at startup");
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS jt");
      s.execute("CREATE TABLE jt (" + kColumns + ")");
    }
  }

  // pgjdbc 42.5 cannot inline a bytea parameter in simple query mode (it sends a bare "?"), so
  // there the bytes go as text in bytea's hex format.
  static void setBytes(PreparedStatement ps, int i, byte[] b) throws SQLException {
    if (!mode.contains("simple")) {
      ps.setBytes(i, b);
      return;
    }
    StringBuilder hex = new StringBuilder("\\x");
    for (byte x : b) hex.append(String.format("%02x", x));
    ps.setObject(i, hex.toString(), Types.OTHER);
  }

  static void insertRow(PreparedStatement ps, Connection c, Row r) throws SQLException {
    ps.setInt(1, r.id());
    ps.setBoolean(2, r.b());
    ps.setShort(3, r.i2());
    ps.setLong(4, r.i8());
    ps.setFloat(5, r.f4());
    ps.setDouble(6, r.f8());
    ps.setBigDecimal(7, r.n());
    ps.setString(8, r.t());
    ps.setString(9, r.vc());
    setBytes(ps, 10, r.by());
    ps.setObject(11, r.d());
    ps.setObject(12, r.tm());
    ps.setObject(13, r.ts());
    ps.setObject(14, r.tz());
    ps.setObject(15, new PGInterval(r.iv()));
    ps.setArray(16, c.createArrayOf("integer", r.ia()));
    ps.setArray(17, c.createArrayOf("text", r.ta()));
    ps.setObject(18, r.u());
  }

  static void checkRow(ResultSet rs, Row r) throws SQLException {
    String at = "row " + r.id() + " ";
    eq(rs.getInt("id"), r.id(), at + "getInt(integer)");
    eq(rs.getBoolean("b"), r.b(), at + "getBoolean");
    eq(rs.getShort("i2"), r.i2(), at + "getShort");
    eq(rs.getObject("i2"), (int) r.i2(), at + "getObject(smallint)");
    eq(rs.getLong("i8"), r.i8(), at + "getLong");
    eq(rs.getObject("i8"), r.i8(), at + "getObject(bigint)");
    eq(rs.getFloat("f4"), r.f4(), at + "getFloat");
    eq(rs.getDouble("f8"), r.f8(), at + "getDouble");
    eq(rs.getBigDecimal("n"), r.n().setScale(3), at + "getBigDecimal(numeric(12,3))");
    eq(rs.getString("t"), r.t(), at + "getString(text)");
    eq(rs.getString("vc"), r.vc(), at + "getString(varchar)");
    eq(rs.getBytes("by"), r.by(), at + "getBytes");
    eq(rs.getObject("d", LocalDate.class), r.d(), at + "getObject(date)");
    eq(rs.getDate("d").toLocalDate(), r.d(), at + "getDate");
    eq(rs.getObject("tm", LocalTime.class), r.tm(), at + "getObject(time)");
    eq(rs.getObject("ts", LocalDateTime.class), r.ts(), at + "getObject(timestamp)");
    eq(rs.getTimestamp("ts").toLocalDateTime(), r.ts(), at + "getTimestamp(timestamp)");
    OffsetDateTime tz = rs.getObject("tz", OffsetDateTime.class);
    check(tz != null && tz.isEqual(r.tz()), at + "getObject(timestamptz)", tz + " vs " + r.tz());
    eq(rs.getTimestamp("tz").toInstant(), r.tz().toInstant(), at + "getTimestamp(timestamptz)");
    eq(rs.getObject("iv"), new PGInterval(r.iv()), at + "getObject(interval)");
    Array ia = rs.getArray("ia");
    eq(ia == null ? null : ia.getArray(), r.ia(), at + "getArray(integer[])");
    Array ta = rs.getArray("ta");
    eq(ta == null ? null : ta.getArray(), r.ta(), at + "getArray(text[])");
    eq(rs.getObject("u"), r.u(), at + "getObject(uuid)");
  }

  // The server's text form of row 3's values, as PostgreSQL 15 prints them.
  static final String[] kRow3Text = {
      "3", "false", "-1000", "9223372036854775804", "4.6", "-9.42477796076938", "-37037.034",
      "héllo ✓ 日本 it's \"3\"", "v3", "\\x00ff035c27", "2024-12-25", "12:34:59.789",
      "2024-07-03 12:34:56.123456", "2024-10-29 06:00:00.5-04",
      "3 years 2 mons 3 days 04:05:06.789",
      "{3,NULL,-3}", "{\"a,b\",\"q\\\"uote\",NULL,\"\",\"back\\\\slash\",k3}",
      "a0eebc99-9c0b-4efb-bb6d-6bb9bd380a0e"};

  static void checkTypes(Connection c) throws SQLException {
    List<Row> rows = new ArrayList<>();
    // Eight executions of one statement cross the default prepareThreshold of five.
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO jt VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int k = 1; k <= 8; ++k) {
        Row r = makeRow(k);
        rows.add(r);
        insertRow(ps, c, r);
        eq(ps.executeUpdate(), 1, "insert row " + k);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM jt WHERE id = ?")) {
      for (int round = 0; round < 2; ++round) {
        for (Row r : rows) {
          ps.setInt(1, r.id());
          try (ResultSet rs = ps.executeQuery()) {
            check(rs.next(), "select row " + r.id(), null);
            checkRow(rs, r);
            check(!rs.next(), "one row for id " + r.id(), null);
          }
        }
      }
    }
    String[] names = "id b i2 i8 f4 f8 n t vc by d tm ts tz iv ia ta u".split(" ");
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT " + String.join("::text, ", names) + "::text FROM jt WHERE id = 3")) {
      check(rs.next(), "select row 3 as text", null);
      for (int i = 0; i < kRow3Text.length; ++i) {
        eq(rs.getString(i + 1), kRow3Text[i], "row 3 column " + (i + 1) + " as printed");
      }
    }
    // Parameters compared on the server side, each of a different type.
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT count(*) FROM jt WHERE n = ? AND d = ? AND b = ? AND t = ? AND by = ? AND tz = ?"
        + " AND u = ?")) {
      Row r = rows.get(5);
      for (int round = 0; round < 6; ++round) {
        ps.setBigDecimal(1, r.n());
        ps.setObject(2, r.d());
        ps.setBoolean(3, r.b());
        ps.setString(4, r.t());
        setBytes(ps, 5, r.by());
        ps.setObject(6, r.tz().withOffsetSameInstant(ZoneOffset.ofHours(-3)));
        ps.setObject(7, r.u());
        try (ResultSet rs = ps.executeQuery()) {
          check(rs.next(), "count by parameters", null);
          eq(rs.getLong(1), 1L, "rows matching typed parameters, round " + round);
        }
      }
    }
    // Expressions of every kind of result the driver decodes in binary.
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ?::int4 + 1, ?::int8 * 2, ?::float8 / 4, ?::numeric * 2, ?::text || 'x', "
        + "?::date + 1, length(?::bytea), ?::bool IS NOT TRUE")) {
      for (int round = 0; round < 6; ++round) {
        ps.setInt(1, 41);
        ps.setLong(2, 1L << 40);
        ps.setDouble(3, 1.0);
        ps.setBigDecimal(4, new BigDecimal("-0.0005"));
        ps.setString(5, "é");
        ps.setObject(6, LocalDate.of(1999, 12, 31));
        setBytes(ps, 7, new byte[300]);
        ps.setNull(8, Types.BOOLEAN);
        try (ResultSet rs = ps.executeQuery()) {
          check(rs.next(), "expressions", null);
          eq(rs.getInt(1), 42, "int4 expression");
          eq(rs.getLong(2), 1L << 41, "int8 expression");
          eq(rs.getDouble(3), 0.25, "float8 expression");
          eq(rs.getBigDecimal(4), new BigDecimal("-0.0010"), "numeric expression");
          eq(rs.getString(5), "éx", "text expression");
          eq(rs.getObject(6, LocalDate.class), LocalDate.of(2000, 1, 1), "date expression");
          eq(rs.getInt(7), 300, "bytea length");
          eq(rs.getBoolean(8), true, "NULL IS NOT TRUE");
        }
      }
    }
  }

  static void checkNulls(Connection c) throws SQLException {
    int[] types = {Types.BOOLEAN, Types.SMALLINT, Types.BIGINT, Types.REAL, Types.DOUBLE,
        Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.BINARY, Types.DATE, Types.TIME,
        Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.OTHER, Types.ARRAY, Types.ARRAY,
        Types.OTHER};
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO jt VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, 100);
      for (int i = 0; i < types.length; ++i) ps.setNull(i + 2, types[i]);
      eq(ps.executeUpdate(), 1, "insert a row of NULLs");
    }
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM jt WHERE id = 100")) {
      check(rs.next(), "select the row of NULLs", null);
      for (int i = 2; i <= 18; ++i) {
        check(rs.getObject(i) == null, "NULL in column " + i, rs.getObject(i));
      }
      eq(rs.getInt("i2"), 0, "getInt of NULL");
      check(rs.wasNull(), "wasNull", null);
    }
  }

  static void checkBatches(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE jb (id integer PRIMARY KEY, v text NOT NULL, n numeric)");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jb VALUES (?, ?, ?)")) {
      for (int i = 1; i <= 250; ++i) {
        ps.setInt(1, i);
        ps.setString(2, "value " + i);
        ps.setBigDecimal(3, BigDecimal.valueOf(i, 2));
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      eq(counts.length, 250, "batch update counts");
      // Rewritten into multi-row INSERTs, the driver cannot tell rows apart: SUCCESS_NO_INFO.
      int each = mode.contains("reWrite") ? Statement.SUCCESS_NO_INFO : 1;
      check(Arrays.stream(counts).allMatch(n -> n == each), "each batch insert counts one row",
            Arrays.toString(counts));
    }
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*), sum(n), max(v) FROM jb")) {
      check(rs.next(), "batch result", null);
      eq(rs.getLong(1), 250L, "batch rows");
      eq(rs.getBigDecimal(2), new BigDecimal("313.75"), "batch sum");
      eq(rs.getString(3), "value 99", "batch max");
    }
    // A failing batch: the duplicate key aborts it with 23505.
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jb VALUES (?, ?, NULL)")) {
      for (int i : new int[] {300, 301, 5, 302}) {
        ps.setInt(1, i);
        ps.setString(2, "again");
        ps.addBatch();
      }
      ps.executeBatch();
      check(false, "a batch with a duplicate key fails", null);
    } catch (BatchUpdateException e) {
      eq(e.getSQLState(), "23505", "the batch's error");
    }
    // A statement batch of different statements.
    try (Statement s = c.createStatement()) {
      s.addBatch("UPDATE jb SET v = 'even' WHERE id % 2 = 0");
      s.addBatch("DELETE FROM jb WHERE id > 200");
      s.addBatch("INSERT INTO jb VALUES (1000, 'last', 1)");
      int[] counts = s.executeBatch();
      // One Sync ends an extended-protocol batch, so the failed batch left nothing; in simple
      // mode each statement was its own transaction and the driver went on after the error,
      // leaving 300, 301 and 302.
      eq(Arrays.toString(counts), mode.contains("simple") ? "[127, 53, 1]" : "[125, 50, 1]",
         "statement batch update counts");
    }
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(
             "SELECT count(*) FILTER (WHERE v = 'even'), count(*) FROM jb")) {
      check(rs.next(), "after the statement batch", null);
      eq(rs.getLong(1), 100L, "rows updated by the batch");
      eq(rs.getLong(2), 201L, "rows left by the batch");
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE jb");
    }
  }

  static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void checkTransactions(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE jx (id integer PRIMARY KEY, v text)");
    }
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jx VALUES (?, ?)")) {
      ps.setInt(1, 1);
      ps.setString(2, "rolled back");
      ps.executeUpdate();
      eq(count(c, "jx"), 1L, "a row seen inside its transaction");
      c.rollback();
      eq(count(c, "jx"), 0L, "rollback removes it");

      ps.setInt(1, 2);
      ps.setString(2, "kept");
      ps.executeUpdate();
      Savepoint sp = c.setSavepoint("sp");
      ps.setInt(1, 3);
      ps.setString(2, "to the savepoint");
      ps.executeUpdate();
      c.rollback(sp);
      ps.setInt(1, 4);
      ps.setString(2, "after the savepoint");
      ps.executeUpdate();
      c.commit();
      eq(count(c, "jx"), 2L, "commit keeps rows 2 and 4");

      // An error aborts the transaction: 23505, then 25P02 until rollback.
      ps.setInt(1, 5);
      ps.setString(2, "lost");
      ps.executeUpdate();
      try {
        ps.setInt(1, 2);
        ps.setString(2, "duplicate");
        ps.executeUpdate();
        check(false, "duplicate key fails", null);
      } catch (SQLException e) {
        eq(e.getSQLState(), "23505", "duplicate key SQLSTATE");
      }
      try {
        count(c, "jx");
        check(false, "statement in a failed transaction fails", null);
      } catch (SQLException e) {
        eq(e.getSQLState(), "25P02", "in failed transaction SQLSTATE");
      }
      c.rollback();
      eq(count(c, "jx"), 2L, "rollback after the error");
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
      rs.next();
      eq(rs.getString(1), "repeatable read", "isolation level set by the driver");
    }
    c.commit();
    c.setAutoCommit(true);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    try (Statement s = c.createStatement()) {
      try {
        s.executeQuery("SELECT 1/0");
        check(false, "division by zero fails", null);
      } catch (SQLException e) {
        eq(e.getSQLState(), "22012", "division by zero SQLSTATE");
      }
      try {
        s.executeQuery("SELECT * FROM no_such_table");
        check(false, "missing table fails", null);
      } catch (SQLException e) {
        eq(e.getSQLState(), "42P01", "missing table SQLSTATE");
      }
      s.execute("DROP TABLE jx");
    }
  }

  static void checkCursor(Connection c) throws SQLException {
    // With autocommit off and a fetch size, the driver reads through a portal 7 rows at a time.
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT i, repeat('x', i) FROM generate_series(1, ?) AS g(i) ORDER BY i")) {
      ps.setFetchSize(7);
      ps.setInt(1, 100);
      long sum = 0;
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ++n;
          sum += rs.getInt(1);
          if (rs.getString(2).length() != rs.getInt(1)) check(false, "cursor row " + n, null);
        }
      }
      eq(n, 100, "rows through a cursor");
      eq(sum, 5050L, "sum through a cursor");
    }
    c.commit();
    c.setAutoCommit(true);
  }

  // Generated keys, several results from one execute, a read-only transaction, a query timeout
  // (the driver's cancel request).
  static void checkStatements(Connection c) throws SQLException, java.io.IOException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE jg (id serial PRIMARY KEY, v text)");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jg (v) VALUES (?)",
                                                   Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 1; i <= 3; ++i) {
        ps.setString(1, "g" + i);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          check(keys.next(), "a generated key", null);
          eq(keys.getInt("id"), i, "generated key " + i);
        }
      }
    }
    // (With prepareThreshold=-1, pgjdbc 42.5 loses the update count of a multi-statement string,
    // against PostgreSQL too.)
    try (Statement s = c.createStatement()) {
      if (mode.contains("prepareThreshold=-1")) s.execute("UPDATE jg SET v = v || '!'");
    }
    if (!mode.contains("prepareThreshold=-1")) try (Statement s = c.createStatement()) {
      check(s.execute("SELECT 1; UPDATE jg SET v = v || '!'; SELECT v FROM jg ORDER BY id"),
            "first result is rows", null);
      try (ResultSet rs = s.getResultSet()) {
        rs.next();
        eq(rs.getInt(1), 1, "first result");
      }
      check(!s.getMoreResults(), "second result is a count", null);
      eq(s.getUpdateCount(), 3, "second result's count");
      check(s.getMoreResults(), "third result is rows", null);
      try (ResultSet rs = s.getResultSet()) {
        List<String> vs = new ArrayList<>();
        while (rs.next()) vs.add(rs.getString(1));
        eq(String.join(",", vs), "g1!,g2!,g3!", "third result");
      }
      check(!s.getMoreResults() && s.getUpdateCount() == -1, "no fourth result", null);
    }
    c.setAutoCommit(false);
    c.setReadOnly(true);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM jg");
      check(false, "a write in a read-only transaction fails", null);
    } catch (SQLException e) {
      eq(e.getSQLState(), "25006", "read-only transaction SQLSTATE");
    }
    c.rollback();
    c.setReadOnly(false);
    c.setAutoCommit(true);
    // The driver's COPY API (CopyManager), in and out.
    CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
    long copied = copy.copyIn("COPY jg (id, v) FROM STDIN WITH (FORMAT csv)",
                              new StringReader("10,\"a, b\"\n11,\n12,\"line\nbreak\"\n"));
    eq(copied, 3L, "CopyManager.copyIn rows");
    StringWriter out = new StringWriter();
    copy.copyOut("COPY (SELECT id, v FROM jg WHERE id >= 10 ORDER BY id) TO STDOUT", out);
    eq(out.toString(), "10\ta, b\n11\t\\N\n12\tline\\nbreak\n", "CopyManager.copyOut");
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      try {
        s.execute("SELECT count(*) FROM generate_series(1, 2000000000)");
        check(false, "a query timeout cancels the statement", null);
      } catch (SQLException e) {
        eq(e.getSQLState(), "57014", "canceled statement SQLSTATE");
      }
      check(System.nanoTime() - start < 20_000_000_000L, "canceled in time", null);
      s.setQueryTimeout(0);
      s.execute("DROP TABLE jg");
    }
  }

  static void checkMetadata(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, n, vc, ts, tz, ia FROM jt WHERE id = 1")) {
      ResultSetMetaData md = rs.getMetaData();
      eq(md.getColumnCount(), 6, "column count");
      eq(md.getColumnName(2), "n", "column name");
      eq(md.getColumnType(1), Types.INTEGER, "integer's JDBC type");
      eq(md.getColumnTypeName(1), "int4", "integer's type name");
      eq(md.getColumnType(2), Types.NUMERIC, "numeric's JDBC type");
      eq(md.getPrecision(2), 12, "numeric precision");
      eq(md.getScale(2), 3, "numeric scale");
      eq(md.getColumnTypeName(3), "varchar", "varchar's type name");
      eq(md.getColumnDisplaySize(3), 10, "varchar's display size");
      eq(md.getColumnType(4), Types.TIMESTAMP, "timestamp's JDBC type");
      eq(md.getColumnTypeName(5), "timestamptz", "timestamptz's type name");
      eq(md.getColumnType(6), Types.ARRAY, "array's JDBC type");
      eq(md.getColumnTypeName(6), "_int4", "array's type name");
      eq(md.getTableName(1), "jt", "the column's table");
      eq(md.isNullable(1), ResultSetMetaData.columnNoNulls, "primary key is not nullable");
      eq(md.isNullable(2), ResultSetMetaData.columnNullable, "other column is nullable");
    }
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getTables(null, "public", "jt", new String[] {"TABLE"})) {
      check(rs.next(), "getTables finds jt", null);
      eq(rs.getString("TABLE_NAME"), "jt", "getTables name");
      eq(rs.getString("TABLE_TYPE"), "TABLE", "getTables type");
      check(!rs.next(), "getTables finds only jt", null);
    }
    try (ResultSet rs = md.getColumns(null, "public", "jt", null)) {
      List<String> cols = new ArrayList<>();
      List<String> types = new ArrayList<>();
      while (rs.next()) {
        cols.add(rs.getString("COLUMN_NAME"));
        types.add(rs.getString("TYPE_NAME"));
      }
      eq(String.join(" ", cols), "id b i2 i8 f4 f8 n t vc by d tm ts tz iv ia ta u",
         "getColumns names");
      eq(String.join(" ", types),
         "int4 bool int2 int8 float4 float8 numeric text varchar bytea date time timestamp"
         + " timestamptz interval _int4 _text uuid", "getColumns types");
    }
    try (ResultSet rs = md.getSchemas()) {
      List<String> schemas = new ArrayList<>();
      while (rs.next()) schemas.add(rs.getString("TABLE_SCHEM"));
      eq(String.join(" ", schemas), "information_schema pg_catalog public", "getSchemas");
    }
    try (ResultSet rs = md.getTypeInfo()) {
      List<String> types = new ArrayList<>();
      while (rs.next()) types.add(rs.getString("TYPE_NAME"));
      check(types.containsAll(List.of("int4", "numeric", "timestamptz", "uuid", "_text")),
            "getTypeInfo lists the built-in types", types);
    }
    // (PostgreSQL lists each table's row type; Zijin has no composite types.)
    try (ResultSet rs = md.getUDTs(null, "public", "%", null)) {
      while (rs.next()) check(rs.getString("TYPE_NAME") != null, "getUDTs", null);
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE jt");
    }
  }
}
