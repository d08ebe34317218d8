"""The link a class opens: the address students can reach, and its QR code.

The browser that shows the share panel is usually the teacher's own, at `localhost`, which no phone in
the room can reach. So the link's host follows what Streamlit itself prints at start-up: when the server
listens on every interface (`server.address` unset, `0.0.0.0` or `::`, Streamlit's default) the room
reaches it at this machine's LAN address (Streamlit's "Network URL"); when it listens on one named
address, that address; when it listens on loopback only, nobody else can reach it and the link stays
local (the panel says how to serve the room). A browser that already came through another host (a LAN
address, a proxy's name) keeps it: that host is reachable by definition.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

WILDCARDS = ("", "0.0.0.0", "::")


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "0.0.0.0", "::"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def room_host(browser_host: str, listen_address: str | None, lan_ip: str | None) -> str | None:
    """The host students should use, or None when the server only listens on this machine."""
    if not is_loopback(browser_host):
        return browser_host
    address = (listen_address or "").strip()
    if address in WILDCARDS:
        return lan_ip if lan_ip and not is_loopback(lan_ip) else None
    return None if is_loopback(address) else address


def link(base_url: str, url_path: str, params: dict[str, str], host: str | None) -> str:
    """The full link: `base_url` (the app's root as the browser sees it) with `host` put in, the page's
    path, and the query string of `params`."""
    parts = urlsplit(base_url)
    netloc = parts.netloc
    if host:
        shown = f"[{host}]" if ":" in host else host
        netloc = f"{shown}:{parts.port}" if parts.port else shown
    path = parts.path.rstrip("/") + "/" + url_path
    return urlunsplit((parts.scheme, netloc, path, urlencode(params), ""))


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG data URI (black on white, a four-module quiet zone), made here: no network."""
    return segno.make(text, error="m").svg_data_uri(scale=5, border=4, dark="#000000", light="#ffffff")
