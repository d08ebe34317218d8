"""The command line's contract: JSON keys, exit codes, one-line errors, no file on failure."""

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


class Result:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def cli(*args):
    """`python -m core ARGS` in a real subprocess: the entry point as a teacher's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def run(capsys):
    """The same `main` in this process (fast): exit code and the captured streams."""
    from core.cli import main

    def call(*args):
        code = main(list(args))
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return call


def test_analyze_the_chapters_example():
    out = cli("analyze", "2*w0**2 + 3*w1**2", "--at", "3", "4", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result) == {
        "variables",
        "value",
        "gradient",
        "hessian",
        "hessian_eigenvalues",
        "curvature",
        "latex",
    }
    assert result["variables"] == ["w0", "w1"]
    assert result["value"] == 66 and result["gradient"] == [12, 24]
    assert result["hessian"] == [[4, 0], [0, 6]] and result["curvature"] == "positive-definite"
    assert set(result["latex"]) >= {"f", "gradient", "hessian"}


def test_analyze_three_variables_and_a_saddle(run):
    result = json.loads(run("analyze", "x^2 - y^2 + z", "--at", "1", "2", "3", "--json").stdout)
    assert result["variables"] == ["x", "y", "z"] and result["curvature"] == "indefinite"


def test_descend_contract(run):
    out = run(
        "descend",
        "x^2 + y^2",
        "--start",
        "1",
        "1",
        "--optimizer",
        "sgd",
        "--lr",
        "0.25",
        "--steps",
        "5",
        "--tol",
        "0",
        "--json",
    )
    result = json.loads(out.stdout)
    assert set(result) == {"points", "losses", "grad_norms", "status", "steps"}
    assert result["points"][0] == [1, 1] and result["points"][1] == [0.5, 0.5]
    assert len(result["points"]) == len(result["losses"]) == len(result["grad_norms"]) == 6
    assert result["status"] == "max_steps" and result["steps"] == 5


def test_descend_converges_with_default_tol(run):
    result = json.loads(
        run("descend", "x^2 + y^2", "--start", "1", "1", "--lr", "0.5", "--steps", "50", "--json").stdout
    )
    assert result["status"] == "converged" and result["steps"] == 1


def test_export_writes_a_standalone_animated_page(tmp_path, run):
    target = tmp_path / "descent.html"
    out = run(
        "export",
        "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        "--start",
        "0",
        "0",
        "--optimizer",
        "adam",
        "--lr",
        "0.1",
        "--steps",
        "50",
        "--html",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    html = target.read_text()
    assert "function makePlayer(" in html and '"kind": "paths"' in html  # the app's own player, inlined
    assert "cdn.plot.ly" not in html.split("</script>")[0][:2000]  # plotly.js inlined, not fetched


@pytest.mark.parametrize(
    "args",
    [
        ("analyze", "foo(x)", "--at", "1", "2"),
        ("analyze", "x^2", "--at", "nan", "1"),
        ("descend", "x^2", "--start", "1"),
        ("descend", "x^2", "--start", "1", "1", "--optimizer", "sgdx"),
        ("descend", "x^2", "--start", "1", "1", "--lr", "-1"),
        ("descend", "__import__('os')", "--start", "1", "1"),
        ("frobnicate",),
    ],
)
def test_bad_input_exits_2_with_one_error_line(args, run):
    out = run(*args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_real_entry_point_reports_errors_in_one_line():
    out = cli("descend", "x +", "--start", "0", "0")
    assert out.returncode == 2 and out.stderr.startswith("error:") and "Traceback" not in out.stderr


def test_export_failure_writes_no_file(tmp_path):
    target = tmp_path / "x.html"
    out = cli("export", "x +", "--start", "0", "0", "--html", str(target))
    assert out.returncode == 2 and not target.exists()


def _gif_frames(path):
    from PIL import Image, ImageSequence

    with Image.open(path) as im:
        return [frame.convert("RGB") for frame in ImageSequence.Iterator(im)]


def test_export_gif_of_the_played_frames(tmp_path, run):
    target = tmp_path / "descent.gif"
    args = ("export", "x^2 + 3*y^2", "--start", "3", "4", "--lr", "0.05", "--steps", "300", "--tol", "0")
    out = run(*args, "--gif", str(target))
    assert out.returncode == 0, out.stderr
    assert "200 frames" in out.stdout and target.stat().st_size < 15e6
    frames = _gif_frames(target)
    assert len(frames) == 200 and frames[0].size == (640, 560)
    first, middle, last = (np.asarray(frames[i], dtype=int) for i in (0, 100, -1))
    assert (first != last).any()
    # the middle frame shows the level sets: mostly coloured, not white (the viridis bands cover the plot)
    white = np.all(middle > 240, axis=-1).mean()
    assert white < 0.5 and len(np.unique(middle.reshape(-1, 3), axis=0)) > 20


def test_export_gif_refuses_a_wrong_suffix_and_an_existing_file_without_force(tmp_path, run):
    base = ("export", "x^2 + y^2", "--start", "1", "1", "--steps", "30", "--tol", "0")
    wrong = tmp_path / "slides.png"
    out = run(*base, "--gif", str(wrong))
    assert out.returncode == 2 and ".gif" in out.stderr and not wrong.exists()
    target = tmp_path / "slides.gif"
    target.write_bytes(b"keep me")
    out = run(*base, "--gif", str(target))
    assert out.returncode == 2 and "--force" in out.stderr and target.read_bytes() == b"keep me"
    out = run(*base, "--gif", str(target), "--force")
    assert out.returncode == 0 and target.read_bytes()[:6] == b"GIF89a" and len(_gif_frames(target)) == 31
    assert run(*base).returncode == 2  # neither --html nor --gif: nothing to write


# ----------------------------------------------------------------------------------------------------
# issue 18.17 and 19.8
def test_descend_prints_status_and_summary_first_and_points_only_on_request(run):
    args = ("descend", "x^2 + y^2", "--start", "1", "2", "--lr", "0.1", "--steps", "3", "--tol", "0")
    lines = run(*args).stdout.splitlines()
    assert lines[0] == "status: max_steps" and lines[1] == "steps: 3"
    assert "end: (0.512, 1.024)" in lines  # GD on x^2 + y^2: w_k = (1 - 2 lr)^k w_0 = 0.8^k w_0
    assert not any("points" in line for line in lines) and len(lines) < 10
    lines = run(*args, "--points").stdout.splitlines()
    table = lines[lines.index("points (step, x, y, loss):") + 1 :]
    assert len(table) == 4
    for k, line in enumerate(table):
        step, x, y, loss = (float(v) for v in line.split())
        assert step == k
        assert (x, y) == pytest.approx((0.8**k, 2 * 0.8**k), rel=1e-9)
        assert loss == pytest.approx(5 * 0.64**k, rel=1e-9)


def test_values_starting_with_a_minus_are_values(run):
    out = run("analyze", "-x^2", "--at", "-2", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["value"] == -4 and result["gradient"] == [4] and result["curvature"] == "negative-definite"
    out = run("descend", "-x^2 + y^2", "--start", "-1e-3", "2", "--steps", "0", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["points"] == [[-1e-3, 2]]


def test_a_huge_learning_rate_diverges_without_a_warning():
    out = cli("descend", "x^2 + y^2", "--start", "1", "1", "--lr", "1e308")
    assert out.returncode == 0 and out.stderr == ""
    assert out.stdout.startswith("status: diverged")


def test_a_start_outside_the_domain_is_refused(run):
    out = run("descend", "log(x)+y", "--start", "-1", "1")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == "error: f is not defined at the start (-1, 1)"


def test_export_html_needs_its_suffix_and_never_overwrites_without_force(tmp_path, run):
    args = ("export", "x^2 + y^2", "--start", "1", "1", "--steps", "3", "--html")
    wrong = tmp_path / "notes.txt"
    wrong.write_text("a teacher's notes")
    out = run(*args, str(wrong))
    assert out.returncode == 2 and "must end in .html" in out.stderr
    assert wrong.read_text() == "a teacher's notes"
    page = tmp_path / "page.html"
    page.write_text("an older page")
    out = run(*args, str(page))
    assert out.returncode == 2 and "--force" in out.stderr and page.read_text() == "an older page"
    out = run(*args, str(page), "--force")
    assert out.returncode == 0, out.stderr
    assert "<script" in page.read_text()


def test_every_option_of_every_subcommand_is_described():
    from core.cli import _parser

    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert set(commands) == {"analyze", "descend", "export"}
    for name, sub in commands.items():
        text = sub.format_help()  # what `python -m core NAME --help` prints
        described = [a for a in sub._actions if a.dest != "help"]
        assert all(a.help for a in described), name
        for action in described:
            assert " ".join(action.help.split()[:3]) in " ".join(text.split()), (name, action.dest)


def test_the_readme_rosenbrock_example_converges():
    """The README's descend example reaches Rosenbrock's minimum (1, 1)."""
    readme = (ROOT / "README.md").read_text()
    line = next(ln for ln in readme.splitlines() if "python -m core descend" in ln)
    args = shlex.split(line.split("python -m core", 1)[1])
    out = cli(*args)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["status"] == "converged"
    assert result["points"][-1] == pytest.approx([1, 1], abs=1e-4)


def test_a_step_out_of_the_domain_is_not_called_a_divergence(run):
    # log(x): slope 1/x = 2 at x = 0.5, so the step of 1 lands on x = -0.5 (issue 19.9)
    out = run("descend", "log(x) + y^2", "--start", "0.5", "0", "--lr", "0.5")
    assert out.returncode == 0 and out.stderr == ""
    lines = out.stdout.splitlines()
    assert lines[0] == "status: left_domain" and lines[1] == "steps: 0"
    assert (
        "stopped: left the domain where f is defined at step 1 (last point where f is defined: step 0)"
        in lines
    )
    out = run("descend", "x^2 + y^2", "--start", "1", "1", "--lr", "1.5")
    assert out.stdout.startswith("status: diverged")
    assert "stopped: diverged at step 20 (last finite point: step 19)" in out.stdout.splitlines()


def test_a_start_where_f_overflows_says_so(run):
    out = run("descend", "x^1000 + y", "--start", "3", "4")  # 3^1000 > 1.8e308, yet f is defined there
    assert (
        out.returncode == 2
        and out.stderr.strip() == "error: f overflows (beyond 1.8e308) at the start (3, 4)"
    )
