"""In `lang=zh` every view reads in Chinese: the rendered text (Streamlit's own widget text and the figures'
labels included) holds no Latin word outside an allow-list of names, symbols and formulas, and the help icons
are named in Chinese for a screen reader."""

import re

import pytest

from core import i18n
from tests.e2e.conftest import open_page

pytestmark = pytest.mark.e2e
PAGES = ["", "level_sets", "surfaces_3d", "decision_boundaries", "taylor", "training", "convexity"]
OPTIMIZERS = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton"}
PROPER_NAMES = {
    "PyTorch",
    "Python",
    "NumPy",
    "SymPy",
    "Plotly",
    "Streamlit",
    "Himmelblau",
    "Rosenbrock",
    "English",
    # a file format, as CSV and GIF are (those pass as short capitals)
    "HTML",
}
FORMULAS = {
    "sin",
    "cos",
    "tan",
    "tanh",
    "exp",
    "log",
    "ln",
    "sqrt",
    "abs",
    "min",
    "max",
    "sign",
    "float",
    "Language",
}
# Text a reader sees: visible text nodes, plot labels included; code and typeset formulas (KaTeX) are not prose,
# and elements hidden from everyone (display: none, aria-hidden icons, text shrunk to nothing) are skipped.
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement, text = node.textContent.trim();
    if (!text || !el || el.closest('script, style, noscript, code, pre, .katex, [aria-hidden=true]')) continue;
    const css = getComputedStyle(el), box = el.getBoundingClientRect();
    if (css.display === 'none' || css.visibility === 'hidden' || parseFloat(css.fontSize) === 0) continue;
    if (box.width === 0 || box.height === 0) continue;
    out.push(text);
  }
  return out;
}"""


def foreign_words(texts: list[str]) -> set[str]:
    """Latin words of two letters or more that are not allowed: short capitals (PQ, CSV, MB) are symbols and
    dotted names (nn.Module) are code."""
    prose = [re.sub(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+", " ", text) for text in texts]
    words = {w for text in prose for w in re.findall(r"[A-Za-z]{2,}", text)}
    allowed = OPTIMIZERS | PROPER_NAMES | FORMULAS
    return {
        w
        for w in words
        if w.lower() not in OPTIMIZERS and w not in allowed and not re.fullmatch("[A-Z]{2,3}", w)
    }


def test_the_scan_flags_english_prose():
    assert foreign_words(["Upload", "200MB per file • CSV", "θ (angle of w)"]) == {
        "Upload",
        "per",
        "file",
        "angle",
        "of",
    }
    assert (
        foreign_words(
            [
                "sgd",
                "SGD",
                "PyTorch 脚本",
                "PQ",
                "log₁₀ L",
                "猫脑（nn.Module、SGD）",
                "每个文件最大 200MB • CSV",
            ]
        )
        == set()
    )


@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "home")
def test_every_view_reads_in_chinese(page, app_url, url_path):
    open_page(page, app_url, url_path, "lang=zh")
    # the app's own content, not the first paint of a fresh server (Streamlit's default page list)
    page.wait_for_selector(".js-plotly-plot" if url_path else "[data-testid=stPageLink]", timeout=30_000)
    page.wait_for_timeout(500)
    if url_path == "decision_boundaries":  # the CSV uploader lives in the "add points" expander
        page.locator("[data-testid=stExpander] summary").first.click()
        page.wait_for_selector("[data-testid=stFileUploaderDropzone]", timeout=10_000)
    texts = page.evaluate(VISIBLE_TEXT)
    assert not foreign_words(texts), [t for t in texts if foreign_words([t])]


HELP_NAMES = (
    "() => [...document.querySelectorAll('[data-testid=stTooltipIcon] button')].map(b => b.ariaLabel)"
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_icons_are_named_in_the_pages_language(page, app_url, lang):
    open_page(page, app_url, "taylor", f"lang={lang}")
    page.wait_for_selector("[data-testid=stTooltipIcon] button", timeout=30_000)
    page.wait_for_timeout(500)
    names = page.evaluate(HELP_NAMES)
    # Streamlit's own name is "Help for <label>" in every language
    point = i18n.t("widget.help_for", lang, label=i18n.t("taylor.a", lang))
    assert point in names and point == ("“展开点 a”的帮助" if lang == "zh" else "Help for Expansion point a")
    if lang == "zh":
        assert not foreign_words(names) and all(name.endswith("的帮助") for name in names), names
