"""A swipe on a chart scrolls the page on a touch screen: one small browser script for every view.

`st.plotly_chart` draws plotly.js charts whose touchstart handler starts a zoom box and cancels the
page's scroll, so a student on a phone could not scroll past a plot. `guard()` (called once per run by
app.py) mounts a Components v2 element without UI whose script (`touch_guard.js`) keeps one-finger
touches on those charts for the page; see the script for what plotly keeps.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_JS = (Path(__file__).parent / "touch_guard.js").read_text(encoding="utf-8")
_component = st.components.v2.component("touch_guard", html="", js=_JS)


def guard() -> None:
    """Mount the touch guard (it registers its listener once per browser window)."""
    with st.sidebar:
        _component(key="touch_guard")
