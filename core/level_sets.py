"""What the level-sets view computes (sections 3.3-3.3.2): gradients against contours, directional
derivatives, the chapter's worked example in exact arithmetic, GD's stability hint, step-by-step updates.

The gradient is normal to the level curve: the angle is *measured* here from two nearby points on the
curve itself (found by Newton corrections along the gradient), not assumed, so 90 degrees is a result.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np
import sympy as sp

from core import updates
from core.decimals import decimal_text
from core.functions import Function, parse_function
from core.i18n import t
from core.optimizers import Run, Settings, descend, status_name
from core.presets import PRESETS

# The chapter's worked example (figure 3.5): L = 2 w0^2 + 3 w1^2 at P = (3, 4), two equal-length steps.
EXAMPLE_PRESET = "bowl"
EXAMPLE_POINT = (3, 4)
EXAMPLE_STEPS = (("0.0003", "0.0004"), ("0.0004", "0.0003"))


def fmt(v: float) -> str:
    """A number as the readouts show it: six significant digits."""
    return f"{float(v):.6g}"


def readout(fn: Function, point) -> dict:
    """f, grad f and |grad f| at a point (NaN where f is undefined)."""
    at = fn.at(point)
    g = np.array(at["gradient"], dtype=float)
    return {"value": at["value"], "gradient": g, "norm": float(np.linalg.norm(g))}


def report(fn: Function, point) -> dict:
    """The readout at the current point: its catalogue message (`kind`), the fields it fills, and what
    the overlays draw (gradient, tangent, measured angle); kind is readout, critical, undefined or overflow
    (f or its gradient has a value there, too large for floating point)."""
    r = readout(fn, point)
    fields = {"x": fmt(point[0]), "y": fmt(point[1]), "value": fmt(r["value"])}
    out = {"kind": "undefined", "fields": fields, "gradient": r["gradient"], "tangent": None, "angle": None}
    if not np.isfinite(r["value"]) or not np.all(np.isfinite(r["gradient"])):
        return {**out, "kind": "overflow"} if fn.overflows(*np.asarray(point, dtype=float)) else out
    angle = gradient_tangent_angle(fn, point)
    if angle is None:
        return {**out, "kind": "critical"}
    g = r["gradient"]
    fields.update(g0=fmt(g[0]), g1=fmt(g[1]), norm=fmt(r["norm"]), angle=f"{angle:.3f}")
    return {**out, "kind": "readout", "tangent": tangent(fn, point), "angle": angle}


def _onto_level(fn: Function, p: np.ndarray, level: float, iters: int = 8) -> np.ndarray:
    """Newton steps along the gradient from p to the curve f = level (the curve is a root of f - level)."""
    for _ in range(iters):
        value, g = fn.value_and_grad(*p)
        g = g.ravel()
        gg = float(g @ g)
        if not np.isfinite(gg) or gg == 0:
            break
        p = p - (float(value) - level) / gg * g
    return p


def tangent(fn: Function, point, h: float | None = None) -> np.ndarray | None:
    """Unit tangent of the level curve through `point`, from the chord between two points on that curve."""
    p = np.asarray(point, dtype=float)
    g = fn.grad(*p).ravel()
    norm = float(np.linalg.norm(g))
    if not np.isfinite(norm) or norm < 1e-12:
        return None  # a critical point: no level curve direction
    guess = np.array([-g[1], g[0]]) / norm  # only a starting direction; the chord decides
    h = h if h is not None else 1e-4 * max(1.0, float(np.linalg.norm(p)))
    level = float(fn.value(*p))
    ahead, behind = (_onto_level(fn, p + s * h * guess, level) for s in (1, -1))
    chord = ahead - behind
    length = float(np.linalg.norm(chord))
    return chord / length if np.isfinite(length) and length > 0 else None


def angle_degrees(u, v) -> float:
    """The angle between two vectors in degrees."""
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    cos = float(u @ v) / (float(np.linalg.norm(u)) * float(np.linalg.norm(v)))
    return math.degrees(math.acos(min(1.0, max(-1.0, cos))))


def gradient_tangent_angle(fn: Function, point) -> float | None:
    """Measured angle between grad f and the level curve's tangent at `point` (90 up to O(h^2))."""
    t = tangent(fn, point)
    return None if t is None else angle_degrees(fn.grad(*np.asarray(point, dtype=float)).ravel(), t)


