"""Classifiers as surfaces phi(x) = 0 (section 3.1) trained by gradient descent on a loss (section 3.2).

Each model is a torch module with `phi(X)` (the class is sign(phi)) and `backward(X, g)`, its hand-written
gradient: given g = dL/dphi for every example it returns dL/dparameter by the chain rule, written beside
the forward formula micrograd-style. Tests compare it with torch.autograd. Training itself uses autograd.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

DTYPE = torch.float64


def _param(values) -> nn.Parameter:
    return nn.Parameter(torch.as_tensor(values, dtype=DTYPE).clone())


class Hyperplane(nn.Module):
    """phi(x) = w^T x + b: the boundary phi = 0 is a line in 2-D."""

    def __init__(self, gen: torch.Generator):
        super().__init__()
        self.w = _param(torch.randn(2, generator=gen, dtype=DTYPE))
        self.b = _param(0.0)

    def phi(self, X: torch.Tensor) -> torch.Tensor:
        return X @ self.w + self.b

    def backward(self, X: torch.Tensor, g: torch.Tensor) -> dict[str, torch.Tensor]:
        # dphi/dw = x, dphi/db = 1
        return {"w": X.T @ g, "b": g.sum()}


class Hypersphere(nn.Module):
    """phi(x) = ||x - c||^2 - r^2: negative inside the circle of centre c and radius r."""

    def __init__(self, gen: torch.Generator):
        super().__init__()
        self.c = _param(0.1 * torch.randn(2, generator=gen, dtype=DTYPE))
        self.r = _param(1.0)

    def phi(self, X: torch.Tensor) -> torch.Tensor:
        return ((X - self.c) ** 2).sum(dim=1) - self.r**2

    def backward(self, X: torch.Tensor, g: torch.Tensor) -> dict[str, torch.Tensor]:
        # dphi/dc = -2 (x - c), dphi/dr = -2 r
        return {"c": -2 * (X - self.c).T @ g, "r": -2 * self.r * g.sum()}


class Perceptron(nn.Module):
    """phi(x) = w2^T tanh(W1 x + b1) + b2: a small multilayer perceptron for irregular boundaries."""

    def __init__(self, gen: torch.Generator, hidden: int = 16):
        super().__init__()
        self.W1 = _param(torch.randn(hidden, 2, generator=gen, dtype=DTYPE))
        self.b1 = _param(torch.randn(hidden, generator=gen, dtype=DTYPE))
        self.w2 = _param(torch.randn(hidden, generator=gen, dtype=DTYPE) / math.sqrt(hidden))
        self.b2 = _param(0.0)

    def phi(self, X: torch.Tensor) -> torch.Tensor:
        return torch.tanh(X @ self.W1.T + self.b1) @ self.w2 + self.b2

    def backward(self, X: torch.Tensor, g: torch.Tensor) -> dict[str, torch.Tensor]:
        h = torch.tanh(X @ self.W1.T + self.b1)
        dz = torch.outer(g, self.w2) * (1 - h**2)  # d tanh(z)/dz = 1 - tanh(z)^2
        return {"W1": dz.T @ X, "b1": dz.sum(0), "w2": h.T @ g, "b2": g.sum()}


MODELS: dict[str, Callable[[torch.Generator], nn.Module]] = {
    "hyperplane": Hyperplane,
    "hypersphere": Hypersphere,
    "mlp": Perceptron,
}


@dataclass(frozen=True)
class Loss:
    """A loss averaged over the examples: value(phi, y) and its closed-form derivative dL/dphi."""

    value: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
    dphi: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


LOSSES: dict[str, Loss] = {
    # Eq 3.1-3.2: squared error (phi - y)^2 summed over the set; divided by n so lr does not depend on n.
    "squared": Loss(
        value=lambda phi, y: ((phi - y) ** 2).mean(),
        dphi=lambda phi, y: 2 * (phi - y) / len(y),
    ),
    # log(1 + e^(-y phi)) as logaddexp(0, -y phi): no overflow, and exact (softplus linearises past 20)
    "logistic": Loss(
        value=lambda phi, y: torch.logaddexp(torch.zeros_like(phi), -y * phi).mean(),
        dphi=lambda phi, y: -y * torch.sigmoid(-y * phi) / len(y),
    ),
}


FORMULAS = {
    "hyperplane": r"\phi(\mathbf{x}) = \mathbf{w}^T \mathbf{x} + b",
    "hypersphere": r"\phi(\mathbf{x}) = \lVert \mathbf{x} - \mathbf{c} \rVert^2 - r^2",
    "mlp": r"\phi(\mathbf{x}) = \mathbf{w}_2^T \tanh(W_1 \mathbf{x} + \mathbf{b}_1) + b_2",
    "squared": r"L = \tfrac{1}{n} \sum_i \left(\phi(\mathbf{x}_i) - y_i\right)^2,\quad y_i = \pm 1",
    "logistic": r"L = \tfrac{1}{n} \sum_i \log\left(1 + e^{-y_i \phi(\mathbf{x}_i)}\right)",
}


def build(name: str, seed: int) -> nn.Module:
    """The model `name` with its initial parameters drawn from `seed`."""
    gen = torch.Generator().manual_seed(int(seed))
    return MODELS[name](gen)


def hand_gradient(model: nn.Module, loss: str, X: torch.Tensor, y: torch.Tensor) -> dict[str, torch.Tensor]:
    """dL/dparameters by the closed forms above (no autograd)."""
    with torch.no_grad():
        return model.backward(X, LOSSES[loss].dphi(model.phi(X), y))


def params_of(model: nn.Module) -> dict[str, np.ndarray]:
    return {name: p.detach().numpy().copy() for name, p in model.named_parameters()}


def phi_of(name: str, params: dict[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    """phi(X) of model `name` with the given parameters (used for grids and animation frames)."""
    model = build(name, 0)
    with torch.no_grad():
        for key, value in params.items():
            getattr(model, key).copy_(torch.as_tensor(value, dtype=DTYPE))
        return model.phi(torch.as_tensor(X, dtype=DTYPE)).numpy()


@dataclass
class TrainResult:
    """A training run: loss and accuracy at every step, parameter snapshots for the animation."""

    model: str
    losses: list[float] = field(default_factory=list)
    accuracies: list[float] = field(default_factory=list)
    snapshot_steps: list[int] = field(default_factory=list)
    snapshots: list[dict[str, np.ndarray]] = field(default_factory=list)
    reason: str = "steps"  # "steps" | "diverged" | "stopped"

    def copy(self, **changes) -> TrainResult:
        """A copy that later training steps will not change (for keeping a partial run)."""
        lists = {k: list(getattr(self, k)) for k in ("losses", "accuracies", "snapshot_steps", "snapshots")}
        return dataclasses.replace(self, **{**lists, **changes})

    @property
    def final(self) -> dict[str, np.ndarray]:
        return self.snapshots[-1]


def initial(name: str, seed: int) -> TrainResult:
    """An untrained run: the seeded initial parameters only."""
    return TrainResult(
        model=name, snapshot_steps=[0], snapshots=[params_of(build(name, seed))], reason="untrained"
    )


def snapshot_steps(steps: int, frames: int) -> set[int]:
    """The steps at which parameters are recorded: evenly spread, always including 0 and `steps`."""
    return {int(round(s)) for s in np.linspace(0, steps, max(2, min(frames, steps + 1)))}


def train(
    name: str,
    X: np.ndarray,
    y: np.ndarray,
    *,
    loss: str = "squared",
    lr: float = 0.05,
    steps: int = 500,
    seed: int = 0,
    frames: int = 40,
    on_progress: Callable[[int, TrainResult], object] | None = None,
    chunks: int = 20,
) -> TrainResult:
    """Gradient descent w <- w - lr * grad L (Algorithm 3.2) from the seeded initial parameters.

    Stops early if the loss stops being finite (too large a learning rate). `on_progress(step, result)`
    is called `chunks` times so a page can show progress and keep the partial result if stopped.
    """
    model = build(name, seed)
    Xt, yt = torch.as_tensor(X, dtype=DTYPE), torch.as_tensor(y, dtype=DTYPE)
    record, every = snapshot_steps(steps, frames), max(1, steps // max(1, chunks))
    result, loss_fn = TrainResult(model=name), LOSSES[loss].value
    for step in range(steps + 1):
        if step in record:
            result.snapshot_steps.append(step)
            result.snapshots.append(params_of(model))
        phi = model.phi(Xt)
        value = loss_fn(phi, yt)
        if not torch.isfinite(value) or value.item() > 1e12:
            result.reason = "diverged"
            if len(result.snapshots) > 1 and result.snapshot_steps[-1] == step:
                result.snapshots.pop()  # keep only parameters whose loss was finite
                result.snapshot_steps.pop()
            break
        result.losses.append(value.item())
        result.accuracies.append((torch.sign(phi) == yt).double().mean().item())
        if step == steps:
            break
        model.zero_grad()
        value.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
        if on_progress is not None and (step + 1) % every == 0:
            on_progress(step + 1, result)
    return result


def accuracy(name: str, params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.sign(phi_of(name, params, X)) == y))


# --- Parameter space of the hyperplane (section 3.2: the loss is a function of the parameters) ---


@dataclass(frozen=True)
class ParamPair:
    """Two of the hyperplane's parameters on the axes, the others held at their trained values."""

    labels: tuple[str, str]  # axis titles: plain symbols, or catalogue keys for words
    to_wb: Callable  # (p, q, w, b) -> (W of shape (..., 2), B of shape (...))
    from_wb: Callable  # (w, b) -> (p, q)
    span: Callable  # (w, b) -> ((p_lo, p_hi), (q_lo, q_hi))


