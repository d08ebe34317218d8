"""The kinds of heavy job `core.pool` runs in its workers: what each computes, its budget, what would fit.

Each kind's `run(*args, report)` is what a worker executes; `report(fraction, partial=None)` sends its
progress (and, for the decision-boundary training, the run so far) back to the page. Formulas travel as
their `symbolic.Analysis` (exact, already made in the sandbox), and each worker keeps the `Function`s it
built, so a formula's numeric code is compiled once per worker. `fits(*args, fraction)` gives the fields
of the kind's over-budget sentence: the inputs that would have fitted, scaled from how far the job got.
Budgets are wall-clock seconds of one worker, generous for a loaded 2-core machine (alone, a 200,000-step
listing 3.4 takes about 4 s, a 256 x 256 basins map under 2 s).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from core import classifiers, convexity, critical_points, listings
from core.functions import Function
from core.symbolic import Analysis

_FUNCTIONS: OrderedDict[tuple, Function] = OrderedDict()


def function_of(analysis: Analysis) -> Function:
    """The Function of an analysis, made once per worker (its compiled numeric code is reused)."""
    key = (analysis.text, analysis.variables)
    if key not in _FUNCTIONS:
        _FUNCTIONS[key] = Function(analysis)
        while len(_FUNCTIONS) > 64:
            _FUNCTIONS.popitem(last=False)
    _FUNCTIONS.move_to_end(key)
    return _FUNCTIONS[key]


def fitting(total: int, fraction: float, least: int = 1) -> int:
    """About what part of `total` fits, from the fraction done in the budget, rounded down to 2 digits."""
    value = max(least, int(total * max(fraction, 0.0) * 0.8))
    digits = len(str(value)) - 2
    return value if digits <= 0 else max(least, value // 10**digits * 10**digits)


@dataclass(frozen=True)
class Kind:
    name: str
    budget: int  # seconds
    run: Callable
    fits: Callable
    cost: Callable  # cost(*args): about how many seconds it takes alone on one core (picks the pool's lane)


def _listing(settings: listings.Settings, report) -> listings.Run:
    return listings.train(settings, progress=report)


def _listing_fits(settings: listings.Settings, fraction: float) -> dict:
    return {"steps": settings.steps, "fit": fitting(settings.steps, fraction)}


def _listing_cost(settings: listings.Settings) -> float:
    # measured: 200,000 steps on 100 points take about 4 s
    return settings.steps * settings.n / 5e6


def _classifier(name, X, y, loss, lr, steps, seed, report) -> classifiers.TrainResult:
    def progress(step: int, partial: classifiers.TrainResult) -> None:
        report(step / max(steps, 1), partial.copy(reason="stopped"))

    # a partial run every 1% of the steps: the page draws the boundary while it trains
    return classifiers.train(
        name, X, y, loss=loss, lr=lr, steps=steps, seed=seed, on_progress=progress, chunks=100
    )


def _classifier_fits(name, X, y, loss, lr, steps, seed, fraction: float) -> dict:
    return {"steps": steps, "fit": fitting(steps, fraction), "n": len(y)}


def _classifier_cost(name, X, y, loss, lr, steps, seed) -> float:
    # measured: 500 steps on 200 points take about 40 ms
    return steps * len(y) / 2.5e6


def _basins(analysis: Analysis, window, settings, res: int, minima, report) -> critical_points.Basins:
    def progress(done: int, total: int) -> None:
        report(done / max(total, 1))

    return critical_points.basins(function_of(analysis), window, settings, res, minima, progress)


def _basins_fits(analysis, window, settings, res: int, minima, fraction: float) -> dict:
    return {"res": res, "steps": settings.steps, "fit": fitting(settings.steps, fraction)}


def _basins_cost(analysis, window, settings, res: int, minima) -> float:
    # measured: 256 x 256 starts of 300 steps take about 1 s
    return res * res * settings.steps / 2e7


def _critical(analysis: Analysis, window, candidates, report) -> list[critical_points.CriticalPoint]:
    # candidates None: the exact solver gave nothing, and a worker must not start a sandbox of its own
    fn = function_of(analysis)
    return critical_points.critical_points(fn, window, use_sympy=False, candidates=candidates)


def _verdict(analysis: Analysis, window, report) -> dict[str, convexity.TestResult]:
    return convexity.verdict(function_of(analysis), window)


def _no_fields(*args, fraction: float) -> dict:
    return {}


def _small(*args) -> float:
    # measured: well under 0.5 s for the book's functions (Newton from 576 seeds; three tests on grids)
    return 0.2


KINDS = {
    kind.name: kind
    for kind in (
        Kind("listing", 90, _listing, _listing_fits, _listing_cost),
        Kind("classifier", 60, _classifier, _classifier_fits, _classifier_cost),
        Kind("basins", 60, _basins, _basins_fits, _basins_cost),
        Kind("critical", 20, _critical, _no_fields, _small),
        Kind("verdict", 20, _verdict, _no_fields, _small),
    )
}


def warm_up() -> None:
    """Run each kind once on a tiny input: torch's and numpy's first calls (lazy initialisation, about a
    second under load) are paid when a worker starts, not by the first student whose job it takes."""
    from core import datasets, optimizers, symbolic

    settings = listings.Settings(**{**listings.book_settings("3.2").__dict__, "steps": 2})
    _listing(settings, report=_ignore)
    X, y = datasets.make("clusters", 20, 0.2, 0)
    _classifier("hypersphere", X, y, "squared", 0.05, 2, 0, report=_ignore)
    analysis = symbolic.analyze("x^2 + 3y^2", 2)
    window = ((-1.0, 1.0), (-1.0, 1.0))
    _basins(analysis, window, optimizers.Settings("adam", 0.1, 2), 4, ((0.0, 0.0),), report=_ignore)
    _critical(analysis, window, [(0.0, 0.0)], report=_ignore)
    _verdict(analysis, window, report=_ignore)
    _FUNCTIONS.clear()


def _ignore(fraction: float, partial=None) -> None:
    pass
