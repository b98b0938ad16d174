#!/usr/bin/python3
"""Table locks with real waits: DDL waits for the transactions using a table and statements wait
behind DDL (then run on the new definition), LOCK TABLE modes, deadlocks between table locks,
cancel and statement_timeout during a table-lock wait, pg_locks, concurrent DDL on different
tables, concurrent CREATE of one name, and a deadlock that mixes a table lock and a row lock.

usage: table_locks.py ZIJIN_BINARY [PORT]   (PORT: run against a server already there, e.g.
                                             PostgreSQL, instead of starting one)
"""
import sys
import threading
import time

import psycopg2

from zjtest import Server

checks = []


def check(name, cond, detail=""):
    checks.append((name, bool(cond)))
    print("%s: %s%s" % ("ok" if cond else "FAIL", name,
                        (" (%s)" % (detail,)) if detail != "" and not cond else ""))


class Background:
    """Runs statements on a connection in a thread; remembers the outcome and when it came."""

    def __init__(self, conn, *sqls):
        self.result = None  # "ok", or the SQLSTATE of the error
        self.error = None
        self.rows = None
        self.description = None
        self.done_at = None
        self.thread = threading.Thread(target=self._run, args=(conn, sqls))
        self.thread.start()

    def _run(self, conn, sqls):
        try:
            cur = conn.cursor()
            for sql in sqls:
                cur.execute(sql)
            if cur.description is not None:
                self.rows = cur.fetchall()
                self.description = [d[0] for d in cur.description]
            self.result = "ok"
        except psycopg2.Error as e:
            self.result = e.pgcode
            self.error = e
        self.done_at = time.time()

    def waiting(self, seconds=0.5):
        """True when the statements are still running after `seconds`."""
        self.thread.join(seconds)
        return self.thread.is_alive()

    def finish(self, timeout=10):
        self.thread.join(timeout)
        return self.result


def failure(cur, sql):
    t = time.time()
    try:
        cur.execute(sql)
    except psycopg2.Error as e:
        return e.pgcode, e.pgerror or "", time.time() - t
    return None, "", time.time() - t


def connect(dsn, autocommit=False):
    c = psycopg2.connect(dsn)
    c.autocommit = autocommit
    return c


def one(conn, sql):
    cur = conn.cursor()
    cur.execute(sql)
    return cur.fetchone()


