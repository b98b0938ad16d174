#!/usr/bin/python3
"""Runs a client test program against a fresh Zijin server: starts the server in a scratch
directory on a free port, runs the command with every {port} in its arguments replaced, stops the
server and exits with the command's status (or 1 if the server did not stop cleanly).

usage: with_server.py ZIJIN_BINARY COMMAND [ARG ...]
"""
import subprocess
import sys

from zjtest import Server


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    server = Server(sys.argv[1])
    try:
        server.start()
        cmd = [a.replace("{port}", str(server.port)) for a in sys.argv[2:]]
        rc = subprocess.call(cmd)
        if rc != 0:
            print("server log (tail):\n" + server.log_tail())
        stopped = server.stop()
        if stopped != 0:
            print("the server exited with %s after the test; log:\n%s" % (stopped, server.log_tail()))
            return rc or 1
        return rc
    finally:
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
