"""Convexity (sections 3.6-3.7): convex sets, the three tests, the Hessian map, local minima and basins."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from core import convexity as cv
from core import critical_points as cp
from core import optimizers, presets
from core.figures import convexity as figs
from core.functions import ExpressionError, parse_function
from ui import charts, jobs
from ui import state as url
from ui.tabs import lazy_tabs
from ui.text import lang, t

P, S, K, TYPED = "convexity.", st.session_state, "cv_", "typed"
SURFACES, RESTARTS = presets.presets_for(2), 6
box = lambda where, field: where.text_input(t(P + field), key=K + field, max_chars=url.MAX_TEXT)  # noqa: E731


@dataclasses.dataclass(frozen=True)
class Settings:
    curve: str = url.setting("square", choices=(*cv.CURVES, TYPED))
    g: str = url.setting("x^2 - 2x")
    a: float = url.setting(-3.0, lo=-1e3, hi=1e3)
    b: float = url.setting(5.0, lo=-1e3, hi=1e3)
    alpha: float = url.setting(0.3, lo=0.0, hi=1.0)
    xs: str = url.setting("-2, 1, 3")
    ws: str = url.setting("0.2, 0.3, 0.5")
    x0: float = url.setting(1.0, lo=-1e3, hi=1e3)
    region: str = url.setting("crescent", choices=(*cv.REGIONS, TYPED))
    lhs: str = url.setting("x^2 + 2y^2 - 1")
    px: float = url.setting(-0.2, lo=-1.5, hi=1.5)
    py: float = url.setting(0.85, lo=-1.5, hi=1.5)
    qx: float = url.setting(-0.2, lo=-1.5, hi=1.5)
    qy: float = url.setting(-0.85, lo=-1.5, hi=1.5)
    surface: str = url.setting("himmelblau", choices=(*SURFACES, TYPED))
    f: str = url.setting("x^4 + y^4 - 2x^2")
    tx: float = url.setting(0.0, lo=-1e3, hi=1e3)
    ty: float = url.setting(0.0, lo=-1e3, hi=1e3)
    optimizer: str = url.setting("sgd", choices=optimizers.NAMES)
    lr: float = url.setting(0.01, lo=1e-6, hi=10.0)
    steps: int = url.setting(300, lo=1, hi=2000)
    res: int = url.setting(128, choices=(64, 128, 256))
    seed: int = url.setting(0, lo=0, hi=999_999)


def parsed(text: str, nvars: int):  # the Function, or None after one friendly warning (the text stays)
    try:
        return parse_function(text, nvars)
    except ExpressionError as err:
        st.warning(err.message(lang()))


def slider(where, field: str, lo: float, hi: float, step: float = 0.05) -> float:  # clamped: windows change
    S[K + field] = float(min(max(S[K + field], lo), hi))
    return where.slider(t(P + field), float(lo), float(hi), step=step, key=K + field)


RESETS = {"curve": cv.Curve.defaults, "region": cv.Region.defaults,
          "surface": lambda p: {"tx": 0.0, "ty": 0.0, "lr": p.lr}}  # fmt: skip
REGISTRIES = {"curve": cv.CURVES, "surface": SURFACES, "region": cv.REGIONS}


def reset(field: str, key: str | None = None) -> None:  # a new choice brings its own points (and lr)
    S[K + field] = key = key or S[K + field]
    S.update({K + k: v for k, v in RESETS[field](REGISTRIES[field][key]).items()} if key != TYPED else {})


def function_input(field: str, text_field: str, nvars: int):  # (Function or None, text), named or typed
    names = REGISTRIES[field]
    st.sidebar.selectbox(t(P + field), (*names, TYPED), key=K + field, on_change=reset, args=(field,),
                         format_func=lambda k: names[k].text if k != TYPED else t(P + "typed"))  # fmt: skip
    typed = S[K + field] == TYPED
    text = box(st.sidebar, text_field) if typed else names[S[K + field]].text
    return parsed(text, nvars), text


candidates = st.cache_data(max_entries=16, show_spinner=False)(cp.candidates_for)


def critical(f, window):  # sympy's candidates in the sandbox, Newton's polish in the worker pool
    return jobs.result("critical", (f.analysis, window, candidates(f.text)), key=(f.text, window))


def basins(f, window, settings: optimizers.Settings, res: int, minima) -> cp.Basins | None:
    args = (f.analysis, window, settings, res, minima)
    return jobs.result("basins", args, key=(f.text, window, settings, res, minima))


def sets_tab() -> None:
    st.caption(t(P + "sets_caption"))
    left, right = st.columns([1, 2])
    left.selectbox(t(P + "region"), (*cv.REGIONS, TYPED), key=K + "region", on_change=reset, args=("region",),
                   format_func=lambda k: t(f"{P}region.{k}"))  # fmt: skip
    inside = cv.REGIONS[S[K + "region"]].inside if S[K + "region"] != TYPED else None
    inside = inside or cv.typed_region(parsed(box(left, "lhs"), 2))
    p = (slider(left, "px", -1.5, 1.5), slider(left, "py", -1.5, 1.5))
    q = (slider(left, "qx", -1.5, 1.5), slider(left, "qy", -1.5, 1.5))
    check = cv.check_segment(inside, p, q)
    (left.success if check.verdict == "segment_inside" else left.warning)(t(P + check.verdict, percent=check.outside_percent))  # fmt: skip
    charts.chart(figs.region_figure(inside, check, p, q, lang()), key="cv_sets_fig", where=right)


def chord_tab(g, window) -> None:
    st.caption(t(P + "chord_caption"))
    if g is None:
        return st.info(t(P + "need_curve"))
    for col, key in zip(st.columns(2), ("square", "cube"), strict=True):  # figure 3.16, left and right
        col.button(t(P + f"book_{key}"), on_click=reset, args=("curve", key), key=f"cv_book_{key}")
    c = st.columns(3)
    a, b = slider(c[0], "a", *window, 0.1), slider(c[1], "b", *window, 0.1)
    show_jensen(cv.chord(g, a, b, slider(c[2], "alpha", 0.0, 1.0)), g, window, "cv_chord_fig")
    st.subheader(t(P + "jensen_title"))
    xs, ws = (box(col, k) for col, k in zip(st.columns(2), ("xs", "ws"), strict=True))
    if (jensen := cv.jensen_text(g, xs, ws)) is None:
        return st.warning(t(P + "jensen_bad"))
    show_jensen(jensen, g, window, "cv_jensen_fig")


def show_jensen(j: cv.Jensen, g, window, key: str) -> None:
    st.markdown(t(P + f"side.{j.side}", **cv.jensen_fields(j)))
    charts.chart(figs.chord_figure(g, j, window, lang()), key=key)


def curvature_tab(g, window, f, w2) -> None:
    st.caption(t(P + "curvature_caption"))
    if g is not None:
        charts.chart(figs.curvature_figure(g, window, lang()), key="cv_curv_fig")
    if f is not None:
        st.caption(t(P + "hessian_caption"))
        charts.chart(figs.hessian_map_figure(f, w2, lang()), key="cv_hess_fig")


def tangent_tab(g, window, f, w2) -> None:
    st.caption(t(P + "tangent_caption"))
    if g is not None:
        x0 = slider(st, "x0", *window, 0.05)
        dips = cv.tangent_dips(g, x0, window)
        st.markdown(t(P + ("dips" if dips else "stays_above"), x0=cv.number_text(cv.rational(x0))))
        charts.chart(figs.tangent_figure(g, x0, window, lang()), key="cv_tan_fig")
    if f is not None:
        c = st.columns(2)
        p0 = (slider(c[0], "tx", *w2[0]), slider(c[1], "ty", *w2[1]))
        charts.chart(figs.tangent_plane_figure(f, p0, w2, lang()), key="cv_plane_fig")


def verdict_tab(g, w1, f, w2) -> None:
    st.caption(t(P + "verdict_caption"))
    for fn, window in [(fn, w) for fn, w in ((g, (w1,)), (f, w2)) if fn is not None]:
        results = jobs.result("verdict", (fn.analysis, window), key=(fn.text, fn.nvars, window))
        if results is None:
            continue
        st.markdown(t(P + "overall", name=fn.text, verdict=t(P + f"verdict.{cv.overall(results)}")))
        witness = {k: cv.witness_fields(r) for k, r in results.items()}
        rows = [(t(P + f"test.{k}"), t(P + f"verdict.{r.verdict}"), t(P + f"witness.{k}", **witness[k]) if witness[k] else "")
                for k, r in results.items()]  # fmt: skip
        st.table(pd.DataFrame(rows, columns=[t(P + f"col.{c}") for c in ("test", "verdict", "witness")]))
        if fn.nvars == 2 and (w := results["chord"].against_convex):
            charts.chart(figs.slice_figure(fn, w, lang()), key="cv_slice_fig")


def minima_tab(f, w2) -> None:
    st.caption(t(P + "minima_caption"))
    if f is None:
        return st.info(t(P + "need_surface"))
    points = critical(f, w2)
    if points is None:
        return
    charts.chart(figs.critical_figure(f, w2, points, lang()), key="cv_crit_fig")
    rows = cp.table(points, kind_name=lambda kind: t(P + f"kind.{kind}"))
    st.dataframe(pd.DataFrame(rows, columns=[t(P + f"col.{c}") for c in cp.COLUMNS]), hide_index=True)
    st.subheader(t(P + "basins_title"))
    c = st.columns(4)
    c[0].selectbox(t(P + "optimizer"), optimizers.NAMES, key=K + "optimizer")
    c[1].number_input(t(P + "lr"), 1e-6, 10.0, key=K + "lr", format="%g", step=0.001)
    c[2].number_input(t(P + "steps"), 1, 2000, key=K + "steps", step=50)
    c[3].selectbox(t(P + "res"), (64, 128, 256), key=K + "res", format_func=lambda r: f"{r} × {r}")
    settings = optimizers.Settings(S[K + "optimizer"], float(S[K + "lr"]), int(S[K + "steps"]))
    b = basins(f, w2, settings, S[K + "res"], cp.minima(points))
    if b is None:
        return
    st.caption(t(P + "basins_summary", **cp.shares_text(b)))
    if st.button(t(P + "restart"), key="cv_restart"):
        S[K + "seed"] = int(np.random.default_rng().integers(1_000_000))
    paths = cp.random_paths(f, w2, settings, RESTARTS, int(S[K + "seed"]))
    charts.chart(figs.basins_figure(f, b, lang(), paths), key="cv_basins_fig")


state, ignored = url.load(Settings)
url.seed(state, K)  # and re-set, so settings in closed tabs keep their values
st.title(t("view.convexity.title"))
st.caption(t(P + "intro"))
if ignored:  # (a bare expression would be drawn by Streamlit's magic)
    st.info(t(P + "ignored", keys=", ".join(ignored)))
(g, _), (f, f_text) = function_input("curve", "g", 1), function_input("surface", "f", 2)
w1, w2 = cv.curve_window(S[K + "curve"]), cv.surface_window(S[K + "surface"], f_text)
panels = {"sets": sets_tab, "chord": lambda: chord_tab(g, w1), "curvature": lambda: curvature_tab(g, w1, f, w2),
          "tangent": lambda: tangent_tab(g, w1, f, w2), "verdict": lambda: verdict_tab(g, w1, f, w2),
          "minima": lambda: minima_tab(f, w2)}  # fmt: skip
lazy_tabs(panels, {k: t(P + f"tab.{k}") for k in panels}, key="cv_tabs")  # only the open tab runs
url.save(dataclasses.replace(state, **{k: S[K + k] for k in url.to_params(state) if K + k in S}))
