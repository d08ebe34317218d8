"""Heavy work seen from a page: a pool job's result, waited for with what is computed, progress and a Stop.

One mechanism for every page. The page asks for `result(kind, args)`; a job that takes longer than a
moment shows its name, a progress bar and a Stop button, refreshed a few times a second. Those refreshes
are where Streamlit interrupts a script whose tab closed (StopException) or whose session asked for
something else (RerunException): the claim on the job is released in `finally`, which cancels the job
unless another session still waits for the same result.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core import pool
from ui.text import lang, t

QUIET_SECONDS = 0.3  # a job done sooner shows nothing at all
REFRESH_SECONDS = 0.25
STOPPED = "jobs_stopped"


def result(kind: str, args: tuple, key=None, on_partial: Callable[[object], None] | None = None, where=None):
    """The result of the job `kind(*args)` (shared by every session asking with the same `key`, default
    `args`), or None after one sentence when it was stopped, went over its budget or failed.

    `on_partial(partial)` is called while waiting with each new partial result the job reports (the
    decision-boundary training reports the run so far), to draw it live. `where` (an `st.empty()`) is
    where the progress bar goes: it then replaces what that placeholder showed, e.g. the last results."""
    name = (kind, args if key is None else key)
    if name in st.session_state.get(STOPPED, ()):
        stopped(kind, name)
        return None
    jobs = pool.shared()
    ticket = jobs.claim(kind, args, key)
    try:
        if not ticket.wait(QUIET_SECONDS):
            watch(ticket, kind, name, on_partial, st.empty() if where is None else where)
        return ticket.outcome()
    except pool.JobError as error:
        st.warning(error.message(lang()))
        return None
    finally:
        jobs.release(ticket)


def watch(ticket: pool.Ticket, kind: str, name: tuple, on_partial, where) -> None:
    """Show the job's progress until it is done; each refresh is where Streamlit may interrupt us.

    The bar is an element written straight into the placeholder `where`: a container there would take
    over the old container's children, and the last results would stay on screen beside the bar."""
    what, job, shown = t(f"job.label.{kind}"), ticket.job, None
    bar = where.progress(0.0, text=what)
    button = st.empty()
    button.button(t("job.stop"), key=widget_key("job_stop", name), on_click=stop, args=(name,))
    while not ticket.wait(REFRESH_SECONDS):
        bar.progress(min(1.0, job.progress), text=status(ticket, what))
        if on_partial is not None and job.partial is not shown:
            shown = job.partial
            on_partial(shown)
    where.empty()
    button.empty()


def status(ticket: pool.Ticket, what: str) -> str:
    job = ticket.job
    if job.started is None:
        return t("job.queued", what=what, ahead=pool.shared().ahead_of(job))
    return t("job.running", what=what, percent=round(100 * job.progress), seconds=round(job.seconds()))


def widget_key(prefix: str, name: tuple) -> str:
    """A button key per job: two jobs waited for in one run get two buttons."""
    return f"{prefix}_{name[0]}_{hash(name) & 0xFFFFFFFF:08x}"


def stop(name: tuple) -> None:
    """The Stop button: remember the choice (the rerun it causes releases the claim)."""
    st.session_state.setdefault(STOPPED, set()).add(name)


def again(name: tuple) -> None:
    st.session_state.get(STOPPED, set()).discard(name)


def retry(kind: str, key) -> None:
    """Forget a Stop on the job `kind` named `key` (a page's own "train" button asks for it afresh)."""
    again((kind, key))


def stopped(kind: str, name: tuple) -> None:
    st.info(t("job.stopped", what=t(f"job.label.{kind}")))
    st.button(t("job.again"), key=widget_key("job_again", name), on_click=again, args=(name,))
