"""Level sets (sections 3.3-3.3.2): contours, gradient normals, a draggable start, optimizers racing."""

from __future__ import annotations

import dataclasses
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from core import expression_tree, grids, level_sets
from core.figures import level_sets as figs
from core.functions import ExpressionError
from core.optimizers import NAMES, lr_notes
from core.presets import PRESETS, presets_for
from ui import charts, downloads, formula
from ui.controls import learning_rate
from ui.plotly_component import figure_dict, plotly_canvas
from ui.tabs import lazy_tabs
from ui.text import lang, t
from ui.views import LEVEL_SETS, LevelSets

TEXT = "level_sets."
PRESETS2 = presets_for(2)
GRID_N = 81


def base_layer(text: str, window, n: int, field: bool, language: str) -> dict:
    return figure_dict(figs.level_sets_base(text, window, n, field, language))


base_layer = st.cache_data(max_entries=32, show_spinner=False)(base_layer)
race = st.cache_data(max_entries=64, show_spinner=False)(level_sets.race)
example = st.cache_data(show_spinner=False)(level_sets.example_view)
warmup = st.cache_data(max_entries=64, show_spinner=False)(figs.warmup_panel)


def on_preset(key: str) -> None:
    """A new function starts from its own start point and rate."""
    preset = PRESETS2[key]
    st.session_state.update(
        ls_x0=float(preset.start[0]), ls_y0=float(preset.start[1]), ls_lr=float(preset.lr)
    )


def on_drop(x: float, y: float) -> None:
    st.session_state.update(ls_x0=x, ls_y0=y)


def load_example() -> None:
    example_text = PRESETS[level_sets.EXAMPLE_PRESET].text
    st.session_state.update(ls_f_preset=level_sets.EXAMPLE_PRESET, ls_f=example_text, ls_x0=3.0, ls_y0=4.0)


def preset_name(key: str) -> str:
    return t(TEXT + "preset." + key)


def sidebar(linked: LevelSets):
    """The settings widgets, all keyed ls_<field>; returns (the function shown, the settings they hold).

    The start's inputs are drawn later, in the canvas's fragment: until then the start is the one in
    session state, or the link's (`linked`) when the browser holds it and its input is not drawn yet."""
    bar = st.sidebar
    fn = formula.box(
        bar,
        preset_key="ls_f_preset",
        text_key="ls_f",
        presets=LEVEL_SETS.formulas["f"],
        names=preset_name,
        nvars=2,
        fallback=PRESETS2["bowl"].text,
        on_preset=on_preset,
    )
    bar.multiselect(t(TEXT + "optimizers"), NAMES, key="ls_opt")
    learning_rate(bar, t(TEXT + "lr"), t(TEXT + "lr_box"), "ls_lr", 1e-5, 10.0)
    bar.slider(t(TEXT + "momentum"), 0.0, 0.999, step=0.01, key="ls_momentum")
    bar.slider(t(TEXT + "steps"), 1, 1000, key="ls_steps")
    bar.toggle(t(TEXT + "field"), key="ls_field")
    s = st.session_state
    state = LevelSets(
        f=formula.value(fn.text, LEVEL_SETS.formulas["f"]),
        x0=s.get("ls_x0", linked.x0),
        y0=s.get("ls_y0", linked.y0),
        opt=tuple(s["ls_opt"]),
        lr=s["ls_lr"],
        steps=s["ls_steps"],
        momentum=s["ls_momentum"],
        field=s["ls_field"],
    )
    return fn, state


def race_tab(fn, runs, s: LevelSets) -> None:
    hint = level_sets.stability(fn, (s.x0, s.y0), s.lr)
    text = t(TEXT + "stability." + hint["kind"], **hint["fields"])
    if hint["kind"] == "unstable":  # a prediction of divergence is a warning, not small grey text
        st.warning(text)
    else:
        st.caption(text)
    for key in lr_notes(s.opt):
        st.caption(t(key))
    if not runs:
        st.info(t(TEXT + "race.empty"))
        return
    # a plain table, not st.dataframe's grid: three rows need no sorting, and the grid's rendering was a
    # fifth of the browser's work after each drag's release (issue 15)
    st.table(pd.DataFrame(level_sets.race_table(runs, lang())), hide_index=True)
    for run in runs:
        for key, step in run.notes:
            st.warning(t(key, step=step))


