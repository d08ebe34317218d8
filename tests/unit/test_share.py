"""The share link: the host the room can reach (as Streamlit's own "Network URL"), the page and its settings."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
import segno

from core.share import is_loopback, link, qr_data_uri, room_host

LAN = "192.168.1.23"


@pytest.mark.parametrize(
    ("browser_host", "listen", "expected"),
    [
        ("localhost", None, LAN),  # Streamlit's default listens on every interface
        ("localhost", "", LAN),
        ("127.0.0.1", "0.0.0.0", LAN),
        ("localhost", "::", LAN),
        ("localhost", "10.0.0.7", "10.0.0.7"),  # one named address: that one
        ("localhost", "127.0.0.1", None),  # loopback only: the room cannot reach it
        ("localhost", "localhost", None),
        (LAN, "0.0.0.0", LAN),  # a student's browser already came through the room's address
        ("maths.example.edu", "127.0.0.1", "maths.example.edu"),  # behind a proxy: its public name
    ],
)
def test_the_room_gets_the_address_it_can_reach(browser_host, listen, expected):
    assert room_host(browser_host, listen, LAN) == expected


def test_no_lan_address_means_no_reachable_link():
    assert room_host("localhost", "0.0.0.0", "127.0.0.1") is None
    assert room_host("localhost", None, None) is None


def test_loopback_names():
    assert all(map(is_loopback, ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0.0.0.0"]))
    assert not any(map(is_loopback, [LAN, "10.0.0.7", "example.org", "fe80::1"]))


def test_the_link_keeps_port_base_path_page_and_every_setting():
    params = {"f": "x^2 + y^2", "x0": "3", "opt": "sgd,adam", "lang": "zh", "present": "1"}
    url = link("http://localhost:8501/app", "level_sets", params, LAN)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", f"{LAN}:8501", "/app/level_sets")
    assert {k: v[0] for k, v in parse_qs(parts.query).items()} == params


def test_the_home_page_link_and_an_unreachable_host_keep_the_browsers_url():
    assert link("https://maths.example.edu/", "", {}, None) == "https://maths.example.edu/"
    assert (
        link("http://localhost:8501", "taylor", {"n": "3"}, "fe80::1") == "http://[fe80::1]:8501/taylor?n=3"
    )


def test_the_qr_code_is_a_self_contained_svg_that_decodes_to_the_link():
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    url = "http://192.168.1.23:8501/level_sets?f=x%5E2&x0=3&opt=sgd%2Cadam"
    uri = qr_data_uri(url)
    assert uri.startswith("data:image/svg+xml") and "http" not in uri.split(",", 1)[0]
    # decode segno's own raster of the same code (Pillow cannot read SVG; the browser test reads the SVG)
    png = io.BytesIO()
    segno.make(url, error="m").save(png, kind="png", scale=5, border=4)
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.getvalue())))
    assert [code.text for code in found] == [url]
