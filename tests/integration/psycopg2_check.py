#!/usr/bin/python3
"""psycopg2 (Debian's python3-psycopg2) against a server: Python values of every common type
adapted into SQL and typecast back, cursor.description, executemany and execute_values, COPY in
and out (text, CSV and binary), named (server-side) cursors, transactions and isolation levels,
errors as their exception classes. Passes against PostgreSQL 15 as against Zijin.

usage: psycopg2_check.py DSN
"""
import datetime
import decimal
import io
import sys
import uuid

import psycopg2
import psycopg2.errors
import psycopg2.extras

passed = 0
failed = 0


def eq(got, want, what):
    global passed, failed
    if got == want and type(got) is type(want):
        passed += 1
    else:
        failed += 1
        print("FAIL %s: got %r, want %r" % (what, got, want))


def fails(cur, sql, args, exc, what):
    try:
        cur.execute(sql, args)
        eq("success", exc.__name__, what)
    except psycopg2.Error as e:
        eq(type(e).__name__, exc.__name__, what)


NY = datetime.timezone(datetime.timedelta(hours=-4))
ROW = (
    1, True, -32768, 9223372036854775807, 1.5, -0.1, decimal.Decimal("-12345.678"),
    "héllo ✓ it's \"q\" \\ %s", "v1", b"\x00\xff\\'", datetime.date(2024, 2, 29),
    datetime.time(12, 34, 56, 789000), datetime.datetime(2024, 2, 29, 12, 34, 56, 123456),
    datetime.datetime(2024, 7, 1, 6, 0, 0, 500000, tzinfo=NY),
    datetime.timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=789000),
    [1, None, -3], ["a,b", 'q"uote', None, "", "back\\slash"],
    uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
)
# COPY (BINARY_QUERY) TO STDOUT (FORMAT binary) as PostgreSQL 15 writes it.
BINARY_QUERY = """SELECT 1::int4 AS i, 'héllo'::text AS t, NULL::int8 AS n, 1.5::numeric AS d,
  '2024-02-29'::date AS dt, '\\x00ff'::bytea AS b, '{1,NULL}'::int4[] AS a, true AS bo,
  '2024-02-29 12:34:56.123456'::timestamp AS ts
  UNION ALL SELECT 2, '', 3, -0.25, '1999-12-31', '\\x', '{}', false, 'infinity'"""
COPY_BINARY = bytes.fromhex(
    "5047434f50590aff0d0a000000000000000000000900000004000000010000000668c3a96c6c6fffffffff00"
    "00000c00020000000000010001138800000004000022790000000200ff000000200000000100000001000000"
    "1700000002000000010000000400000001ffffffff0000000101000000080002b58341685e40000900000004"
    "00000002000000000000000800000000000000030000000a0001ffff4000000209c400000004ffffffff0000"
    "00000000000c0000000000000000000000170000000100000000087fffffffffffffffffff")
COLUMNS = ("id integer PRIMARY KEY, b boolean, i2 smallint, i8 bigint, f4 real,"
           " f8 double precision, n numeric(12,3), t text, vc varchar(10), by bytea, d date,"
           " tm time, ts timestamp, tz timestamptz, iv interval, ia integer[], ta text[], u uuid")


