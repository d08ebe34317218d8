"""Hostile input through the browser (issue 9): every text box and the CSV uploader, attacked in Chromium.

Each hostile string is filled into a box (Playwright's fill, a megabyte included) and committed with Enter;
each malformed file is uploaded. Within `LIMIT_S` seconds of the commit the run must have finished with the
catalogue's sentence for that input in an alert, and no traceback. A text longer than a box's max_chars is
refused by the box itself (it keeps its old value and sends nothing); its first max_chars characters are
then committed instead. Nothing may run (the injection strings would create a marker file under tmp_path),
the server must stay healthy, and a second session opened before the attacks must still work afterwards.
`pytest -s` prints the slowest responses.
"""

from __future__ import annotations

import json
import random
import re
import time
import urllib.request
import zlib
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from core.parser import MAX_LENGTH
from tests.e2e.conftest import exceptions, open_page
from ui.state import MAX_TEXT

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
# commit (Enter, or the upload) -> friendly message visible and the script finished: a bound against hangs,
# well above the usual 0.2-1 s and loose enough for the suite's busy 2 cores (2.3 s was seen once mid-suite);
# the speed itself is measured by benchmarks/
LIMIT_S = 4.0
TIMES: dict[str, float] = {}  # "view/input/case" -> seconds; printed at the end (pytest -s)

# The parser's messages, as the catalogue words them (core/strings/expressions.py): the oracle of "friendly".
FORMULA_CASES = [  # (case, text, message expected for it)
    ("import", "__import__('os').system('touch {marker}')", r"Unexpected symbol '_' at column 1"),
    ("exec", "exec(\"open('{marker}', 'w')\")", r"Unknown name 'exec'"),
    ("lambda", "lambda: 0", r"Unknown name 'lambda'"),
    ("dunder", "x.__class__", r"Unexpected symbol '\.' at column 2"),
    ("tower", "9^9^9", r"exponent at column \d+ is too large"),
    ("empty", "", r"Type a formula"),
    ("exp_huge", "exp(10^50*log(2x))", r"exponent at column 1 is too large"),
    ("power", "x^99999999", r"exponent at column 2 is too large"),
    ("megabyte", "x" * 1_000_000, r"1000000 characters long"),
    ("parens", "(" * 5000 + "x" + ")" * 5000, r"10001 characters long"),
    ("minus", "-" * 10000 + "x", r"10001 characters long"),
    ("unicode", "ｘ²＋𝑦² \u202e🙂", r"Unexpected character 'ｘ' at column 1"),
    ("control", "x\x00\x1b[2J\x07 + y", r"Unexpected character 'U\+0000' at column 2"),
    ("constant", "(2x)^600*(3x)^400", r"larger than 10\^308"),  # (x^1000 x^1000 folds to x^2000: refused)
    ("tiny", "1e-999999 x", r"out of range"),
    ("typo", "2..3 x", r"Two numbers side by side at column 3"),  # was 0.6x (issue 18.3)
    ("folded", "((((x^9)^9)^9)^9)^9", r"exponent at column \d+ is too large"),  # x^59049 (issue 19.9)
]
REFUSED = "refused"  # longer than the box's max_chars: Streamlit keeps the old value and sends nothing


def cases(marker: Path, max_chars: int, message: str | None = None) -> list[tuple[str, str, str]]:
    """(case, text, expected message): the formula cases with the marker path filled in; a text longer than
    max_chars is refused by the box, then its first max_chars characters are typed instead."""
    out = []
    for case, text, expected in FORMULA_CASES:
        text = text.replace("{marker}", str(marker))
        if len(text) > max_chars:
            out.append((f"{case}-{REFUSED}", text, REFUSED))
            text = text[:max_chars]
            expected = rf"{max_chars} characters long" if max_chars > MAX_LENGTH else r"more than 200 parts"
        out.append((case, text, message or expected))
    return out


DONE = """pattern => {
    if (document.querySelector("[data-testid='stApp']").dataset.testScriptState !== 'notRunning') return false;
    if (pattern === null) return true;
    const re = new RegExp(pattern);
    return Array.from(document.querySelectorAll("[data-testid='stAlert']"))
        .some(a => a.offsetParent !== null && re.test(a.innerText));
}"""
ALERTS = "() => Array.from(document.querySelectorAll(\"[data-testid='stAlert']\")).map(a => a.innerText)"
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


