"""Page-wide accessibility fixes that no single widget can make: Streamlit's faint text brought to WCAG 2.1 AA
contrast, formulas too wide for their column made reachable by keyboard, and the accessible names Streamlit
writes in English (the skip link, the help icons) in the page's language. app.py calls `apply()` per run."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.text import t

HERE = Path(__file__).parent
_CSS = (HERE / "accessibility.css").read_text(encoding="utf-8")
_fixer = st.components.v2.component(
    "accessibility", html="", js=(HERE / "accessibility.js").read_text(encoding="utf-8"), isolate_styles=False
)


def apply() -> None:
    st.html(f"<style>\n{_CSS}</style>")
    data = {
        "formula": t("a11y.formula"),
        "skip": t("widget.skip"),
        # the browser puts each widget's label in place of {label}
        "helpFor": t("widget.help_for", label="{label}"),
        "help": t("widget.help"),
    }
    _fixer(key="accessibility", data=data)
