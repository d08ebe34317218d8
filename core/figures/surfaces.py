"""3-D figures: the loss surface with descent paths, the steepest direction (fig 3.5), level surfaces.

Level surfaces are Mesh3d triangles from `core.surfaces.isosurface` (so what is drawn is exactly what
the tests check), gradient arrows are Cones anchored at their tail on the surface.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from core import grids
from core.figures import palette, player
from core.figures.descent import (
    COLOURS,
    MAX_FRAMES,
    _digits,
    _frame_indices,
    level_set_figure,
    surface_figure,
)
from core.functions import parse_function
from core.grids import Grid
from core.i18n import t
from core.optimizers import Run
from core.surfaces import Mesh, Scene

P = "surfaces_3d.fig."
ARROW = palette.VERMILLION  # -grad L and the chosen direction: the colour students look for
GRADIENT = palette.GRADIENT_ARROW
EXTRA = palette.SKY_BLUE  # the student's own step delta


def _f4(values: np.ndarray) -> dict:
    """plotly.js's typed-array spec of float32 values: base64, a third of the JSON text of the same numbers."""
    return {"dtype": "f4", "bdata": base64.b64encode(np.ascontiguousarray(values).tobytes()).decode("ascii")}


def _number(v) -> float | None:
    """A float for strict JSON: None (a gap) where a diverged value is not finite."""
    return float(v) if np.isfinite(v) else None


def surface_layer(text: str, window, lang: str = "en", n: int = 150) -> tuple[dict, float]:
    """The expensive layer of formula `text` as a JSON-ready dict (surface, floor contours, a fixed axis box),
    and the lift of the paths.

    Paths are drawn `lift` above L so the semi-opaque surface does not swallow them. The box is fixed: a
    diverging path is clipped at it instead of shrinking the surface. The formula keys the camera (uirevision).
    """
    fn = parse_function(text, 2)
    grid = grids.grid(fn, window, n)
    fig = surface_figure(grid, fn.variables, lang, uirevision=text)
    finite = grid.values[np.isfinite(grid.values)]
    lift = 0.005 * float(np.ptp(finite)) if finite.size else 0.0
    if finite.size:
        (x0, x1), (y0, y1) = grid.window
        z = [float(finite.min()), float(finite.max()) + 2 * lift]
        fig.update_scenes(xaxis_range=[x0, x1], yaxis_range=[y0, y1], zaxis_range=z)
    return json.loads(fig.to_json()), lift


def loss_surface_figure(
    base: dict, fn, runs: list[Run], window, lift: float = 0.0, lang: str = "en", frames: int = MAX_FRAMES
) -> dict:
    """The surface layer plus the start and the descent paths lying on L, as one JSON-ready figure dict.

    Plain dicts, not `go` objects: validating the paths' 200 animation frames took about half a second per
    change of lr. No frames are sent: an `animation` spec (core.figures.player) from which the canvas
    (ui.plotly_component) slices each frame out of the full paths in the browser, and plays them.
    """
    data, layout = list(base["data"]), dict(base["layout"])
    fig = {"data": data, "layout": layout, "frames": []}
    if not runs:
        return fig

    def z_of(points):
        return np.nan_to_num(fn.value(*np.asarray(points, dtype=float).T), nan=0.0) + lift

    start = np.asarray(runs[0].points[0], dtype=float)
    marker = {"size": 6, "color": "white", "line": {"color": "black", "width": 2}}
    data.append(
        {
            "type": "scatter3d",
            **{axis: [_number(v)] for axis, v in zip("xyz", (*start, *z_of(start[None])), strict=True)},
            "mode": "markers",
            "name": t("fig.start", lang),
            "marker": marker,
        }
    )
    digits, indices, first = _digits(window), _frame_indices(runs, frames), len(data)
    heads = {"x": [], "y": [], "z": [], "colours": []}
    for run in runs:
        points = run.points[: int(indices[-1]) + 1]
        with np.errstate(over="ignore"):  # a diverged value beyond float32 becomes inf, quietly
            xyz = np.c_[np.round(points, digits), z_of(points)].astype("<f4")
        colour = COLOURS.get(run.optimizer, "black")
        data.append(
            {
                "type": "scatter3d",
                **{axis: _f4(xyz[:, i]) for i, axis in enumerate("xyz")},
                "mode": "lines+markers",
                "name": run.optimizer,
                "line": palette.path_line(run.optimizer, 6),
                "marker": palette.path_marker(run.optimizer, 3),
            }
        )
        for i, axis in enumerate("xyz"):
            heads[axis].append(_number(xyz[-1, i]))  # the path's own last point, as the browser slices it
        heads["colours"].append(colour)
    data.append(
        {
            "type": "scatter3d",
            **{axis: heads[axis] for axis in "xyz"},
            "mode": "markers",
            "name": t("fig.current", lang),
            "showlegend": False,
            "hoverinfo": "skip",
            "marker": {"color": heads["colours"], "size": 9, "line": {"color": "white", "width": 1.5}},
        }
    )
    fig["animation"] = player.path_spec(list(range(first, len(data))), indices, runs, lang)
    return fig


