"""The lesson across views (AppTest through app.py's navigation): shared settings carry over, a link
still wins, a value a view cannot use is kept for the others and named once."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from core import i18n
from core.presets import PRESETS

APP = str(Path(__file__).resolve().parents[2] / "app.py")
HIMMELBLAU = PRESETS["himmelblau"].text


def opened(url_path: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    return at.switch_page(f"pages/{url_path}.py").run()


def go(at: AppTest, url_path: str) -> AppTest:
    """A click in the sidebar: the page changes and its query string is dropped."""
    for key in [k for k in at.query_params if k not in ("lang", "present", "hide")]:
        del at.query_params[key]
    return at.switch_page(f"pages/{url_path}.py").run()


def test_the_function_start_and_rate_carry_to_every_view_that_takes_them():
    at = opened("level_sets", f="himmelblau", x0="-3", y0="1", opt="momentum", lr="0.02")
    assert not at.exception and at.text_input(key="ls_f").value == HIMMELBLAU
    go(at, "surfaces_3d")
    assert not at.exception
    assert at.text_input(key="s3_f").value == HIMMELBLAU and at.multiselect(key="s3_opt").value == [
        "momentum"
    ]
    assert (at.number_input(key="s3_x0").value, at.number_input(key="s3_lr").value) == (-3, 0.02)
    assert at.query_params["f"] == "himmelblau" and at.query_params["opt"] == "momentum"
    go(at, "taylor")
    assert not at.exception and at.text_input(key="ty_f2").value == HIMMELBLAU
    assert at.query_params["x0"] == "-3" and at.query_params["lr"] == "0.02"
    assert at.text_input(key="ty_f1").value == "e^x"  # Taylor's own 1-D function: no one changed it
    go(at, "convexity")
    assert not at.exception and at.query_params["surface"] == "himmelblau" and at.query_params["lr"] == "0.02"


def test_a_view_keeps_its_own_settings_when_the_student_comes_back():
    at = opened("level_sets", f="rosenbrock", field="1")
    go(at, "decision_boundaries")
    go(at, "level_sets")
    assert at.query_params["f"] == "rosenbrock" and at.query_params["field"] == "1"


def test_a_link_wins_over_the_lesson():
    at = opened("level_sets", f="himmelblau", x0="-3")
    at.query_params.update(f="booth", x0="1")
    at.switch_page("pages/surfaces_3d.py").run()
    assert (
        at.text_input(key="s3_f").value == PRESETS["booth"].text and at.number_input(key="s3_x0").value == 1
    )


def test_a_value_a_view_cannot_use_is_kept_for_the_others_and_named_once():
    at = opened("level_sets", x0="500")
    go(at, "taylor")  # Taylor's start is within ±100
    kept = i18n.t("page.kept", keys="x0")
    assert [i.value for i in at.info] == [kept] and at.query_params["x0"] == "3"
    at.run()
    assert kept not in [i.value for i in at.info]  # said once
    go(at, "surfaces_3d")
    assert at.number_input(key="s3_x0").value == 500  # kept for the others


def test_the_1d_function_is_shared_by_taylor_and_convexity():
    at = opened("taylor", f1="x^4 - x")
    go(at, "convexity")
    assert at.query_params["curve"] == "typed" and at.query_params["g"] == "x^4-x"
    at = opened("convexity", curve="cube")
    go(at, "taylor")
    assert at.text_input(key="ty_f1").value == "x^3"