def main():
    binary = sys.argv[1]
    server = None
    if len(sys.argv) > 2:
        dsn = "host=127.0.0.1 port=%s user=postgres dbname=postgres" % sys.argv[2]
    else:
        server = Server(binary)
        server.start()
        dsn = server.dsn()
    try:
        setup = connect(dsn, autocommit=True)
        s = setup.cursor()
        # Leftovers of an earlier run against the same server (PostgreSQL).
        s.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'many%'")
        for t in ["t", "t1", "t2", "r", "n", "n2", "gone", "made_a", "made_b"] + \
                [row[0] for row in s.fetchall()]:
            s.execute("DROP TABLE IF EXISTS %s CASCADE" % t)
        s.execute("CREATE TABLE t (id integer PRIMARY KEY, v integer)")
        s.execute("INSERT INTO t VALUES (1, 10), (2, 20)")
        s.execute("CREATE TABLE t1 (x integer)")
        s.execute("CREATE TABLE t2 (x integer)")
        s.execute("CREATE TABLE r (id integer PRIMARY KEY, v integer)")
        s.execute("INSERT INTO r VALUES (1, 0)")
        a, b, c = connect(dsn), connect(dsn), connect(dsn)
        ca, cb = a.cursor(), b.cursor()
        b_pid = one(b, "SELECT pg_backend_pid()")[0]
        b.commit()

        # DROP waits for a reader; pg_locks shows the wait.
        ca.execute("SELECT count(*) FROM t")
        drop = Background(b, "DROP TABLE t")
        check("DROP TABLE waits for a transaction that read the table", drop.waiting())
        rows = one(setup, "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = %d "
                          "AND mode = 'AccessExclusiveLock' AND locktype = 'relation' "
                          "AND waitstart IS NOT NULL" % b_pid)
        check("pg_locks shows the waiting ACCESS EXCLUSIVE", rows == (1,), rows)
        a.rollback()
        check("the DROP goes on when the reader ends", drop.finish() == "ok", drop.result)
        b.rollback()  # keep the table

        # ALTER COLUMN TYPE waits for an inserter; no row is left in the old encoding.
        ca.execute("INSERT INTO t VALUES (3, 30)")
        alter = Background(b, "ALTER TABLE t ALTER COLUMN v TYPE bigint")
        check("ALTER COLUMN TYPE waits for a transaction that inserted", alter.waiting())
        ca.execute("INSERT INTO t VALUES (4, 40)")
        a.commit()
        check("the ALTER goes on when the inserter commits", alter.finish() == "ok", alter.result)
        b.commit()
        check("every row reads back after the type change",
              one(setup, "SELECT sum(v), count(*) FROM t") == (100, 4))

        # A cached plan locks again at every run, and is re-planned after DDL it waited for.
        cb.execute("PREPARE ins AS INSERT INTO t VALUES ($1, $2)")
        b.commit()
        ca.execute("ALTER TABLE t ALTER COLUMN v TYPE text")
        run = Background(b, "EXECUTE ins(5, '50')")
        check("EXECUTE of a prepared INSERT waits behind ALTER TABLE", run.waiting())
        a.commit()
        check("and then inserts under the new definition", run.finish() == "ok", run.error)
        b.commit()
        check("the inserted value is text now",
              one(setup, "SELECT pg_typeof(v)::text, v FROM t WHERE id = 5") == ("text", "50"),
              one(setup, "SELECT pg_typeof(v)::text, v FROM t WHERE id = 5"))

        # SELECT waits behind a granted ACCESS EXCLUSIVE, then sees the new column.
        ca.execute("LOCK TABLE t")
        sel = Background(b, "SELECT * FROM t WHERE id = 1")
        check("SELECT waits behind LOCK TABLE", sel.waiting())
        ca.execute("ALTER TABLE t ADD COLUMN z integer DEFAULT 7")
        a.commit()
        check("the waiting SELECT runs on the new definition",
              sel.finish() == "ok" and sel.description == ["id", "v", "z"] and sel.rows[0][2] == 7,
              (sel.result, sel.description, sel.rows))
        b.commit()

        # A statement that waited for a DROP fails as the table is gone.
        ca.execute("CREATE TABLE gone (x integer)")
        a.commit()
        ca.execute("DROP TABLE gone")
        sel = Background(b, "SELECT * FROM gone")
        check("SELECT waits behind DROP TABLE", sel.waiting())
        a.commit()
        check("and then fails with 42P01", sel.finish() == "42P01", sel.result)
        b.rollback()

        # LOCK TABLE modes: SHARE waits for ROW EXCLUSIVE, SHARE and SHARE do not conflict.
        ca.execute("UPDATE t SET z = 8 WHERE id = 1")
        share = Background(b, "LOCK TABLE t IN SHARE MODE")
        check("LOCK TABLE IN SHARE MODE waits for a writer", share.waiting())
        a.commit()
        check("and is granted when it commits", share.finish() == "ok", share.result)
        cc = c.cursor()
        cc.execute("LOCK TABLE t IN SHARE MODE NOWAIT")
        code, msg, _ = failure(ca, "LOCK TABLE t IN ROW EXCLUSIVE MODE NOWAIT")
        check("NOWAIT fails at once with 55P03 naming the table",
              code == "55P03" and 'could not obtain lock on relation "t"' in msg, (code, msg))
        a.rollback()
        b.rollback()
        c.rollback()

        # Two LOCK TABLEs in opposite orders: one of them gets 40P01; the other goes on.
        ca.execute("LOCK TABLE t1")
        cb.execute("LOCK TABLE t2")
        second = Background(a, "LOCK TABLE t2")
        time.sleep(0.3)
        code, msg, took = failure(cb, "LOCK TABLE t1")
        failed_at = time.time()
        second.finish()
        check("a deadlock of table locks fails one side with 40P01",
              code == "40P01" or second.result == "40P01", (code, second.result))
        if code == "40P01":
            check("its DETAIL names both processes",
                  msg.count("Process ") >= 2 and "AccessExclusiveLock on relation" in msg, msg)
            check("the other side is granted before the loser's ROLLBACK",
                  second.result == "ok" and second.done_at - failed_at < 2,
                  (second.result, second.done_at and second.done_at - failed_at))
        a.rollback()
        b.rollback()

        # Cancel, statement_timeout and lock_timeout end a table-lock wait.
        ca.execute("LOCK TABLE t")
        cb.execute("SET statement_timeout = 300")
        code, msg, took = failure(cb, "SELECT * FROM t")
        check("statement_timeout ends a table-lock wait with 57014",
              code == "57014" and "statement timeout" in msg and took < 5, (code, msg, took))
        b.rollback()
        cb.execute("SET statement_timeout = 0")
        b.commit()
        threading.Timer(0.4, b.cancel).start()
        code, msg, took = failure(cb, "INSERT INTO t VALUES (9, '9')")
        check("a cancel request ends a table-lock wait with 57014",
              code == "57014" and "user request" in msg and took < 5, (code, msg, took))
        b.rollback()
        cb.execute("SET lock_timeout = 200")
        code, msg, took = failure(cb, "SELECT * FROM t")
        check("lock_timeout ends a table-lock wait with 55P03",
              code == "55P03" and "lock timeout" in msg and took < 5, (code, msg, took))
        b.rollback()
        cb.execute("SET lock_timeout = 0")
        b.commit()
        rows = one(setup, "SELECT count(*) FROM pg_locks WHERE NOT granted")
        check("nothing is left waiting", rows == (0,), rows)
        a.rollback()

        # DDL on different tables runs side by side and both commit.
        ca.execute("ALTER TABLE t1 ADD COLUMN a_col integer")
        ca.execute("CREATE TABLE made_a (x integer)")
        t0 = time.time()
        cb.execute("ALTER TABLE t2 ADD COLUMN b_col integer")
        cb.execute("CREATE TABLE made_b (x integer)")
        check("DDL on another table does not wait", time.time() - t0 < 1, time.time() - t0)
        b.commit()
        a.commit()
        got = one(setup, "SELECT (SELECT count(*) FROM information_schema.columns "
                         "WHERE column_name IN ('a_col', 'b_col')), "
                         "(SELECT count(*) FROM pg_tables WHERE tablename LIKE 'made_%')")
        check("both transactions' changes are there", got == (2, 2), got)

        # Two CREATEs of one name: one table, one 42P07.
        ca.execute("CREATE TABLE n (x integer)")
        create = Background(b, "CREATE TABLE n (y integer)")
        check("a second CREATE TABLE of the same name waits", create.waiting())
        a.commit()
        # PostgreSQL reports 23505 here (a duplicate key in pg_type); Zijin's name lock turns it
        # into the 42P07 a CREATE of an existing name gets.
        check("and fails with 42P07 once the first commits",
              create.finish() == ("42P07" if server is not None else "23505"), create.result)
        b.rollback()
        ca.execute("CREATE TABLE n2 (x integer)")
        create = Background(b, "CREATE TABLE n2 (y integer)")
        check("a second CREATE waits for a first that will roll back", create.waiting())
        a.rollback()
        check("and succeeds then", create.finish() == "ok", create.result)
        b.commit()
        got = one(setup, "SELECT count(*) FROM pg_tables WHERE tablename IN ('n', 'n2')")
        check("one table of each name", got == (2,), got)

        # Two CREATE INDEX on one table: in PostgreSQL they run side by side (SHARE); in Zijin an
        # index lives in its table's catalog entry, so they take turns, and both indexes exist.
        ca.execute("CREATE INDEX t1_a ON t1 (x)")
        second = Background(b, "CREATE INDEX t1_b ON t1 (a_col)")
        if server is not None:
            check("a second CREATE INDEX on the same table waits", second.waiting())
        a.commit()
        check("and builds its index when the first commits", second.finish() == "ok",
              second.result)
        b.commit()
        got = one(setup, "SELECT count(*) FROM pg_indexes WHERE tablename = 't1'")
        check("both indexes are there", got == (2,), got)

        # Many sessions creating tables at once: every table and its rows are kept.
        errors = []

        def creator(k):
            conn = connect(dsn, autocommit=True)
            cur = conn.cursor()
            try:
                for i in range(15):
                    cur.execute("CREATE TABLE many_%d_%d (id serial PRIMARY KEY, k integer)" % (k, i))
                    cur.execute("INSERT INTO many_%d_%d (k) VALUES (%d)" % (k, i, k))
            except psycopg2.Error as e:
                errors.append(e.pgerror)
            conn.close()

        threads = [threading.Thread(target=creator, args=(k,)) for k in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
        got = one(setup, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'many%'")
        check("concurrent CREATE TABLEs all commit", not errors and got == (60,), (errors, got))
        got = one(setup, "SELECT count(DISTINCT oid) FROM pg_class WHERE relname LIKE 'many%'")
        check("with distinct OIDs (tables, keys and sequences)", got == (180,), got)
        if server is not None:
            server.kill9()
            server.start()
            setup = connect(dsn, autocommit=True)
            got = one(setup, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'many%'")
            check("and survive a crash", got == (60,), got)
            total = 0
            for k in range(4):
                for i in range(15):
                    total += one(setup, "SELECT sum(k) FROM many_%d_%d" % (k, i))[0]
            check("with their rows", total == 15 * (0 + 1 + 2 + 3), total)
            a, b = connect(dsn), connect(dsn)
            ca, cb = a.cursor(), b.cursor()
            ca.execute("CREATE TABLE after_crash (x integer)")
            a.commit()
            got = one(setup, "SELECT count(DISTINCT oid) FROM pg_class")
            got2 = one(setup, "SELECT count(*) FROM pg_class")
            check("new OIDs after the restart do not collide", got == got2, (got, got2))

            # A wait that mixes a table lock and a row lock: no detector sees the cycle; the
            # table-lock wait gives up after 60 seconds with 40P01.
            ca.execute("UPDATE r SET v = 1 WHERE id = 1")
            cb.execute("LOCK TABLE t")
            mixed = Background(a, "SELECT * FROM t")
            time.sleep(0.3)
            row = Background(b, "UPDATE r SET v = 2 WHERE id = 1")
            res = mixed.finish(90)
            check("a table-lock/row-lock deadlock ends with 40P01 within the bound",
                  res == "40P01", (res, mixed.error))
            check("and the other side goes on", row.finish(10) == "ok", row.result)
            a.rollback()
            b.rollback()
        a.close()
        b.close()
        c.close()
    finally:
        if server is not None:
            server.cleanup()
    failed = sum(1 for _, ok in checks if not ok)
    print("table_locks: %d passed, %d failed" % (len(checks) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
