"""The data table under each chart lists exactly the plotted numbers."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from core.figures.table import grid_summaries, point_rows


def test_point_rows_are_the_traces_points_in_order_from_a_figure_or_its_dict():
    xs, ys = np.linspace(0, 1, 5), np.linspace(0, 1, 5) ** 2
    fig = go.Figure([go.Scatter(x=xs, y=ys, name="fit"), go.Scatter3d(x=[1.5], y=[2.5], z=[-3.0], name="P")])
    for form in (fig, json.loads(fig.to_json())):  # numpy arrays travel as base64 typed arrays in the dict
        rows = point_rows(form)
        assert [r["series"] for r in rows] == ["fit"] * 5 + ["P"]
        assert [r["x"] for r in rows[:5]] == pytest.approx(xs.tolist())
        assert [r["y"] for r in rows[:5]] == pytest.approx(ys.tolist())
        assert rows[5] == {"series": "P", "x": 1.5, "y": 2.5, "z": -3.0}


def test_grids_are_summarised_by_size_and_range_not_listed():
    z = np.arange(12, dtype=float).reshape(3, 4)
    z[0, 0] = np.nan
    fig = go.Figure([go.Contour(z=z, name="f"), go.Surface(z=-z)])
    for form in (fig, json.loads(fig.to_json())):
        assert point_rows(form) == []
        first, second = grid_summaries(form)
        assert first == {"series": "f", "grid": "3×4", "min": 1.0, "max": 11.0}
        assert (second["min"], second["max"]) == (-11.0, -1.0)