def count_runs(page) -> None:
    """Count in `page.runs` the script runs the server finishes for this tab, read from its websocket.

    (A quick rerun can start and end between two paints: the page's script-state attribute may never
    show it, and a repeated message looks the same before and after.) Call before opening the page.
    """
    page.runs = 0

    def frame(payload) -> None:
        if isinstance(payload, bytes):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINISHED:
                page.runs += 1

    page.on("websocket", lambda ws: ws.on("framereceived", frame))


def visit(page, app_url: str, view: str, query: str = "") -> None:
    count_runs(page)
    open_page(page, app_url, view, query)


def healthy(app_url: str) -> bool:
    with urllib.request.urlopen(app_url + "/_stcore/health", timeout=5) as response:
        return response.status == 200 and response.read() == b"ok"


def respond(page, label: str, act, expected: str | None) -> float:
    """Seconds from `act()` (the commit) until a run has finished and a visible alert matches `expected`."""
    runs, start = page.runs, time.perf_counter()
    act()
    while not (page.runs > runs and page.evaluate(DONE, expected)):
        assert time.perf_counter() - start < 30, (label, page.runs - runs, page.evaluate(ALERTS))
        page.wait_for_timeout(10)  # (lets Playwright deliver the websocket's frames)
    elapsed = TIMES[label] = time.perf_counter() - start
    assert not exceptions(page), (label, exceptions(page))
    assert not page.errors, (label, page.errors)
    return elapsed


def attack(page, box, where: str, attacks, marker: Path) -> None:
    """Fill each hostile text into `box` and press Enter (a refused one must leave the box as it was)."""
    began = time.perf_counter()
    for case, text, expected in attacks:
        before = box.evaluate("e => e.value")
        box.fill(text)
        held = box.evaluate("e => e.value.length")  # (a megabyte need not travel back)
        if expected == REFUSED:
            assert box.evaluate("e => e.value") == before, case
            continue
        assert held == len(text.encode("utf-16-le")) // 2, case  # JavaScript counts UTF-16 units
        respond(page, f"{where}/{case}", lambda: box.press("Enter"), expected)
        assert not marker.exists(), f"{case} ran code"
    print(f"\n{where}: {len(attacks)} cases in {time.perf_counter() - began:.1f} s", flush=True)
    slow = {k: round(v, 2) for k, v in TIMES.items() if k.startswith(where + "/") and v > LIMIT_S}
    assert not slow, f"slower than {LIMIT_S} s: {slow}"


