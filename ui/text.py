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


# Streamlit's own widget text that no parameter sets (the file uploader's button and its size line), put in
# the page's language by a style sheet: the English text is sized to nothing and the catalogue's text drawn
# in its place (screen readers read generated content too). English needs no sheet.
_DROPZONE = "[data-testid=stFileUploaderDropzone]"
_INSTRUCTIONS = "[data-testid=stFileUploaderDropzoneInstructions] span"


def _replace(selector: str, text: str, size: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"{selector} {{ font-size: 0 !important; }}\n"
        f'{selector}::after {{ content: "{quoted}"; font-size: {size}; }}\n'
    )


def widget_text_css() -> str:
    """The style sheet that translates Streamlit's built-in uploader text ("" in English)."""
    if lang() == "en":
        return ""
    limit = st.get_option("server.maxUploadSize")
    return (
        _replace(f"{_DROPZONE} button [data-testid=stMarkdownContainer] p", t("widget.upload"), "1rem")
        + _replace(_INSTRUCTIONS, t("widget.upload_limit", mb=limit), "0.875rem")
        # the app's one uploader takes CSV files only (pages/decision_boundaries.py, key db_file)
        + _replace(f".st-key-db_file {_INSTRUCTIONS}", t("widget.upload_limit_csv", mb=limit), "0.875rem")
    )