def _arrow(fig: go.Figure, tail, tip, colour: str, width: float, label: str, out: float = 0.35) -> None:
    fig.add_annotation(
        x=tip[0],
        y=tip[1],
        ax=tail[0],
        ay=tail[1],
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=2,
        arrowsize=1.2,
        arrowwidth=width,
        arrowcolor=colour,
        text="",
    )
    offset = np.asarray(tip) - np.asarray(tail)
    fig.add_annotation(
        x=tip[0] + out * offset[0],
        y=tip[1] + out * offset[1],
        text=label,
        showarrow=False,
        font=dict(size=12, color="black"),
        bgcolor="rgba(255,255,255,0.8)",
    )


def steepest_figure(
    grid: Grid,
    point,
    rows: list[dict],
    length: float,
    names=("w0", "w1"),
    lang: str = "en",
    value: float | None = None,
) -> go.Figure:
    """Equal-length arrows from P over the contours of L, each labelled with the change dL it causes."""
    fig = level_set_figure(grid, names, lang, uirevision="steepest")
    p = np.asarray(point, dtype=float)
    # white arrows first, then the student's delta (blue), then -grad L (red) on top
    for row in sorted(rows, key=lambda r: (r["steepest"], r["extra"])):
        tip = p + length * row["u"]
        label = t(P + "dl", lang, value=f"{row['exact']:+.4g}")
        if row["steepest"]:
            _arrow(fig, p, tip, ARROW, 4, "<b>−∇L</b> " + label)
        elif row["extra"]:  # its label further out, so it does not sit on a neighbouring arrow's label
            _arrow(fig, p, tip, EXTRA, 3, f"<b>δ</b> {label}", out=0.8)
        else:
            _arrow(fig, p, tip, "white", 2, label)
    fig.add_trace(
        go.Scatter(
            x=[p[0]],
            y=[p[1]],
            mode="markers",
            name=t(P + "point", lang),
            hovertemplate="P<extra></extra>" if value is None else f"P, L = {value:.6g}<extra></extra>",
            marker=dict(size=10, color=ARROW, line=dict(color="white", width=2)),
        )
    )
    text = "P" if value is None else f"P, L = {value:.6g}"
    fig.add_annotation(
        x=p[0],
        y=p[1],
        text=text,
        showarrow=False,
        xanchor="right",
        yanchor="top",
        xshift=-8,
        yshift=-8,
        font=dict(size=12, color="black"),
        bgcolor="rgba(255,255,255,0.8)",
    )
    fig.update_layout(showlegend=False)
    return fig


def level_colours(levels) -> list[str]:
    order = np.argsort(np.argsort(levels))
    span = max(len(levels) - 1, 1)
    return sample_colorscale("Viridis", [0.1 + 0.8 * k / span for k in order])


def _mesh(mesh: Mesh, colour: str, opacity: float, name: str) -> go.Mesh3d:
    v, f = mesh.vertices.astype(np.float32), mesh.faces.astype(np.int32)
    return go.Mesh3d(
        x=v[:, 0],
        y=v[:, 1],
        z=v[:, 2],
        i=f[:, 0],
        j=f[:, 1],
        k=f[:, 2],
        color=colour,
        opacity=opacity,
        name=name,
        showlegend=True,
        flatshading=False,
        hoverinfo="name",
        lighting=dict(ambient=0.55, diffuse=0.7, specular=0.2, roughness=0.6),
    )


