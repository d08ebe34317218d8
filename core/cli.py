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
            d.add_argument("--html", required=True, metavar="FILE")
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
            from core.figures.descent import descent_figure, export_html
            from core.grids import grid, window_for
            from core.presets import find

            fn, run = run_descent(args)
            preset = find(fn.text)
            window = window_for(fn, run.points.max(axis=0) if run.points.size else None)
            fig = descent_figure(
                grid(fn, window, 100), [run], fn.variables, minima=preset.minima if preset else ()
            )
            export_html(fig, args.html)
            print(f"wrote {args.html}: {run.steps} steps, {run.status}")
        return 0
    except (ExpressionError, CliError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _pretty(result: dict) -> str:
    return "\n".join(f"{key}: {value}" for key, value in result.items())
