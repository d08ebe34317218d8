"""Decision boundaries (sections 3.1-3.2): classifiers trained live, parameter space, sign of phi, rasters."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from core import classifiers, datasets, rasters
from core.figures import classifiers as figs
from ui import charts, downloads, jobs
from ui.live_training import LiveTraining
from ui.plotly_component import plotly_canvas
from ui.tabs import lazy_tabs, opening
from ui.text import lang, literal, t
from ui.views import DECISION_BOUNDARIES

TEXT = "decision_boundaries."


dataset = st.cache_data(max_entries=20)(datasets.make)
boundary = st.cache_data(max_entries=10)(figs.boundary_figure)
parameter_grid = st.cache_data(max_entries=10)(classifiers.parameter_grid)


def star_parameters(hit) -> None:
    st.session_state["db_star"] = (st.session_state.get("db_context"), (hit["x"], hit["y"]))


def set_sign_point(hit) -> None:
    st.session_state.update(db_sx=round(hit["x"], 2), db_sy=round(hit["y"], 2))


def select_pixel(hit) -> None:
    st.session_state["db_pixel"] = int(hit["point_index"])


# what a click on each chart does (Streamlit reports clicks on scatter points only)
ACTIONS = {
    "db_param_chart": star_parameters,
    "db_sign_chart": set_sign_point,
    "db_img_chart": select_pixel,
    "db_vec_chart": select_pixel,
}


def chart(where, fig, key: str) -> None:
    """A Plotly chart whose clicks run ACTIONS[key] before the page reruns."""
    charts.chart(fig, key=key, where=where, on_select=partial(clicked, key), selection_mode="points")


def clicked(key: str) -> None:
    """Run the chart's action on the first point clicked."""
    for hit in st.session_state[key].selection.points[:1]:
        ACTIONS[key](hit)


def choose(where, field: str, options) -> None:
    """A selectbox over a registry's keys, labelled from the catalogue; the URL stores the key."""
    # looked up now, in this run's language
    names = {k: t(f"{TEXT}{field}.{k}") for k in options}
    where.selectbox(t(TEXT + field), list(options), key="db_" + field, format_func=names.get)


def add_point(xy) -> None:
    s = st.session_state
    try:
        s["db_extra"] = datasets.add_point(*s.get("db_extra", datasets.empty()), xy, s["db_class"])
    # bad data: one catalogue message, nothing changed
    except datasets.DatasetError as err:
        s["db_msg"] = (err.key, err.values)


def on_upload() -> None:
    s = st.session_state
    # read one byte past the limit: a huge file is refused without being read whole
    try:
        if file := s.get("db_file"):
            X, y = datasets.load_csv(file.read(datasets.MAX_UPLOAD_BYTES + 1))
            s["db_upload"], s["db_extra"] = (literal(file.name), X, y), datasets.empty()
    except datasets.DatasetError as err:
        s["db_msg"] = (err.key, err.values)


def sidebar() -> None:
    """The data and training settings, keyed db_<field>."""
    bar = st.sidebar
    choose(bar, "data", datasets.DATASETS)
    bar.slider(t(TEXT + "n"), 20, datasets.MAX_POINTS, step=10, key="db_n")
    bar.slider(t(TEXT + "noise"), 0.0, 1.0, step=0.05, key="db_noise")
    bar.number_input(t(TEXT + "seed"), 0, 999_999, step=1, key="db_seed")
    choose(bar, "model", classifiers.MODELS)
    choose(bar, "loss", classifiers.LOSSES)
    bar.number_input(t(TEXT + "lr"), 0.0001, 10.0, step=0.01, format="%.4f", key="db_lr")
    bar.number_input(t(TEXT + "steps"), 1, 5000, step=100, key="db_steps")


