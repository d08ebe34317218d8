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
KEPT = "lesson_kept"


def shared() -> dict[str, str]:
    """The lesson's values, as a link writes them."""
    return st.session_state.setdefault(LESSON, {})


def entering(view: str) -> bool:
    """True on the first run of `view` since the student came to it (the previous run was another view)."""
    return st.session_state.get(VIEW) != view


@dataclasses.dataclass(frozen=True)
class Link:
    """How a view reads and writes one lesson field.

    `read(value)` gives the view's URL values for a lesson value ({} if the view cannot use it);
    `write(params)` gives the lesson value from the view's URL values; `fields` are the view's fields it
    sets (a link that gives any of them wins over the lesson).
    """

    key: str
    fields: tuple[str, ...]
    read: Callable[[str], dict[str, str]]
    write: Callable[[Mapping[str, str]], str]


def same(name: str, key: str | None = None, accepts: Callable[[str], bool] | None = None) -> Link:
    """A view field that is the lesson field `key` (same name by default), value for value."""

    def read(value: str) -> dict[str, str]:
        return {name: value} if accepts is None or accepts(value) else {}

    def write(params: Mapping[str, str]) -> str:
        return params[name]

    return Link(key or name, (name,), read, write)


def enter(view: str) -> None:
    st.session_state[VIEW] = view


def fill(cls, view: str, given: Mapping[str, str], links: tuple[Link, ...]):
    """(state, ignored, capped, kept): `cls` from the link's `given` values over the lesson's over the view's
    own last ones. `kept` names lesson fields the view cannot use (they stay in the lesson)."""
    lesson = shared()
    params = dict(st.session_state.get(f"{LESSON}.{view}", {}))
    kept = []
    for link in links:
        value = lesson.get(link.key)
        if value is None or any(name in given for name in link.fields):
            continue
        values = link.read(value)
        if not values or url.read_params(cls, values)[1]:
            kept.append(link.key)
            continue
        params |= values
    state, ignored, capped = url.read_params(cls, params | dict(given))
    # what the view shows instead of each kept value: until the student changes it, the lesson keeps its own
    shown = url.to_params(state)
    by_key = {link.key: link for link in links}
    st.session_state[f"{KEPT}.{view}"] = {key: by_key[key].write(shown) for key in kept}
    return state, [k for k in ignored if k in given], capped, _once(view, kept)


def _once(view: str, kept: list[str]) -> list[str]:
    """The kept fields not yet reported on this view for their current lesson value."""
    said = st.session_state.setdefault(SAID, set())
    lesson = shared()
    fresh = [key for key in kept if (view, key, lesson[key]) not in said]
    said.update((view, key, lesson[key]) for key in fresh)
    return fresh


def record(view: str, state, links: tuple[Link, ...], defaults) -> None:
    """Remember the view's settings, and put its shared ones in the lesson.

    A shared value still at this view's default does not enter the lesson (opening Taylor after the
    level-sets view keeps Taylor's own chapter function), but once a field is in the lesson it follows.
    """
    enter(view)
    params = url.to_params(state)
    st.session_state[f"{LESSON}.{view}"] = params
    lesson = shared()
    base = url.to_params(defaults)
    kept = st.session_state.get(f"{KEPT}.{view}", {})
    for link in links:
        value = link.write(params)
        if kept.get(link.key) == value:
            continue
        if link.key in lesson or value != link.write(base):
            lesson[link.key] = value


def field_names(cls) -> list[str]:
    return [field.name for field in dataclasses.fields(cls)]
