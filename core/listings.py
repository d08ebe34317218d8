"""The book's training listings 3.1-3.5 (section 3.5) as values: data, model, a run and its analysis.

A run is recomputed from its `Settings` alone, in float32 and with the book's order of random draws, so
that with the book's settings it prints the book's numbers. The loops do without autograd where the
listing uses it (3.2-3.5): each step applies, tensor op by tensor op, the arithmetic that autograd and
`torch.optim.SGD` perform, which gives bit-identical parameters at a quarter of the cost (the tests
compare both).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

# Cat-brain data of section 2.12.5 (hardness, sharpness) -> threat score; a ones column is appended.
CAT_X = (
    (0.11, 0.09),
    (0.01, 0.02),
    (0.98, 0.91),
    (0.12, 0.21),
    (0.98, 0.99),
    (0.85, 0.87),
    (0.03, 0.14),
    (0.55, 0.45),
    (0.49, 0.51),
    (0.99, 0.01),
    (0.02, 0.89),
    (0.31, 0.47),
    (0.55, 0.29),
    (0.87, 0.76),
    (0.63, 0.24),
)
CAT_Y = (-0.8, -0.97, 0.89, -0.67, 0.97, 0.72, -0.83, 0.00, 0.00, 0.00, -0.09, -0.22, -0.16, 0.63, 0.37)

# A loss this many times the first one (or not finite) means the run diverged.
DIVERGENCE_FACTOR = 1e10


@dataclass(frozen=True)
class Settings:
    """Everything a run depends on."""

    listing: str = "3.2"
    seed: int = 42
    n: int = 100
    noise: float = 0.5
    lr: float = 0.01
    steps: int = 1000
    degree: int = 1


@dataclass(frozen=True)
class Listing:
    """How one listing makes its data, draws its initial parameters and computes its gradient."""

    key: str
    data: str  # "linear" (y = 1.5x + 2.73), "quadratic" (y = x^2 - x + 2) or "cat"
    method: str  # "closed_form", "autograd" or "module"
    init: str  # "randn" or "rand"
    bias_first: bool  # draw order of the initial values: b, w1, ... or w1, ..., b
    skip_draws: int  # rand(1) draws before the initial values (3.4 follows 3.3 in the book's notebook)
    book: Settings
    printed: str  # what the book prints with `book` settings


LISTINGS: dict[str, Listing] = {
    "3.1": Listing(
        "3.1",
        "linear",
        "closed_form",
        "randn",
        False,
        0,
        Settings("3.1", 42, 100, 0.5, 1e-3, 4000, 1),
        "y = 1.500597x + 2.746824",
    ),
    "3.2": Listing(
        "3.2",
        "linear",
        "autograd",
        "randn",
        False,
        0,
        Settings("3.2", 42, 100, 0.5, 1e-2, 1000, 1),
        "y = 1.500591x + 2.747831",
    ),
    "3.3": Listing(
        "3.3",
        "quadratic",
        "autograd",
        "rand",
        False,
        0,
        Settings("3.3", 0, 100, 0.5, 1e-2, 1000, 1),
        "y = 8.796333x - 13.402761",
    ),
    "3.4": Listing(
        "3.4",
        "quadratic",
        "autograd",
        "randn",
        True,
        2,
        Settings("3.4", 0, 100, 0.5, 1e-4, 200000, 2),
        "y = 1.891847 - 0.962937x + 0.997084x^2",
    ),
    "3.5": Listing(
        "3.5",
        "cat",
        "module",
        "randn",
        False,
        0,
        Settings("3.5", 0, 15, 0.5, 1e-2, 1000, 1),
        "[1.0766, 0.8976, -0.9582]",
    ),
}

TRUE_FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": lambda x: 1.5 * x + 2.73,
    "quadratic": lambda x: x**2 - x + 2.0,
}


TRUE_TEXT = {"linear": "y = 1.5x + 2.73", "quadratic": "y = x² − x + 2"}


def book_settings(listing: str) -> Settings:
    return LISTINGS[listing].book


def normalized(settings: Settings) -> Settings:
    """The settings a run really uses: the cat-brain data is fixed (15 rows, a linear model in 3 unknowns)."""
    if LISTINGS[settings.listing].data == "cat":
        return dataclasses.replace(settings, n=15, noise=0.5, degree=1)
    return settings


# ---------------------------------------------------------------- data and initial values
@dataclass(frozen=True)
class Problem:
    """Training data and the model's input features (float32 tensors, as the book makes them)."""

    x: torch.Tensor  # inputs: (N,) or (N, 1); (15, 3) with the ones column for the cat brain
    y_obs: torch.Tensor
    features: tuple[torch.Tensor, ...]  # x**k for k = 0..degree (k = 0 is unused: the bias)
    two_over_n: torch.Tensor = torch.ones(())  # 2 * float32(1/N): MeanBackward's 1/N times PowBackward's 2


