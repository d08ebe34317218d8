"""One step of each optimizer written out with its numbers: gradient, velocity, moments, bias corrections.

Iterations are superscripts, w^(k) the point after k steps; subscripts stay for coordinates (w_0, w_1), as
the chapter's w[0], w[1]. The internal state of step k (a velocity, Adam's m and v) is replayed from the
start of the path with torch.optim's own rules and defaults, so the written update ends exactly at the
path's w^(k+1) (the rules themselves are tested against torch.optim in core.optimizers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.functions import Function
from core.optimizers import Run

BETA1, BETA2, ADAM_EPS = 0.9, 0.999, 1e-8  # torch.optim.Adam's defaults
ALPHA, RMS_EPS = 0.99, 1e-8  # torch.optim.RMSprop's
ADAGRAD_EPS = 1e-10  # torch.optim.Adagrad's


@dataclass(frozen=True)
class Update:
    """The update from w^(k) to w^(k+1): named vectors (for tests) and the LaTeX lines showing them."""

    k: int
    values: dict[str, np.ndarray]
    lines: tuple[str, ...]

    @property
    def next(self) -> np.ndarray:
        return self.values["w_next"]

    def latex(self) -> str:
        return r"\begin{aligned}" + r" \\[4pt] ".join(self.lines) + r"\end{aligned}"


def vec(values) -> str:
    """A column vector with 4 significant digits, -0 shown as 0."""
    return r"\begin{bmatrix}" + r" \\ ".join(f"{float(v) + 0.0:.4g}" for v in values) + r"\end{bmatrix}"


def num(value: float) -> str:
    """A scalar as LaTeX: 1e-08 as 10^{-8}, else 4 significant digits."""
    text = f"{float(value):.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        power = rf"10^{{{int(exponent)}}}"
        return power if mantissa == "1" else rf"{mantissa} \cdot {power}"
    return text


def sup(name: str, k: int | str) -> str:
    """name^(k): the iteration as a superscript in parentheses."""
    return rf"{name}^{{({k})}}"


SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def iterate_text(k: int, name: str = "w") -> str:
    """w⁽ᵏ⁾ in plain text, for legends, labels and captions (which cannot hold LaTeX)."""
    return name + "⁽" + str(k).translate(SUPERSCRIPTS) + "⁾"


def update(fn: Function, run: Run, k: int, lr: float, momentum: float = 0.9) -> Update:
    """The update of `run` from step k to k + 1 (k clipped to the path), its numbers substituted."""
    k = int(min(max(k, 0), len(run.points) - 2))
    grads = [fn.grad(*p).ravel() for p in run.points[: k + 1]]
    return WRITERS[run.optimizer](fn, run.points[k], grads, k, lr, momentum)


def _gradient_line(g, k: int) -> str:
    return rf"{sup('g', k)} &= \nabla L({sup('w', k)}) = {vec(g)}"


def _sgd(fn, w, grads, k, lr, momentum) -> Update:
    g = grads[k]
    nxt = w - lr * g
    step = rf"{sup('w', k + 1)} &= {sup('w', k)} - \mu\,{sup('g', k)} = {vec(w)} - {num(lr)}\,{vec(g)} = {vec(nxt)}"
    return Update(k, {"g": g, "w_next": nxt}, (_gradient_line(g, k), step))


def _velocity(grads, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """(v^(k), v^(k+1)) of torch's SGD momentum buffer: v^(1) = g^(0), v^(j+1) = beta v^(j) + g^(j)."""
    before = np.zeros_like(grads[0])
    for g in grads[:-1]:
        before = beta * before + g
    return before, beta * before + grads[-1]


def _momentum(fn, w, grads, k, lr, momentum, nesterov: bool = False) -> Update:
    g = grads[k]
    before, v = _velocity(grads, momentum)
    lines = [
        _gradient_line(g, k),
        rf"{sup('v', k + 1)} &= \beta\,{sup('v', k)} + {sup('g', k)} = {num(momentum)}\,{vec(before)} + {vec(g)}"
        rf" = {vec(v)}",
    ]
    if nesterov:
        direction = g + momentum * v
        nxt = w - lr * direction
        lines.append(
            rf"{sup('w', k + 1)} &= {sup('w', k)} - \mu\,({sup('g', k)} + \beta\,{sup('v', k + 1)})"
            rf" = {vec(w)} - {num(lr)}\,{vec(direction)} = {vec(nxt)}"
        )
    else:
        nxt = w - lr * v
        lines.append(
            rf"{sup('w', k + 1)} &= {sup('w', k)} - \mu\,{sup('v', k + 1)} = {vec(w)} - {num(lr)}\,{vec(v)}"
            rf" = {vec(nxt)}"
        )
    return Update(k, {"g": g, "v_before": before, "v": v, "w_next": nxt}, tuple(lines))


def _nesterov(fn, w, grads, k, lr, momentum) -> Update:
    return _momentum(fn, w, grads, k, lr, momentum, nesterov=True)


