"""AppTest of the decision-boundaries page: controls, training, URL state, friendly messages, both languages."""

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import canvases, open_tab

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "decision_boundaries.py")


def app(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def texts(at) -> str:
    parts = [
        e.value for kind in ("caption", "markdown", "warning", "info", "latex", "title") for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


def accuracy(at) -> float:
    return float(re.search(r"training accuracy (\d\.\d+)", texts(at)).group(1))


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_opens_untrained_and_trains_on_click():
    at = app()
    assert not at.exception
    assert "Press Train" in texts(at) and len(canvases(at)) == 1  # lazy tabs: only the open tab's chart
    assert "animation" not in canvases(at)[0]["figure"]  # untrained: one picture, nothing to play
    at.button(key="db_train").click().run()
    assert not at.exception
    assert "training accuracy 1.000" in texts(at)
    (canvas,) = canvases(at)  # the replay on the canvas player; the live drawings are replaced by it
    fig = canvas["figure"]
    assert canvas["key"] == "db_data_chart" and canvas["draggable"] is True
    assert len(fig["frames"]) == 40 and fig["data"][1]["type"] == "contour"
    assert fig["animation"]["kind"] == "frames" and fig["animation"]["indices"][-1] == 500
    assert "updatemenus" not in fig["layout"] and len(charts(at)) == 1  # beside it: the loss curves
    assert [b.proto.label for b in at.get("download_button")] == ["Download the animation (GIF, for slides)"]


def test_hypersphere_on_the_ring_from_the_url_and_state_written_back():
    at = app(model="hypersphere", data="ring", seed="3", n="300")
    assert at.selectbox(key="db_model").value == "hypersphere" and at.slider(key="db_n").value == 300
    at.button(key="db_train").click().run()
    assert accuracy(at) >= 0.97
    at.selectbox(key="db_loss").set_value("logistic").run()
    assert at.query_params["loss"] == "logistic" and at.query_params["seed"] == "3"
    assert "Press Train" in texts(at)  # new settings: the old run is not shown as if it were this one


def test_garbage_in_the_url_falls_back_with_a_friendly_note():
    at = app(model="<script>", lr="nan", steps="-4", n="12abc")
    assert not at.exception
    note = at.info[0].value
    assert all(k in note for k in ("model", "lr", "steps", "n"))
    assert at.selectbox(key="db_model").value == "hyperplane"


def test_divergent_learning_rate_gets_a_warning_not_a_traceback():
    at = app(model="hypersphere", lr="5")
    at.button(key="db_train").click().run()
    assert not at.exception
    assert any("learning rate is too large" in w.value for w in at.warning)


def test_adding_a_point_and_resetting():
    at = app(n="100")
    at.radio(key="db_class").set_value(-1.0)
    at.number_input(key="db_x1").set_value(2.5)
    at.number_input(key="db_x2").set_value(2.5).run()
    at.button(key="db_add").click().run()
    assert "101 points, 1 added by you." in texts(at)
    at.button(key="db_train").click().run()
    assert accuracy(at) == pytest.approx(100 / 101, abs=1e-3)  # a -1 point deep in the +1 cluster
    at.button(key="db_reset").click().run()
    assert "100 points, 0 added by you." in texts(at)


def test_parameter_space_reacts_to_the_pair():
    at = open_tab(app(), "db_tabs", "Parameter space")
    assert "At the star: w = (" in texts(at)
    at.selectbox(key="db_pair").set_value("w1_w2").run()
    assert not at.exception and at.query_params["pair"] == "w1_w2"
    spec = next(c for c in charts(at) if any(d.get("name") == "training path" for d in c["data"]))
    assert (
        spec["layout"]["xaxis"]["title"]["text"] == "w₁" and spec["layout"]["yaxis"]["title"]["text"] == "w₂"
    )


def test_parameter_space_says_it_is_the_hyperplanes_when_another_model_is_chosen():
    at = open_tab(app(), "db_tabs", "Parameter space")
    assert not at.info and "This tab is about the **hyperplane**" not in texts(at)
    for model, name in (("hypersphere", "Hypersphere"), ("mlp", "Multilayer perceptron")):
        at = open_tab(app(model=model), "db_tabs", "Parameter space")
        assert any(
            "This tab is about the **hyperplane**" in i.value and f"the sidebar, {name}, has" in i.value
            for i in at.info
        )


def test_sign_of_phi_readout():
    at = open_tab(app(sx="-1", sy="0.5"), "db_tabs", "Sign of φ")
    assert "φ(-1.00, 0.50) = -0.50: negative half-plane (below the line)." in texts(at)
    at.number_input(key="db_sx").set_value(0.0)
    at.number_input(key="db_sy").set_value(-1.0).run()
    assert "on the line" in texts(at)


def test_raster_pixel_and_formula():
    at = open_tab(app(picture="heart", pixel="10"), "db_tabs", "Rasterisation")
    assert "Pixel (row 1, column 2) is element 1 × 8 + 2 = 10 of the vector." in texts(at)
    assert r"224 \times 224 \;\longrightarrow\; 50,176" in texts(at)
    at.slider(key="db_pixel").set_value(63).run()
    assert "row 7, column 7" in texts(at) and at.query_params["pixel"] == "63"


@pytest.mark.parametrize("lang", ["zh"])
def test_chinese_has_no_untranslated_keys(lang):
    at = app(lang=lang)
    at.button(key="db_train").click().run()
    assert not at.exception
    body = texts(at) + "".join(json.dumps(c, ensure_ascii=False) for c in charts(at))
    labels = [w.label for kind in ("selectbox", "slider", "number_input", "button") for w in at.get(kind)]
    assert "decision_boundaries." not in body + "".join(labels)
    assert "训练准确率" in body and "决策边界" in body
