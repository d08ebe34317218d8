"""AppTest of the convexity page: the book's chords, the verdicts, Himmelblau's critical points, URL state."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.i18n import t as translate
from tests.pages import apptest as pages

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "convexity.py")
SMALL = {"res": "64", "steps": "100"}  # basins on a small grid: these tests are about the controls


def app(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in {**SMALL, **query}.items():
        at.query_params[key] = value
    return at.run()


def texts(at) -> str:
    kinds = ("caption", "markdown", "warning", "info", "success", "title", "subheader")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


TABS = [
    "Convex sets",
    "Chord test",
    "Second-derivative test",
    "Tangent test",
    "Verdict",
    "Local minima & basins",
]


def open_tab(at, label: str) -> AppTest:
    return pages.open_tab(at, "cv_tabs", label)


def test_default_page_book_chord_and_himmelblau():
    at = app()
    assert not at.exception and [tab.label for tab in at.tabs] == TABS
    assert "The segment PQ leaves the set" in texts(at)  # the crescent
    assert len(at.get("plotly_chart")) == 1  # lazy tabs: only the open tab (convex sets) ran
    open_tab(at, "Chord test")
    body = texts(at)
    assert "C = (2.6, 20.2) on the chord lies **above** D = (2.6, 6.76)" in body
    assert "The segment PQ leaves the set" not in body and len(at.get("plotly_chart")) == 2  # chord, Jensen
    open_tab(at, "Local minima & basins")
    table = at.dataframe[0].value
    assert Counter(table["kind"]) == {"minimum": 4, "maximum": 1, "saddle": 4}
    top = table[table["kind"] == "maximum"].iloc[0]
    assert top["point (x, y)"] == "(-0.270845, -0.923039)" and top["f"] == "181.6165"
    assert "Share of starts reaching each minimum" in texts(at) and len(at.get("plotly_chart")) == 2
    open_tab(at, "Verdict")
    verdicts = [t.value for t in at.table]
    assert (
        verdicts[0]["verdict"].tolist() == ["convex"] * 3
        and verdicts[1]["verdict"].tolist() == ["neither convex nor concave"] * 3
    )
    assert at.query_params["curve"] == "square" and at.query_params["surface"] == "himmelblau"


def test_a_closed_tabs_settings_are_kept():
    at = open_tab(app(x0="2"), "Tangent test")
    assert at.slider(key="cv_x0").value == 2.0
    at.slider(key="cv_x0").set_value(-1.5).run()
    assert "cv_lr" not in [w.key for w in at.number_input]  # not built: its tab is closed
    open_tab(at, "Local minima & basins")
    assert "cv_x0" not in [w.key for w in at.slider]
    at.number_input(key="cv_lr").set_value(0.02).run()
    open_tab(at, "Tangent test")
    assert at.slider(key="cv_x0").value == -1.5 and at.query_params["x0"] == "-1.5"
    open_tab(at, "Local minima & basins")
    assert at.number_input(key="cv_lr").value == 0.02 and at.query_params["lr"] == "0.02"


def test_book_cube_button_and_sliders_change_the_verdict():
    at = open_tab(app(), "Chord test")
    at.button(key="cv_book_cube").click().run()
    assert not at.exception
    assert "C = (1.1, -66.1) on the chord lies **below** D = (1.1, 1.331)" in texts(at)
    assert at.query_params["curve"] == "cube" and at.query_params["a"] == "-8"
    at.slider(key="cv_a").set_value(0.0).run()  # both ends on the convex half: C above D again
    assert "C = (3.5, 87.5) on the chord lies **above** D = (3.5, 42.875)" in texts(at)
    assert at.query_params["a"] == "0"
    at.slider(key="cv_alpha").set_value(1.0).run()
    assert "coincides with D = (0, 0)" in texts(at)
    verdicts = open_tab(at, "Verdict").table[0].value
    assert verdicts["verdict"].tolist() == ["neither convex nor concave"] * 3


def test_curves_from_the_url_and_several_points():
    at = open_tab(app(curve="log", xs="1, 2, 4", ws="1, 1, 2"), "Chord test")
    assert not at.exception
    assert "weights 0.25, 0.25, 0.5" in texts(at) and "lies **below**" in texts(at)  # Jensen reversed
    assert "**log(x)**: concave" in texts(open_tab(at, "Verdict"))
    at.selectbox(key="cv_curve").set_value("exp").run()
    assert "**e^x**: convex" in texts(at) and at.query_params["a"] == "-2.5"


def test_surface_choice_sets_its_learning_rate_and_rosenbrock_is_not_convex():
    # the surface picker is shown on the tabs that draw the surface
    at = open_tab(app(), "Second-derivative test")
    at.selectbox(key="cv_surface").set_value("rosenbrock").run()
    assert not at.exception and at.query_params["lr"] == "0.001"  # set while its tab is closed
    open_tab(at, "Local minima & basins")
    assert at.number_input(key="cv_lr").value == 0.001
    assert Counter(at.dataframe[0].value["kind"]) == {"minimum": 1}
    assert "neither convex nor concave" in open_tab(at, "Verdict").table[1].value["verdict"].tolist()[0]


def test_bad_input_gets_one_friendly_sentence():
    at = app(
        curve="typed",
        g="x^^2",
        surface="typed",
        f="import os",
        region="typed",
        lhs="x^2 +",
        xs="1, 2",
        ws="1",
        res="7",
        alpha="2",
        optimizer="<script>",
    )
    assert not at.exception
    assert all(k in at.info[0].value for k in ("res", "alpha", "optimizer"))
    # each bad formula: one sentence right under its box, naming the last good function (the sets tab
    # shows the region's box; the tangent tab both sidebar boxes)
    assert len(at.error) == 1 and "Still showing the last good function" in at.error[0].value
    open_tab(at, "Tangent test")
    assert len(at.error) == 2 and all("Still showing the last good function" in e.value for e in at.error)
    assert "Fix the formula" not in texts(open_tab(at, "Chord test"))
    assert at.text_input(key="cv_g").value == "x^^2"  # the typed text is kept
    at.text_input(key="cv_g").input("x^4 - x").run()
    assert not at.exception and "**x^4 - x**: convex" in texts(open_tab(at, "Verdict"))


def test_chinese_has_no_missing_keys():
    names = ("sets", "chord", "curvature", "tangent", "verdict", "minima")
    labels = [tab.label for tab in app(lang="zh").tabs]
    assert labels == [translate(f"convexity.tab.{name}", "zh") for name in names] and "弦检验" in labels
    for name, label in zip(names, labels, strict=True):  # each tab in a fresh session: AppTest cannot rerun
        at = AppTest.from_file(PAGE, default_timeout=60)  # a selectbox whose options are translated
        at.query_params.update({**SMALL, "lang": "zh"})
        at.session_state["cv_tabs"] = label
        body = texts(at.run())
        assert not at.exception and translate(f"convexity.{name}_caption", "zh") in body  # this tab ran
        assert "convexity." not in body


def test_the_hessian_caption_names_the_surface_it_shows():
    at = open_tab(app(), "Second-derivative test")  # Himmelblau by default
    body = texts(at)
    assert "Hessian of f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2" in body and "Rosenbrock" not in body
    assert "Himmelblau is locally convex around each of its four minima" in body
    at.selectbox(key="cv_surface").set_value("rosenbrock").run()
    assert "Rosenbrock is locally convex exactly where y ≤ x² + 1/200" in texts(at)
    typed = open_tab(app(surface="typed", f="x^2 + y^2"), "Second-derivative test")
    assert "Hessian of f = x^2 + y^2:" in texts(typed) and "Rosenbrock" not in texts(typed)


def test_verdict_table_shows_counterexamples_only_where_a_test_finds_neither():
    at = open_tab(app(curve="typed", g="abs(x)"), "Verdict")
    curve, surface = (table.value for table in at.table)
    assert "**abs(x)**: convex" in texts(at) and curve["verdict"].tolist() == ["convex"] * 3
    assert curve["counterexample"].tolist() == ["", "", ""]  # x^2 and |x| pass: nothing reads as failing
    assert all(
        cell.startswith("not convex: ") and "; not concave: " in cell for cell in surface["counterexample"]
    )


def test_a_set_that_does_not_parse_gets_a_verdict_only_about_the_set_drawn():
    # the typed error used to sit beside "100% of the segment is outside" (of an empty set); now the box says
    # what is wrong and the last good set (the unit disc) is drawn and judged
    at = app(region="typed", lhs="x^2 + 2y^2 <= 1")
    errors = " ".join(e.value for e in at.error)
    assert "Unexpected symbol '<' at column 12" in errors
    assert "% of the segment is outside" not in texts(at)
    assert "The whole segment PQ lies in the set." in texts(at) and at.get("plotly_chart")


def test_basins_of_a_slow_bowl_say_not_converged_not_diverged():
    at = open_tab(app(surface="typed", f="x^2 + xy + y^2", steps="60"), "Local minima & basins")
    body = texts(at)
    assert "Not converged within the steps: >99%" in body and "diverged: 0%" in body, body
    assert "left f's domain: 0%" in body
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    bar = spec["data"][0]["colorbar"]
    assert bar["ticktext"][:4] == [
        "left f's domain (f has no value there)",
        "diverged",
        "not converged within the steps",
        "stopped away from the minima",
    ]
    assert "minimum 1" in bar["ticktext"] and not at.get("progress")  # the bar went away after reaching 100%
    assert at.button(key="cv_restart").label == "Restart from random points"


def test_a_killed_exact_solver_is_said_and_not_remembered(monkeypatch):
    """Issue 19.5: the exact solver killed from outside leaves Newton's points alone, says so, and is not
    cached (st.cache_data, the pool's shared results) as the formula's answer: the next rerun recomputes."""
    from core import critical_points as cp
    from core import sandbox
    from core.parser import ExpressionError

    real = sandbox.run

    def killed(fn, *args, **kwargs):
        if fn is cp.solve_gradient:
            raise ExpressionError("expr.killed", seconds="0.3")
        return real(fn, *args, **kwargs)

    # a formula no other test uses: nothing cached for it yet; its minima (±1, 0) are exact roots
    formula = "x^4 - 2x^2 + 3y^2 + 0.25"
    monkeypatch.setattr(sandbox, "run", killed)
    at = open_tab(app(surface="typed", f=formula), "Local minima & basins")
    assert "The exact solution (sympy) was not available this time" in texts(at)
    assert "stopped from outside after 0.3 s" in texts(at)
    assert set(at.dataframe[0].value["found by"]) == {"newton"}
    monkeypatch.setattr(sandbox, "run", real)
    at.run()
    assert "not available this time" not in texts(at)
    table = at.dataframe[0].value
    assert "sympy" in set(table["found by"]) and Counter(table["kind"]) == {"minimum": 2, "saddle": 1}
