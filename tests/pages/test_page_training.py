"""Training page under AppTest: listing picker, settings form, book check, divergence, URL state, tabs."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core import i18n
from tests.pages.apptest import canvases

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "training.py")


def _app(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _learned(at: AppTest) -> str:
    return at.code[0].value


def test_default_is_listing_32_with_the_books_result():
    at = _app()
    assert not at.exception
    assert _learned(at) == "y = 1.500591x + 2.747831"
    assert [s.value for s in at.success] == ["Matches the book to the shown precision."]
    assert at.query_params["listing"] == "3.2" and at.query_params["lr"] == "0.01"
    assert len(at.get("plotly_chart")) == 1  # the loss tab; the watch tab's figure is on the canvas
    (canvas,) = canvases(at)
    fig = canvas["figure"]
    assert canvas["key"] == "tr_fit" and fig["animation"]["traces"] == [2, 4, 5, 8]
    # one figure, one player: the fit, the (w, b) path on the contours and the loss curve with its marker
    assert [fig["data"][i]["type"] for i in (3, 7)] == ["contour", "scatter"] and len(fig["frames"]) > 50
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the animation (GIF, for slides)" in labels  # the same frames, for slides


def test_picking_a_listing_resets_the_settings_to_the_books():
    at = _app(listing="3.2", lr="0.02")
    at.segmented_control(key="tr_listing").set_value("3.1").run()
    assert not at.exception
    assert at.number_input(key="tr_lr").value == 0.001 and at.number_input(key="tr_steps").value == 4000
    assert _learned(at) == "y = 1.500597x + 2.746824"
    at.segmented_control(key="tr_listing").set_value("3.3").run()
    assert _learned(at) == "y = 8.796333x - 13.402761" and at.query_params["seed"] == "0"


def test_url_fills_missing_fields_with_the_listings_book_values():
    at = _app(listing="3.3")
    assert not at.exception
    assert at.number_input(key="tr_seed").value == 0 and _learned(at) == "y = 8.796333x - 13.402761"


def test_changing_settings_and_training_updates_result_and_url():
    at = _app(listing="3.2")
    at.number_input(key="tr_steps").set_value(50)
    at.selectbox(key="tr_degree").set_value(2)
    at.number_input(key="tr_lr").set_value(1e-5)
    at.button[0].click().run()  # Train
    assert not at.exception
    assert at.query_params["steps"] == "50" and at.query_params["degree"] == "2"
    assert _learned(at).startswith("y = ") and "x^2" in _learned(at)
    assert not at.success  # not the book's settings: no claim of a match
    at.button[1].click().run()  # Book settings
    assert at.number_input(key="tr_steps").value == 1000 and _learned(at) == "y = 1.500591x + 2.747831"


def test_cat_brain_compares_with_pseudo_inverse_and_bound():
    at = _app(listing="3.5")
    assert not at.exception
    assert _learned(at) == "[1.0766, 0.8976, -0.9582]"
    assert at.number_input(key="tr_n").disabled and at.selectbox(key="tr_degree").disabled
    text = " ".join(m.value for m in at.markdown)
    assert "0.0438561" in text  # stability bound 2 / lambda_max
    table = at.table[0].value
    assert table.iloc[1, 1] == "[1.0766, 0.8976, -0.9582]"
    # the float64 solution is text like the others (a list made the column fail Arrow's conversion), and
    # agrees with the book's float32 pseudo-inverse to its four decimals
    exact = table.iloc[2, 1]
    assert isinstance(exact, str) and re.fullmatch(r"\[-?\d\.\d{8}(, -?\d\.\d{8}){2}\]", exact)
    assert [round(float(v), 4) for v in exact[1:-1].split(", ")] == [1.0766, 0.8976, -0.9582]


def test_the_pseudo_inverse_comparison_is_in_view_and_captions_fit_the_figure():
    cat = _app(listing="3.5")
    hessian_tab = cat.tabs[3]
    assert len(cat.table) == 1 and not hessian_tab.table  # beside the result, not hidden in the Hessian tab
    assert "Gradient descent vs pseudo-inverse" in " ".join(m.value for m in cat.markdown)
    captions = " ".join(c.value for c in cat.tabs[0].caption)
    assert "Press play" in captions and "right panel" not in captions  # 3.5's figure has one panel
    line = _app(listing="3.2")
    assert "The right panel shows the path of (w, b)" in " ".join(c.value for c in line.tabs[0].caption)
    assert not line.table


def test_hessian_table_names_its_parameters_in_both_languages():
    for lang in ("en", "zh"):
        line = _app(listing="3.2", lang=lang).tabs[3].dataframe[0].value
        assert list(line.columns) == ["b", "w"] and list(line.index) == ["b", "w"]
        # L = mean (w x + b - y)^2: d2L/db2 = 2, d2L/dw db = 2 mean(x)
        assert abs(line.loc["b", "b"] - 2.0) < 1e-12 and abs(line.loc["w", "b"] - line.loc["b", "w"]) < 1e-12
    cat = _app(listing="3.5", lang="zh").tabs[3].dataframe[0].value
    assert list(cat.columns) == ["w0", "w1", "b"]
    cubic = _app(listing="3.3", degree="3").tabs[3].dataframe[0].value
    assert list(cubic.columns) == ["w0", "w1", "w2", "w3"]


def test_cat_brain_above_the_bound_diverges_with_a_label_and_finite_numbers():
    at = _app(listing="3.5", lr="0.05")
    assert not at.exception
    assert any("Diverged at step 47" in e.value for e in at.error)
    assert any("above the stability bound" in w.value for w in at.warning)
    assert "nan" not in " ".join(c.value for c in at.caption).lower()


def test_bad_url_values_are_ignored_with_one_friendly_message():
    at = _app(listing="9.9", lr="abc", steps="-3", seed="<script>")
    assert not at.exception
    ignored = [i.value for i in at.info if i.value == i18n.t("page.ignored", keys="listing, seed, lr, steps")]
    assert len(ignored) == 1 and all(k in ignored[0] for k in ("listing", "lr", "steps", "seed"))
    assert _learned(at) == "y = 1.500591x + 2.747831"


def test_gradient_table_and_code_panel():
    at = _app(listing="3.1")
    frame = at.dataframe[0].value
    assert frame.iloc[:, 4].max() < 1e-3  # closed form and autograd agree
    code = at.code[1].value
    assert "torch.manual_seed(42)" in code and "num_steps = 4000" in code
    assert "Learned function" in code


def test_chinese_labels():
    at = _app(lang="zh", listing="3.2")
    assert not at.exception
    assert at.number_input(key="tr_lr").label == "学习率 μ"
    assert at.success[0].value == "与书中结果在所示精度内一致。"


def test_a_training_past_its_budget_says_so_and_what_fits_in_both_languages(monkeypatch):
    monkeypatch.setenv("GD_BUDGET_LISTING", "1")  # read when the job is submitted
    for lang, seed, words in (("en", "4242", "budget"), ("zh", "4243", "预算")):
        at = _app(listing="3.4", steps="200000", seed=seed, lang=lang)
        assert not at.exception
        [warning] = at.warning
        assert words in warning.value
        # the budget, the steps asked for, and what fits, in this order in both languages
        seconds, steps, fit = map(int, re.findall(r"\d+", warning.value))
        assert (seconds, steps) == (1, 200_000)
        assert 0 < fit < 200_000, warning.value
        assert not at.code  # no result shown for a run that did not finish
