"""Run symbolic work on user text in a separate, limited, killable process.

Big-integer arithmetic in sympy holds the GIL, and a thread cannot be killed: one hostile formula
computed in the server process would freeze every student. So each job runs in a child forked from a
clean fork server (sympy preloaded, so a job starts in milliseconds), with CPU-time and address-space
limits, and is killed when the wall-clock deadline passes. At most `MAX_JOBS` run at once.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
from collections.abc import Callable

from core.parser import ExpressionError

WALL_SECONDS = 4.0
CPU_SECONDS = 2
MEMORY_BYTES = 2 * 1024**3
MAX_JOBS = 2

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["core.symbolic"])
_slots = threading.BoundedSemaphore(MAX_JOBS)


def _child(conn, fn, args) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    try:
        conn.send((True, fn(*args)))
    except ExpressionError as error:
        conn.send((False, (error.key, error.fields)))
    except (MemoryError, RecursionError):
        conn.send((False, ("expr.crashed", {})))
    except Exception:  # noqa: BLE001 - any failure of sympy on user input is reported, never raised raw
        conn.send((False, ("expr.crashed", {})))
    finally:
        conn.close()
        os._exit(0)


def run(fn: Callable, *args, wall_seconds: float = WALL_SECONDS):
    """fn(*args) computed in a limited child process; its ExpressionError re-raised here."""
    if not _slots.acquire(timeout=wall_seconds):
        raise ExpressionError("expr.busy")
    try:
        receiver, sender = _context.Pipe(duplex=False)
        process = _context.Process(target=_child, args=(sender, fn, args), daemon=True)
        process.start()
        sender.close()
        try:
            ready = receiver.poll(wall_seconds)
            message = receiver.recv() if ready else None
        except (EOFError, OSError):  # killed by its memory or CPU limit
            message = (False, ("expr.crashed", {}))
        finally:
            receiver.close()
            if process.is_alive():
                process.kill()
            process.join()
        if message is None:
            raise ExpressionError("expr.timeout", seconds=int(wall_seconds))
        ok, payload = message
        if not ok:
            key, fields = payload
            raise ExpressionError(key, **fields)
        return payload
    finally:
        _slots.release()
