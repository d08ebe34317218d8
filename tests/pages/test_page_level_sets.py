"""AppTest of the level-sets page: readouts, the race, a new start (the keys the drag component writes),
URL round trips, bad input, the worked example."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.functions import parse_function
from core.presets import PRESETS
from tests.pages.apptest import open_tab, run_page

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "level_sets.py")


@pytest.fixture(scope="module", autouse=True)
def parsed_before_the_page_runs():
    """Start the sandbox outside a script run (AppTest swaps __main__) and cache the presets used."""
    for key in ("bowl", "rosenbrock", "line", "parabola"):
        parse_function(PRESETS[key].text, PRESETS[key].nvars)


def app(**query) -> AppTest:
    return run_page(PAGE, **query)


def texts(at) -> str:
    kinds = ("caption", "markdown", "warning", "info", "latex", "title")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def race(at) -> dict:
    frame = at.table[0].value
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
    assert at.select_slider(key="ls_lr_slider").value == 0.002 and at.slider(key="ls_steps").value == 50
    assert set(race(at)) == {"adam", "newton"}
    assert {k: at.query_params[k] for k in query} == query
    again = app(**{k: at.query_params[k] for k in at.query_params})
    assert race(again) == race(at)


def test_any_learning_rate_in_the_link_stays_exact_and_the_box_sets_it():
    at = app(f="bowl", lr="0.34", steps="5", opt="sgd")
    assert not at.exception and not at.info
    assert at.number_input(key="ls_lr_box").value == 0.34
    assert at.select_slider(key="ls_lr_slider").value == 0.3  # the nearest nice value, shown only
    assert at.query_params["lr"] == "0.34"
    # sgd on 2 w0^2 + 3 w1^2 from (3, 4): w1 <- w1 - 0.34 * 6 w1 = -1.04 w1, past the bound 1/3
    final = list(race(at)["sgd"].values())[1]  # "(x, y)", six significant digits
    assert final == f"({3 * (-0.36) ** 5:.6g}, {4 * (-1.04) ** 5:.6g})"
    at.number_input(key="ls_lr_box").set_value(0.011).run()
    assert at.query_params["lr"] == "0.011" and at.select_slider(key="ls_lr_slider").value == 0.01
    at.select_slider(key="ls_lr_slider").set_value(0.5).run()
    assert at.query_params["lr"] == "0.5" and at.number_input(key="ls_lr_box").value == 0.5


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
    assert any("≥ 2" in w.value for w in at.warning)  # a prediction of divergence is a visible warning
    calm = app(lr="0.05", opt="sgd")
    assert not calm.warning and any("< 2" in c.value for c in calm.caption)


def test_newton_on_the_bowl_takes_one_full_step_and_says_it_ignores_mu():
    at = app(lr="0.05", opt="newton,sgd")
    row = race(at)["newton"]
    assert row["steps"] == 1 and row["status"] == "converged" and row["final loss"] == "0"
    assert "Newton ignores μ" in texts(at)
    assert "Newton ignores μ" not in texts(app(lr="0.05", opt="sgd"))


def test_worked_example_button_and_table():
    at = open_tab(app(f="rosenbrock", x0="0", y0="0"), "ls_tabs", "Directional derivative")
    at.button(key="ls_example").click().run()
    assert at.selectbox(key="ls_f_preset").value == "bowl" and at.query_params["x0"] == "3"
    example = at.dataframe[0].value.to_dict("records")  # lazy tabs: the race table is not built
    assert example[0]["exact change L(P + δ) − L(P)"] == "0.01320066"
    assert example[1]["first-order estimate ∇L · δ"] == "0.012"
    assert "0.0120006" in texts(at)


def test_step_by_step_panel_substitutes_numbers():
    at = open_tab(app(opt="sgd,adam", lr="0.05"), "ls_tabs", "Step by step")
    at.slider(key="ls_step_k").set_value(1).run()
    latex = [e.value for e in at.latex if r"\mu\," in e.value]
    assert latex and r"w^{(2)} &= w^{(1)} - \mu\,g^{(1)}" in latex[0] and "0.05" in latex[0]
    assert "Algorithm 3.2 of the chapter repeats w ← w − μ∇L(w)" in texts(at)
    step_figure = json.loads(at.get("plotly_chart")[-1].proto.spec)  # w^(1) marked, an arrow to w^(2)
    mark = next(d for d in step_figure["data"] if d.get("text") == ["w⁽¹⁾", "w⁽²⁾"])
    assert mark["x"][0] == pytest.approx(3 - 0.05 * 12) and mark["y"][0] == pytest.approx(4 - 0.05 * 24)
    at.radio(key="ls_step_run").set_value("adam").run()
    at.slider(key="ls_step_k").set_value(1).run()
    adam = next(e.value for e in at.latex if r"\hat m" in e.value)
    assert r"m^{(2)} &= \beta_1 m^{(1)}" in adam and r"v^{(2)} &= \beta_2 v^{(1)}" in adam


def test_step_by_step_of_a_run_that_diverges_at_its_first_step():
    # Two points leave one step to show: no slider from 0 to 0 (Streamlit raises on it), the step itself.
    at = open_tab(app(f="rosenbrock", x0="-3", y0="-3", lr="0.01", opt="sgd"), "ls_tabs", "Step by step")
    latex = [e.value for e in at.latex if r"\mu\," in e.value]
    assert not at.exception and latex and r"w^{(1)} &= w^{(0)}" in latex[0]


def test_chinese():
    at = app(lang="zh")
    assert not at.exception and "梯度" in texts(at) and "优化器" in at.table[0].value.columns


def test_the_canvas_gets_the_preview_trees_and_the_handle_label_in_both_languages():
    from core import expression_tree

    at = app(f="rosenbrock", x0="-1.5", y0="2", opt="adam,newton", lr="0.002", steps="50", momentum="0.8")
    data = canvas(at)
    spec = data["preview"]
    assert spec["optimizers"] == ["adam", "newton"] and spec["steps"] == 50 and spec["lr"] == 0.002
    assert spec["momentum"] == 0.8 and spec["hess"] is not None  # Newton needs H
    # the tree is the validated expression: 2 (x - 1) - 400 x (y - x^2) at (-1.5, 2)
    assert expression_tree.evaluate(spec["grad"][0], (-1.5, 2.0)) == pytest.approx(
        2 * -2.5 + 600 * (2 - 2.25)
    )
    assert (
        data["labels"]["handle"]
        == "Start point ({x}, {y}): the arrow keys move it, Shift moves it further, Enter confirms"
    )
    zh = canvas(app(lang="zh", opt="sgd"))
    assert zh["labels"]["handle"].startswith("起点 ({x}, {y})") and zh["preview"]["hess"] is None
    assert canvas(app(opt="")).get("preview") is None  # no optimizer, no paths to preview


def test_share_tab_offers_the_paths_the_html_and_the_gif():
    from tests.pages.apptest import open_tab

    at = open_tab(app(opt="sgd,adam", steps="40"), "ls_tabs", "Share and download")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Download the paths (CSV)",
        "Download the animation (HTML, opens offline)",
        "Download the animation (GIF, for slides)",
    ]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"present": "1", "lang": "zh"},
        {"f": "sin(x)*y**2 + x/3", "opt": "adam,newton,rmsprop", "field": "1"},
    ],
)
def test_the_fast_lane_s_figure_for_a_start_is_the_one_its_rerun_draws(query):
    """A release asks ui/drop_route.py for the dropped start's figure and the rerun brings it again: the
    browser does not redraw the same figure, so the two must be the same, to the last digit."""
    from urllib.parse import parse_qs, urlsplit

    from ui import drop_route

    at = app(**query)
    before = canvas(at)
    token = parse_qs(urlsplit(before["confirm"]).query)["t"][0]
    drop = (-1.2345, 0.5)
    ahead = json.loads(json.dumps(drop_route._lookup(token)(drop)))
    at.session_state["ls_x0"], at.session_state["ls_y0"] = drop
    at.run()
    assert not at.exception
    after = canvas(at)
    assert after["start"] == list(drop)
    assert ahead == after["figure"] != before["figure"]
    # the same settings, the same canvas: the token stays
    assert after["confirm"] == before["confirm"]


@pytest.mark.parametrize(
    ("query", "start", "lr"),
    [
        ({"f": "rosenbrock"}, ("-1.5", "2.5"), "0.001"),
        ({"f": "rosenbrock", "lr": "0.002"}, ("-1.5", "2.5"), "0.002"),
        ({"f": "(1 - x)^2 + 100(y - x^2)^2"}, ("-1.5", "2.5"), "0.001"),
        ({"f": "rosenbrock", "x0": "1"}, ("1", "4"), "0.05"),
        ({"f": "x^2 + y^2"}, ("3", "4"), "0.05"),
    ],
)
def test_a_link_naming_a_preset_but_no_start_starts_where_the_preset_does(query, start, lr):
    """As choosing the preset in the formula box does (core.presets: Rosenbrock starts at (-1.5, 2.5), rate
    0.001); a link's own start or rate wins, and a formula that is no preset keeps the defaults."""
    at = app(**query)
    assert not at.exception
    assert (at.query_params["x0"], at.query_params["y0"], at.query_params["lr"]) == (*start, lr)
    assert f"At ({start[0]}, {start[1]})" in texts(at)
    assert not at.info  # no "link values not understood" notice
