"""The worker pool (core/pool.py): results shared by askers, budgets, cancellation, no process left behind.

Real jobs in real worker processes: listing 3.4 with 300,000 steps runs for several seconds, long enough
to be cancelled or to exceed a budget of one second; listing 3.2 with the book's settings is the oracle
(the book prints y = 1.500591x + 2.747831).
"""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import pytest

from benchmarks.server import descendants, tree_cpu_seconds
from core import i18n, listings, pool
from core.jobs import fitting

LONG = dataclasses.replace(listings.book_settings("3.4"), steps=300_000)


@pytest.fixture(scope="module")
def jobs():
    workers = pool.Pool(n_workers=1)
    yield workers
    workers.close()


def alive(pid: int) -> bool:
    """A process that exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def started(ticket: pool.Ticket, seconds: float = 30) -> int:
    """Wait until the job runs in a worker and has made some progress; its worker's pid."""
    deadline = time.monotonic() + seconds
    while ticket.job.progress <= 0.0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ticket.job.pid is not None and ticket.job.progress > 0.0
    return ticket.job.pid


def settled(seconds: float = 5) -> float:
    """CPU seconds this process tree (the pool's workers included) uses in 1 s, once it has settled."""
    deadline = time.monotonic() + seconds
    while True:
        before = tree_cpu_seconds(os.getpid())
        time.sleep(1.0)
        used = tree_cpu_seconds(os.getpid()) - before
        if used < 0.3 or time.monotonic() > deadline:
            return used


def test_a_job_gives_the_books_numbers_and_two_askers_share_one_computation(jobs):
    book = listings.book_settings("3.2")
    first, second = jobs.claim("listing", (book,)), jobs.claim("listing", (book,))
    try:
        assert first.job is second.job
        assert first.wait(60)
        assert first.outcome().text == "y = 1.500591x + 2.747831"
        assert second.outcome() is first.outcome()
    finally:
        jobs.release(first)
        jobs.release(second)
    before = jobs.started_jobs
    later = jobs.claim("listing", (book,))  # a finished result is kept for later askers
    jobs.release(later)
    assert later.job.done and later.outcome() is first.outcome() and jobs.started_jobs == before


def test_the_last_asker_leaving_cancels_the_job_and_kills_its_worker(jobs):
    first, second = jobs.claim("listing", (LONG,)), jobs.claim("listing", (LONG,))
    pid = started(first)
    jobs.release(first)  # another session still waits: the job goes on
    time.sleep(0.5)
    assert not second.job.done and alive(pid)
    progress = second.job.progress
    # it goes on: its progress grows (a worker at nice 10 on a busy machine may wait for a core a while)
    deadline = time.monotonic() + 10
    while second.job.progress <= progress and time.monotonic() < deadline:
        time.sleep(0.05)
    assert second.job.progress > progress
    jobs.release(second)
    assert second.wait(10)
    with pytest.raises(pool.JobError) as caught:
        second.outcome()
    assert caught.value.key == "job.cancelled"
    deadline = time.monotonic() + 5
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(pid)
    assert settled() < 0.3  # nothing of ours keeps a core busy


def test_a_job_claimed_again_at_once_goes_on(jobs):
    """What a rerun of the asking page does: release, then claim the same job a moment later."""
    first = jobs.claim("listing", (dataclasses.replace(LONG, seed=31),))
    pid = started(first)
    jobs.release(first)
    time.sleep(0.2)
    again = jobs.claim("listing", (dataclasses.replace(LONG, seed=31),))
    try:
        assert again.job is first.job
        time.sleep(pool.GRACE_SECONDS + 0.5)
        assert not again.job.done and again.job.pid == pid and alive(pid)
    finally:
        jobs.release(again)
    assert again.wait(pool.GRACE_SECONDS + 10)
    assert again.job.error is not None and again.job.error.key == "job.cancelled"


def test_a_job_past_its_budget_is_stopped_with_its_sentence(jobs, monkeypatch):
    monkeypatch.setenv("GD_BUDGET_LISTING", "1")
    ticket = jobs.claim("listing", (dataclasses.replace(LONG, seed=7),))
    try:
        pid = started(ticket)
        assert ticket.wait(15)
        with pytest.raises(pool.JobError) as caught:
            ticket.outcome()
    finally:
        jobs.release(ticket)
    error = caught.value
    assert error.key == "job.over.listing"
    assert error.fields["seconds"] == 1 and error.fields["steps"] == 300_000
    # what fits is scaled from how far it got in the budget: some steps, fewer than asked
    assert 1 <= error.fields["fit"] < 300_000
    for lang in i18n.LANGUAGES:
        text = error.message(lang)
        assert "{" not in text and str(error.fields["fit"]) in text and "300000" in text
    deadline = time.monotonic() + 5
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(pid)


def test_workers_are_started_once_and_reused(jobs):
    book = dataclasses.replace(listings.book_settings("3.1"), seed=3)
    ticket = jobs.claim("listing", (book,))
    assert ticket.wait(60)
    jobs.release(ticket)
    other = jobs.claim("listing", (dataclasses.replace(book, seed=4),))
    assert other.wait(60)
    jobs.release(other)
    assert other.job.pid == ticket.job.pid  # one worker, started once, did both
    assert other.job.pid in descendants(os.getpid())


def test_a_full_queue_answers_busy_at_once(jobs, monkeypatch):
    monkeypatch.setattr(jobs, "max_queue", 1)
    first = jobs.claim("listing", (dataclasses.replace(LONG, seed=11),))
    second = jobs.claim("listing", (dataclasses.replace(LONG, seed=12),))
    try:
        assert second.job.done
        with pytest.raises(pool.JobError) as caught:
            second.outcome()
        assert caught.value.key == "job.busy" and caught.value.fields == {"jobs": 1}
    finally:
        jobs.release(second)
        jobs.release(first)


def test_a_small_job_never_waits_behind_heavy_ones(jobs):
    heavy = [jobs.claim("listing", (dataclasses.replace(LONG, seed=seed),)) for seed in (21, 22)]
    try:
        started(heavy[0])
        assert heavy[1].job.started is None and jobs.ahead_of(heavy[1].job) == 0  # queued behind the first
        small = jobs.claim("listing", (dataclasses.replace(listings.book_settings("3.2"), seed=23),))
        try:
            assert small.job.lane == "quick" and {job.job.lane for job in heavy} == {"heavy"}
            assert small.wait(30) and small.outcome().text.startswith("y = ")
            assert not heavy[0].job.done and heavy[1].job.started is None
        finally:
            jobs.release(small)
    finally:
        for ticket in heavy:
            jobs.release(ticket)


def test_fitting_scales_down_and_rounds():
    assert fitting(300_000, 0.5) == 120_000
    assert fitting(1000, 0.0) == 1
    assert fitting(256, 0.37) == 75