def direction(theta_deg: float) -> np.ndarray:
    """The unit vector l_hat at angle theta (degrees, counter-clockwise from the first axis)."""
    theta = math.radians(theta_deg)
    return np.array([math.cos(theta), math.sin(theta)])


def directional_derivative(gradient, theta_deg: float) -> float:
    """D_theta f = grad f . l_hat: the rate of change of f per unit step in direction theta."""
    return float(np.asarray(gradient, dtype=float) @ direction(theta_deg))


def dial(gradient, n: int = 361) -> dict:
    """D_theta for theta all round, and where it is largest (along grad) and zero (along the contour)."""
    g = np.asarray(gradient, dtype=float)
    thetas = np.linspace(0.0, 360.0, n)
    values = g[0] * np.cos(np.radians(thetas)) + g[1] * np.sin(np.radians(thetas))
    steepest = math.degrees(math.atan2(g[1], g[0])) % 360
    return {
        "theta": thetas,
        "value": values,
        "steepest": steepest,
        "largest": float(np.linalg.norm(g)),
        "level": ((steepest + 90) % 360, (steepest + 270) % 360),
    }


@dataclass(frozen=True)
class ExampleRow:
    step: tuple[sp.Rational, sp.Rational]
    estimate: sp.Rational  # grad L(P) . delta, the first-order (total differential) estimate
    exact: sp.Rational  # L(P + delta) - L(P)


def worked_example(fn: Function) -> dict:
    """The chapter's example in exact rational arithmetic on the preset's own expression."""
    w0, w1 = fn.symbols
    point = {w0: sp.Integer(EXAMPLE_POINT[0]), w1: sp.Integer(EXAMPLE_POINT[1])}
    value = fn.expr.subs(point)
    grad = [sp.diff(fn.expr, s).subs(point) for s in (w0, w1)]
    rows = []
    for a, b in EXAMPLE_STEPS:
        d = (sp.Rational(a), sp.Rational(b))
        moved = fn.expr.subs({w0: point[w0] + d[0], w1: point[w1] + d[1]})
        rows.append(ExampleRow(d, grad[0] * d[0] + grad[1] * d[1], sp.nsimplify(moved - value)))
    return {"point": EXAMPLE_POINT, "value": value, "gradient": grad, "rows": rows}


def example_view(lang: str = "en") -> tuple[dict, list[dict], str]:
    """The worked example for the page: heading fields, table rows, the book's rounding of the second."""
    ex = worked_example(parse_function(PRESETS[EXAMPLE_PRESET].text, 2))
    head = {"value": ex["value"], "g0": ex["gradient"][0], "g1": ex["gradient"][1]}
    return head, example_table(ex, lang), f"{float(ex['rows'][1].exact):.7f}"


def race(text: str, start, names, lr: float, steps: int, momentum: float) -> list[Run]:
    """Each optimizer's path from the same start (what the page caches by these plain arguments)."""
    fn = parse_function(text, 2)
    return [descend(fn, start, Settings(name, lr, steps, momentum)) for name in names]


def stability(fn: Function, point, lr: float) -> dict:
    """GD near `point` is stable when lr * lambda_max(Hessian) < 2 (the quadratic model's condition)."""
    eig = np.asarray(fn.at(point)["hessian_eigenvalues"], dtype=float)
    lam = float(eig.max()) if eig.size and np.all(np.isfinite(eig)) else float("nan")
    if not np.isfinite(lam):
        kind = "undefined"
    elif lam <= 0:
        kind = "no_bound"  # no positive curvature: no step size makes the quadratic model contract
    else:
        kind = "stable" if lr * lam < 2 else "unstable"
    lr_max = 2 / lam if lam > 0 else float("inf")
    fields = {"lr": f"{lr:g}", "lam": fmt(lam), "product": fmt(lr * lam), "lr_max": fmt(lr_max)}
    return {"lam_max": lam, "product": lr * lam, "lr_max": lr_max, "kind": kind, "fields": fields}


