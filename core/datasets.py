"""Seeded 2-D classification datasets (labels +1 / -1) and CSV upload with validation.

Every dataset is a clean shape plus Gaussian jitter of standard deviation `noise`, drawn from
`numpy.random.default_rng(seed)`, so the same (name, n, noise, seed) always gives the same points.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable

import numpy as np

MAX_UPLOAD_BYTES = 200_000  # a 2-column CSV of MAX_POINTS rows is far below this
MAX_POINTS = 2_000
MAX_COORDINATE = 1e6  # beyond this the plots' windows and the classifiers' features lose all detail


class DatasetError(ValueError):
    """Bad user data; `key` names the catalogue message, `values` fill its placeholders."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


def _halves(n: int) -> tuple[int, int]:
    return n // 2, n - n // 2


def _disk(rng, n: int, radius: float) -> np.ndarray:
    """n points uniform over a disk (sqrt keeps the density uniform in area)."""
    r = radius * np.sqrt(rng.random(n))
    t = 2 * np.pi * rng.random(n)
    return np.column_stack([r * np.cos(t), r * np.sin(t)])


def clusters(rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two separable blobs (figure 3.1a, car vs giraffe): a line separates them."""
    n_neg, n_pos = _halves(n)
    neg = _disk(rng, n_neg, 1.0) + (-1.25, -1.25)
    pos = _disk(rng, n_pos, 1.0) + (1.25, 1.25)
    return np.vstack([neg, pos]), np.r_[-np.ones(n_neg), np.ones(n_pos)]


def ring(rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    """One class inside a ring of the other (figure 3.1b, horse vs zebra): a circle separates them."""
    n_in, n_out = _halves(n)
    inner = _disk(rng, n_in, 0.8)
    r = rng.uniform(1.8, 2.4, n_out)
    t = 2 * np.pi * rng.random(n_out)
    outer = np.column_stack([r * np.cos(t), r * np.sin(t)])
    return np.vstack([inner, outer]), np.r_[-np.ones(n_in), np.ones(n_out)]


def moons(rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half-moons (figure 3.2): neither a line nor a circle separates them."""
    n_neg, n_pos = _halves(n)
    t0, t1 = np.pi * rng.random(n_neg), np.pi * rng.random(n_pos)
    neg = np.column_stack([np.cos(t0), np.sin(t0)])
    pos = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    return 1.6 * (np.vstack([neg, pos]) - (0.5, 0.25)), np.r_[-np.ones(n_neg), np.ones(n_pos)]


def spirals(rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spirals: a boundary only a flexible model can follow."""
    n_neg, n_pos = _halves(n)

    def arm(m: int, phase: float) -> np.ndarray:
        s = np.sqrt(rng.random(m))  # more points further out, where the arm is longer
        t = 3 * np.pi * s + phase
        return np.column_stack([2.8 * s * np.cos(t), 2.8 * s * np.sin(t)])

    return np.vstack([arm(n_neg, 0.0), arm(n_pos, np.pi)]), np.r_[-np.ones(n_neg), np.ones(n_pos)]


DATASETS: dict[str, Callable] = {"clusters": clusters, "ring": ring, "moons": moons, "spirals": spirals}


def make(name: str, n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(X of shape (n, 2), y in {-1, +1}) for the dataset `name`, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    X, y = DATASETS[name](rng, int(n))
    return X + noise * rng.standard_normal(X.shape), y


def _label(text: str) -> float:
    value = float(text)
    if value in (1.0,):
        return 1.0
    if value in (0.0, -1.0):  # both 0/1 and -1/+1 conventions are common in CSV files
        return -1.0
    raise ValueError(text)


def load_csv(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(X, y) from CSV bytes `x1,x2,label` (optional header; labels 1 and 0 or -1).

    Raises DatasetError with a catalogue key on anything malformed, too large or with fewer than two classes.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise DatasetError("decision_boundaries.csv_too_big", limit=MAX_UPLOAD_BYTES // 1000)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DatasetError("decision_boundaries.csv_not_text") from err
    rows = _rows(text)
    if rows and rows[0][1] and not _is_number(rows[0][1][0]):
        rows = rows[1:]  # a header line such as x1,x2,label
    if not rows:  # an empty file, a header alone, or one line of something else (JSON, say)
        raise DatasetError("decision_boundaries.csv_empty")
    if len(rows) > MAX_POINTS:
        raise DatasetError("decision_boundaries.csv_too_many", limit=MAX_POINTS)
    X, y = [], []
    for line, row in rows:
        x1, x2, label = _row(line, row)
        X.append((x1, x2))
        y.append(label)
    if len(set(y)) < 2:
        raise DatasetError("decision_boundaries.csv_one_class")
    return np.asarray(X, dtype=float), np.asarray(y, dtype=float)


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """The non-blank records of a CSV text, each with the file's own number of the line it starts on.

    Any error of the csv module (a field over its 131,072-character limit after an unclosed quote, a NUL
    byte) becomes one DatasetError naming that line.
    """
    reader = csv.reader(io.StringIO(text))
    rows = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as err:
            raise DatasetError("decision_boundaries.csv_unreadable", line=line) from err
        if any(cell.strip() for cell in row):
            rows.append((line, row))


def _row(line: int, row: list[str]) -> tuple[float, float, float]:
    """(x1, x2, label) of one record; DatasetError naming the line when it is not one."""
    try:
        if len(row) != 3:
            raise ValueError(row)
        x1, x2, label = float(row[0]), float(row[1]), _label(row[2].strip())
    except ValueError as err:
        raise DatasetError("decision_boundaries.csv_bad_row", line=line) from err
    if not (np.isfinite(x1) and np.isfinite(x2)):
        raise DatasetError("decision_boundaries.csv_bad_row", line=line)
    if max(abs(x1), abs(x2)) > MAX_COORDINATE:
        raise DatasetError("decision_boundaries.csv_out_of_range", line=line, limit=f"{MAX_COORDINATE:,.0f}")
    return x1, x2, label


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def add_point(X: np.ndarray, y: np.ndarray, point: tuple[float, float], label: float):
    """(X, y) with one more point of class `label`; refuses past MAX_POINTS."""
    if len(X) >= MAX_POINTS:
        raise DatasetError("decision_boundaries.too_many_points", limit=MAX_POINTS)
    return np.vstack([X, np.asarray(point, dtype=float)[None, :]]), np.r_[y, float(label)]


def empty() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros((0, 2)), np.zeros(0)


def fingerprint(X: np.ndarray, y: np.ndarray) -> str:
    """A short stable name of a dataset's content, so trained runs can be looked up by their data."""
    return hashlib.md5(
        np.ascontiguousarray(X, float).tobytes() + np.ascontiguousarray(y, float).tobytes()
    ).hexdigest()


def combine(generated, upload=None, extra=None):
    """(X, y) the page works on: the uploaded data if any, else the generated set; then the clicked points."""
    X, y = upload[-2:] if upload else generated
    extra_X, extra_y = extra if extra is not None else empty()
    return np.vstack([X, extra_X]), np.r_[y, extra_y]