def check_types(conn):
    cur = conn.cursor()
    cur.execute("CREATE TABLE pt (%s)" % COLUMNS)
    cur.execute("INSERT INTO pt VALUES (%s)" % ", ".join(["%s"] * len(ROW)), ROW)
    eq(cur.rowcount, 1, "insert rowcount")
    cur.execute("INSERT INTO pt (id) VALUES (%s) RETURNING id, b", (2,))
    eq(cur.fetchone(), (2, None), "RETURNING")
    conn.commit()

    cur.execute("SELECT * FROM pt ORDER BY id")
    rows = cur.fetchall()
    got = list(rows[0])
    got[9] = bytes(got[9])  # memoryview
    want = list(ROW)
    for i, (g, w) in enumerate(zip(got, want)):
        eq(g, w, "column %d round trip" % (i + 1))
    eq(rows[1][1:], (None,) * (len(ROW) - 1), "a row of NULLs")
    names = [d.name for d in cur.description]
    eq(names[:4], ["id", "b", "i2", "i8"], "description names")
    eq([d.type_code for d in cur.description],
       [23, 16, 21, 20, 700, 701, 1700, 25, 1043, 17, 1082, 1083, 1114, 1184, 1186, 1007, 1009,
        2950],
       "description type codes")
    eq((cur.description[6].precision, cur.description[6].scale), (12, 3), "numeric(12,3)")
    eq(cur.description[8].internal_size, 10, "varchar(10)")

    cur.execute("SELECT b::text, n::text, by::text, tz::text, iv::text, ta::text FROM pt"
                " WHERE id = 1")
    eq(cur.fetchone(), ("true", "-12345.678", "\\x00ff5c27", "2024-07-01 06:00:00.5-04",
                        "3 days 04:05:06.789", '{"a,b","q\\"uote",NULL,"","back\\\\slash"}'),
       "stored values as the server prints them")

    cur.execute("SELECT id FROM pt WHERE n = %s AND by = %s AND tz = %s AND ia = %s AND t = %s",
                (decimal.Decimal("-12345.678"), psycopg2.Binary(b"\x00\xff\\'"),
                 datetime.datetime(2024, 7, 1, 10, 0, 0, 500000, tzinfo=datetime.timezone.utc),
                 [1, None, -3], ROW[7]))
    eq(cur.fetchall(), [(1,)], "rows matching adapted parameters")

    cur.execute("SELECT %s::float8, %s::float8, %s::float8, %s::numeric, %s::numeric",
                (float("inf"), float("-inf"), 1e308, decimal.Decimal("NaN"),
                 decimal.Decimal("1e-30")))
    inf, ninf, big, nan, tiny = cur.fetchone()
    eq((inf, ninf, big), (float("inf"), float("-inf"), 1e308), "special floats")
    eq(nan.is_nan(), True, "numeric NaN")
    eq(tiny, decimal.Decimal("0.000000000000000000000000000001"), "small numeric")
    cur.execute("SELECT %(a)s + %(b)s, %(a)s", {"a": 40, "b": 2})
    eq(cur.fetchone(), (42, 40), "named parameters")
    cur.execute("SELECT %s = ANY(%s)", (3, [1, 2, 3]))
    eq(cur.fetchone(), (True,), "a list as an array parameter")
    conn.commit()


def check_many(conn):
    cur = conn.cursor()
    cur.execute("CREATE TABLE pm (id integer PRIMARY KEY, v text, n numeric)")
    cur.executemany("INSERT INTO pm VALUES (%s, %s, %s)",
                    [(i, "v%d" % i, decimal.Decimal(i) / 4) for i in range(1, 101)])
    psycopg2.extras.execute_values(
        cur, "INSERT INTO pm VALUES %s",
        [(i, "w%d" % i, decimal.Decimal(i) / 4) for i in range(101, 301)], page_size=64)
    cur.execute("SELECT count(*), sum(n), min(v) FROM pm")
    eq(cur.fetchone(), (300, decimal.Decimal("11287.50"), "v1"), "executemany and execute_values")
    conn.commit()

    buf = io.StringIO()
    cur.copy_expert("COPY (SELECT id, v, n FROM pm WHERE id <= 3 ORDER BY id) TO STDOUT", buf)
    eq(buf.getvalue(), "1\tv1\t0.25\n2\tv2\t0.5\n3\tv3\t0.75\n", "COPY TO STDOUT")
    cur.copy_expert("COPY pm FROM STDIN WITH (FORMAT csv)",
                    io.StringIO('1001,"with, comma",1.5\n1002,,\n'))
    cur.execute("SELECT v, n FROM pm WHERE id > 1000 ORDER BY id")
    eq(cur.fetchall(), [("with, comma", decimal.Decimal("1.5")), (None, None)], "COPY FROM STDIN")
    conn.commit()

    # COPY in PostgreSQL's binary format, both ways, and its errors.
    buf = io.BytesIO()
    cur.copy_expert("COPY (%s) TO STDOUT (FORMAT binary)" % BINARY_QUERY, buf)
    eq(buf.getvalue().hex(), COPY_BINARY.hex(), "COPY TO STDOUT (FORMAT binary)")
    cur.execute("CREATE TABLE pb (i int4, t text, n int8, d numeric, dt date, b bytea, a int4[],"
                " bo bool, ts timestamp)")
    cur.copy_expert("COPY pb FROM STDIN (FORMAT binary)", io.BytesIO(COPY_BINARY))
    eq(cur.rowcount, 2, "COPY FROM STDIN (FORMAT binary) row count")
    cur.execute("SELECT * FROM pb ORDER BY i")
    got = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in cur.fetchall()]
    eq(got, [(1, "héllo", None, decimal.Decimal("1.5"), datetime.date(2024, 2, 29), b"\x00\xff",
              [1, None], True, datetime.datetime(2024, 2, 29, 12, 34, 56, 123456)),
             (2, "", 3, decimal.Decimal("-0.25"), datetime.date(1999, 12, 31), b"", [], False,
              datetime.datetime.max)], "COPY FROM STDIN (FORMAT binary) rows")
    conn.commit()
    header = COPY_BINARY[:19]
    for what, data, code in [
            ("bad signature", b"PGCOPY\n\xff\r\n\x01" + bytes(8), "22P04"),
            ("wrong field count", header + bytes.fromhex("0001000000040000000affff"), "22P04"),
            ("truncated", COPY_BINARY[:25], "22P04"),
            ("int4 in 3 bytes", header + bytes.fromhex("000900000003000001"), "08P01"),
            ("data after the trailer", COPY_BINARY + b"x", "22P04")]:
        try:
            cur.copy_expert("COPY pb FROM STDIN (FORMAT binary)", io.BytesIO(data))
            eq("success", code, "binary COPY with " + what)
        except psycopg2.Error as e:
            eq(e.pgcode, code, "binary COPY with " + what)
        conn.rollback()
    cur.execute("DROP TABLE pb")
    conn.commit()

    # A named cursor: DECLARE, then FETCH FORWARD n / ALL, MOVE for scroll(), CLOSE.
    with conn.cursor("named") as nc:
        nc.itersize = 7
        nc.execute("SELECT id, v FROM pm WHERE id <= %s ORDER BY id", (100,))
        eq(nc.fetchmany(3), [(1, "v1"), (2, "v2"), (3, "v3")], "named cursor fetchmany")
        eq(nc.fetchone(), (4, "v4"), "named cursor fetchone")
        eq([d.name for d in nc.description], ["id", "v"], "named cursor description")
        nc.scroll(10)
        eq(nc.fetchone(), (15, "v15"), "named cursor after scroll")
        eq([r[0] for r in nc], list(range(16, 101)), "named cursor iterated")
    conn.commit()


