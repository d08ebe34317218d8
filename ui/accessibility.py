"""Page-wide accessibility fixes that no single widget can make: Streamlit's faint text brought to WCAG 2.1 AA
contrast, and formulas too wide for their column made reachable by keyboard. app.py calls `apply()` per run."""

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
    _fixer(key="accessibility", data={"formula": t("a11y.formula"), "skip": t("widget.skip")})
