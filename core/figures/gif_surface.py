"""The GIF painter of a 3-D figure: the loss surface seen from the figure's camera, with the descent paths.

An orthographic view along the camera's eye (plotly's default eye when the layout has none): the scene's
box panes with their grid, the surface as quads filled from its colour scale and lightly shaded, painted
back to front (painter's algorithm), then the paths and the current points through the same projection.
The surface is painted once as the background; only the paths are drawn per frame, so 200 frames of a
150x150 surface take a few seconds.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from core.figures import gif

# plotly.js's default camera
EYE, UP, CENTER = (1.25, 1.25, 1.25), (0.0, 0.0, 1.0), (0.0, 0.0, 0.0)
# the surface is painted on at most this many cells a side (a 150x150 grid is subsampled)
MAX_CELLS = 75
PANE, GRID_LINE = (229, 236, 246, 255), (255, 255, 255, 255)
MARGIN = 16


def _xyz(spec: dict | None, default) -> np.ndarray:
    spec = spec or {}
    return np.array([float(spec.get(a, d)) for a, d in zip("xyz", default, strict=True)])


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


class SurfacePainter(gif.Painter):
    """Draws a figure with a `surface` and animated `scatter3d` paths, frame by frame."""

    def __init__(self, fig: dict, lang: str = "en", size=(gif.WIDTH, gif.HEIGHT)):
        super().__init__(fig, lang, size)
        scene = fig.get("layout", {}).get("scene") or {}
        self.scene = scene
        self.ranges = [self._range(a) for a in ("x", "y", "z")]
        aspect = scene.get("aspectratio") if scene.get("aspectmode") == "manual" else None
        self.aspect = _xyz(aspect, (1.0, 1.0, 1.0))
        camera = scene.get("camera") or {}
        eye, up = _xyz(camera.get("eye"), EYE), _xyz(camera.get("up"), UP)
        center = _xyz(camera.get("center"), CENTER)
        # forward points from the eye into the scene: a larger depth is farther away
        self.eye = eye - center
        self.forward = _unit(center - eye)
        self.right = _unit(np.cross(self.forward, up))
        self.up = np.cross(self.right, self.forward)
        self._fit()
        self.background = self._background()

    def _layout_axes(self) -> dict:
        # no 2-D axes: the scene has its own projection
        return {}

    def _range(self, axis: str) -> tuple[float, float]:
        spec = self.scene.get(axis + "axis") or {}
        values = [gif.decode(t.get(axis)) for t in self.fig["data"] if t.get(axis) is not None]
        return gif._range(spec, values, False)

    def normalised(self, x, y, z) -> np.ndarray:
        """Data coordinates in the scene's box, [-aspect, aspect] on each axis, shape (..., 3)."""
        out = []
        for values, (lo, hi), half in zip((x, y, z), self.ranges, self.aspect, strict=True):
            with np.errstate(all="ignore"):
                out.append((np.asarray(values, float) - (lo + hi) / 2) / ((hi - lo) or 1) * 2 * half)
        return np.stack(out, -1)

    def _fit(self) -> None:
        """Scale and offset that put the projected box in the picture, below the label and legend."""
        corners = np.array([[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)]) * self.aspect
        u, v = corners @ self.right, corners @ self.up
        w, h = self.size
        top = 40
        self.scale = min((w - 2 * MARGIN) / np.ptp(u), (h - top - MARGIN) / np.ptp(v))
        self.offset = (
            w / 2 - self.scale * (u.min() + u.max()) / 2,
            top + (h - top - MARGIN) / 2 + self.scale * (v.min() + v.max()) / 2,
        )

    def screen(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Normalised scene points (..., 3) as pixel x, pixel y and depth (larger = farther)."""
        with np.errstate(all="ignore"):
            px = self.offset[0] + self.scale * (points @ self.right)
            py = self.offset[1] - self.scale * (points @ self.up)
            return px, py, points @ self.forward

    def project(self, x, y, z) -> tuple[np.ndarray, np.ndarray]:
        """Pixel coordinates of data points, as the GIF draws them."""
        px, py, _ = self.screen(self.normalised(x, y, z))
        return px, py

    def _background(self) -> Image.Image:
        image = Image.new("RGBA", self.size, (255, 255, 255, 255))
        draw = ImageDraw.Draw(image)
        self._panes(draw)
        spec = self.fig["animation"]
        for i, trace in enumerate(self.fig["data"]):
            if trace.get("visible") is False or i in spec["traces"]:
                continue
            if trace.get("type") == "surface":
                self._surface(draw, trace)
            elif trace.get("type") == "scatter3d":
                self._path(draw, self._default_colours({**trace, "type": "scatter"}, i))
        self._axis_titles(draw)
        self._legend(draw)
        return image

    def _panes(self, draw: ImageDraw.ImageDraw) -> None:
        """The three back panes of the box (those away from the eye) with grid lines at the ticks."""
        for axis in range(3):
            # the pane on the far side of this axis
            side = -np.sign(self.eye[axis]) or -1.0
            others = [a for a in range(3) if a != axis]
            square = []
            for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                p = np.zeros(3)
                p[axis], p[others[0]], p[others[1]] = side, a, b
                square.append(p * self.aspect)
            px, py, _ = self.screen(np.array(square))
            draw.polygon(list(zip(px.tolist(), py.tolist(), strict=True)), fill=PANE)
            for other in others:
                rest = next(a for a in others if a != other)
                lo, hi = self.ranges[other]
                for tick in gif._ticks(lo, hi, 5):
                    at = (tick - (lo + hi) / 2) / ((hi - lo) or 1) * 2
                    ends = np.zeros((2, 3))
                    ends[:, axis], ends[:, other], ends[:, rest] = side, at, (-1, 1)
                    ex, ey, _ = self.screen(ends * self.aspect)
                    draw.line(list(zip(ex.tolist(), ey.tolist(), strict=True)), fill=GRID_LINE, width=2)

    def _axis_titles(self, draw: ImageDraw.ImageDraw) -> None:
        for axis, name in enumerate(("xaxis", "yaxis", "zaxis")):
            title = gif._title(self.scene.get(name) or {})
            # an axis seen end-on (a view from straight above) has no edge to name
            if not title or abs(self.forward[axis]) > 0.95:
                continue
            # the middle of the box's bottom edge nearest the eye along this axis (z: a side edge)
            p = np.where(self.eye >= 0, 1.0, -1.0) * self.aspect
            p[axis] = 0
            if axis < 2:
                p[2] = -self.aspect[2]
            else:
                p[0], p[1] = np.sign(self.eye[0]) * self.aspect[0], -np.sign(self.eye[1]) * self.aspect[1]
            px, py, _ = self.screen(p)
            self.big.text(draw, (float(px), float(py) + 14), title, "black", "mm")

    def _surface(self, draw: ImageDraw.ImageDraw, trace: dict) -> None:
        z = gif.decode(trace.get("z"))
        if z.ndim != 2 or min(z.shape) < 2:
            return
        ny, nx = z.shape
        xs = gif.decode(trace["x"]) if trace.get("x") is not None else np.arange(nx, dtype=float)
        ys = gif.decode(trace["y"]) if trace.get("y") is not None else np.arange(ny, dtype=float)
        step = max(1, int(np.ceil(max(nx, ny) / MAX_CELLS)))
        # every `step`-th line, and always the last, so the painted surface reaches the window's edges
        cols, rows = np.unique(np.r_[0:nx:step, nx - 1]), np.unique(np.r_[0:ny:step, ny - 1])
        xs, ys, z = xs[cols], ys[rows], z[np.ix_(rows, cols)]
        finite = z[np.isfinite(z)]
        if finite.size == 0:
            return
        lo, hi = float(trace.get("cmin", finite.min())), float(trace.get("cmax", finite.max()))
        lut = gif._scale(trace.get("colorscale") or "Viridis")
        gx, gy = np.meshgrid(xs, ys)
        floor = ((trace.get("contours") or {}).get("z")) or {}
        if floor.get("show") and (floor.get("project") or {}).get("z"):
            self._floor(draw, gx, gy, z, floor, lut, (lo, hi))
        points = self.normalised(gx, gy, np.clip(z, *self.ranges[2]))
        px, py, depth = self.screen(points)
        corners = [(slice(None, -1), slice(None, -1)), (slice(None, -1), slice(1, None))]
        corners += [(slice(1, None), slice(1, None)), (slice(1, None), slice(None, -1))]
        qx = np.stack([px[c] for c in corners], -1)
        qy = np.stack([py[c] for c in corners], -1)
        qz = np.stack([z[c] for c in corners], -1)
        shade = self._shade(points, corners)
        mean = qz.mean(-1)
        index = np.clip((mean - lo) / ((hi - lo) or 1) * 255, 0, 255)
        rgb = lut[np.nan_to_num(index).astype(int)][..., :3] * shade[..., None]
        opacity = float(trace.get("opacity", 1))
        rgb = (rgb * opacity + 255 * (1 - opacity)).round().astype(int)
        far = np.stack([depth[c] for c in corners], -1).mean(-1)
        ok = np.isfinite(qz).all(-1) & np.isfinite(qx).all(-1) & np.isfinite(qy).all(-1)
        rows, cols = np.nonzero(ok)
        # painter's algorithm: the farthest quads first, the nearer ones over them
        order = np.argsort(-far[rows, cols], kind="stable")
        for r, c in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
            fill = (*rgb[r, c].tolist(), 255)
            quad = list(zip(qx[r, c].tolist(), qy[r, c].tolist(), strict=True))
            draw.polygon(quad, fill=fill, outline=fill)

    def _floor(self, draw: ImageDraw.ImageDraw, gx, gy, z, spec: dict, lut, span) -> None:
        """The level sets projected on the box's floor (contours.z.project.z), by marching squares."""
        start, end = float(spec.get("start", span[0])), float(spec.get("end", span[1]))
        size = float(spec.get("size") or (end - start) / 10 or 1)
        px, py, _ = self.screen(self.normalised(gx, gy, np.full(z.shape, self.ranges[2][0])))
        # the cells' corners in order round the cell, and its four edges as pairs of corners
        corner = [(slice(None, -1), slice(None, -1)), (slice(None, -1), slice(1, None))]
        corner += [(slice(1, None), slice(1, None)), (slice(1, None), slice(None, -1))]
        edges = [(0, 1), (1, 2), (2, 3), (3, 0)]
        width = max(1, round(float(spec.get("width", 2)) / 2))
        for level in np.arange(start, end + size / 2, size):
            v = [z[c] - level for c in corner]
            cuts, points = [], []
            for i, j in edges:
                with np.errstate(all="ignore"):
                    cuts.append(((v[i] > 0) != (v[j] > 0)) & np.isfinite(v[i]) & np.isfinite(v[j]))
                    t = np.nan_to_num(v[i] / (v[i] - v[j]))
                points.append(
                    (
                        px[corner[i]] + t * (px[corner[j]] - px[corner[i]]),
                        py[corner[i]] + t * (py[corner[j]] - py[corner[i]]),
                    )
                )
            # two cut edges: one segment; four (a saddle): two, paired round the cell
            count = sum(c.astype(int) for c in cuts)
            pairs = [((a, b), count == 2) for a in range(4) for b in range(a + 1, 4)]
            pairs += [((0, 1), count == 4), ((2, 3), count == 4)]
            index = np.clip((level - span[0]) / ((span[1] - span[0]) or 1) * 255, 0, 255)
            fill = tuple(int(c) for c in lut[int(index)])
            if not spec.get("usecolormap", False):
                fill = gif.colour(spec.get("color", "#444"))
            for (a, b), where in pairs:
                for r, c in zip(*np.nonzero(where & cuts[a] & cuts[b]), strict=True):
                    ends = [(float(points[e][0][r, c]), float(points[e][1][r, c])) for e in (a, b)]
                    draw.line(ends, fill=fill, width=width)

    def _shade(self, points: np.ndarray, corners) -> np.ndarray:
        """A light from over the eye's shoulder: faces turned to it full colour, grazing ones darker."""
        a = points[corners[1]] - points[corners[0]]
        b = points[corners[3]] - points[corners[0]]
        normal = np.cross(a, b)
        with np.errstate(all="ignore"):
            normal = normal / np.linalg.norm(normal, axis=-1, keepdims=True)
        light = _unit(-self.forward + self.up)
        return np.clip(0.6 + 0.4 * np.abs(np.nan_to_num(normal @ light, nan=1.0)), 0, 1)

    def _path(self, draw: ImageDraw.ImageDraw, trace: dict) -> None:
        x, y, z = (gif.decode(trace.get(a)) for a in "xyz")
        n = min(len(x), len(y), len(z))
        if n == 0:
            return
        px, py = self.project(x[:n], y[:n], z[:n])
        mode, line, marker = (
            trace.get("mode", "lines+markers"),
            trace.get("line") or {},
            trace.get("marker") or {},
        )
        if "lines" in mode:
            self.lines(draw, px, py, line)
        if "markers" in mode:
            self._markers(draw, px, py, marker, float(trace.get("opacity", 1)))

    def _legend(self, draw: ImageDraw.ImageDraw) -> None:
        """The named paths' colours, top left, as the screen's legend."""
        x = 12.0
        for i, trace in gif.legend_entries(self.fig):
            if trace.get("type") == "scatter3d":
                x = self.legend_entry(draw, x, 18.0, self._default_colours({**trace, "type": "scatter"}, i))

    def frame(self, position: int) -> Image.Image:
        """The picture at a player position: the painted surface, the paths as far as this step."""
        updates = dict(gif.player.frame_at(self.fig, position, gif.decode))
        image = self.background.copy()
        draw = ImageDraw.Draw(image)
        for i in self.fig["animation"]["traces"]:
            trace = {**self.fig["data"][i], **updates.get(i, {}), "type": "scatter"}
            self._path(draw, self._default_colours(trace, i))
        self._labels(image, position)
        return image.convert("RGB")
