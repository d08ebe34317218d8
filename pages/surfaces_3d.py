"""3-D (section 3.3.2): loss surface with descent paths, steepest direction (fig 3.5), level surfaces."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from core import grids, optimizers, surfaces
from core.figures import surfaces as figs
from core.functions import ExpressionError, parse_function
from core.presets import PRESETS, find, presets_for
from ui import charts
from ui import state as url
from ui.plotly_component import figure_dict, plotly_canvas
from ui.text import lang, t

P, S = "surfaces_3d.", st.session_state
TABS = ("loss", "steepest", "levels")
ANGLES = {"theta": (0.0, 180.0), "az": (-180.0, 180.0), "el": (-90.0, 90.0)}  # slider ranges, degrees


@dataclasses.dataclass(frozen=True)
class Settings:
    # f .. momentum are the level-sets page's keys and meanings (f: preset key or formula): links work in both
    f: str = url.setting("bowl")
    x0: float = url.setting(3.0, lo=-1e4, hi=1e4)
    y0: float = url.setting(4.0, lo=-1e4, hi=1e4)
    opt: tuple[str, ...] = url.setting(("sgd", "momentum", "adam"), choices=optimizers.NAMES)
    lr: float = url.setting(0.05, lo=1e-5, hi=10.0)
    steps: int = url.setting(200, lo=1, hi=1000)
    momentum: float = url.setting(0.9, lo=0.0, hi=0.999)
    px: float = url.setting(3.0, lo=-1e4, hi=1e4)
    py: float = url.setting(4.0, lo=-1e4, hi=1e4)
    dx: float = url.setting(0.0003, lo=-1.0, hi=1.0)
    dy: float = url.setting(0.0004, lo=-1.0, hi=1.0)
    dirs: int = url.setting(8, lo=4, hi=24)
    f3: str = url.setting("sphere3")
    c: float = url.setting(4.0)
    levels: tuple[str, ...] = url.setting(("1", "2.25"))
    theta: float = url.setting(60.0, lo=0.0, hi=180.0)
    az: float = url.setting(30.0, lo=-180.0, hi=180.0)
    el: float = url.setting(30.0, lo=-90.0, hi=90.0)
    tab: str = url.setting("loss", choices=TABS)


surface_layer = st.cache_data(max_entries=20)(figs.surface_layer)  # the expensive layer, once per window


@st.cache_data(max_entries=20)
def loss_view(text: str, window, args: tuple, language: str):
    """(figure dict, runs): the cached surface, paths as plain dicts (another tab's rerun rebuilds nothing)."""
    fn, (start, names, lr, steps, momentum) = parse_function(text, 2), args
    runs = [optimizers.descend(fn, start, optimizers.Settings(n, lr, steps, momentum)) for n in names]
    base, lift = surface_layer(text, window, language)
    return figs.loss_surface_figure(base, fn, runs, window, lift, language), runs


@st.cache_data(max_entries=10)
def box(text: str) -> surfaces.Volume:
    return surfaces.volume(fn := parse_function(text, 3), surfaces.window3_for(fn))


@st.cache_data(max_entries=20)
def level_view(text: str, levels: tuple, level: float, theta: float, az: float, el: float, language: str):
    """(figure dict, probe at P or None, levels with an empty surface) for the level-surfaces tab."""
    fn = parse_function(text, 3)
    scene = surfaces.scene(fn, box(text), levels, level, theta, az, el)
    fig = figure_dict(figs.level_surface_figure(scene, fn.variables, language, text))
    return fig, scene.probe, scene.missing


def number(where, field: str, lo: float, hi: float, kind: str = "number_input", **options):
    """A widget labelled from the catalogue and keyed s3_<field> (the URL field of the same name)."""
    return getattr(where, kind)(t(P + field), lo, hi, key="s3_" + field, **options)


def function_picker(where, field: str, nvars: int):
    """Example selectbox + formula box (the box is the truth); returns the last Function that parsed."""
    presets, key, pick = presets_for(nvars), "s3_" + field, f"s3_{field}_preset"
    S.setdefault(pick, getattr(find(S[key]), "key", "typed"))

    def on_pick():  # a preset brings its own start and learning rate, as on the level-sets page
        if (preset := presets.get(S[pick])) is not None:
            S[key] = preset.text
            if nvars == 2:
                S.update(s3_x0=float(preset.start[0]), s3_y0=float(preset.start[1]), s3_lr=preset.lr)

    names, label = [*presets, "typed"], P + ("function" if nvars == 2 else "function3")
    show = lambda k: t(P + "preset." + k)  # noqa: E731
    where.selectbox(t(P + "preset"), names, key=pick, on_change=on_pick, format_func=show)
    sync = lambda: S.update({pick: getattr(find(S[key]), "key", "typed")})  # noqa: E731
    where.text_input(t(label), key=key, on_change=sync, help=t(label + ".help"), max_chars=url.MAX_TEXT)
    try:
        S[key + "_good"] = parse_function(S[key], nvars).text
    except ExpressionError as err:  # one friendly sentence; the last good function stays on screen
        where.error(err.message(lang()))
        where.caption(t(P + "last_good"))
    return parse_function(S.get(key + "_good", PRESETS["bowl" if nvars == 2 else "sphere3"].text), nvars)


def loss_tab(fn) -> None:
    c = st.columns([1, 1, 3, 1, 1, 1])
    start = (number(c[0], "x0", -1e4, 1e4, step=0.5), number(c[1], "y0", -1e4, 1e4, step=0.5))
    names = c[2].multiselect(t(P + "opt"), optimizers.NAMES, key="s3_opt")
    lr = number(c[3], "lr", 1e-5, 10.0, step=0.01, format="%.5f")
    steps, momentum = number(c[4], "steps", 1, 1000, step=50), number(c[5], "momentum", 0.0, 0.999)
    args = (start, tuple(names), lr, steps, momentum)
    if S.get("s3_window", (None,))[0] != fn.text:  # one window per function: moving the start keeps the view
        S["s3_window"] = (fn.text, grids.window_for(fn, start))
    # st.plotly_chart resets a 3-D camera on rerun (seen in Chromium); this keeps it while uirevision holds
    fig, runs = loss_view(fn.text, S["s3_window"][1], args, lang())
    plotly_canvas(fig, key="s3_surface_chart")
    st.caption(t(P + "camera"))
    if not runs:
        st.info(t(P + "no_opt"))
    for run in runs:
        status, loss = t("status." + run.status, step=run.steps), f"{run.losses[-1]:.6g}"
        st.markdown(t(P + "run", name=run.optimizer, status=status, steps=run.steps, loss=loss))
        if run.status == "diverged":
            st.warning(t(P + "diverged", name=run.optimizer, step=run.steps))
        for key, step in run.notes:
            st.caption(t(key, step=step))


def steepest_tab(fn) -> None:
    c = st.columns(5)
    p = (number(c[0], "px", -1e4, 1e4, step=0.5), number(c[1], "py", -1e4, 1e4, step=0.5))
    small = dict(step=0.0001, format="%.6f")
    delta = (number(c[2], "dx", -1.0, 1.0, **small), number(c[3], "dy", -1.0, 1.0, **small))
    view = surfaces.steepest_view(fn, p, delta, c[4].slider(t(P + "dirs"), 4, 24, key="s3_dirs"))
    if "error" in view:  # a zero step, or L undefined at P
        return st.warning(t(P + view["error"], x=p[0], y=p[1]))
    st.caption(t(P + "steepest.caption", length=view["fields"]["length"]))
    st.markdown(t(P + "steepest.readout", **view["fields"]))
    grid = grids.grid(fn, view["window"], 121)
    fig = figs.steepest_figure(grid, p, view["rows"], view["arrow"], fn.variables, lang(), view["value"])
    charts.chart(fig, key="s3_steepest_chart")
    table = pd.DataFrame(surfaces.table_rows(view["rows"]))
    table.columns = [t(P + "col." + k) for k in table.columns]
    st.dataframe(table.style.format("{:.8f}").format("{:.1f}", subset=table.columns[:1]), hide_index=True)


def levels_tab() -> None:
    c = st.columns([2, 3])
    fn = function_picker(c[0], "f3", 3)
    lo, hi = box(fn.text).value_range()
    if hi - lo < 1e-12:
        return st.warning(t(P + "flat"))
    S["s3_c"] = float(np.clip(S.get("s3_c", lo), lo, hi))  # a new function may have another range
    level = c[1].slider(t(P + "c"), lo, hi, step=float(f"{(hi - lo) / 400:.1g}"), key="s3_c")
    b = c[1].columns(2)
    keep = lambda: S.update(s3_levels=sorted({*S["s3_levels"], f"{level:.6g}"}, key=float))  # noqa: E731
    b[0].button(t(P + "add_level"), key="s3_add_level", on_click=keep)
    b[1].button(t(P + "clear_levels"), key="s3_clear_levels", on_click=S.update, args=({"s3_levels": []},))
    d = st.columns(3)
    angles = [number(d[i], k, *span, "slider", step=1.0) for i, (k, span) in enumerate(ANGLES.items())]
    levels = tuple(sorted({level, *surfaces.parse_levels(S["s3_levels"])}))
    fig, probe, missing = level_view(fn.text, levels, level, *angles, lang())
    for v in missing:
        st.info(t(P + "level_missing", c=f"{v:.4g}"))
    plotly_canvas(fig, key="s3_levels_chart")  # keeps the camera while theta, P or c change
    st.caption(t(P + "levels.caption"))
    st.markdown(t(P + "levels", levels=", ".join(f"{v:.4g}" for v in levels)))
    if probe is None:
        return st.info(t(P + "no_probe")) if level not in missing else None
    st.markdown(t(P + "probe", **surfaces.probe_fields(probe, level)))


state, ignored = url.load(Settings)
if surfaces.parse_levels(state.levels) is None:  # numbers as text: anything else means the defaults
    state, ignored = dataclasses.replace(state, levels=Settings.levels), [*ignored, "levels"]
texts = {k: getattr(PRESETS.get(getattr(state, k)), "text", getattr(state, k)) for k in ("f", "f3")}
url.seed(dataclasses.replace(state, **texts), "s3_", extra=("s3_f_preset", "s3_f3_preset"))
st.title(t("view.surfaces_3d.title"))
st.caption(t(P + "intro"))
if ignored:
    st.info(t(P + "ignored", keys=", ".join(ignored)))
fn2 = function_picker(st.sidebar, "f", 2)
labels = {t(P + "tab." + k): k for k in TABS}
if S.get("s3_tabs") not in labels:  # first run, or the language changed: open the URL's tab
    S.pop("s3_tabs", None)
# Lazy tabs: only the open one runs, so a page load builds one 3-D figure, not all of them.
tabs = st.tabs(list(labels), default=t(P + "tab." + S["s3_tab"]), key="s3_tabs", on_change="rerun")
for tab, draw in zip(tabs, (lambda: loss_tab(fn2), lambda: steepest_tab(fn2), levels_tab), strict=True):
    if tab.open:
        with tab:
            draw()
S["s3_tab"] = labels.get(S.get("s3_tabs"), S["s3_tab"])
values = {f.name: S.get("s3_" + f.name, f.default) for f in dataclasses.fields(Settings)}
values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
# a preset's formula goes into the URL as its key, as the level-sets page writes it
url.save(Settings(**values | {k: getattr(find(values[k]), "key", values[k]) for k in ("f", "f3")}))
