"""The complete, runnable PyTorch program of a listing for given settings, written the book's way.

Run on its own (`python listing.py`) it prints the same learned function as the app: it draws the data
and the initial values in the same order and does the same float32 arithmetic, with autograd or
`torch.optim.SGD` where the book uses them.
"""

from __future__ import annotations

import inspect

from core import listings
from core.listings import LISTINGS, Settings

DATA = {
    "linear": """\
x = 10 * torch.randn(N)                     # random inputs
y = 1.5 * x + 2.73                          # the true function
y_obs = y + ({noise!r} * torch.randn(N))    # observed outputs: true values plus noise
""",
    "quadratic": """\
x = 10 * torch.rand(N, 1)                   # random inputs
y = x**2 - x + 2.0                          # the true (non-linear) function
y_obs = y + ({noise!r} * torch.rand(N, 1) - {half!r})  # observed outputs: true values plus noise
""",
}

UPDATE_PARAMETERS = """
def update_parameters(params, learning_rate):
    with torch.no_grad():                   # no gradient tracking during the update
        for i, p in enumerate(params):
            params[i] = p - learning_rate * p.grad
        for i in range(len(params)):
            params[i].requires_grad = True  # track gradients again
"""

CAT_MODEL = """
class LinearModel(torch.nn.Module):
    def __init__(self, num_features):
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(num_features, 1))

    def forward(self, X):
        return torch.mm(X, self.w)          # y_pred = X w (X has a ones column, w holds the bias)


model = LinearModel(num_features=3)
loss_fn = torch.nn.MSELoss(reduction="sum")
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
"""

CHECK = """\
    loss = {loss}.item()
    if step == 0:
        limit = DIVERGENCE_FACTOR * max(1.0, abs(loss))
    if not math.isfinite(loss) or loss > limit:
        diverged_at = step
        break
    if step == num_steps:
        break
"""

REPORT = """
if diverged_at is None:
    print("Learned function:", function_text(LISTING, {values}))
    print("Parameters:", {values})
else:
    print("Diverged at step", diverged_at)
"""


def _names(settings: Settings) -> list[str]:
    """Parameter names in the order the listing draws them (b last as in 3.1-3.3, w0 first as in 3.4)."""
    listing = LISTINGS[settings.listing]
    if listing.bias_first:
        return [f"w{k}" for k in range(settings.degree + 1)]
    slopes = ["w"] if settings.degree == 1 else [f"w{k}" for k in range(1, settings.degree + 1)]
    return slopes + ["b"]


def _model(degree: int) -> str:
    terms = ["params[0]", "params[1] * x"] + [f"params[{k}] * (x**{k})" for k in range(2, degree + 1)]
    return " + ".join(terms)


def _header(settings: Settings) -> str:
    listing = LISTINGS[settings.listing]
    fields = ", ".join(f"{k}={v!r}" for k, v in vars(settings).items() if k != "listing")
    return (
        f'"""Listing {listing.key} (section 3.5 of Math and Architectures of Deep Learning), {fields}."""\n\n'
        "import math\n\nimport torch\n\n"
        f"LISTING = {listing.key!r}\nDIVERGENCE_FACTOR = {listings.DIVERGENCE_FACTOR!r}  "
        "# a loss this many times the first one means the run diverged\n\n\n"
        + inspect.getsource(listings.function_text)
        + "\n\n"
    )


def _polynomial(settings: Settings) -> str:
    listing = LISTINGS[settings.listing]
    autograd = listing.method == "autograd"
    names = _names(settings)
    grad = ", requires_grad=True" if autograd else ""
    draw = "torch.randn" if listing.init == "randn" else "torch.rand"
    skip = "".join(
        "torch.rand(1)  # listing 3.3's initial w and b: the book's notebook draws them before 3.4's\n"
        for _ in range(listing.skip_draws)
    )
    inits = "".join(f"{name} = {draw}(1{grad})\n" for name in names)
    ordered = names if listing.bias_first else names[-1:] + names[:-1]
    out = [_header(settings), UPDATE_PARAMETERS + "\n\n" if autograd else ""]
    out.append(f"torch.manual_seed({settings.seed})\nN = {settings.n}\n")
    out.append(f"num_steps = {settings.steps}\nlearning_rate = {settings.lr!r}\n\n")
    out.append(DATA[listing.data].format(noise=settings.noise, half=settings.noise / 2) + "\n")
    out.append(skip + inits + f"params = [{', '.join(ordered)}]  # coefficients of 1, x, x^2, ...\n\n")
    out.append("diverged_at = None\nfor step in range(num_steps + 1):\n")
    out.append(f"    y_pred = {_model(settings.degree)}\n")
    out.append("    mean_squared_error = torch.mean((y_pred - y_obs) ** 2)\n")
    out.append(CHECK.format(loss="mean_squared_error"))
    if autograd:
        out.append("    mean_squared_error.backward()          # autograd: d(error)/d(each parameter)\n")
        out.append("    update_parameters(params, learning_rate)\n")
    else:
        feats = ["(y_pred - y_obs)"] + [
            "((y_pred - y_obs) * x)" if k == 1 else f"((y_pred - y_obs) * (x**{k}))"
            for k in range(1, settings.degree + 1)
        ]
        out.append("    # the gradient by calculus (closed form)\n")
        out.append("    grads = [" + ", ".join(f"torch.mean(2 * {f})" for f in feats) + "]\n")
        out.append("    params = [p - learning_rate * g for p, g in zip(params, grads)]\n")
    out.append(REPORT.format(values="[p.item() for p in params]"))
    return "".join(out)


def _cat(settings: Settings) -> str:
    rows = ",\n    ".join(str(list(r)) for r in listings.CAT_X)
    out = [_header(settings)]
    out.append(f"torch.manual_seed({settings.seed})\n")
    out.append(f"num_steps = {settings.steps}\nlearning_rate = {settings.lr!r}\n\n")
    out.append(f"X = torch.tensor([\n    {rows},\n], dtype=torch.float)\n")
    out.append("X = torch.column_stack((X, torch.ones(15)))  # a ones column: the bias is the last weight\n")
    out.append(f"y = torch.tensor({list(listings.CAT_Y)}, dtype=torch.float).reshape((-1, 1))\n")
    out.append(CAT_MODEL + "\ndiverged_at = None\nfor step in range(num_steps + 1):\n")
    out.append("    y_pred = model(X)\n    loss_value = loss_fn(y_pred, y)\n")
    out.append(CHECK.format(loss="loss_value"))
    out.append("    optimizer.zero_grad()\n    loss_value.backward()\n    optimizer.step()\n")
    out.append("\nsolution_gd = torch.squeeze(model.w.data)\n")
    out.append(
        "solution_pseudo = torch.matmul(torch.matmul(torch.linalg.inv(torch.matmul(X.T, X)), X.T), y)\n"
    )
    out.append('print("The solution via the pseudo-inverse is", torch.squeeze(solution_pseudo))')
    out.append(REPORT.format(values="solution_gd.tolist()"))
    return "".join(out)


BUILDERS = {"linear": _polynomial, "quadratic": _polynomial, "cat": _cat}


def script(settings: Settings) -> str:
    """The program for `settings` (Python source text)."""
    settings = listings.normalized(settings)
    return BUILDERS[LISTINGS[settings.listing].data](settings)
