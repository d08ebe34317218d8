"""The lesson: settings that mean the same thing on several views, kept once per browser session.

The function, the start, the optimizers, the learning rate, the steps and the momentum of the level-sets
view are those of the 3-D view; Taylor's and convexity's functions can be the same too. Each view names
the lesson fields it shares (`{view field: lesson field}`); the lesson keeps them as the URL writes them
(strings), so one table-driven parser (`ui.state`) reads a link, the lesson and a view's own memory alike.

When a student enters a view (a link, or a click in the sidebar), each setting comes from, in order:
the link, the lesson, the view's own last settings in this session, the default. After that, the
widgets are the truth until the student leaves the view. A lesson value the view cannot use (a
function of three variables on a 2-D view, a start outside its bounds) is kept for the other views, and
the view says so once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import streamlit as st

from ui import state as url

LESSON = "lesson"
VIEW = "lesson_view"
SAID = "lesson_said"


def shared() -> dict[str, str]:
    """The lesson's values, as a link writes them."""
    return st.session_state.setdefault(LESSON, {})


def entering(view: str) -> bool:
    """True on the first run of `view` since the student came to it (the previous run was another view)."""
    return st.session_state.get(VIEW) != view


def fill(
    cls,
    view: str,
    given: Mapping[str, str],
    fields: Mapping[str, str],
    accepts: Mapping[str, Callable[[str], bool]] | None = None,
):
    """(state, ignored, capped, kept): `cls` from the link's `given` values over the lesson's over the view's
    own last ones. `kept` names lesson fields the view cannot use (they stay in the lesson)."""
    accepts = accepts or {}
    lesson = shared()
    params = dict(st.session_state.get(f"{LESSON}.{view}", {}))
    kept = []
    for name, key in fields.items():
        value = lesson.get(key)
        if value is None or name in given:
            continue
        check = accepts.get(name)
        if url.read_params(cls, {name: value})[1] or (check is not None and not check(value)):
            kept.append(key)
            continue
        params[name] = value
    state, ignored, capped = url.read_params(cls, params | dict(given))
    return state, [k for k in ignored if k in given], capped, _once(view, kept)


def _once(view: str, kept: list[str]) -> list[str]:
    """The kept fields not yet reported on this view for their current lesson value."""
    said = st.session_state.setdefault(SAID, set())
    lesson = shared()
    fresh = [key for key in kept if (view, key, lesson[key]) not in said]
    said.update((view, key, lesson[key]) for key in fresh)
    return fresh


def record(view: str, state, fields: Mapping[str, str], defaults) -> None:
    """Remember the view's settings, and put its shared ones in the lesson.

    A shared value still at this view's default does not enter the lesson (opening Taylor after the
    level-sets view keeps Taylor's own chapter function), but once a field is in the lesson it follows.
    """
    st.session_state[VIEW] = view
    params = url.to_params(state)
    st.session_state[f"{LESSON}.{view}"] = params
    lesson = shared()
    base = url.to_params(defaults)
    for name, key in fields.items():
        if key in lesson or params[name] != base[name]:
            lesson[key] = params[name]


def field_names(cls) -> list[str]:
    return [field.name for field in dataclasses.fields(cls)]
