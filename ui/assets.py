"""plotly.js served from the app's own static/ folder, copied from the installed plotly package."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import plotly

STATIC = Path(__file__).resolve().parent.parent / "static"
PLOTLY_JS_URL = "/app/static/plotly.min.js"


def ensure_plotly_js() -> Path:
    """Copy plotly.min.js next to the app once (it is not committed: it follows the pinned plotly)."""
    target = STATIC / "plotly.min.js"
    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        STATIC.mkdir(exist_ok=True)
        # a name of this process's own: two processes (test workers, replicas) may copy at once
        tmp = target.with_name(f"plotly.min.{os.getpid()}.tmp")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    return target
