"""The numbers a chart plots, as rows of a table: its text alternative for students who cannot see it.

Point traces (paths, fits, data points, markers; 2-D or 3-D) give one row per point. Grid traces
(contours, heatmaps, surfaces) are colour fields of thousands of values; they are summarised, not listed.
"""

from __future__ import annotations

import base64
import json

import numpy as np

GRID_TYPES = ("contour", "heatmap", "surface", "mesh3d", "isosurface", "volume", "cone")
MAX_ROWS = 5000


def _dict(fig) -> dict:
    return fig if isinstance(fig, dict) else json.loads(fig.to_json())


def array(v) -> np.ndarray:
    """A trace's coordinate as an array: plotly's typed-array spec ({dtype, bdata, shape}) decoded."""
    if isinstance(v, dict) and "bdata" in v:
        flat = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
        shape = [int(n) for n in str(v.get("shape", len(flat))).split(",")]
        return flat.reshape(shape)
    return np.asarray(v if isinstance(v, (list, tuple, np.ndarray)) else [v], dtype=object)


def values(v) -> list:
    """A trace's coordinate as a flat list of plain Python values."""
    return [] if v is None else array(v).ravel().tolist()


def _number(value):
    return round(value, 6) if isinstance(value, float) else value


def point_rows(fig) -> list[dict]:
    """One row per plotted point of every point trace: series name, x, y (and z for 3-D)."""
    rows = []
    for i, trace in enumerate(_dict(fig).get("data", [])):
        if trace.get("type", "scatter") in GRID_TYPES:
            continue
        axes = {a: values(trace.get(a)) for a in ("x", "y", "z") if trace.get(a) is not None}
        if "y" not in axes:
            continue
        name = trace.get("name") or f"#{i + 1}"
        for k in range(max(len(v) for v in axes.values())):
            row = {"series": name}
            row |= {a: _number(v[k]) if k < len(v) else None for a, v in axes.items()}
            rows.append(row)
    return rows


def grid_summaries(fig) -> list[dict]:
    """One row per grid trace: its name, the grid's size and the range of its values."""
    out = []
    for i, trace in enumerate(_dict(fig).get("data", [])):
        if trace.get("type") not in GRID_TYPES or trace.get("z") is None:
            continue
        z = np.asarray(array(trace["z"]), dtype=float)
        finite = z[np.isfinite(z)]
        shape = z.shape + (1,) * (2 - z.ndim)
        out.append(
            {
                "series": trace.get("name") or f"#{i + 1}",
                "grid": f"{shape[0]}×{shape[1]}",
                "min": _number(float(finite.min())) if finite.size else None,
                "max": _number(float(finite.max())) if finite.size else None,
            }
        )
    return out
