"""The app's script: navigation and the home page. `make run` serves it through serve.py; a plain
`streamlit run app.py` works too, without the release's fast lane (ui/drop_route.py)."""

import streamlit as st
import streamlit.emojis  # its pattern takes 0.2 s to compile: at start, not in a student's rerun
import torch

from core import pool
from core.i18n import LANGUAGE_NAMES, LANGUAGES
from ui import accessibility, charts, presenter, share, touch
from ui.assets import ensure_plotly_js
from ui.text import lang, t, widget_text_css

# (page file, url path, catalogue key stem, chapter sections)
VIEWS = [
    ("pages/level_sets.py", "level_sets", "view.level_sets", "3.3, 3.3.1, 3.3.2"),
    ("pages/surfaces_3d.py", "surfaces_3d", "view.surfaces_3d", "3.3.2"),
    ("pages/decision_boundaries.py", "decision_boundaries", "view.decision_boundaries", "3.1, 3.2"),
    ("pages/taylor.py", "taylor", "view.taylor", "3.4"),
    ("pages/training.py", "training", "view.training", "3.5"),
    ("pages/convexity.py", "convexity", "view.convexity", "3.6, 3.7"),
]


def home() -> None:
    st.title(t("home.title"))
    st.markdown(t("home.intro"))
    for path, _, stem, sections in VIEWS:
        with st.container(border=True):
            st.page_link(path, label=t(f"{stem}.title"), icon=":material/arrow_forward:")
            many = (
                "home.sections" if "," in sections else "home.section"
            )  # "Section 3.4", "Sections 3.6, 3.7"
            st.caption(t(many, sections=sections) + " · " + t(f"{stem}.blurb"))
    st.caption(t("home.footer"))


def language_picker() -> None:
    current = lang()
    choice = st.sidebar.selectbox(
        "Language / 语言", LANGUAGES, index=LANGUAGES.index(current), format_func=LANGUAGE_NAMES.get
    )
    if choice != current:
        st.query_params["lang"] = choice
        st.rerun()


# One torch thread per computation: many sessions share two cores, and oversubscribed OpenMP threads
# spin (measured: 65,536-start descent 4.6 s with one thread vs 17 s with two on a loaded machine).
torch.set_num_threads(1)
# the heavy-work pool's workers start with the server, not while the first student waits
pool.warm_up()
ensure_plotly_js()
presenter.keep()  # before anything reads the URL: a change of page dropped lang, present and hide
sidebar = "collapsed" if presenter.presenting() else "auto"
st.set_page_config(
    page_title=t("home.title"),
    page_icon=":material/trending_down:",
    layout="wide",
    initial_sidebar_state=sidebar,
)
# Streamlit serves the default page at `/` only, never at its own url path: "index" keeps that name
# off `/home`, which the hidden alias below serves.
home_page = st.Page(home, title=t("home.nav"), icon=":material/home:", url_path="index", default=True)


def home_alias() -> None:
    """`/home`: the home page lives at `/` (Streamlit serves the default page there only)."""
    st.switch_page(home_page)


pages = [home_page, st.Page(home_alias, title=t("home.nav"), url_path="home", visibility="hidden")]
pages += [st.Page(path, title=t(f"{stem}.title"), url_path=url_path) for path, url_path, stem, _ in VIEWS]
navigation = st.navigation(pages)
if "lang" not in presenter.hidden():
    language_picker()
presenter.apply(navigation.url_path)
charts.style()
touch.guard()  # a swipe on a chart scrolls the page on a phone
accessibility.apply()
if css := widget_text_css():
    st.html(f"<style>\n{css}</style>")
share_slot = st.container(key="share_slot")  # filled once the page has set the URL; shown in the top bar
try:
    navigation.run()
finally:
    # also after st.stop() in a page (a bad formula): the panel shares the link as it stands
    with share_slot:
        share.panel(navigation.url_path)
