"""Heavy work in a small pool of worker processes: bounded, cancellable, one computation for many askers.

Every session's script runs in the server's one interpreter, so a numeric loop of seconds there holds its
lock and slows every click of every student. Heavy jobs (the kinds in `core.jobs`) run instead in a
`pebble` process pool: workers forked from a fork server that has imported torch, sympy and the core
modules and run each kind of job once (core/warm_jobs.py), niced below the server so that a light click
gets a core first, with one torch thread each.
Jobs a kind estimates to be small (under GD_POOL_QUICK_SECONDS alone) go to a lane of their own, one
worker at the server's priority, so the small job behind a light click never queues behind heavy ones.

A job is named by its kind and a hashable key of its arguments. Asking for a job returns a `Ticket`: a
second asker of the same key joins the job already queued or running instead of starting another, and
finished results are kept (newest last) for later askers. When the last ticket of an unfinished job is
released (its session closed or asked for something else) and no one claims it again within a second,
the job is cancelled, and pebble kills its worker and forks a fresh one. Each kind has a wall-clock budget: past it the worker is killed and the
askers get a `JobError` naming the inputs that would fit. Workers report progress (and a partial result)
on one queue that a server thread drains into the job.

Settings (environment variables; docs/deploy.md): GD_POOL_WORKERS, GD_POOL_NICE, GD_POOL_QUICK_SECONDS,
GD_POOL_QUICK_WORKERS, GD_POOL_QUEUE, GD_POOL_RESULTS, and GD_BUDGET_<KIND> (seconds) for each kind of job.
"""

from __future__ import annotations

import atexit
import ctypes
import io
import itertools
import os
import signal
import threading
import time
from collections import OrderedDict
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from multiprocessing import context as mp_context
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util

from core.jobs import KINDS, Kind
from core.parser import ExpressionError

_MISSING = object()
_REPORT_EVERY = 0.1  # seconds between two progress messages of one job
# A rerun of the page that asked (a widget touched while it waits, the language changed) releases its
# claim and claims the same job again a moment later: it must find the job still running.
GRACE_SECONDS = 1.0
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _env_int(name: str, default: int, lo: int = 0) -> int:
    try:
        return max(lo, int(os.environ.get(name, default)))
    except ValueError:
        return default


def workers() -> int:
    """GD_POOL_WORKERS: worker processes (default: the cores, at most 2; one replica per core sets 1)."""
    return _env_int("GD_POOL_WORKERS", min(2, os.cpu_count() or 1), lo=1)


def quick_seconds() -> float:
    """GD_POOL_QUICK_SECONDS: jobs estimated to take at most this long alone go to the quick lane."""
    return float(os.environ.get("GD_POOL_QUICK_SECONDS", "0.5"))


def budget(kind: Kind) -> float:
    """GD_BUDGET_<KIND>: seconds a job of this kind may run (default: the kind's own)."""
    return float(_env_int(f"GD_BUDGET_{kind.name.upper()}", kind.budget, lo=1))


class JobError(ExpressionError):
    """A job that gave no result: over its budget, cancelled, crashed, or the pool is full."""


# ----------------------------------------------------------------------------------------------------
# worker side
_worker: dict = {}


def _die_with_parent() -> None:
    """Ask the kernel to kill this worker when its parent dies: no orphan keeps a core busy."""
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _start_worker(queue, nice: int) -> None:
    import torch

    _die_with_parent()
    os.nice(nice)
    # The worker shares the cores with the server and the other workers: one thread each.
    torch.set_num_threads(1)
    _worker["queue"] = queue


def _ready() -> None:
    """A job that does nothing: it starts a lane's workers."""


def _run(job_id: int, kind: str, args: tuple):
    # the first message says the job has left the queue
    _worker["queue"].put((job_id, os.getpid(), 0.0, None))
    last = [time.monotonic()]

    def report(fraction: float, partial=None) -> None:
        now = time.monotonic()
        if now - last[0] >= _REPORT_EVERY or fraction >= 1.0:
            last[0] = now
            _worker["queue"].put((job_id, os.getpid(), float(fraction), partial))

    return KINDS[kind].run(*args, report=report)


class _Popen(popen_forkserver.Popen):
    """Python 3.11's forkserver launch, without the parent's main module.

    multiprocessing makes each new process import the parent's `__main__` first. Under Streamlit that is
    the page script being run (its script runner installs each page as `__main__`): a worker would run
    a page. Workers need only `core.jobs`, which the fork server has imported (and warmed) already."""

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        mp_context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            mp_context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        # a duplicate of the data pipe's write end: the child's sentinel of its parent
        parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Process(mp_context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)


class _Context(mp_context.ForkServerContext):
    Process = _Process


# ----------------------------------------------------------------------------------------------------
# server side
@dataclass(eq=False)
class Job:
    """One computation and what its askers see of it."""

    id: int
    kind: Kind
    key: tuple
    args: tuple
    tickets: set = field(default_factory=set)
    future: object = None
    progress: float = 0.0
    partial: object = None
    started: float | None = None
    pid: int | None = None  # the worker's, once it started
    lane: str = "heavy"
    result: object = _MISSING
    error: JobError | None = None
    finished: threading.Event = field(default_factory=threading.Event)

    @property
    def done(self) -> bool:
        return self.finished.is_set()

    def seconds(self) -> float:
        return 0.0 if self.started is None else time.monotonic() - self.started


@dataclass(eq=False)
class Ticket:
    """One asker's claim on a job; release it (in `finally`) when no longer waiting."""

    job: Job

    def wait(self, seconds: float) -> bool:
        return self.job.finished.wait(seconds)

    def outcome(self):
        """The job's result; raises its JobError."""
        if self.job.error is not None:
            raise JobError(self.job.error.key, **self.job.error.fields)
        return self.job.result


