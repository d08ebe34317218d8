"""Exact calculus checked three ways on every preset: sympy vs torch.autograd vs central differences."""

import warnings

import numpy as np
import pytest
import torch

from core.functions import curvature, parse_function
from core.presets import PRESETS


def _points(preset, count=4):
    rng = np.random.default_rng(7)
    lo = np.array([w[0] for w in preset.window])
    hi = np.array([w[1] for w in preset.window])
    pts = lo + (hi - lo) * rng.uniform(0.1, 0.9, size=(count, preset.nvars))
    return [p for p in pts if np.linalg.norm(p) > 0.1]  # away from the cone's tip


def _autograd(fn, point):
    t = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    value = fn.torch_value(*t)
    (grad,) = torch.autograd.grad(value, t, create_graph=True)
    hess = torch.stack(
        [
            torch.autograd.grad(g, t, retain_graph=True, allow_unused=True)[0]
            if g.requires_grad
            else torch.zeros_like(t)
            for g in grad
        ]
    )
    return float(value), grad.detach().numpy(), torch.nan_to_num(hess.detach()).numpy()


def _central(fn, point, h=1e-5):
    n = len(point)
    grad, hess = np.zeros(n), np.zeros((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = h
        grad[i] = (fn.value(*(point + e)) - fn.value(*(point - e))) / (2 * h)
        hess[i] = (fn.grad(*(point + e)).ravel() - fn.grad(*(point - e)).ravel()) / (2 * h)
    return grad, hess


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_gradient_and_hessian_agree_three_ways(key):
    preset = PRESETS[key]
    fn = parse_function(preset.text, preset.nvars)
    for point in _points(preset):
        exact_value = float(fn.value(*point))
        exact_grad = fn.grad(*point).ravel()
        exact_hess = fn.hess(*point).reshape(preset.nvars, preset.nvars)
        value, grad, hess = _autograd(fn, point)
        assert value == pytest.approx(exact_value, rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(grad, exact_grad, rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(hess, exact_hess, rtol=1e-9, atol=1e-9)
        fd_grad, fd_hess = _central(fn, point)
        scale = 1 + np.abs(exact_grad).max()
        np.testing.assert_allclose(fd_grad, exact_grad, atol=1e-5 * scale * (1 + abs(exact_value)))
        np.testing.assert_allclose(fd_hess, exact_hess, atol=1e-4 * (1 + np.abs(exact_hess).max()))
        np.testing.assert_array_equal(exact_hess, exact_hess.T)  # symmetric


def test_chapter_example_exactly():
    fn = parse_function("2*w0**2 + 3*w1**2", 2)
    facts = fn.at((3, 4))
    assert facts["value"] == 66
    assert facts["gradient"] == [12, 24]
    assert facts["hessian"] == [[4, 0], [0, 6]]


def test_constant_components_broadcast_to_the_grid():
    X, Y = np.meshgrid(np.linspace(-1, 1, 7), np.linspace(-1, 1, 5))
    rosen = parse_function(PRESETS["rosenbrock"].text, 2)
    assert rosen.hess(X, Y).shape == (2, 2, 5, 7)
    assert np.all(rosen.hess(X, Y)[1, 1] == 200)
    const = parse_function("7", 2)
    assert const.value(X, Y).shape == (5, 7) and np.all(const.value(X, Y) == 7)
    assert np.all(const.grad(X, Y) == 0)
    t = torch.zeros(3, dtype=torch.float64)
    assert const.torch_value(t, t).shape == (3,)


def test_non_finite_values_become_nan_gaps_without_warnings():
    fn = parse_function("log(x) + 1/y", 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = fn.value(np.array([-1.0, 1.0, 1.0, 1e-320]), np.array([1.0, 0.0, 1.0, 1.0]))
        fn.grad(np.array([-1.0, 0.0]), np.array([0.0, 0.0]))
    assert np.isnan(values[0]) and np.isnan(values[1]) and values[2] == 1.0


def test_abs_has_a_zero_hessian_not_a_dirac_delta():
    fn = parse_function("abs(x) + y^2", 2)
    assert not fn.hessian.has(__import__("sympy").DiracDelta)
    assert fn.hess(0.0, 0.0).reshape(2, 2).tolist() == [[0, 0], [0, 2]]


@pytest.mark.parametrize(
    "eig, expected",
    [
        ((1, 2), "positive-definite"),
        ((0, 2), "positive-semidefinite"),
        ((-1, -2), "negative-definite"),
        ((-1, 1e-14), "negative-semidefinite"),
        ((-1, 2), "indefinite"),
    ],
)
def test_curvature_names(eig, expected):
    assert curvature(eig) == expected