def _adam(fn, w, grads, k, lr, momentum) -> Update:
    m = v = np.zeros_like(grads[0])
    for g in grads[:-1]:
        m, v = BETA1 * m + (1 - BETA1) * g, BETA2 * v + (1 - BETA2) * g * g
    g, t = grads[k], k + 1
    m_next, v_next = BETA1 * m + (1 - BETA1) * g, BETA2 * v + (1 - BETA2) * g * g
    m_hat, v_hat = m_next / (1 - BETA1**t), v_next / (1 - BETA2**t)
    nxt = w - lr * m_hat / (np.sqrt(v_hat) + ADAM_EPS)
    b1, b2 = num(BETA1), num(BETA2)
    lines = (
        _gradient_line(g, k),
        rf"{sup('m', t)} &= \beta_1 {sup('m', k)} + (1 - \beta_1)\,{sup('g', k)} = {b1}\,{vec(m)} + {num(1 - BETA1)}"
        rf"\,{vec(g)} = {vec(m_next)}",
        rf"{sup('v', t)} &= \beta_2 {sup('v', k)} + (1 - \beta_2)\,({sup('g', k)})^2 = {b2}\,{vec(v)} + "
        rf"{num(1 - BETA2)}\,{vec(g * g)} = {vec(v_next)}",
        rf"\hat m &= \frac{{{sup('m', t)}}}{{1 - \beta_1^{{{t}}}}} = \frac{{{vec(m_next)}}}{{1 - {b1}^{{{t}}}}}"
        rf" = {vec(m_hat)}, \quad \hat v = \frac{{{sup('v', t)}}}{{1 - \beta_2^{{{t}}}}} = {vec(v_hat)}",
        rf"{sup('w', t)} &= {sup('w', k)} - \mu\,\frac{{\hat m}}{{\sqrt{{\hat v}} + \epsilon}} = {vec(w)} - "
        rf"{num(lr)}\,\frac{{{vec(m_hat)}}}{{{vec(np.sqrt(v_hat))} + {num(ADAM_EPS)}}} = {vec(nxt)}",
    )
    values = {"g": g, "m": m_next, "v": v_next, "m_hat": m_hat, "v_hat": v_hat, "w_next": nxt}
    return Update(k, values, lines)


def _squares(grads, decay: float | None) -> tuple[np.ndarray, np.ndarray]:
    """(s^(k), s^(k+1)): RMSprop's running mean of g^2 (decay alpha), or Adagrad's running sum (None)."""
    before = np.zeros_like(grads[0])
    for g in grads[:-1]:
        before = before + g * g if decay is None else decay * before + (1 - decay) * g * g
    g = grads[-1]
    return before, before + g * g if decay is None else decay * before + (1 - decay) * g * g


def _rmsprop(fn, w, grads, k, lr, momentum) -> Update:
    g = grads[k]
    before, v = _squares(grads, ALPHA)
    nxt = w - lr * g / (np.sqrt(v) + RMS_EPS)
    lines = (
        _gradient_line(g, k),
        rf"{sup('v', k + 1)} &= \alpha\,{sup('v', k)} + (1 - \alpha)\,({sup('g', k)})^2 = {num(ALPHA)}\,{vec(before)}"
        rf" + {num(1 - ALPHA)}\,{vec(g * g)} = {vec(v)}",
        rf"{sup('w', k + 1)} &= {sup('w', k)} - \mu\,\frac{{{sup('g', k)}}}{{\sqrt{{{sup('v', k + 1)}}} + \epsilon}}"
        rf" = {vec(w)} - {num(lr)}\,\frac{{{vec(g)}}}{{{vec(np.sqrt(v))} + {num(RMS_EPS)}}} = {vec(nxt)}",
    )
    return Update(k, {"g": g, "v": v, "w_next": nxt}, lines)


def _adagrad(fn, w, grads, k, lr, momentum) -> Update:
    g = grads[k]
    before, total = _squares(grads, None)
    nxt = w - lr * g / (np.sqrt(total) + ADAGRAD_EPS)
    lines = (
        _gradient_line(g, k),
        rf"{sup('G', k + 1)} &= {sup('G', k)} + ({sup('g', k)})^2 = {vec(before)} + {vec(g * g)} = {vec(total)}",
        rf"{sup('w', k + 1)} &= {sup('w', k)} - \mu\,\frac{{{sup('g', k)}}}{{\sqrt{{{sup('G', k + 1)}}} + \epsilon}}"
        rf" = {vec(w)} - {num(lr)}\,\frac{{{vec(g)}}}{{{vec(np.sqrt(total))} + {num(ADAGRAD_EPS)}}} = {vec(nxt)}",
    )
    return Update(k, {"g": g, "G": total, "w_next": nxt}, lines)


def _newton(fn, w, grads, k, lr, momentum) -> Update:
    g = grads[k]
    h = np.asarray(fn.hess(*w), dtype=float).reshape(len(w), len(w))
    step = np.linalg.lstsq(h, g, rcond=None)[0]
    nxt = w - step
    rows = r" \\ ".join(" & ".join(f"{float(x) + 0.0:.4g}" for x in row) for row in h)
    lines = (
        _gradient_line(g, k),
        rf"{sup('w', k + 1)} &= {sup('w', k)} - H({sup('w', k)})^{{-1}}\,{sup('g', k)} = {vec(w)} - "
        rf"\begin{{bmatrix}}{rows}\end{{bmatrix}}^{{-1}} {vec(g)} = {vec(nxt)}",
    )
    return Update(k, {"g": g, "H": h, "w_next": nxt}, lines)


WRITERS: dict[str, Callable[..., Update]] = {
    "sgd": _sgd,
    "momentum": _momentum,
    "nesterov": _nesterov,
    "adagrad": _adagrad,
    "rmsprop": _rmsprop,
    "adam": _adam,
    "newton": _newton,
}
