"""Presenter mode and hidden controls, for a teacher in front of a class.

`?present=1` enlarges the type and thickens plotted lines for a projector, and collapses the sidebar;
`?hide=lr,opt` hides the named controls, so that a shared link is a locked-down exercise whose values
still come from the URL. Both are a style sheet: Streamlit gives every keyed widget the class
`st-key-<key>`, so no page changes. Only keys from the views' tables (`ui.views`) are ever written into the style
sheet: an unknown or hostile `hide` name is dropped, it cannot inject CSS.

Streamlit's navigation clears the query string, so `keep()` remembers the app's keys (`lang`,
`present`, `hide`) for the session and puts them back on every page.
"""

from __future__ import annotations

import streamlit as st

from ui.state import APP_KEYS
from ui.views import VIEWS

# Streamlit sizes text, headings and spacing in rem: one root size scales them all. Figures size their text
# in px and are scaled by the same factor in Python (`core.figures.presentation`, through ui.charts).
FACTOR = 1.3
ROOT_FONT = f"{FACTOR:.0%}"


# A phone's width: Streamlit stacks columns on a screen this narrow (ui.charts's phone rules use it too)
PHONE_WIDTH = 640

# Page url path -> {URL field: keys of the widgets that set it}, derived from each view's settings table.
CONTROLS = {name: view.widget_keys() for name, view in VIEWS.items()}

# The canvas's player is plain HTML sized in px (ui/plotly_component.css): it grows by the same factor.
PRESENT_CSS = (
    f"html {{ font-size: {ROOT_FONT}; }}\n"
    # Streamlit's 6rem above the title, and a title of 2.75rem in 1.25rem of padding: a projected plot needs
    # the height more, so the title keeps the size it has off the projector
    "[data-testid=stMainBlockContainer] { padding-top: 4rem; }\n"
    f"[data-testid=stMain] h1 {{ font-size: {2.75 / FACTOR:.3f}rem; padding: 0; }}\n"
    f".pc-player {{ font-size: {13 * FACTOR:g}px !important; }}\n"
    f".pc-player button {{ font-size: {14 * FACTOR:g}px !important; height: {30 * FACTOR:g}px !important;"
    f" min-width: {34 * FACTOR:g}px !important; }}\n"
    f".pc-player input[type=range] {{ height: {16 * FACTOR:g}px; }}\n"
)


def stage_css(keys) -> str:
    """Rules that draw the main plot (the chart, or keyed container, named by one of `keys`, with its data-table
    toggle) right under the page's title, the rest of the page below it in its own order.

    Streamlit lays out every block as a flex column, so `order` moves the element, then each block that holds
    it, to the top of the enclosing block: inside a tab the plot goes above the tab's controls, on the page the
    tabs go above the intro. Columns keep their places side by side; stacked on a phone, the plot's comes
    first. The DOM keeps its order, so nothing reruns and the plain page is untouched.
    """
    if not keys:
        return ""
    own = ", ".join(f".st-key-{key}, .st-key-{key}_table" for key in keys)
    block = "[data-testid=stVerticalBlock] >"
    return (
        f"{block} :is({own}), {block} :has({own}) {{ order: -1; }}\n"
        f"[data-testid=stMainBlockContainer] > {block} :has(h1) {{ order: -2; }}\n"
        f"@media (max-width: {PHONE_WIDTH}px) {{ [data-testid=stHorizontalBlock] > :has({own}) {{ order: -1; }} }}\n"
    )


def keep() -> None:
    """Remember the URL's app keys for this session; put back those that a change of page dropped."""
    kept = st.session_state.setdefault("app_keys", {})
    for key in APP_KEYS:
        if key in st.query_params:
            kept[key] = st.query_params[key]
        elif key in kept:
            st.query_params[key] = kept[key]


def presenting() -> bool:
    return st.query_params.get("present", "") in ("1", "true")


def hidden() -> list[str]:
    """The names in the URL's `hide` (comma-separated, as written: only table names take effect)."""
    return [name.strip() for name in st.query_params.get("hide", "").split(",") if name.strip()]


def hidden_keys(url_path: str, names) -> list[str]:
    """Widget keys to hide on a page for the given URL field names; unknown names are ignored."""
    controls = CONTROLS.get(url_path, {})
    return [key for name in dict.fromkeys(names) for key in controls.get(name, ())]


def style(url_path: str, present: bool, names) -> str:
    """The style sheet for a page: presenter sizes and the main plot first if `present`, then one rule hiding
    the named controls."""
    selectors = ", ".join(f".st-key-{key}" for key in hidden_keys(url_path, names))
    hide = f"{selectors} {{ display: none !important; }}\n" if selectors else ""
    view = VIEWS.get(url_path)
    return (PRESENT_CSS + stage_css(view.stage if view else ()) if present else "") + hide


def apply(url_path: str) -> None:
    """Add this page's style sheet (nothing when neither mode is asked for)."""
    if css := style(url_path, presenting(), hidden()):
        st.html(f"<style>\n{css}</style>")
