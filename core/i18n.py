"""The one catalogue of user-facing text, in English and Simplified Chinese.

Each view keeps its entries in `core/strings/<view>.py` as `STRINGS = {key: (english, chinese)}`;
this module merges them into one table so a key is defined once and looked up everywhere the same way.
"""

from __future__ import annotations

import importlib
import pkgutil
import string

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}


def _load() -> dict[str, tuple[str, str]]:
    from core import strings

    table: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(strings.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"core.strings.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in table:
                raise ValueError(f"string key {key!r} defined twice (second time in {info.name})")
            table[key] = pair
    return table


CATALOGUE = _load()


def t(key: str, lang: str = "en", **values) -> str:
    """The text for `key` in `lang`, with `{name}` fields filled from `values`.

    An unknown key shows itself (visible in the page, caught by the catalogue test) rather than crashing.
    """
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "zh" else pair[0]
    return text.format(**values) if values else text


def fields(text: str) -> set[str]:
    """The `{name}` placeholders of a catalogue text (used to check both languages agree)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