def _norm(w) -> float:
    return float(np.hypot(*w)) or 1.0


def _around(value: float, half: float) -> tuple[float, float]:
    return value - half, value + half


PARAM_PAIRS: dict[str, ParamPair] = {
    "angle_b": ParamPair(
        labels=("decision_boundaries.axis.theta", "b"),
        to_wb=lambda p, q, w, b: (_norm(w) * np.stack([np.cos(p), np.sin(p)], -1), q),
        from_wb=lambda w, b: (float(np.arctan2(w[1], w[0])), float(b)),
        span=lambda w, b: ((-np.pi, np.pi), _around(0.0, max(3.0, 2 * abs(float(b))))),
    ),
    "w1_w2": ParamPair(
        labels=("w₁", "w₂"),
        to_wb=lambda p, q, w, b: (np.stack([p, q], -1), np.full(np.shape(p), float(b))),
        from_wb=lambda w, b: (float(w[0]), float(w[1])),
        span=lambda w, b: (_around(0.0, max(3.0, 2 * _norm(w))),) * 2,
    ),
    "w1_b": ParamPair(
        labels=("w₁", "b"),
        to_wb=lambda p, q, w, b: (np.stack([p, np.full(np.shape(p), float(w[1]))], -1), q),
        from_wb=lambda w, b: (float(w[0]), float(b)),
        span=lambda w, b: (_around(0.0, max(3.0, 2 * _norm(w))), _around(0.0, max(3.0, 2 * abs(float(b))))),
    ),
}


