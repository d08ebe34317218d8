"""The share panel on every view: the current link (with its settings), a copy button and a QR code.

app.py keeps a slot near the top of every page and fills it after the page has run, so the link holds the
settings the page has just written into the URL. The link's host is the one the room can reach
(`core.share.room_host`: Streamlit's own "Network URL" when the server listens on every interface).
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from streamlit import config, net_util

from core import share
from ui.text import t

HERE = Path(__file__).parent
_copy = st.components.v2.component(
    "share_copy",
    html="",
    css=(HERE / "share.css").read_text(encoding="utf-8"),
    js=(HERE / "share.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def current_link(url_path: str) -> tuple[str, bool]:
    """(the link to this view as the room reaches it, whether the room can reach it at all)."""
    base = (st.context.url or "http://localhost:8501").rstrip("/")
    # st.context.url is meant to stop at the app's root but keeps the page's path under st.navigation
    base = base.removesuffix("/" + url_path) if url_path else base
    address = config.get_option("server.address")
    lan_ip = net_util.get_internal_ip() if (address or "") in share.WILDCARDS else None
    host = share.room_host(urlsplit(base).hostname or "localhost", address, lan_ip)
    params = {key: st.query_params[key] for key in st.query_params}
    return share.link(base, url_path, params, host), host is not None


# The panel's button sits in Streamlit's top bar (app.py draws it in the container keyed share_slot): on
# every page, beside the title, and it takes no height from a projected plot.
SLOT_CSS = (
    "<style>.st-key-share_slot { position: fixed; top: 0.6rem; right: 4.5rem; width: auto !important;"
    " z-index: 999991; }</style>"
)


def panel(url_path: str) -> None:
    """A small popover: the link with a copy button, and its QR code for the phones in the room."""
    st.html(SLOT_CSS)
    # Lazy: the link and its QR code (15-35 ms) are made only while the panel is open, not on every drag.
    panel = st.popover(t("share.button"), icon=":material/qr_code_2:", key="share_panel", on_change="rerun")
    if not panel.open:
        return
    url, reachable = current_link(url_path)
    with panel:
        st.caption(t("share.caption"))
        data = {"url": url, "copy": t("share.copy"), "copied": t("share.copied"), "label": t("share.link")}
        _copy(key="share_copy", data=data)
        if not reachable:
            st.warning(t("share.local"))
        # an <img> of the SVG: st.html's sanitiser drops inline SVG, and an image carries its own alt text
        label = html.escape(t("share.qr", url=url), quote=True)
        st.html(f'<img class="share-qr" alt="{label}" src="{share.qr_data_uri(url)}" width="100%">')
