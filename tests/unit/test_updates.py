"""core.updates: each optimizer's step written out, its intermediate quantities checked against torch.optim."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core import updates
from core.functions import parse_function
from core.optimizers import NAMES, Settings, descend

BOWL = "2*w0^2 + 3*w1^2"
TORCH = {
    "momentum": lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.9),
    "nesterov": lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.9, nesterov=True),
    "adam": lambda p: torch.optim.Adam([p], lr=0.05),
    "rmsprop": lambda p: torch.optim.RMSprop([p], lr=0.05),
    "adagrad": lambda p: torch.optim.Adagrad([p], lr=0.05),
}
STATE = {
    "momentum": ("v", "momentum_buffer"),
    "nesterov": ("v", "momentum_buffer"),
    "adam": ("m", "exp_avg"),
    "rmsprop": ("v", "square_avg"),
    "adagrad": ("G", "sum"),
}


def torch_state(name: str, start, k: int) -> dict:
    """torch.optim's state after k + 1 steps on the bowl from `start`, in float64."""
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = TORCH[name](p)
    for _ in range(k + 1):
        opt.zero_grad()
        (2 * p[0] ** 2 + 3 * p[1] ** 2).backward()
        opt.step()
    state = opt.state[p]
    return {key: value.detach().numpy().copy() for key, value in state.items() if torch.is_tensor(value)}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("k", [0, 1, 7])
def test_the_written_update_ends_at_the_paths_next_point(name, k):
    fn = parse_function(BOWL, 2)
    run = descend(fn, (3.0, 4.0), Settings(name, 0.05, 40, tol=0))
    u = updates.update(fn, run, k, 0.05, 0.9)
    np.testing.assert_allclose(u.next, run.points[k + 1], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(u.values["g"], fn.grad(*run.points[k]).ravel(), rtol=1e-12)
    latex = u.latex()
    assert rf"w^{{({k + 1})}}" in latex and rf"w^{{({k})}}" in latex and "w_{" not in latex


@pytest.mark.parametrize("name", list(STATE))
def test_velocity_and_moments_are_torchs_state(name):
    fn = parse_function(BOWL, 2)
    run = descend(fn, (3.0, 4.0), Settings(name, 0.05, 40, tol=0))
    for k in (0, 3, 9):
        ours, theirs = STATE[name]
        u = updates.update(fn, run, k, 0.05, 0.9)
        np.testing.assert_allclose(u.values[ours], torch_state(name, (3.0, 4.0), k)[theirs], rtol=1e-12)
    adam = updates.update(fn, descend(fn, (3.0, 4.0), Settings("adam", 0.05, 40, tol=0)), 4, 0.05)
    np.testing.assert_allclose(adam.values["v"], torch_state("adam", (3.0, 4.0), 4)["exp_avg_sq"], rtol=1e-12)
    t = 5  # the bias corrections of step 5
    np.testing.assert_allclose(adam.values["m_hat"], adam.values["m"] / (1 - 0.9**t), rtol=1e-15)
    np.testing.assert_allclose(adam.values["v_hat"], adam.values["v"] / (1 - 0.999**t), rtol=1e-15)


def test_adam_shows_every_quantity_with_numbers():
    fn = parse_function(BOWL, 2)
    run = descend(fn, (3.0, 4.0), Settings("adam", 0.05, 40))
    latex = updates.update(fn, run, 0, 0.05).latex()
    # step 1 from (3, 4): g = (12, 24), m = 0.1 g, v = 0.001 g^2, both bias-corrected back to g and g^2
    for piece in (r"\hat m", r"\hat v", r"\beta_1", r"\beta_2", "1.2", "2.4", "0.144", "0.576", "10^{-8}"):
        assert piece in latex, piece


def test_iterations_are_superscripts_in_plain_text():
    assert updates.iterate_text(0) == "w⁽⁰⁾" and updates.iterate_text(12, "g") == "g⁽¹²⁾"
    assert updates.num(1e-8) == "10^{-8}" and updates.num(0.05) == "0.05"
    assert updates.vec([-0.0, 1.23456]) == r"\begin{bmatrix}0 \\ 1.235\end{bmatrix}"
