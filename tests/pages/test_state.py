"""URL state: round trips, and garbage falling back to defaults key by key."""

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from ui.state import MAX_TEXT, from_params, setting, to_params


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
    from streamlit.testing.v1 import AppTest

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
