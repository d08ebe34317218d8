"""Convexity (sections 3.6-3.7): convex sets, the three tests, the Hessian map, local minima and basins."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from core import convexity as cv
from core import critical_points as cp
from core import optimizers
from core.figures import convexity as figs
from core.parser import ExpressionError
from ui import charts, formula, jobs
from ui.state import MAX_TEXT
from ui.tabs import lazy_tabs, opening
from ui.text import lang, t
from ui.views import CONVEXITY, SURFACES, TYPED

TEXT = "convexity."
RESTARTS = 6
TABS = ("sets", "chord", "curvature", "tangent", "verdict", "minima")
# the tabs that draw the curve g, and those that draw the surface f
CURVE_TABS = ("chord", "curvature", "tangent", "verdict")
SURFACE_TABS = ("curvature", "tangent", "verdict", "minima")


def surface_defaults(preset) -> dict:
    return {"tx": 0.0, "ty": 0.0, "lr": preset.lr}


# what a new choice of curve, region or surface brings (its own points, and lr)
RESETS = {"curve": cv.Curve.defaults, "region": cv.Region.defaults, "surface": surface_defaults}
REGISTRIES = {"curve": cv.CURVES, "surface": SURFACES, "region": cv.REGIONS}
# the last good formula of each box, and the one shown before anything was typed
FALLBACK = {"g": "x^2", "f": SURFACES["himmelblau"].text, "lhs": "x^2 + y^2 - 1"}


def box(where, field: str, nvars: int):
    """A typed formula box keyed cv_<field>: (its function or the last good one, or None; the text)."""
    text = where.text_input(t(TEXT + field), key="cv_" + field, max_chars=MAX_TEXT)
    return formula.check(where, text, nvars, f"cv_{field}_good", FALLBACK[field]), text


def slider(where, field: str, lo: float, hi: float, step: float = 0.05) -> float:
    """A slider keyed cv_<field>, its value clamped first: a new curve or surface changes the window."""
    key = "cv_" + field
    st.session_state[key] = float(min(max(st.session_state[key], lo), hi))
    return where.slider(t(TEXT + field), float(lo), float(hi), step=step, key=key)


def reset(field: str, key: str | None = None) -> None:
    """A new choice of curve, region or surface brings its own points (and lr)."""
    key = key or st.session_state["cv_" + field]
    st.session_state["cv_" + field] = key
    if key != TYPED:
        st.session_state.update({"cv_" + k: v for k, v in RESETS[field](REGISTRIES[field][key]).items()})


def function_input(field: str, text_field: str, nvars: int):
    """The sidebar's formula box of the curve (`curve`, `g`) or the surface (`surface`, `f`)."""
    names = REGISTRIES[field]

    def name(key: str) -> str:
        return names[key].text

    return formula.box(
        st.sidebar,
        preset_key="cv_" + field,
        text_key="cv_" + text_field,
        presets={key: item.text for key, item in names.items()},
        names=name,
        nvars=nvars,
        fallback=FALLBACK[text_field],
        on_preset=partial(reset, field),
        label=t(TEXT + field),
    )


def match_named(field: str, text_field: str) -> None:
    """A named curve or surface shows its own formula in the box (the link's typed one is for `typed`)."""
    choice = st.session_state["cv_" + field]
    if choice != TYPED:
        st.session_state["cv_" + text_field] = REGISTRIES[field][choice].text


candidates = st.cache_data(max_entries=16, show_spinner=False)(cp.candidates_for)


def exact_candidates(f):
    """sympy's candidates (cached), or None with a sentence when the machine stopped the exact solver this
    time (a kill from outside, a busy sandbox): not cached, so the next rerun tries again."""
    try:
        return candidates(f.text)
    except ExpressionError as error:
        st.info(t(TEXT + "exact_unavailable", reason=error.message(lang())))
        return None


def critical(f, window):
    """sympy's candidates in the sandbox, Newton's polish in the worker pool (None: stopped, said)."""
    exact = exact_candidates(f)
    # the candidates are part of the key: a numeric-only result never stands for the complete one
    found = None if exact is None else tuple(exact)
    return jobs.result("critical", (f.analysis, window, exact), key=(f.text, window, found))


def basins(f, window, settings: optimizers.Settings, res: int, minima) -> cp.Basins | None:
    args = (f.analysis, window, settings, res, minima)
    return jobs.result("basins", args, key=(f.text, window, settings, res, minima))