def train_tab(s, X, y) -> None:
    st.latex(classifiers.FORMULAS[s.model] + r"\qquad " + classifiers.FORMULAS[s.loss])
    runs = st.session_state.setdefault("db_runs", {})
    cfg = (datasets.fingerprint(X, y), s.model, s.loss, s.lr, s.steps, s.seed)
    left, right = st.columns([3, 2])
    # beside the plot, above what it explains ("click Train"): in presenter mode, where the plot comes first,
    # it is on screen at load too
    train = right.button(
        t(TEXT + "train"), type="primary", key="db_train", on_click=jobs.retry, args=("classifier", cfg)
    )
    waiting = right.container()
    # keyed: presenter mode draws it first (ui.views), the live drawings of a training as the replay
    plot, side = left.container(key="db_plot").empty(), right.empty()
    if train:
        # the boundary and the loss curves drawn while it trains (ui.live_training)
        live = LiveTraining(plot, side, X, y, lang())

        def keep(partial):
            # what we have so far, so that a stopped run still shows its boundary
            runs[cfg] = partial
            live.show(partial)

        args = (s.model, X, y, s.loss, s.lr, s.steps, s.seed)
        with waiting:
            runs[cfg] = jobs.result("classifier", args, key=cfg, on_partial=keep) or runs.get(cfg)
    result = runs.get(cfg) or classifiers.initial(s.model, s.seed)
    fig = boundary(X, y, s.model, result.snapshots, result.snapshot_steps, lang())
    # the replay on the canvas player; a click on the plot adds a point there
    with plot.container():
        plotly_canvas(fig, key="db_data_chart", draggable=True, on_start=lambda *xy: add_point(xy))
        if "animation" in fig:
            downloads.animation_button(st, "gif", lambda: fig, "decision_boundary.gif", key="db_gif")
    right = side.container()
    if result.reason == "untrained":
        right.caption(t(TEXT + "untrained"))
        return
    charts.chart(figs.curves_figure(result, lang()), key="db_curves_chart", where=right)
    if result.reason != "steps":
        right.warning(t(TEXT + "reason." + result.reason, step=result.snapshot_steps[-1]))
    right.caption(t(TEXT + "summary", **classifiers.summary(result)))


def class_name(label: float) -> str:
    return f"{label:+.0f}"


def forget_points() -> None:
    """Drop the uploaded and added points."""
    for key in ("db_upload", "db_extra"):
        st.session_state.pop(key, None)


def data_controls(name, added: int, n: int) -> None:
    with st.expander(t(TEXT + "add")):
        st.caption(t(TEXT + "add.help"))
        c = st.columns(4)
        c[0].radio(t(TEXT + "add.class"), [1.0, -1.0], key="db_class", format_func=class_name)
        x1 = c[1].number_input("x₁", -1e6, 1e6, 0.0, key="db_x1")
        x2 = c[2].number_input("x₂", -1e6, 1e6, 0.0, key="db_x2")
        c[3].button(t(TEXT + "add.button"), key="db_add", on_click=add_point, args=((x1, x2),))
        help_ = t(TEXT + "upload.help")
        st.file_uploader(t(TEXT + "upload"), type="csv", key="db_file", on_change=on_upload, help=help_)
        st.button(t(TEXT + "reset"), key="db_reset", on_click=forget_points)
        st.caption(
            t(TEXT + "count", n=n, added=added) + (" " + t(TEXT + "uploaded", name=name) if name else "")
        )


def params_tab(s, X, y) -> None:
    choose(st, "pair", classifiers.PARAM_PAIRS)
    args = ("hyperplane", X, y, s.loss, s.lr, s.steps, s.seed)
    # the same job, shared, as "Train" with the hyperplane on the training tab
    run = jobs.result("classifier", args, key=(datasets.fingerprint(X, y), *args[:1], *args[3:]))
    if run is None:
        return
    trained, spec = run.final, classifiers.PARAM_PAIRS[s.pair]
    context = (datasets.fingerprint(X, y), s.pair, s.loss, s.lr, s.steps, s.seed)
    st.session_state["db_context"] = context
    # (context, (p, q)) of the last click; stale once the data or settings change
    star = st.session_state.get("db_star")
    pq = star[1] if star and star[0] == context else spec.from_wb(trained["w"], trained["b"])
    params = classifiers.hyperplane_at(s.pair, *pq, trained)
    if s.model != "hyperplane":  # the loss surface of two parameters is drawn for the hyperplane only
        st.info(t(TEXT + "params.other_model", model=t(TEXT + "model." + s.model)))
    st.caption(t(TEXT + "params.caption"))
    left, right = st.columns(2)
    path = classifiers.parameter_path(s.pair, run.snapshots)
    fig = figs.parameter_figure(*parameter_grid(X, y, s.loss, s.pair, trained), path, pq, spec.labels, lang())
    chart(left, fig, "db_param_chart")
    with right:
        plotly_canvas(boundary(X, y, "hyperplane", [params], [0], lang()), key="db_star_chart")
    st.markdown(t(TEXT + "params.readout", **classifiers.hyperplane_readout(X, y, s.loss, params)))
    st.button(
        t(TEXT + "params.reset"), key="db_star_reset", on_click=st.session_state.pop, args=("db_star", None)
    )


