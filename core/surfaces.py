"""Level surfaces of f(w0, w1, w2), gradient arrows on them, and the steepest direction of figure 3.5.

Isosurfaces are extracted by marching tetrahedra in one vectorised numpy sweep: every grid cube is cut
into the 6 tetrahedra around its main diagonal (the same cut in every cube, so neighbouring faces
match), and a surface vertex sits on each tetrahedron edge whose ends straddle c, at the exact linear
interpolation point. Vertices are shared between triangles (one per grid edge), so the mesh is small.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from core.functions import Function

DEFAULT_N = 40


@dataclass(frozen=True, eq=False)
class Volume:
    axes: tuple[np.ndarray, np.ndarray, np.ndarray]  # grid coordinates per variable
    values: (
        np.ndarray
    )  # (n0, n1, n2), values[i, j, k] = f(axes[0][i], axes[1][j], axes[2][k]); NaN if undefined

    @property
    def window(self):
        return tuple((float(a[0]), float(a[-1])) for a in self.axes)

    @property
    def spacing(self) -> float:
        """The longest grid step: interpolation errors scale with its square."""
        return max(float(a[1] - a[0]) for a in self.axes)

    def value_range(self) -> tuple[float, float]:
        finite = self.values[np.isfinite(self.values)]
        return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)


@dataclass(frozen=True, eq=False)
class Mesh:
    level: float
    vertices: np.ndarray  # (m, 3)
    faces: np.ndarray  # (k, 3) vertex indices, oriented so the normal points towards larger f

    def __len__(self) -> int:
        return len(self.faces)


def volume(fn: Function, window, n: int = DEFAULT_N) -> Volume:
    """f sampled on an n x n x n grid over `window` ((lo, hi) per variable)."""
    axes = tuple(np.linspace(lo, hi, n) for lo, hi in window)
    W = np.meshgrid(*axes, indexing="ij")
    return Volume(axes, fn.value(*W))


def window3_for(fn: Function) -> tuple[tuple[float, float], ...]:
    """The preset's box, else [-3, 3]^3 (the chapter's spheres and cylinders fit in it)."""
    from core.presets import find

    preset = find(fn.text)
    return preset.window if preset is not None and preset.nvars == 3 else ((-3.0, 3.0),) * 3


# The 8 corners of a cube as (di, dj, dk), corner c = 4 di + 2 dj + dk; corner 0 and 7 are the diagonal.
_CORNERS = np.array(list(itertools.product((0, 1), repeat=3)))
# Kuhn's cut: one tetrahedron per order of the three axes, walking 0 -> +e_a -> +e_b -> 7.
_TETS = np.array(
    [
        [
            0,
            4 * (p[0] == 0) + 2 * (p[0] == 1) + (p[0] == 2),
            7 - (4 * (p[2] == 0) + 2 * (p[2] == 1) + (p[2] == 2)),
            7,
        ]
        for p in itertools.permutations(range(3))
    ]
)


def _case_table() -> dict[int, list[tuple[tuple[int, int], ...]]]:
    """For each inside/outside pattern of a tetrahedron's 4 corners, its triangles as corner-pair edges."""
    table = {}
    for code in range(1, 15):
        inside = [i for i in range(4) if code >> i & 1]
        outside = [i for i in range(4) if not code >> i & 1]
        if len(inside) == 1 or len(outside) == 1:
            (a,), others = (inside, outside) if len(inside) == 1 else (outside, inside)
            table[code] = [tuple((a, o) for o in others)]
        else:  # a quad through edges ac, ad, bd, bc (consecutive edges share a corner): two triangles
            (a, b), (c, d) = inside, outside
            table[code] = [((a, c), (a, d), (b, d)), ((a, c), (b, d), (b, c))]
    return table


_CASES = _case_table()


