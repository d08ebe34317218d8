"""Download buttons for an animated figure: the standalone HTML page (the same player, offline) and the GIF
for slides, drawn from the frames the player plays."""

from __future__ import annotations

from collections.abc import Callable

from core.figures import gif, standalone
from ui.text import lang, t


def gif_button(where, figure: Callable[[], dict], file_name: str, *, key: str) -> None:
    """A button that downloads `figure()`'s animation as a GIF (made only when clicked)."""
    language = lang()
    where.download_button(
        t("player.gif"),
        lambda: gif.gif_bytes(figure(), language),
        file_name,
        "image/gif",
        on_click="ignore",
        key=key,
        help=t("player.gif_help"),
    )


def html_button(where, figure: Callable[[], dict], file_name: str, *, key: str) -> None:
    """A button that downloads `figure()` as a standalone page with plotly.js and the player inlined."""
    language = lang()
    where.download_button(
        t("player.html"),
        lambda: standalone.page(figure(), language),
        file_name,
        "text/html",
        on_click="ignore",
        key=key,
        help=t("player.html_help"),
    )
