"""Every page runs under AppTest without an exception, in both languages."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import VIEWS

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = [path for path, *_ in VIEWS]


def test_home_links_every_view():
    at = AppTest.from_file(APP).run(timeout=60)
    assert not at.exception
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    for *_, sections in VIEWS:
        assert sections in text
    assert "Section 3.4 ·" in text and "Sections 3.4" not in text  # singular for one section
    assert "Sections 3.6, 3.7 ·" in text


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_runs_cleanly(path, lang):
    at = AppTest.from_file(APP)
    at.query_params["lang"] = lang
    at.run(timeout=60)
    at.switch_page(path).run(timeout=120)
    assert not at.exception, at.exception
    assert not [e for e in at.error if "Traceback" in str(e.value)]
