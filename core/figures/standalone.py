"""A figure with an animation spec as one standalone HTML page: opens offline from a file.

plotly.js is inlined (from the installed plotly package) and so is the app's own player
(ui/plotly_player.js, the same code as in the app): frames are painted with Plotly.react, so the level
sets stay on screen while it plays, at the app's speed. Nothing is fetched at run time.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from plotly.offline import get_plotlyjs

UI = Path(__file__).resolve().parents[2] / "ui"
PLAYER_JS = UI / "plotly_player.js"
CSS = UI / "plotly_component.css"

BOOT = """
(async function () {
  const fig = JSON.parse(document.getElementById("pc-figure").textContent);
  const root = document.querySelector(".pc-root");
  const st = { root, plot: root.querySelector(".pc-plot"), pump: pumpFrames };
  st.player = makePlayer(st);
  root.prepend(st.player.bar);
  root.append(st.player.live);
  await Plotly.newPlot(st.plot, fig.data, fig.layout, { responsive: true, displaylogo: false });
  playerArm(st, fig);
  document.body.dataset.ready = "1";
})();
"""


def page(fig: dict, lang: str = "en", title: str = "Gradient descent") -> str:
    """The page's HTML text. `fig` is a JSON-ready figure dict (with `animation` for the player)."""
    figure = {k: fig[k] for k in ("data", "layout", "animation", "frames") if k in fig}
    # Inside <script type="application/json"> only "</" could end the element early.
    payload = json.dumps(figure, allow_nan=False).replace("</", "<\\/")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
            f"<style>body {{ margin: 16px; }}\n{CSS.read_text(encoding='utf-8')}</style>",
            "</head><body>",
            '<div class="pc-root"><div class="pc-plot"></div></div>',
            f'<script type="application/json" id="pc-figure">{payload}</script>',
            f"<script>{get_plotlyjs()}</script>",
            f"<script>{PLAYER_JS.read_text(encoding='utf-8')}\n{BOOT}</script>",
            "</body></html>",
        ]
    )