def choose(page, scope, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label` inside `scope`, and wait for the rerun."""
    scope.get_by_role("combobox", name=label, exact=True).click()
    respond(page, f"choose/{option}", page.get_by_role("option", name=option, exact=True).click, None)


@pytest.fixture(scope="module")
def marker(tmp_path_factory) -> Path:
    """The file the injection strings would create if anything evaluated them."""
    return tmp_path_factory.mktemp("hostile") / "pwned"


@pytest.fixture(scope="module")
def bystander(browser, app_url):
    """Another student's session on the level-sets view, opened before the attacks start."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = context.new_page()
    other.errors = []
    other.on("pageerror", lambda e: other.errors.append(str(e)))
    visit(other, app_url, "level_sets", "f=bowl&x0=3&y0=4")
    other.get_by_text("At (3, 4)").first.wait_for(timeout=60_000)  # a fresh server starts slowly
    yield other
    context.close()


def test_every_text_box_is_limited_and_attacked_below():
    """Every text box has max_chars (a megabyte held in a box slowed each later rerun by seconds), and the
    views' boxes and uploaders are the ones attacked below: a new one must be added here."""
    calls = {p.stem: p.read_text() for p in sorted((ROOT / "pages").glob("*.py"))}
    calls["formula"] = (ROOT / "ui" / "formula.py").read_text()
    boxes = {k: re.findall(r"\.text_input\((?:[^()]|\([^()]*\))*\)", s) for k, s in calls.items()}
    assert all("max_chars=" in call for found in boxes.values() for call in found), boxes
    counted = {
        k: (len(boxes[k]), s.count(".file_uploader("), len(re.findall(r"\.(text_area|chat_input)\(", s)))
        for k, s in calls.items()
    }
    assert counted == {  # (text_input calls, file_uploader calls, other free-text widgets)
        "convexity": (3, 0, 0),  # g, f, lhs (one helper), xs, ws
        "decision_boundaries": (0, 1, 0),
        "level_sets": (0, 0, 0),
        "surfaces_3d": (0, 0, 0),
        "taylor": (0, 0, 0),
        "training": (0, 0, 0),
        # the one formula box: level sets' f, the 3-D view's f and f3, Taylor's f1 and f2
        "formula": (1, 0, 0),
    }


def test_level_sets_formula(page, app_url, bystander, marker):
    visit(page, app_url, "level_sets", "f=bowl")
    bar = page.get_by_test_id("stSidebar")
    box = bar.get_by_role("textbox", name="Formula in x, y (or w0, w1)")
    attack(page, box, "level_sets/f", cases(marker, MAX_TEXT), marker)
    box.fill("1e300*x*y")  # legal; its gradient at the start overflows: the descent used to have no points
    respond(page, "level_sets/f/legal-no-step", lambda: box.press("Enter"), None)
    page.screenshot(path="/tmp/hostile_level_sets.png")
    assert healthy(app_url)


def test_surfaces_3d_formulas(page, app_url, bystander, marker):
    visit(page, app_url, "surfaces_3d", "tab=steepest")
    box = page.get_by_role("textbox", name="Formula in x, y (or w0, w1)")
    attack(page, box, "surfaces_3d/f", cases(marker, MAX_TEXT), marker)
    respond(page, "tab/loss", page.get_by_role("tab", name="Loss surface").click, None)
    box = page.get_by_role("textbox", name="Formula in x, y (or w0, w1)")
    box.fill("(-1)^x + y")  # real at whole x only: said "the learning rate is too large" (issue 19.9)
    respond(page, "surfaces_3d/f/complex", lambda: box.press("Enter"), r"complex values")
    assert page.get_by_text("learning rate is too large").count() == 0
    box.fill("x^1000 + y")  # legal, infinite at the start (3, 4): the descent used to have no points
    respond(page, "surfaces_3d/f/legal-no-step", lambda: box.press("Enter"), r"too large for floating point")
    assert page.get_by_text("learning rate is too large").count() == 0  # no step was taken
    # from the start (3, 4) the slope 1/(x - 2.9) = 10 sends the first step to x < 2.9, where log has no
    # value: said "the learning rate is too large" (issue 19.9)
    box.fill("log(x - 2.9) + y^2")
    respond(
        page, "surfaces_3d/f/left-domain", lambda: box.press("Enter"), r"left the domain where f is defined"
    )
    assert page.get_by_text("learning rate is too large").count() == 0
    respond(page, "tab/levels", page.get_by_role("tab", name="Level surfaces").click, None)
    box = page.get_by_role("textbox", name="Formula in x, y, z (or w0, w1, w2)")
    attack(page, box, "surfaces_3d/f3", cases(marker, MAX_TEXT), marker)
    page.screenshot(path="/tmp/hostile_surfaces_3d.png")
    assert healthy(app_url)


def test_taylor_formulas(page, app_url, bystander, marker):
    visit(page, app_url, "taylor")
    for tab, field in (("One variable", "f1"), ("Two variables", "f2")):
        page.get_by_role("tab", name=tab).click()
        panel = page.locator("[role=tabpanel]:visible")
        name = "Formula in x" if field == "f1" else "Formula in x, y (or w0, w1)"
        box = panel.get_by_role("textbox", name=name, exact=True)
        attack(page, box, f"taylor/{field}", cases(marker, MAX_TEXT), marker)
    box.fill("acos(sin(x*y))^y*asin(cos(x*y))^x")  # legal, heavy: checking H = H^T held the server 5 s
    respond(page, "taylor/f2/legal-but-heavy", lambda: box.press("Enter"), None)  # (timed, not limited)
    assert page.get_by_text("The Hessian is symmetric").count() == 1
    page.screenshot(path="/tmp/hostile_taylor.png")
    assert healthy(app_url)


def test_convexity_formulas_region_and_numbers(page, app_url, bystander, marker):
    visit(page, app_url, "convexity")
    bar = page.get_by_test_id("stSidebar")
    # the sidebar's pickers are shown on the tabs that draw their functions (tangent: both)
    respond(page, "tab/tangent", page.get_by_role("tab", name="Tangent test").click, None)
    # the one formula box: the typed formula always shown under its picker
    for name, label in (("f", "Formula in x, y (or w0, w1)"), ("g", "Formula in x")):
        box = bar.get_by_role("textbox", name=label, exact=True)
        attack(page, box, f"convexity/{name}", cases(marker, MAX_TEXT), marker)
    choose(page, bar, "Curve g(x) (tabs 2-5)", "x^2")  # the Jensen boxes need a curve that parses
    respond(page, "tab/sets", page.get_by_role("tab", name="Convex sets").click, None)
    choose(page, page.locator("[role=tabpanel]:visible"), "Set", "typed inequality…")
    lhs = page.get_by_role("textbox", name="The set where this is ≤ 0:")
    attack(page, lhs, "convexity/lhs", cases(marker, MAX_TEXT), marker)
    respond(page, "tab/chord", page.get_by_role("tab", name="Chord test").click, None)  # lazy tabs: a rerun
    bad = r"Type as many weights as points"
    numbers = cases(marker, MAX_TEXT, message=bad) + [
        ("nan", "nan, 1", bad),
        ("inf", "1, inf", bad),
        ("overflow", "1e999, 2", bad),
        ("thirteen", ",".join("1" * 13), bad),
    ]
    box = page.get_by_role("textbox", name="x of the points, comma-separated")
    attack(page, box, "convexity/xs", numbers, marker)
    few = {"import", "megabyte-refused", "megabyte", "unicode", "empty", "nan", "thirteen"}  # xs's parser
    box = page.get_by_role("textbox", name="their weights (scaled to sum 1)")
    attack(page, box, "convexity/ws", [c for c in numbers if c[0] in few], marker)
    box.fill("1, 1")
    respond(page, "convexity/ws/two", lambda: box.press("Enter"), bad)  # xs still holds 13 numbers
    g = bar.get_by_role("textbox", name="Formula in x", exact=True)
    g.fill("x^15")
    respond(page, "convexity/g/x^15", lambda: g.press("Enter"), None)
    xs = page.get_by_role("textbox", name="x of the points, comma-separated")
    xs.fill("1e308, 1")  # C = (5e307, 10^4620 / 2): an exact number too long for str() (4,300 digits)
    assert respond(page, "convexity/xs/huge", lambda: xs.press("Enter"), None) < LIMIT_S
    assert page.get_by_text("5.0e+4619").count() >= 1
    # issue 19: sp.degree expanded this curve in the server for over 600 s; a polynomial is never "not defined"
    g.fill("(x+1)^1000 (x+2)^1000")
    assert respond(page, "convexity/g/product", lambda: g.press("Enter"), None) < LIMIT_S
    assert page.get_by_text("g is a polynomial, defined everywhere").count() >= 1
    assert page.get_by_text("g is not defined").count() == 0
    page.screenshot(path="/tmp/hostile_convexity.png", full_page=True)
    assert healthy(app_url)


def _zip_bytes() -> bytes:
    return b"PK\x03\x04" + zlib.compress(bytes(range(256)) * 40, 9)


EMPTY = r"no rows of the form x1,x2,label"
UPLOADS = [  # (case, file name, content, message expected); every one leaves the data as it was
    ("garbage", "data.csv", random.Random(9).randbytes(4096), r"not a text CSV"),
    ("empty", "empty.csv", b"", EMPTY),
    ("nan-inf-text", "cells.csv", b"x1,x2,label\n1,2,1\nnan,inf,cat\n", r"Line 3 is not of the form"),
    (
        "quote",
        "quote.csv",
        b'x1,x2,label\n1,2,1\n3,"' + b"4" * 150_000 + b"\n",
        r"Line 3 cannot be read as CSV",
    ),
    ("far", "far.csv", b"x1,x2,label\n1,2,1\n2e6,0,0\n", r"Line 3 has a coordinate beyond ±1,000,000"),
    ("json", "data.csv", json.dumps({"x1": [1, 2], "x2": [3, 4], "label": [1, 0]}).encode(), EMPTY),
    ("columns", "wide.csv", b",".join([b"1"] * 50_000) + b"\n", r"Line 1 is not of the form"),
    ("header", "header.csv", b"h" * 300_000 + b"\n1,2,1\n2,1,0\n", r"larger than 200 kB"),
    ("rows", "rows.csv", b"".join(b"%d,1,%d\n" % (i, i % 2) for i in range(3000)), r"more than 2000 rows"),
    ("png", "picture.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), r"not a text CSV"),
    ("zip", "sheet.csv", _zip_bytes(), r"not a text CSV"),
]
NAME = (
    "**big** [click](https://evil.example) www.evil.example <img src=x onerror=alert(1)> $x^2$ :red[r] `.csv"
)


