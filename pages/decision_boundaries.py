"""Decision boundaries (sections 3.1-3.2): classifiers trained live, parameter space, sign of phi, rasters."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from core import classifiers, datasets, rasters
from core.figures import classifiers as figs
from ui import charts, jobs
from ui import state as url
from ui.tabs import lazy_tabs
from ui.text import lang, literal, t

P, S = "decision_boundaries.", st.session_state


@dataclasses.dataclass(frozen=True)
class Settings:
    data: str = url.setting("clusters", choices=datasets.DATASETS)
    n: int = url.setting(200, lo=20, hi=datasets.MAX_POINTS)
    noise: float = url.setting(0.2, lo=0.0, hi=1.0)
    seed: int = url.setting(0, lo=0, hi=999_999)
    model: str = url.setting("hyperplane", choices=classifiers.MODELS)
    loss: str = url.setting("squared", choices=classifiers.LOSSES)
    lr: float = url.setting(0.05, lo=0.0001, hi=10.0)
    steps: int = url.setting(500, lo=1, hi=5000)
    pair: str = url.setting("angle_b", choices=classifiers.PARAM_PAIRS)
    sx: float = url.setting(1.0, lo=-3.0, hi=3.0)
    sy: float = url.setting(1.0, lo=-3.0, hi=3.0)
    picture: str = url.setting("smiley", choices=rasters.PICTURES)
    pixel: int = url.setting(0, lo=0, hi=63)


dataset = st.cache_data(max_entries=20)(datasets.make)
boundary = st.cache_data(max_entries=10)(figs.boundary_figure)
parameter_grid = st.cache_data(max_entries=10)(classifiers.parameter_grid)
ACTIONS = {  # what a click on each chart does (Streamlit reports clicks on scatter points only)
    "db_data_chart": lambda hit: add_point((hit["x"], hit["y"])),
    "db_param_chart": lambda hit: S.update(db_star=(S.get("db_context"), (hit["x"], hit["y"]))),
    "db_sign_chart": lambda hit: S.update(db_sx=round(hit["x"], 2), db_sy=round(hit["y"], 2)),
    "db_img_chart": lambda hit: S.update(db_pixel=int(hit["point_index"])),
    "db_vec_chart": lambda hit: S.update(db_pixel=int(hit["point_index"])),
}


def chart(where, fig, key: str) -> None:
    """A Plotly chart whose clicks run ACTIONS[key] before the page reruns."""
    on_select = lambda: [ACTIONS[key](hit) for hit in S[key].selection.points[:1]]  # noqa: E731
    charts.chart(fig, key=key, where=where, on_select=on_select, selection_mode="points")


def choose(where, field: str, options) -> None:
    """A selectbox over a registry's keys, labelled from the catalogue; the URL stores the key."""
    names = {k: t(f"{P}{field}.{k}") for k in options}  # looked up now, in this run's language
    where.selectbox(t(P + field), list(options), key="db_" + field, format_func=names.get)


def add_point(xy) -> None:
    try:
        S["db_extra"] = datasets.add_point(*S.get("db_extra", datasets.empty()), xy, S["db_class"])
    except datasets.DatasetError as err:  # bad data: one catalogue message, nothing changed
        S["db_msg"] = (err.key, err.values)


def on_upload() -> None:
    try:  # read one byte past the limit: a huge file is refused without being read whole
        if file := S.get("db_file"):
            X, y = datasets.load_csv(file.read(datasets.MAX_UPLOAD_BYTES + 1))
            S["db_upload"], S["db_extra"] = (literal(file.name), X, y), datasets.empty()
    except datasets.DatasetError as err:
        S["db_msg"] = (err.key, err.values)


def sidebar() -> Settings:
    """The settings widgets, all keyed db_<field>; returns the settings they now hold."""
    bar = st.sidebar
    choose(bar, "data", datasets.DATASETS)
    bar.slider(t(P + "n"), 20, datasets.MAX_POINTS, step=10, key="db_n")
    bar.slider(t(P + "noise"), 0.0, 1.0, step=0.05, key="db_noise")
    bar.number_input(t(P + "seed"), 0, 999_999, step=1, key="db_seed")
    choose(bar, "model", classifiers.MODELS)
    choose(bar, "loss", classifiers.LOSSES)
    bar.number_input(t(P + "lr"), 0.0001, 10.0, step=0.01, format="%.4f", key="db_lr")
    bar.number_input(t(P + "steps"), 1, 5000, step=100, key="db_steps")
    return Settings(**{f.name: S.get("db_" + f.name, f.default) for f in dataclasses.fields(Settings)})


def train_tab(s: Settings, X, y) -> None:
    st.latex(classifiers.FORMULAS[s.model] + r"\qquad " + classifiers.FORMULAS[s.loss])
    runs = S.setdefault("db_runs", {})
    cfg = (datasets.fingerprint(X, y), s.model, s.loss, s.lr, s.steps, s.seed)
    if st.button(
        t(P + "train"), type="primary", key="db_train", on_click=jobs.retry, args=("classifier", cfg)
    ):

        def keep(partial):  # what we have so far, so that a stopped run still shows its boundary
            runs[cfg] = partial

        args = (s.model, X, y, s.loss, s.lr, s.steps, s.seed)
        runs[cfg] = jobs.result("classifier", args, key=cfg, on_partial=keep) or runs.get(cfg)
    result = runs.get(cfg) or classifiers.initial(s.model, s.seed)
    left, right = st.columns([3, 2])
    chart(left, boundary(X, y, s.model, result.snapshots, result.snapshot_steps, lang()), "db_data_chart")
    if result.reason == "untrained":
        right.caption(t(P + "untrained"))
        return
    charts.chart(figs.curves_figure(result, lang()), key="db_curves_chart", where=right)
    if result.reason != "steps":
        right.warning(t(P + "reason." + result.reason, step=result.snapshot_steps[-1]))
    right.caption(t(P + "summary", **classifiers.summary(result)))


