"""One page skeleton: settings from the link and the lesson, widgets seeded, one notice, the URL written.

A page declares its settings as one frozen dataclass (`ui.state.setting` fields); every widget is keyed
`prefix + field`. Usage::

    view = page.View("level_sets", Settings, "ls_", shared=links, formulas={"f": presets})
    state = view.start()            # link > lesson > this view's last settings > defaults
    ...widgets, core calls, figures...
    view.finish(new_state)          # into the lesson and the URL

`formulas` maps the fields held by a formula box (`ui.formula`) to their presets ({key: formula}); the
box's two widgets are keyed `prefix + field + "_preset"` and `prefix + field`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import streamlit as st

from ui import formula, lesson
from ui import state as url
from ui.text import t


@dataclasses.dataclass(frozen=True)
class View:
    """A view's settings table: its url path, dataclass, widget key prefix and the fields it shares."""

    name: str
    settings: type
    prefix: str
    shared: tuple[lesson.Link, ...] = ()
    formulas: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)
    accepts: Mapping[str, Callable[[str], bool]] = dataclasses.field(default_factory=dict)
    extra: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    # fields without a widget of their own (the 3-D view's open tab)
    no_widget: tuple[str, ...] = ()
    # keys of the charts (or of the keyed containers holding them) that are the view's main plot, one per tab
    # that has one: presenter mode draws the one on screen right under the title (ui.presenter)
    stage: tuple[str, ...] = ()
    # the values a link's own values imply for fields it does not name (a preset function's start and rate)
    implied: Callable[[Mapping[str, str]], dict[str, str]] | None = None

    def widget_keys(self) -> dict[str, tuple[str, ...]]:
        """URL field -> keys of the widgets that set it (the presenter hides them by these)."""
        names = [name for name in lesson.field_names(self.settings) if name not in self.no_widget]
        keys = {name: (self.prefix + name,) for name in names}
        for name in self.formulas:
            keys[name] = (self.prefix + name + "_preset", self.prefix + name)
        return keys | dict(self.extra)

    def start(self):
        """The settings this run starts from; shows the one notice about link (and lesson) values."""
        params = url.url_params(self.settings)
        # a value the table reads but the view cannot use (a 3-variable function on a 2-D view)
        refused = [name for name, check in self.accepts.items() if name in params and not check(params[name])]
        params = {name: value for name, value in params.items() if name not in refused}
        if self.implied is not None:
            params = self.implied(params) | params
        if lesson.entering(self.name):
            state, ignored, capped, kept = lesson.fill(self.settings, self.name, params, self.shared)
            self._forget_widgets()
            # entered now, whatever happens later in this run (an error, a stop)
            lesson.enter(self.name)
        else:
            state, ignored, capped = url.read_params(self.settings, params)
            kept = []
        ignored = [name for name in lesson.field_names(self.settings) if name in ignored or name in refused]
        for name, presets in self.formulas.items():
            formula.seed(self.prefix + name + "_preset", self.prefix + name, getattr(state, name), presets)
        url.seed(state, self.prefix, extra=[self.prefix + name + "_preset" for name in self.formulas])
        notices(ignored, capped, kept)
        return state

    def held(self, **values):
        """The settings the widgets keyed `prefix + field` hold (those of closed tabs kept by the seed),
        with `values` over them."""
        s = st.session_state
        names = lesson.field_names(self.settings)
        held = {name: s[self.prefix + name] for name in names if self.prefix + name in s}
        held = {name: tuple(v) if isinstance(v, list) else v for name, v in held.items()}
        return self.settings(**held | values)

    def _forget_widgets(self) -> None:
        """Drop the widget values left from an earlier visit, so the seed gives them this entry's values."""
        held = url.browser_keys()
        for keys in self.widget_keys().values():
            for key in keys:
                if key not in held:
                    st.session_state.pop(key, None)

    def finish(self, state) -> None:
        """The settings shown: remembered for this view, shared with the lesson, written into the URL."""
        lesson.record(self.name, state, self.shared, self.settings())
        url.save(state)


def notices(ignored, capped, kept) -> None:
    """One sentence each: link values not understood, a link that asked for too much, lesson values kept."""
    if ignored:
        st.info(t("page.ignored", keys=", ".join(ignored)))
    if capped:
        st.info(t("page.capped", keys=", ".join(capped)))
    if kept:
        st.info(t("page.kept", keys=", ".join(kept)))