def _cones(points, directions, size: float, colour: str, name: str, legend: bool = True) -> go.Cone:
    """Cones of length `size` along the unit `directions` ("raw" mode draws vectors at their own length)."""
    p, d = np.asarray(points, dtype=np.float32), (size * np.asarray(directions)).astype(np.float32)
    return go.Cone(
        x=p[:, 0],
        y=p[:, 1],
        z=p[:, 2],
        u=d[:, 0],
        v=d[:, 1],
        w=d[:, 2],
        anchor="tail",
        sizemode="raw",
        sizeref=1,
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        name=name,
        showlegend=legend,
        hoverinfo="name",
    )


# translucent, the chosen level a little less: nested surfaces (spheres, cylinders) stay visible through
# the outer ones
HIGHLIGHT_OPACITY, LEVEL_OPACITY = 0.6, 0.25


def level_surface_figure(
    scene: Scene, names=("w0", "w1", "w2"), lang: str = "en", uirevision: str = ""
) -> go.Figure:
    """Isosurfaces f = c (the highlighted one more opaque), gradient cones, and at a point P the gradient,
    a direction l_hat at angle theta to it with D_theta, and the tangent plane (zero change)."""
    fig = go.Figure()
    colours = level_colours([m.level for m in scene.meshes])
    for mesh, colour in zip(scene.meshes, colours, strict=True):
        if len(mesh):
            opacity = HIGHLIGHT_OPACITY if np.isclose(mesh.level, scene.level) else LEVEL_OPACITY
            fig.add_trace(_mesh(mesh, colour, opacity, t(P + "level", lang, c=f"{mesh.level:.4g}")))
    points, directions = scene.arrows
    if len(points):
        fig.add_trace(_cones(points, directions, 1.6 * scene.spacing, GRADIENT, t(P + "gradient", lang)))
    if scene.probe is not None:
        _add_probe(fig, scene.probe, 5 * scene.spacing, lang)
    axes = {
        axis: dict(range=list(span), title=name)
        for axis, span, name in zip(("xaxis", "yaxis", "zaxis"), scene.window, names, strict=True)
    }
    fig.update_layout(
        scene=dict(**axes, aspectmode="cube", uirevision=uirevision or "levels"),
        height=640,
        # room round the scene for its axis titles; the legend below it, clear of the toolbar at the top
        margin=dict(l=20, r=20, t=20, b=70),
        uirevision=uirevision or "levels",
        legend=dict(orientation="h", y=0, x=0, yanchor="top"),
    )
    return fig


def _add_probe(fig: go.Figure, probe: dict, length: float, lang: str) -> None:
    p = probe["point"]
    g_tip, l_tip = p + length * probe["normal"], p + length * probe["l_hat"]
    plane = np.asarray(probe["plane"])
    fig.add_trace(
        go.Mesh3d(
            x=plane[:, 0],
            y=plane[:, 1],
            z=plane[:, 2],
            i=[0, 0],
            j=[1, 2],
            k=[2, 3],
            color="#9ecae1",
            opacity=0.55,
            name=t(P + "tangent", lang),
            showlegend=True,
            hoverinfo="name",
        )
    )
    # solid ∇f, dashed direction: told apart without their colours
    for tip, colour, key, dash in (
        (g_tip, GRADIENT, "grad_at_p", "solid"),
        (l_tip, ARROW, "direction", "dash"),
    ):
        name = t(P + key, lang, theta=f"{probe['theta']:.0f}", D=f"{probe['D']:.4g}")
        fig.add_trace(
            go.Scatter3d(
                x=[p[0], tip[0]],
                y=[p[1], tip[1]],
                z=[p[2], tip[2]],
                mode="lines",
                line=dict(color=colour, width=7, dash=dash),
                name=name,
                hoverinfo="name",
            )
        )
        fig.add_trace(_cones([tip], [(tip - p) / length], 0.25 * length, colour, name, legend=False))
    fig.add_trace(
        go.Scatter3d(
            x=[p[0]],
            y=[p[1]],
            z=[p[2]],
            mode="markers",
            name=t(P + "point", lang),
            marker=dict(size=6, color="black"),
            hoverinfo="name",
        )
    )
