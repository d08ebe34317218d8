"""Classifiers of sections 3.1-3.2: the chapter's claims, hand gradients vs torch.autograd, reproducibility."""

import json
import subprocess
import sys

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from core import classifiers, datasets
from core.figures import classifiers as figs
from core.figures import gif
from core.i18n import CATALOGUE, fields


def trained_accuracy(model, data, seed=0, **kw):
    X, y = datasets.make(data, 200, 0.2, seed)
    return classifiers.train(model, X, y, seed=seed, **kw).accuracies[-1]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hyperplane_separates_the_clusters(seed):
    assert trained_accuracy("hyperplane", "clusters", seed) == 1.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hypersphere_separates_the_ring_where_the_line_fails(seed):
    assert trained_accuracy("hypersphere", "ring", seed) >= 0.97
    assert trained_accuracy("hyperplane", "ring", seed) <= 0.75


@pytest.mark.parametrize("seed", [0, 1])
def test_perceptron_beats_both_on_moons(seed):
    mlp = trained_accuracy("mlp", "moons", seed)
    assert mlp > trained_accuracy("hyperplane", "moons", seed)
    assert mlp > trained_accuracy("hypersphere", "moons", seed)
    assert mlp >= 0.95


def _autograd(model, loss, X, y):
    model.zero_grad()
    classifiers.LOSSES[loss].value(model.phi(X), y).backward()
    return {name: p.grad.clone() for name, p in model.named_parameters()}


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(1, 40),
    model=st.sampled_from(list(classifiers.MODELS)),
    loss=st.sampled_from(list(classifiers.LOSSES)),
)
def test_hand_gradients_agree_with_autograd(seed, n, model, loss):
    gen = torch.Generator().manual_seed(seed)
    X = 2 * torch.randn(n, 2, generator=gen, dtype=torch.float64)
    y = torch.where(torch.rand(n, generator=gen, dtype=torch.float64) < 0.5, -1.0, 1.0).double()
    m = classifiers.build(model, seed)
    auto, hand = _autograd(m, loss, X, y), classifiers.hand_gradient(m, loss, X, y)
    assert hand.keys() == auto.keys()
    for name in auto:
        torch.testing.assert_close(hand[name], auto[name], rtol=1e-10, atol=1e-12)


def test_squared_error_gradient_of_hyperplane_in_closed_form():
    # L = (1/n) sum (w.x + b - y)^2 -> dL/dw = (2/n) sum e x, dL/db = (2/n) sum e; one example by hand
    m = classifiers.build("hyperplane", 0)
    with torch.no_grad():
        m.w.copy_(torch.tensor([1.0, 2.0], dtype=torch.float64))
        m.b.fill_(0.5)
    X, y = torch.tensor([[3.0, -1.0]], dtype=torch.float64), torch.tensor([1.0], dtype=torch.float64)
    g = classifiers.hand_gradient(m, "squared", X, y)  # phi = 3 - 2 + 0.5 = 1.5, e = 0.5
    torch.testing.assert_close(g["w"], torch.tensor([3.0, -1.0], dtype=torch.float64))
    torch.testing.assert_close(g["b"], torch.tensor(1.0, dtype=torch.float64))


