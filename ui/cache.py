"""Cached wrappers around core shared by the pages: one parse and one grid per formula for all sessions."""

from __future__ import annotations

import streamlit as st

from core import grids
from core.functions import ExpressionError, Function, parse_function


@st.cache_resource(max_entries=256, show_spinner=False)
def function(text: str, nvars: int) -> Function | ExpressionError:
    """The parsed function, or the error to show (errors are cached too: a hostile retry costs nothing)."""
    try:
        return parse_function(text, nvars)
    except ExpressionError as error:
        return error


@st.cache_data(max_entries=64, show_spinner=False)
def grid(text: str, nvars: int, window: tuple, n: int) -> grids.Grid:
    return grids.grid(parse_function(text, nvars), window, n)
