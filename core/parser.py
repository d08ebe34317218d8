"""Reading a formula typed by a student, safely: text -> tokens -> a small syntax tree.

Nothing here evaluates user text. A hand-written tokenizer accepts only ASCII numbers, the variables of
one family, a fixed list of functions and constants, `+ - * / ^ **` and parentheses; a Pratt parser builds a
tree of tuples that `core.symbolic` turns into sympy inside a sandboxed worker. Every rejection is an
`ExpressionError` naming what is wrong and where (1-based column), in the catalogue's languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.i18n import t

MAX_LENGTH = 300
MAX_TOKENS = 200
MAX_DEPTH = 40
MAX_DIGITS = 20
MAX_POWER_OF_TEN = 300  # 1e300 is fine, 1e999999 is refused

FUNCTIONS = (
    "sin",
    "cos",
    "tan",
    "exp",
    "log",
    "ln",
    "sqrt",
    "abs",
    "tanh",
    "sinh",
    "cosh",
    "atan",
    "asin",
    "acos",
)
CONSTANTS = ("pi", "E", "e")
FAMILIES = (("x", "y", "z"), ("w0", "w1", "w2"), ("w",))

# Friendly characters a student may paste from a textbook or a phone keyboard.
FRIENDLY = {
    "²": "^2",
    "³": "^3",
    "−": "-",
    "–": "-",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "÷": "/",
    "π": "pi",
    "\u00a0": " ",
    "\t": " ",
    "\n": " ",
}

_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z][A-Za-z0-9]*)"
    r"|(?P<op>\*\*|[-+*/^(),]))"
)
_NAMES = {name for family in FAMILIES for name in family} | set(CONSTANTS)


class ExpressionError(ValueError):
    """A friendly, translatable rejection of a typed formula."""

    def __init__(self, key: str, **fields):
        self.key, self.fields = key, fields
        super().__init__(t(key, "en", **fields))

    def message(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.fields)


@dataclass(frozen=True)
class Token:
    kind: str  # num, name, func, op, end
    text: str
    column: int  # 1-based, in the text as typed


def normalize(text: str) -> str:
    """Map friendly Unicode to ASCII; anything else non-ASCII is refused (look-alike letters included)."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError("expr.too_long", limit=MAX_LENGTH, length=len(text))
    out = "".join(FRIENDLY.get(ch, ch) for ch in text)
    for column, ch in enumerate(text, 1):
        if ch not in FRIENDLY and (ord(ch) > 126 or (ord(ch) < 32)):
            shown = ch if ch.isprintable() else f"U+{ord(ch):04X}"  # a control or direction character, named
            raise ExpressionError("expr.bad_char", char=shown, column=column)
    return out


def _split_name(name: str) -> list[str] | None:
    """`xy` -> [x, y], `w0w1` -> [w0, w1]: implicit products of variables and constants, longest first."""
    parts, rest = [], name
    while rest:
        for known in sorted(_NAMES | set(FUNCTIONS), key=len, reverse=True):
            if rest.startswith(known):
                parts.append(known)
                rest = rest[len(known) :]
                break
        else:
            return None
    return parts


def tokenize(text: str) -> list[Token]:
    source = normalize(text)
    # Column mapping back to the typed text: friendly replacements may change lengths.
    columns, col = [], 1
    for ch in text:
        columns.extend([col] * len(FRIENDLY.get(ch, ch)))
        col += 1
    columns.append(col)
    tokens, pos = [], 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        m = _TOKEN.match(source, pos)
        column = columns[len(source[:pos]) + (len(source[pos:]) - len(source[pos:].lstrip()))]
        if not m or m.end() == pos:
            bad = source[pos:].lstrip()[:1]
            raise ExpressionError("expr.bad_symbol", symbol=bad, column=column)
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "num" and len(re.sub(r"[eE][+-]?\d+$", "", value).replace(".", "")) > MAX_DIGITS:
            raise ExpressionError("expr.long_number", column=column, limit=MAX_DIGITS)
        if kind == "num" and (power := re.search(r"[eE]([+-]?\d+)$", value)):
            if abs(int(power.group(1))) > MAX_POWER_OF_TEN:  # sympy would build 10^999999 exactly
                raise ExpressionError("expr.number_range", column=column, limit=MAX_POWER_OF_TEN)
        if kind == "name":
            tokens.extend(_name_tokens(value, column))
        else:
            tokens.append(Token(kind, value, column))
        if len(tokens) > MAX_TOKENS:
            raise ExpressionError("expr.too_many_tokens", limit=MAX_TOKENS)
        pos = m.end()
    if not tokens:
        raise ExpressionError("expr.empty")
    tokens.append(Token("end", "", columns[-1]))
    return tokens


