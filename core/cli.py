"""Command line: `python -m core analyze|descend|export ...` for teachers preparing material and for scripts.

Bad input exits with status 2 and one line on stderr beginning `error:`; no traceback, no file written.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

import numpy as np

from core.functions import ExpressionError, curvature, parse_function

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


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m core", description="Exact calculus and gradient descent from the command line."
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    a = sub.add_parser("analyze", help="value, gradient, Hessian and curvature of EXPR at a point")
    a.add_argument("expr")
    a.add_argument("--at", nargs="+", type=_finite, required=True, metavar="V")
    a.add_argument("--json", action="store_true")
    for name in ("descend", "export"):
        d = sub.add_parser(
            name, help="a descent path" if name == "descend" else "a standalone animated HTML page"
        )
        d.add_argument("expr")
        d.add_argument("--start", nargs=2, type=_finite, required=True, metavar=("V1", "V2"))
        d.add_argument("--optimizer", choices=NAMES, default="sgd")
        d.add_argument("--lr", type=_finite, default=0.01)
        d.add_argument("--steps", type=int, default=100)
        d.add_argument("--momentum", type=_finite, default=0.9)
        d.add_argument("--tol", type=_finite, default=1e-6)
        if name == "export":
            d.add_argument("--html", metavar="FILE", help="write a standalone HTML page (opens offline)")
            d.add_argument("--gif", metavar="FILE", help="write an animated GIF of the same frames (.gif)")
            d.add_argument("--force", action="store_true", help="overwrite an existing --gif file")
        else:
            d.add_argument("--json", action="store_true")
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
    run = descend(fn, args.start, _settings(args))
    if len(run.losses) == 0:
        raise CliError(f"f is not defined at the start {args.start}")
    return fn, run


def main(argv=None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "analyze":
            result = analyze(args)
            print(json.dumps(result) if args.json else _pretty(result))
        elif args.command == "descend":
            _, run = run_descent(args)
            print(json.dumps(run.as_dict()) if args.json else _pretty(run.as_dict()))
        else:
            _check_gif(args)
            fn, run = run_descent(args)
            export(args, fn, run)
        return 0
    except (ExpressionError, CliError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _check_gif(args) -> None:
    """Refuse before any work: no output asked for, a GIF path not ending in .gif, or one that exists."""
    from pathlib import Path

    if not args.html and not args.gif:
        raise CliError("export needs --html FILE and/or --gif FILE")
    if args.gif and not args.gif.lower().endswith(".gif"):
        raise CliError(f"--gif must name a .gif file: {args.gif}")
    if args.gif and Path(args.gif).exists() and not args.force:
        raise CliError(f"{args.gif} exists; pass --force to overwrite it")


def export(args, fn, run) -> None:
    """The descent as a standalone HTML page (the app's player inlined) and/or a GIF of the same frames."""
    from core.figures import level_sets as figs
    from core.figures.descent import add_start
    from core.grids import grid, window_for
    from core.presets import find

    preset = find(fn.text)
    window = window_for(fn, run.points.max(axis=0) if run.points.size else None)
    base = figs.base_figure(grid(fn, window, 100), fn.variables, "en", preset.minima if preset else ())
    add_start(base, run.points[0])
    fig = figs.canvas_figure(json.loads(base.to_json()), [run], window)
    if args.html:
        with open(args.html, "w", encoding="utf-8") as out:
            out.write(figs.standalone_html(fig))
        print(f"wrote {args.html}: {run.steps} steps, {run.status}")
    if args.gif:
        from core.figures import gif

        data = gif.gif_bytes(fig)
        with open(args.gif, "wb") as out:
            out.write(data)
        frames = len(fig["animation"]["indices"])
        print(f"wrote {args.gif}: {frames} frames, {len(data) / 1e6:.1f} MB, {run.steps} steps, {run.status}")


def _pretty(result: dict) -> str:
    return "\n".join(f"{key}: {value}" for key, value in result.items())
