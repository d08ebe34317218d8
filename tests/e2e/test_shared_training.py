"""Sessions that open the same training at once share one run (pages/training.py, get_run).

Real websocket sessions (benchmarks/load.py's Tab) against a fresh server: the three sessions claim one
job of the worker pool (core/pool.py), each shows its progress while it waits, and all show the same run,
down to the seconds it took (one training, not three).
"""

from __future__ import annotations

import asyncio

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.load import Tab, run_async
from benchmarks.server import serve

pytestmark = pytest.mark.e2e


class CountingTab(Tab):
    """A Tab that counts the progress bars and keeps the markdown texts the server sends it."""

    progress = 0

    def read(self, data: bytes, page: str):
        msg = ForwardMsg()
        msg.ParseFromString(data)
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            self.progress += element.WhichOneof("type") == "progress"
            if element.WhichOneof("type") == "markdown":
                self.texts.append(element.markdown.body)
        return super().read(data, page)


def test_a_class_opening_one_listing_waits_for_one_training(tmp_path):
    query = {"listing": "3.4", "steps": "60000"}  # about 2 s of training alone: the three runs overlap

    async def scenario(url):
        warm = Tab(url, 120)  # imports and the page's first run out of the way
        await warm.connect()
        await warm.rerun("training", "listing=3.1")
        await warm.close()
        tabs = [CountingTab(url, 120) for _ in range(3)]
        for tab in tabs:
            tab.texts = []
            await tab.connect()
        return tabs, await asyncio.gather(*(tab.open("training", query) for tab in tabs))

    with serve(tmp_path / "streamlit.log") as (url, _):
        tabs, outcomes = run_async(scenario(url))
    assert [error for *_, error in outcomes] == [None, None, None]
    assert [tab.progress > 0 for tab in tabs] == [True, True, True]
    timing = [text for text in tabs[0].texts if " s" in text and "steps" in text]
    assert timing, tabs[0].texts  # the caption with the run's own duration: equal texts mean one run
    assert tabs[0].texts and tabs[0].texts == tabs[1].texts == tabs[2].texts
