"""Timing helpers: best of several runs, and the result record every benchmark returns."""

from __future__ import annotations

import time


def timed(fn, repeat: int = 1):
    """(fastest of `repeat` runs in seconds, the last result): the least noisy estimate on a shared machine."""
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def best_of(fn, repeat: int = 5) -> float:
    """The fastest of `repeat` runs in seconds."""
    return timed(fn, repeat)[0]


def record(value: float, unit: str, baseline: float, limit: float, lower_is_better: bool = True) -> dict:
    """value/baseline as `ratio`; `ok` when the ratio is within `limit` (at most, or at least)."""
    ratio = value / baseline if baseline else float("inf")
    ok = ratio <= limit if lower_is_better else ratio >= limit
    return {
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": ratio,
        "limit": limit,
        "ok": bool(ok),
    }


def within(value: float, unit: str, baseline: float, budget: float) -> dict:
    """A record held to an absolute budget from the issues (same unit as value): the limit on the ratio is
    budget / baseline, so `ok` means value <= budget, and the ratio still compares with the baseline."""
    return record(value, unit, baseline, budget / baseline) | {"budget": budget}
