"""The animation spec that the canvas player (ui/plotly_player.js) plays, in the app and in exports.

One player for every view: frames are painted with Plotly.react over the whole figure, so the static
layers (level sets, heatmaps, data points) stay on screen in every frame; only `traces` change.
Two kinds of spec, both JSON-ready dicts stored as `fig["animation"]`:

- paths (`path_spec`): the moving traces are whole descent paths, and the browser slices frame k out of
  them. Every step exists, so one step forward is one step; `indices` are the steps play shows (sampled
  so that a long run plays in a few seconds). `describe` holds per-run numbers for the spoken text.
- frames (`frame_spec`): explicit frames in `fig["frames"]` (each {traces, data}), one per recorded
  step (`indices`); one step forward is the next recorded step. `describe` is one text per frame.
"""

from __future__ import annotations

import base64

import numpy as np

from core.i18n import t

# The player's frame period (ms) at the default speed; ui/plotly_player.js has the same constant.
FRAME_MS = 50
LABELS = ("play", "pause", "label", "back", "forward", "previous", "next", "scrubber", "player")


def labels(lang: str) -> dict:
    """The player's button, scrubber and status texts from the catalogue, in `lang`."""
    return {k: t("player." + k, lang) for k in LABELS}


def f4(values) -> dict:
    """plotly.js's typed-array spec: float32 base64, a third of the JSON text of the same numbers."""
    with np.errstate(over="ignore"):  # a diverged value beyond float32 becomes inf, quietly
        data = np.ascontiguousarray(np.asarray(values, dtype="<f4"))
    return {"dtype": "f4", "bdata": base64.b64encode(data.tobytes()).decode("ascii")}


def path_spec(traces: list[int], indices, runs, lang: str) -> dict:
    """A spec whose frames the browser slices out of the path traces (the last one is the marker).

    `runs` give the spoken description of each step: name, loss and |grad f| per step.
    """
    return {
        "kind": "paths",
        "frame_ms": FRAME_MS,
        "traces": [int(i) for i in traces],
        "indices": [int(k) for k in indices],
        "last": max(len(r.points) for r in runs) - 1,
        "labels": labels(lang),
        "describe": {
            "step": t("player.describe", lang),
            "run": t("player.describe_run", lang),
            "runs": [{"name": r.optimizer, "loss": f4(r.losses), "grad": f4(r.grad_norms)} for r in runs],
        },
    }


def frame_spec(traces: list[int], steps, texts: list[str], lang: str, frame_ms: int = FRAME_MS) -> dict:
    """A spec for explicit frames (fig["frames"]): the recorded step of each and its spoken text.

    `frame_ms`: the frame period at the default speed (a replay of 40 snapshots plays slower than 200 steps).
    """
    return {
        "kind": "frames",
        "frame_ms": int(frame_ms),
        "traces": [int(i) for i in traces],
        "indices": [int(k) for k in steps],
        "last": int(steps[-1]) if len(steps) else 0,
        "labels": labels(lang),
        "describe": list(texts),
    }


def play_order(spec: dict) -> list[int]:
    """The positions the player shows when it plays: steps for paths, frame numbers for frames."""
    if spec["kind"] == "paths":
        return list(spec["indices"])
    return list(range(len(spec["indices"])))


def frame_at(fig: dict, position: int, decode) -> list[tuple[int, dict]]:
    """(trace index, trace update) pairs of the frame at `position`, as the browser paints it.

    `decode` turns a trace's x/y (list or typed-array spec) into a numpy array. Python's copy of the
    browser's slicing, used by the GIF export so that a GIF shows exactly the frames the player plays.
    """
    spec = fig["animation"]
    if spec["kind"] == "frames":
        frame = fig["frames"][position]
        return list(zip(frame["traces"], frame["data"], strict=True))
    traces = spec["traces"]
    axes = ("x", "y", "z") if "z" in fig["data"][traces[-1]] else ("x", "y")
    paths = [{a: decode(fig["data"][i][a]) for a in axes} for i in traces[:-1]]
    out = [(i, {a: p[a][: position + 1] for a in axes}) for i, p in zip(traces, paths, strict=False)]
    head = {a: [float(p[a][min(position, len(p[a]) - 1)]) for p in paths] for a in axes}
    return [*out, (traces[-1], head)]
