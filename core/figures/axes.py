"""Axis settings shared by figures: a log axis labelled at powers of ten only."""

from __future__ import annotations

import numpy as np


def log_axis(values) -> dict:
    """A log axis for these values: ticks at each power of ten (every second one past eight decades) when
    they span a decade or more; plotly's own choice otherwise. Plotly labels the digits 2..9 between powers
    of ten over a few decades: a column of stray "9 8 7 ..." that reads as data."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return {"type": "log"}
    decades = float(np.log10(v.max() / v.min()))
    if decades < 1:
        return {"type": "log"}
    return {"type": "log", "dtick": 1 if decades <= 8 else 2, "exponentformat": "power"}