def isosurface(vol: Volume, level: float) -> Mesh:
    """The surface f = level as a triangle mesh (marching tetrahedra, linear interpolation on edges)."""
    v = vol.values
    shape = np.array(v.shape)
    flat = v.ravel()
    # Cubes whose 8 corners straddle the level (NaN corners make a cube skipped: no surface invented there).
    base = np.stack(np.meshgrid(*(np.arange(s - 1) for s in shape), indexing="ij"), -1).reshape(-1, 3)
    corner_ids = np.ravel_multi_index(tuple((base[:, None, :] + _CORNERS[None]).T), v.shape).T  # (cubes, 8)
    cv = flat[corner_ids]
    with np.errstate(invalid="ignore"):
        keep = np.all(np.isfinite(cv), axis=1) & (cv.min(axis=1) < level) & (cv.max(axis=1) >= level)
    tet_ids = corner_ids[keep][:, _TETS].reshape(-1, 4)  # global grid index of each tetrahedron corner
    above = flat[tet_ids] >= level
    codes = (above * (1 << np.arange(4))).sum(axis=1)
    edges, ups = [], []
    for code, triangles in _CASES.items():
        tets = tet_ids[codes == code]
        if not len(tets):
            continue
        inside = np.array([i for i in range(4) if code >> i & 1])
        for tri in triangles:
            edges.append(np.stack([np.sort(tets[:, list(e)], axis=1) for e in tri], axis=1))  # (t, 3, 2)
            ups.append((inside, tets))
    if not edges:
        return Mesh(float(level), np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64))
    edges = np.concatenate(edges)
    keys = edges[..., 0].astype(np.int64) * flat.size + edges[..., 1]
    unique, faces = np.unique(keys.ravel(), return_inverse=True)
    faces = faces.reshape(-1, 3)
    a, b = np.divmod(unique, flat.size)
    pa, pb = _points(vol, a), _points(vol, b)
    va, vb = flat[a], flat[b]
    s = ((level - va) / (vb - va))[:, None]
    vertices = pa + s * (pb - pa)
    # Orient each triangle so its normal points uphill (consistent normals give smooth Mesh3d shading).
    up = np.concatenate(
        [_points(vol, t[:, i]).mean(1) - _points(vol, t[:, _others(i)]).mean(1) for i, t in ups]
    )
    tri = vertices[faces]
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    flip = np.einsum("ij,ij->i", normal, up) < 0
    faces[flip] = faces[flip][:, ::-1]
    return Mesh(float(level), vertices, faces)


def _others(inside: np.ndarray) -> np.ndarray:
    return np.setdiff1d(np.arange(4), inside)


def _points(vol: Volume, flat_ids: np.ndarray) -> np.ndarray:
    """Coordinates of grid points given by flat index (any shape); result has a trailing axis of 3."""
    idx = np.unravel_index(flat_ids, vol.values.shape)
    return np.stack([vol.axes[d][idx[d]] for d in range(3)], axis=-1)