def check_transactions(conn):
    cur = conn.cursor()
    cur.execute("CREATE TABLE px (id integer PRIMARY KEY)")
    conn.commit()
    cur.execute("INSERT INTO px VALUES (1)")
    conn.rollback()
    cur.execute("INSERT INTO px VALUES (2)")
    conn.commit()
    fails(cur, "INSERT INTO px VALUES (%s)", (2,), psycopg2.errors.UniqueViolation,
          "duplicate key")
    fails(cur, "SELECT 1", None, psycopg2.errors.InFailedSqlTransaction,
          "statement in a failed transaction")
    conn.rollback()
    fails(cur, "SELECT 1/0", None, psycopg2.errors.DivisionByZero, "division by zero")
    conn.rollback()
    fails(cur, "SELECT * FROM no_such_table", None, psycopg2.errors.UndefinedTable,
          "missing table")
    conn.rollback()
    cur.execute("SELECT array_agg(id) FROM px")
    eq(cur.fetchone(), ([2],), "rows after commit and rollback")
    conn.commit()

    conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
    cur.execute("SHOW transaction_isolation")
    eq(cur.fetchone(), ("repeatable read",), "isolation level")
    fails(cur, "INSERT INTO px VALUES (3)", None, psycopg2.errors.ReadOnlySqlTransaction,
          "read-only transaction")
    conn.rollback()
    conn.set_session(isolation_level="READ COMMITTED", readonly=False)

    conn.autocommit = True
    cur.execute("INSERT INTO px VALUES (4)")
    conn.autocommit = False
    with conn:
        with conn.cursor() as c2:
            c2.execute("SELECT count(*) FROM px")
            eq(c2.fetchone(), (2,), "autocommit insert")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    conn = psycopg2.connect(sys.argv[1], options="-c TimeZone=America/New_York")
    psycopg2.extras.register_uuid(conn_or_curs=conn)
    eq(conn.server_version // 10000, 15, "server_version")
    eq(conn.get_parameter_status("TimeZone"), "America/New_York", "TimeZone from options")
    eq(conn.encoding, "UTF8", "client encoding")
    cur = conn.cursor()
    for t in ("pt", "pm", "px"):
        cur.execute("DROP TABLE IF EXISTS " + t)
    conn.commit()
    check_types(conn)
    check_many(conn)
    check_transactions(conn)
    cur = conn.cursor()
    for t in ("pt", "pm", "px"):
        cur.execute("DROP TABLE " + t)
    conn.commit()
    conn.close()
    print("psycopg2: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
