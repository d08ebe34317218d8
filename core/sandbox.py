"""Run symbolic work on user text in a separate, limited, killable process.

Big-integer arithmetic in sympy holds the GIL, and a thread cannot be killed: one hostile formula
computed in the server process would freeze every student. So each job runs in a child forked from a
clean fork server (`core.worker`, sympy preloaded, so a job starts in milliseconds) with CPU-time and
address-space limits, and is killed when the wall-clock deadline passes. At most `MAX_JOBS` at once.
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from core.parser import ExpressionError
from core.worker import receive, send

WALL_SECONDS = 8.0  # only a stalled machine reaches this: the CPU limit stops hostile work first
CPU_SECONDS = 1
MEMORY_BYTES = 2 * 1024**3
MAX_JOBS = 2
ROOT = Path(__file__).resolve().parent.parent

# Errors that say something about the machine, not the formula: never cache these.
TRANSIENT = ("expr.busy", "expr.stalled", "expr.killed")

_slots = threading.BoundedSemaphore(MAX_JOBS)
_lock = threading.Lock()
_server: dict = {}


def _start() -> str:
    """The socket path of a running fork server, starting one if needed."""
    with _lock:
        proc = _server.get("proc")
        if proc is not None and proc.poll() is None:
            return _server["path"]
        folder = tempfile.mkdtemp(prefix="gd-sandbox-")
        path = os.path.join(folder, "socket")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        proc = subprocess.Popen(
            [sys.executable, "-m", "core.worker", path],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        if proc.stdout.readline().strip() != b"ready":
            raise RuntimeError("the sandbox's fork server did not start")
        _server.update(proc=proc, path=path)
        atexit.register(proc.kill)
        return path


def job(fn: Callable) -> Callable:
    """Mark `fn` as work the sandbox may run: the registry of symbolic work on user-derived expressions.

    The worker runs nothing else, and tests/unit/test_sandbox_boundary.py fails if a costly sympy call on
    such an expression appears in a function that is not a job or only called by jobs.
    """
    fn.sandbox_job = True
    return fn


def warm_up() -> None:
    """Start the fork server now rather than inside the first job's time limit."""
    _start()


def run(fn: Callable, *args, wall_seconds: float = WALL_SECONDS, cpu_seconds: int = CPU_SECONDS):
    """fn(*args) computed in a limited child process; its ExpressionError re-raised here.

    `fn` must be a top-level function of a `core.` module marked `@job`; args and result must pickle.
    `cpu_seconds` is larger only for jobs that are many analyses in one (twelve derivatives of a series).
    """
    if not getattr(fn, "sandbox_job", False):
        raise TypeError(f"{fn.__module__}.{fn.__name__} is not a sandbox job")
    path = _start()
    if not _slots.acquire(timeout=wall_seconds):
        raise ExpressionError("expr.busy")
    try:
        return _run(path, fn, args, wall_seconds, cpu_seconds)
    finally:
        _slots.release()


def _kill(pid) -> None:
    if pid is not None:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _run(path: str, fn: Callable, args, wall_seconds: float, cpu_seconds: int):
    pid, start = None, time.monotonic()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(wall_seconds)
        try:
            conn.connect(path)
            pid = receive(conn)
            send(conn, (fn.__module__, fn.__name__, args, cpu_seconds, MEMORY_BYTES))
            ok, payload = receive(conn)
        except TimeoutError:
            _kill(pid)
            raise ExpressionError("expr.stalled", seconds=int(wall_seconds)) from None
        except (EOFError, ConnectionError, pickle.UnpicklingError):  # the fork server itself is gone
            _kill(pid)
            raise ExpressionError("expr.killed", seconds=_seconds(start)) from None
    if not ok:
        key, fields = payload
        if key == "expr.died":
            raise died(fields["signal"], fields["cpu"], _seconds(start), cpu_seconds)
        raise ExpressionError(key, **fields)
    return payload


def _seconds(start: float) -> str:
    return f"{time.monotonic() - start:.1f}"


def died(signal_number: int, cpu: float, seconds: str, cpu_seconds: int = CPU_SECONDS) -> ExpressionError:
    """What a job that died without answering tells about its formula (reported by core.worker).

    At its CPU limit the kernel sends SIGXCPU (SIGKILL a second later): the formula's own doing, remembered.
    Killed with a CPU time short of the limit (the kernel's OOM killer, an operator): not the formula's doing, said as it was and
    never remembered. A crash (SIGSEGV, SIGABRT: memory exhausted inside C code) is the formula's.
    """
    if signal_number == signal.SIGXCPU or cpu >= cpu_seconds + 0.9:
        return ExpressionError("expr.timeout", seconds=cpu_seconds)
    if signal_number in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        return ExpressionError("expr.killed", seconds=seconds)
    return ExpressionError("expr.crashed")
