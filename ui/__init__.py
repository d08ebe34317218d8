"""Streamlit glue shared by the pages: URL state, language, the Plotly drag component."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

# Streamlit decides once per server, at the first session, whether the app uses the legacy `pages/`
# folder; until some session has run app.py's st.navigation, a direct link such as /level_sets runs
# the page file alone (no navigation, no language picker, narrow layout). Every page imports this
# package, so the first such run switches the server to st.navigation and reruns through app.py.
if PagesManager.uses_pages_directory and st.runtime.exists():
    PagesManager.uses_pages_directory = False
    st.rerun()
