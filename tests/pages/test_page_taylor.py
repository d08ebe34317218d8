"""AppTest of the Taylor page: both tabs render, the controls change the polynomial, URL state, friendly errors."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pages.apptest import run_page

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "taylor.py")


def app(**query) -> AppTest:
    return run_page(PAGE, **query)


def texts(at) -> str:
    kinds = ("caption", "markdown", "warning", "info", "latex", "title", "subheader")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def test_default_page_shows_both_views_and_the_chapter_check():
    at = app()
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["One variable", "Two variables"]
    body = texts(at)
    assert r"1 + x + \frac{x^{2}}{2!} + \frac{x^{3}}{3!}" in body
    assert "Radius of convergence: infinite" in body and "H = Hᵀ" in body
    table = at.dataframe[0].value
    assert table["exact f(p+δ) − f(p)"].tolist() == ["0.01320066", "0.01200059"]
    assert table["the book prints"].tolist() == ["0.01320066", "0.0120006"]
    assert table["estimate ∇f·δ"].tolist() == ["0.0132", "0.012"]
    assert "(0, 0), where f = 0" in body  # Newton: one step to the bowl's minimum
    # a preset's formula goes into the URL as the preset's key, as on every view with a formula box
    assert at.query_params["f2"] == "bowl" and at.query_params["n"] == "3"
    assert len(at.get("plotly_chart")) == 4


def test_controls_change_order_preset_and_url():
    at = app()
    at.slider(key="ty_n").set_value(5).run()
    assert r"\frac{x^{5}}{5!}" in texts(at) and at.query_params["n"] == "5"
    at.selectbox(key="ty_f1_preset").select("log1p").run()
    body = texts(at)
    assert not at.exception and "Radius of convergence R = **1**" in body and "(-1, 1)" in body
    assert at.query_params["f1"] == "log1p"
    at.slider(key="ty_a").set_value(1.0).run()
    assert "R = **2**" in texts(at) and at.query_params["a"] == "1"


def test_typed_and_hostile_formulas_get_one_friendly_sentence():
    at = app(f1="sin(x", f2="x^2 - y^2", x0="1.5", y0="0.01")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    # the sentence sits under the box (an error), the last good function is drawn meanwhile
    assert any(
        "never closed" in e.value and "Still showing the last good function" in e.value for e in at.error
    )
    assert any("not positive definite" in w and "saddle" in w for w in warnings)
    at.text_input(key="ty_f1").input("x^x^x^x^x^x^x^x").run()
    assert not at.exception
    at.text_input(key="ty_f1").input("1/(1 - x)").run()  # typed preset formula: found as the preset
    assert not at.exception and "R = **1**" in texts(at)


def test_tan_after_a_typo_draws_its_polynomial():
    at = app(f1="tan(x", n="1")
    assert any("never closed" in e.value for e in at.error)
    at.text_input(key="ty_f1").input("tan(x)").run()
    assert not at.exception and not at.error and not at.warning and r"T_{1}(x) &= x" in texts(at)
    at.text_input(key="ty_f1").input("tanh(x)").run()
    at.slider(key="ty_n").set_value(5).run()
    assert not at.error and not at.warning and r"x - \frac{2\,x^{3}}{3!} + \frac{16\,x^{5}}{5!}" in texts(at)


def test_bad_url_values_fall_back_and_are_named():
    at = app(a="abc", n="99", tol="0.5", lr="-1")
    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert all(key in info for key in ("a", "n", "tol", "lr"))
    assert at.query_params["n"] == "3"


def test_singular_point_and_chinese():
    at = app(f1="1/(1 - x)", a="1", lang="zh", f2="x^2 + 0*y", x0="1", y0="1")
    assert not at.exception
    body = texts(at)
    assert "没有有限的 0 阶导数" in body and "海森矩阵奇异" in body
    assert [tab.label for tab in at.tabs] == ["一元函数", "二元函数"]
