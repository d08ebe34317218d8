"""Plotly figure builders: plain functions from data to `go.Figure`, one module per concept."""
