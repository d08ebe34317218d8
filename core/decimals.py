"""Numbers as the chapter prints them: an exact decimal when the number has one, else rounded.

One formatter for every exact number shown (the worked example's table, Taylor's change table, the
chord and tangent readouts): 0.01320066 stays 0.01320066, not 0.0132007; 1/3 is rounded.
"""

from __future__ import annotations

import math

import mpmath
import sympy as sp

# Past this size the exact digits are not worth computing (and Python refuses str() of 4,300 digits).
MAX_BITS = 4000


def decimal_text(value, digits: int = 12, longest: int | None = None) -> str:
    """An exact decimal for a rational whose decimal terminates (and has at most `longest` digits, if
    given), else `digits` significant digits ("nan" for a number that is none)."""
    exact = terminating(value)
    if exact is not None and (longest is None or sum(ch.isdigit() for ch in exact) <= longest):
        return exact
    return rounded(value, digits)


def terminating(value) -> str | None:
    """The exact decimal of a rational with a terminating expansion, or None."""
    if isinstance(value, int):
        value = sp.Integer(value)
    if not isinstance(value, sp.Rational):
        return None
    p, q = int(value.p), int(value.q)
    if p.bit_length() + q.bit_length() > MAX_BITS:
        return None
    twos = fives = 0
    rest = q
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    places = max(twos, fives)
    digits = str(abs(p) * 10**places // q)
    sign = "-" if p < 0 else ""
    if places == 0:
        return sign + digits
    digits = digits.rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def rounded(value, digits: int) -> str:
    """`digits` significant digits; an exact rational beyond floats (x^15 at x = 1e308) through mpmath."""
    try:
        x = float(value)
    except (TypeError, OverflowError):
        x = math.inf
    if math.isfinite(x):
        return f"{x:.{digits}g}"
    if isinstance(value, sp.Rational):
        return mpmath.nstr(mpmath.mpf(int(value.p)) / int(value.q), digits)
    return "nan"
