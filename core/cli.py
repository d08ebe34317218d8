"""Command line: `python -m core analyze|descend|export ...` for teachers preparing material and for scripts.

Bad input exits with status 2 and one line on stderr beginning `error:`; no traceback, no file written.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

from core.functions import ExpressionError, curvature, parse_function
from core.i18n import t

# Heavy modules (torch, plotly) are imported by the commands that need them: `analyze` and argument
# errors answer without loading them.
NAMES = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton")


class CliError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse prints usage and exits 2; we want our one-line contract
        raise CliError(message)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text}")
    return value


def _values_not_options(argv: list[str]) -> list[str]:
    """Every word starting with a single '-' (-1e-3, -x^2) as a value: this CLI has no one-letter options.

    argparse reads such a word as an unknown option unless it looks like -1 or -.5; a leading space makes
    it a value to argparse, and float() and the formula parser ignore the space.
    """
    return [f" {word}" if word[:1] == "-" and word[:2] != "--" and word != "-h" else word for word in argv]


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m core", description="Exact calculus and gradient descent from the command line."
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    a = sub.add_parser(
        "analyze",
        help="value, gradient, Hessian and curvature of EXPR at a point",
        description="Value, gradient, Hessian, its eigenvalues, the curvature and LaTeX of EXPR at a point.",
    )
    a.add_argument("expr", help="the formula, e.g. '2*w0^2 + 3*w1^2' or '-x^2 + y' (one to three variables)")
    a.add_argument(
        "--at", nargs="+", type=_finite, required=True, metavar="V", help="the point: 1 to 3 numbers"
    )
    a.add_argument("--json", action="store_true", help="print one JSON object instead of 'key: value' lines")
    for name in ("descend", "export"):
        d = sub.add_parser(
            name,
            help="a descent path" if name == "descend" else "a standalone animated HTML page and/or a GIF",
            description=(
                "Run an optimizer on EXPR (two variables) and print its status, a summary and, on request, the path."
                if name == "descend"
                else "Run an optimizer on EXPR (two variables) and write the path as an animated page that opens"
                " offline (--html) and/or an animated GIF of the same frames for slides (--gif)."
            ),
        )
        d.add_argument("expr", help="the formula in two variables, e.g. '(1-x)^2 + 100(y-x^2)^2'")
        d.add_argument(
            "--start", nargs=2, type=_finite, required=True, metavar=("V1", "V2"), help="the starting point"
        )
        d.add_argument("--optimizer", choices=NAMES, default="sgd", help="the update rule (default: sgd)")
        d.add_argument("--lr", type=_finite, default=0.01, help="learning rate mu, > 0 (default: 0.01)")
        d.add_argument(
            "--steps", type=int, default=100, help="at most this many steps, 0-100000 (default: 100)"
        )
        d.add_argument(
            "--momentum",
            type=_finite,
            default=0.9,
            help="momentum beta for momentum and nesterov (default: 0.9)",
        )
        d.add_argument(
            "--tol",
            type=_finite,
            default=1e-6,
            help="stop when |grad f| < TOL; 0 runs every step (default: 1e-6)",
        )
        if name == "export":
            d.add_argument("--html", metavar="FILE", help="a standalone page to write (opens offline); .html")
            d.add_argument("--gif", metavar="FILE", help="an animated GIF of the same frames to write; .gif")
            d.add_argument("--force", action="store_true", help="overwrite the files if they exist")
        else:
            d.add_argument("--json", action="store_true", help="print the whole run as one JSON object")
            d.add_argument("--points", action="store_true", help="also print the path, one point per line")
    return p


def _settings(args):
    from core.optimizers import Settings

    if args.lr <= 0:
        raise CliError("--lr must be positive")
    if not 0 <= args.steps <= 100_000:
        raise CliError("--steps must be between 0 and 100000")
    if args.tol < 0:
        raise CliError("--tol must be zero or positive")
    return Settings(args.optimizer, args.lr, args.steps, args.momentum, args.tol)


def analyze(args) -> dict:
    if not 1 <= len(args.at) <= 3:
        raise CliError("--at takes one to three values")
    fn = parse_function(args.expr, len(args.at))
    facts = fn.at(args.at)
    if not np.isfinite(facts["value"]):
        raise CliError(f"f is not defined at {args.at}")
    return {
        "variables": list(fn.variables),
        **facts,
        "curvature": curvature(facts["hessian_eigenvalues"]),
        "latex": {k: v for k, v in fn.latex.items() if k != "gradient_parts"},
    }


def run_descent(args):
    from core.optimizers import descend

    fn = parse_function(args.expr, 2)
    settings = _settings(args)
    if not np.isfinite(fn.value(*args.start)):
        why = "overflows (beyond 1.8e308)" if fn.overflows(*args.start) else "is not defined"
        raise CliError(f"f {why} at the start ({_point(args.start)})")
    # a step that overflows (--lr 1e308) ends the run as diverged; numpy need not also warn on stderr
    with np.errstate(all="ignore"):
        run = descend(fn, args.start, settings)
    return fn, run


def export_target(path: str, suffix: str, force: bool) -> Path:
    """The file an export may write: it ends in `suffix`, and exists only if `force` allows overwriting it."""
    target = Path(path)
    if target.suffix.lower() != suffix:
        raise CliError(f"the file to write must end in {suffix}: {path}")
    if target.exists() and not force:
        raise CliError(f"{path} exists; add --force to overwrite it")
    return target


def summary(run, show_points: bool = False) -> str:
    """Status and summary first; the path one point per line (step, coordinates, loss) only if asked."""
    from core.optimizers import STOPPED

    lines = [
        f"status: {run.status}",
        f"steps: {run.steps}",
        f"optimizer: {run.optimizer}",
        f"start: ({_point(run.points[0])})",
        f"end: ({_point(run.points[-1])})",
        f"loss: {run.losses[-1]:.6g}",
        f"grad_norm: {run.grad_norms[-1]:.6g}",
    ]
    if run.status in STOPPED:
        # the page's sentence: a step off the domain is not a learning rate too large
        lines.append(f"stopped: {t('status.' + run.status_name, 'en', **run.status_fields())}")
    if show_points:
        lines.append("points (step, x, y, loss):")
        lines += [
            f"{k} {_point(p, ' ')} {loss:.10g}" for k, (p, loss) in enumerate(zip(run.points, run.losses))
        ]
    return "\n".join(lines)


def _point(values, separator: str = ", ") -> str:
    return separator.join(f"{float(v):.10g}" for v in values)


def main(argv=None) -> int:
    try:
        args = _parser().parse_args(_values_not_options(sys.argv[1:] if argv is None else list(argv)))
        if args.command == "analyze":
            result = analyze(args)
            print(json.dumps(result) if args.json else _pretty(result))
        elif args.command == "descend":
            _, run = run_descent(args)
            print(json.dumps(run.as_dict()) if args.json else summary(run, args.points))
        else:
            targets = export_targets(args)
            fn, run = run_descent(args)
            export(targets, fn, run)
        return 0
    except (ExpressionError, CliError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def export_targets(args) -> tuple[Path | None, Path | None]:
    """(html, gif) files to write, checked before any work: at least one, each with its suffix."""
    if not args.html and not args.gif:
        raise CliError("export needs --html FILE and/or --gif FILE")
    html = export_target(args.html, ".html", args.force) if args.html else None
    return html, export_target(args.gif, ".gif", args.force) if args.gif else None


def export(targets, fn, run) -> None:
    """The descent as a standalone HTML page (the app's player inlined) and/or a GIF of the same frames."""
    from core.figures import level_sets as figs
    from core.figures import standalone
    from core.figures.descent import add_start
    from core.grids import grid, window_for
    from core.presets import find

    preset = find(fn.text)
    window = window_for(fn, run.points.max(axis=0) if run.points.size else None)
    base = figs.base_figure(grid(fn, window, 100), fn.variables, "en", preset.minima if preset else ())
    add_start(base, run.points[0])
    fig = figs.canvas_figure(json.loads(base.to_json()), [run], window)
    html, gif_path = targets
    if html:
        html.write_text(standalone.page(fig), encoding="utf-8")
        print(f"wrote {html}: {run.steps} steps, {run.status}")
    if gif_path:
        from core.figures import gif

        data = gif.gif_bytes(fig)
        gif_path.write_bytes(data)
        frames = len(fig["animation"]["indices"])
        print(f"wrote {gif_path}: {frames} frames, {len(data) / 1e6:.1f} MB, {run.steps} steps, {run.status}")


def _pretty(result: dict) -> str:
    return "\n".join(f"{key}: {value}" for key, value in result.items())
