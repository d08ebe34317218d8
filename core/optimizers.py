"""Gradient descent and its relatives, single-path and batched, exactly as `torch.optim` computes them.

Batched runs are torch.optim itself, in float64, fed the exact (sympy) gradient: a parameter tensor of
shape (N, n) is N independent runs, because every update rule acts elementwise and all runs share the
step count. A single path uses the same rules written in numpy (`RULES`; torch's per-step overhead
would dominate it), tested against torch.optim point by point. Newton's method,
w <- w - H(w)^-1 grad L(w), is written here: undamped, whatever lr says, since its step is the minimum of the
quadratic model (one step on a bowl); a damped Newton at lr 0.05 crawls and looks like a slow method.

A run is a value: points (start included), losses, gradient norms, a status and the number of steps.
It stops when the gradient norm falls below `tol` (converged), after `steps` updates (max_steps), or at
the first non-finite or exploding value, which is never returned: only finite numbers are. A single path
tells two such ends apart: a step to a finite point where f is not defined (the square root or the
logarithm of a negative number) left the domain (left_domain), and a start there never began
(undefined_start); an overflow or a coordinate past `EXPLODE` is a real divergence (diverged), which a
smaller learning rate cures.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from core.functions import Function

EXPLODE = 1e6  # a coordinate this large has left any window a student looks at: call it diverged
# a batch run's status codes; left_domain also for a start where f has no value
STATUSES = ("max_steps", "converged", "diverged", "left_domain")
STOPPED = ("diverged", "left_domain")  # the statuses of a single path that stopped at a bad step
FAILED = (*STOPPED, "undefined_start")  # ... or never started: f has no value at the start


@dataclass(frozen=True)
class Settings:
    optimizer: str = "sgd"
    lr: float = 0.01
    steps: int = 200
    momentum: float = 0.9
    tol: float = 1e-6


def _torch_optimizer(name: str, param: torch.Tensor, s: Settings) -> torch.optim.Optimizer:
    return OPTIMIZERS[name](param, s)


# torch.optim constructors by name; the URL and the CLI store these keys.
OPTIMIZERS: dict[str, Callable] = {
    "sgd": lambda p, s: torch.optim.SGD([p], lr=s.lr),
    "momentum": lambda p, s: torch.optim.SGD([p], lr=s.lr, momentum=s.momentum),
    "nesterov": lambda p, s: torch.optim.SGD([p], lr=s.lr, momentum=s.momentum, nesterov=True),
    "adagrad": lambda p, s: torch.optim.Adagrad([p], lr=s.lr),
    "rmsprop": lambda p, s: torch.optim.RMSprop([p], lr=s.lr),
    "adam": lambda p, s: torch.optim.Adam([p], lr=s.lr),
    "newton": None,
}
NAMES = tuple(OPTIMIZERS)


@dataclass(frozen=True)
class Run:
    optimizer: str
    points: np.ndarray  # (k + 1, n), start first
    losses: np.ndarray  # (k + 1,)
    grad_norms: np.ndarray  # (k + 1,)
    status: str
    steps: int
    notes: tuple = ()  # (catalogue key, step) pairs, e.g. Newton's Hessian not positive definite

    @property
    def diverged_at(self) -> int | None:
        """The step that left the finite numbers (or the window of EXPLODE) when diverged: one past the last
        point kept, as listing 3.5's runs count it; 0 when f is not finite at the start itself; None
        otherwise."""
        if self.status != "diverged":
            return None
        return 0 if not np.isfinite(self.losses[0]) else self.steps + 1

    @property
    def stopped_at(self) -> int | None:
        """The step that ended the run at a bad point: diverged_at, or one past the last point kept when the
        run left the domain; None otherwise."""
        return self.steps + 1 if self.status == "left_domain" else self.diverged_at

    def status_fields(self) -> dict:
        """Fields of the catalogue's status.* sentences: the step it stopped at and its last finite step."""
        return {"step": self.stopped_at, "last": self.steps}

    @property
    def status_name(self) -> str:
        """The status as the catalogue words it (`status.<name>`): see `status_name`."""
        return status_name(self.status, self.stopped_at)

    def as_dict(self) -> dict:
        return {
            "points": self.points.tolist(),
            "losses": self.losses.tolist(),
            "grad_norms": self.grad_norms.tolist(),
            "status": self.status,
            "steps": self.steps,
        }


