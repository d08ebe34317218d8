"""Level sets (sections 3.3-3.3.2): contours, gradient normals, a draggable start, optimizers racing."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from core import grids, level_sets
from core.figures import level_sets as figs
from core.functions import ExpressionError, parse_function
from core.optimizers import NAMES
from core.presets import PRESETS, presets_for
from ui import charts
from ui import state as url
from ui.plotly_component import figure_dict, plotly_canvas
from ui.tabs import lazy_tabs
from ui.text import lang, literal, t

P, S = "level_sets.", st.session_state
PRESETS2 = presets_for(2)
LR_CHOICES = sorted({round(m * 10.0**e, 6) for e in range(-4, 1) for m in (1, 1.5, 2, 3, 5, 7)} | {10.0})
GRID_N = 81


@dataclasses.dataclass(frozen=True)
class Settings:
    f: str = url.setting("bowl")  # a preset key, or the formula text of a custom function
    x0: float = url.setting(3.0, lo=-1e4, hi=1e4)
    y0: float = url.setting(4.0, lo=-1e4, hi=1e4)
    opt: tuple[str, ...] = url.setting(("sgd", "momentum", "adam"), choices=NAMES)
    lr: float = url.setting(0.05, lo=1e-5, hi=10.0)
    steps: int = url.setting(200, lo=1, hi=1000)
    momentum: float = url.setting(0.9, lo=0.0, hi=0.999)
    field: bool = url.setting(False)


def snap(lr: float) -> float:
    """The log-slider value nearest to lr (the slider offers nice log-spaced values only)."""
    return min(LR_CHOICES, key=lambda c: abs(np.log(c) - np.log(lr)))


def base_layer(text: str, window, n: int, field: bool, language: str) -> dict:
    return figure_dict(figs.level_sets_base(text, window, n, field, language))


base_layer = st.cache_data(max_entries=32, show_spinner=False)(base_layer)
race = st.cache_data(max_entries=64, show_spinner=False)(level_sets.race)
example = st.cache_data(show_spinner=False)(level_sets.example_view)
warmup = st.cache_data(max_entries=64, show_spinner=False)(figs.warmup_panel)


def seed_from_url(state: Settings) -> None:
    if "ls_f" not in S:  # the URL's f is a preset key or a formula: split it over the two widgets
        custom = state.f not in PRESETS2
        S["ls_f"], S["ls_text"] = ("custom", state.f) if custom else (state.f, PRESETS2[state.f].text)
        S["ls_lr"] = snap(state.lr)
    url.seed(state, "ls_")


def on_preset() -> None:
    if preset := PRESETS2.get(S["ls_f"]):  # a new function starts from its own start point and rate
        S["ls_x0"], S["ls_y0"], S["ls_lr"] = float(preset.start[0]), float(preset.start[1]), snap(preset.lr)


def on_drop(x: float, y: float) -> None:
    S["ls_x0"], S["ls_y0"] = x, y


def load_example() -> None:
    S["ls_f"], S["ls_x0"], S["ls_y0"] = level_sets.EXAMPLE_PRESET, 3.0, 4.0


def sidebar() -> tuple[Settings, str]:
    bar = st.sidebar
    names = {k: t(P + "preset." + k) for k in PRESETS2} | {"custom": t(P + "custom")}
    bar.selectbox(t(P + "function"), list(names), key="ls_f", format_func=names.get, on_change=on_preset)
    if S["ls_f"] == "custom":
        bar.text_input(t(P + "formula"), key="ls_text", help=t(P + "formula.help"), max_chars=url.MAX_TEXT)
    bar.multiselect(t(P + "optimizers"), NAMES, key="ls_opt")
    bar.select_slider(t(P + "lr"), LR_CHOICES, key="ls_lr", format_func=lambda v: f"{v:g}")
    bar.slider(t(P + "momentum"), 0.0, 0.999, step=0.01, key="ls_momentum")
    bar.slider(t(P + "steps"), 1, 1000, key="ls_steps")
    bar.toggle(t(P + "field"), key="ls_field")
    c = bar.columns(2)
    c[0].number_input(t(P + "start_x"), -1e4, 1e4, step=0.1, format="%.4f", key="ls_x0")
    c[1].number_input(t(P + "start_y"), -1e4, 1e4, step=0.1, format="%.4f", key="ls_y0")
    text = PRESETS2[S["ls_f"]].text if S["ls_f"] in PRESETS2 else S.get("ls_text", "").strip()
    values = {f.name: S.get("ls_" + f.name, f.default) for f in dataclasses.fields(Settings) if f.name != "f"}
    values["opt"] = tuple(values["opt"])
    return Settings(f=S["ls_f"] if S["ls_f"] in PRESETS2 else text, **values), text


def function_for(text: str):
    """The parsed function; a bad formula keeps the last good one on screen with one friendly sentence."""
    for candidate in dict.fromkeys([text, S.get("ls_good", PRESETS2["bowl"].text)]):
        try:
            fn = parse_function(candidate, 2)
        except ExpressionError as err:
            error = err
            continue
        if candidate != text:
            st.warning(t(P + "bad_formula", message=error.message(lang()), text=literal(candidate)))
        S["ls_good"] = candidate
        return fn
    st.warning(error.message(lang()))
    st.stop()


def race_tab(fn, runs, s: Settings) -> None:
    hint = level_sets.stability(fn, (s.x0, s.y0), s.lr)
    st.caption(t(P + "stability." + hint["kind"], **hint["fields"]))
    if not runs:
        return st.info(t(P + "race.empty"))
    st.dataframe(pd.DataFrame(level_sets.race_table(runs, lang())), hide_index=True, width="stretch")
    for key, step in (note for run in runs for note in run.notes):
        st.warning(t(key, step=step))


def steps_tab(fn, runs, s: Settings) -> None:
    by_name = {r.optimizer: r for r in runs}
    name = st.radio(t(P + "steps.optimizer"), list(by_name), horizontal=True, key="ls_step_run")
    if name is None or len(by_name[name].points) < 2:
        return st.info(t(P + "steps.none"))
    run = by_name[name]
    k = st.slider(t(P + "steps.k"), 0, len(run.points) - 2, 0, key="ls_step_k") if len(run.points) > 2 else 0
    st.latex(level_sets.update_latex(fn, run, k, s.lr))
    st.caption(t(P + "steps.caption", **level_sets.step_fields(run, k)))


def direction_tab(gradient) -> None:
    theta = st.slider(t(P + "dir.theta"), 0, 359, 45, key="ls_theta")
    if np.all(np.isfinite(gradient)):
        charts.chart(figs.dial_figure(gradient, theta, lang()), key="ls_dial_chart")
        st.caption(t(P + "dir.caption", **level_sets.dial_fields(gradient, theta)))
    st.button(t(P + "dir.example"), key="ls_example", on_click=load_example)
    try:
        head, rows, rounded = example(lang())
    except ExpressionError as err:
        return st.warning(err.message(lang()))
    st.markdown(t(P + "dir.example_head", **head))
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t(P + "dir.book", rounded=rounded))


def warmup_tab() -> None:
    c = st.columns(3)
    text = lambda k: PRESETS[k].text  # noqa: E731
    key = c[0].radio(t(P + "warmup.function"), ["line", "parabola"], key="ls_wfn", format_func=text)
    w = c[1].slider(t(P + "warmup.w"), -3.0, 3.0, 1.5, 0.1, key="ls_ww")
    lr = c[2].slider(t(P + "warmup.lr"), 0.01, 1.0, 0.2, 0.01, key="ls_wlr")
    try:
        fig, info = warmup(key, w, lr, lang())
    except ExpressionError as err:
        return st.warning(err.message(lang()))
    charts.chart(fig, key="ls_warmup_chart")
    st.caption(t(P + "warmup.caption", way=t(P + "warmup." + info["way"]), **info["fields"]))


def share_tab(full_figure, runs, names) -> None:
    html = lambda: figs.standalone_html(full_figure())  # noqa: E731 (both files are made only when clicked)
    st.caption(t(P + "share.caption"))
    c = st.columns(2)
    csv = lambda: level_sets.paths_csv(runs, names)  # noqa: E731
    c[0].download_button(t(P + "share.csv"), csv, "paths.csv", "text/csv", on_click="ignore", key="ls_csv")
    c[1].download_button(
        t(P + "share.html"), html, "descent.html", "text/html", on_click="ignore", key="ls_html"
    )


state, ignored = url.load(Settings)
seed_from_url(state)
st.title(t("view.level_sets.title"))
st.caption(t(P + "intro"))
if ignored:
    st.info(t(P + "ignored", keys=", ".join(ignored)))
state, text = sidebar()
fn = function_for(text)
text, start = S["ls_good"], (float(state.x0), float(state.y0))
state = dataclasses.replace(state, f=state.f if state.f in PRESETS2 else text)
if S.get("ls_window", (None,))[0] != text:  # one window per function, kept while it is shown
    S["ls_window"] = (text, grids.window_for(fn, start))
window = S["ls_window"][1]
st.latex(rf"f = {fn.latex['f']} \\[4pt] \nabla f = {fn.latex['gradient']} \qquad H = {fn.latex['hessian']}")
runs = race(text, start, tuple(state.opt), state.lr, state.steps, state.momentum)
here = level_sets.report(fn, start)
(st.warning if here["kind"] == "undefined" else st.markdown)(t(P + here["kind"], **here["fields"]))
marks = figs.point_overlays(start, here["gradient"], here["tangent"], here["angle"], window, lang())
base = base_layer(text, window, GRID_N, state.field, lang())
fig = figs.canvas_figure(base, runs, window, lang(), marks, compact=True)
revision = f"{start[0]:.4f},{start[1]:.4f}"
plotly_canvas(fig, key="ls_canvas", draggable=True, start=start, on_start=on_drop, revision=revision)
st.caption(t(P + "drag_hint"))
panels = {"race": lambda: race_tab(fn, runs, state), "steps": lambda: steps_tab(fn, runs, state),
          "direction": lambda: direction_tab(here["gradient"]), "warmup": warmup_tab,
          "share": lambda: share_tab(lambda: figs.canvas_figure(base, runs, window, lang(), marks), runs, fn.variables)}  # fmt: skip
lazy_tabs(panels, {k: t(P + "tab." + k) for k in panels}, key="ls_tabs")
url.save(state)
