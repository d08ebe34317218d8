"""The one formula box: a preset picker over a typed formula, with one behaviour on a bad formula.

The typed text is the truth: picking a preset writes its formula into the box, and typing a preset's
formula selects it. A formula that does not parse gets one sentence right under the box (the parser's
message names the column), and the view keeps drawing the last good function, named in that sentence.
Its two widgets are keyed `preset_key` (the picker) and `text_key` (the box); the URL holds the preset's
key when the box shows a preset's formula, else the formula (`value`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from core.functions import ExpressionError, Function, parse_function
from ui.state import MAX_TEXT, browser_keys
from ui.text import lang, literal, t

TYPED = "typed"


def preset_of(text: str, presets: Mapping[str, str]) -> str:
    """The key of the preset whose formula is `text`, or TYPED."""
    return next((key for key, formula in presets.items() if formula == text.strip()), TYPED)


def seed(preset_key: str, text_key: str, value: str, presets: Mapping[str, str]) -> None:
    """Put a URL value (a preset key or a formula) into the two widgets, unless they already hold one."""
    held = browser_keys()
    text = presets.get(value, value)
    if text_key not in held:
        st.session_state.setdefault(text_key, text)
    if preset_key not in held:
        st.session_state.setdefault(preset_key, value if value in presets else preset_of(text, presets))


def value(text: str, presets: Mapping[str, str]) -> str:
    """What the URL and the lesson store for a formula: its preset's key if it is a preset's, else itself."""
    key = preset_of(text, presets)
    return text.strip() if key == TYPED else key


def box(
    where,
    *,
    preset_key: str,
    text_key: str,
    presets: Mapping[str, str],
    names: Callable[[str], str],
    nvars: int,
    fallback: str,
    on_preset: Callable[[str], None] | None = None,
    label: str | None = None,
) -> Function | None:
    """Draw the picker and the box in `where`; return the function to show (the last good one after a typo).

    `label` names the picker where a view has two functions side by side (else "Function").
    `names(key)` labels a preset; `on_preset(key)` runs when the student picks one (a new function may
    bring its own start); `fallback` is the formula shown when nothing typed has parsed yet.
    """
    state = st.session_state

    def picked() -> None:
        key = state[preset_key]
        if key in presets:
            state[text_key] = presets[key]
            if on_preset is not None:
                on_preset(key)

    def typed() -> None:
        state[preset_key] = preset_of(state[text_key], presets)

    # labels looked up now, in this run's language (a format function runs again outside the run)
    labels = {key: names(key) for key in presets} | {TYPED: t("formula.typed")}
    where.selectbox(
        label or t("formula.function"), list(labels), key=preset_key, on_change=picked, format_func=labels.get
    )
    variables = t(f"formula.variables.{nvars}")
    where.text_input(
        t("formula.text", variables=variables),
        key=text_key,
        on_change=typed,
        help=t("formula.help"),
        max_chars=MAX_TEXT,
    )
    return check(where, state[text_key], nvars, text_key + "_good", fallback)


def check(where, text: str, nvars: int, good_key: str, fallback: str) -> Function | None:
    """The function of `text`; after a bad formula, one sentence in `where` (right under its box) and the
    last good function (kept under `good_key`, else `fallback`), or None if there is none."""
    try:
        fn = parse_function(text, nvars)
    except ExpressionError as err:
        last = st.session_state.get(good_key, fallback)
        where.error(t("formula.bad", message=err.message(lang()), text=literal(last)))
        return _parsed_or_none(last, nvars)
    st.session_state[good_key] = fn.text
    return fn


def _parsed_or_none(text: str, nvars: int) -> Function | None:
    try:
        return parse_function(text, nvars)
    except ExpressionError:
        return None
