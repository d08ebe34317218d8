"""Listings 3.1-3.5: the book's printed numbers, the fast loops against the book's own code, the script."""

from __future__ import annotations

import dataclasses
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import i18n, listings, scripts
from core.figures import training as figs
from core.listings import LISTINGS, Settings

ROOT = Path(__file__).resolve().parents[2]
BOOK = {k: listings.book_settings(k) for k in LISTINGS}


# ------------------------------------------------------------------ oracle: the book's code, literally
def _update_parameters(params, learning_rate):
    with torch.no_grad():
        for i, p in enumerate(params):
            params[i] = p - learning_rate * p.grad
        for i in range(len(params)):
            params[i].requires_grad = True


def book_run(s: Settings) -> list[float]:
    """The listing as the book's notebooks write it (global torch.manual_seed, autograd / SGD objects)."""
    torch.manual_seed(s.seed)
    kind = LISTINGS[s.listing]
    if kind.data == "cat":
        x = torch.column_stack((torch.tensor(listings.CAT_X, dtype=torch.float), torch.ones(15)))
        y = torch.tensor(listings.CAT_Y, dtype=torch.float).reshape((-1, 1))
        w = torch.nn.Parameter(torch.randn(3, 1))
        loss_fn, optimizer = torch.nn.MSELoss(reduction="sum"), torch.optim.SGD([w], lr=s.lr)
        for _ in range(s.steps):
            loss = loss_fn(torch.mm(x, w), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return w.data.reshape(-1).tolist()
    if kind.data == "linear":
        x = 10 * torch.randn(s.n)
        y_obs = 1.5 * x + 2.73 + (s.noise * torch.randn(s.n))
    else:
        x = 10 * torch.rand(s.n, 1)
        y_obs = x**2 - x + 2.0 + (s.noise * torch.rand(s.n, 1) - s.noise / 2)
    for _ in range(kind.skip_draws):
        torch.rand(1)
    draw = torch.randn if kind.init == "randn" else torch.rand
    drawn = [draw(1, requires_grad=kind.method == "autograd") for _ in range(s.degree + 1)]
    params = drawn if kind.bias_first else drawn[-1:] + drawn[:-1]
    for _ in range(s.steps):
        y_pred = params[0] + params[1] * x
        for k in range(2, s.degree + 1):
            y_pred = y_pred + params[k] * (x**k)
        if kind.method == "autograd":
            torch.mean((y_pred - y_obs) ** 2).backward()
            _update_parameters(params, s.lr)
        else:
            grads = [torch.mean(2 * (y_pred - y_obs))]
            grads += [
                torch.mean(2 * ((y_pred - y_obs) * (x if k == 1 else x**k))) for k in range(1, s.degree + 1)
            ]
            params = [p - s.lr * g for p, g in zip(params, grads, strict=True)]
    return [p.item() for p in params]


# ------------------------------------------------------------------ the book's printed results
@pytest.mark.parametrize("key", ["3.1", "3.2", "3.3", "3.5"])
def test_book_settings_reproduce_the_printed_result(key):
    run = listings.train(BOOK[key])
    assert run.diverged_at is None
    assert run.text == LISTINGS[key].printed


def test_listing_3_4_reproduces_the_book_in_200000_steps():
    run = listings.train(BOOK["3.4"])
    assert run.text == "y = 1.891847 - 0.962937x + 0.997084x^2"
    # the notebook's float32 values, bit for bit
    assert run.params.tolist() == [1.8918471336364746, -0.9629372358322144, 0.9970840215682983]


def test_exact_float32_values_of_the_book():
    assert listings.train(BOOK["3.1"]).params.tolist() == [2.746823787689209, 1.5005970001220703]
    assert listings.train(BOOK["3.3"]).params.tolist() == [-13.40276050567627, 8.796333312988281]


@pytest.mark.parametrize("key", ["3.1", "3.2", "3.3", "3.5"])
def test_fast_loop_is_bit_identical_to_the_book_code(key):
    assert listings.train(BOOK[key]).params.tolist() == book_run(BOOK[key])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    key=st.sampled_from(list(LISTINGS)),
    seed=st.integers(0, 10_000),
    n=st.integers(2, 60),
    noise=st.floats(0.0, 3.0),
    frac=st.floats(0.05, 0.9),
    steps=st.integers(1, 60),
    degree=st.integers(1, 3),
)
def test_fast_loop_matches_the_book_code_for_any_settings(key, seed, n, noise, frac, steps, degree):
    s = listings.normalized(Settings(key, seed, n, noise, 1.0, steps, degree))
    s = dataclasses.replace(s, lr=frac * listings.stability_bound(s))  # below the bound: no divergence
    run = listings.train(s)
    assert run.diverged_at is None
    assert run.params.tolist() == book_run(s)