def generator(settings: Settings) -> torch.Generator:
    """A private generator seeded like torch.manual_seed(seed): the same stream, safe when runs overlap."""
    return torch.Generator().manual_seed(settings.seed)


def make_data(settings: Settings, gen: torch.Generator | None = None) -> Problem:
    """Draw the data exactly as the listing does (the order of draws matters)."""
    gen = generator(settings) if gen is None else gen
    kind = LISTINGS[settings.listing].data
    n, noise = settings.n, settings.noise
    if kind == "linear":
        x = 10 * torch.randn(n, generator=gen)
        y_obs = (1.5 * x + 2.73) + (noise * torch.randn(n, generator=gen))
    elif kind == "quadratic":
        x = 10 * torch.rand(n, 1, generator=gen)
        y_obs = (x**2 - x + 2.0) + (noise * torch.rand(n, 1, generator=gen) - noise / 2)
    else:
        x = torch.column_stack((torch.tensor(CAT_X, dtype=torch.float), torch.ones(15)))
        y_obs = torch.tensor(CAT_Y, dtype=torch.float).reshape((-1, 1))
        return Problem(x, y_obs, ())
    features = (x,) + tuple(x**k for k in range(2, settings.degree + 1))
    return Problem(x, y_obs, (torch.ones(()),) + features, 2 * (torch.ones(()) / y_obs.numel()))


def initial_params(settings: Settings, gen: torch.Generator) -> list[torch.Tensor]:
    """The initial values, drawn right after the data; coefficients ordered w0 (bias), w1, ..., wd."""
    listing = LISTINGS[settings.listing]
    if listing.data == "cat":
        return [torch.randn(3, 1, generator=gen)]
    for _ in range(listing.skip_draws):
        torch.rand(1, generator=gen)
    draw = torch.randn if listing.init == "randn" else torch.rand
    values = [draw(1, generator=gen) for _ in range(settings.degree + 1)]
    return values if listing.bias_first else values[-1:] + values[:-1]


# ---------------------------------------------------------------- one gradient-descent step per method
def forward(params, problem: Problem) -> torch.Tensor:
    """y_pred = w0 + w1*x + w2*(x**2) + ..., summed left to right as the listings write it."""
    y_pred = params[0] + params[1] * problem.features[1]
    for p, f in zip(params[2:], problem.features[2:], strict=True):
        y_pred = y_pred + p * f
    return y_pred


def _step_closed_form(params, problem, lr, want_loss):
    # Listing 3.1: w_grad = mean(2 * ((y_pred - y_obs) * x)), b_grad = mean(2 * (y_pred - y_obs)).
    d = forward(params, problem) - problem.y_obs
    grads = [torch.mean(2 * d)] + [torch.mean(2 * (d * f)) for f in problem.features[1:]]
    loss = torch.mean(d**2).item() if want_loss else None
    return _update(params, grads, lr), loss


def _update(params, grads, lr):
    # p - lr * g for every parameter, in two dispatches instead of two per parameter (same rounding).
    return torch._foreach_sub(params, torch._foreach_mul(grads, lr))


