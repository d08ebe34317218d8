"""Download buttons for an animated figure: the standalone HTML page (the same player, offline) and the GIF
for slides, drawn from the frames the player plays."""

from __future__ import annotations

from collections.abc import Callable

from core.figures import gif, standalone
from ui.text import lang, t

# format -> what makes the file from the figure and the language, and its MIME type
FORMATS: dict[str, tuple[Callable[[dict, str], object], str]] = {
    "html": (standalone.page, "text/html"),
    "gif": (gif.gif_bytes, "image/gif"),
}


def animation_button(where, kind: str, figure: Callable[[], dict], file_name: str, *, key: str) -> None:
    """A button that downloads `figure()`'s animation as `kind` ("html": a standalone page with plotly.js
    and the player inlined; "gif": for slides), made only when clicked."""
    make, mime = FORMATS[kind]
    language = lang()
    where.download_button(
        t(f"player.{kind}"),
        lambda: make(figure(), language),
        file_name,
        mime,
        on_click="ignore",
        key=key,
        help=t(f"player.{kind}_help"),
    )