def cones(fn: Function, mesh: Mesh, per_axis: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """(positions, unit directions): points spread over the surface, each with grad f / |grad f| there.

    One vertex per cell of a coarse per_axis^3 lattice keeps the arrows evenly spread; points where the
    gradient vanishes or is undefined have no direction and are left out.
    """
    if not len(mesh.vertices):
        return np.zeros((0, 3)), np.zeros((0, 3))
    lo, hi = mesh.vertices.min(0), mesh.vertices.max(0)
    cell = np.floor((mesh.vertices - lo) / np.maximum(hi - lo, 1e-12) * (per_axis - 1e-9)).astype(int)
    _, first = np.unique(np.ravel_multi_index(cell.T, (per_axis,) * 3), return_index=True)
    points = mesh.vertices[np.sort(first)]
    g = fn.grad(*points.T).T
    norm = np.linalg.norm(g, axis=1)
    ok = np.isfinite(norm) & (norm > 1e-12)
    return points[ok], g[ok] / norm[ok, None]


def project_to_level(fn: Function, point, level: float, iterations: int = 30) -> np.ndarray:
    """Newton steps along the gradient, p <- p - (f(p) - c) grad f / |grad f|^2, onto f = c."""
    p = np.asarray(point, dtype=float)
    for _ in range(iterations):
        value, g = fn.value_and_grad(*p)
        g = g.ravel()
        gap = float(value) - level
        gg = float(g @ g)
        if (
            not np.isfinite(gap)
            or not np.isfinite(gg)
            or gg < 1e-300
            or abs(gap) < 1e-13 * max(1, abs(level))
        ):
            break
        p = p - gap * g / gg
    return p


def point_on_surface(fn: Function, mesh: Mesh, azimuth: float, elevation: float, centre) -> np.ndarray | None:
    """The point of f = c seen from `centre` in the direction (azimuth, elevation) in degrees, or None."""
    if not len(mesh.vertices):
        return None
    az, el = np.radians(azimuth), np.radians(elevation)
    ray = np.array([np.cos(el) * np.cos(az), np.cos(el) * np.sin(az), np.sin(el)])
    offsets = mesh.vertices - np.asarray(centre, dtype=float)
    cosines = offsets @ ray / np.maximum(np.linalg.norm(offsets, axis=1), 1e-12)
    return project_to_level(fn, mesh.vertices[int(np.argmax(cosines))], mesh.level)


def tangent_basis(normal) -> tuple[np.ndarray, np.ndarray]:
    """Two orthonormal vectors perpendicular to `normal` (the first lies in the plane of normal and z
    when it can, so a direction 'tilted away from the gradient' tilts upward or sideways predictably)."""
    n = np.asarray(normal, dtype=float)
    n = n / np.linalg.norm(n)
    helper = np.eye(3)[int(np.argmin(np.abs(n)))]
    t1 = np.cross(np.cross(n, helper), n)
    t1 /= np.linalg.norm(t1)
    return t1, np.cross(n, t1)


def directional(fn: Function, point, theta_degrees: float, patch: float = 0.8) -> dict | None:
    """D_theta = grad f . l_hat for the unit direction l_hat at angle theta to the gradient, at `point`.

    Returns the point, its value, the gradient, l_hat, D (= |grad f| cos theta), the exact change
    f(p + h l_hat) - f(p) for a small h next to h D, and the four corners of a tangent-plane patch
    (the directions with zero first-order change). None where the gradient vanishes or is undefined.
    """
    p = np.asarray(point, dtype=float)
    g = fn.grad(*p).ravel()
    norm = float(np.linalg.norm(g))
    if not np.isfinite(norm) or norm < 1e-12:
        return None
    n = g / norm
    t1, t2 = tangent_basis(n)
    theta = np.radians(theta_degrees)
    l_hat = np.cos(theta) * n + np.sin(theta) * t1
    h = 1e-4
    corners = np.array([p + patch * (a * t1 + b * t2) for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))])
    return {
        "point": p,
        "value": float(fn.value(*p)),
        "gradient": g,
        "norm": norm,
        "normal": n,
        "l_hat": l_hat,
        "theta": float(theta_degrees),
        "D": float(g @ l_hat),
        "h": h,
        "change": float(fn.value(*(p + h * l_hat)) - fn.value(*p)),
        "plane": corners,
    }


def steepest(fn: Function, point, step: float, count: int = 8, extra=()) -> list[dict]:
    """Figure 3.5: moves of equal length `step` from P in `count` directions (the first is -grad L) plus
    `extra` directions, each with the exact change L(P + step u) - L(P) and the estimate grad L . (step u).
    """
    p = np.asarray(point, dtype=float)
    g = fn.grad(*p).ravel()
    start = np.arctan2(-g[1], -g[0]) if np.linalg.norm(g) > 0 else 0.0
    angles = start + 2 * np.pi * np.arange(count) / count
    units = [np.array([np.cos(a), np.sin(a)]) for a in angles]
    units += [np.asarray(u, dtype=float) / np.linalg.norm(u) for u in extra]
    base = float(fn.value(*p))
    rows = []
    for i, u in enumerate(units):
        delta = step * u
        rows.append(
            {
                "u": u,
                "delta": delta,
                "angle": float(np.degrees(np.arctan2(u[1], u[0])) % 360),
                "exact": float(fn.value(*(p + delta))) - base,
                "estimate": float(g @ delta),
                "steepest": i == 0 and count > 0,
                "extra": i >= count,
            }
        )
    return rows


def steepest_window(fn: Function, point) -> tuple[tuple[tuple[float, float], ...], float]:
    """(window, drawn arrow length): a square around P, 5 arrows wide, the arrow a tenth of f's usual window.

    Zoomed on P, the contours look almost straight and parallel: locally L is its tangent plane."""
    from core.grids import window_for

    (x0, x1), _ = window_for(fn, point)
    arrow = 0.1 * (x1 - x0)
    return tuple((float(c) - 2.5 * arrow, float(c) + 2.5 * arrow) for c in point), arrow


