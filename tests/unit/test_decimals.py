"""The one exact-decimal formatter, against Python's Decimal as the oracle."""

from decimal import Decimal, localcontext

import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from core.decimals import decimal_text


@given(st.integers(-(10**12), 10**12), st.integers(0, 12), st.integers(0, 12))
def test_a_terminating_rational_is_exact(p, twos, fives):
    q = sp.Rational(p, 2**twos * 5**fives)
    with localcontext() as ctx:
        ctx.prec = 100
        assert Decimal(decimal_text(q)) == Decimal(int(q.p)) / Decimal(int(q.q))


def test_the_chapters_numbers_and_the_rounded_ones():
    assert decimal_text(sp.Rational("0.01320066")) == "0.01320066"  # not 0.0132007
    assert decimal_text(sp.Rational(-661, 10)) == "-66.1" and decimal_text(sp.Integer(7)) == "7"
    assert (
        decimal_text(sp.Rational(1, 3)) == "0.333333333333"
        and decimal_text(sp.Rational(1, 3), 6) == "0.333333"
    )
    assert decimal_text(sp.sqrt(2) / 100, 6) == "0.0141421"
    # a short-decimals view: past 15 digits, rounded
    assert decimal_text(sp.Rational(1, 2**20), 6, longest=15) == "9.53674e-07"
    assert decimal_text(sp.Rational(1, 2**20)) == "0.00000095367431640625"
    assert decimal_text(sp.Rational(10) ** 4620 / 2, 6).startswith("5.0e+4619")  # beyond floats
    assert decimal_text(float("nan")) == "nan"