def sign_tab() -> None:
    st.caption(t(TEXT + "sign.caption"))
    c = st.columns(2)
    x, y = c[0].number_input("x", -3.0, 3.0, key="db_sx"), c[1].number_input("y", -3.0, 3.0, key="db_sy")
    side = classifiers.side_of_line(x, y)
    st.markdown(t(TEXT + "sign.readout", **{**side, "where": t(TEXT + "sign." + side["where"])}))
    chart(st, figs.sign_figure((x, y), lang()), "db_sign_chart")


def raster_tab(s) -> None:
    c = st.columns([2, 3])
    choose(c[0], "picture", rasters.PICTURES)
    grid = pd.DataFrame(rasters.picture(s.picture).astype(bool), columns=[str(j) for j in range(8)])
    # all 8 columns visible
    narrow = {j: st.column_config.CheckboxColumn(j, width=38) for j in grid.columns}
    image = c[0].data_editor(grid, key=f"db_pixels_{s.picture}", column_config=narrow).to_numpy().astype(int)
    index = c[1].slider(t(TEXT + "raster.pixel"), 0, image.size - 1, key="db_pixel")
    chart(c[1], figs.image_figure(image, index, lang()), "db_img_chart")
    chart(c[1], figs.vector_figure(rasters.raster(image), 8, index, lang()), "db_vec_chart")
    row, col = rasters.pixel_of(index, 8)
    c[1].markdown(t(TEXT + "raster.selected", row=row, col=col, width=8, index=index))
    h, w = st.columns(2)
    height = h.number_input(t(TEXT + "raster.height"), 1, 10_000, 224, key="db_h")
    width = w.number_input(t(TEXT + "raster.width"), 1, 10_000, 224, key="db_w")
    st.latex(rf"{height} \times {width} \;\longrightarrow\; {rasters.vector_length(height, width):,}")


def train_panel(state, X, y, upload) -> None:
    """The training tab: the run, then the controls that add or upload points."""
    train_tab(state, X, y)
    added = len(st.session_state.get("db_extra", datasets.empty())[1])
    data_controls(upload[0] if upload else None, added, len(y))


DECISION_BOUNDARIES.start()
st.title(t("view.decision_boundaries.title"))
st.caption(t(TEXT + "intro"))
labels = {k: t(TEXT + "tab." + k) for k in ("train", "params", "sign", "raster")}
# the data and training settings act on the first two tabs only: shown there (kept by the seed meanwhile)
if opening(labels, "db_tabs") in ("train", "params"):
    sidebar()
state = DECISION_BOUNDARIES.held()
upload = st.session_state.get("db_upload")
generated = dataset(state.data, state.n, state.noise, state.seed)
X, y = datasets.combine(generated, upload, st.session_state.get("db_extra"))
if "db_msg" in st.session_state:
    key, values = st.session_state.pop("db_msg")
    st.warning(t(key, **values))
panels = {
    "train": partial(train_panel, state, X, y, upload),
    "params": partial(params_tab, state, X, y),
    "sign": sign_tab,
    "raster": partial(raster_tab, state),
}
# only the open tab runs
lazy_tabs(panels, labels, key="db_tabs")
DECISION_BOUNDARIES.finish(state)