def test_decision_boundaries_uploads(page, app_url, bystander, marker):
    visit(page, app_url, "decision_boundaries")
    page.get_by_text("Add points or upload data").click()
    uploader = page.locator("[data-testid='stFileUploader'] input[type=file]")
    remove = page.locator("[data-testid='stFileChipDeleteBtn'] button")
    # one untimed rerun first: the first after a page load also pays for warming up Plotly's redraws (1-3 s)
    respond(page, "warm-up", page.get_by_role("button", name="Back to the built-in data").click, None)

    def upload(case, name, content, expected) -> dict[str, float]:
        if remove.count():  # (a new file over the old one is two reruns: removal, then upload; timed apart)
            respond(page, f"db/{case}/remove-previous", lambda: remove.first.dispatch_event("click"), None)
        payload = {"name": name, "mimeType": "text/csv", "buffer": content}
        respond(page, f"db/{case}", lambda p=payload: uploader.set_input_files(p), expected)
        assert page.get_by_text("200 points, 0 added by you.").count() == 1, case  # nothing changed
        return {k: v for k, v in TIMES.items() if k.startswith(f"db/{case}")}

    first = {case[0]: upload(*case) for case in UPLOADS}
    # A case over the limit is timed once more and the faster time counts: on a shared machine another
    # process can stall one rerun (seen at 2.0-2.3 s under a concurrent test run), a slow path is slow twice.
    for case in UPLOADS:
        if any(v > LIMIT_S for v in first[case[0]].values()):
            again = upload(*case)
            TIMES.update({k: min(v, again.get(k, v)) for k, v in first[case[0]].items()})
    page.screenshot(path="/tmp/hostile_decision_boundaries.png")
    slow = {k: round(v, 2) for k, v in TIMES.items() if k.startswith("db/") and v > LIMIT_S}
    assert not slow, f"slower than {LIMIT_S} s: {slow}"
    # over server.maxUploadSize (1 MB): the browser refuses it before sending anything, and says so
    if remove.count():
        respond(page, "db/huge/remove-previous", lambda: remove.first.dispatch_event("click"), None)
    runs = page.runs
    uploader.set_input_files({"name": "huge.csv", "mimeType": "text/csv", "buffer": b"1,2,1\n" * 400_000})
    refused = page.get_by_text(re.compile(r"File must be 1(\.0)? ?MB or smaller"))
    refused.first.wait_for(state="attached", timeout=10_000)
    page.wait_for_timeout(500)
    assert page.runs == runs and page.get_by_text("200 points, 0 added by you.").count() == 1
    box = page.locator("[data-testid='stFileUploader']")
    if not box.is_visible():  # (a rerun may have closed the expander)
        page.get_by_text("Add points or upload data").click()
    box.scroll_into_view_if_needed()
    page.screenshot(path="/tmp/hostile_decision_boundaries_huge.png")
    # a good file with a hostile name: the name is shown as typed, not as markdown, links, LaTeX or HTML
    good = {"name": NAME, "mimeType": "text/csv", "buffer": b"x1,x2,label\n1,2,1\n2,1,0\n"}
    respond(page, "db/name", lambda: uploader.set_input_files(good), None)
    caption = page.get_by_text("Using the uploaded file")  # (in the expander, which the rerun may close)
    caption.wait_for(state="attached")
    assert NAME in caption.text_content() and "2 points, 0 added by you." in caption.text_content()
    assert caption.locator("a, strong, img, .katex, span[style]").count() == 0
    assert healthy(app_url)


def test_other_session_still_works(bystander, app_url, marker):
    """After every attack: the server is healthy, nothing ran, and the session opened before still reruns."""
    assert healthy(app_url)
    assert not marker.exists()
    box = bystander.get_by_label("start, first coordinate")
    box.fill("1.5")
    respond(bystander, "bystander", lambda: box.press("Enter"), None)  # a rerun, no alert expected
    bystander.get_by_text("At (1.5, 4)").first.wait_for(timeout=10_000)
    assert not exceptions(bystander) and not bystander.errors
    typed = {
        k: v for k, v in TIMES.items() if k.count("/") == 2 and not k.startswith("db/") and "legal" not in k
    }
    uploaded = {k: v for k, v in TIMES.items() if k.startswith("db/")}
    for kind, times in (("typed", typed), ("uploaded", uploaded)):
        worst = sorted(times.items(), key=lambda kv: -kv[1])[:5]
        print(f"\n{len(times)} {kind}; slowest:", ", ".join(f"{k} {v:.2f} s" for k, v in worst))