def _name_tokens(name: str, column: int) -> list[Token]:
    if name in FUNCTIONS:
        return [Token("func", name, column)]
    if name in _NAMES:
        return [Token("name", name, column)]
    parts = _split_name(name)
    if parts is None or (len(parts) > 1 and any(p in FUNCTIONS for p in parts[:-1])):
        raise ExpressionError("expr.unknown_name", name=name, column=column, allowed=", ".join(FUNCTIONS))
    out, offset = [], 0
    for part in parts:
        out.append(Token("func" if part in FUNCTIONS else "name", part, column + offset))
        offset += len(part)
    return out


class _Parser:
    """Pratt parser: precedence climbing with implicit multiplication and right-associative powers."""

    BINARY = {"+": 10, "-": 10, "*": 20, "/": 20, "^": 40, "**": 40}

    def __init__(self, tokens: list[Token]):
        self.tokens, self.i, self.depth = tokens, 0, 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self):
        tree = self.expression(0)
        tok = self.peek()
        if tok.kind != "end":
            raise ExpressionError("expr.unexpected", symbol=tok.text, column=tok.column)
        return tree

    def expression(self, min_power: int):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("expr.too_deep", limit=MAX_DEPTH, column=self.peek().column)
        left = self.prefix()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in self.BINARY:
                power = self.BINARY[tok.text]
                if power < min_power or (power == min_power and tok.text not in ("^", "**")):
                    break
                self.take()
                # Powers bind right-to-left and tighter than a unary minus on their right.
                right = self.expression(power if tok.text in ("^", "**") else power + 1)
                left = ("^" if tok.text == "**" else tok.text, left, right, tok.column)
            elif tok.kind in ("num", "name", "func") or (tok.kind == "op" and tok.text == "("):
                if 20 < min_power:  # implicit product: same strength as '*'
                    break
                self._refuse_adjacent_numbers(tok)
                right = self.expression(21)
                left = ("*", left, right, tok.column)
            else:
                break
        self.depth -= 1
        return left

    def _refuse_adjacent_numbers(self, tok: Token) -> None:
        """`2..3` (2. times .3) or `2 3 x` is almost always a typo, not a product: say where, as for syntax."""
        before = self.tokens[self.i - 1]
        if tok.kind == "num" and before.kind == "num":
            raise ExpressionError(
                "expr.adjacent_numbers", first=before.text, second=tok.text, column=tok.column
            )

    def prefix(self):
        tok = self.take()
        if tok.kind == "num":
            return ("num", tok.text, tok.column)
        if tok.kind == "name":
            return ("name", tok.text, tok.column)
        if tok.kind == "func":
            if self.peek().text != "(":
                raise ExpressionError("expr.func_needs_paren", name=tok.text, column=tok.column)
            self.take()
            arg = self.expression(0)
            self.expect(")", tok)
            return ("call", tok.text, arg, tok.column)
        if tok.kind == "op" and tok.text == "(":
            inner = self.expression(0)
            self.expect(")", tok)
            return inner
        if tok.kind == "op" and tok.text in "+-":
            operand = self.expression(30)
            return ("neg", operand, tok.column) if tok.text == "-" else operand
        if tok.kind == "end":
            raise ExpressionError("expr.incomplete", column=tok.column)
        raise ExpressionError("expr.unexpected", symbol=tok.text, column=tok.column)

    def expect(self, text: str, opener: Token) -> None:
        tok = self.take()
        if tok.text != text:
            if tok.kind == "end":
                raise ExpressionError("expr.unclosed", column=opener.column)
            raise ExpressionError("expr.unexpected", symbol=tok.text, column=tok.column)


def parse(text: str):
    """The syntax tree of `text`: nested tuples ('+', a, b, col), ('num', '2', col), ('call', 'sin', a, col)..."""
    return _Parser(tokenize(text)).parse()


def names_in(tree) -> dict[str, int]:
    """Variable names used in a tree, each with the column of its first use."""
    found: dict[str, int] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if node[0] == "name" and node[1] not in CONSTANTS:
            found[node[1]] = min(found.get(node[1], node[2]), node[2])
        else:
            stack.extend(child for child in node[1:] if isinstance(child, tuple))
    return found


def variables_for(tree, nvars: int | None = None) -> tuple[str, ...]:
    """The ordered variables of the function: one family, as many as the view needs (or as used)."""
    used = names_in(tree)
    in_order = sorted(used, key=used.get)
    families = [f for f in FAMILIES if set(used) <= set(f)]
    if not families:
        home = next(f for f in FAMILIES if in_order[0] in f)
        other = next(n for n in in_order if n not in home)
        raise ExpressionError("expr.mixed_families", first=in_order[0], second=other, column=used[other])
    if nvars is None:
        family = families[0]
        return family[: max((family.index(n) + 1 for n in used), default=1)]
    for family in families:
        if len(family) >= nvars and all(family.index(n) < nvars for n in used):
            return family[:nvars]
    names = " / ".join(", ".join(f[:nvars]) for f in FAMILIES if len(f) >= nvars)
    family = next((f for f in families if len(f) >= nvars), families[0])
    name = next((n for n in in_order if n not in family[:nvars] or len(family) < nvars), in_order[-1])
    raise ExpressionError("expr.wrong_vars", name=name, column=used[name], count=nvars, names=names)
