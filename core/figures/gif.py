"""An animated GIF of a figure's animation for slides: the frames the player plays, drawn with Pillow.

The GIF is drawn from the same figure dict the browser plays (core.figures.player.frame_at gives each
frame), with the same colours: filled level sets and heatmaps from their colour scales, contour lines,
paths and markers, axes with ticks, and the player's step label. Pillow draws it on the server in
plain Python: no browser, no network, a 200-frame GIF in a few seconds. A reduced painter: the trace
types and styles the app's animated figures use (contour, heatmap, scatter lines / markers / text).
"""

from __future__ import annotations

import base64
import io
import itertools
import math
import re
from pathlib import Path

import numpy as np
from PIL import Image, ImageColor, ImageDraw, ImageFont

from core.figures import player

DTYPES = {
    "f4": "<f4",
    "f8": "<f8",
    "i1": "i1",
    "u1": "u1",
    "i2": "<i2",
    "u2": "<u2",
    "i4": "<i4",
    "u4": "<u4",
}
# Each character is drawn in the first of these fonts that has it: DejaVu Sans for Latin, Greek, math and
# sub- and superscripts (∇, μ, θ, x₁), Noto Sans CJK for Chinese; Pillow's default font when neither is there
FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
WIDTH, HEIGHT = 640, 560
# plotly.js's dash patterns (Drawing.dashStyle), in units of the line's width and at least 3 px: the GIF
# keeps the dashes that tell paths apart without colour
DASHES = {
    "dot": (1, 1),
    "dash": (3, 3),
    "longdash": (5, 5),
    "dashdot": (3, 1, 1, 1),
    "longdashdot": (5, 2, 1, 2),
}
LEGEND_ROW = 22  # px per row of the legend under the plot


def decode(values) -> np.ndarray:
    """A trace's array (plain list or plotly's typed-array spec {dtype, bdata, shape}) as numpy floats."""
    if isinstance(values, dict) and "bdata" in values:
        out = np.frombuffer(base64.b64decode(values["bdata"]), dtype=DTYPES.get(values["dtype"], "<f8"))
        if values.get("shape"):
            out = out.reshape([int(s) for s in str(values["shape"]).split(",")])
        return out.astype(float)
    if values is None:
        return np.zeros(0)
    return np.array(
        [np.nan if v is None else v for v in np.ravel(values)] if _flat(values) else values, float
    )


def _flat(values) -> bool:
    return len(values) > 0 and not isinstance(values[0], list | tuple | np.ndarray)


def colour(text, alpha: float = 1.0) -> tuple[int, int, int, int]:
    """RGBA of a CSS colour ("#rrggbb", "rgb(...)", "rgba(r, g, b, a)", a name)."""
    text = str(text or "black").strip()
    found = re.fullmatch(r"rgba?\(([^)]*)\)", text.replace(" ", ""))
    if found:
        parts = [float(p) for p in found.group(1).split(",")]
        a = parts[3] if len(parts) > 3 else 1.0
        return (*(int(round(p)) for p in parts[:3]), int(round(255 * a * alpha)))
    rgb = ImageColor.getrgb(text)
    return (*rgb[:3], int(round(255 * alpha)))


def _scale(colorscale, n: int = 256) -> np.ndarray:
    """A colour scale as an (n, 4) RGBA lookup table over [0, 1]."""
    if isinstance(colorscale, str):
        from plotly.colors import get_colorscale

        colorscale = get_colorscale(colorscale)
    stops = np.array([float(s) for s, _ in colorscale])
    rgba = np.array([colour(c) for _, c in colorscale], float)
    at = np.linspace(0, 1, n)
    return np.stack([np.interp(at, stops, rgba[:, i]) for i in range(4)], -1).round().astype(np.uint8)