@dataclass(frozen=True)
class BatchRun:
    final: np.ndarray  # (N, n) last finite point of each run
    losses: np.ndarray  # (N,)
    status: np.ndarray  # (N,) index into STATUSES
    steps: np.ndarray  # (N,) updates made before stopping
    paths: np.ndarray | None = None  # (T + 1, N, n) when recorded; NaN after a run stopped


def _newton_step(fn: Function, w: np.ndarray, g: np.ndarray):
    """H^-1 g for each row; least squares where H is singular. Returns (step, singular, not_pd)."""
    h = np.moveaxis(fn.hess(*w.T), (0, 1), (-2, -1))  # (N, n, n)
    h = np.nan_to_num(h, nan=0.0)
    eig = np.linalg.eigvalsh(h)
    scale = np.maximum(1.0, np.abs(eig).max(axis=-1))
    singular = np.abs(eig).min(axis=-1) <= 1e-12 * scale
    not_pd = eig.min(axis=-1) <= 0
    step = np.empty_like(w)
    ok = ~singular
    if ok.any():
        step[ok] = np.linalg.solve(h[ok], g[ok][..., None])[..., 0]
    for i in np.flatnonzero(singular):
        step[i] = np.linalg.lstsq(h[i], g[i], rcond=None)[0]
    return step, singular, not_pd


