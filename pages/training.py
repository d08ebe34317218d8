"""Training (section 3.5): the book's listings 3.1-3.5 run with its settings, animated and explained."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from core import listings, scripts
from core.figures import training as figs
from ui import charts, jobs
from ui import state as url
from ui.text import lang, t

P, S, K = "training.", st.session_state, "tr_"
FIELDS = ("seed", "n", "noise", "lr", "steps", "degree")


@dataclasses.dataclass(frozen=True)
class Settings:  # same fields as core.listings.Settings, with the bounds the URL accepts
    listing: str = url.setting("3.2", choices=listings.LISTINGS)
    seed: int = url.setting(42, lo=0, hi=2**31 - 1)
    n: int = url.setting(100, lo=2, hi=5000)
    noise: float = url.setting(0.5, lo=0.0, hi=100.0)
    lr: float = url.setting(0.01, lo=1e-8, hi=10.0)
    steps: int = url.setting(1000, lo=1, hi=300_000)
    degree: int = url.setting(1, lo=1, hi=3)


def book_values(listing: str) -> dict:
    return {f: getattr(listings.book_settings(listing), f) for f in FIELDS}


def reset_to_book() -> None:
    S.update({K + f: v for f, v in book_values(S[K + "listing"]).items()})


def load() -> Settings:
    state, ignored = url.load(Settings)
    if ignored:
        st.info(t(P + "ignored", keys=", ".join(ignored)))
    given = set(st.query_params) - set(ignored)  # a field the URL leaves out takes its listing's book value
    book = {f: v for f, v in book_values(state.listing).items() if f not in given}
    return dataclasses.replace(state, **book)


def controls(cat: bool) -> None:
    st.segmented_control(
        t(P + "listing"),
        list(listings.LISTINGS),
        key=K + "listing",
        on_change=reset_to_book,
        format_func=lambda k: t(f"{P}listing.{k}"),
        required=True,
    )
    st.caption(t(f"{P}about.{S[K + 'listing']}"))
    with st.form("tr_form", border=True):
        c = st.columns(6)
        c[0].number_input(t(P + "seed"), 0, 2**31 - 1, key=K + "seed", help="torch.manual_seed(seed)")
        c[1].number_input(t(P + "n"), 2, 5000, key=K + "n", disabled=cat)
        c[2].number_input(
            t(P + "noise"), 0.0, 100.0, key=K + "noise", step=0.1, disabled=cat, help=t(P + "noise_help")
        )
        c[3].number_input(t(P + "lr"), 1e-8, 10.0, key=K + "lr", step=1e-4, format="%g")
        c[4].number_input(t(P + "steps"), 1, 300_000, key=K + "steps", step=100)
        c[5].selectbox(t(P + "degree"), [1, 2, 3], key=K + "degree", disabled=cat, help=t(P + "degree_help"))
        with st.container(horizontal=True):
            st.form_submit_button(t(P + "train"), type="primary")
            st.form_submit_button(t(P + "book_settings"), on_click=reset_to_book)
    if cat:
        st.caption(t(P + "cat_fixed"))


def result(run: listings.Run, settings: listings.Settings) -> None:
    listing = listings.LISTINGS[settings.listing]
    st.subheader(t(P + ("result_cat" if listing.data == "cat" else "result")))
    if run.diverged_at is not None:
        st.error(t(P + "diverged", step=run.diverged_at))
    else:
        st.code(run.text, language=None)
        if listing.data != "cat":
            st.caption(t(P + "true_function", text=listings.TRUE_TEXT[listing.data]))
        if settings == listings.normalized(listing.book):
            ok = run.text == listing.printed
            (st.success if ok else st.error)(t(P + ("matches" if ok else "mismatch"), text=listing.printed))
        else:
            st.caption(t(P + "book_prints", text=listing.printed) + " " + t(P + "own_settings"))
        st.caption(t(P + ("exact_cat" if listing.data == "cat" else "exact"), values=run.params.tolist()))
    st.caption(t(P + "timing", steps=run.diverged_at or settings.steps, seconds=run.seconds))


def hessian_tab(run: listings.Run, settings: listings.Settings) -> None:
    st.caption(t(P + "hessian_caption"))
    hess, bound = listings.hessian(settings), listings.stability_bound(settings)
    st.dataframe(pd.DataFrame(hess), hide_index=True)
    st.markdown(t(P + "eigenvalues", values=", ".join(f"{v:.6g}" for v in np.linalg.eigvalsh(hess))))
    st.markdown(t(P + "bound", bound=bound))
    above = settings.lr >= bound
    (st.warning if above else st.info)(
        t(P + ("above_bound" if above else "below_bound"), lr=settings.lr, bound=bound)
    )
    solution, loss = listings.least_squares(settings)
    st.markdown(t(P + "minimum", values=np.round(solution, 8).tolist(), loss=loss))
    if listings.LISTINGS[settings.listing].data == "cat":
        st.markdown("**" + t(P + "pinv_title") + "**")
        book32 = listings.function_text("3.5", listings.pseudo_inverse_book(settings))
        rows = [
            (t(P + "method.gd"), run.text),
            (t(P + "method.pinv32"), book32),
            (t(P + "method.pinv64"), np.round(solution, 8).tolist()),
        ]
        st.table(pd.DataFrame(rows, columns=[t(P + "col.method"), t(P + "col.solution")]))


def gradients_tab(run: listings.Run) -> None:
    st.caption(t(P + "gradients_caption"))
    fmt = lambda v: ", ".join(f"{x:.6g}" for x in v)  # noqa: E731
    rows = [
        (s, fmt(p), fmt(c), fmt(a), float(np.abs(c - a).max())) for s, p, c, a in listings.gradient_table(run)
    ]
    cols = [t(P + f"col.{c}") for c in ("step", "params", "closed", "autograd", "diff")]
    st.dataframe(pd.DataFrame(rows, columns=cols), hide_index=True, width="stretch")


state = load()
url.seed(state, K)
st.title(t("view.training.title"))
st.caption(t(P + "intro"))
cat = listings.LISTINGS[S[K + "listing"]].data == "cat"
controls(cat)
new = Settings(listing=S[K + "listing"], **{f: S[K + f] for f in FIELDS})
url.save(new)
settings = listings.normalized(listings.Settings(**dataclasses.asdict(new)))
# trained once in the worker pool for every session asking the same settings, with progress and a Stop
run = jobs.result("listing", (settings,))
if run is None:
    st.stop()
result(run, settings)
tabs = st.tabs([t(P + f"tab.{k}") for k in ("watch", "loss", "gradients", "hessian", "code")])
with tabs[0]:
    st.caption(t(P + "watch_caption"))
    charts.chart(figs.fit_figure(run, lang()), key="tr_fit")
with tabs[1]:
    st.caption(t(P + "loss_caption"))
    charts.chart(figs.loss_figure(run, lang()), key="tr_loss")
with tabs[2]:
    gradients_tab(run)
with tabs[3]:
    hessian_tab(run, settings)
with tabs[4]:
    source = scripts.script(settings)
    st.caption(t(P + "code_caption"))
    st.download_button(
        t(P + "download"),
        source,
        file_name=f"listing_{settings.listing.replace('.', '_')}.py",
        mime="text/x-python",
    )
    st.code(source, language="python")
