"""Every optimizer matches torch.optim run directly here, point by point; GD finds the known minima."""

import numpy as np
import pytest
import torch

from core.functions import parse_function
from core.optimizers import NAMES, Settings, descend, descend_batch
from core.presets import PRESETS

TORCH = {
    "sgd": lambda p, lr: torch.optim.SGD([p], lr=lr),
    "momentum": lambda p, lr: torch.optim.SGD([p], lr=lr, momentum=0.9),
    "nesterov": lambda p, lr: torch.optim.SGD([p], lr=lr, momentum=0.9, nesterov=True),
    "adagrad": lambda p, lr: torch.optim.Adagrad([p], lr=lr),
    "rmsprop": lambda p, lr: torch.optim.RMSprop([p], lr=lr),
    "adam": lambda p, lr: torch.optim.Adam([p], lr=lr),
}


def _reference(fn, start, name, lr, steps):
    """The same run with torch.optim and autograd: no code shared with core.optimizers."""
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = TORCH[name](p, lr)
    points = [p.detach().clone().numpy()]
    for _ in range(steps):
        opt.zero_grad()
        fn.torch_value(*p).backward()
        opt.step()
        points.append(p.detach().clone().numpy())
    return np.array(points)


@pytest.mark.parametrize("name", sorted(TORCH))
@pytest.mark.parametrize(
    "key, start", [("himmelblau", (0.5, -1.0)), ("rosenbrock", (-1.2, 1.0)), ("bowl", (3.0, 4.0))]
)
def test_matches_torch_optim_point_by_point(name, key, start):
    fn = parse_function(PRESETS[key].text, 2)
    lr = 1e-3 if key == "rosenbrock" else 1e-2
    run = descend(fn, start, Settings(name, lr, 60, tol=0))
    expected = _reference(fn, start, name, lr, 60)
    assert run.status == "max_steps" and run.steps == 60
    np.testing.assert_allclose(run.points, expected, rtol=1e-9, atol=1e-9)


def test_batched_runs_equal_single_runs():
    fn = parse_function(PRESETS["himmelblau"].text, 2)
    starts = np.array([[0.5, -1.0], [-4.0, 4.0], [2.0, 2.0]])
    for name in ("adam", "nesterov", "rmsprop", "newton"):
        batch = descend_batch(fn, starts, Settings(name, 0.01, 40, tol=0), record=True)
        for i, start in enumerate(starts):
            single = descend(fn, start, Settings(name, 0.01, 40, tol=0))
            np.testing.assert_allclose(batch.paths[:, i], single.points, rtol=1e-12, atol=1e-12)


def test_gd_on_a_quadratic_follows_the_closed_form():
    # L = 2 w0^2 + 3 w1^2 = w^T A w / 2 with A = diag(4, 6): w_k = (I - lr A)^k w_0
    fn = parse_function("2*w0^2 + 3*w1^2", 2)
    run = descend(fn, (3.0, 4.0), Settings("sgd", 0.05, 30, tol=0))
    k = np.arange(31)[:, None]
    np.testing.assert_allclose(
        run.points, np.array([3.0, 4.0]) * (1 - 0.05 * np.array([4.0, 6.0])) ** k, rtol=1e-12
    )


def test_gd_reaches_himmelblaus_four_minima_from_four_quadrants():
    fn = parse_function(PRESETS["himmelblau"].text, 2)
    found = set()
    for start in [(4, 4), (-4, 4), (-4, -4), (4, -4)]:
        run = descend(fn, start, Settings("sgd", 0.01, 2000))
        assert run.status == "converged"
        found.add(int(np.argmin([np.linalg.norm(run.points[-1] - m) for m in PRESETS["himmelblau"].minima])))
        assert min(np.linalg.norm(run.points[-1] - m) for m in PRESETS["himmelblau"].minima) < 1e-5
    assert found == {0, 1, 2, 3}


def test_adam_solves_rosenbrock():
    fn = parse_function(PRESETS["rosenbrock"].text, 2)
    run = descend(fn, (-1.5, 2.5), Settings("adam", 0.02, 5000, tol=1e-8))
    np.testing.assert_allclose(run.points[-1], (1, 1), atol=1e-3)


def test_newton_lands_on_a_quadratics_minimum_in_one_step():
    fn = parse_function("(x + 2y - 7)^2 + (2x + y - 5)^2", 2)
    run = descend(fn, (-8.0, -6.0), Settings("newton", 1.0, 10))
    np.testing.assert_allclose(run.points[1], (1, 3), atol=1e-12)
    assert run.status == "converged" and run.steps == 1


def test_newton_is_undamped_whatever_the_learning_rate():
    # the bowl of the level-sets page: Newton's step is the minimum of the quadratic model, reached in one step
    bowl = parse_function("2*w0^2 + 3*w1^2", 2)
    for lr in (0.05, 0.001, 1.0):
        run = descend(bowl, (3.0, 4.0), Settings("newton", lr, 200))
        np.testing.assert_allclose(run.points[1], (0, 0), atol=1e-12)
        assert run.status == "converged" and run.steps == 1
    batch = descend_batch(bowl, np.array([[3.0, 4.0], [-1.0, 2.0]]), Settings("newton", 0.05, 200))
    np.testing.assert_allclose(batch.final, 0, atol=1e-12)
    assert batch.steps.tolist() == [1, 1]


