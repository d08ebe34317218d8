"""Taylor series (section 3.4): T_n of one variable; tangent plane, Hessian quadric and Newton's step in two."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core import presets, taylor
from core.figures import taylor as figs
from core.functions import ExpressionError, parse_function
from ui import charts, formula
from ui.text import lang, t
from ui.views import TAYLOR, TOLERANCES

TEXT = "taylor."
PRESETS_2D = presets.presets_for(2)


@st.cache_data(max_entries=64, show_spinner=False)
def series(text: str, a: float) -> taylor.Series1D:
    return taylor.series(parse_function(text, 1), a)


@st.cache_data(max_entries=32, show_spinner=False)
def exact_2d(text: str, point: tuple, angle: float):
    fn = parse_function(text, 2)
    return taylor.error_curve(fn, point, angle), taylor.change_table(fn, point)


def name_1d(key: str) -> str:
    return f"{t(TEXT + 'preset1.' + key)} — {taylor.PRESETS_1D[key].text}"


def name_2d(key: str) -> str:
    return f"{t(TEXT + 'preset2.' + key)} — {PRESETS_2D[key].text}"


def format_tolerance(value: float) -> str:
    return f"{value:.0e}"


def one_variable() -> dict:
    c = st.columns([2, 2, 2, 2])
    presets_1d = TAYLOR.formulas["f1"]
    fn = formula.box(
        c[0],
        preset_key="ty_f1_preset",
        text_key="ty_f1",
        presets=presets_1d,
        names=name_1d,
        nvars=1,
        fallback="e^x",
    )
    text = fn.text
    preset = taylor.preset_for(text)
    window = preset.window if preset else taylor.TYPED_WINDOW
    # a preset's window may not hold the old a
    st.session_state["ty_a"] = float(np.clip(st.session_state.get("ty_a", 0.0), *window))
    n = c[1].slider(t(TEXT + "n"), 0, taylor.MAX_ORDER, key="ty_n")
    a = c[2].slider(t(TEXT + "a"), *window, step=0.05, key="ty_a", help=t(TEXT + "a.help"))
    tol = c[3].select_slider(t(TEXT + "tol"), TOLERANCES, key="ty_tol", format_func=format_tolerance)
    out = {"f1": formula.value(text, presets_1d), "a": a, "n": n, "tol": tol}
    try:
        s = series(text, a)
    except ExpressionError as err:
        st.warning(err.message(lang()))
        return out
    curves = taylor.curves(fn, s, n, window)
    interval = taylor.tolerance_interval(curves.x, curves.error, a, tol)
    r = taylor.radius(preset, a)
    conv = (a - r, a + r) if r is not None and np.isfinite(r) else None
    yrange = preset.yrange if preset else taylor.auto_range(curves.f)
    fig = figs.one_variable_figure(curves, a, s.derivatives[0], n, tol, interval, conv, yrange, lang())
    left, right = st.columns([3, 2])
    charts.chart(fig, key="ty_chart1", where=left)
    right.latex(r"T_n(x) = \sum_{k=0}^{n} \frac{f^{(k)}(a)}{k!}\,(x-a)^k")
    right.latex(taylor.terms_latex(s, n, fn.variables[0]))
    for key, fields in (taylor.tolerance_readout(interval, curves.x, tol), taylor.radius_readout(r, a)):
        right.markdown(t(TEXT + key, **fields))
    return out


def two_variables() -> dict:
    c = st.columns([3, 1, 1, 1, 1])
    presets_2d = TAYLOR.formulas["f2"]
    fn = formula.box(
        c[0],
        preset_key="ty_f2_preset",
        text_key="ty_f2",
        presets=presets_2d,
        names=name_2d,
        nvars=2,
        fallback=taylor.CHAPTER_TEXT,
    )
    text = fn.text
    x0 = c[1].number_input(t(TEXT + "x0"), -100.0, 100.0, step=0.5, key="ty_x0")
    y0 = c[2].number_input(t(TEXT + "y0"), -100.0, 100.0, step=0.5, key="ty_y0")
    lr = c[3].number_input(t(TEXT + "lr"), 0.0001, 10.0, step=0.01, format="%.4f", key="ty_lr")
    angle = c[4].number_input(
        t(TEXT + "angle"), 0.0, 360.0, step=15.0, key="ty_angle", help=t(TEXT + "angle.help")
    )
    out, point = (
        {"f2": formula.value(text, presets_2d), "x0": x0, "y0": y0, "lr": lr, "angle": angle},
        (x0, y0),
    )
    try:
        loc = taylor.local(fn, point)
        errors, table = exact_2d(text, point, angle)
    except ValueError:
        st.warning(t(TEXT + "not_smooth2", x0=x0, y0=y0))
        return out
    preset = presets.find(text)
    window = taylor.window_2d(preset.window if preset else taylor.TYPED_WINDOW_2D, point)
    full, near = taylor.surface_grid(fn, window), taylor.model_grids(fn, loc, taylor.neighbourhood(window))
    steps = taylor.steps(loc, lr)
    left, right = st.columns(2)
    charts.chart(figs.surface_figure(full, near, loc, fn.variables, lang()), key="ty_3d", where=left)
    contour = figs.contour_figure(full, near, loc, steps, fn.variables, lang())
    charts.chart(contour, key="ty_contour", where=right)
    hessian_panel(fn, loc)
    change_panel(fn, point, table)
    left, right = st.columns([3, 2])
    charts.chart(figs.error_figure(errors, lang()), key="ty_errors", where=left)
    for order, slope in (("first", errors.slope_first), ("second", errors.slope_second)):
        key = "slope.exact" if slope is None else "slope"
        right.markdown(t(TEXT + key, model=t(TEXT + "fig." + order), slope=f"{slope or 0:.2f}"))
    right.caption(t(TEXT + "slope.help"))
    newton_panel(fn, loc, steps, lr)
    return out


def hessian_panel(fn, loc) -> None:
    g = ", ".join(f"{v:.6g}" for v in loc.gradient)
    h = r" \\ ".join(" & ".join(f"{v:.6g}" for v in row) for row in loc.hessian)
    st.latex(rf"\nabla f = {fn.latex['gradient']},\quad H = {fn.latex['hessian']}")
    st.latex(
        rf"f(p) = {loc.value:.6g},\quad \nabla f(p) = [{g}],\quad H(p) = \begin{{bmatrix}}{h}\end{{bmatrix}}"
    )
    st.markdown(t(TEXT + ("symmetric" if taylor.hessian_symmetric(fn) else "not_symmetric")))


def change_panel(fn, point, table) -> None:
    st.subheader(t(TEXT + "change.title"))
    chapter = taylor.is_chapter_case(fn, point)
    rows = []
    for delta, estimate, exact, diff in table:
        row = {
            "δ": f"({delta[0]}, {delta[1]})",
            t(TEXT + "change.estimate"): estimate,
            t(TEXT + "change.exact"): exact,
            t(TEXT + "change.diff"): diff,
        }
        if chapter:
            row[t(TEXT + "change.book")] = taylor.CHAPTER_PRINTED[delta]
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t(TEXT + ("change.chapter" if chapter else "change.help")))


def newton_panel(fn, loc, steps, lr) -> None:
    st.subheader(t(TEXT + "newton.title"))
    st.latex(r"p_{\text{Newton}} = p - H^{-1}\nabla f(p), \qquad p_{\text{grad}} = p - \mu\,\nabla f(p)")
    g = steps.gradient_step
    st.markdown(t(TEXT + "newton.gradient", lr=lr, x=f"{g[0]:.6g}", y=f"{g[1]:.6g}", f=f"{fn.value(*g):.6g}"))
    if steps.newton is None:
        st.warning(t(TEXT + "newton.singular"))
        return
    q = steps.newton
    fields = {"x": f"{q[0]:.6g}", "y": f"{q[1]:.6g}", "f": f"{fn.value(*q):.6g}", "f0": f"{loc.value:.6g}"}
    st.markdown(t(TEXT + "newton.point", **fields))
    if steps.stationary != "minimum":
        eig = ", ".join(f"{v:.4g}" for v in loc.eigenvalues)
        kind = t(TEXT + "stationary." + steps.stationary)
        change = f"{steps.model_change:.4g}"
        st.warning(t(TEXT + "newton.not_pd", eig=eig, kind=kind, slope=f"{steps.slope:.4g}", change=change))
    else:
        st.caption(t(TEXT + "newton.pd"))


TAYLOR.start()
st.title(t("view.taylor.title"))
st.caption(t(TEXT + "intro"))
one, two = st.tabs([t(TEXT + "tab.one"), t(TEXT + "tab.two")])
with one:
    values = one_variable()
with two:
    values |= two_variables()
TAYLOR.finish(TAYLOR.settings(**values))
