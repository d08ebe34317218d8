"""ui.text.literal: user text (an uploaded file's name) shown as typed inside catalogue markdown."""

import re

import pytest

from ui.text import literal


@pytest.mark.parametrize(
    "text",
    ["data.csv", "**big** [x](https://evil.example) $x^2$ :red[r].csv", "a`b.csv", "``two``.csv", "`"],
)
def test_literal_is_one_code_span_holding_the_text_unchanged(text):
    out = literal(text)
    fence = re.match("`+", out).group()
    # CommonMark: a code span ends at the first run of exactly as many backticks as opened it; one space of
    # padding on both sides is stripped. So the text must hold no run of that length, and come back whole.
    assert out == f"{fence} {text} {fence}"
    assert all(len(run) != len(fence) for run in re.findall("`+", text))
