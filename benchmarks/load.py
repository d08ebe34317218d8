"""Load test: `python -m benchmarks.load --sessions 30 --seconds 60 [--url URL] [--json]`.

Opens that many concurrent Streamlit sessions, each a real websocket speaking Streamlit's protocol as a
browser tab does (health request for the XSRF cookie, `/_stcore/stream` with the subprotocols
`streamlit, <xsrf token>[, <session id to resume>]`, BackMsg `rerun_script` out, ForwardMsg in, with the
browser's message cache), against the server at --url or, without it, a fresh one started on loopback.
Each session cycles through the six views: it opens a view with its own query string (start points,
learning rates, datasets, listings), then does two things a student does there: types into a number
input or opens a lazy tab (a rerun with widget states). An interaction is timed from the rerun sent to `script_finished`; it fails on an
exception element, a page that does not echo the inputs it was given, a disconnect or a timeout.
Heavy sessions (--heavy, default one in ten) keep asking for new 256 x 256 basins maps and new
200,000-step runs of listing 3.4, to show that they do not freeze the others. Everything is bounded:
--seconds of new interactions, each at most --timeout, then every session closes.

Prints a table of latency p50/p95/max and errors per view, for light and heavy sessions; `--json`
prints one record instead. Exit status 1 when the target (no error, light p95 under --target s) is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import dataclasses
import json
import os
import random
import resource
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent

PAGES = ("level_sets", "surfaces_3d", "decision_boundaries", "taylor", "training", "convexity")
FINAL = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
CACHE_AGE = 2  # Streamlit's global.maxCachedMessageAge: script runs a browser keeps an unused message
STARTS = (-3.0, -2.5, -1.5, -1.0, 1.0, 1.5, 2.5, 3.0)


def run_async(coro):
    """asyncio.run on a thread of its own: a caller may already run an event loop on this thread
    (pytest after Playwright's sync API has), and asyncio.run refuses to nest."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def light_query(page: str, rng: random.Random) -> dict[str, str]:
    """A student's link to `page`: a few settings drawn from short lists, so that students often meet."""
    pick = rng.choice
    return {
        "level_sets": lambda: {
            "f": pick(["bowl", "rosenbrock", "himmelblau", "booth"]),
            "x0": fmt(pick(STARTS)),
            "y0": fmt(pick(STARTS)),
            "lr": pick(["0.01", "0.02", "0.05"]),
        },
        "surfaces_3d": lambda: {
            "f": pick(["bowl", "himmelblau", "saddle"]),
            "x0": fmt(pick(STARTS)),
            "lr": pick(["0.01", "0.05"]),
        },
        "decision_boundaries": lambda: {
            "data": pick(["clusters", "ring", "moons"]),
            "seed": str(rng.randrange(4)),
            "model": pick(["hyperplane", "hypersphere"]),
        },
        "taylor": lambda: {
            "f1": pick(["exp", "sin"]),  # preset keys: a formula equal to a preset is written as its key
            "n": str(rng.randrange(1, 6)),
            "x0": fmt(pick(STARTS)),
        },
        "training": lambda: {"listing": pick(["3.1", "3.2", "3.3", "3.5"])},
        "convexity": lambda: {
            "surface": pick(["himmelblau", "camel", "booth"]),
            "res": "64",
            "curve": pick(["square", "cube", "quartic"]),
        },
    }[page]()


def heavy_query(page: str, k: int) -> dict[str, str]:
    """Work no other session asked for: a fresh 256 x 256 basins map, a fresh 200,000-step listing 3.4."""
    if page == "convexity":
        return {"surface": "himmelblau", "res": "256", "steps": "300", "lr": fmt(heavy_lr(k))}
    return {"listing": "3.4", "seed": str(1000 + k)}


# What a student does on a view after opening it, one of these scripts chosen at random:
# ("number", widget key, URL field, values) types into a number input; ("tab", tabs key, index) opens a
# lazy tab (only the open tab's panel runs).
X0, Y0 = ("number", "ls_x0", "x0", STARTS), ("number", "ls_y0", "y0", STARTS)
EDITS = {
    "level_sets": [[X0, Y0], [("tab", "ls_tabs", 1), X0]],
    "surfaces_3d": [[("number", "s3_x0", "x0", STARTS), ("number", "s3_y0", "y0", STARTS)]],
    "decision_boundaries": [
        [("tab", "db_tabs", 2), ("number", "db_sx", "sx", (-2.0, -1.0, 0.5, 1.5))],
        [("tab", "db_tabs", 1)],
    ],
    "taylor": [[("number", "ty_x0", "x0", STARTS), ("number", "ty_y0", "y0", STARTS)]],
    "training": [[]],  # its settings sit in a form: nothing reruns until "Train"
    "convexity": [
        [("tab", "cv_tabs", 2), ("tab", "cv_tabs", 3)],
        [("tab", "cv_tabs", 5), ("number", "cv_lr", "lr", (0.002, 0.005, 0.02))],
    ],
}
# Heavy sessions: the basins tab at 256 x 256 with a learning rate nobody asked for, then another one.
HEAVY_EDITS = {"convexity": [("tab", "cv_tabs", 5), ("number", "cv_lr", "lr", None)], "training": []}


def heavy_lr(k: int) -> float:
    """The k-th heavy session's learning rate, in [0.001, 0.011): a basins map nobody computed yet."""
    return round(0.001 + 1e-5 * (k % 1000), 6)


def fmt(value: float) -> str:
    """A float as the pages write it into the URL (ui.state._format)."""
    return str(int(value)) if value == int(value) else repr(value)


@dataclasses.dataclass
class Result:
    session: int
    heavy: bool
    page: str
    action: str  # "open" (a link to the view), "number" (a number input changed) or "tab" (a tab opened)
    seconds: float
    nbytes: int
    error: str | None = None
    upstream: str | None = None  # the replica that served it, when a proxy names it (X-Upstream)


class Tab:
    """One browser tab's Streamlit session over a websocket."""

    def __init__(self, url: str, timeout: float):
        self.url, self.timeout = url.rstrip("/"), timeout
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.session_id: str | None = None
        self.upstream: str | None = None  # the X-Upstream header of a proxy in front, if any
        self.query = ""  # the query string as the page last wrote it
        self.widgets: dict[str, tuple[str, int]] = {}  # widget key -> (widget id, NumberInput data type)
        self.tabs: dict[str, tuple[str, list[str]]] = {}  # tabs key -> (widget id, tab labels)
        self.states: dict[str, WidgetState] = {}  # widget values set on this view, sent with every rerun
        self.cache: dict[str, int] = {}  # cacheable message hash -> script runs finished when last used
        self.runs = 0

    def health(self) -> int:
        """GET /_stcore/health as the browser does before connecting; keeps the cookies it sets."""
        request = urllib.request.Request(
            self.url + "/_stcore/health", headers={"Cookie": self.cookie_header()}
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()
            self.upstream = response.headers.get("X-Upstream", self.upstream)
            return response.status

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    async def connect(self, resume: str | None = None) -> None:
        """Open the websocket; `resume` is a session id to reconnect to, as the browser sends after a drop."""
        await asyncio.to_thread(self.health)
        protocols = ["streamlit", self.cookies.get("_streamlit_xsrf", "")] + ([resume] if resume else [])
        self.ws = await connect(
            "ws" + self.url.removeprefix("http") + "/_stcore/stream",
            subprotocols=protocols,
            origin=self.url,
            additional_headers={"Cookie": self.cookie_header()},
            max_size=None,
            ping_interval=None,
            open_timeout=self.timeout,
            close_timeout=2,
        )
        self.upstream = self.ws.response.headers.get("X-Upstream", self.upstream)

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
            self.ws = None

    async def send_rerun(self, page: str, query: str, widgets: list[WidgetState] = ()) -> None:
        """Ask for a script run of `page` with `query` and `widgets`, as a browser does (no waiting)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string, state.page_name = query, page
        state.widget_states.widgets.extend(widgets)
        state.cached_message_hashes.extend(
            h for h, used in self.cache.items() if self.runs - used <= CACHE_AGE
        )
        await self.ws.send(msg.SerializeToString())

    async def rerun(
        self, page: str, query: str, widgets: list[WidgetState] = ()
    ) -> tuple[float, int, str | None]:
        """(seconds, bytes received, error or None) of one script run of `page` with `query` and `widgets`."""
        start, nbytes = time.perf_counter(), 0
        try:
            await self.send_rerun(page, query, widgets)
            first_error = None
            async with asyncio.timeout(self.timeout):
                while True:  # to the end of the run even after an error: the next rerun starts in step
                    data = await self.ws.recv()
                    nbytes += len(data)
                    error, done = self.read(data, page)
                    first_error = first_error or error
                    if done:
                        return time.perf_counter() - start, nbytes, first_error
        except TimeoutError:
            return time.perf_counter() - start, nbytes, f"timeout after {self.timeout:g} s"
        except Exception as exc:  # a dropped connection, whatever the library calls it
            return time.perf_counter() - start, nbytes, f"disconnect: {type(exc).__name__}: {exc}"[:200]

    def read(self, data: bytes, page: str) -> tuple[str | None, bool]:
        """(error or None, script finished) after one ForwardMsg."""
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable:
            self.cache[msg.hash] = self.runs
        if kind == "ref_hash":
            if msg.ref_hash not in self.cache:
                return f"server referred to a message this tab never had ({msg.ref_hash})", False
            self.cache[msg.ref_hash] = self.runs
        elif kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id or self.session_id
        elif kind == "navigation":
            paths = {p.page_script_hash: p.url_pathname for p in msg.navigation.app_pages}
            if paths.get(msg.navigation.page_script_hash) != page:
                return f"ran {paths.get(msg.navigation.page_script_hash)!r} instead of {page!r}", False
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            return f"page not found: {page}", False
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                return f"exception: {element.exception.type}: {element.exception.message}"[:200], False
            if element.WhichOneof("type") == "number_input":
                widget = element.number_input
                self.widgets[widget.id.rsplit("-", 1)[-1]] = (widget.id, widget.data_type)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
            block = msg.delta.add_block
            if block.WhichOneof("type") == "tab_container" and block.tab_container.id:
                self.tabs[block.tab_container.id.rsplit("-", 1)[-1]] = (block.tab_container.id, [])
                self.last_tabs = block.tab_container.id.rsplit("-", 1)[-1]
            elif block.WhichOneof("type") == "tab" and getattr(self, "last_tabs", None) in self.tabs:
                self.tabs[self.last_tabs][1].append(block.tab.label)
        elif kind == "script_finished" and msg.script_finished in FINAL:
            self.runs += 1
            self.cache = {h: used for h, used in self.cache.items() if self.runs - used <= CACHE_AGE}
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                return "script compile error", True
            return None, True
        return None, False

    def missing(self, wanted: dict[str, str]) -> str | None:
        """An error when the page's URL does not hold the settings it was given (they were not applied)."""
        have = dict(urllib.parse.parse_qsl(self.query))
        lost = {k: v for k, v in wanted.items() if have.get(k) != v}
        return f"inputs not applied: {lost} (page wrote {self.query[:120]!r})" if lost else None

    async def open(self, page: str, wanted: dict[str, str]) -> tuple[float, int, str | None]:
        self.widgets.clear()
        self.tabs.clear()
        self.states.clear()
        seconds, nbytes, error = await self.rerun(page, urllib.parse.urlencode(wanted))
        return seconds, nbytes, error or self.missing(wanted)

    async def edit(self, page: str, key: str, field: str, value: float) -> tuple[float, int, str | None]:
        """Type `value` into the number input keyed `key`; the page must then write it to the URL's `field`."""
        if key not in self.widgets:
            return 0.0, 0, f"no number input keyed {key!r} on {page}"
        widget_id, data_type = self.widgets[key]
        widget = WidgetState(id=widget_id)
        if data_type == 0:  # NumberInput.INT
            widget.int_value = int(value)
        else:
            widget.double_value = float(value)
        self.states[widget_id] = widget  # a browser sends every widget's value with each rerun
        seconds, nbytes, error = await self.rerun(page, self.query, list(self.states.values()))
        return seconds, nbytes, error or self.missing({field: fmt(value)})

    async def open_tab(self, page: str, key: str, index: int) -> tuple[float, int, str | None]:
        """Click the `index`-th tab of the tabs keyed `key` (its label is the widget's value)."""
        if key not in self.tabs or len(self.tabs[key][1]) <= index:
            return 0.0, 0, f"no tab {index} in tabs keyed {key!r} on {page}"
        widget_id, labels = self.tabs[key]
        self.states[widget_id] = WidgetState(id=widget_id, string_value=labels[index])
        return await self.rerun(page, self.query, list(self.states.values()))

    async def act(self, page: str, action: tuple, value=None) -> tuple[float, int, str | None]:
        """One entry of EDITS: a tab opened, or `value` typed into a number input."""
        if action[0] == "tab":
            return await self.open_tab(page, action[1], action[2])
        return await self.edit(page, action[1], action[2], value)


async def session(
    index: int, url: str, ordinal: int | None, deadline: float, args, results: list[Result]
) -> None:
    """One student: open a view, edit it, think, move on, until `deadline`; reconnects after a drop.
    `ordinal` numbers the heavy sessions (None for a light one)."""
    heavy = ordinal is not None
    rng = random.Random(index)
    tab, k = Tab(url, args.timeout), 0
    pages = (
        ["convexity", "training"][:: -1 if ordinal % 2 else 1]  # every other one starts with listing 3.4
        if heavy
        else args.pages[index % len(args.pages) :] + args.pages[: index % len(args.pages)]
    )

    def note(page, action, outcome):
        results.append(Result(index, heavy, page, action, *outcome, upstream=tab.upstream))
        return outcome[2] is None

    await asyncio.sleep(rng.uniform(0, args.ramp))
    visited: set[str] = set()
    while time.monotonic() < deadline:
        page = pages[k % len(pages)]
        if page in visited:
            # A link opened again is a new browser tab: a new session. (Within one session a view keeps
            # the settings the student left it with, whatever a later query string says.)
            await tab.close()
            visited.clear()
        if tab.ws is None:
            visited.clear()
            try:
                await tab.connect()
            except Exception as exc:
                note("-", "connect", (0.0, 0, f"connect: {type(exc).__name__}: {exc}"[:200]))
                await asyncio.sleep(1)
                continue
        visited.add(page)
        k += 1
        n = index * 100 + k  # heavy work of this session's k-th view: nobody asked for it before
        ok = note(
            page, "open", await tab.open(page, heavy_query(page, n) if heavy else light_query(page, rng))
        )
        actions = HEAVY_EDITS[page] if heavy else rng.choice(EDITS[page])
        for i, action in enumerate(actions if ok else ()):
            await asyncio.sleep(rng.uniform(0.5, 1.5) * args.think)
            if time.monotonic() >= deadline:
                break
            value = (
                (heavy_lr(n + 500 + i) if heavy else rng.choice(action[3])) if action[0] == "number" else None
            )
            ok = note(page, action[0], await tab.act(page, action, value))
            if not ok:
                break
        if not ok and (tab.ws is None or tab.ws.state.name != "OPEN" or "timeout" in results[-1].error):
            await tab.close()  # a browser reloads: a new session (a timed-out run would still be talking)
        await asyncio.sleep(rng.uniform(0.5, 1.5) * args.think)
    await tab.close()


async def warm_up(url: str, timeout: float) -> list[Result]:
    """Open every view once with its defaults on every replica (a fresh server's first run of a page
    imports its modules): fresh browsers until one per replica is found, at most 8 behind a proxy."""
    tabs: dict[str | None, Tab] = {}
    for _ in range(8):
        tab = Tab(url, timeout)
        await asyncio.to_thread(tab.health)
        tabs.setdefault(tab.upstream, tab)
        if tab.upstream is None:  # no proxy in front: one server
            break
    results = []
    for tab in tabs.values():
        await tab.connect()
        for page in PAGES:
            results.append(
                Result(-1, False, page, "warm-up", *await tab.rerun(page, ""), upstream=tab.upstream)
            )
        await tab.close()
    return results


async def run(url: str, args) -> tuple[list[Result], list[Result], dict]:
    """(warm-up results, results, load figures) of the whole load."""
    from benchmarks.server import tree_cpu_seconds

    warm = await warm_up(url, args.timeout) if args.warmup else []
    results: list[Result] = []
    heavy = (
        sorted(range(0, args.sessions, max(1, args.sessions // args.heavy))[: args.heavy])
        if args.heavy
        else []
    )
    cpu, start, load = sum(map(tree_cpu_seconds, args.pid)), time.monotonic(), os.getloadavg()[0]
    deadline = start + args.seconds
    await asyncio.gather(
        *(
            session(i, url, heavy.index(i) if i in heavy else None, deadline, args, results)
            for i in range(args.sessions)
        )
    )
    wall = time.monotonic() - start
    figures = {"wall_s": round(wall, 1), "load_average": [round(load, 1), round(os.getloadavg()[0], 1)]}
    if args.pid:  # CPU the servers spent on this load: its capacity, whatever else shares the machine
        cpu = sum(map(tree_cpu_seconds, args.pid)) - cpu
        figures |= {
            "server_cpu_s": round(cpu, 1),
            "server_cores_busy": round(cpu / wall, 2),
            "server_cpu_per_interaction_s": round(cpu / max(len(results), 1), 3),
        }
    return warm, results, figures


def stats(rows: list[Result]) -> dict:
    seconds = np.array([r.seconds for r in rows if r.error is None]) if rows else np.array([])
    q = np.percentile(seconds, [50, 95]) if seconds.size else (float("nan"),) * 2
    return {
        "n": len(rows),
        "p50_s": float(q[0]),
        "p95_s": float(q[1]),
        "max_s": float(seconds.max()) if seconds.size else float("nan"),
        "errors": sum(r.error is not None for r in rows),
        "mb_per_interaction": sum(r.nbytes for r in rows) / max(len(rows), 1) / 1e6,
    }


def summarize(url: str, args, warm: list[Result], results: list[Result], figures: dict) -> dict:
    light = [r for r in results if not r.heavy]
    groups = {"all light": light, "all heavy": [r for r in results if r.heavy]}
    groups |= {
        f"light {a} {p}": [r for r in light if r.page == p and r.action == a]
        for p in PAGES
        for a in ("open", "number", "tab")
    }
    groups |= {
        f"heavy {p}": [r for r in results if r.heavy and r.page == p] for p in ("convexity", "training")
    }
    upstreams: dict[str, int] = {}
    for _, upstream in sorted({(r.session, r.upstream) for r in results if r.upstream}):
        upstreams[upstream] = upstreams.get(upstream, 0) + 1
    light_stats = stats(light)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "url": url,
        "sessions": args.sessions,
        "heavy_sessions": args.heavy,
        "seconds": args.seconds,
        "think_s": args.think,
        **figures,
        "interactions": len(results),
        "errors": sum(r.error is not None for r in results),
        "light": light_stats,
        "heavy": stats(groups["all heavy"]),
        "groups": {name: stats(rows) for name, rows in groups.items() if rows},
        "warm_up": {f"{r.page} {r.upstream or ''}".strip(): round(r.seconds, 2) for r in warm},
        "error_samples": sorted({f"{r.page} {r.action}: {r.error}" for r in results if r.error})[:10],
        "upstreams": upstreams,
        "client_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "target": {
            "light_p95_s": args.target,
            "ok": light_stats["errors"] == 0
            and sum(r.error is not None for r in results) == 0
            and light_stats["p95_s"] < args.target,
        },
    }


def print_table(record: dict) -> None:
    print(
        f"{record['sessions']} sessions ({record['heavy_sessions']} heavy) x {record['seconds']} s against "
        f"{record['url']}, think {record['think_s']} s: {record['interactions']} interactions, "
        f"{record['errors']} errors, client CPU {record['client_cpu_s']} s"
    )
    print(
        f"wall {record['wall_s']} s, load average {record['load_average'][0]} -> {record['load_average'][1]}"
        + (
            f", servers busy {record['server_cores_busy']} cores, {record['server_cpu_per_interaction_s']} "
            "CPU s per interaction"
            if "server_cpu_s" in record
            else ""
        )
    )
    print(f"{'':34s} {'n':>5s} {'p50 s':>7s} {'p95 s':>7s} {'max s':>7s} {'errors':>6s} {'MB':>6s}")
    for name, s in record["groups"].items():
        print(
            f"{name:34s} {s['n']:5d} {s['p50_s']:7.2f} {s['p95_s']:7.2f} {s['max_s']:7.2f} {s['errors']:6d} "
            f"{s['mb_per_interaction']:6.2f}"
        )
    if record["upstreams"]:
        print("sessions per upstream:", record["upstreams"])
    for sample in record["error_samples"]:
        print("error:", sample)
    print("warm-up (first run of each view, s):", record["warm_up"])
    verdict = "met" if record["target"]["ok"] else "MISSED"
    print(f"target (0 errors, light p95 < {record['target']['light_p95_s']} s): {verdict}")


def arguments(argv=None) -> argparse.Namespace:
    """The command line's settings (`argv`, else sys.argv), defaults filled in."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60, help="how long sessions start new interactions")
    parser.add_argument("--url", help="a running server or proxy (default: start one on loopback)")
    parser.add_argument(
        "--heavy", type=int, help="sessions doing heavy work (default: one in ten, at least one)"
    )
    parser.add_argument("--think", type=float, default=5.0, help="mean pause between interactions, s")
    parser.add_argument(
        "--pages",
        type=lambda text: text.split(","),
        default=list(PAGES),
        help="views light sessions cycle through, comma-separated (default: all six)",
    )
    parser.add_argument("--ramp", type=float, default=5.0, help="sessions arrive within this many s")
    parser.add_argument("--timeout", type=float, default=90.0, help="longest wait for one interaction, s")
    parser.add_argument("--target", type=float, default=2.0, help="light p95 target, s")
    parser.add_argument(
        "--pid",
        type=int,
        action="append",
        default=[],
        help="a server process (repeatable) whose CPU time to report; the one started here is",
    )
    parser.add_argument("--no-warmup", dest="warmup", action="store_false")
    parser.add_argument("--json", action="store_true", help="print one JSON record instead of the table")
    args = parser.parse_args(argv)
    if unknown := set(args.pages) - set(PAGES):
        parser.error(f"unknown views {sorted(unknown)}: choose from {', '.join(PAGES)}")
    if args.heavy is None:
        args.heavy = max(1, args.sessions // 10)
    args.heavy = min(args.heavy, args.sessions)
    return args


def main(argv=None) -> int:
    args = arguments(argv)
    with contextlib.ExitStack() as stack:
        url = args.url
        if url is None:
            from benchmarks.server import serve

            log = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "streamlit.log"
            url, pid = stack.enter_context(serve(log))
            args.pid.append(pid)
        warm, results, figures = run_async(run(url, args))
        record = summarize(url, args, warm, results, figures)
    print(json.dumps(record, indent=2)) if args.json else print_table(record)
    return 0 if record["target"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
