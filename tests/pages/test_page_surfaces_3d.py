"""AppTest of the 3-D page: the three tabs, URL state shared with the level-sets page, friendly messages."""

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pages import apptest as pages
from tests.pages.apptest import run_page

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "surfaces_3d.py")


def app(**query) -> AppTest:
    return run_page(PAGE, **query)


def texts(at) -> str:
    kinds = ("caption", "markdown", "warning", "info", "error", "title")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def chart(at) -> dict:
    """The open tab's figure: the 3-D ones go through the camera-keeping component, the 2-D one is Plotly's."""
    if canvases := at.get("bidi_component"):
        return json.loads(canvases[0].proto.json)["figure"]
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def open_tab(at, label: str) -> AppTest:
    return pages.open_tab(at, "s3_tabs", label)


def test_opens_with_the_books_example_in_every_tab():
    at = app()
    assert not at.exception and len(at.get("bidi_component")) == 1  # lazy tabs: one figure built, not three
    loss = chart(at)
    # no frames sent: the canvas slices them out of the paths in the browser
    assert loss["data"][0]["type"] == "surface" and not loss["frames"]
    assert len(loss["animation"]["indices"]) > 10 and loss["animation"]["traces"][-1] == len(loss["data"]) - 1
    assert sum(tr["type"] == "scatter3d" and tr.get("mode") == "lines+markers" for tr in loss["data"]) == 3
    assert loss["layout"]["scene"]["uirevision"] == "2*w0^2 + 3*w1^2"
    open_tab(at, "Steepest direction")
    assert "L(P) = 66, ∇L(P) = [12, 24]" in texts(at) and chart(at)["data"][0]["type"] == "contour"
    table = at.dataframe[0].value
    assert "0.01320066" in table.to_string(float_format="%.8f")  # the book's dL for delta = (0.0003, 0.0004)
    open_tab(at, "Level surfaces")
    kinds = [tr["type"] for tr in chart(at)["data"]]
    assert kinds.count("mesh3d") == 4 and "cone" in kinds  # three spheres and the tangent plane
    assert "Surfaces drawn: f = 1, 2.25, 4." in texts(at)
    assert at.query_params["f3"] == "sphere3" and at.query_params["f"] == "bowl"  # as on the level-sets page
    assert at.query_params["opt"] == "sgd,momentum,adam" and at.query_params["tab"] == "levels"


def test_settings_of_a_closed_tab_are_kept():
    at = app(tab="levels", theta="30")
    assert at.slider(key="s3_theta").value == 30 and not at.get("plotly_chart")
    at.slider(key="s3_theta").set_value(45.0).run()
    open_tab(at, "Loss surface")
    at.number_input(key="s3_lr").set_value(0.1).run()
    assert (
        at.query_params["theta"] == "45"
        and at.query_params["lr"] == "0.1"
        and at.query_params["tab"] == "loss"
    )
    open_tab(at, "Level surfaces")
    assert at.slider(key="s3_theta").value == 45 and "cos 45°" in texts(at)


def test_a_level_sets_link_opens_the_same_function_and_widgets_write_back():
    at = app(f="rosenbrock", x0="-1.5", y0="2.5", opt="adam", lr="0.02", steps="300")
    assert not at.exception
    assert at.selectbox(key="s3_f_preset").value == "rosenbrock"
    assert at.number_input(key="s3_lr").value == 0.02 and at.multiselect(key="s3_opt").value == ["adam"]
    before = chart(at)
    at.number_input(key="s3_lr").set_value(0.05).run()
    after = chart(at)
    assert at.query_params["lr"] == "0.05" and at.query_params["f"] == "rosenbrock"
    # the camera survives because the chart keeps its key and its uirevision while the path changes
    assert after["layout"]["uirevision"] == before["layout"]["uirevision"] == "(1 - x)^2 + 100(y - x^2)^2"
    assert after["data"][-2]["x"] != before["data"][-2]["x"]


