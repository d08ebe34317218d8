"""Page reruns under AppTest with warm caches: a rerun after a widget change against a rerun with nothing
changed (the page's fixed cost), both timed in the same process, interleaved so load hits them alike.

Each case moves one real widget of its page through values it has not seen, so the work behind the change
(paths, a training run, a series) is done afresh while the caches of everything else are warm.
Run: python -m benchmarks.pages [page ...]
"""

from __future__ import annotations

import dataclasses
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import record, within

ROOT = Path(__file__).resolve().parents[1]


def widget(kind: str, key: str) -> Callable:
    """A change that sets the widget `at.<kind>(key=key)` to a value."""
    return lambda at, value: getattr(at, kind)(key=key).set_value(value)


def submitted(kind: str, key: str, button: int = 0) -> Callable:
    """A change to a widget inside a form, then a click on the form's submit button."""
    return lambda at, value: (widget(kind, key)(at, value), at.button[button].click())


@dataclasses.dataclass(frozen=True)
class Case:
    """One page and the interaction timed on it."""

    query: dict  # the URL the page opens with
    change: Callable  # change(at, value): moves a widget (AppTest runs the page afterwards)
    values: tuple  # all distinct and new to the page: each change computes afresh
    what: str  # the change, in words
    limit: float = 4.0  # most a change may cost, in fixed costs of the page (its own work <= 3 of them)
    budget: float | None = None  # an absolute limit in seconds from the issues, judged instead of `limit`
    tab: tuple[str, str] | None = None  # (key, label) of the lazy tab holding the widget, open from the start


ROSENBROCK_RACE = dict(f="rosenbrock", x0="-1.5", y0="2.5", opt="sgd,momentum,adam", steps="200", lr="0.001")
LR = (0.0015, 0.002, 0.003, 0.0007, 0.0005, 0.0003, 0.0002, 0.00015, 0.0001, 0.005)

CASES = {
    "level_sets": Case(
        ROSENBROCK_RACE,
        widget("select_slider", "ls_lr_slider"),
        LR,
        "new lr: 3 x 200 steps on Rosenbrock, canvas figure",
        budget=0.25,  # issue 3
    ),
    "surfaces_3d": Case(
        {},
        widget("number_input", "s3_lr"),
        (0.01, 0.02, 0.03, 0.04, 0.06, 0.07, 0.08),
        "new lr: 3 x 200 steps on the cached 150 x 150 surface, paths as dicts",
        budget=0.25,  # a classroom of 30 on 2 cores
    ),
    "decision_boundaries": Case(
        {},
        widget("slider", "db_noise"),
        (0.05, 0.1, 0.15, 0.25, 0.3, 0.35, 0.4),
        "new noise: data set, hyperplane trained 500 steps, figures",
    ),
    "taylor": Case(
        {},
        widget("slider", "ty_a"),
        (0.5, 1.0, -0.5, 1.5, -1.0, 2.0, -1.5),
        "new expansion point a: series of e^x, curves, tolerance interval",
    ),
    "training": Case(
        {},
        submitted("number_input", "tr_seed"),
        (1, 2, 3, 4, 5, 6, 7),
        "new seed, Train: listing 3.2 data and 1,000 steps, figures",
    ),
    "convexity": Case(
        {},
        widget("slider", "cv_x0"),
        (0.5, 1.5, -1.0, 2.0, -2.5, 3.0, -0.5),
        "new tangent point x0: tangent test and figures (only the open tab runs)",
        tab=("cv_tabs", "Tangent test"),
    ),
}


def rerun(page: str, case: Case | None = None, rounds: int | None = None) -> dict:
    """Median rerun after a change vs median rerun with nothing changed (seconds), AppTest, warm caches."""
    from streamlit.testing.v1 import AppTest

    # AppTest moves widgets from this thread, and Streamlit warns about that on every call
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    case = case or CASES[page]
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    at.query_params.update(case.query)
    if case.tab:  # as a click on the tab: only the open tab of a lazy-tabs page builds its widgets
        at.session_state[case.tab[0]] = case.tab[1]
    at.run()
    assert not at.exception, at.exception
    at.run()  # the first rerun fills what the first run left (widget state, lazy imports)
    still, changed, cpu = [], [], []
    for value in case.values[:rounds]:
        start = time.perf_counter()
        at.run()
        still.append(time.perf_counter() - start)
        case.change(at, value)
        start, cpu0 = time.perf_counter(), time.process_time()
        at.run()
        changed.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu0)  # CPU seconds: less distorted by a crowded machine
        assert not at.exception, at.exception
    med, base = statistics.median(changed), statistics.median(still)
    judged = within(med, "s", base, case.budget) if case.budget else record(med, "s", base, case.limit)
    return judged | {
        "ms": round(med * 1000, 1),
        "max_ms": round(max(changed) * 1000, 1),
        "baseline_ms": round(base * 1000, 1),
        "cpu_ms": round(statistics.median(cpu) * 1000, 1),  # all threads of this process, not the sandbox
        "rounds": len(changed),
        "change": case.what,
    }


def describe(page: str, r: dict) -> str:
    """A record of `rerun` in two lines."""
    judged = f"budget {r['budget'] * 1000:.0f} ms" if "budget" in r else f"limit x{r['limit']:.3g}"
    return (
        f"{page} rerun after a change ({r['change']}; {r['rounds']} rounds)\n"
        f"  {r['ms']:7.1f} ms median (max {r['max_ms']:.1f}, CPU {r['cpu_ms']:.1f}); nothing changed "
        f"{r['baseline_ms']:.1f} ms; x{r['ratio']:.2f} ({judged}: {'OK' if r['ok'] else 'FAIL'})"
    )


if __name__ == "__main__":
    import torch

    torch.set_num_threads(1)  # as the app runs it
    for name in sys.argv[1:] or CASES:
        print(describe(name, rerun(name)), flush=True)
