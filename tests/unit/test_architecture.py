"""House rules that a test can hold: core stays free of Streamlit; the catalogue is complete."""

import ast
import re
import subprocess
import sys
from pathlib import Path

from core import i18n

ROOT = Path(__file__).resolve().parents[2]


def test_core_never_imports_streamlit():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "core").rglob("*.py")
        if p.name not in ("__main__.py",)
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_every_entry_has_both_languages_with_the_same_fields():
    for key, (en, zh) in i18n.CATALOGUE.items():
        assert en.strip() and zh.strip(), key
        assert i18n.fields(en) == i18n.fields(zh), key


def _literal_keys():
    """Catalogue keys used as string literals in calls to t(...) anywhere in the app."""
    keys = set()
    files = [
        ROOT / "app.py",
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "ui").glob("*.py"),
        *(ROOT / "core").rglob("*.py"),
    ]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add((node.args[0].value, path.name))
    return keys


def test_every_key_used_in_code_is_in_the_catalogue():
    missing = sorted(f"{key} ({where})" for key, where in _literal_keys() if key not in i18n.CATALOGUE)
    assert not missing, missing


def test_chinese_uses_the_chapters_terms():
    zh = " ".join(pair[1] for pair in i18n.CATALOGUE.values())
    for term in ("梯度", "等高线", "海森矩阵", "泰勒级数", "决策边界"):
        assert term in zh, term
    assert not re.search(r"\{[a-z_]+\}", i18n.t("home.section", "zh", sections="3.3"))


def test_cli_optimizer_names_match_the_registry():
    from core import cli, optimizers

    assert cli.NAMES == optimizers.NAMES


def test_no_plotly_animation_anywhere_only_the_canvas_player():
    """One animation engine: plotly's own (animate, updatemenus, sliders) blanks the static layers."""
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    sources += [*(ROOT / "core").rglob("*.py"), *(ROOT / "ui").glob("*.js")]
    keys = r"""["'](?:updatemenus|sliders)["']|\b(?:updatemenus|sliders)\s*="""
    pattern = re.compile(
        keys + r"""|["']animate["']|method\s*=\s*["']animate|Plotly\.animate\s*\(|go\.Frame\b"""
    )
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found
    player = (ROOT / "ui" / "plotly_player.js").read_text(encoding="utf-8")
    assert "Plotly.react(" in player  # frames are painted over the whole figure
