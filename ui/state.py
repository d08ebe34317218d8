"""One frozen dataclass per page, kept in the URL's query string by one table-driven function.

A field's type annotation says how to read it (float, int, str, bool, or tuple of str written
comma-separated); its metadata may bound it (`lo`, `hi`), restrict it (`choices`), cap a list (`most`
entries, duplicates dropped) or mark it as a formula (`formula`: a `+` typed into the address bar stays a
plus). Anything in the URL that does not fit falls back to the default, and the page is told which keys
were ignored; a list or a size the link asked too much of is cut down, and the page is told which.
A dataclass may declare `BUDGET = (("steps", "n"), limit)`: the product of those fields is capped by
lowering the first one.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from urllib.parse import unquote

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state import get_session_state
from streamlit.runtime.state.common import is_element_id, user_key_from_element_id

# Keys that belong to the app, not to a page: never cleared by a page's save().
APP_KEYS = ("lang", "present", "hide")
# Longest text a page's box takes (its max_chars) and a URL value keeps; a formula is refused past 300
# characters with a message. A megabyte held in a box cost Chromium seconds per rerun, in the address bar
# too, and no server takes such a link.
MAX_TEXT = 1000
# Most entries a list in a link keeps (126 repeated optimizer names cost 19-31 s of server time).
MAX_LIST = 16


def setting(default, *, lo=None, hi=None, choices=None, most=MAX_LIST, formula=False):
    """A dataclass field with bounds, allowed values, a list cap or the formula mark, for URL parsing."""
    meta = {"lo": lo, "hi": hi, "choices": tuple(choices) if choices is not None else None, "most": most}
    meta["formula"] = formula
    if isinstance(default, (list, tuple)):
        return dataclasses.field(default=tuple(default), metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def _parse(kind, raw: str, meta: dict):
    if len(raw) > MAX_TEXT:
        raise ValueError("too long")
    if kind is float or kind is int:
        value = float(raw)
        if not math.isfinite(value) or (kind is int and value != int(value)):
            raise ValueError(raw)
        value = kind(value)
    elif kind is bool:
        if raw not in ("0", "1", "true", "false"):
            raise ValueError(raw)
        value = raw in ("1", "true")
    elif kind is str:
        value = raw
    else:  # tuple of str, without repeats
        value = tuple(dict.fromkeys(part for part in raw.split(",") if part))
        if meta.get("choices") and any(v not in meta["choices"] for v in value):
            raise ValueError(raw)
        return value
    if meta.get("lo") is not None and value < meta["lo"]:
        raise ValueError(raw)
    if meta.get("hi") is not None and value > meta["hi"]:
        raise ValueError(raw)
    if meta.get("choices") and value not in meta["choices"]:
        raise ValueError(raw)
    return value


def _format(value, meta=None) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value)) if abs(value) < 1e15 else repr(value)
    if meta and meta.get("formula"):
        return compact(str(value))
    return str(value)


def compact(formula: str) -> str:
    """The formula as a link writes it: without spaces, so that a `+` in a link always means plus.

    Streamlit writes a space in a link as `+`; a formula written with no space reads back the same
    whether its `+` is decoded as a space or, as here, kept. A space between two names or numbers is
    a product (`x y` is `x*y`), so it becomes `*`.
    """
    out = []
    words = formula.split()
    for word in words:
        if out and (out[-1][-1].isalnum() or out[-1][-1] == "_") and (word[0].isalnum() or word[0] in "_."):
            out.append("*")
        out.append(word)
    return "".join(out)


def from_params(cls, params: typing.Mapping[str, str]):
    """(state, ignored keys): the dataclass `cls` read from a query-string mapping."""
    state, ignored, _ = read_params(cls, params)
    return state, ignored


def read_params(cls, params: typing.Mapping[str, str]):
    """(state, ignored keys, capped keys): `cls` read from a query-string mapping, lists and sizes capped."""
    hints = typing.get_type_hints(cls)
    values, ignored, capped = {}, [], []
    for field in dataclasses.fields(cls):
        if field.name not in params:
            continue
        kind = hints[field.name]
        kind = tuple if typing.get_origin(kind) is tuple else kind
        raw = str(params[field.name])
        try:
            value = _parse(kind, raw, dict(field.metadata))
        except (TypeError, ValueError, OverflowError):
            ignored.append(field.name)
            continue
        most = field.metadata.get("most") or MAX_LIST
        # a repeated entry, or more than `most`: cut down, and the page says so
        if kind is tuple and (len(value) > most or len(value) < len([p for p in raw.split(",") if p])):
            capped.append(field.name)
            value = value[:most]
        values[field.name] = value
    budget = getattr(cls, "BUDGET", None)
    if budget is not None:
        values, over = _within_budget(cls, values, *budget)
        capped += over
    return cls(**values), ignored, capped


def _within_budget(cls, values: dict, names: tuple[str, ...], limit: float) -> tuple[dict, list[str]]:
    """Lower the first of `names` until the product of their values is at most `limit`."""
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    given = [values.get(name, defaults[name]) for name in names]
    product = math.prod(given)
    if product <= limit:
        return values, []
    first, rest = names[0], math.prod(given[1:])
    return values | {first: max(1, int(limit // rest))}, [first]


def to_params(state) -> dict[str, str]:
    fields = dataclasses.fields(state)
    return {field.name: _format(getattr(state, field.name), field.metadata) for field in fields}


def raw_query() -> dict[str, str]:
    """The address bar's query string as written (not decoded)."""
    ctx = get_script_run_ctx()
    pairs = (part.split("=", 1) for part in (ctx.query_string if ctx else "").split("&") if "=" in part)
    return {unquote(key): value for key, value in pairs}


