"""The one formula box: every view that takes a formula answers the same bad formula with the same
sentence, right under the box it is about, in English and in Chinese, and keeps the last good function."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import i18n
from core.functions import ExpressionError, parse_function
from tests.pages.apptest import open_tab

PAGES = Path(__file__).resolve().parents[2] / "pages"
BAD = "x^^2 + 1"
# (page, query, convexity tab to open (label key) or None, key of the text box)
BOXES = [
    ("level_sets", {}, None, "ls_f"),
    ("surfaces_3d", {}, None, "s3_f"),
    ("surfaces_3d", {"tab": "levels"}, None, "s3_f3"),
    ("taylor", {}, None, "ty_f1"),
    ("taylor", {}, None, "ty_f2"),
    ("convexity", {"curve": "typed"}, "convexity.tab.verdict", "cv_g"),
    ("convexity", {"surface": "typed"}, "convexity.tab.verdict", "cv_f"),
    ("convexity", {"region": "typed"}, None, "cv_lhs"),
]


def sentence_under(node, key: str):
    """The element drawn right after the text box keyed `key` (in the same container), or None."""
    children = getattr(node, "children", None)
    if not children:
        return None
    items = [children[i] for i in sorted(children)]
    for i, child in enumerate(items):
        if getattr(child, "key", None) == key and type(child).__name__ == "TextInput":
            return items[i + 1] if i + 1 < len(items) else None
        found = sentence_under(child, key)
        if found is not None:
            return found
    return None


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("page", "query", "tab", "key"), BOXES)
def test_a_bad_formula_gets_the_one_sentence_under_its_box(page, query, tab, key, lang):
    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=60)
    at.query_params.update(query | {"lang": lang})
    at.run()
    if tab:
        open_tab(at, "cv_tabs", i18n.t(tab, lang))
    good = at.text_input(key=key).value
    at.text_input(key=key).set_value(BAD).run()
    assert not at.exception
    nvars = 3 if key == "s3_f3" else 1 if key in ("ty_f1", "cv_g") else 2
    with pytest.raises(ExpressionError) as err:
        parse_function(BAD, nvars)
    shown = sentence_under(at._tree, key)
    assert shown is not None and type(shown).__name__ == "Error"
    last = parse_function(good, nvars).text
    assert shown.value == i18n.t("formula.bad", lang, message=err.value.message(lang), text=f"` {last} `")
    assert "3" in err.value.message(lang)  # the column of the second ^
    assert [e.value for e in at.error] == [shown.value]  # one sentence, nowhere else
