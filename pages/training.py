"""Training (section 3.5): the book's listings 3.1-3.5 run with its settings, animated and explained."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from core import listings, scripts
from core.figures import training as figs
from ui import charts, downloads, jobs, page
from ui import state as url
from ui.plotly_component import plotly_canvas
from ui.text import lang, t
from ui.views import TRAINING, Training

TEXT = "training."
FIELDS = ("seed", "n", "noise", "lr", "steps", "degree")


def book_values(listing: str) -> dict:
    return {f: getattr(listings.book_settings(listing), f) for f in FIELDS}


def reset_to_book() -> None:
    book = book_values(st.session_state["tr_listing"])
    st.session_state.update({"tr_" + name: value for name, value in book.items()})


def load() -> Training:
    """The link's settings; a field the link leaves out takes its listing's book value."""
    params = url.url_params(Training)
    listing = url.read_params(Training, {"listing": params.get("listing", Training.listing)})[0].listing
    book = {name: url.to_params(listings.book_settings(listing))[name] for name in FIELDS}
    state, ignored, capped = url.read_params(Training, book | params)
    page.notices(ignored, capped, [])
    return state


def listing_name(key: str) -> str:
    return t(f"{TEXT}listing.{key}")


def controls(cat: bool) -> None:
    st.segmented_control(
        t(TEXT + "listing"),
        list(listings.LISTINGS),
        key="tr_listing",
        on_change=reset_to_book,
        format_func=listing_name,
        required=True,
    )
    st.caption(t(f"{TEXT}about.{st.session_state['tr_listing']}"))
    with st.form("tr_form", border=True):
        c = st.columns(6)
        c[0].number_input(t(TEXT + "seed"), 0, 2**31 - 1, key="tr_seed", help="torch.manual_seed(seed)")
        c[1].number_input(t(TEXT + "n"), 2, 5000, key="tr_n", disabled=cat)
        c[2].number_input(
            t(TEXT + "noise"), 0.0, 100.0, key="tr_noise", step=0.1, disabled=cat, help=t(TEXT + "noise_help")
        )
        c[3].number_input(t(TEXT + "lr"), 1e-8, 10.0, key="tr_lr", step=1e-4, format="%g")
        c[4].number_input(t(TEXT + "steps"), 1, 300_000, key="tr_steps", step=100)
        c[5].selectbox(
            t(TEXT + "degree"), [1, 2, 3], key="tr_degree", disabled=cat, help=t(TEXT + "degree_help")
        )
        with st.container(horizontal=True):
            st.form_submit_button(t(TEXT + "train"), type="primary")
            st.form_submit_button(t(TEXT + "book_settings"), on_click=reset_to_book)
    if cat:
        st.caption(t(TEXT + "cat_fixed"))


def result(run: listings.Run, settings: listings.Settings) -> None:
    listing = listings.LISTINGS[settings.listing]
    st.subheader(t(TEXT + ("result_cat" if listing.data == "cat" else "result")))
    if run.diverged_at is not None:
        st.error(t(TEXT + "diverged", step=run.diverged_at))
    else:
        st.code(run.text, language=None)
        if listing.data != "cat":
            st.caption(t(TEXT + "true_function", text=listings.TRUE_TEXT[listing.data]))
        if settings == listings.normalized(listing.book):
            if run.text == listing.printed:
                st.success(t(TEXT + "matches", text=listing.printed))
            else:
                st.error(t(TEXT + "mismatch", text=listing.printed))
        else:
            st.caption(t(TEXT + "book_prints", text=listing.printed) + " " + t(TEXT + "own_settings"))
        st.caption(t(TEXT + ("exact_cat" if listing.data == "cat" else "exact"), values=run.params.tolist()))
    st.caption(t(TEXT + "timing", steps=run.diverged_at or settings.steps, seconds=run.seconds))
    if listing.data == "cat" and run.diverged_at is None:  # the chapter's closing comparison, in view
        pinv_table(run, settings)


def pinv_table(run: listings.Run, settings: listings.Settings) -> None:
    """Gradient descent beside the book's float32 pseudo-inverse and a float64 least-squares solution."""
    st.markdown("**" + t(TEXT + "pinv_title") + "**")
    solution, _ = listings.least_squares(settings)
    book32 = listings.function_text("3.5", listings.pseudo_inverse_book(settings))
    rows = [
        (t(TEXT + "method.gd"), run.text),
        (t(TEXT + "method.pinv32"), book32),
        (t(TEXT + "method.pinv64"), "[" + ", ".join(f"{v:.8f}" for v in solution) + "]"),
    ]
    st.table(pd.DataFrame(rows, columns=[t(TEXT + "col.method"), t(TEXT + "col.solution")]))


