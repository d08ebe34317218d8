"""Lazy tabs: only the open tab's panel runs.

A panel in a closed tab still costs a rerun its server time and the browser its rendering (a drag on
the level-set canvas redrew a dial chart and a warm-up chart nobody could see): with `on_change="rerun"`
a click on a tab reruns the page and only the open panel is built.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def lazy_tabs(panels: dict[str, Callable[[], object]], labels: dict[str, str], key: str) -> str:
    """Show one tab per panel (labelled `labels[name]`) and run the open one; return its name."""
    by_label = {labels[name]: name for name in panels}
    if st.session_state.get(key) not in by_label:  # first run, or the language changed the labels
        st.session_state.pop(key, None)
    tabs = st.tabs(list(by_label), key=key, on_change="rerun")
    opened = next(iter(panels))
    for tab, name in zip(tabs, panels, strict=True):
        if tab.open:
            opened = name
            with tab:
                panels[name]()
    return opened