def test_bad_input_keeps_the_last_good_view_with_one_friendly_sentence():
    at = app(lr="nan", opt="sgd,<script>", levels="1,abc", theta="999", steps="-3")
    assert not at.exception
    note = at.info[0].value
    assert all(k in note for k in ("lr", "opt", "levels", "theta", "steps"))
    at.text_input(key="s3_f").set_value("2*w0^^2 + ").run()
    assert not at.exception and len(at.error) == 1
    assert "Still showing the last good function, ` 2*w0^2 + 3*w1^2 `." in at.error[0].value
    assert chart(at)["layout"]["scene"]["uirevision"] == "2*w0^2 + 3*w1^2"
    open_tab(at, "Level surfaces")
    at.text_input(key="s3_f3").set_value("w0^2 + w1^2 + w3^2").run()
    # only the open tab's box is shown: one sentence, under the 3-variable box
    assert (
        not at.exception and len(at.error) == 1 and chart(at)["layout"]["uirevision"] == "w0^2 + w1^2 + w2^2"
    )
    open_tab(at, "Loss surface")
    at.number_input(key="s3_lr").set_value(2.0).run()
    assert "diverged" in texts(at) and any("learning rate is too large" in w.value for w in at.warning)
    # one count of steps everywhere: the status line, its last finite step and the warning agree
    line = re.search(r"diverged at step (\d+) \(last finite point: step (\d+)\) after (\d+) steps", texts(at))
    at_step, last, steps = (int(g) for g in line.groups())
    assert at_step == last + 1 and last == steps
    assert any(f"diverged at step {at_step}:" in w.value for w in at.warning)


def test_cylinders_and_keeping_a_level():
    at = app(tab="levels")
    at.selectbox(key="s3_f3_preset").set_value("cylinder3").run()
    assert at.query_params["f3"] == "cylinder3"
    at.text_input(key="s3_f3").set_value(
        "x^2 + y^2"
    ).run()  # typed: the URL keeps the formula, without spaces
    assert at.query_params["f3"] == "x^2+y^2" and at.selectbox(key="s3_f3_preset").value == "typed"
    at.slider(key="s3_c").set_value(6.0).run()
    at.button(key="s3_add_level").click().run()
    assert at.query_params["levels"] == "1,2.25,6" and not at.exception
    levels = chart(at)
    cone = next(tr for tr in levels["data"] if tr["type"] == "cone")
    assert cone["name"] == "∇f (normal, outward)"
    assert sum(tr["type"] == "mesh3d" for tr in levels["data"]) == 4
    at.button(key="s3_clear_levels").click().run()
    assert at.query_params["levels"] == "" and sum(tr["type"] == "mesh3d" for tr in chart(at)["data"]) == 2


def test_chinese_has_no_untranslated_keys():
    at = app(lang="zh", tab="levels")
    assert not at.exception and [tab.label for tab in at.tabs] == ["损失曲面", "最速下降方向", "等值面"]
    assert "surfaces_3d." not in texts(at) + json.dumps(chart(at)["data"][-1])
    assert any(tr.get("name") == "切平面（无变化）" for tr in chart(at)["data"])


def test_a_step_out_of_the_domain_is_said_as_such_not_as_a_learning_rate_too_large():
    """Issue 19.9: log(x) + y^2 from x = 0.5 at lr 0.5: the slope 1/x = 2 sends the first step to x = -0.5,
    where log has no value; a bowl at lr 1.5 really diverges (w <- -2 w)."""
    at = app(tab="loss", f="log(x) + y^2", x0="0.5", y0="0", opt="sgd", lr="0.5", steps="50")
    body = texts(at)
    assert not at.exception and "learning rate is too large" not in body and "diverged" not in body, body
    assert "left the domain where f is defined at step 1 (last point where f is defined: step 0)" in body
    assert any("sgd left the domain where f is defined at step 1:" in w.value for w in at.warning)
    at = app(tab="loss", f="x^2 + y^2", x0="1", y0="1", opt="sgd", lr="1.5", steps="50")
    assert any("sgd diverged at step 20: the learning rate is too large" in w.value for w in at.warning)
    at = app(tab="loss", f="log(x) + y^2", x0="-1", y0="0", opt="sgd", lr="0.5")
    assert any("sgd did not start: f is not defined at the start" in w.value for w in at.warning)


def test_loss_surface_offers_the_html_and_the_gif_of_its_animation():
    at = app(opt="sgd,adam", steps="40")
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert list(buttons) == [
        "Download the animation (HTML, opens offline)",
        "Download the animation (GIF, for slides)",
    ]
    zh = [b.proto.label for b in app(lang="zh", opt="sgd").get("download_button")]
    assert zh == ["下载动画（HTML，可离线打开）", "下载动画（GIF，用于幻灯片）"]
    # no optimizer, nothing animates: no downloads
    assert not app(opt="").get("download_button")


def test_a_link_naming_a_preset_but_no_start_starts_where_the_preset_does():
    at = app(f="rosenbrock", opt="sgd")
    assert not at.exception and not at.info
    assert (at.query_params["x0"], at.query_params["y0"], at.query_params["lr"]) == ("-1.5", "2.5", "0.001")