@pytest.mark.parametrize("model", list(classifiers.MODELS))
def test_one_training_step_is_w_minus_lr_times_the_hand_gradient(model):
    X, y = datasets.make("moons", 50, 0.1, 3)
    lr = 0.03
    m = classifiers.build(model, 7)
    grad = classifiers.hand_gradient(m, "squared", torch.as_tensor(X), torch.as_tensor(y))
    step = classifiers.train(model, X, y, lr=lr, steps=1, seed=7, frames=2).final
    for name, p in m.named_parameters():
        np.testing.assert_allclose(step[name], (p - lr * grad[name]).detach().numpy(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("model", list(classifiers.MODELS))
def test_training_is_reproducible_from_the_seed(model):
    X, y = datasets.make("ring", 120, 0.2, 5)
    a, b = (classifiers.train(model, X, y, steps=60, seed=11) for _ in range(2))
    c = classifiers.train(model, X, y, steps=60, seed=12)
    assert a.losses == b.losses and a.accuracies == b.accuracies and a.snapshot_steps == b.snapshot_steps
    for sa, sb in zip(a.snapshots, b.snapshots, strict=True):
        for name in sa:
            np.testing.assert_array_equal(sa[name], sb[name])
    assert a.losses != c.losses


def test_divergent_learning_rate_stops_with_finite_numbers():
    X, y = datasets.make("clusters", 100, 0.2, 0)
    r = classifiers.train("hypersphere", X, y, lr=5.0, steps=300, seed=0)
    assert r.reason == "diverged" and len(r.losses) < 301
    assert np.all(np.isfinite(r.losses))
    assert all(np.all(np.isfinite(v)) for s in r.snapshots for v in s.values())


def test_progress_reports_partial_runs_that_later_steps_do_not_change():
    X, y = datasets.make("clusters", 60, 0.2, 0)
    seen = []
    r = classifiers.train(
        "hyperplane", X, y, steps=100, chunks=10, on_progress=lambda s, p: seen.append((s, p.copy()))
    )
    assert [s for s, _ in seen] == list(range(10, 101, 10))
    for (
        step,
        partial,
    ) in seen:  # a run stopped at `step` reports that step everywhere: losses, summary, boundary
        assert len(partial.losses) == step + 1 and partial.snapshot_steps[-1] == step
        assert classifiers.summary(partial)["step"] == step
        assert partial.losses == r.losses[: step + 1]
        assert np.allclose(classifiers.accuracy("hyperplane", partial.final, X, y), partial.accuracies[-1])
    assert len(r.losses) == 101
    assert r.snapshot_steps[0] == 0 and r.snapshot_steps[-1] == 100 and len(r.snapshots) == 40


def test_snapshot_steps_are_few_and_include_the_ends():
    assert classifiers.snapshot_steps(500, 40) >= {0, 500} and len(classifiers.snapshot_steps(500, 40)) == 40
    assert classifiers.snapshot_steps(3, 40) == {0, 1, 2, 3}


def test_parameter_space_slice_has_the_trained_hyperplane_at_its_bottom():
    X, y = datasets.make("clusters", 200, 0.2, 0)
    run = classifiers.train("hyperplane", X, y, steps=2000, lr=0.1, seed=0)
    trained = run.final
    at_trained = classifiers.hyperplane_losses(X, y, "squared", trained["w"][None], np.array([trained["b"]]))[
        0
    ]
    assert at_trained == pytest.approx(run.losses[-1], rel=1e-9)
    for pair, spec in classifiers.PARAM_PAIRS.items():
        ps, qs, Z = classifiers.parameter_grid(X, y, "squared", pair, trained, size=41)
        assert (
            Z.shape == (41, 41) and Z.min() >= at_trained - 1e-9
        )  # converged: nothing on the slice is lower
        p, q = spec.from_wb(trained["w"], trained["b"])
        back = classifiers.hyperplane_at(pair, p, q, trained)  # round trip through the plot's coordinates
        np.testing.assert_allclose(back["w"], trained["w"], atol=1e-12)
        assert float(back["b"]) == pytest.approx(float(trained["b"]))
        path = classifiers.parameter_path(pair, run.snapshots)
        assert path.shape == (len(run.snapshots), 2) and tuple(path[-1]) == pytest.approx((p, q))


def test_vectorised_hyperplane_losses_match_a_loop():
    X, y = datasets.make("moons", 30, 0.2, 1)
    W, B = np.array([[1.0, -2.0], [0.3, 0.1]]), np.array([0.5, -1.0])
    for loss in classifiers.LOSSES:
        want = [
            classifiers.LOSSES[loss].value(torch.as_tensor(X @ w + b), torch.as_tensor(y)).item()
            for w, b in zip(W, B, strict=True)
        ]
        np.testing.assert_allclose(classifiers.hyperplane_losses(X, y, loss, W, B), want, rtol=1e-12)


@pytest.mark.parametrize(
    ("x", "y", "sign", "where"),
    [(0, 0, "+", "above"), (-1, 0, "-", "below"), (0, -1, "+", "on"), (2, -6, "-", "below")],
)
def test_sign_of_phi_for_the_line_of_figure_3_3(x, y, sign, where):
    side = classifiers.side_of_line(x, y)
    assert side["where"] == where and float(side["phi"]) == y + 2 * x + 1
    assert where == "on" or side["phi"].startswith(sign)


def test_boundary_figure_animates_only_the_boundary_layers():
    X, y = datasets.make("ring", 80, 0.2, 0)
    run = classifiers.train("hyperplane", X, y, steps=50, seed=0, frames=12)
    fig = figs.boundary_figure(X, y, "hyperplane", run.snapshots, run.snapshot_steps, "en", size=30)
    spec = fig["animation"]
    assert spec["kind"] == "frames" and spec["indices"] == run.snapshot_steps and spec["last"] == 50
    assert len(fig["frames"]) == 12 and all(f["traces"] == figs.ANIMATED for f in fig["frames"])
    data = fig["data"]
    assert data[1]["type"] == "contour" and data[1]["contours"]["start"] == 0 == data[1]["contours"]["end"]
    # the data points (traces 2, 3) are not animated: they stay on screen in every frame
    assert {2, 3}.isdisjoint(figs.ANIMATED) and len(gif.decode(data[2]["x"])) + len(
        gif.decode(data[3]["x"])
    ) == 80
    wrong = np.sum(np.sign(classifiers.phi_of("hyperplane", run.final, X)) != y)
    assert (
        len(gif.decode(data[4]["x"])) == wrong > 0
    )  # the line cannot separate the ring: misclassified points marked
    first = np.sum(np.sign(classifiers.phi_of("hyperplane", run.snapshots[0], X)) != y)
    assert len(gif.decode(fig["frames"][0]["data"][2]["x"])) == first
    assert spec["describe"][-1].startswith(f"step 50 of 50: {100 * (80 - wrong) / 80:.1f}%")
    assert "updatemenus" not in fig["layout"] and "sliders" not in fig["layout"]
    assert len(json.dumps(fig)) < 1_500_000


def test_sign_figure_hover_names_phi_and_half_plane():
    fig = figs.sign_figure((1.0, 1.0), "zh")
    hover = fig.data[2].text
    i = list(zip(fig.data[2].x, fig.data[2].y, strict=True)).index((-3.0, -3.0))
    assert "φ = -8.00" in hover[i] and "负半平面" in hover[i]
    # a typed point between grid points hovers with its own phi, as the readout says it
    chosen = figs.sign_figure((0.37, -0.52), "en").data[3]
    readout = classifiers.side_of_line(0.37, -0.52)
    assert (
        chosen.text[0].startswith(f"φ = {readout['phi']}") and "(%{x:.2f}, %{y:.2f})" in chosen.hovertemplate
    )


def test_catalogue_entries_have_matching_placeholders():
    mine = {k: v for k, v in CATALOGUE.items() if k.startswith("decision_boundaries.")}
    assert len(mine) > 50
    for key, (en, zh) in mine.items():
        assert en and zh and fields(en) == fields(zh), key
    for group, registry in [
        ("data", datasets.DATASETS),
        ("model", classifiers.MODELS),
        ("loss", classifiers.LOSSES),
        ("pair", classifiers.PARAM_PAIRS),
    ]:
        assert all(f"decision_boundaries.{group}.{k}" in CATALOGUE for k in registry)


def test_core_does_not_import_streamlit():
    code = (
        "import sys; import core.classifiers, core.datasets, core.rasters, core.figures.classifiers; "
        "sys.exit('streamlit' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=".").returncode == 0