class Axes:
    """One subplot's data -> pixel mapping (linear or log axes), from the layout's domains and ranges."""

    def __init__(self, layout: dict, xname: str, yname: str, box, ranges):
        self.x, self.y = layout.get(_axis_key(xname), {}), layout.get(_axis_key(yname), {})
        self.xlog, self.ylog = self.x.get("type") == "log", self.y.get("type") == "log"
        (x0, x1), (y0, y1) = ranges
        left, top, right, bottom = box
        if self.y.get("scaleanchor") and not self.xlog and not self.ylog:
            # equal units on both axes, the plot area shrunk round its centre (constrain="domain")
            per = min((right - left) / (x1 - x0), (bottom - top) / (y1 - y0))
            cx, cy, w, h = (left + right) / 2, (top + bottom) / 2, per * (x1 - x0), per * (y1 - y0)
            left, right, top, bottom = cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2
        self.box, self.xr, self.yr = (left, top, right, bottom), (x0, x1), (y0, y1)

    def px(self, xs, ys) -> tuple[np.ndarray, np.ndarray]:
        left, top, right, bottom = self.box
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        with np.errstate(all="ignore"):
            xs = np.log10(xs) if self.xlog else xs
            ys = np.log10(ys) if self.ylog else ys
        (x0, x1), (y0, y1) = self.xr, self.yr
        return left + (xs - x0) / (x1 - x0) * (right - left), bottom - (ys - y0) / (y1 - y0) * (bottom - top)


def _axis_key(name: str) -> str:
    return ("xaxis" if name[0] == "x" else "yaxis") + name[1:]


def _range(axis: dict, values: list[np.ndarray], log: bool) -> tuple[float, float]:
    if axis.get("range") and None not in axis["range"]:
        return float(axis["range"][0]), float(axis["range"][1])
    finite = np.concatenate([v.ravel() for v in values]) if values else np.zeros(0)
    with np.errstate(all="ignore"):
        finite = np.log10(finite[finite > 0]) if log else finite
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    pad = 0.05 * (hi - lo) or 0.5
    return lo - pad, hi + pad


class Typeface:
    """Text of one size drawn with a fallback from font to font, which Pillow does not do: a character the
    first font lacks (a box in the picture) comes from the next one that has it."""

    def __init__(self, size: int):
        found = [ImageFont.truetype(str(path), size) for path in FONT_FILES if path.exists()]
        self.fonts = found or [ImageFont.load_default(size)]
        self.chosen: dict[str, ImageFont.FreeTypeFont] = {}

    def font_for(self, ch: str):
        if ch not in self.chosen:
            self.chosen[ch] = next((f for f in self.fonts if _has_glyph(f, ch)), self.fonts[0])
        return self.chosen[ch]

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """`text` cut into runs of characters drawn with the same font."""
        out: list[tuple[str, ImageFont.FreeTypeFont]] = []
        for ch in text:
            font = self.font_for(ch)
            if out and out[-1][1] is font:
                out[-1] = (out[-1][0] + ch, font)
            else:
                out.append((ch, font))
        return out

    def length(self, text: str) -> float:
        return sum(font.getlength(run) for run, font in self.runs(text))

    def text(self, draw: ImageDraw.ImageDraw, xy, text: str, fill, anchor: str = "la") -> None:
        """As `draw.text(xy, text, fill, font, anchor)`, run by run."""
        x = xy[0] - {"l": 0.0, "m": 0.5, "r": 1.0}[anchor[0]] * self.length(text)
        for run, font in self.runs(text):
            draw.text((x, xy[1]), run, fill=fill, font=font, anchor="l" + anchor[1])
            x += font.getlength(run)


def _has_glyph(font, ch: str) -> bool:
    """Whether `font` draws `ch` as itself, not as its "missing" box (the glyph of a code point no font has)."""
    if ch.isspace():
        return True
    missing, mask = font.getmask("\U0010ffff"), font.getmask(ch)
    return mask.size != missing.size or bytes(mask) != bytes(missing)


