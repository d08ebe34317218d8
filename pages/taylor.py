"""Taylor series (section 3.4): T_n of one variable; tangent plane, Hessian quadric and Newton's step in two."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from core import presets, taylor
from core.figures import taylor as figs
from core.functions import ExpressionError, parse_function
from ui import charts
from ui import state as url
from ui.text import lang, t

P, S = "taylor.", st.session_state
TOLERANCES = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10)
PRESETS_2D = presets.presets_for(2)


@dataclasses.dataclass(frozen=True)
class Settings:
    f1: str = url.setting("e^x")
    a: float = url.setting(0.0, lo=-10.0, hi=10.0)
    n: int = url.setting(3, lo=0, hi=taylor.MAX_ORDER)
    tol: float = url.setting(1e-3, choices=TOLERANCES)
    f2: str = url.setting(taylor.CHAPTER_TEXT)
    x0: float = url.setting(3.0, lo=-100.0, hi=100.0)
    y0: float = url.setting(4.0, lo=-100.0, hi=100.0)
    lr: float = url.setting(0.05, lo=0.0001, hi=10.0)
    angle: float = url.setting(taylor.ANGLE, lo=0.0, hi=360.0)


@st.cache_data(max_entries=64, show_spinner=False)
def series(text: str, a: float) -> taylor.Series1D:
    return taylor.series(parse_function(text, 1), a)


@st.cache_data(max_entries=32, show_spinner=False)
def exact_2d(text: str, point: tuple, angle: float):
    fn = parse_function(text, 2)
    return taylor.error_curve(fn, point, angle), taylor.change_table(fn, point)


def seed_formula(field: str, text: str, known: dict) -> None:
    """Preset selectbox + typed text for a formula field, seeded from the URL on the first run."""
    if f"ty_{field}_choice" not in S:
        key = next((k for k, p in known.items() if p.text == text.strip()), "typed")
        S[f"ty_{field}_choice"], S[f"ty_{field}_text"] = key, text


def formula(where, field: str, known: dict, names) -> str:
    options = [*known, "typed"]
    where.selectbox(t(P + "function"), options, key=f"ty_{field}_choice", format_func=names)
    if S[f"ty_{field}_choice"] == "typed":
        box = where.text_input(
            t(P + "typed"), key=f"ty_{field}_text", help=t(P + "typed.help"), max_chars=url.MAX_TEXT
        )
        return box or ""
    return known[S[f"ty_{field}_choice"]].text


def one_variable() -> dict:
    c = st.columns([2, 2, 2, 2])
    names = {k: f"{t(P + 'preset1.' + k)} — {p.text}" for k, p in taylor.PRESETS_1D.items()}
    text = formula(c[0], "f1", taylor.PRESETS_1D, lambda k: names.get(k, t(P + "preset.typed")))
    preset = taylor.preset_for(text)
    window = preset.window if preset else taylor.TYPED_WINDOW
    S["ty_a"] = float(np.clip(S.get("ty_a", 0.0), *window))  # a preset's window may not hold the old a
    n = c[1].slider(t(P + "n"), 0, taylor.MAX_ORDER, key="ty_n")
    a = c[2].slider(t(P + "a"), *window, step=0.05, key="ty_a", help=t(P + "a.help"))
    tol = c[3].select_slider(t(P + "tol"), TOLERANCES, key="ty_tol", format_func=lambda v: f"{v:.0e}")
    out = {"f1": text, "a": a, "n": n, "tol": tol}
    try:
        fn, s = parse_function(text, 1), series(text, a)
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
        right.markdown(t(P + key, **fields))
    return out


def two_variables() -> dict:
    c = st.columns([3, 1, 1, 1, 1])
    names = {k: f"{t(P + 'preset2.' + k)} — {p.text}" for k, p in PRESETS_2D.items()}
    text = formula(c[0], "f2", PRESETS_2D, lambda k: names.get(k, t(P + "preset.typed")))
    x0 = c[1].number_input(t(P + "x0"), -100.0, 100.0, step=0.5, key="ty_x0")
    y0 = c[2].number_input(t(P + "y0"), -100.0, 100.0, step=0.5, key="ty_y0")
    lr = c[3].number_input(t(P + "lr"), 0.0001, 10.0, step=0.01, format="%.4f", key="ty_lr")
    angle = c[4].number_input(t(P + "angle"), 0.0, 360.0, step=15.0, key="ty_angle", help=t(P + "angle.help"))
    out, point = {"f2": text, "x0": x0, "y0": y0, "lr": lr, "angle": angle}, (x0, y0)
    try:
        fn = parse_function(text, 2)
        loc = taylor.local(fn, point)
        errors, table = exact_2d(text, point, angle)
    except ExpressionError as err:
        st.warning(err.message(lang()))
        return out
    except ValueError:
        st.warning(t(P + "not_smooth2", x0=x0, y0=y0))
        return out
    preset = presets.find(text)
    window = taylor.window_2d(preset.window if preset else taylor.TYPED_WINDOW_2D, point)
    full, near = taylor.surface_grid(fn, window), taylor.model_grids(fn, loc, taylor.neighbourhood(window))
    steps = taylor.steps(loc, lr)
    left, right = st.columns(2)
    charts.chart(figs.surface_figure(full, near, loc, fn.variables, lang()), key="ty_3d", where=left)
    charts.chart(
        figs.contour_figure(full, near, loc, steps, fn.variables, lang()), key="ty_contour", where=right
    )
    hessian_panel(fn, loc)
    change_panel(fn, point, table)
    left, right = st.columns([3, 2])
    charts.chart(figs.error_figure(errors, lang()), key="ty_errors", where=left)
    for order, slope in (("first", errors.slope_first), ("second", errors.slope_second)):
        key = "slope.exact" if slope is None else "slope"
        right.markdown(t(P + key, model=t(P + "fig." + order), slope=f"{slope or 0:.2f}"))
    right.caption(t(P + "slope.help"))
    newton_panel(fn, loc, steps, lr)
    return out


def hessian_panel(fn, loc) -> None:
    g = ", ".join(f"{v:.6g}" for v in loc.gradient)
    h = r" \\ ".join(" & ".join(f"{v:.6g}" for v in row) for row in loc.hessian)
    st.latex(rf"\nabla f = {fn.latex['gradient']},\quad H = {fn.latex['hessian']}")
    st.latex(
        rf"f(p) = {loc.value:.6g},\quad \nabla f(p) = [{g}],\quad H(p) = \begin{{bmatrix}}{h}\end{{bmatrix}}"
    )
    st.markdown(t(P + ("symmetric" if taylor.hessian_symmetric(fn) else "not_symmetric")))


def change_panel(fn, point, table) -> None:
    st.subheader(t(P + "change.title"))
    chapter = taylor.is_chapter_case(fn, point)
    rows = []
    for delta, estimate, exact, diff in table:
        row = {"δ": f"({delta[0]}, {delta[1]})", t(P + "change.estimate"): estimate, t(P + "change.exact"): exact,
               t(P + "change.diff"): diff}  # fmt: skip
        if chapter:
            row[t(P + "change.book")] = taylor.CHAPTER_PRINTED[delta]
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t(P + ("change.chapter" if chapter else "change.help")))


def newton_panel(fn, loc, steps, lr) -> None:
    st.subheader(t(P + "newton.title"))
    st.latex(r"p_{\text{Newton}} = p - H^{-1}\nabla f(p), \qquad p_{\text{grad}} = p - \mu\,\nabla f(p)")
    g = steps.gradient_step
    st.markdown(t(P + "newton.gradient", lr=lr, x=f"{g[0]:.6g}", y=f"{g[1]:.6g}", f=f"{fn.value(*g):.6g}"))
    if steps.newton is None:
        st.warning(t(P + "newton.singular"))
        return
    q = steps.newton
    st.markdown(t(P + "newton.point", x=f"{q[0]:.6g}", y=f"{q[1]:.6g}", f=f"{fn.value(*q):.6g}",
                  f0=f"{loc.value:.6g}"))  # fmt: skip
    if steps.stationary != "minimum":
        eig = ", ".join(f"{v:.4g}" for v in loc.eigenvalues)
        st.warning(t(P + "newton.not_pd", eig=eig, kind=t(P + "stationary." + steps.stationary),
                     slope=f"{steps.slope:.4g}", change=f"{steps.model_change:.4g}"))  # fmt: skip
    else:
        st.caption(t(P + "newton.pd"))


state, ignored = url.load(Settings)
url.seed(state, "ty_")
seed_formula("f1", state.f1, taylor.PRESETS_1D)
seed_formula("f2", state.f2, PRESETS_2D)
st.title(t("view.taylor.title"))
st.caption(t(P + "intro"))
if ignored:
    st.info(t(P + "ignored", keys=", ".join(ignored)))
one, two = st.tabs([t(P + "tab.one"), t(P + "tab.two")])
with one:
    values = one_variable()
with two:
    values |= two_variables()
url.save(Settings(**values))