def update_latex(fn: Function, run: Run, k: int, lr: float, momentum: float = 0.9) -> str:
    """The update from step k to k+1 of `run`, every intermediate quantity with its numbers (core.updates)."""
    if len(run.points) < 2:
        return rf"{updates.sup('w', 0)} = {updates.vec(run.points[0])}"
    return updates.update(fn, run, k, lr, momentum).latex()


def race_rows(runs: list[Run]) -> list[dict]:
    """One row per run: final point, final loss, steps, status and the step it diverged at or left the
    domain at (stopped_at)."""
    return [
        {
            "optimizer": r.optimizer,
            "final": tuple(float(v) for v in r.points[-1]),
            "loss": float(r.losses[-1]) if len(r.losses) else float("nan"),
            "steps": r.steps,
            "status": r.status,
            "diverged_at": r.diverged_at,
            "stopped_at": r.stopped_at,
        }
        for r in runs
    ]


def race_table(runs: list[Run], lang: str = "en") -> list[dict]:
    """The race as table rows with translated headers; a run that diverged or left the domain says at which
    step."""
    h = {k: t(f"level_sets.race.{k}", lang) for k in ("optimizer", "final", "loss", "steps", "status")}
    return [
        {
            h["optimizer"]: r["optimizer"],
            h["final"]: f"({fmt(r['final'][0])}, {fmt(r['final'][1])})",
            h["loss"]: fmt(r["loss"]),
            h["steps"]: r["steps"],
            h["status"]: t(
                "status." + status_name(r["status"], r["stopped_at"]),
                lang,
                step=r["stopped_at"],
                last=r["steps"],
            ),
        }
        for r in race_rows(runs)
    ]


def example_table(example: dict, lang: str = "en") -> list[dict]:
    """The worked example's rows: displacement, first-order estimate, exact change, their difference."""
    h = {k: t(f"level_sets.dir.{k}", lang) for k in ("step", "estimate", "exact", "error")}
    return [
        {
            h["step"]: f"({decimal_text(r.step[0])}, {decimal_text(r.step[1])})",
            h["estimate"]: decimal_text(r.estimate),
            h["exact"]: decimal_text(r.exact),
            h["error"]: decimal_text(r.exact - r.estimate),
        }
        for r in example["rows"]
    ]


def dial_fields(gradient, theta: float) -> dict:
    d = dial(gradient)
    return {
        "value": fmt(directional_derivative(gradient, theta)),
        "largest": fmt(d["largest"]),
        "steepest": f"{d['steepest']:.1f}",
        "level0": f"{d['level'][0]:.1f}",
        "level1": f"{d['level'][1]:.1f}",
    }


def step_fields(run: Run, k: int) -> dict:
    return {
        "k": k,
        "wk": updates.iterate_text(k),
        "optimizer": run.optimizer,
        "loss": fmt(run.losses[k]),
        "norm": fmt(run.grad_norms[k]),
    }


def paths_csv(runs: list[Run], names=("x", "y")) -> str:
    """Every run's path as CSV: optimizer, step, coordinates, loss, gradient norm."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["optimizer", "step", *names, "loss", "grad_norm"])
    for r in runs:
        for k, p in enumerate(r.points):
            writer.writerow(
                [
                    r.optimizer,
                    k,
                    *(repr(float(v)) for v in p),
                    repr(float(r.losses[k])),
                    repr(float(r.grad_norms[k])),
                ]
            )
    return out.getvalue()


def warmup(fn: Function, w: float, lr: float, span: float = 1.5) -> dict:
    """One variable (figure 3.4): the tangent at w, dL = L'(w) dw, and GD's step w - lr L'(w)."""
    value, slope = float(fn.value(w)), float(fn.grad(w).ravel()[0])
    way = "still" if slope == 0 else ("left" if slope > 0 else "right")  # downhill is against the slope
    fields = {"w": fmt(w), "value": fmt(value), "slope": fmt(slope), "next": fmt(w - lr * slope)}
    tangent_ends = ((w - span, value - span * slope), (w + span, value + span * slope))
    return {
        "w": w,
        "value": value,
        "slope": slope,
        "next": w - lr * slope,
        "way": way,
        "fields": fields,
        "tangent": tangent_ends,
    }