def test_newton_says_when_the_hessian_is_not_positive_definite():
    fn = parse_function("x^2 - y^2", 2)
    run = descend(fn, (1.0, 1.0), Settings("newton", 1.0, 5))
    assert ("newton.not_pd", 0) in run.notes
    np.testing.assert_allclose(run.points[1], (0, 0), atol=1e-12)  # the saddle, not a minimum
    flat = descend(parse_function("2*w + 1", 1), (1.0,), Settings("newton", 1.0, 3))
    assert flat.notes[0] == ("newton.singular", 0)


def test_divergence_is_reported_with_finite_numbers_only():
    fn = parse_function("2*w0^2 + 3*w1^2", 2)
    run = descend(fn, (3.0, 4.0), Settings("sgd", 0.5, 500))  # lr * lambda_max = 3 > 2
    assert run.status == "diverged"
    assert 10 < run.steps < 500
    assert np.all(np.isfinite(run.points)) and np.all(np.isfinite(run.losses))
    assert len(run.points) == len(run.losses) == len(run.grad_norms) == run.steps + 1


def test_undefined_start_is_its_start_alone_not_a_divergence():
    run = descend(parse_function("log(x) + y^2", 2), (-1.0, 0.0), Settings("sgd", 0.1, 10))
    assert run.status == "undefined_start" and run.steps == 0 and run.stopped_at is None


@pytest.mark.parametrize(
    ("text", "start", "lr", "last"),
    [
        # d/dx log x = 1/x = 2 at x = 0.5: the step of 1 lands on x = -0.5, where log has no real value
        ("log(x) + y^2", (0.5, 0.0), 0.5, 0),
        # sqrt's slope 1/(2 sqrt x) grows near 0: x = 1, 0.75, ~0.46, ~0.09, then a step to x < 0
        ("sqrt(x) + y^2", (1.0, 1.0), 0.5, 3),
    ],
)
def test_a_step_where_f_has_no_value_left_the_domain_and_did_not_diverge(text, start, lr, last):
    """Issue 19.9: a step to a finite point where f is NaN is the domain's edge, not a learning rate too
    large; the last point kept is where the next step (computed here by hand) goes below x = 0."""
    run = descend(parse_function(text, 2), start, Settings("sgd", lr, 100))
    assert run.status == "left_domain" and run.steps == last
    assert run.stopped_at == last + 1 and run.diverged_at is None
    x = run.points[-1][0]
    slope = 0.5 / np.sqrt(x) if "sqrt" in text else 1 / x
    assert x > 0 and x - lr * slope < 0 and np.all(np.isfinite(run.losses))


def test_an_overflow_is_still_a_divergence():
    # x^2 + y^2 at lr 1.5: w <- -2 w, past EXPLODE = 1e6 after 20 steps (2^20 > 1e6)
    bowl = descend(parse_function("x^2 + y^2", 2), (1.0, 1.0), Settings("sgd", 1.5, 100))
    assert bowl.status == "diverged" and bowl.stopped_at == bowl.diverged_at == bowl.steps + 1 == 20
    huge = descend(parse_function("exp(exp(exp(x))) + y", 2), (3.0, 4.0), Settings("sgd", 0.05, 10))
    # infinite at the start: an overflow, not a point outside the domain
    assert huge.status == "diverged" and huge.steps == 0 and huge.stopped_at == huge.diverged_at == 0
    # worded as what it is: no step was taken, so no learning rate is to blame
    assert huge.status_name == "overflow_start" and bowl.status_name == "diverged"


@pytest.mark.parametrize("name", NAMES)
def test_every_optimizer_converges_on_the_bowl(name):
    lr = {"adagrad": 0.5, "rmsprop": 0.01, "adam": 0.05, "newton": 1.0}.get(name, 0.05)
    run = descend(parse_function("2*w0^2 + 3*w1^2", 2), (3.0, 4.0), Settings(name, lr, 3000, tol=1e-6))
    assert np.linalg.norm(run.points[-1]) < 1e-3, run.status


def test_batched_statuses():
    fn = parse_function("2*w0^2 + 3*w1^2", 2)
    batch = descend_batch(fn, [[3.0, 4.0], [0.0, 0.0], [1e7, 0.0]], Settings("sgd", 0.1, 500))
    assert list(batch.status) == [1, 1, 2]
    assert batch.steps[1] == 0 and np.all(np.isfinite(batch.final))


def test_a_batch_tells_a_domain_from_an_overflow_as_bad_step_does_for_one_point():
    from core.optimizers import _stop_codes, bad_step

    fn = parse_function("exp(x^2) + sqrt(y)", 2)
    # stopped runs: an overflow, no value (sqrt of -1), both (an overflow wins), far away, not finite
    points = np.array([[30.0, 1.0], [0.0, -1.0], [30.0, -1.0], [2e6, 1.0], [np.nan, 0.0]] * 5)
    expected = [3 if bad_step(fn, p[None, :]) == "left_domain" else 2 for p in points]
    assert expected[:5] == [2, 3, 2, 2, 2]
    assert _stop_codes(fn, points, np.ones(len(points), dtype=bool)).tolist() == expected
    # only the stopped rows are judged, in their order
    some = np.arange(len(points)) % 2 == 0
    assert _stop_codes(fn, points, some).tolist() == [e for e, k in zip(expected, some) if k]