def parse_levels(texts) -> tuple[float, ...] | None:
    """Levels written as text (the URL's `levels`), or None when any is not a finite number."""
    try:
        values = tuple(float(v) for v in texts)
    except ValueError:
        return None
    return values if all(np.isfinite(values)) else None


@dataclass(frozen=True, eq=False)
class Scene:
    """Everything the level-surfaces figure shows: one mesh per level, gradient cones, and the probe at P."""

    window: tuple
    spacing: float
    level: float  # the highlighted level, on which P lies
    meshes: list
    arrows: tuple[np.ndarray, np.ndarray]
    probe: dict | None
    missing: list  # levels f never reaches inside the box


def scene(fn: Function, vol: Volume, levels, level: float, theta: float, azimuth: float, elevation: float):
    """Level surfaces for `levels` (which include `level`), and at the point of f = level seen from the
    box centre in the direction (azimuth, elevation): the direction at angle theta to the gradient."""
    meshes = [isosurface(vol, c) for c in levels]
    arrows = [cones(fn, m) for m in meshes]
    arrows = (np.concatenate([a[0] for a in arrows]), np.concatenate([a[1] for a in arrows]))
    mesh = meshes[[m.level for m in meshes].index(float(level))]
    centre = [0.5 * (lo + hi) for lo, hi in vol.window]
    point = point_on_surface(fn, mesh, azimuth, elevation, centre)
    patch = 0.12 * vol.spacing * len(vol.axes[0])
    probe = directional(fn, point, theta, patch) if point is not None else None
    missing = [m.level for m in meshes if not len(m)]
    return Scene(vol.window, vol.spacing, float(level), meshes, arrows, probe, missing)


def steepest_view(fn: Function, point, delta, count: int) -> dict:
    """Everything the fig 3.5 tab shows for P and a step delta: the rows of `steepest` (equal-length moves,
    the first along -grad L, the last along delta), the window and arrow length, and the readout numbers.
    {"error": catalogue key} when the step is zero or L is undefined at P."""
    length, info = float(np.hypot(*delta)), fn.at(point)
    if length == 0:
        return {"error": "zero_step"}
    if not np.all(np.isfinite([info["value"], *info["gradient"]])):
        return {"error": "undefined_at"}
    window, arrow = steepest_window(fn, point)
    (g0, g1), norm = info["gradient"], float(np.hypot(*info["gradient"]))
    fields = dict(
        value=f"{info['value']:.8g}",
        g0=f"{g0:.6g}",
        g1=f"{g1:.6g}",
        norm=f"{norm:.6g}",
        drop=f"{norm * length:.6g}",
        length=f"{length:.6g}",
    )
    rows = steepest(fn, point, length, count, extra=[delta])
    return {"rows": rows, "window": window, "arrow": arrow, "value": info["value"], "fields": fields}


def probe_fields(probe: dict, level: float) -> dict:
    """Numbers for the directional-derivative readout at P."""
    x, y, z = (f"{v:.4g}" for v in probe["point"])
    return dict(
        x=x,
        y=y,
        z=z,
        c=f"{level:.4g}",
        theta=f"{probe['theta']:.0f}",
        h=probe["h"],
        norm=f"{probe['norm']:.4g}",
        D=f"{probe['D']:.4g}",
        change=f"{probe['change']:.4g}",
        estimate=f"{probe['h'] * probe['D']:.4g}",
    )


def fixed(value: float, places: int = 8) -> str:
    """A number with `places` decimals; one that rounds to zero is "0.00000000", never "-0.00000000"."""
    return f"{round(float(value), places) + 0.0:.{places}f}"


def table_text(rows: list[dict]) -> list[dict]:
    """table_rows as displayed: the angle to one decimal, the rest to 8 decimals, no negative zeros."""
    return [
        {key: f"{value:.1f}" if key == "angle" else fixed(value) for key, value in row.items()}
        for row in table_rows(rows)
    ]


def table_rows(rows: list[dict]) -> list[dict]:
    """Plain numbers for a table: delta, exact dL, first-order estimate and their difference."""
    return [
        {
            "angle": r["angle"],
            "d0": float(r["delta"][0]),
            "d1": float(r["delta"][1]),
            "exact": r["exact"],
            "estimate": r["estimate"],
            "difference": r["exact"] - r["estimate"],
        }
        for r in rows
    ]
