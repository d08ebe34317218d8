"""The sandbox's fork server: a clean single-threaded process that forks one child per job.

Started by `core.sandbox` as `python -m core.worker SOCKET`. It imports sympy and exercises it once, so
forked jobs start warm (sympy initialises printers and assumption tables lazily; without this every
job would pay about a second of CPU inside its limit). Each child sets its CPU and memory limits,
sends its pid, runs one job and sends back the pickled outcome. Only functions of `core.` modules run.
"""

from __future__ import annotations

import importlib
import os
import pickle
import resource
import select
import signal
import socket
import struct
import sys


def send(conn: socket.socket, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    conn.sendall(struct.pack("!Q", len(data)) + data)


def receive(conn: socket.socket):
    header = _exactly(conn, 8)
    return pickle.loads(_exactly(conn, struct.unpack("!Q", header)[0]))


def _exactly(conn: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = conn.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _job(conn: socket.socket) -> None:
    from core.parser import ExpressionError

    module, name, args, cpu_seconds, memory_bytes = receive(conn)
    # At the CPU limit the kernel kills the child outright: sympy's C-level big-integer loops would not
    # notice a Python signal handler anyway. The parent sees the closed socket.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        target = getattr(importlib.import_module(module), name) if module.startswith("core.") else None
        if not getattr(target, "sandbox_job", False):
            raise ValueError(f"{module}.{name} is not a sandbox job")
        outcome = (True, target(*args))
    except ExpressionError as error:
        outcome = (False, (error.key, error.fields))
    except (MemoryError, RecursionError):
        outcome = (False, ("expr.crashed", {}))
    except Exception:
        outcome = (False, ("expr.crashed", {}))
    send(conn, outcome)


def serve(path: str) -> None:
    from core import symbolic

    symbolic.analyze("sqrt(x^2 + y^2) + sin(x) exp(y) log(x) / (1 + x^2) - abs(y) tanh(x) + atan(y)", 2)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        readable, _, _ = select.select([server, sys.stdin], [], [])
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1):
            return  # the parent is gone: so are we
        if server in readable:
            conn, _ = server.accept()
            if os.fork() == 0:
                server.close()
                try:
                    send(conn, os.getpid())
                    _job(conn)
                finally:
                    os._exit(0)
            conn.close()


if __name__ == "__main__":
    serve(sys.argv[1])
