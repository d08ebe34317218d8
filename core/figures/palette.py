"""Colours and line styles for the things students must tell apart: descent paths, the ∇f arrow, the classes.

Okabe and Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/), chosen so that the default race
(sgd, momentum, adam) and the ∇f arrow stay far apart under deuteranopia and protanopia (a unit test
simulates both with Machado et al. 2009). Colour is never the only cue: each optimizer also has its own
dash and marker symbol, the two classes their own marker shapes, and the legend names them all.
"""

from __future__ import annotations

import dataclasses

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"


@dataclasses.dataclass(frozen=True)
class PathStyle:
    colour: str
    dash: str  # a dash name that 2-D and 3-D traces both accept
    symbol: str  # a marker symbol that 2-D and 3-D traces both accept


PATHS = {
    "sgd": PathStyle(VERMILLION, "solid", "circle"),
    "momentum": PathStyle(SKY_BLUE, "dash", "square"),
    "adam": PathStyle(YELLOW, "dot", "diamond"),
    "nesterov": PathStyle(BLUISH_GREEN, "dashdot", "cross"),
    "adagrad": PathStyle(REDDISH_PURPLE, "longdash", "x"),
    "rmsprop": PathStyle(ORANGE, "longdashdot", "circle-open"),
    "newton": PathStyle(BLUE, "solid", "square-open"),
}
OTHER_PATH = PathStyle(BLACK, "solid", "diamond-open")
# Drawn over the paths' start: black stands apart from every default path colour, in every vision.
GRADIENT_ARROW = BLACK
CLASSES = {-1.0: (BLUE, "circle"), 1.0: (ORANGE, "diamond")}
# Class regions: the class colours, faint.
REGIONS = [[0.0, "rgba(0,114,178,0.16)"], [1.0, "rgba(230,159,0,0.18)"]]


def path_style(optimizer: str) -> PathStyle:
    return PATHS.get(optimizer, OTHER_PATH)


def path_line(optimizer: str, width: float) -> dict:
    """A path's `line` (colour and dash) for a 2-D or 3-D trace."""
    style = path_style(optimizer)
    return {"color": style.colour, "width": width, "dash": style.dash}


def path_marker(optimizer: str, size: float) -> dict:
    style = path_style(optimizer)
    return {"color": style.colour, "size": size, "symbol": style.symbol}
