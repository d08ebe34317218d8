"""Core engine speed: grids from typed formulas vs hand-written numpy; batched vs looped descent."""

from __future__ import annotations

import math
import resource

import numpy as np
import torch

from benchmarks.common import best_of, record, timed
from core.functions import parse_function
from core.optimizers import Settings, descend, descend_batch

ROSENBROCK = "(1 - x)^2 + 100(y - x^2)^2"


def grid_400() -> dict:
    """f and grad f of Rosenbrock on 400 x 400, typed formula vs the same formula by hand (ratio <= 1.5).

    Both sides compute f and grad f in one sweep that shares y - x^2: by hand as `r`, typed through
    `Function.value_and_grad`. `separate_ratio` is the typed side as `value` then `grad` (nothing shared)."""
    fn = parse_function(ROSENBROCK, 2)
    X, Y = np.meshgrid(np.linspace(-2, 2, 400), np.linspace(-1, 3, 400))
    fn.value_and_grad(X, Y), fn.value(X, Y), fn.grad(X, Y)  # compile once, as the app's cache does

    def typed():
        return fn.value_and_grad(X, Y)

    def separate():
        return fn.value(X, Y), fn.grad(X, Y)

    def by_hand():
        r = Y - X**2
        f = (1 - X) ** 2 + 100 * r**2
        g = np.stack([-2 * (1 - X) - 400 * X * r, 200 * r])
        return f, g

    (typed_s, hand_s, separate_s), faults = interleaved([typed, by_hand, separate], 25)
    return record(typed_s, "s", hand_s, 1.5) | {
        "separate_ratio": separate_s / hand_s,
        "page_faults_per_call": {"typed": faults[0], "by_hand": faults[1], "separate": faults[2]},
    }


def interleaved(fns, rounds: int) -> tuple[list[float], list[float]]:
    """The fastest time of each function over `rounds` rounds that run them in turn (a burst of load on
    the shared machine falls on all of them alike, not on one block of runs), and its mean number of
    page faults per call: each side frees memory the other allocates next, so a baseline slowed by
    faults (glibc giving freed memory back to the kernel, see core.memory) shows here, not as a ratio."""
    best, faults = [math.inf] * len(fns), [0] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            best[i] = min(best[i], timed(fn)[0])
            faults[i] += resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    return best, [f / rounds for f in faults]


def batched_descent(starts: int = 65_536, steps: int = 200, sample: int = 32) -> dict:
    """65,536 starts x 200 adam steps as one tensor vs a Python loop of single runs (sampled, scaled)."""
    fn = parse_function("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", 2)
    settings = Settings("adam", 0.05, steps, tol=0)
    points = np.random.default_rng(0).uniform(-5, 5, (starts, 2))
    batch = best_of(lambda: descend_batch(fn, points, settings), 2)
    loop = best_of(lambda: [descend(fn, p, settings) for p in points[:sample]], 1) * starts / sample
    return record(batch, "s", loop, 1 / 100) | {"speedup": loop / batch}


BENCHMARKS = {"grid_400x400": grid_400, "batched_descent_65536x200": batched_descent}

if __name__ == "__main__":
    torch.set_num_threads(2)
    for name, bench in BENCHMARKS.items():
        print(name, bench())