def _step_autograd(params, problem, lr, want_loss):
    # What backward() of mean((y_pred - y_obs)**2) computes: MeanBackward gives 1/N to every element,
    # PowBackward multiplies by 2*d, Add/MulBackward multiply by the feature and sum over the data.
    # (1/N) * (2*d) equals d * (2/N) bit for bit: doubling is exact in floating point.
    d = forward(params, problem) - problem.y_obs
    g = d * problem.two_over_n
    grads = [g.sum(0)] + [(g * f).sum(0) for f in problem.features[1:]]
    loss = torch.mean(d**2).item() if want_loss else None
    # update_parameters(): params[i] = p - learning_rate * p.grad
    return _update(params, grads, lr), loss


def _step_module(params, problem, lr, want_loss):
    # Listing 3.5: y_pred = mm(X, w); MSELoss(reduction='sum') backward is 2 * (y_pred - y); MmBackward
    # gives X^T @ grad; SGD.step() does w.add_(grad, alpha=-lr).
    (w,) = params
    y_pred = torch.mm(problem.x, w)
    loss = torch.nn.functional.mse_loss(y_pred, problem.y_obs, reduction="sum").item() if want_loss else None
    grad = torch.mm(problem.x.t(), (y_pred - problem.y_obs) * 2.0)
    return [w.clone().add_(grad, alpha=-lr)], loss


STEPS = {"closed_form": _step_closed_form, "autograd": _step_autograd, "module": _step_module}


def loss_value(params, problem: Problem, listing: Listing) -> float:
    return STEPS[listing.method](params, problem, 0.0, True)[1]


# ---------------------------------------------------------------- a whole run
@dataclass(frozen=True)
class Run:
    """A finished run: parameter snapshots at `frame_steps` (after that many updates) and the loss curve."""

    settings: Settings
    x: np.ndarray
    y_obs: np.ndarray
    frame_steps: np.ndarray
    frames: np.ndarray  # (frames, parameters), float32 values held as float64
    loss_steps: np.ndarray
    losses: np.ndarray
    params: np.ndarray  # the last finite parameters
    diverged_at: int | None
    seconds: float

    @property
    def text(self) -> str:
        return function_text(self.settings.listing, [float(v) for v in self.params])


