"""The C allocator's policy for large arrays: keep freed memory in the process instead of returning it.

A 400 x 400 grid is 1.28 MB per array; one evaluation of f and grad f makes and frees several such
temporaries. glibc's malloc serves blocks of that size from fresh `mmap`s, or from the heap top, which
it gives back to the kernel as soon as more than `M_TRIM_THRESHOLD` of it is free. Both thresholds
start at 128 kB and only grow as the process happens to free larger `mmap`ed blocks (to at most 32 MB
and 64 MB), so whether a grid evaluation reuses memory or page-faults every fresh page in again (about
1,500 faults, 3-4 ms, six times the arithmetic) depended on history, e.g. on whether torch was imported.
`keep_freed_memory` sets the thresholds glibc would reach on its own, once, at their ceiling: a process
keeps up to 64 MB of freed heap per arena, which it would use again for the next grid anyway.
"""

from __future__ import annotations

import ctypes
import os
import platform

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # from glibc's <malloc.h>
MMAP_THRESHOLD = 32 * 1024**2  # glibc's own ceiling for the dynamic threshold on 64-bit (and the maximum)
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD  # the ratio glibc's dynamic rule keeps
_ENVIRONMENT = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES")


def keep_freed_memory() -> bool:
    """Fix glibc's trim and mmap thresholds at their dynamic ceilings; True if set.

    Does nothing (False) on another C library or when the environment already tunes malloc."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    if any(name in os.environ for name in _ENVIRONMENT):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