def hessian_tab(run: listings.Run, settings: listings.Settings) -> None:
    st.caption(t(TEXT + "hessian_caption"))
    hess, bound = listings.hessian(settings), listings.stability_bound(settings)
    names = listings.param_names(settings)  # rows and columns named by parameter, in every language
    st.dataframe(pd.DataFrame(hess, index=names, columns=names))
    st.markdown(t(TEXT + "eigenvalues", values=", ".join(f"{v:.6g}" for v in np.linalg.eigvalsh(hess))))
    st.markdown(t(TEXT + "bound", bound=bound))
    if settings.lr >= bound:
        st.warning(t(TEXT + "above_bound", lr=settings.lr, bound=bound))
    else:
        st.info(t(TEXT + "below_bound", lr=settings.lr, bound=bound))
    solution, loss = listings.least_squares(settings)
    st.markdown(t(TEXT + "minimum", values=np.round(solution, 8).tolist(), loss=loss))


def numbers(values) -> str:
    return ", ".join(f"{x:.6g}" for x in values)


def gradients_tab(run: listings.Run) -> None:
    st.caption(t(TEXT + "gradients_caption"))
    rows = [
        (step, numbers(p), numbers(c), numbers(a), float(np.abs(c - a).max()))
        for step, p, c, a in listings.gradient_table(run)
    ]
    cols = [t(TEXT + f"col.{c}") for c in ("step", "params", "closed", "autograd", "diff")]
    st.dataframe(pd.DataFrame(rows, columns=cols), hide_index=True, width="stretch")


state = load()
url.seed(state, TRAINING.prefix)
st.title(t("view.training.title"))
st.caption(t(TEXT + "intro"))
cat = listings.LISTINGS[st.session_state["tr_listing"]].data == "cat"
controls(cat)
new = TRAINING.held()
TRAINING.finish(new)
settings = listings.normalized(listings.Settings(**dataclasses.asdict(new)))
# one placeholder for everything this run shows: a new training's progress replaces the last listing's
# results; trained once in the worker pool for every session asking the same settings, with a Stop
area = st.empty()
run = jobs.result("listing", (settings,), where=area)
if run is None:
    st.stop()
area = area.container()
with area:
    result(run, settings)
tabs = area.tabs([t(TEXT + f"tab.{k}") for k in ("watch", "loss", "gradients", "hessian", "code")])
with tabs[0]:
    st.caption(t(TEXT + "watch_caption") + (" " + t(TEXT + "watch_bowl") if figs.has_bowl(run) else ""))
    # the fit, the (w, b) path and the loss curve, linked: one canvas player drives them
    fit = figs.fit_figure(run, lang())
    plotly_canvas(fit, key="tr_fit")
    downloads.animation_button(
        st, "gif", lambda: fit, f"listing_{settings.listing.replace('.', '_')}.gif", key="tr_gif"
    )
with tabs[1]:
    st.caption(t(TEXT + "loss_caption"))
    charts.chart(figs.loss_figure(run, lang()), key="tr_loss")
with tabs[2]:
    gradients_tab(run)
with tabs[3]:
    hessian_tab(run, settings)
with tabs[4]:
    source = scripts.script(settings)
    st.caption(t(TEXT + "code_caption"))
    st.download_button(
        t(TEXT + "download"),
        source,
        file_name=f"listing_{settings.listing.replace('.', '_')}.py",
        mime="text/x-python",
    )
    st.code(source, language="python")