def sets_tab() -> None:
    st.caption(t(TEXT + "sets_caption"))
    left, right = st.columns([1, 2])
    left.selectbox(
        t(TEXT + "region"),
        (*cv.REGIONS, TYPED),
        key="cv_region",
        on_change=reset,
        args=("region",),
        format_func={key: t(f"{TEXT}region.{key}") for key in (*cv.REGIONS, TYPED)}.get,
    )
    typed = st.session_state["cv_region"] == TYPED
    lhs = box(left, "lhs", 2)[0] if typed else None
    inside = cv.typed_region(lhs) if typed else cv.REGIONS[st.session_state["cv_region"]].inside
    p = (slider(left, "px", -1.5, 1.5), slider(left, "py", -1.5, 1.5))
    q = (slider(left, "qx", -1.5, 1.5), slider(left, "qy", -1.5, 1.5))
    check = cv.check_segment(inside, p, q)
    verdict = t(TEXT + check.verdict, percent=check.outside_percent)
    if typed and lhs is None:
        pass  # a formula that did not parse has its one warning: no verdict about no set
    elif check.verdict == "segment_inside":
        left.success(verdict)
    else:
        left.warning(verdict)
    charts.chart(figs.region_figure(inside, check, p, q, lang()), key="cv_sets_fig", where=right)


def chord_tab(g, window) -> None:
    st.caption(t(TEXT + "chord_caption"))
    if g is None:
        st.info(t(TEXT + "need_curve"))
        return
    # figure 3.16, left and right
    for col, key in zip(st.columns(2), ("square", "cube"), strict=True):
        col.button(t(TEXT + f"book_{key}"), on_click=reset, args=("curve", key), key=f"cv_book_{key}")
    c = st.columns(3)
    a, b = slider(c[0], "a", *window, 0.1), slider(c[1], "b", *window, 0.1)
    show_jensen(cv.chord(g, a, b, slider(c[2], "alpha", 0.0, 1.0)), g, window, "cv_chord_fig")
    st.subheader(t(TEXT + "jensen_title"))
    left, right = st.columns(2)
    xs = left.text_input(t(TEXT + "xs"), key="cv_xs", max_chars=MAX_TEXT)
    ws = right.text_input(t(TEXT + "ws"), key="cv_ws", max_chars=MAX_TEXT)
    jensen = cv.jensen_text(g, xs, ws)
    if jensen is None:
        st.warning(t(TEXT + "jensen_bad"))
        return
    show_jensen(jensen, g, window, "cv_jensen_fig")


def show_jensen(j: cv.Jensen, g, window, key: str) -> None:
    st.markdown(t(TEXT + f"side.{j.side}", **cv.jensen_fields(j)))
    charts.chart(figs.chord_figure(g, j, window, lang()), key=key)


def curvature_tab(g, window, f, w2) -> None:
    st.caption(t(TEXT + "curvature_caption"))
    if g is not None:
        charts.chart(figs.curvature_figure(g, window, lang()), key="cv_curv_fig")
    if f is not None:
        note = cv.hessian_note(f.text)
        caption = t(TEXT + "hessian_caption", name=f.text)
        st.caption(caption + (" " + t(TEXT + f"hessian_note.{note}") if note else ""))
        charts.chart(figs.hessian_map_figure(f, w2, lang()), key="cv_hess_fig")


def tangent_tab(g, window, f, w2) -> None:
    st.caption(t(TEXT + "tangent_caption"))
    if g is not None:
        x0 = slider(st, "x0", *window, 0.05)
        dips = cv.tangent_dips(g, x0, window)
        st.markdown(t(TEXT + ("dips" if dips else "stays_above"), x0=cv.number_text(cv.rational(x0))))
        charts.chart(figs.tangent_figure(g, x0, window, lang()), key="cv_tan_fig")
    if f is not None:
        c = st.columns(2)
        p0 = (slider(c[0], "tx", *w2[0]), slider(c[1], "ty", *w2[1]))
        charts.chart(figs.tangent_plane_figure(f, p0, w2, lang()), key="cv_plane_fig")


