"""URL state: round trips, and garbage falling back to defaults key by key."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from ui.state import MAX_TEXT, compact, from_params, read_params, setting, to_params, typed_formula


@dataclass(frozen=True)
class Example:
    f: str = "x^2 + y^2"
    x0: float = 3.0
    steps: int = setting(200, lo=1, hi=5000)
    opt: tuple[str, ...] = setting(("sgd",), choices=("sgd", "adam", "newton"))
    field: bool = False
    mode: str = setting("a", choices=("a", "b"))


def test_round_trip():
    state = Example("sin(x)", -1.25, 40, ("adam", "newton"), True, "b")
    params = to_params(state)
    assert params["opt"] == "adam,newton" and params["field"] == "1"
    assert from_params(Example, params) == (state, [])


def test_garbage_falls_back_per_key():
    state, ignored = from_params(
        Example, {"x0": "nan", "steps": "1e9", "opt": "sgd,rm -rf", "field": "yes", "mode": "c", "f": "x"}
    )
    assert state == Example(f="x")
    assert sorted(ignored) == ["field", "mode", "opt", "steps", "x0"]


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(1, 5000), st.text(max_size=40))
def test_any_valid_state_round_trips(x0, steps, f):
    state = Example(f=f, x0=x0, steps=steps)
    assert from_params(Example, to_params(state))[0] == state


def test_a_value_too_long_for_a_link_is_left_out_of_it():
    def page():
        import dataclasses

        import streamlit as st

        from ui import state as url

        @dataclasses.dataclass(frozen=True)
        class Example:
            f: str = "x"
            n: int = 3

        url.save(Example(f=st.session_state.get("typed", "y^2"), n=4))

    at = AppTest.from_function(page).run()
    assert at.query_params["f"] == "y^2"
    at.session_state["typed"] = "x" * (MAX_TEXT + 1)  # a megabyte pasted into a box, say
    at.run()
    assert "f" not in at.query_params and at.query_params["n"] == "4"  # the rest is kept
    at.session_state["typed"] = "x" * MAX_TEXT
    at.run()
    assert at.query_params["f"] == "x" * MAX_TEXT


def test_a_value_too_long_in_a_link_falls_back_to_the_default():
    state, ignored = from_params(
        Example, {"f": "x" * (MAX_TEXT + 1), "x0": "1" * (MAX_TEXT + 1), "steps": "7"}
    )
    assert state == Example(steps=7) and sorted(ignored) == ["f", "x0"]


# ---------------------------------------------------------------- links that ask too much (issue 19, item 4)
def test_repeated_and_too_many_list_entries_are_cut_down_and_named():
    from ui.views import LevelSets, Surfaces3D

    state, ignored, capped = read_params(LevelSets, {"opt": ",".join(["sgd"] * 126)})
    assert state.opt == ("sgd",) and ignored == [] and capped == ["opt"]
    state, _, capped = read_params(Surfaces3D, {"levels": ",".join(str(v) for v in range(190))})
    assert state.levels == tuple(str(v) for v in range(8)) and capped == ["levels"]
    state, _, capped = read_params(LevelSets, {"opt": "adam,sgd"})
    assert state.opt == ("adam", "sgd") and capped == []


def test_training_links_have_a_work_budget():
    from ui.views import Training

    state, _, capped = read_params(Training, {"listing": "3.3", "steps": "300000", "n": "5000"})
    assert capped == ["steps"] and state.n == 5000 and state.steps * state.n <= 20_000_000
    state, _, capped = read_params(Training, {"listing": "3.4", "steps": "200000", "n": "100"})
    assert capped == [] and state.steps == 200_000  # the book's longest listing fits


# ---------------------------------------------------------------- a typed plus (issue 19, item 6)
def test_a_plus_typed_into_the_address_bar_is_a_plus():
    # browsers send ^ * ( ) of a query as typed
    assert typed_formula("x^2+y^2") == "x^2+y^2" and typed_formula("x+y") == "x+y"
    assert typed_formula("(x-1)^2+y%20*%202") == "(x-1)^2+y * 2"
    # an encoder (Streamlit's own links) writes a plus as %2B, a space as +, and ^ as %5E
    assert typed_formula("x%5E2+%2B+y%5E2") is None and typed_formula("x%5E2") is None
    assert typed_formula("x%5E4+-+x") is None


def test_links_write_formulas_without_spaces():
    from core.functions import parse_function

    assert compact("x^2 + y^2") == "x^2+y^2" and compact(" (x - 1) ^ 2 ") == "(x-1)^2"
    for text in ("x y", "2 x  y", "x^2 y + 3 y", "sin(x) cos(y)", "w0 w1 - 1.5 w0"):
        written = compact(text)
        assert " " not in written
        before, after = parse_function(text, 2), parse_function(written, 2)
        for point in ((0.3, -1.7), (2.0, 0.5)):
            assert after.value(*point) == pytest.approx(before.value(*point))


def test_the_page_reads_a_hand_written_plus():
    def page():
        import dataclasses

        import streamlit as st

        from ui import state as url

        @dataclasses.dataclass(frozen=True)
        class Example:
            f: str = url.setting("x", formula=True)

        st.write(url.load(Example)[0].f)

    at = AppTest.from_function(page)
    # the browser sends f=x+y for a typed ?f=x+y (AppTest encodes a space as +, as browsers send a plus)
    at.query_params["f"] = "x y"
    assert at.run().markdown[0].value == "x+y"


# ---------------------------------------------------------------- the first edit after a restart (item 7)
def test_the_first_edit_after_a_server_restart_is_kept():
    from pathlib import Path

    page = str(Path(__file__).resolve().parents[2] / "pages" / "level_sets.py")
    before = AppTest.from_file(page, default_timeout=60)
    before.query_params.update(x0="3", y0="4")
    before.run()
    # the student types 2.5 into a tab whose server has restarted: the browser still holds its widgets
    before.number_input(key="ls_y0").set_value(2.5)
    widgets = before._tree.get_widget_states()
    after = AppTest.from_file(page, default_timeout=60)
    after.query_params.update(x0="3", y0="4")
    after._run(widgets)
    assert not after.exception
    assert after.number_input(key="ls_y0").value == 2.5 and after.query_params["y0"] == "2.5"