def steps_tab(fn, runs, s: LevelSets, base: dict) -> None:
    by_name = {r.optimizer: r for r in runs}
    name = st.radio(t(TEXT + "steps.optimizer"), list(by_name), horizontal=True, key="ls_step_run")
    if name is None or len(by_name[name].points) < 2:
        st.info(t(TEXT + "steps.none"))
        return
    run = by_name[name]
    k = 0
    if len(run.points) > 2:
        k = st.slider(t(TEXT + "steps.k"), 0, len(run.points) - 2, 0, key="ls_step_k")
    st.caption(t(TEXT + "steps.notation"))
    st.latex(level_sets.update_latex(fn, run, k, s.lr, s.momentum))
    st.caption(t(TEXT + "steps.caption", **level_sets.step_fields(run, k)))
    charts.chart(figs.step_figure(base, run, k, lang()), key="ls_step_fig", table_toggle=False)


def direction_tab(gradient) -> None:
    theta = st.slider(t(TEXT + "dir.theta"), 0, 359, 45, key="ls_theta")
    if np.all(np.isfinite(gradient)):
        charts.chart(figs.dial_figure(gradient, theta, lang()), key="ls_dial_chart")
        st.caption(t(TEXT + "dir.caption", **level_sets.dial_fields(gradient, theta)))
    if st.button(t(TEXT + "dir.example"), key="ls_example", on_click=load_example):
        st.rerun(scope="app")  # its function goes into the sidebar's formula box, outside this fragment
    try:
        head, rows, rounded = example(lang())
    except ExpressionError as err:
        st.warning(err.message(lang()))
        return
    st.markdown(t(TEXT + "dir.example_head", **head))
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t(TEXT + "dir.book", rounded=rounded))


def preset_text(key: str) -> str:
    return PRESETS[key].text


def warmup_tab() -> None:
    c = st.columns(3)
    key = c[0].radio(t(TEXT + "warmup.function"), ["line", "parabola"], key="ls_wfn", format_func=preset_text)
    w = c[1].slider(t(TEXT + "warmup.w"), -3.0, 3.0, 1.5, 0.1, key="ls_ww")
    lr = c[2].slider(t(TEXT + "warmup.lr"), 0.01, 1.0, 0.2, 0.01, key="ls_wlr")
    try:
        fig, info = warmup(key, w, lr, lang())
    except ExpressionError as err:
        st.warning(err.message(lang()))
        return
    charts.chart(fig, key="ls_warmup_chart")
    st.caption(t(TEXT + "warmup.caption", way=t(TEXT + "warmup." + info["way"]), **info["fields"]))


def share_tab(base, runs, window, marks, names) -> None:
    # the files are made only when their button is clicked
    def figure() -> dict:
        return figs.canvas_figure(base, runs, window, lang(), marks)

    def csv() -> str:
        return level_sets.paths_csv(runs, names)

    st.caption(t(TEXT + "share.caption"))
    left, middle, right = st.columns(3)
    left.download_button(t(TEXT + "share.csv"), csv, "paths.csv", "text/csv", on_click="ignore", key="ls_csv")
    downloads.animation_button(middle, "html", figure, "descent.html", key="ls_html")
    if runs:
        downloads.animation_button(right, "gif", figure, "descent.gif", key="ls_gif")


def start_inputs() -> tuple[float, float]:
    """The start's two number inputs, under the canvas: inside its fragment, so that a drag's rerun of
    the fragment shows the start it took."""
    # one row, not st.columns: each element of the fragment is a message the browser lays out on a release
    row = st.container(horizontal=True)
    x0 = row.number_input(t(TEXT + "start_x"), -1e4, 1e4, step=0.1, format="%.4f", key="ls_x0", width=200)
    y0 = row.number_input(t(TEXT + "start_y"), -1e4, 1e4, step=0.1, format="%.4f", key="ls_y0", width=200)
    return float(x0), float(y0)