def verdict_tab(g, w1, f, w2) -> None:
    st.caption(t(TEXT + "verdict_caption"))
    for fn, window in ((g, (w1,)), (f, w2)):
        if fn is None:
            continue
        results = jobs.result("verdict", (fn.analysis, window), key=(fn.text, fn.nvars, window))
        if results is None:
            continue
        st.markdown(t(TEXT + "overall", name=fn.text, verdict=t(TEXT + f"verdict.{cv.overall(results)}")))
        rows = [verdict_row(test, result) for test, result in results.items()]
        st.table(pd.DataFrame(rows, columns=[t(TEXT + f"col.{c}") for c in ("test", "verdict", "witness")]))
        if fn.nvars == 2 and (w := results["chord"].against_convex):
            charts.chart(figs.slice_figure(fn, w, lang()), key="cv_slice_fig")


def verdict_row(test: str, result) -> tuple[str, str, str]:
    """(test, verdict, counterexamples) of one convexity test, in the page's language; no counterexample
    where the test's verdict holds."""
    found = cv.counterexamples(test, result)
    shown = "; ".join(
        t(TEXT + side, text=t(TEXT + f"witness.{key}", **fields)) for side, key, fields in found
    )
    return t(TEXT + f"test.{test}"), t(TEXT + f"verdict.{result.verdict}"), shown


def kind_name(kind: str) -> str:
    return t(TEXT + f"kind.{kind}")


def grid_name(res: int) -> str:
    return f"{res} × {res}"


def minima_tab(f, w2) -> None:
    st.caption(t(TEXT + "minima_caption"))
    if f is None:
        st.info(t(TEXT + "need_surface"))
        return
    points = critical(f, w2)
    if points is None:
        return
    charts.chart(figs.critical_figure(f, w2, points, lang()), key="cv_crit_fig")
    rows = cp.table(points, kind_name=kind_name)
    st.dataframe(pd.DataFrame(rows, columns=[t(TEXT + f"col.{c}") for c in cp.COLUMNS]), hide_index=True)
    st.subheader(t(TEXT + "basins_title"))
    c = st.columns(4)
    name = c[0].selectbox(t(TEXT + "optimizer"), optimizers.NAMES, key="cv_optimizer")
    lr = c[1].number_input(t(TEXT + "lr"), 1e-6, 10.0, key="cv_lr", format="%g", step=0.001)
    steps = c[2].number_input(t(TEXT + "steps"), 1, 2000, key="cv_steps", step=50)
    res = c[3].selectbox(t(TEXT + "res"), (64, 128, 256), key="cv_res", format_func=grid_name)
    settings = optimizers.Settings(name, float(lr), int(steps))
    for key in optimizers.lr_notes([settings.optimizer]):
        st.caption(t(key))
    b = basins(f, w2, settings, res, cp.minima(points))
    if b is None:
        return
    st.caption(t(TEXT + "basins_summary", **cp.shares_text(b)))
    if st.button(t(TEXT + "restart"), key="cv_restart"):
        st.session_state["cv_seed"] = int(np.random.default_rng().integers(1_000_000))
    paths = cp.random_paths(f, w2, settings, RESTARTS, int(st.session_state["cv_seed"]))
    charts.chart(figs.basins_figure(f, b, lang(), paths), key="cv_basins_fig")


state = CONVEXITY.start()
st.title(t("view.convexity.title"))
st.caption(t(TEXT + "intro"))
labels = {k: t(TEXT + f"tab.{k}") for k in TABS}
# only the pickers that act on the open tab are shown (their values are kept by the seed meanwhile)
opened = opening(labels, "cv_tabs")
match_named("curve", "g")
match_named("surface", "f")
g = function_input("curve", "g", 1) if opened in CURVE_TABS else None
f = function_input("surface", "f", 2) if opened in SURFACE_TABS else None
w1 = cv.curve_window(st.session_state["cv_curve"])
w2 = cv.surface_window(st.session_state["cv_surface"], st.session_state["cv_f"])
panels = {
    "sets": sets_tab,
    "chord": partial(chord_tab, g, w1),
    "curvature": partial(curvature_tab, g, w1, f, w2),
    "tangent": partial(tangent_tab, g, w1, f, w2),
    "verdict": partial(verdict_tab, g, w1, f, w2),
    "minima": partial(minima_tab, f, w2),
}
# only the open tab runs
lazy_tabs(panels, labels, key="cv_tabs")
CONVEXITY.finish(CONVEXITY.held())
