"""benchmarks/run.py: the registry keeps every record the README reports, records have one shape, `--json`
prints them and fails on a record that is not ok; one real page-rerun record on a single round."""

from __future__ import annotations

import json

import pytest

from benchmarks import pages, run
from benchmarks.common import record, within

EXPECTED = {  # written out here, not derived from the registry: a lost entry fails this test
    "grid_400x400",
    "batched_descent_65536x200",
    "rerun_level_sets",
    "rerun_surfaces_3d",
    "rerun_decision_boundaries",
    "rerun_taylor",
    "rerun_training",
    "rerun_convexity",
    "payload_level_sets_200x100x100",
    "payload_surface_150x150",
    "isosurfaces_40x40x40",
    "hypersphere_1000x500",
    "live_training_1000x3000",
    "gif_200x100x100",
    "gif_surface_200x150x150",
    "listing_3.4_200000",
    "basins_256x256x300",
    "light_beside_3_heavy",
    "drag_median",
    "drag_p95",
    "drag_median_30_sessions",
    "drag_preview_p50",
    "drag_preview_p95",
}
PAGES = {"level_sets", "surfaces_3d", "decision_boundaries", "taylor", "training", "convexity"}


def check_shape(r: dict) -> None:
    assert set(run.REQUIRED) <= set(r)
    assert isinstance(r["unit"], str) and isinstance(r["ok"], bool)
    for key in ("value", "baseline", "ratio", "limit"):
        assert isinstance(r[key], float | int) and r[key] == r[key], key  # a number, not NaN
    assert r["ratio"] == pytest.approx(r["value"] / r["baseline"])


def test_registry_holds_every_record_and_page():
    assert set(run.BENCHMARKS) == EXPECTED
    assert all(callable(bench) for bench in run.BENCHMARKS.values())
    assert set(pages.CASES) == PAGES
    for case in pages.CASES.values():
        assert len(set(case.values)) == len(case.values) >= 5  # distinct: every change is new work


def test_record_judges_the_ratio_and_within_judges_the_budget():
    fast, slow = record(2.0, "s", 1.0, 3.0), record(4.0, "s", 1.0, 3.0)
    check_shape(fast)
    assert fast["ok"] and not slow["ok"] and slow["ratio"] == 4.0
    assert record(1.0, "s", 200.0, 1 / 100)["ok"] and not record(1.0, "s", 50.0, 1 / 100)["ok"]
    under, over = within(0.2, "s", 0.1, 0.25), within(0.3, "s", 0.1, 0.25)
    check_shape(under)
    assert under["ok"] and not over["ok"]
    assert (
        under["budget"] == 0.25 and under["limit"] == pytest.approx(2.5) and over["ratio"] == pytest.approx(3)
    )


def test_json_output_has_every_record_and_fails_when_one_is_not_ok(monkeypatch, capsys):
    def broken():
        raise RuntimeError("no browser")

    fakes = {"fast": lambda: record(1.0, "s", 2.0, 1.0), "slow": lambda: within(3.0, "MB", 1.0, 1.5)}
    monkeypatch.setattr(run, "BENCHMARKS", fakes | {"broken": broken})
    assert run.main(["--json", "fast"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"fast"}
    assert run.main(["--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["fast", "slow", "broken"]
    check_shape(out["fast"]), check_shape(out["slow"])
    assert out["fast"]["ok"] and not out["slow"]["ok"]
    assert out["broken"]["ok"] is False and out["broken"]["error"] == "RuntimeError: no browser"
    assert run.main([]) == 1 and "no browser" in capsys.readouterr().out  # the table says it too


def test_a_page_rerun_record_on_one_round():
    r = pages.rerun("training", rounds=1)
    check_shape(r)
    assert r["unit"] == "s" and r["rounds"] == 1 and r["limit"] == pages.CASES["training"].limit
    assert r["ms"] == pytest.approx(r["value"] * 1000, abs=0.1) and r["baseline"] > 0
