"""3-D (section 3.3.2): loss surface with descent paths, steepest direction (fig 3.5), level surfaces."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import grids, optimizers, surfaces
from core.figures import surfaces as figs
from core.functions import parse_function
from core.presets import PRESETS
from ui import charts, downloads, formula
from ui.plotly_component import figure_dict, plotly_canvas
from ui.tabs import lazy_tabs
from ui.text import lang, t
from ui.views import SURFACES_3D, Surfaces3D

TEXT = "surfaces_3d."
TABS = ("loss", "steepest", "levels")
# slider ranges, degrees
ANGLES = {"theta": (0.0, 180.0), "az": (-180.0, 180.0), "el": (-90.0, 90.0)}
MAX_LEVELS = 8


# the expensive layer, once per window
surface_layer = st.cache_data(max_entries=20)(figs.surface_layer)


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
    return getattr(where, kind)(t(TEXT + field), lo, hi, key="s3_" + field, **options)


def preset_name(key: str) -> str:
    return t(TEXT + "preset." + key)


def on_preset(key: str) -> None:
    """A preset brings its own start and learning rate, as on the level-sets view."""
    preset = PRESETS[key]
    st.session_state.update(s3_x0=float(preset.start[0]), s3_y0=float(preset.start[1]), s3_lr=preset.lr)


def function_box(where, field: str, nvars: int, on_pick=None):
    """The formula box of the 2-D loss (`f`) or of the 3-variable function (`f3`)."""
    return formula.box(
        where,
        preset_key=f"s3_{field}_preset",
        text_key=f"s3_{field}",
        presets=SURFACES_3D.formulas[field],
        names=preset_name,
        nvars=nvars,
        fallback=PRESETS["bowl" if nvars == 2 else "sphere3"].text,
        on_preset=on_pick,
    )


def loss_tab() -> None:
    fn = function_box(st, "f", 2, on_preset)
    c = st.columns([1, 1, 3, 1, 1, 1])
    start = (number(c[0], "x0", -1e4, 1e4, step=0.5), number(c[1], "y0", -1e4, 1e4, step=0.5))
    names = c[2].multiselect(t(TEXT + "opt"), optimizers.NAMES, key="s3_opt")
    lr = number(c[3], "lr", 1e-5, 10.0, step=0.01, format="%.5f")
    steps, momentum = number(c[4], "steps", 1, 1000, step=50), number(c[5], "momentum", 0.0, 0.999)
    args = (start, tuple(names), lr, steps, momentum)
    # one window per function: moving the start keeps the view
    if st.session_state.get("s3_window", (None,))[0] != fn.text:
        st.session_state["s3_window"] = (fn.text, grids.window_for(fn, start))
    # st.plotly_chart resets a 3-D camera on rerun (seen in Chromium); this keeps it while uirevision holds
    fig, runs = loss_view(fn.text, st.session_state["s3_window"][1], args, lang())
    plotly_canvas(fig, key="s3_surface_chart")
    st.caption(t(TEXT + "camera"))
    if not runs:
        st.info(t(TEXT + "no_opt"))
    else:
        left, right = st.columns(2)
        downloads.animation_button(left, "html", lambda: fig, "descent_3d.html", key="s3_html")
        downloads.animation_button(right, "gif", lambda: fig, "descent_3d.gif", key="s3_gif")
    for key in optimizers.lr_notes(names):
        st.caption(t(key))
    for run in runs:
        status, loss = t("status." + run.status_name, **run.status_fields()), f"{run.losses[-1]:.6g}"
        st.markdown(t(TEXT + "run", name=run.optimizer, status=status, steps=run.steps, loss=loss))
        if run.status in optimizers.FAILED:
            st.warning(t(TEXT + run.status_name, name=run.optimizer, step=run.stopped_at))
        for key, step in run.notes:
            st.caption(t(key, step=step))


def steepest_tab() -> None:
    fn = function_box(st, "f", 2, on_preset)
    c = st.columns(5)
    p = (number(c[0], "px", -1e4, 1e4, step=0.5), number(c[1], "py", -1e4, 1e4, step=0.5))
    small = dict(step=0.0001, format="%.6f")
    delta = (number(c[2], "dx", -1.0, 1.0, **small), number(c[3], "dy", -1.0, 1.0, **small))
    view = surfaces.steepest_view(fn, p, delta, c[4].slider(t(TEXT + "dirs"), 4, 24, key="s3_dirs"))
    # a zero step, or L undefined at P
    if "error" in view:
        st.warning(t(TEXT + view["error"], x=p[0], y=p[1]))
        return
    st.caption(t(TEXT + "steepest.caption", length=view["fields"]["length"]))
    st.markdown(t(TEXT + "steepest.readout", **view["fields"]))
    grid = grids.grid(fn, view["window"], 121)
    fig = figs.steepest_figure(grid, p, view["rows"], view["arrow"], fn.variables, lang(), view["value"])
    charts.chart(fig, key="s3_steepest_chart")
    table = pd.DataFrame(surfaces.table_text(view["rows"]))
    table.columns = [t(TEXT + "col." + k) for k in table.columns]
    st.dataframe(table, hide_index=True)


def keep_level(level: float) -> None:
    """Add the current level to the kept ones (the newest MAX_LEVELS: each one is a mesh to send)."""
    kept = [v for v in st.session_state["s3_levels"] if v != f"{level:.6g}"] + [f"{level:.6g}"]
    st.session_state["s3_levels"] = sorted(kept[-MAX_LEVELS:], key=float)


def clear_levels() -> None:
    st.session_state["s3_levels"] = []


def levels_tab() -> None:
    c = st.columns([2, 3])
    fn = function_box(c[0], "f3", 3)
    lo, hi = box(fn.text).value_range()
    if hi - lo < 1e-12:
        st.warning(t(TEXT + "flat"))
        return
    # a new function may have another range
    st.session_state["s3_c"] = float(np.clip(st.session_state.get("s3_c", lo), lo, hi))
    level = c[1].slider(t(TEXT + "c"), lo, hi, step=float(f"{(hi - lo) / 400:.1g}"), key="s3_c")
    b = c[1].columns(2)
    b[0].button(t(TEXT + "add_level"), key="s3_add_level", on_click=keep_level, args=(level,))
    b[1].button(t(TEXT + "clear_levels"), key="s3_clear_levels", on_click=clear_levels)
    d = st.columns(3)
    angles = [number(d[i], k, *span, "slider", step=1.0) for i, (k, span) in enumerate(ANGLES.items())]
    levels = tuple(sorted({level, *surfaces.parse_levels(st.session_state["s3_levels"])}))
    fig, probe, missing = level_view(fn.text, levels, level, *angles, lang())
    for v in missing:
        st.info(t(TEXT + "level_missing", c=f"{v:.4g}"))
    # keeps the camera while theta, P or c change
    plotly_canvas(fig, key="s3_levels_chart")
    st.caption(t(TEXT + "levels.caption"))
    st.markdown(t(TEXT + "levels", levels=", ".join(f"{v:.4g}" for v in levels)))
    if probe is None:
        if level not in missing:
            st.info(t(TEXT + "no_probe"))
        return
    st.markdown(t(TEXT + "probe", **surfaces.probe_fields(probe, level)))


def settings(tab: str) -> Surfaces3D:
    """The settings the widgets hold (those of closed tabs are kept in the session by the seed)."""
    s = st.session_state
    values = {name: s[SURFACES_3D.prefix + name] for name in ("x0", "y0", "lr", "steps", "momentum")}
    values |= {name: s[SURFACES_3D.prefix + name] for name in ("px", "py", "dx", "dy", "dirs", "c")}
    values |= {name: s[SURFACES_3D.prefix + name] for name in ("theta", "az", "el")}
    return Surfaces3D(
        f=formula.value(s.get("s3_f_good", s["s3_f"]), SURFACES_3D.formulas["f"]),
        f3=formula.value(s.get("s3_f3_good", s["s3_f3"]), SURFACES_3D.formulas["f3"]),
        opt=tuple(s["s3_opt"]),
        levels=tuple(s["s3_levels"]),
        tab=tab,
        **values,
    )


state = SURFACES_3D.start()
st.title(t("view.surfaces_3d.title"))
st.caption(t(TEXT + "intro"))
panels = {"loss": loss_tab, "steepest": steepest_tab, "levels": levels_tab}
# Lazy tabs: only the open one runs, so a page load builds one 3-D figure, not all of them.
tab = lazy_tabs(panels, {k: t(TEXT + "tab." + k) for k in TABS}, key="s3_tabs", first=state.tab)
SURFACES_3D.finish(settings(tab))
