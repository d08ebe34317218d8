"""Shared fixtures: torch kept to one thread so parallel tests on two cores do not fight."""

import torch

torch.set_num_threads(1)
