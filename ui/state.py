"""One frozen dataclass per page, kept in the URL's query string by one table-driven function.

A field's type annotation says how to read it (float, int, str, bool, or tuple of str written
comma-separated); its metadata may bound it (`lo`, `hi`) or restrict it (`choices`). Anything in the
URL that does not fit falls back to the default, and the page is told which keys were ignored.
"""

from __future__ import annotations

import dataclasses
import math
import typing

import streamlit as st

# Keys that belong to the app, not to a page: never cleared by a page's save().
APP_KEYS = ("lang", "present", "hide")
# Longest text a page's box takes (its max_chars) and a URL value keeps; a formula is refused past 300
# characters with a message. A megabyte held in a box cost Chromium seconds per rerun, in the address bar
# too, and no server takes such a link.
MAX_TEXT = 1000


def setting(default, *, lo=None, hi=None, choices=None):
    """A dataclass field with bounds or allowed values for URL parsing."""
    meta = {"lo": lo, "hi": hi, "choices": tuple(choices) if choices is not None else None}
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
    else:  # tuple of str
        value = tuple(part for part in raw.split(",") if part)
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


def _format(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def from_params(cls, params: typing.Mapping[str, str]):
    """(state, ignored keys): the dataclass `cls` read from a query-string mapping."""
    hints = typing.get_type_hints(cls)
    values, ignored = {}, []
    for field in dataclasses.fields(cls):
        if field.name not in params:
            continue
        kind = hints[field.name]
        kind = tuple if typing.get_origin(kind) is tuple else kind
        try:
            values[field.name] = _parse(kind, str(params[field.name]), dict(field.metadata))
        except (TypeError, ValueError, OverflowError):
            ignored.append(field.name)
    return cls(**values), ignored


def to_params(state) -> dict[str, str]:
    return {field.name: _format(getattr(state, field.name)) for field in dataclasses.fields(state)}


def load(cls):
    """(state, ignored keys) from the current URL."""
    return from_params(cls, {key: st.query_params.get(key) for key in st.query_params})


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


def seed(state, prefix: str = "", extra=()) -> None:
    """Give each widget keyed `prefix + field` its URL value the first time the page runs, and re-set it
    (with the `extra` keys) on later runs: Streamlit drops the state of a widget that a run does not
    draw, so a setting in a closed lazy tab would otherwise fall back to its first value."""
    for field in dataclasses.fields(state):
        key = prefix + field.name
        if key not in st.session_state:
            value = getattr(state, field.name)
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
        else:
            st.session_state[key] = st.session_state[key]
    for key in extra:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
