"""Helpers for integration tests: a Zijin server in a scratch directory, started and killed for real."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, binary, data_dir=None, port=None, extra=()):
        self.binary = binary
        self.own_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="zj-it-")
        self.port = port or free_port()
        self.extra = list(extra)
        self.proc = None

    def start(self, timeout=20):
        log = open(os.path.join(self.data_dir, "stderr.log"), "ab")
        self.proc = subprocess.Popen(
            [self.binary, "start", "-D", os.path.join(self.data_dir, "db"), "--port", str(self.port)] + self.extra,
            stdout=log, stderr=log)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited with %s; log:\n%s" % (self.proc.returncode, self.log_tail()))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start in %ss" % timeout)

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise RuntimeError("server did not stop within %ss of SIGTERM" % timeout)
        return self.proc.returncode if self.proc else None

    def log_tail(self, n=30):
        lines = []
        for name in ("stderr.log", "db/zijin.log"):
            p = os.path.join(self.data_dir, name)
            if os.path.exists(p):
                lines += open(p, errors="replace").read().splitlines()[-n:]
        return "\n".join(lines)

    def dsn(self, db="postgres"):
        return "host=127.0.0.1 port=%d user=postgres dbname=%s" % (self.port, db)

    def cleanup(self):
        try:
            self.stop()
        except Exception:
            pass
        if self.own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)
