"""AppTest of the level-sets page: readouts, the race, a new start (the keys the drag component writes),
URL round trips, bad input, the worked example."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.functions import parse_function
from core.presets import PRESETS
from tests.pages.apptest import open_tab

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "level_sets.py")


@pytest.fixture(scope="module", autouse=True)
def parsed_before_the_page_runs():
    """Start the sandbox outside a script run (AppTest swaps __main__) and cache the presets used."""
    for key in ("bowl", "rosenbrock", "line", "parabola"):
        parse_function(PRESETS[key].text, PRESETS[key].nvars)


def app(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def texts(at) -> str:
    kinds = ("caption", "markdown", "warning", "info", "latex", "title")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def race(at) -> dict:
    frame = at.dataframe[0].value
    return {row["optimizer"]: row for row in frame.to_dict("records")}


def canvas(at) -> dict:
    """The figure the drag component was given (its proto carries the JSON data)."""
    import json

    node = next(
        e
        for e in at.main
        if getattr(e, "type", "") == "bidi_component"
        or "bidi" in type(e).__name__.lower()
        or "bidi" in str(getattr(e, "proto", ""))[:200].lower()
    )
    return json.loads(node.proto.json)


def test_opens_with_the_chapter_bowl_readouts_and_a_race():
    at = app()
    assert not at.exception
    body = texts(at)
    assert "At (3, 4): f = 66, ∇f = [12, 24], |∇f| = 26.8328" in body and "90.000°" in body
    assert "μ · λmax(Hessian) = 0.05 × 6 = 0.3 < 2" in body
    assert set(race(at)) == {"sgd", "momentum", "adam"}
    assert (
        at.query_params["f"] == "bowl"
        and at.query_params["x0"] == "3"
        and at.query_params["opt"] == "sgd,momentum,adam"
    )


def test_a_new_start_moves_the_path_and_the_readouts():
    at = app()
    before = race(at)["sgd"]["final point"]
    # The drag component's callback writes these keys; AppTest sets them the same way.
    at.session_state["ls_x0"], at.session_state["ls_y0"] = -2.5, 1.25
    at.run()
    assert not at.exception
    assert "At (-2.5, 1.25): f = 17.1875" in texts(at)
    assert race(at)["sgd"]["final point"] != before
    assert at.query_params["x0"] == "-2.5" and at.query_params["y0"] == "1.25"
    data = canvas(at)
    assert data["start"] == [-2.5, 1.25] and data["draggable"] is True
    sgd = next(d for d in data["figure"]["data"] if d.get("name") == "sgd")
    assert sgd["x"]["dtype"] == "f4"  # the path itself: first point checked in the browser test


def test_the_drop_callback_sets_the_start():
    at = app()
    at.session_state["ls_x0"] = 1.0
    at.run()
    assert "At (1, 4)" in texts(at)


def test_url_round_trip_reproduces_the_view():
    query = dict(f="rosenbrock", x0="-1.5", y0="2", opt="adam,newton", lr="0.002", steps="50")
    at = app(**query)
    assert not at.exception and not at.info
    assert at.selectbox(key="ls_f_preset").value == "rosenbrock"
    assert at.select_slider(key="ls_lr").value == 0.002 and at.slider(key="ls_steps").value == 50
    assert set(race(at)) == {"adam", "newton"}
    assert {k: at.query_params[k] for k in query} == query
    again = app(**{k: at.query_params[k] for k in at.query_params})
    assert race(again) == race(at)


def test_a_custom_formula_in_the_url_and_a_typo_keeps_the_last_good_function():
    at = app(f="x^2 + 3*y^2", x0="1", y0="1")
    assert (
        at.selectbox(key="ls_f_preset").value == "typed" and at.text_input(key="ls_f").value == "x^2 + 3*y^2"
    )
    assert "f = 4" in texts(at)
    at.text_input(key="ls_f").set_value("x^^2 + (y").run()
    assert not at.exception
    # as typed, not markdown
    assert "Still showing the last good function, ` x^2 + 3*y^2 `." in at.error[0].value
    assert "f = 4" in texts(at) and at.query_params["f"] == "x^2+3*y^2"


def test_invalid_url_values_fall_back_with_a_notice():
    at = app(lr="abc", opt="sgd,<script>", x0="nan", steps="-3")
    assert not at.exception
    assert all(k in at.info[0].value for k in ("lr", "opt", "x0", "steps"))
    assert set(race(at)) == {"sgd", "momentum", "adam"}


def test_divergence_is_named_not_nan():
    at = app(lr="0.5", opt="sgd")
    row = race(at)["sgd"]
    assert row["status"].startswith("diverged at step ") and "nan" not in str(row).lower()
    assert "≥ 2" in texts(at)


def test_worked_example_button_and_table():
    at = open_tab(app(f="rosenbrock", x0="0", y0="0"), "ls_tabs", "Directional derivative")
    at.button(key="ls_example").click().run()
    assert at.selectbox(key="ls_f_preset").value == "bowl" and at.query_params["x0"] == "3"
    example = at.dataframe[0].value.to_dict("records")  # lazy tabs: the race table is not built
    assert example[0]["exact change L(P + δ) − L(P)"] == "0.01320066"
    assert example[1]["first-order estimate ∇L · δ"] == "0.012"
    assert "0.0120006" in texts(at)


def test_step_by_step_panel_substitutes_numbers():
    at = open_tab(app(opt="sgd", lr="0.05"), "ls_tabs", "Step by step")
    at.slider(key="ls_step_k").set_value(1).run()
    latex = [e.value for e in at.latex if r"\mu\,\nabla L" in e.value]
    assert latex and r"w_{2} = w_{1}" in latex[0] and "0.05" in latex[0]


def test_step_by_step_of_a_run_that_diverges_at_its_first_step():
    # Two points leave one step to show: no slider from 0 to 0 (Streamlit raises on it), the step itself.
    at = open_tab(app(f="rosenbrock", x0="-3", y0="-3", lr="0.01", opt="sgd"), "ls_tabs", "Step by step")
    latex = [e.value for e in at.latex if r"\mu\,\nabla L" in e.value]
    assert not at.exception and latex and r"w_{1} = w_{0}" in latex[0]


def test_chinese():
    at = app(lang="zh")
    assert not at.exception and "梯度" in texts(at) and "优化器" in at.dataframe[0].value.columns
