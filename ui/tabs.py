"""Lazy tabs: only the open tab's panel runs.

A panel in a closed tab still costs a rerun its server time and the browser its rendering (a drag on
the level-set canvas redrew a dial chart and a warm-up chart nobody could see): with `on_change="rerun"`
a click on a tab reruns the page and only the open panel is built.

The tab to open first (a link's `tab=`) is written into the widget's session state, never passed as
`st.tabs(default=...)`: the default is part of the widget's identity, so a default that followed the
open tab gave the tabs a new identity after every switch, and the click after a switch went to the old
widget and was lost (on the 3-D view, every second tab click did nothing).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def lazy_tabs(
    panels: dict[str, Callable[[], object]], labels: dict[str, str], key: str, first: str | None = None
) -> str:
    """Show one tab per panel (labelled `labels[name]`) and run the open one; return its name.

    `first` names the tab open when the widget is new (first run, or the language changed its labels).
    """
    by_label = {labels[name]: name for name in panels}
    opened = opening(labels, key, first)
    tabs = st.tabs(list(by_label), key=key, on_change="rerun")
    for tab, name in zip(tabs, panels, strict=True):
        if tab.open:
            opened = name
            with tab:
                panels[name]()
    return opened


def opening(labels: dict[str, str], key: str, first: str | None = None) -> str:
    """The name of the tab this run opens (a page may ask before drawing the tabs, to show only the
    controls that act on it); `first` when the tabs are new."""
    by_label = {label: name for name, label in labels.items()}
    if st.session_state.get(key) not in by_label:
        st.session_state[key] = labels[first if first in labels else next(iter(labels))]
    return by_label[st.session_state[key]]