def descend_batch(
    fn: Function,
    starts,
    settings: Settings,
    record: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BatchRun:
    """Run `settings.optimizer` from every row of `starts` (N, n) at once."""
    s = settings
    w0 = np.array(starts, dtype=np.float64).reshape(-1, fn.nvars)
    n_runs = len(w0)
    param = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = None if s.optimizer == "newton" else _torch_optimizer(s.optimizer, param, s)
    status = np.zeros(n_runs, dtype=np.int8)
    steps = np.zeros(n_runs, dtype=np.int64)
    active = np.ones(n_runs, dtype=bool)
    final = w0.copy()
    losses = fn.value(*w0.T).reshape(n_runs)
    bad = ~np.isfinite(losses) | ~np.all(np.isfinite(w0), axis=1)
    status[bad], active[bad] = _stop_codes(fn, w0, bad), False
    paths = [w0.copy()] if record else None
    for k in range(s.steps + 1):
        # Only runs still going are evaluated: late in a basins map most starts have converged.
        w = param.detach().numpy()
        live = np.flatnonzero(active)
        g = np.zeros_like(w)
        if live.size:
            g[live] = np.moveaxis(fn.grad(*w[live].T), 0, -1).reshape(live.size, fn.nvars)
        gnorm = np.linalg.norm(g, axis=1)
        stop_bad = active & ~np.isfinite(gnorm)
        status[stop_bad], active[stop_bad] = 2, False
        done = active & (gnorm < s.tol)
        status[done], active[done] = 1, False
        if k == s.steps or not active.any():
            break
        g[~active] = 0.0
        live = np.flatnonzero(active)
        before = w.copy()
        with torch.no_grad():
            if opt is None:
                step = np.zeros_like(w)
                step[live] = _newton_step(fn, w[live], g[live])[0]
                param -= torch.from_numpy(step)
            else:
                param.grad = torch.from_numpy(g)
                opt.step()
            after = param.numpy()
            after[~active] = before[~active]  # stopped runs stay where they stopped
        new_loss = np.full(n_runs, np.nan)
        new_loss[live] = fn.value(*after[live].T).reshape(live.size)
        exploded = active & (
            ~np.isfinite(new_loss)
            | ~np.all(np.isfinite(after), axis=1)
            | (np.abs(after).max(axis=1) > EXPLODE)
        )
        status[exploded], active[exploded] = _stop_codes(fn, after, exploded), False
        with torch.no_grad():
            param[torch.from_numpy(exploded)] = torch.from_numpy(before[exploded])
        moved = active
        steps[moved] += 1
        final[moved], losses[moved] = after[moved], new_loss[moved]
        if record:
            snap = np.full_like(before, np.nan)
            snap[moved] = after[moved]
            paths.append(snap)
        if progress is not None and (k % 10 == 0):
            progress(k, s.steps)
    final[status < 2] = param.detach().numpy()[status < 2]
    return BatchRun(final, losses, status, steps, np.stack(paths) if record else None)


def _stop_codes(fn: Function, points: np.ndarray, stopped: np.ndarray) -> np.ndarray:
    """The status codes of the runs `stopped` at `points`, as `bad_step` judges one: 3 (left_domain) at a
    finite point within EXPLODE where f has no value without overflowing; else 2 (diverged)."""
    rows = points[stopped]
    inside = np.all(np.isfinite(rows), axis=1) & (np.abs(rows).max(axis=1, initial=0.0) <= EXPLODE)
    codes = np.full(len(rows), 2, dtype=np.int8)
    candidates = np.flatnonzero(inside)
    codes[candidates[~_overflowing(fn, rows[candidates])]] = 3
    return codes


def _overflowing(fn: Function, points: np.ndarray) -> np.ndarray:
    """Which of `points` overflow on the way to f's value. An overflow is told from a domain only by
    evaluating again with overflow raising, which says "somewhere in this batch": halve the batches that
    do, so a whole map that left f's domain costs one evaluation, not one per start."""
    found = np.zeros(len(points), dtype=bool)
    if len(points) == 0 or not fn.overflows(*points.T):
        return found
    if len(points) == 1:
        return ~found
    half = len(points) // 2
    return np.concatenate([_overflowing(fn, points[:half]), _overflowing(fn, points[half:])])


def _sgd_rule(s: Settings, nesterov: bool = False):
    """torch.optim.SGD: buf <- momentum * buf + g (buf = g at step 1); w <- w - lr * (g + momentum * buf | buf)."""
    buf = None

    def step(w, g):
        nonlocal buf
        if s.optimizer == "sgd":
            return w - s.lr * g
        buf = g.copy() if buf is None else buf * s.momentum + g
        return w - s.lr * (g + s.momentum * buf if nesterov else buf)

    return step


def _adagrad_rule(s: Settings, eps: float = 1e-10):
    """torch.optim.Adagrad: G <- G + g^2; w <- w - lr * g / (sqrt(G) + eps)."""
    total = 0.0

    def step(w, g):
        nonlocal total
        total = total + g * g
        return w - s.lr * (g / (np.sqrt(total) + eps))

    return step


def _rmsprop_rule(s: Settings, alpha: float = 0.99, eps: float = 1e-8):
    """torch.optim.RMSprop: v <- alpha v + (1 - alpha) g^2; w <- w - lr * g / (sqrt(v) + eps)."""
    avg = 0.0

    def step(w, g):
        nonlocal avg
        avg = avg * alpha + (1 - alpha) * g * g
        return w - s.lr * (g / (np.sqrt(avg) + eps))

    return step


def _adam_rule(s: Settings, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
    """torch.optim.Adam: m <- lerp(m, g, 1 - b1); v <- b2 v + (1 - b2) g^2;
    w <- w - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)."""
    m, v, t = 0.0, 0.0, 0

    def step(w, g):
        nonlocal m, v, t
        t += 1
        m = m + (1 - beta1) * (g - m)  # torch's lerp for a weight below one half
        v = v * beta2 + (1 - beta2) * g * g
        denom = np.sqrt(v) / (1 - beta2**t) ** 0.5 + eps
        return w - (s.lr / (1 - beta1**t)) * (m / denom)

    return step


# One path at a time, torch.optim's per-step overhead (~150 us) would dominate a drag's rerun: the same
# update rules in numpy, checked against torch.optim point by point in tests/unit/test_optimizers.py.
RULES: dict[str, Callable] = {
    "sgd": _sgd_rule,
    "momentum": _sgd_rule,
    "nesterov": lambda s: _sgd_rule(s, nesterov=True),
    "adagrad": _adagrad_rule,
    "rmsprop": _rmsprop_rule,
    "adam": _adam_rule,
}


def status_name(status: str, stopped_at: int | None) -> str:
    """A status as the catalogue words it: a divergence at step 0 is no step's fault, f overflows at the
    start itself (x^1000 at x = 3), so it is "overflow_start", not a learning rate too large."""
    return "overflow_start" if status == "diverged" and stopped_at == 0 else status


def lr_notes(names) -> list[str]:
    """Catalogue keys to show beside the learning rate for these optimizers (Newton does not use it)."""
    return ["newton.full_step"] if "newton" in names else []


def descend(fn: Function, start, settings: Settings) -> Run:
    """One descent path from `start`, with Newton's warnings when its Hessian misbehaves."""
    s = settings
    w = np.array(start, dtype=np.float64).reshape(1, fn.nvars)
    if s.optimizer == "newton":
        return _newton_path(fn, w, s)
    rule = RULES[s.optimizer](s)
    return _path(fn, w, s, lambda current, g: (rule(current, g), ()))


def _newton_path(fn: Function, w: np.ndarray, s: Settings) -> Run:
    def update(current, g):
        step, singular, not_pd = _newton_step(fn, current, g)
        notes = (("newton.singular",) if singular[0] else ()) + (("newton.not_pd",) if not_pd[0] else ())
        return current - step, notes

    return _path(fn, w, s, update)


def bad_step(fn: Function, new: np.ndarray) -> str:
    """Why a step to `new` ends the run: left_domain when it landed on a finite point within EXPLODE where f
    has no value (sqrt or log of a negative number, a pole); diverged when a coordinate went past EXPLODE
    or a number overflowed on the way to f's value."""
    inside = bool(np.all(np.isfinite(new)) and np.abs(new).max() <= EXPLODE)
    return "left_domain" if inside and not fn.overflows(*new.T) else "diverged"


def _value_and_grad(fn: Function, w: np.ndarray) -> tuple[float, np.ndarray]:
    """f and its gradient (1, n) at the one point `w` (1, n), in one sweep: what they share is computed once
    (a third of a step's time on the page's drag)."""
    value, grad = fn.value_and_grad(*w.T)
    return float(value[0]), grad.reshape(1, fn.nvars)


def _path(fn: Function, w: np.ndarray, s: Settings, update) -> Run:
    points, losses, norms, notes = [w[0].copy()], [], [], {}
    loss, g = _value_and_grad(fn, w)
    status, steps = "max_steps", 0
    # undefined or overflowing at the start: the run is its start alone (pages read losses[-1])
    if not np.isfinite(loss):
        status = "diverged" if fn.overflows(*w.T) else "undefined_start"
        return Run(s.optimizer, np.array(points), np.array([np.nan]), np.array([np.nan]), status, 0)
    for k in range(s.steps + 1):
        gnorm = float(np.linalg.norm(g))
        if not math.isfinite(gnorm):
            status = "diverged"
            break
        losses.append(loss)
        norms.append(gnorm)
        if gnorm < s.tol:
            status = "converged"
            break
        if k == s.steps:
            break
        new, flags = update(w, g)
        for flag in flags:
            notes.setdefault(flag, k)
        new_loss, new_g = _value_and_grad(fn, new)
        # NaN and inf fail `<= EXPLODE` too
        if not (math.isfinite(new_loss) and np.abs(new).max() <= EXPLODE):
            status = bad_step(fn, new)
            break
        w, loss, g = new, new_loss, new_g
        points.append(w[0].copy())
        steps += 1
    if not losses:  # no finite gradient at the start (1e300 xy): likewise the start alone
        losses, norms = [loss], [np.nan]
    points = np.array(points[: len(losses)])
    return Run(
        s.optimizer,
        points,
        np.array(losses),
        np.array(norms),
        status,
        steps,
        tuple(sorted(notes.items(), key=lambda kv: kv[1])),
    )
