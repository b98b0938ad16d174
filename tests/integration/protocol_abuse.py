#!/usr/bin/python3
"""Malformed, truncated and oversized protocol messages get 08P01 (or a clean close), never a
crash or a hang; the server keeps serving other clients after each one.

usage: protocol_abuse.py ZIJIN_BINARY
"""
import socket
import struct
import sys

from zjtest import Server

checks = []


def check(name, cond, detail=""):
    checks.append((name, bool(cond)))
    print("%s: %s%s" % ("ok" if cond else "FAIL", name, (" (%s)" % detail) if detail and not cond else ""))


def startup_packet(user="postgres", db="postgres"):
    body = struct.pack("!i", 196608)
    for k, v in (("user", user), ("database", db)):
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!i", len(body) + 4) + body


def msg(kind, body=b""):
    return kind + struct.pack("!i", len(body) + 4) + body


class Client:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def read_msg(self):
        """One backend message as (type, body), or None when the server closed the socket."""
        while len(self.buf) < 5:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        kind = self.buf[:1]
        n = struct.unpack("!i", self.buf[1:5])[0]
        while len(self.buf) < 1 + n:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        body = self.buf[5:1 + n]
        self.buf = self.buf[1 + n:]
        return kind, body

    def read_until(self, kinds):
        seen = []
        while True:
            m = self.read_msg()
            if m is None:
                return seen, None
            seen.append(m)
            if m[0] in kinds:
                return seen, m

    def login(self):
        self.send(startup_packet())
        seen, last = self.read_until({b"Z", b"E"})
        return last is not None and last[0] == b"Z"

    def close(self):
        self.sock.close()


def error_code(body):
    for field in body.split(b"\0"):
        if field[:1] == b"C":
            return field[1:].decode()
    return None


def server_alive(port):
    c = Client(port)
    try:
        if not c.login():
            return False
        c.send(msg(b"Q", b"SELECT 1\0"))
        seen, last = c.read_until({b"Z"})
        return last is not None and any(m[0] == b"D" for m in seen)
    finally:
        c.close()


def expect_error_then_close(port, payload, name, login=True, code="08P01"):
    c = Client(port)
    try:
        if login and not c.login():
            check(name, False, "login failed")
            return
        c.send(payload)
        seen, last = c.read_until({b"E"})
        got = error_code(last[1]) if last else None
        # After a framing error the connection cannot be resynchronized: it must close.
        rest = c.read_msg() if last else None
        check(name, got == code and rest is None, "error=%s then %s" % (got, rest))
    except (ConnectionResetError, BrokenPipeError, socket.timeout) as e:
        check(name, False, repr(e))
    finally:
        c.close()
    check(name + ": server still serves", server_alive(port))


def main():
    server = Server(sys.argv[1])
    try:
        server.start()
        port = server.port
        check("baseline", server_alive(port))

        # Start-up packets.
        c = Client(port)
        c.send(struct.pack("!i", 3))
        c.sock.shutdown(socket.SHUT_WR)
        c.read_until({b"E"})
        c.close()
        check("start-up length 3: server still serves", server_alive(port))
        expect_error_then_close(port, struct.pack("!i", 100000) + b"\0" * 100, "start-up length 100000",
                                login=False)
        expect_error_then_close(port, struct.pack("!ii", 8, 12345678), "unknown protocol version",
                                login=False, code="0A000")

        # SSLRequest is answered 'N' and start-up proceeds in clear.
        c = Client(port)
        c.send(struct.pack("!ii", 8, 80877103))
        answer = c.sock.recv(1)
        ok = answer == b"N" and c.login()
        c.close()
        check("SSLRequest answered N, then a normal start-up", ok)

        # Typed messages with impossible lengths.
        expect_error_then_close(port, b"Q" + struct.pack("!i", 2), "message length 2")
        expect_error_then_close(port, b"Q" + struct.pack("!I", 0x7FFFFFF0), "message length 2 GB")
        expect_error_then_close(port, msg(b"\x01", b"junk"), "unknown message type")

        # A message cut off by the client going away.
        c = Client(port)
        c.login()
        c.send(b"Q" + struct.pack("!i", 100) + b"SELECT")
        c.close()
        check("truncated message then disconnect: server still serves", server_alive(port))

        # Malformed bodies inside a well-framed message: an error, and the session lives on.
        c = Client(port)
        c.login()
        c.send(msg(b"B", b"\0nosuchstmt\0\0\0\0\0\0\0") + msg(b"S"))
        seen, last = c.read_until({b"Z"})
        codes = [error_code(m[1]) for m in seen if m[0] == b"E"]
        check("Bind to a missing statement: 26000 then ReadyForQuery", codes == ["26000"] and last,
              str(codes))
        c.send(msg(b"P", b"\0SELECT $1::int\0\0\x05") + msg(b"S"))  # count says 5 types, none follow
        seen, last = c.read_until({b"Z"})
        codes = [error_code(m[1]) for m in seen if m[0] == b"E"]
        check("Parse with a truncated body: 08P01 and the session lives on", codes == ["08P01"] and last,
              str(codes))
        c.send(msg(b"Q", b"SELECT 42\0"))
        seen, last = c.read_until({b"Z"})
        check("session still answers after malformed bodies",
              any(m[0] == b"D" and b"42" in m[1] for m in seen))
        c.send(msg(b"Q", b"SELECT 1"))  # query string without its terminator
        seen, last = c.read_until({b"Z"})
        codes = [error_code(m[1]) for m in seen if m[0] == b"E"]
        check("query string without NUL: 08P01", codes == ["08P01"], str(codes))
        c.close()

        # A large but legal query.
        c = Client(port)
        c.login()
        big = "SELECT length('" + "x" * (8 << 20) + "')"
        c.send(msg(b"Q", big.encode() + b"\0"))
        seen, last = c.read_until({b"Z"})
        check("8 MB query string", any(m[0] == b"D" and str(8 << 20).encode() in m[1] for m in seen))
        c.send(msg(b"X"))
        c.close()

        check("server alive at the end", server_alive(port))
        rc = server.stop()
        check("clean shutdown", rc == 0, "rc=%s" % rc)
    except Exception as e:
        check("no unexpected exception", False, repr(e))
        print(server.log_tail())
    finally:
        server.cleanup()
    failed = sum(1 for _, ok in checks if not ok)
    print("protocol: %d passed, %d failed" % (len(checks) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
