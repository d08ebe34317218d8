"""Presenter mode and hidden controls: the style sheet's rules, its keys checked against the widgets each
page really draws, and the app keys surviving a query string cleared by navigation."""

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from core import i18n
from tests.pages.apptest import open_tab
from ui.presenter import CONTROLS, PRESENT_CSS, style
from ui.views import VIEWS

ROOT = Path(__file__).resolve().parents[2]
HIDE_RULE = re.compile(r"\.st-key-[a-z0-9_]+(, \.st-key-[a-z0-9_]+)* \{ display: none !important; \}\n")


def test_names_become_the_widget_selectors_of_the_page():
    assert (
        style("level_sets", False, ["lr", "opt"])
        == ".st-key-ls_lr, .st-key-ls_opt { display: none !important; }\n"
    )
    # f is a preset and a typed formula on the level-sets page: both widgets go
    assert (
        style("level_sets", False, ["f"])
        == ".st-key-ls_f_preset, .st-key-ls_f { display: none !important; }\n"
    )
    assert ".st-key-ty_lr" in style("taylor", False, ["lr"]) and ".st-key-db_lr" in style(
        "decision_boundaries", False, ["lr"]
    )
    assert style("level_sets", False, ["lr", "lr"]).count("ls_lr") == 1


def test_unknown_names_and_other_pages_fields_are_ignored():
    assert style("level_sets", False, ["alpha", "nope", ""]) == ""  # alpha is the convexity page's
    assert style("home", False, ["lr"]) == "" and style("no_such_page", False, ["lr"]) == ""
    assert style("level_sets", False, ["nope", "steps"]) == ".st-key-ls_steps { display: none !important; }\n"


def test_present_enlarges_the_root_font_whatever_is_hidden():
    assert style("home", False, []) == ""
    assert style("home", True, []) == PRESENT_CSS and "html { font-size: 130%; }" in PRESENT_CSS
    assert style("level_sets", True, ["lr"]).startswith(PRESENT_CSS)


@pytest.mark.parametrize(
    "hostile",
    ["lr}body{display:none", "lr{}", "</style><script>alert(1)</script>", "lr\n}html{", "ls_lr", "*"],
)
def test_hostile_names_cannot_inject_css(hostile):
    assert style("level_sets", False, [hostile]) == ""
    assert style("level_sets", False, [hostile, "lr"]) == ".st-key-ls_lr { display: none !important; }\n"


@given(st.lists(st.text(max_size=30), max_size=6), st.sampled_from([*CONTROLS, "home"]))
def test_any_names_give_one_well_formed_rule_or_none(names, page):
    css = style(page, False, names)
    assert css == "" or HIDE_RULE.fullmatch(css), css
    known = {key for keys in CONTROLS.get(page, {}).values() for key in keys}
    assert set(re.findall(r"st-key-([a-z0-9_]+)", css)) <= known


def widget_keys(node) -> set[str]:
    """Keys of every widget under an AppTest node."""
    keys = {node.key} if isinstance(getattr(node, "key", None), str) else set()
    for child in getattr(node, "children", {}).values():
        keys |= widget_keys(child)
    return keys


def element_ids(node) -> set[str]:
    """Ids of every element under an AppTest node (a keyed chart's id ends with `-<key>`)."""
    own = getattr(getattr(node, "proto", None), "id", "")
    ids = {own} if isinstance(own, str) and own else set()
    for child in getattr(node, "children", {}).values():
        ids |= element_ids(child)
    return ids


# Query strings that make every mapped widget appear (typed formulas show a text box; 3-D tabs are lazy).
RUNS = {
    "level_sets": [{"f": "x^2 + y^2"}],
    "surfaces_3d": [{"f": "x^2 + y^2", "tab": "loss"}, {"tab": "steepest"}, {"tab": "levels"}],
    "decision_boundaries": [{}],
    "taylor": [{"f1": "x^3 + 1", "f2": "x^2 + y^2 + x"}],
    "training": [{}],
    "convexity": [{"curve": "typed", "surface": "typed", "region": "typed", "res": "64", "steps": "20"}],
}


LAZY_TABS = {
    "convexity": [
        i18n.t(f"convexity.tab.{k}") for k in ("chord", "curvature", "tangent", "verdict", "minima")
    ],
    "decision_boundaries": [i18n.t(f"decision_boundaries.tab.{k}") for k in ("params", "sign", "raster")],
}
TABS_KEY = {"convexity": "cv_tabs", "decision_boundaries": "db_tabs"}


@functools.cache
def drawn(page: str) -> tuple[set[str], set[str]]:
    """(widget keys, element ids) of everything the page draws in its RUNS, every lazy tab opened."""
    keys, ids = set(), set()
    for query in RUNS[page]:
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
        at.query_params.update(query)
        at.run()
        assert not at.exception, at.exception
        runs = [at._tree]
        for label in LAZY_TABS.get(page, ()):  # only the open tab runs: open each one
            runs.append(open_tab(at, TABS_KEY[page], label)._tree)
        for tree in runs:
            keys |= widget_keys(tree)
            ids |= element_ids(tree)
    return keys, ids


@pytest.mark.parametrize("page", list(CONTROLS))
def test_every_mapped_key_is_a_widget_the_page_draws(page):
    mapped = {key for keys in CONTROLS[page].values() for key in keys}
    assert mapped <= drawn(page)[0], sorted(mapped - drawn(page)[0])


@pytest.mark.parametrize("page", list(VIEWS))
def test_every_stage_key_is_drawn_by_the_page(page):
    stage = VIEWS[page].stage
    charts = {key for key in stage if any(i.endswith("-" + key) for i in drawn(page)[1])}
    assert stage and charts == set(stage), sorted(set(stage) - charts)


def test_present_puts_the_main_plot_under_the_title_and_leaves_the_plain_page_alone():
    css = style("surfaces_3d", True, [])
    own = ".st-key-s3_surface_chart, .st-key-s3_surface_chart_table"
    # the chart, and every block holding it, first in its block; the title before all
    assert f"[data-testid=stVerticalBlock] > :has({own}" in css and f"> :is({own}" in css
    assert re.search(r"> :has\(h1\) \{ order: -2; \}", css)
    # columns stay side by side; stacked on a phone, the plot's comes first
    assert "@media (max-width: 640px) { [data-testid=stHorizontalBlock] > :has(" in css
    assert css.count("order: -1") == 2 and css.count("stHorizontalBlock") == 1
    assert "order" not in style("surfaces_3d", False, ["lr"]) and "order" not in style("home", True, [])


def test_app_keys_come_back_after_navigation_clears_the_query_string():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"present": "1", "hide": "lr,lang", "lang": "zh"})
    at.run()
    assert not at.selectbox  # "lang" in hide: no language picker
    at.query_params.clear()  # what a click on a page link does to the URL
    at.run()
    assert dict(at.query_params) == {"present": "1", "hide": "lr,lang", "lang": "zh"}
    assert at.title[0].value == "梯度下降与向量微积分" and not at.selectbox


def test_the_language_picker_shows_unless_hidden():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"hide": "lr"})
    assert [box.label for box in at.run().selectbox] == ["Language / 语言"]