class Pool:
    """The registry of jobs (running and finished) and the worker processes that compute them."""

    def __init__(self, n_workers: int | None = None):
        import pebble

        self._lock = threading.Lock()
        self._running: dict[tuple, Job] = {}
        self._by_id: dict[int, Job] = {}
        self._results: OrderedDict[tuple, Job] = OrderedDict()
        self._ids = itertools.count(1)
        self.max_queue = _env_int("GD_POOL_QUEUE", 16, lo=1)
        self.max_results = _env_int("GD_POOL_RESULTS", 64, lo=1)
        self.started_jobs = 0
        context = _Context()
        context.set_forkserver_preload(["core.warm_jobs"])
        self._queue = context.SimpleQueue()
        # Two lanes, so that a light click's small job never waits behind a student's 200,000 steps:
        # small jobs (by the kind's estimate) get a worker of their own at the server's priority.
        self._lanes = {
            "quick": pebble.ProcessPool(
                max_workers=_env_int("GD_POOL_QUICK_WORKERS", 1, lo=1),
                initializer=_start_worker,
                initargs=(self._queue, 0),
                context=context,
            ),
            "heavy": pebble.ProcessPool(
                max_workers=n_workers or workers(),
                initializer=_start_worker,
                initargs=(self._queue, _env_int("GD_POOL_NICE", 10)),
                context=context,
            ),
        }
        # pebble starts a lane's workers with its first job: start them now, not for a student's
        for lane in self._lanes.values():
            lane.schedule(_ready)
        threading.Thread(target=self._listen, name="pool-progress", daemon=True).start()

    def claim(self, kind: str, args: tuple, key=None) -> Ticket:
        """A ticket for the job `kind(*args)`: a finished result, the same job already asked for, or a new
        one. `key` (hashable, default `args`) names the result across sessions."""
        name = (kind, args if key is None else key)
        with self._lock:
            job = self._results.get(name) or self._running.get(name)
            if job is None:
                job = self._submit(KINDS[kind], name, args)
            elif job.done:
                self._results.move_to_end(name)
            ticket = Ticket(job)
            job.tickets.add(ticket)
            return ticket

    def release(self, ticket: Ticket) -> None:
        """Drop a claim; the last claim on an unfinished job cancels it (its worker is killed) unless the
        job is claimed again within GRACE_SECONDS."""
        with self._lock:
            job = ticket.job
            job.tickets.discard(ticket)
            if job.tickets or job.done:
                return
        timer = threading.Timer(GRACE_SECONDS, self._cancel_unclaimed, args=(job,))
        timer.daemon = True
        timer.start()

    def _cancel_unclaimed(self, job: Job) -> None:
        with self._lock:
            if job.tickets or job.done:
                return
            if self._running.get(job.key) is job:
                del self._running[job.key]
        job.future.cancel()

    def busy(self) -> int:
        """Jobs queued or running."""
        with self._lock:
            return len(self._running)

    def ahead_of(self, job: Job) -> int:
        """Jobs of its lane submitted before `job` that have not started yet: the queue it waits in."""
        with self._lock:
            waiting = [other for other in self._running.values() if other.started is None]
            return sum(1 for other in waiting if other.lane == job.lane and other.id < job.id)

    def close(self) -> None:
        for lane in self._lanes.values():
            lane.stop()
        for lane in self._lanes.values():
            lane.join(timeout=5)

    def _submit(self, kind: Kind, name: tuple, args: tuple) -> Job:
        job = Job(next(self._ids), kind, name, args)
        if len(self._running) >= self.max_queue:
            job.error = JobError("job.busy", jobs=len(self._running))
            job.finished.set()
            return job
        self._running[name] = self._by_id[job.id] = job
        self.started_jobs += 1
        job.lane = "quick" if kind.cost(*args) <= quick_seconds() else "heavy"
        lane = self._lanes[job.lane]
        job.future = lane.schedule(_run, args=(job.id, kind.name, args), timeout=budget(kind))
        job.future.add_done_callback(lambda future: self._finish(job, future))
        return job

    def _finish(self, job: Job, future) -> None:
        try:
            job.result = future.result()
        except CancelledError:
            job.error = JobError("job.cancelled")
        except TimeoutError:
            fields = job.kind.fits(*job.args, fraction=job.progress)
            job.error = JobError(f"job.over.{job.kind.name}", seconds=round(budget(job.kind)), **fields)
        except ExpressionError as error:
            job.error = JobError(error.key, **error.fields)
        except Exception:
            # the worker died (out of memory, killed) or the job raised: nothing to show but that
            job.error = JobError("job.crashed")
        with self._lock:
            self._by_id.pop(job.id, None)
            if self._running.get(job.key) is job:
                del self._running[job.key]
            if job.result is not _MISSING:
                self._results[job.key] = job
                while len(self._results) > self.max_results:
                    self._results.popitem(last=False)
        job.progress = 1.0 if job.result is not _MISSING else job.progress
        job.finished.set()

    def _listen(self) -> None:
        while True:
            try:
                job_id, pid, fraction, partial = self._queue.get()
            except (EOFError, OSError):
                return
            job = self._by_id.get(job_id)
            if job is not None:
                job.started, job.pid = job.started or time.monotonic(), pid
                job.progress = fraction
                if partial is not None:
                    job.partial = partial


_shared: dict = {}
_shared_lock = threading.Lock()


def shared() -> Pool:
    """The pool of this server process, started on first use."""
    with _shared_lock:
        if "pool" not in _shared:
            _shared["pool"] = Pool()
            atexit.register(_shared["pool"].close)
        return _shared["pool"]


def warm_up() -> None:
    """Start the workers now rather than while the first student waits."""
    shared()
