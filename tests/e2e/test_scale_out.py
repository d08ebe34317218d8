"""The scale-out recipe (deploy/scale_out.sh): two replicas behind nginx on one port, sticky by a cookie.

Real Streamlit websocket sessions (benchmarks/load.py's Tab) go through nginx. The oracle for stickiness
is Streamlit itself: a reconnect that names its session id resumes that session only on the replica
that holds it, and a replica that does not know the id starts a new session.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from benchmarks.load import Tab, run_async
from benchmarks.server import ROOT

pytestmark = pytest.mark.e2e


def _free_run(count: int) -> int:
    """A port P such that P ... P + count - 1 are free on loopback (nginx on P, replicas above it)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        try:
            for p in range(port, port + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", p))
            return port
        except OSError:
            continue
    raise RuntimeError("no run of free ports")


@pytest.fixture(scope="module")
def recipe(tmp_path_factory):
    """(proxy URL, replica addresses) of `deploy/scale_out.sh PORT 2`, stopped after the module."""
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        pytest.fail("nginx is not installed: run `make test`, which installs it")
    state = tmp_path_factory.mktemp("scale_out")
    port = _free_run(3)
    proc = subprocess.Popen(
        ["bash", "deploy/scale_out.sh", str(port), "2"],
        cwd=ROOT,
        text=True,
        start_new_session=True,
        env={**os.environ, "STATE_DIR": str(state), "PYTHON": sys.executable},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    seen, deadline = [], time.monotonic() + 90
    try:
        while not (seen and seen[-1].startswith("ready ")):
            try:
                seen.append(lines.get(timeout=max(0.1, deadline - time.monotonic())).strip())
            except queue.Empty:
                logs = "".join(p.read_text()[-1500:] for p in sorted(state.glob("*.log")))
                pytest.fail(f"scale_out.sh not ready in 90 s: {seen}\n{logs}")
        replicas = {f"127.0.0.1:{line.split()[3]}" for line in seen if line.startswith("replica ")}
        yield seen[-1].split()[1], replicas
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the script's own process group: it, its replicas, nginx
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def health(url: str, cookie: str = "") -> tuple[str, str, str]:
    """(body, X-Upstream, st_replica cookie set or '') of one health request through the proxy."""
    request = urllib.request.Request(url + "/_stcore/health", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
        mine = next((c for c in cookies if c.startswith("st_replica=")), "")
        return response.read().decode(), response.headers["X-Upstream"], mine


def test_browsers_spread_over_both_replicas_and_each_keeps_its_own(recipe):
    url, replicas = recipe
    clients = [health(url) for _ in range(24)]  # fresh browsers: P(all on one replica) = 2 ** -23
    assert all(body == "ok" and cookie for body, _, cookie in clients)
    assert {upstream for _, upstream, _ in clients} == replicas
    for _, upstream, cookie in clients[:8]:
        again = [health(url, cookie) for _ in range(3)]
        assert all(u == upstream and not c for _, u, c in again)  # same replica, no new cookie


def test_a_short_load_through_the_proxy_has_no_errors(recipe):
    url, replicas = recipe
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.load",
            "--url",
            url,
            "--sessions",
            "4",
            "--seconds",
            "8",
            "--heavy",
            "0",
            "--think",
            "0.5",
            "--ramp",
            "1",
            "--timeout",
            "30",
            "--pages",
            "taylor,decision_boundaries",
            "--no-warmup",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    record = json.loads(out.stdout)
    assert record["errors"] == 0, record["error_samples"]
    # Every session was served (a cold replica's first run can fill the 8 s of a loaded machine).
    assert record["interactions"] >= 4 and sum(record["upstreams"].values()) == 4
    assert set(record["upstreams"]) <= replicas


def test_a_reconnect_resumes_its_session_on_its_replica_only(recipe):
    url, replicas = recipe
    by_replica = {}
    while len(by_replica) < 2:
        _, upstream, cookie = health(url)
        by_replica.setdefault(upstream, cookie)

    async def session(cookie: str, resume: str | None = None) -> tuple[Tab, tuple]:
        tab = Tab(url, 60)
        tab.cookies["st_replica"] = cookie.partition("=")[2]
        await tab.connect(resume)
        return tab, await tab.open("decision_boundaries", {"sx": "1.5"})

    async def scenario():
        served = {}
        for upstream, cookie in by_replica.items():  # both replicas serve real sessions
            tab, (_, _, error) = await session(cookie)
            assert error is None and tab.upstream == upstream and tab.session_id
            served[upstream] = tab.session_id
            await tab.close()
        home, away = sorted(by_replica)
        tab, (_, _, error) = await session(by_replica[home], resume=served[home])
        assert error is None and tab.upstream == home and tab.session_id == served[home]
        await tab.close()
        # Control: the same id sent to the other replica is unknown there, so a new session starts.
        tab, (_, _, error) = await session(by_replica[away], resume=served[home])
        assert error is None and tab.upstream == away and tab.session_id != served[home]
        await tab.close()

    run_async(scenario())