def schedule(steps: int, count: int) -> np.ndarray:
    """About `count` step numbers in [0, steps], log-spaced (early steps move most) plus evenly spaced."""
    log = np.geomspace(1, max(steps, 1), count // 2)
    even = np.linspace(0, steps, count - count // 2)
    return np.unique(np.concatenate([[0, steps], np.round(log), np.round(even)]).astype(np.int64))


def _flat(params) -> np.ndarray:
    return torch.cat([p.reshape(-1) for p in params]).double().numpy()


def _bad(loss: float, params, limit: float) -> bool:
    return not math.isfinite(loss) or loss > limit or not all(bool(torch.isfinite(p).all()) for p in params)


def train(
    settings: Settings,
    progress: Callable[[float], None] | None = None,
    frames: int = 200,
    loss_points: int = 1000,
) -> Run:
    """Run the listing with `settings`; stop at the first step whose loss explodes."""
    started = time.perf_counter()
    settings = normalized(settings)
    listing = LISTINGS[settings.listing]
    gen = generator(settings)
    problem = make_data(settings, gen)
    params = initial_params(settings, gen)
    step_fn, lr, steps = STEPS[listing.method], settings.lr, settings.steps
    frame_set = set(schedule(steps, frames).tolist())
    loss_set = frame_set | set(schedule(steps, loss_points).tolist())
    every = max(1, steps // 100)
    snapshots: dict[int, np.ndarray] = {}
    losses: dict[int, float] = {}
    limit, good, diverged = math.inf, (0, params), None
    with torch.no_grad():
        for k in range(steps + 1):
            want = k in loss_set
            if k == steps:
                new, loss = None, loss_value(params, problem, listing)
            else:
                new, loss = step_fn(params, problem, lr, want)
            if want:
                limit = limit if k else DIVERGENCE_FACTOR * max(1.0, abs(loss))
                if _bad(loss, params, limit):
                    diverged = _first_bad_step(good, k, problem, listing, lr, limit)
                    break
                good, losses[k] = (k, params), loss
            if k in frame_set:
                snapshots[k] = _flat(params)
            if progress is not None and k % every == 0:
                progress(k / max(steps, 1))
            params = new
    if diverged is not None:
        snapshots = {k: v for k, v in snapshots.items() if k < diverged}
        losses = {k: v for k, v in losses.items() if k < diverged}
    keys = sorted(snapshots)
    return Run(
        settings=settings,
        x=problem.x.double().numpy(),
        y_obs=problem.y_obs.double().numpy().reshape(-1),
        frame_steps=np.array(keys, dtype=np.int64),
        frames=np.array([snapshots[k] for k in keys]),
        loss_steps=np.array(sorted(losses), dtype=np.int64),
        losses=np.array([losses[k] for k in sorted(losses)]),
        params=snapshots[keys[-1]],
        diverged_at=diverged,
        seconds=time.perf_counter() - started,
    )


def _first_bad_step(good, bad_k, problem, listing, lr, limit) -> int:
    """Replay from the last checked step, checking every step, to name the step where the loss exploded."""
    k, params = good
    step_fn = STEPS[listing.method]
    while k < bad_k:
        new, loss = step_fn(params, problem, lr, True)
        if _bad(loss, params, limit):
            return k
        k, params = k + 1, new
    return bad_k


# ---------------------------------------------------------------- what the book prints
def function_text(listing: str, params: list) -> str:
    """The learned function as printed: y = wx + b for a line, y = w0 + w1x + w2x^2 beyond, or the weights."""
    if listing == "3.5":
        return "[" + ", ".join(f"{v:.4f}" for v in params) + "]"

    def signed(value: float, suffix: str) -> str:
        return f" {'-' if value < 0 else '+'} {abs(value):.6f}{suffix}"

    if len(params) == 2:
        return f"y = {params[1]:.6f}x" + signed(params[0], "")
    terms = [signed(v, "x" if k == 1 else f"x^{k}") for k, v in enumerate(params) if k]
    return f"y = {params[0]:.6f}" + "".join(terms)


# ---------------------------------------------------------------- analysis: Hessian, closed forms, gradients
def design_matrix(settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(F, y): the model is y_pred = F @ params, in float64 from the float32 data."""
    settings = normalized(settings)
    if LISTINGS[settings.listing].data == "cat":  # fixed data: its exact decimal values
        return np.column_stack([np.array(CAT_X), np.ones(len(CAT_X))]), np.array(CAT_Y)
    problem = make_data(settings)
    x = problem.x.double().numpy().reshape(-1)
    f = np.stack([x**k for k in range(settings.degree + 1)], axis=1)
    return f, problem.y_obs.double().numpy().reshape(-1)


def param_names(settings: Settings) -> list[str]:
    """The parameters in design-matrix order, named as the printed function names them: b, w for a line
    (y = wx + b), w0, w1, ... for a polynomial (y = w0 + w1x + ...), w0, w1, b for the cat brain."""
    settings = normalized(settings)
    if LISTINGS[settings.listing].data == "cat":
        return ["w0", "w1", "b"]
    return ["b", "w"] if settings.degree == 1 else [f"w{k}" for k in range(settings.degree + 1)]


def loss_scale(settings: Settings) -> float:
    """The loss is scale * ||F p - y||^2: the mean (1/N) in 3.1-3.4, the sum (1) in 3.5."""
    return 1.0 if LISTINGS[settings.listing].data == "cat" else 1.0 / normalized(settings).n


def hessian(settings: Settings) -> np.ndarray:
    """The loss is quadratic in the parameters, so its Hessian is constant: 2 * scale * F^T F."""
    f, _ = design_matrix(settings)
    return 2.0 * loss_scale(settings) * f.T @ f


def stability_bound(settings: Settings) -> float:
    """Gradient descent on a quadratic converges iff lr < 2 / lambda_max(Hessian)."""
    return 2.0 / float(np.linalg.eigvalsh(hessian(settings)).max())


def least_squares(settings: Settings) -> tuple[np.ndarray, float]:
    """(parameters, loss) at the minimum, by the pseudo-inverse in float64."""
    f, y = design_matrix(settings)
    solution = np.linalg.pinv(f) @ y
    return solution, float(loss_scale(settings) * np.sum((f @ solution - y) ** 2))


def pseudo_inverse_book(settings: Settings) -> list[float]:
    """The book's float32 (X^T X)^-1 X^T y, as listing 3.5's notebook computes it."""
    problem = make_data(normalized(settings))
    x, y = problem.x, problem.y_obs.reshape(-1)
    return torch.matmul(torch.matmul(torch.linalg.inv(torch.matmul(x.T, x)), x.T), y).tolist()


def loss_grid(settings: Settings, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The loss of a line y = w x + b on a (len(b), len(w)) grid, from the data's moments (vectorised)."""
    f, y = design_matrix(settings)
    x, s = f[:, 1], loss_scale(settings)
    ww, bb = np.meshgrid(w, b)
    sxx, sx, sxy, sy, syy, n = x @ x, x.sum(), x @ y, y.sum(), y @ y, len(x)
    return s * (ww**2 * sxx + 2 * ww * bb * sx + n * bb**2 - 2 * ww * sxy - 2 * bb * sy + syy)


def closed_form_gradient(
    settings: Settings, params: np.ndarray, problem: Problem | None = None
) -> np.ndarray:
    """The calculus gradient of listing 3.1 (generalised): 2 * scale * F^T (F p - y), float32 as the book."""
    problem = make_data(normalized(settings)) if problem is None else problem
    p = [torch.tensor(params[i : i + 1], dtype=torch.float) for i in range(len(params))]
    if LISTINGS[settings.listing].data == "cat":
        w = torch.tensor(params, dtype=torch.float).reshape(-1, 1)
        return (
            torch.mm(problem.x.t(), (torch.mm(problem.x, w) - problem.y_obs) * 2.0).double().numpy().ravel()
        )
    d = forward(p, problem) - problem.y_obs
    grads = [torch.mean(2 * d)] + [torch.mean(2 * (d * f)) for f in problem.features[1:]]
    return torch.stack(grads).double().numpy()


def autograd_gradient(settings: Settings, params: np.ndarray, problem: Problem | None = None) -> np.ndarray:
    """The same gradient from PyTorch's autograd on the listing's loss."""
    problem = make_data(normalized(settings)) if problem is None else problem
    if LISTINGS[settings.listing].data == "cat":
        w = torch.tensor(params, dtype=torch.float).reshape(-1, 1).requires_grad_(True)
        torch.nn.MSELoss(reduction="sum")(torch.mm(problem.x, w), problem.y_obs).backward()
        return w.grad.double().numpy().ravel()
    p = [torch.tensor(params[i : i + 1], dtype=torch.float, requires_grad=True) for i in range(len(params))]
    torch.mean((forward(p, problem) - problem.y_obs) ** 2).backward()
    return torch.cat([q.grad for q in p]).double().numpy()


def gradient_table(run: Run, rows: int = 8) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """(step, parameters, closed-form gradient, autograd gradient) at a few recorded steps of a run."""
    picks = np.unique(np.linspace(0, len(run.frame_steps) - 1, rows).round().astype(int))
    problem = make_data(run.settings)
    return [
        (
            int(run.frame_steps[i]),
            run.frames[i],
            closed_form_gradient(run.settings, run.frames[i], problem),
            autograd_gradient(run.settings, run.frames[i], problem),
        )
        for i in picks
    ]
