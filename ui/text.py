"""The current language (from the URL's `lang`) and catalogue look-ups in it."""

from __future__ import annotations

import re

import streamlit as st

from core import i18n


def lang() -> str:
    value = st.query_params.get("lang", "en")
    return value if value in i18n.LANGUAGES else "en"


def t(key: str, **values) -> str:
    """Catalogue text for `key` in the page's language."""
    return i18n.t(key, lang(), **values)


def literal(text: str) -> str:
    """`text` (a file name, say) shown exactly as typed inside catalogue markdown: as inline code, which
    markdown, LaTeX, autolinks and Streamlit's :red[...] leave alone (the fence outruns any backticks in it)."""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"
