#!/usr/bin/python3
"""Server life cycle: start, refuse a second server on the same directory, ctl status/stop,
restart with data intact, SIGTERM with a client mid-transaction, a client that vanishes
mid-transaction, and query cancel.

usage: lifecycle.py ZIJIN_BINARY
"""
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import psycopg2

from zjtest import Server, free_port

checks = []


def check(name, cond, detail=""):
    checks.append((name, bool(cond)))
    print("%s: %s%s" % ("ok" if cond else "FAIL", name, (" (%s)" % detail) if detail and not cond else ""))


def main():
    binary = sys.argv[1]
    server = Server(binary)
    try:
        server.start()
        db = os.path.join(server.data_dir, "db")
        conn = psycopg2.connect(server.dsn())
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute("SELECT 1")
        check("select 1", cur.fetchone() == (1,))
        cur.execute("CREATE TABLE kept (id integer PRIMARY KEY, v text)")
        cur.execute("INSERT INTO kept VALUES (1, 'one'), (2, 'two')")
        cur.execute("CREATE TABLE refs (id integer PRIMARY KEY, k integer REFERENCES kept "
                    "ON DELETE CASCADE, CONSTRAINT named FOREIGN KEY (id) REFERENCES kept (id) "
                    "MATCH FULL ON UPDATE SET NULL)")
        cur.execute("INSERT INTO refs VALUES (1, 2)")

        sock = psycopg2.connect(host="/tmp", port=server.port, user="postgres", dbname="postgres")
        sc = sock.cursor()
        sc.execute("SELECT count(*) FROM kept")
        check("a client connects through the Unix socket in /tmp", sc.fetchone() == (2,))
        sock.close()
        check("the socket has a lock file",
              os.path.exists("/tmp/.s.PGSQL.%d.lock" % server.port))

        second = subprocess.run([binary, "start", "-D", db, "--port", str(free_port())],
                                capture_output=True, text=True, timeout=30)
        check("second server on the same directory is refused", second.returncode != 0,
              second.stderr)

        st = subprocess.run([binary, "ctl", "status", "-D", db], capture_output=True, text=True)
        check("ctl status sees the server", st.returncode == 0, st.stdout + st.stderr)
        conn.close()
        sp = subprocess.run([binary, "ctl", "stop", "-D", db], capture_output=True, text=True,
                            timeout=90)
        check("ctl stop", sp.returncode == 0, sp.stdout + sp.stderr)
        check("server exits 0 after ctl stop", server.proc.wait(30) == 0)
        st = subprocess.run([binary, "ctl", "status", "-D", db], capture_output=True, text=True)
        check("ctl status after stop says not running", st.returncode != 0)
        check("a clean stop removes the socket and its lock file",
              not os.path.exists("/tmp/.s.PGSQL.%d" % server.port) and
              not os.path.exists("/tmp/.s.PGSQL.%d.lock" % server.port))

        # zijin.conf's port and listen_addresses apply when the command line names none.
        conf_port = free_port()
        with open(os.path.join(db, "zijin.conf"), "a") as f:
            f.write("port = %d\nlisten_addresses = '127.0.0.1'\n" % conf_port)
        log = open(os.path.join(server.data_dir, "conf.log"), "wb")
        proc = subprocess.Popen([binary, "start", "-D", db], stdout=log, stderr=log)
        ok = False
        for _ in range(200):
            try:
                c = psycopg2.connect(host="127.0.0.1", port=conf_port, user="postgres",
                                     dbname="postgres")
                c.close()
                ok = True
                break
            except psycopg2.OperationalError:
                time.sleep(0.05)
        check("the server listens on zijin.conf's port", ok)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stale = os.path.exists("/tmp/.s.PGSQL.%d" % conf_port)
        proc = subprocess.Popen([binary, "start", "-D", db], stdout=log, stderr=log)
        ok = False
        for _ in range(200):
            try:
                c = psycopg2.connect(host="/tmp", port=conf_port, user="postgres",
                                     dbname="postgres")
                c.close()
                ok = True
                break
            except psycopg2.OperationalError:
                time.sleep(0.05)
        check("a socket left by kill -9 is taken over at the next start", stale and ok)
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)

        server.start()
        conn = psycopg2.connect(server.dsn())
        cur = conn.cursor()
        cur.execute("SELECT v FROM kept ORDER BY id")
        check("data survives a clean restart", cur.fetchall() == [("one",), ("two",)])
        conn.commit()
        try:
            cur.execute("INSERT INTO refs VALUES (2, 99)")
            check("foreign keys survive a clean restart", False, "orphan row accepted")
        except psycopg2.Error as e:
            check("foreign keys survive a clean restart", e.pgcode == "23503", e.pgerror)
        conn.rollback()
        cur.execute("DELETE FROM kept WHERE id = 3")
        cur.execute("SAVEPOINT s")
        cur.execute("DELETE FROM kept WHERE id = 2")
        cur.execute("SELECT count(*) FROM refs")
        check("ON DELETE CASCADE survives a clean restart", cur.fetchone() == (0,))
        conn.rollback()

        # An open transaction at SIGTERM leaves no trace.
        cur.execute("UPDATE kept SET v = 'changed' WHERE id = 1")
        cur.execute("INSERT INTO kept VALUES (3, 'three')")
        server.proc.send_signal(signal.SIGTERM)
        rc = server.proc.wait(60)
        check("SIGTERM with a client mid-transaction exits 0", rc == 0, "rc=%s" % rc)
        try:
            conn.close()
        except Exception:
            pass
        server.start()
        conn = psycopg2.connect(server.dsn())
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute("SELECT id, v FROM kept ORDER BY id")
        check("uncommitted work is gone after SIGTERM", cur.fetchall() == [(1, "one"), (2, "two")])

        # A client that vanishes mid-transaction: its locks are released, its writes undone.
        gone = psycopg2.connect(server.dsn())
        gcur = gone.cursor()
        gcur.execute("UPDATE kept SET v = 'ghost' WHERE id = 2")
        os.close(gone.fileno())  # no Terminate message: the socket just closes
        time.sleep(0.2)
        other = psycopg2.connect(server.dsn(), options="-c lock_timeout=5000")
        ocur = other.cursor()
        ocur.execute("UPDATE kept SET v = 'after' WHERE id = 2")
        other.commit()
        cur.execute("SELECT v FROM kept WHERE id = 2")
        check("a vanished client's lock is released and its write undone",
              cur.fetchone() == ("after",))
        other.close()

        # Cancel a long statement.
        victim = psycopg2.connect(server.dsn())
        vcur = victim.cursor()
        result = {}

        def long_query():
            try:
                vcur.execute("SELECT count(*) FROM generate_series(1, 2000000000)")
                result["rows"] = vcur.fetchall()
            except psycopg2.Error as e:
                result["code"] = e.pgcode

        t = threading.Thread(target=long_query)
        t.start()
        time.sleep(0.5)
        victim.cancel()
        t.join(30)
        check("cancel request stops a running statement with 57014", result.get("code") == "57014",
              str(result))
        victim.rollback()
        vcur.execute("SELECT 2")
        check("the cancelled session lives on", vcur.fetchone() == (2,))
        victim.close()
        conn.close()
        rc = server.stop()
        check("SIGTERM exits 0", rc == 0, "rc=%s" % rc)
    except Exception as e:
        check("no unexpected exception", False, repr(e))
        print(server.log_tail())
    finally:
        server.cleanup()
    failed = sum(1 for _, ok in checks if not ok)
    print("lifecycle: %d passed, %d failed" % (len(checks) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
