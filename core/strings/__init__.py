"""Catalogue entries, one module per view; merged by `core.i18n`."""
