"""Widgets that several views share, each bound to one session-state key that the URL seeds."""

from __future__ import annotations

import math

import streamlit as st

# The log slider's nice values, 1e-4 .. 10; the number box beside it takes any value in range.
LR_CHOICES = sorted({round(m * 10.0**e, 6) for e in range(-4, 1) for m in (1, 1.5, 2, 3, 5, 7)} | {10.0})


def snap(lr: float) -> float:
    """The log-slider value nearest to lr."""
    return min(LR_CHOICES, key=lambda c: abs(math.log(c) - math.log(lr)))


def learning_rate(where, label: str, box_label: str, key: str, lo: float, hi: float) -> float:
    """A log slider of nice values beside a number box that takes any value in [lo, hi].

    `st.session_state[key]` holds the learning rate (set by the URL, a preset or either widget); the slider
    shows its nearest nice value, the box the value itself, so a link's lr=0.34 stays 0.34.
    """
    state = st.session_state
    slider, box = key + "_slider", key + "_box"
    value = min(max(float(state[key]), lo), hi)
    state[slider], state[box] = snap(value), value

    def from_slider() -> None:
        state[key] = float(state[slider])

    def from_box() -> None:
        state[key] = float(state[box])

    # one container keyed `key`: the presenter's hide list (.st-key-<key>) hides both widgets
    left, right = where.container(key=key).columns([3, 2], vertical_alignment="bottom")
    left.select_slider(label, LR_CHOICES, key=slider, on_change=from_slider, format_func="{:g}".format)
    right.number_input(box_label, lo, hi, key=box, on_change=from_box, format="%g", step=None)
    return float(state[key])