def dash_pieces(points: list, dash: str, width: float) -> list[list[tuple[float, float]]]:
    """The drawn pieces of a polyline (pixel points) under a plotly dash; "solid" or unknown: the whole line."""
    pattern = DASHES.get(dash)
    if not pattern or len(points) < 2:
        return [points]
    lengths = [k * max(width, 3.0) for k in pattern]
    pieces, current, k, left, on = [], [points[0]], 0, lengths[0], True
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        seg, done = math.hypot(x1 - x0, y1 - y0), 0.0
        while seg - done > left:  # the pattern switches inside this segment
            done += left
            cut = (x0 + done / seg * (x1 - x0), y0 + done / seg * (y1 - y0))
            if on:
                pieces.append([*current, cut])
            current, on = [cut], not on
            k = (k + 1) % len(lengths)
            left = lengths[k]
        left -= seg - done
        current.append((x1, y1))
    if on and len(current) > 1:
        pieces.append(current)
    return pieces


def legend_entries(fig: dict) -> list[tuple[int, dict]]:
    """(index, trace) of the scatter traces the legend names, one per legend group, in order."""
    found, groups = [], set()
    for i, trace in enumerate(fig["data"]):
        if trace.get("type", "scatter") not in ("scatter", "scatter3d") or not trace.get("name"):
            continue
        group = trace.get("legendgroup") or trace["name"]
        if trace.get("showlegend") is False or trace.get("visible") is False or group in groups:
            continue
        groups.add(group)
        found.append((i, trace))
    return found


def plain(text: str) -> str:
    """A legend name without its HTML (D<sub>θ</sub> -> Dθ)."""
    return re.sub(r"<[^>]+>", "", str(text))


def _ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    raw = (hi - lo) / count
    if not raw > 0:
        return []
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 5, 10) if m * mag >= raw), default=mag * 10)
    return [k * step for k in range(math.ceil(lo / step), math.floor(hi / step) + 1)]


