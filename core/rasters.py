"""Rasterisation (section 3.1.1): an image of H x W pixels read row by row becomes a vector of H*W numbers."""

from __future__ import annotations

import numpy as np

# Built-in 8x8 pictures, '#' = ink (1), '.' = paper (0).
PICTURES: dict[str, tuple[str, ...]] = {
    "smiley": (
        "..####..",
        ".#....#.",
        "#.#..#.#",
        "#......#",
        "#.#..#.#",
        "#..##..#",
        ".#....#.",
        "..####..",
    ),
    "heart": (
        "........",
        ".##..##.",
        "########",
        "########",
        ".######.",
        "..####..",
        "...##...",
        "........",
    ),
    "letter_a": (
        "...##...",
        "..#..#..",
        ".#....#.",
        ".#....#.",
        ".######.",
        ".#....#.",
        ".#....#.",
        "........",
    ),
    "arrow": (
        "...#....",
        "..##....",
        ".#######",
        "########",
        ".#######",
        "..##....",
        "...#....",
        "........",
    ),
}


def picture(name: str) -> np.ndarray:
    """The built-in picture `name` as an (8, 8) array of 0/1."""
    return np.array([[1 if ch == "#" else 0 for ch in row] for row in PICTURES[name]], dtype=int)


def raster(image: np.ndarray) -> np.ndarray:
    """The row-major vector of an image: pixel (row i, column j) goes to index i * W + j."""
    return np.asarray(image).reshape(-1)


def index_of(row: int, col: int, width: int) -> int:
    return row * width + col


def pixel_of(index: int, width: int) -> tuple[int, int]:
    """(row, column) of vector element `index` (the inverse of index_of)."""
    return divmod(int(index), width)


def vector_length(height: int, width: int, channels: int = 1) -> int:
    """Number of elements of the rasterised image: 224 x 224 -> 50,176 (one channel)."""
    return int(height) * int(width) * int(channels)
