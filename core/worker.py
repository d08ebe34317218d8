"""The sandbox's fork server: a clean single-threaded process that forks one child per job.

Started by `core.sandbox` as `python -m core.worker SOCKET`. It imports sympy and exercises it once, so
forked jobs start warm (sympy initialises printers and assumption tables lazily; without this every
job would pay about a second of CPU inside its limit). Each child sets its CPU and memory limits,
sends its pid, runs one job and sends back the pickled outcome. Only registered jobs (`sandbox.job`) run.
The server reaps each job and tells the parent how one that died without answering ended (`_reap`).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import resource
import select
import socket
import struct
import sys

REAP_SECONDS = 0.05  # how often the fork server looks for finished jobs while some run


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
    # At the CPU limit the kernel ends the child outright with SIGXCPU (its default action; no Python handler:
    # sympy's C-level big-integer loops would not notice one), SIGKILL a second later if that failed. The
    # server then tells the parent it was the CPU limit, not a kill from outside. SIGXCPU dumps core: no file.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
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


def _reap(children: dict[int, socket.socket]) -> None:
    """Collect finished jobs; tell the parent how one that died without answering ended.

    The parent cannot see a grandchild's exit status, and a closed socket alone says nothing: a job stopped
    at its CPU limit (SIGXCPU) is the formula's doing, one killed from outside (the kernel's OOM killer,
    an operator) is not, and must not be remembered as "took too long".
    """
    while children:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = children.pop(pid, None)
        if conn is None:
            continue
        if os.WIFSIGNALED(status):
            fields = {"signal": os.WTERMSIG(status), "cpu": usage.ru_utime + usage.ru_stime}
            # (the parent may have gone already: it killed a stalled job itself)
            with contextlib.suppress(OSError):
                conn.settimeout(1.0)
                send(conn, (False, ("expr.died", fields)))
        conn.close()


def serve(path: str) -> None:
    from core import symbolic

    symbolic.analyze("sqrt(x^2 + y^2) + sin(x) exp(y) log(x) / (1 + x^2) - abs(y) tanh(x) + atan(y)", 2)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    # each running job's connection, kept open here until the job is reaped: see _reap
    children: dict[int, socket.socket] = {}
    while True:
        readable, _, _ = select.select([server, sys.stdin], [], [], REAP_SECONDS if children else None)
        _reap(children)
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1):
            return  # the parent is gone: so are we
        if server in readable:
            conn, _ = server.accept()
            pid = os.fork()
            if pid == 0:
                _child(server, conn, children)
            children[pid] = conn


def _child(server: socket.socket, conn: socket.socket, children: dict[int, socket.socket]) -> None:
    server.close()
    for other in children.values():
        other.close()
    try:
        send(conn, os.getpid())
        _job(conn)
    finally:
        os._exit(0)


if __name__ == "__main__":
    serve(sys.argv[1])