class Painter:
    """Draws one figure dict (data + layout + animation spec) frame by frame."""

    def __init__(self, fig: dict, lang: str = "en", size=(WIDTH, HEIGHT)):
        self.fig, self.lang, self.size = fig, lang, size
        self.spec = fig["animation"]
        self.font, self.big = Typeface(12), Typeface(15)
        self.legend = self._legend_rows()
        self.axes = self._layout_axes()
        self.cache: dict[int, Image.Image] = {}

    def _layout_axes(self) -> dict:
        layout, (w, h) = self.fig.get("layout", {}), self.size
        margin = {"l": 60, "r": 20, "t": 40, "b": 50} | {
            k: v for k, v in (layout.get("margin") or {}).items() if k in "lrtb"
        }
        area = (
            min(margin["l"], 70),
            max(margin["t"], 36),
            w - min(margin["r"], 40),
            h - min(margin["b"], 60) - LEGEND_ROW * len(self.legend),
        )
        pairs: dict[tuple[str, str], list[dict]] = {}
        for trace in self.fig["data"]:
            pairs.setdefault((trace.get("xaxis", "x"), trace.get("yaxis", "y")), []).append(trace)
        axes = {}
        for (xn, yn), traces in pairs.items():
            xa, ya = layout.get(_axis_key(xn), {}), layout.get(_axis_key(yn), {})
            (dx0, dx1), (dy0, dy1) = xa.get("domain", [0, 1]), ya.get("domain", [0, 1])
            gap = 46 if dx0 > 0 else 0
            box = (
                area[0] + gap + dx0 * (area[2] - area[0]),
                area[1] + (1 - dy1) * (area[3] - area[1]) + (24 if dy1 < 1 else 0),
                area[0] + dx1 * (area[2] - area[0]) - (46 if dx1 < 1 else 0),
                area[1] + (1 - dy0) * (area[3] - area[1]) - (40 if dy0 > 0 else 0),
            )
            xs = [decode(t.get("x")) for t in traces if t.get("type") == "scatter" and t.get("x") is not None]
            ys = [decode(t.get("y")) for t in traces if t.get("type") == "scatter" and t.get("y") is not None]
            ranges = (_range(xa, xs, xa.get("type") == "log"), _range(ya, ys, ya.get("type") == "log"))
            axes[(xn, yn)] = Axes(layout, xn, yn, box, ranges)
        return axes

    def _axes_of(self, trace: dict) -> Axes:
        return self.axes[(trace.get("xaxis", "x"), trace.get("yaxis", "y"))]

    def frame(self, position: int) -> Image.Image:
        """The picture at a player position: static layers from the cache, moving traces drawn anew."""
        updates = dict(player.frame_at(self.fig, position, decode))
        image = Image.new("RGBA", self.size, (255, 255, 255, 255))
        self._frame_lines(image)
        for i, trace in enumerate(self.fig["data"]):
            if trace.get("visible") is False:
                continue
            if i in updates:
                layer = self._layer({**trace, **updates[i]}, i)
            else:
                layer = self.cache.get(i) or self.cache.setdefault(i, self._layer(trace, i))
            image.alpha_composite(layer)
        image.alpha_composite(self.cache.get(-1) or self.cache.setdefault(-1, self._legend_layer()))
        self._labels(image, position)
        return image.convert("RGB")

    def _legend_rows(self) -> list[list[tuple[int, dict]]]:
        """The legend's entries packed into rows as wide as the picture."""
        rows: list[list[tuple[int, dict]]] = []
        x = self.size[0]
        for i, trace in legend_entries(self.fig):
            width = 50 + self.font.length(plain(trace["name"]))
            if x + width > self.size[0] - 12:
                rows.append([])
                x = 12
            rows[-1].append((i, trace))
            x += width
        return rows

    def _legend_layer(self) -> Image.Image:
        """The legend under the plot: each entry's line (with its dash) and marker, and its name."""
        layer = Image.new("RGBA", self.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for r, row in enumerate(self.legend):
            x, y = 12.0, self.size[1] - LEGEND_ROW * (len(self.legend) - r) + LEGEND_ROW / 2 - 4
            for i, trace in row:
                x = self.legend_entry(draw, x, y, self._default_colours({**trace, "type": "scatter"}, i))
        return layer

    def legend_entry(self, draw: ImageDraw.ImageDraw, x: float, y: float, trace: dict) -> float:
        """One legend entry at (x, y): a sample of the trace's line and marker, then its name; returns
        where the next entry starts."""
        mode, line = trace.get("mode", "lines+markers"), trace.get("line") or {}
        if "lines" in mode:  # 2 px wide: dashes of 9 px, as plotly's legend draws them
            self._polyline(draw, [(x, y), (x + 36, y)], colour(line["color"]), 2, line.get("dash"))
        if "markers" in mode:
            marker = {**(trace.get("marker") or {}), "size": 10}
            self._markers(draw, np.array([x + 18.0]), np.array([y]), marker, 1.0)
        name = plain(trace["name"])
        self.font.text(draw, (x + 42, y), name, "black", "lm")
        return x + 50 + self.font.length(name)

    def _layer(self, trace: dict, index: int) -> Image.Image:
        layer = Image.new("RGBA", self.size, (0, 0, 0, 0))
        kind, ax = trace.get("type", "scatter"), self._axes_of(trace)
        trace = self._default_colours(trace, index)
        if kind in ("contour", "heatmap"):
            self._grid(layer, trace, ax, kind)
        elif kind == "scatter":
            self._scatter(ImageDraw.Draw(layer), trace, ax)
        return layer

    def _default_colours(self, trace: dict, index: int) -> dict:
        """plotly.js's defaults: a trace's colour from the colorway; markers take the line's colour."""
        if trace.get("type", "scatter") != "scatter":
            return trace
        template = (self.fig.get("layout", {}).get("template") or {}).get("layout", {})
        way = template.get("colorway") or ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A"]
        line, marker = dict(trace.get("line") or {}), dict(trace.get("marker") or {})
        line.setdefault("color", way[index % len(way)])
        marker.setdefault("color", line["color"])
        return {**trace, "line": line, "marker": marker}

    def _grid(self, layer: Image.Image, trace: dict, ax: Axes, kind: str) -> None:
        z = decode(trace.get("z"))
        if z.ndim != 2 or z.size == 0:
            return
        ny, nx = z.shape
        xs = decode(trace["x"]) if trace.get("x") is not None else np.arange(nx, dtype=float)
        ys = decode(trace["y"]) if trace.get("y") is not None else np.arange(ny, dtype=float)
        (px0, px1), (py0, py1) = (ax.px([xs[0], xs[-1]], [ys[0], ys[-1]])[i] for i in range(2))
        left, right, top, bottom = min(px0, px1), max(px0, px1), min(py0, py1), max(py0, py1)
        if kind == "heatmap":  # cells centred on the coordinates
            cx, cy = (right - left) / max(nx - 1, 1) / 2, (bottom - top) / max(ny - 1, 1) / 2
            left, right, top, bottom = left - cx, right + cx, top - cy, bottom + cy
        w, h = max(1, round(right - left)), max(1, round(bottom - top))
        finite = z[np.isfinite(z)]
        if finite.size == 0:
            return
        lo = float(trace.get("zmin", finite.min()))
        hi = float(trace.get("zmax", finite.max()))
        lut = _scale(trace.get("colorscale") or "Viridis")
        flipped = np.where(np.isfinite(z), z, np.nan)[::-1].astype(np.float32)
        resample = Image.Resampling.NEAREST if kind == "heatmap" else Image.Resampling.BILINEAR
        zz = np.asarray(Image.fromarray(flipped, mode="F").resize((w, h), resample))
        if kind == "heatmap":
            index = np.clip((zz - lo) / ((hi - lo) or 1) * 255, 0, 255)
            rgba = lut[np.nan_to_num(index).astype(int)]
        else:
            rgba = self._bands(trace, zz, lo, hi, lut)
        rgba[~np.isfinite(zz)] = 0
        tile = Image.fromarray(rgba, "RGBA")
        x0, y0 = int(round(left)), int(round(top))
        # keep to the axes' box: a grid larger than the window is cut at its edges
        bl, bt, br, bb = (int(round(v)) for v in ax.box)
        crop = (max(0, bl - x0), max(0, bt - y0), min(w, br - x0), min(h, bb - y0))
        if crop[2] > crop[0] and crop[3] > crop[1]:
            layer.alpha_composite(tile.crop(crop), (x0 + crop[0], y0 + crop[1]))

    def _bands(self, trace: dict, zz: np.ndarray, lo: float, hi: float, lut: np.ndarray) -> np.ndarray:
        """Filled bands between contour levels, or only their edges (coloring "lines")."""
        spec = trace.get("contours") or {}
        if "start" in spec and "end" in spec:
            size = float(spec.get("size") or 1)
            levels = np.arange(float(spec["start"]), float(spec["end"]) + size / 2, size)
        else:
            levels = np.linspace(lo, hi, int(trace.get("ncontours", 15)) + 1)[1:-1]
        band = np.digitize(np.nan_to_num(zz, nan=lo), levels)
        centres = np.linspace(0, 255, len(levels) + 1).round().astype(int)
        rgba = lut[centres[band]].copy()
        edge = np.zeros(zz.shape, bool)
        edge[1:, :] |= band[1:, :] != band[:-1, :]
        edge[:, 1:] |= band[:, 1:] != band[:, :-1]
        line = trace.get("line") or {}
        width = float(line.get("width", 1) or 0)
        if width >= 1.5:  # thick lines (a decision boundary): one more pixel on each side
            edge[1:, :] |= edge[:-1, :]
            edge[:, 1:] |= edge[:, :-1]
        coloring = spec.get("coloring", "fill")
        if coloring == "lines":
            rgba[~edge] = 0
            if line.get("color"):
                rgba[edge] = colour(line["color"])
        elif spec.get("showlines", True) and width > 0:
            rgba[edge] = _over(rgba[edge], colour(line.get("color", "rgba(0,0,0,0.4)")))
        return rgba

    def _scatter(self, draw: ImageDraw.ImageDraw, trace: dict, ax: Axes) -> None:
        xs, ys = decode(trace.get("x")), decode(trace.get("y"))
        n = min(len(xs), len(ys))
        if n == 0:
            return
        px, py = ax.px(xs[:n], ys[:n])
        mode, opacity = trace.get("mode", "lines+markers"), float(trace.get("opacity", 1))
        line, marker = trace.get("line") or {}, trace.get("marker") or {}
        if "lines" in mode:
            self.lines(draw, px, py, line, opacity)
        if "markers" in mode and float(marker.get("opacity", 1)) > 0:
            self._markers(draw, px, py, marker, opacity)
        if "text" in mode and trace.get("text") is not None:
            font = trace.get("textfont") or {}
            for x, y, text in zip(px, py, np.ravel(trace["text"]), strict=False):
                if np.isfinite(x) and np.isfinite(y):
                    fill = colour(font.get("color", "black"))
                    self.font.text(draw, (float(x), float(y)), str(text), fill, "mm")

    def lines(self, draw: ImageDraw.ImageDraw, px, py, line: dict, opacity: float = 1.0) -> None:
        """A trace's line through the pixels (px, py), broken where a point is missing, in its colour, width
        and dash."""
        width = max(1, round(float(line.get("width", 2))))
        fill = colour(line.get("color", "#1f77b4"), opacity)
        run: list[tuple[float, float]] = []
        for x, y in zip(px, py, strict=True):
            if np.isfinite(x) and np.isfinite(y) and abs(x) < 1e5 and abs(y) < 1e5:
                run.append((float(x), float(y)))
                continue
            self._polyline(draw, run, fill, width, line.get("dash"))
            run = []
        self._polyline(draw, run, fill, width, line.get("dash"))

    @staticmethod
    def _polyline(draw, points, fill, width: int, dash: str | None = None) -> None:
        for piece in dash_pieces(points, dash or "solid", width):
            if len(piece) > 1:
                draw.line(piece, fill=fill, width=width, joint="curve")

    def _markers(self, draw, px, py, marker: dict, opacity: float) -> None:
        sizes = np.broadcast_to(np.asarray(marker.get("size", 6), float), px.shape)
        colours = marker.get("color", "#1f77b4")
        colours = colours if isinstance(colours, list) else [colours] * len(px)
        rim = marker.get("line") or {}
        alpha = opacity * float(marker.get("opacity", 1))
        symbol = str(marker.get("symbol", "circle"))
        for x, y, size, c in zip(px, py, sizes, colours, strict=False):
            if not (np.isfinite(x) and np.isfinite(y)):
                continue
            r = max(1.5, float(size) / 2)
            box = (x - r, y - r, x + r, y + r)
            fill = colour(c, alpha)
            outline = colour(rim["color"], alpha) if rim.get("color") and rim.get("width") else None
            rim_width = max(1, round(float(rim.get("width", 0) or 0)))
            if symbol == "x":
                draw.line((x - r, y - r, x + r, y + r), fill=fill, width=3)
                draw.line((x - r, y + r, x + r, y - r), fill=fill, width=3)
            elif symbol.endswith("-open"):
                draw.ellipse(box, outline=fill, width=max(2, rim_width))
            elif symbol == "star":
                draw.polygon(_star(x, y, r * 1.3), fill=fill, outline=outline)
            elif symbol in ("square", "diamond"):
                turn = 45 if symbol == "diamond" else 0  # Pillow's square stands on a side at rotation 0
                draw.regular_polygon((x, y, r * 1.3), 4, rotation=turn, fill=fill, outline=outline)
            else:
                draw.ellipse(box, fill=fill, outline=outline, width=rim_width if outline else 0)

    def _frame_lines(self, image: Image.Image) -> None:
        draw = ImageDraw.Draw(image)
        for ax in self.axes.values():
            left, top, right, bottom = ax.box
            draw.rectangle(
                (left, top, right, bottom), outline=(210, 210, 210, 255), fill=(229, 236, 246, 255)
            )
            for name, axis, lo_hi, log in (("x", ax.x, ax.xr, ax.xlog), ("y", ax.y, ax.yr, ax.ylog)):
                ticks = _ticks(*lo_hi)
                if log:  # decades only: 0.1, 1, 10, not 10^0.5
                    ticks = list(range(math.ceil(lo_hi[0]), math.floor(lo_hi[1]) + 1))
                for v in ticks:
                    label = f"{10**v:g}" if log else f"{v:g}"
                    if name == "x":
                        x = left + (v - lo_hi[0]) / (lo_hi[1] - lo_hi[0]) * (right - left)
                        draw.line((x, bottom, x, bottom + 4), fill=(120, 120, 120, 255))
                        self.font.text(draw, (x, bottom + 6), label, (60, 60, 60, 255), "mt")
                    else:
                        y = bottom - (v - lo_hi[0]) / (lo_hi[1] - lo_hi[0]) * (bottom - top)
                        draw.line((left - 4, y, left, y), fill=(120, 120, 120, 255))
                        self.font.text(draw, (left - 6, y), label, (60, 60, 60, 255), "rm")
                title = _title(axis)
                if title and name == "x":
                    self.font.text(draw, ((left + right) / 2, bottom + 22), title, "black", "mt")
                elif title:
                    self.font.text(draw, (left, top - 4), title, "black", "lb")

    def _labels(self, image: Image.Image, position: int) -> None:
        spec, draw = self.spec, ImageDraw.Draw(image)
        step = spec["indices"][position] if spec["kind"] == "frames" else position
        text = spec["labels"]["label"].format(k=step, n=spec["last"])
        # top right, clear of the axis titles drawn top left of each plot
        left = self.size[0] - 16 - self.big.length(text)
        draw.rectangle((left - 4, 6, self.size[0] - 8, 28), fill=(255, 255, 255, 230))
        self.big.text(draw, (left, 8), text, "black")


def _star(x: float, y: float, r: float) -> list[tuple[float, float]]:
    """A five-pointed star round (x, y), a point up: outer radius r, inner 0.45 r."""
    return [
        (x + k * math.sin(a), y - k * math.cos(a))
        for i in range(10)
        for a, k in ((i * math.pi / 5, r if i % 2 == 0 else 0.45 * r),)
    ]


def _title(axis: dict) -> str:
    title = axis.get("title")
    return str(title.get("text") or "") if isinstance(title, dict) else str(title or "")


def _over(under: np.ndarray, top: tuple[int, int, int, int]) -> np.ndarray:
    """`top` (RGBA) painted over the RGBA pixels `under`."""
    a = top[3] / 255
    out = under.astype(float)
    out[:, :3] = out[:, :3] * (1 - a) + np.array(top[:3], float) * a
    return out.round().astype(np.uint8)


def painter_for(fig: dict, lang: str = "en", size=(WIDTH, HEIGHT)) -> Painter:
    """The 3-D painter for a figure with a surface, the 2-D one otherwise."""
    if any(trace.get("type") == "surface" for trace in fig["data"]):
        # imported when used: the 3-D painter builds on this module
        from core.figures import gif_surface

        return gif_surface.SurfacePainter(fig, lang, size)
    return Painter(fig, lang, size)


def frames(fig: dict, lang: str = "en", size=(WIDTH, HEIGHT)) -> list[Image.Image]:
    """The pictures of the frames the player plays, in order."""
    painter = painter_for(fig, lang, size)
    return [painter.frame(pos) for pos in player.play_order(fig["animation"])]


def gif_bytes(fig: dict, lang: str = "en", size=(WIDTH, HEIGHT)) -> bytes:
    """The animated GIF (one frame per played frame, at the player's default speed, looping)."""
    pictures = frames(fig, lang, size)
    # One palette for every frame (from the last, which shows every path): no flicker between frames.
    palette = pictures[-1].quantize(colors=255, method=Image.Quantize.MEDIANCUT)
    indexed = [p.quantize(palette=palette, dither=Image.Dither.NONE) for p in pictures]
    out = io.BytesIO()
    period = fig["animation"].get("frame_ms", player.FRAME_MS)
    durations = [period] * (len(indexed) - 1) + [1500]  # hold the last frame a moment
    indexed[0].save(out, "GIF", save_all=True, append_images=indexed[1:], duration=durations, loop=0)
    return out.getvalue()
