"""Helpers shared by the AppTest page tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def run_page(path: str, timeout: float = 60, **query) -> AppTest:
    """The page at `path` run once with `query` as its link's query string."""
    at = AppTest.from_file(path, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """What a click on a lazy tab does (only the open tab runs). AppTest has no tab widget; its stored
    tab value wins once over a session-state write after an earlier switch, so the write is repeated then."""
    for _ in range(2):
        at.session_state[key] = label
        if at.run().session_state[key] == label:
            return at
    raise AssertionError(f"tab {label} did not open")


def canvases(at: AppTest) -> list[dict]:
    """The data given to each canvas component (ui.plotly_component) anywhere in the page, in page order:
    {"figure": ..., "key": ..., ...} from the component's proto."""
    import json

    found = []

    def walk(node) -> None:
        if getattr(node, "type", "") == "bidi_component" or "bidi" in type(node).__name__.lower():
            found.append(json.loads(node.proto.json))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found