def typed_formula(raw: str) -> str | None:
    """A formula value as typed into the address bar, its `+` a plus; None if an encoder wrote it.

    An encoder (Streamlit, a browser's form) writes a plus as %2B, a space as `+`, and every character
    but letters, digits and `_.-~` as %XX. A student typing `?f=x^2+y^2` writes a plus as `+`, and the
    browser sends `^`, `*` and parentheses as they are. So a value with a `+` is typed by hand when it
    has no %2B and either no escape at all or a character no encoder leaves as it is. (The app's own
    links hold no spaces: `compact`.)
    """
    if "+" not in raw or "%2b" in raw.lower():
        return None
    if "%" in raw and not any(not (ch.isalnum() or ch in "_.-~+%") for ch in raw):
        return None
    return unquote(raw)


def url_params(cls) -> dict[str, str]:
    """The current URL's values; a formula field as typed (its `+` a plus, not a space)."""
    params = {key: st.query_params.get(key) for key in st.query_params}
    raw = raw_query()
    for field in dataclasses.fields(cls):
        typed = typed_formula(raw.get(field.name, "")) if field.metadata.get("formula") else None
        if typed is not None and field.name in params:
            params[field.name] = typed
    return params


def load(cls):
    """(state, ignored keys) from the current URL."""
    state, ignored, _ = read_params(cls, url_params(cls))
    return state, ignored


def save(state) -> None:
    """Write the state into the URL, touching only keys whose value changed, in one browser update.

    (One assignment per key sent one message each; a drag that moved x0 and y0 rewrote the URL twice,
    and the test of a link could read it half old.)
    """
    params = to_params(state)
    changed = {k: v for k, v in params.items() if st.query_params.get(k) != v and len(v) <= MAX_TEXT}
    if changed:
        st.query_params.update(changed)
    for key in [k for k, v in params.items() if len(v) > MAX_TEXT and k in st.query_params]:
        del st.query_params[key]  # too long for a link: the link gives the default instead


def browser_keys() -> set[str]:
    """Keys of the widgets whose values this run brought from the browser.

    After a server restart the tab reconnects to a new, empty session but keeps its widgets: the first
    edit arrives with their values before any widget is drawn, so `key in st.session_state` is still
    False for them, and a seed from the (older) URL would override the student's change.
    """
    try:
        ids = list(get_session_state()._state._new_widget_state)
    except AttributeError:
        return set()
    return {user_key_from_element_id(i) for i in ids if is_element_id(i)} - {None}


def seed(state, prefix: str = "", extra=()) -> None:
    """Give each widget keyed `prefix + field` its URL value the first time the page runs, and re-set it
    (with the `extra` keys) on later runs: Streamlit drops the state of a widget that a run does not
    draw, so a setting in a closed lazy tab would otherwise fall back to its first value. A value the
    browser sent with this run (a tab reconnecting after a restart) wins over the URL."""
    held = browser_keys()
    for field in dataclasses.fields(state):
        key = prefix + field.name
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
        elif key not in held:
            value = getattr(state, field.name)
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
    for key in extra:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
