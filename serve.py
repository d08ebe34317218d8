"""The app as `make run` serves it: `app.py` and its pages, plus the release's fast lane (ui/drop_route.py).

`streamlit run serve.py` finds the `app` below and serves it; `streamlit run app.py` serves the same app
without the fast lane (a drag's release then waits for its rerun).
"""

import streamlit as st
from starlette.routing import Route

PATH = "/api/figure_at"


async def figure_at(request):
    # Imported on the first request, from a page's run: the `ui` package's first import must happen in a
    # session (ui/__init__.py switches the server to st.navigation there), and a request only comes from
    # a canvas that a page has drawn.
    from ui import drop_route

    return await drop_route.figure_at(request)


app = st.App("app.py", routes=[Route(PATH, figure_at, methods=["GET"])])
