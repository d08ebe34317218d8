"""The catalogue's text reads as mathematics: no programmer's underscores (D_θ, T_3) outside LaTeX."""

import re

from core.i18n import CATALOGUE

# a letter, an underscore and a digit, n, k or θ: D_θ, T_3, w_0 (fine inside $...$, where LaTeX sets it)
UNDERSCORED = re.compile(r"\b[A-Za-z]_[0-9nkθ]")


def outside_latex(text: str) -> str:
    return re.sub(r"\$[^$]*\$", "", text)


def test_no_underscored_subscripts_in_any_language():
    found = {
        (key, lang): text
        for key, pair in CATALOGUE.items()
        for lang, text in zip(("en", "zh"), pair, strict=True)
        if UNDERSCORED.search(outside_latex(text))
    }
    assert found == {}


def test_the_pattern_finds_what_it_should():
    assert UNDERSCORED.search("rate D_θ = 2") and UNDERSCORED.search("T_3(x)")
    assert not UNDERSCORED.search(outside_latex("rate $D_\\theta$ = 2")) and not UNDERSCORED.search(
        "w₀, x_max"
    )


def test_every_literal_key_a_page_or_figure_asks_for_exists():
    # t(P + "restart") with no catalogue entry shows "convexity.restart" on the button: no test saw it
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    missing = []
    for path in [*root.glob("pages/*.py"), *root.glob("core/figures/*.py"), root / "app.py"]:
        source = path.read_text(encoding="utf-8")
        prefix = re.search(r'^(?:P|TEXT)(?:, \w+)* = "([a-z_0-9]+\.)"', source, re.M)
        keys = re.findall(r'\bt\(\s*"([a-z_0-9.]+)"\s*[,)]', source)  # whole literals, not "status." + ...
        if prefix:
            keys += [
                prefix.group(1) + k
                for k in re.findall(r'\bt\(\s*(?:P|TEXT) \+ "([a-z_0-9.]+)"\s*[,)]', source)
            ]
        missing += [(path.name, key) for key in keys if key not in CATALOGUE]
    assert missing == []
