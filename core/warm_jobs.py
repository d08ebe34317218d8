"""Imported once by the worker pool's fork server (core/pool.py): each kind of job run on a tiny input.

Torch's, numpy's and sympy's first calls initialise tables and caches lazily (about 0.8 s of CPU). Paid
here, in the fork server, every worker forked from it starts warm: a worker replacing a cancelled one costs
a fork, not another warm-up on a core a student is waiting for. One torch thread, so that no OpenMP
thread pool exists to be broken by the fork.
"""

import torch

from core import jobs

torch.set_num_threads(1)
jobs.warm_up()