def data_controls(name, added: int, n: int) -> None:
    with st.expander(t(P + "add")):
        st.caption(t(P + "add.help"))
        c = st.columns(4)
        c[0].radio(t(P + "add.class"), [1.0, -1.0], key="db_class", format_func=lambda v: f"{v:+.0f}")
        x1 = c[1].number_input("x₁", -1e6, 1e6, 0.0, key="db_x1")
        x2 = c[2].number_input("x₂", -1e6, 1e6, 0.0, key="db_x2")
        c[3].button(t(P + "add.button"), key="db_add", on_click=add_point, args=((x1, x2),))
        help_ = t(P + "upload.help")
        st.file_uploader(t(P + "upload"), type="csv", key="db_file", on_change=on_upload, help=help_)
        forget = lambda: [S.pop(k, None) for k in ("db_upload", "db_extra")]  # noqa: E731
        st.button(t(P + "reset"), key="db_reset", on_click=forget)
        st.caption(t(P + "count", n=n, added=added) + (" " + t(P + "uploaded", name=name) if name else ""))


def params_tab(s: Settings, X, y) -> None:
    choose(st, "pair", classifiers.PARAM_PAIRS)
    args = ("hyperplane", X, y, s.loss, s.lr, s.steps, s.seed)
    # the same job, shared, as "Train" with the hyperplane on the training tab
    run = jobs.result("classifier", args, key=(datasets.fingerprint(X, y), *args[:1], *args[3:]))
    if run is None:
        return
    trained, spec = run.final, classifiers.PARAM_PAIRS[s.pair]
    context = S["db_context"] = (datasets.fingerprint(X, y), s.pair, s.loss, s.lr, s.steps, s.seed)
    star = S.get("db_star")  # (context, (p, q)) of the last click; stale once the data or settings change
    pq = star[1] if star and star[0] == context else spec.from_wb(trained["w"], trained["b"])
    params = classifiers.hyperplane_at(s.pair, *pq, trained)
    st.caption(t(P + "params.caption"))
    left, right = st.columns(2)
    path = classifiers.parameter_path(s.pair, run.snapshots)
    fig = figs.parameter_figure(*parameter_grid(X, y, s.loss, s.pair, trained), path, pq, spec.labels, lang())
    chart(left, fig, "db_param_chart")
    charts.chart(
        boundary(X, y, "hyperplane", [params], [0], lang(), clickable=False), key="db_star_chart", where=right
    )
    st.markdown(t(P + "params.readout", **classifiers.hyperplane_readout(X, y, s.loss, params)))
    st.button(t(P + "params.reset"), key="db_star_reset", on_click=S.pop, args=("db_star", None))


def sign_tab() -> None:
    st.caption(t(P + "sign.caption"))
    c = st.columns(2)
    x, y = c[0].number_input("x", -3.0, 3.0, key="db_sx"), c[1].number_input("y", -3.0, 3.0, key="db_sy")
    side = classifiers.side_of_line(x, y)
    st.markdown(t(P + "sign.readout", **{**side, "where": t(P + "sign." + side["where"])}))
    chart(st, figs.sign_figure((x, y), lang()), "db_sign_chart")


def raster_tab(s: Settings) -> None:
    c = st.columns([2, 3])
    choose(c[0], "picture", rasters.PICTURES)
    grid = pd.DataFrame(rasters.picture(s.picture).astype(bool), columns=[str(j) for j in range(8)])
    narrow = {j: st.column_config.CheckboxColumn(j, width=38) for j in grid.columns}  # all 8 columns visible
    image = c[0].data_editor(grid, key=f"db_pixels_{s.picture}", column_config=narrow).to_numpy().astype(int)
    index = c[1].slider(t(P + "raster.pixel"), 0, image.size - 1, key="db_pixel")
    chart(c[1], figs.image_figure(image, index, lang()), "db_img_chart")
    chart(c[1], figs.vector_figure(rasters.raster(image), 8, index, lang()), "db_vec_chart")
    row, col = rasters.pixel_of(index, 8)
    c[1].markdown(t(P + "raster.selected", row=row, col=col, width=8, index=index))
    h, w = st.columns(2)
    height = h.number_input(t(P + "raster.height"), 1, 10_000, 224, key="db_h")
    width = w.number_input(t(P + "raster.width"), 1, 10_000, 224, key="db_w")
    st.latex(rf"{height} \times {width} \;\longrightarrow\; {rasters.vector_length(height, width):,}")


state, ignored = url.load(Settings)
url.seed(state, "db_")
st.title(t("view.decision_boundaries.title"))
st.caption(t(P + "intro"))
if ignored:
    st.info(t(P + "ignored", keys=", ".join(ignored)))
state = sidebar()
upload, generated = S.get("db_upload"), dataset(state.data, state.n, state.noise, state.seed)
X, y = datasets.combine(generated, upload, S.get("db_extra"))
if "db_msg" in S:
    st.warning(t(S["db_msg"][0], **S.pop("db_msg")[1]))
panels = {"train": lambda: (train_tab(state, X, y), data_controls(upload[0] if upload else None, len(S.get("db_extra", datasets.empty())[1]), len(y))),
          "params": lambda: params_tab(state, X, y), "sign": sign_tab, "raster": lambda: raster_tab(state)}  # fmt: skip
lazy_tabs(panels, {k: t(P + "tab." + k) for k in panels}, key="db_tabs")  # only the open tab runs
url.save(state)