def hyperplane_losses(X: np.ndarray, y: np.ndarray, loss: str, W: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The loss of the hyperplane for every (W[k], B[k]) at once: phi is an (n, K) matrix."""
    phi = torch.as_tensor(X, dtype=DTYPE) @ torch.as_tensor(W, dtype=DTYPE).reshape(-1, 2).T
    phi = phi + torch.as_tensor(B, dtype=DTYPE).reshape(1, -1)
    yt = torch.as_tensor(y, dtype=DTYPE)[:, None]
    if loss == "squared":
        values = ((phi - yt) ** 2).mean(0)
    else:
        values = torch.logaddexp(torch.zeros_like(phi), -yt * phi).mean(0)
    return values.numpy().reshape(np.shape(B))


def parameter_grid(X, y, loss: str, pair: str, trained: dict[str, np.ndarray], size: int = 50):
    """(p values, q values, loss on the size x size grid) around the trained hyperplane."""
    spec, w, b = PARAM_PAIRS[pair], trained["w"], float(trained["b"])
    (p_lo, p_hi), (q_lo, q_hi) = spec.span(w, b)
    ps, qs = np.linspace(p_lo, p_hi, size), np.linspace(q_lo, q_hi, size)
    P, Q = np.meshgrid(ps, qs)
    W, B = spec.to_wb(P, Q, w, b)
    return ps, qs, hyperplane_losses(X, y, loss, W, np.broadcast_to(B, P.shape).copy())


def parameter_path(pair: str, snapshots: list[dict[str, np.ndarray]]) -> np.ndarray:
    """The training path projected on the two chosen parameters, shape (frames, 2)."""
    spec = PARAM_PAIRS[pair]
    return np.array([spec.from_wb(s["w"], float(s["b"])) for s in snapshots])


def hyperplane_at(pair: str, p: float, q: float, trained: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Hyperplane parameters for the point (p, q) of the parameter-space plot."""
    W, B = PARAM_PAIRS[pair].to_wb(np.asarray(p), np.asarray(q), trained["w"], float(trained["b"]))
    return {"w": np.asarray(W, dtype=float).reshape(2), "b": np.asarray(float(B))}


def line_phi(x, y):
    """phi of figure 3.3's line y + 2x + 1 = 0: positive above the line, negative below."""
    return y + 2 * x + 1


def side_of_line(x: float, y: float) -> dict[str, str]:
    """Readout of figure 3.3 for the point (x, y): phi, and the half-plane named by its sign."""
    phi = line_phi(x, y)
    where = {1: "above", -1: "below", 0: "on"}[int(np.sign(round(phi, 9)))]
    return {"x": f"{x:.2f}", "y": f"{y:.2f}", "phi": f"{phi:+.2f}", "where": where}


def summary(result: TrainResult) -> dict[str, str]:
    """Last step, loss and accuracy of a run, formatted for a caption."""
    return {
        "step": len(result.losses) - 1,
        "loss": f"{result.losses[-1]:.4g}" if result.losses else "-",
        "accuracy": f"{result.accuracies[-1]:.3f}" if result.accuracies else "-",
    }


def hyperplane_readout(X, y, loss: str, params: dict[str, np.ndarray]) -> dict[str, str]:
    """w, b, loss and accuracy of one hyperplane, formatted for a caption."""
    (w1, w2), b = params["w"], float(params["b"])
    value = hyperplane_losses(X, y, loss, params["w"][None], np.array([b]))[0]
    return {
        "w1": f"{w1:.3f}",
        "w2": f"{w2:.3f}",
        "b": f"{b:.3f}",
        "loss": f"{value:.4g}",
        "accuracy": f"{accuracy('hyperplane', params, X, y):.3f}",
    }
