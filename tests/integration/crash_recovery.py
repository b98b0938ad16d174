#!/usr/bin/python3
"""Crash test: clients commit transfers concurrently, the server is SIGKILLed mid-run and
restarted; every acknowledged commit must be there, nothing half-done may be.

usage: crash_recovery.py ZIJIN_BINARY [--cycles N] [--seconds S] [--clients C]
"""
import argparse
import random
import sys
import threading
import time

import psycopg2

from zjtest import Server

ACCOUNTS = 50
START_BALANCE = 1000


def worker(dsn, wid, stop, acked, errors):
    rnd = random.Random(wid)
    seq = 0
    try:
        conn = psycopg2.connect(dsn)
    except Exception as e:  # server already gone
        return
    conn.autocommit = False
    cur = conn.cursor()
    while not stop.is_set():
        a, b = rnd.sample(range(1, ACCOUNTS + 1), 2)
        amount = rnd.randint(1, 50)
        seq += 1
        tid = wid * 10_000_000 + seq
        try:
            cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, a))
            cur.execute("UPDATE accounts SET balance = balance + %s WHERE id = %s", (amount, b))
            cur.execute("INSERT INTO ledger (id, src, dst, amount) VALUES (%s, %s, %s, %s)",
                        (tid, a, b, amount))
            conn.commit()
            acked.append(tid)  # acknowledged: must survive the crash
        except psycopg2.OperationalError:
            return  # the server died under us
        except psycopg2.Error as e:
            if e.pgcode in ("40001", "40P01"):
                conn.rollback()
                continue
            errors.append("%s: %s" % (e.pgcode, e))
            return


def check(dsn, acked):
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("SELECT count(*), sum(balance) FROM accounts")
    n, total = cur.fetchone()
    assert n == ACCOUNTS, "accounts lost: %s" % n
    assert total == ACCOUNTS * START_BALANCE, "money created or destroyed: %s" % total
    cur.execute("SELECT id FROM ledger")
    present = {r[0] for r in cur.fetchall()}
    missing = [t for t in acked if t not in present]
    assert not missing, "%d acknowledged commits lost, e.g. %s" % (len(missing), missing[:5])
    # Atomicity: every balance equals its start plus what the surviving ledger says.
    cur.execute("""SELECT a.id, a.balance,
                          coalesce((SELECT sum(amount) FROM ledger WHERE dst = a.id), 0)
                        - coalesce((SELECT sum(amount) FROM ledger WHERE src = a.id), 0)
                   FROM accounts a ORDER BY a.id""")
    for aid, balance, delta in cur.fetchall():
        assert balance == START_BALANCE + delta, \
            "account %s: balance %s but ledger says %s" % (aid, balance, START_BALANCE + delta)
    conn.close()
    return len(present)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--cycles", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()
    server = Server(args.binary)
    try:
        server.start()
        conn = psycopg2.connect(server.dsn())
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute("CREATE TABLE accounts (id integer PRIMARY KEY, balance bigint NOT NULL)")
        cur.execute("CREATE TABLE ledger (id bigint PRIMARY KEY, src integer, dst integer, amount integer)")
        cur.execute("INSERT INTO accounts SELECT g, %s FROM generate_series(1, %s) AS g",
                    (START_BALANCE, ACCOUNTS))
        conn.close()
        acked = []
        for cycle in range(args.cycles):
            stop = threading.Event()
            errors = []
            threads = [threading.Thread(target=worker, args=(server.dsn(), w + 1 + cycle * 100, stop, acked, errors))
                       for w in range(args.clients)]
            for t in threads:
                t.start()
            time.sleep(args.seconds)
            server.kill9()  # mid-flight: clients are committing right now
            stop.set()
            for t in threads:
                t.join()
            assert not errors, "unexpected errors: %s" % errors[:3]
            server.start()
            rows = check(server.dsn(), acked)
            print("cycle %d: %d acknowledged commits, %d ledger rows after restart: OK"
                  % (cycle + 1, len(acked), rows))
        assert len(acked) > 0, "no transaction committed at all"
        print("crash recovery: 1 passed, 0 failed")
        return 0
    except Exception as e:
        print("crash recovery FAILED: %s" % e)
        print(server.log_tail())
        return 1
    finally:
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