@dataclasses.dataclass(frozen=True)
class Scene:
    """What the canvas shows for a start, from settings fixed while the start moves. Made of plain calls
    (no widgets): the fast lane of a drag's release (ui/drop_route.py) calls `figure` outside the run."""

    fn: object
    state: LevelSets
    window: tuple
    language: str
    base: dict

    def at(self, start):
        """(canvas figure, runs, readout report, the marks at the start) for `start`."""
        s = self.state
        runs = race(self.fn.text, start, s.opt, s.lr, s.steps, s.momentum)
        here = level_sets.report(self.fn, start)
        gradient, tangent, angle = here["gradient"], here["tangent"], here["angle"]
        marks = figs.point_overlays(start, gradient, tangent, angle, self.window, self.language)
        return figs.canvas_figure(self.base, runs, self.window, self.language, marks), runs, here, marks

    def figure(self, start) -> dict:
        return self.at(start)[0]

    def settings(self) -> tuple:
        s = self.state
        return (self.fn.text, s.opt, s.lr, s.steps, s.momentum, s.field, self.window, self.language)


@st.fragment
def canvas_and_panels(fn, state: LevelSets, window) -> None:
    """Everything that follows the start: the readout, the canvas, the start's inputs, the tabs, the URL.

    A drag's release (the canvas is a widget in here) reruns this fragment only: the server's paths reach
    the browser without the sidebar and the formula being sent and laid out again (issue 15). Nothing
    outside depends on the start (the window follows the function only). The canvas is the fragment's
    first element after the readout: the browser lays out each batch of elements as it comes, and the path
    on screen should not wait for the inputs and tabs below it.
    """
    s = st.session_state
    # what the start's inputs below will hold: their session state (a drop, a typed value, the link's seed)
    start = (float(s.get("ls_x0", state.x0)), float(s.get("ls_y0", state.y0)))
    state = dataclasses.replace(state, x0=start[0], y0=start[1])
    base = base_layer(fn.text, window, GRID_N, state.field, lang())
    scene = Scene(fn, state, window, lang(), base)
    fig, runs, here, marks = scene.at(start)
    readout = t(TEXT + here["kind"], **here["fields"])
    if here["kind"] in ("undefined", "overflow"):
        st.warning(readout)
    else:
        st.markdown(readout)
    revision = f"{start[0]:.4f},{start[1]:.4f}"
    live = expression_tree.preview(fn, state.opt, state.lr, state.steps, state.momentum)
    plotly_canvas(
        fig,
        key="ls_canvas",
        draggable=True,
        start=start,
        on_start=on_drop,
        revision=revision,
        preview=live,
        labels={"handle": t("fig.start_handle")},
        figure_at=(scene.settings(), scene.figure),
    )
    if start_inputs() != start:
        # A tab that kept its widgets across a server restart: its inputs hold the student's start, which
        # session state learns only as they are drawn, in a run of the whole page. Once more with it: from
        # now on the two agree.
        st.rerun()
    st.caption(t(TEXT + "drag_hint"))
    panels = {
        "race": partial(race_tab, fn, runs, state),
        "steps": partial(steps_tab, fn, runs, state, base),
        "direction": partial(direction_tab, here["gradient"]),
        "warmup": warmup_tab,
        "share": partial(share_tab, base, runs, window, marks, fn.variables),
    }
    lazy_tabs(panels, {k: t(TEXT + "tab." + k) for k in panels}, key="ls_tabs")
    LEVEL_SETS.finish(state)


linked = LEVEL_SETS.start()
st.title(t("view.level_sets.title"))
st.caption(t(TEXT + "intro"))
fn, state = sidebar(linked)
start = (float(state.x0), float(state.y0))
# one window per function, kept while it is shown
if st.session_state.get("ls_window", (None,))[0] != fn.text:
    st.session_state["ls_window"] = (fn.text, grids.window_for(fn, start))
window = st.session_state["ls_window"][1]
st.latex(rf"f = {fn.latex['f']} \\[4pt] \nabla f = {fn.latex['gradient']} \qquad H = {fn.latex['hessian']}")


canvas_and_panels(fn, state, window)
