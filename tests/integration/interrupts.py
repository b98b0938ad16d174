#!/usr/bin/python3
"""Ending statements early: lock_timeout (set inside the transaction), statement_timeout in a
lock wait and in a long query, a cancel request during a lock wait, and the release of a failed
transaction's row locks at the error (not at ROLLBACK), as PostgreSQL does.

usage: interrupts.py ZIJIN_BINARY
"""
import sys
import threading
import time

import psycopg2

from zjtest import Server

checks = []


def check(name, cond, detail=""):
    checks.append((name, bool(cond)))
    print("%s: %s%s" % ("ok" if cond else "FAIL", name, (" (%s)" % (detail,)) if detail and not cond else ""))


def failure(cur, sql):
    """Runs sql expecting an error: (sqlstate, message, seconds taken)."""
    t = time.time()
    try:
        cur.execute(sql)
    except psycopg2.Error as e:
        text = e.pgerror or str(e)
        return e.pgcode, text.strip().splitlines()[0] if text.strip() else "", time.time() - t
    return None, "", time.time() - t


def main():
    server = Server(sys.argv[1])
    try:
        server.start()
        a = psycopg2.connect(server.dsn())
        b = psycopg2.connect(server.dsn())
        a.autocommit = True
        a.cursor().execute("CREATE TABLE lk (id integer PRIMARY KEY, v integer)")
        a.cursor().execute("INSERT INTO lk VALUES (1, 0), (2, 0)")
        a.autocommit = False
        ca, cb = a.cursor(), b.cursor()
        ca.execute("UPDATE lk SET v = 1 WHERE id = 1")  # a holds row 1 from here on

        cb.execute("SET lock_timeout = 300")
        code, msg, took = failure(cb, "UPDATE lk SET v = 2 WHERE id = 1")
        check("lock_timeout set inside the transaction ends the wait with 55P03",
              code == "55P03" and "lock timeout" in msg and took < 5, (code, msg, took))
        b.rollback()

        cb.execute("SET lock_timeout = 0")
        cb.execute("SET statement_timeout = 400")
        code, msg, took = failure(cb, "UPDATE lk SET v = 2 WHERE id = 1")
        check("statement_timeout ends a lock wait with 57014",
              code == "57014" and "statement timeout" in msg and took < 5, (code, msg, took))
        b.rollback()

        cb.execute("SET statement_timeout = '300ms'")
        code, msg, took = failure(cb, "SELECT count(*) FROM generate_series(1, 200000000) g")
        check("statement_timeout ends a long query with 57014",
              code == "57014" and "statement timeout" in msg and took < 10, (code, msg, took))
        b.rollback()
        cb.execute("SET statement_timeout = 0")
        b.commit()

        threading.Timer(0.5, b.cancel).start()
        code, msg, took = failure(cb, "UPDATE lk SET v = 2 WHERE id = 1")
        check("a cancel request ends a lock wait with 57014",
              code == "57014" and "user request" in msg and took < 5, (code, msg, took))
        b.rollback()
        cb.execute("SELECT 1")
        check("the cancelled session lives on", cb.fetchone() == (1,))
        b.rollback()
        a.rollback()

        # DDL waits for another transaction's DDL of the same name; lock_timeout and cancel end
        # that wait too.
        ca.execute("CREATE TABLE ddl_a (x integer)")
        cb.execute("SET lock_timeout = 300")
        code, msg, took = failure(cb, "CREATE TABLE ddl_a (x integer)")
        check("lock_timeout ends a wait for another transaction's DDL",
              code == "55P03" and took < 5, (code, msg, took))
        b.rollback()
        cb.execute("SET lock_timeout = 0")
        b.commit()
        threading.Timer(0.4, b.cancel).start()
        code, msg, took = failure(cb, "CREATE TABLE ddl_a (x integer)")
        check("a cancel request ends a wait for another transaction's DDL",
              code == "57014" and took < 5, (code, msg, took))
        b.rollback()
        a.rollback()

        # A deadlock: the loser's block fails, and its locks go at once, so the winner's wait
        # ends before the loser says ROLLBACK.
        ca.execute("UPDATE lk SET v = 10 WHERE id = 1")
        cb.execute("UPDATE lk SET v = 20 WHERE id = 2")
        done = {}

        def a_takes_row_2():
            try:
                ca.execute("UPDATE lk SET v = 11 WHERE id = 2")
                done["a"] = "ok"
            except psycopg2.Error as e:
                done["a"] = e.pgcode
            done["a_at"] = time.time()

        t = threading.Thread(target=a_takes_row_2)
        t.start()
        time.sleep(0.3)
        code, msg, _ = failure(cb, "UPDATE lk SET v = 21 WHERE id = 1")
        failed_at = time.time()
        t.join(timeout=10)
        check("one side of a deadlock gets 40P01", code == "40P01" or done.get("a") == "40P01",
              (code, done))
        if code == "40P01":
            check("the other side goes on before the loser's ROLLBACK",
                  done.get("a") == "ok" and done["a_at"] - failed_at < 2, done)
            time.sleep(0.2)
            b.rollback()
            a.commit()
            ca.execute("SELECT v FROM lk ORDER BY id")
            check("the winner's writes commit, the loser's are gone",
                  ca.fetchall() == [(10,), (11,)])
            a.commit()
        # idle_in_transaction_session_timeout ends a session that sits in a transaction, and
        # with it the transaction and its locks; idle outside a transaction is fine.
        c = psycopg2.connect(server.dsn())
        cc = c.cursor()
        cc.execute("SET idle_in_transaction_session_timeout = 300")
        c.commit()
        time.sleep(0.6)
        cc.execute("SELECT 1")
        check("idle outside a transaction is not cut", cc.fetchone() == (1,))
        cc.execute("UPDATE lk SET v = 99 WHERE id = 1")
        time.sleep(1.0)
        code, msg, _ = failure(cc, "SELECT 1")
        # As with PostgreSQL, libpq usually reports only the closed connection: the FATAL
        # message went out before the client wrote again.
        check("idle in a transaction past the timeout ends the session",
              "idle-in-transaction timeout" in msg or "closed" in msg, (code, msg))
        check("the server logs why it ended the session", "idle in transaction" in server.log_tail())
        ca.execute("SET lock_timeout = 2000")
        ca.execute("UPDATE lk SET v = 98 WHERE id = 1")
        check("the ended session's row lock is gone", ca.rowcount == 1)
        a.rollback()
        # DROP DATABASE waits (up to 5 s, cancellable) for the database's sessions to leave, then
        # refuses with 55006; once they have gone it drops the database.
        a.autocommit = True
        ca.execute("CREATE DATABASE dropme")
        d = psycopg2.connect(server.dsn("dropme"))
        start = time.time()
        code, msg, _ = failure(ca, "DROP DATABASE dropme")
        check("DROP DATABASE of a database in use is 55006 after waiting",
              code == "55006" and "being accessed by other users" in msg
              and time.time() - start > 4, (code, msg))
        closer = threading.Timer(0.5, d.close)
        closer.start()
        ca.execute("DROP DATABASE dropme")
        check("DROP DATABASE goes on once the sessions left", ca.statusmessage == "DROP DATABASE")
        closer.join()
        b.close()
        a.close()
    finally:
        server.cleanup()
    failed = sum(1 for _, ok in checks if not ok)
    print("interrupts: %d passed, %d failed" % (len(checks) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
