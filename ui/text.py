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


# Streamlit's own widget text that no parameter sets (the file uploader's button and size line, the skip link),
# put in the page's language by a style sheet: the English element is hidden (display: none, so screen readers
# skip it too) and the catalogue's text drawn by its parent in its place. English needs no sheet.
_DROPZONE = "[data-testid=stFileUploaderDropzone]"
_INSTRUCTIONS = "[data-testid=stFileUploaderDropzoneInstructions] > div"


def _replace(parent: str, child: str, text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'{parent} > {child} {{ display: none !important; }}\n{parent}::after {{ content: "{quoted}"; }}\n'


def widget_text_css() -> str:
    """The style sheet that translates Streamlit's built-in widget text ("" in English)."""
    if lang() == "en":
        return ""
    limit = st.get_option("server.maxUploadSize")
    return (
        _replace(f"{_DROPZONE} button [data-testid=stMarkdownContainer]", "p", t("widget.upload"))
        + _replace(_INSTRUCTIONS, "span", t("widget.upload_limit", mb=limit))
        # the app's one uploader takes CSV files only (pages/decision_boundaries.py, key db_file)
        + _replace(f".st-key-db_file {_INSTRUCTIONS}", "span", t("widget.upload_limit_csv", mb=limit))
        # the skip link's own text is its only child: shrunk to nothing, its accessible name set by
        # ui/accessibility.js (aria-label), the translation drawn after it
        + "[data-testid=stSkipToContent] { font-size: 0 !important; }\n"
        + f'[data-testid=stSkipToContent]::after {{ content: "{t("widget.skip")}"; font-size: 1rem; }}\n'
    )