# ------------------------------------------------------------------ the generated script
SCRIPT_CASES = {
    "3.1": BOOK["3.1"],
    "3.2": BOOK["3.2"],
    "3.5": BOOK["3.5"],
    "3.4-short": dataclasses.replace(BOOK["3.4"], steps=1500),
    "3.3-degree2": dataclasses.replace(BOOK["3.3"], degree=2, lr=1e-4, steps=300, seed=7, n=40, noise=1.0),
    "3.5-diverging": dataclasses.replace(BOOK["3.5"], lr=0.05),
}
# Runs every script, each as its own __main__, in ONE fresh interpreter (one torch import, not six).
RUNNER = """
import contextlib, io, runpy, sys
for path in sys.argv[1:]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(path, run_name="__main__")
    print("=== " + path + "\\n" + out.getvalue(), end="")
"""


@pytest.fixture(scope="module")
def script_outputs(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("scripts")
    paths = {}
    for name, s in SCRIPT_CASES.items():
        paths[name] = folder / f"listing_{name}.py"
        paths[name].write_text(scripts.script(s))
    out = subprocess.run(
        [sys.executable, "-c", RUNNER, *map(str, paths.values())], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    chunks = out.stdout.split("=== ")[1:]
    return {name: chunk for name, chunk in zip(paths, chunks, strict=True)}


@pytest.mark.parametrize("name", [k for k in SCRIPT_CASES if "diverging" not in k])
def test_generated_script_prints_what_the_page_shows(name, script_outputs):
    run = listings.train(SCRIPT_CASES[name])
    printed = script_outputs[name]
    assert f"Learned function: {run.text}\n" in printed
    values = re.search(r"Parameters: (\[.*\])", printed).group(1)
    assert [float(v) for v in values.strip("[]").split(",")] == run.params.tolist()


def test_generated_script_reports_the_same_divergence(script_outputs):
    assert listings.train(SCRIPT_CASES["3.5-diverging"]).diverged_at == 47
    assert "Diverged at step 47" in script_outputs["3.5-diverging"]


def test_script_is_the_book_code():
    source = scripts.script(BOOK["3.2"])
    assert "mean_squared_error.backward()" in source and "update_parameters(params, learning_rate)" in source
    assert "torch.manual_seed(42)" in source and "x = 10 * torch.randn(N)" in source
    assert "torch.mean(2 * ((y_pred - y_obs) * x))" in scripts.script(BOOK["3.1"])
    assert "torch.optim.SGD" in scripts.script(BOOK["3.5"])
    compile(scripts.script(dataclasses.replace(BOOK["3.4"], degree=3)), "listing.py", "exec")


# ------------------------------------------------------------------ gradients, Hessian, closed forms
@settings(max_examples=25, deadline=None)
@given(
    key=st.sampled_from(list(LISTINGS)),
    degree=st.integers(1, 3),
    raw=st.lists(st.floats(-5, 5), min_size=4, max_size=4),
)
def test_closed_form_and_autograd_gradients_agree(key, degree, raw):
    s = listings.normalized(dataclasses.replace(BOOK[key], degree=degree, n=30))
    size = 3 if key == "3.5" else degree + 1
    params = np.float32(raw[:size]).astype(np.float64)
    closed, auto = listings.closed_form_gradient(s, params), listings.autograd_gradient(s, params)
    np.testing.assert_allclose(closed, auto, rtol=1e-4, atol=1e-4 * (1 + np.abs(auto).max()))
    # and both equal the float64 formula 2 * scale * F^T (F p - y)
    f, y = listings.design_matrix(s)
    exact = 2 * listings.loss_scale(s) * f.T @ (f @ params - y)
    np.testing.assert_allclose(auto, exact, rtol=1e-3, atol=1e-3 * (1 + np.abs(exact).max()))


def test_gradient_table_of_a_run_agrees_at_every_row():
    rows = listings.gradient_table(listings.train(BOOK["3.1"]))
    assert len(rows) >= 5 and rows[0][0] == 0 and rows[-1][0] == 4000
    for _, _, closed, auto in rows:
        np.testing.assert_allclose(closed, auto, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("key", list(LISTINGS))
def test_hessian_matches_autograd(key):
    s = listings.normalized(BOOK[key])
    f, y = (torch.tensor(a) for a in listings.design_matrix(s))
    scale = listings.loss_scale(s)
    hess = torch.autograd.functional.hessian(
        lambda p: scale * torch.sum((f @ p - y) ** 2), torch.zeros(f.shape[1], dtype=torch.float64)
    )
    np.testing.assert_allclose(listings.hessian(s), hess.numpy(), rtol=1e-10)


def test_cat_brain_bound_least_squares_and_pseudo_inverse():
    s = BOOK["3.5"]
    assert listings.stability_bound(s) == pytest.approx(0.0439, abs=5e-5)
    solution, sse = listings.least_squares(s)
    np.testing.assert_allclose(solution, [1.07661761, 0.89761672, -0.95816936], atol=5e-9)
    assert sse == pytest.approx(0.2172361268, abs=1e-10)
    assert listings.function_text("3.5", listings.pseudo_inverse_book(s)) == "[1.0766, 0.8976, -0.9582]"


@pytest.mark.parametrize("seed", [0, 1, 123])
def test_cat_brain_gradient_descent_equals_pseudo_inverse_for_any_seed(seed):
    assert listings.train(dataclasses.replace(BOOK["3.5"], seed=seed)).text == "[1.0766, 0.8976, -0.9582]"


def test_bound_separates_convergence_from_divergence():
    s, bound = BOOK["3.5"], listings.stability_bound(BOOK["3.5"])
    assert listings.train(dataclasses.replace(s, lr=0.97 * bound, steps=3000)).diverged_at is None
    run = listings.train(dataclasses.replace(s, lr=1.1 * bound, steps=3000))
    assert run.diverged_at is not None
    assert np.isfinite(run.frames).all() and np.isfinite(run.losses).all() and np.isfinite(run.params).all()
    assert run.frame_steps.max() < run.diverged_at and run.loss_steps.max() < run.diverged_at


def test_divergence_is_found_at_the_first_exploding_step():
    s = dataclasses.replace(BOOK["3.5"], lr=0.05)
    run = listings.train(s)
    # replay every step by hand: the loss first exceeds the limit at the reported step
    gen = listings.generator(s)
    problem = listings.make_data(s, gen)
    params = listings.initial_params(s, gen)
    losses = []
    with torch.no_grad():
        for _ in range(60):
            params, loss = listings._step_module(params, problem, s.lr, True)
            losses.append(loss)
    limit = listings.DIVERGENCE_FACTOR * max(1.0, losses[0])
    assert run.diverged_at == next(k for k, v in enumerate(losses) if not math.isfinite(v) or v > limit)


def test_loss_grid_is_the_loss():
    s = BOOK["3.2"]
    w, b = np.linspace(0, 3, 7), np.linspace(-1, 4, 5)
    f, y = listings.design_matrix(s)
    direct = np.array([[np.mean((wi * f[:, 1] + bi - y) ** 2) for wi in w] for bi in b])
    np.testing.assert_allclose(listings.loss_grid(s, w, b), direct, rtol=1e-10)


def test_schedule_covers_first_and_last_step():
    for steps in (1, 7, 1000, 200_000):
        sched = listings.schedule(steps, 200)
        assert sched[0] == 0 and sched[-1] == steps and np.all(np.diff(sched) > 0) and len(sched) <= 200


def test_function_text_formats():
    assert listings.function_text("3.2", [2.7478, 1.5]) == "y = 1.500000x + 2.747800"
    assert listings.function_text("3.3", [-13.4, 8.8]) == "y = 8.800000x - 13.400000"
    assert (
        listings.function_text("3.4", [1.0, -2.0, 3.0, -4.0])
        == "y = 1.000000 - 2.000000x + 3.000000x^2 - 4.000000x^3"
    )


# ------------------------------------------------------------------ figures, strings, imports
def test_fit_figure_animates_model_and_path():
    run = listings.train(BOOK["3.2"])
    fig = figs.fit_figure(run, "en")
    assert len(fig.data) == 7 and fig.data[4].name == "path of (w, b)"
    assert 50 <= len(fig.frames) <= figs.MAX_FRAMES and all(f.traces == (2, 4, 5) for f in fig.frames)
    assert len(fig.layout.sliders[0].steps) == len(fig.frames)
    assert fig.layout.updatemenus[0].buttons[0].args[1]["frame"]["redraw"] is True
    last = fig.frames[-1].data[1]
    assert (last.x[-1], last.y[-1]) == (run.params[1], run.params[0])


def test_fit_figure_for_quadratic_and_cat_brain_and_loss_figure():
    run = listings.train(dataclasses.replace(BOOK["3.4"], steps=500))
    fig = figs.fit_figure(run, "zh")
    assert len(fig.data) == 3 and all(f.traces == (2,) for f in fig.frames)
    cat = figs.fit_figure(listings.train(BOOK["3.5"]), "en")
    assert cat.layout.xaxis.title.text == "observed threat score"
    diverged = listings.train(dataclasses.replace(BOOK["3.5"], lr=0.05))
    loss = figs.loss_figure(diverged, "en")
    assert loss.layout.yaxis.type == "log" and "diverged at step 47" in str(loss.layout.annotations[0].text)


def test_training_strings_have_both_languages_and_same_fields():
    keys = [k for k in i18n.CATALOGUE if k.startswith("training.")]
    assert len(keys) > 60
    for key in keys:
        en, zh = i18n.CATALOGUE[key]
        assert en and zh and i18n.fields(en) == i18n.fields(zh), key
    for key in LISTINGS:
        assert f"training.listing.{key}" in i18n.CATALOGUE and f"training.about.{key}" in i18n.CATALOGUE


def test_core_modules_do_not_import_streamlit():
    code = (
        "import sys, core.listings, core.scripts, core.figures.training\n"
        "assert 'streamlit' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_every_training_key_the_page_and_figures_use_exists():
    page = (ROOT / "pages" / "training.py").read_text()
    used = {"training." + k for k in re.findall(r'TEXT \+ "([a-z_.]+)"', page)}
    used |= set(
        re.findall(r'"(training\.[a-z_.]+)"', (ROOT / "core" / "figures" / "training.py").read_text())
    )
    for group, names in (
        ("tab", "watch loss gradients hessian code"),
        ("col", "step params closed autograd diff"),
    ):
        used |= {f"training.{group}.{n}" for n in names.split()}
    used |= {
        f"training.{k}"
        for k in ("result_cat", "exact_cat", "matches", "mismatch", "above_bound", "below_bound")
    }
    assert len(used) > 40
    assert sorted(k for k in used if k not in i18n.CATALOGUE) == []
