"""Helpers shared by the AppTest page tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """What a click on a lazy tab does (only the open tab runs). AppTest has no tab widget; its stored
    tab value wins once over a session-state write after an earlier switch, so the write is repeated then."""
    for _ in range(2):
        at.session_state[key] = label
        if at.run().session_state[key] == label:
            return at
    raise AssertionError(f"tab {label} did not open")
