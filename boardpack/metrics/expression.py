"""Expression metrics: arithmetic over other metrics and measures, written in the catalogue.

`mrr * 12` or `net_new_mrr * 12 / acquisition_spend` needs no Python: the catalogue checks the names
when it loads, and the engine evaluates the expression with each name's value for the period. Only
numbers, names, + - * / and parentheses are allowed, so a catalogue entry cannot run code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from boardpack.metrics.measures import Unavailable

_OPERATORS: dict[type, Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}


class ExpressionError(ValueError):
    """The expression is not arithmetic over names and numbers."""


def parse(text: str) -> ast.expr:
    """The expression's tree, checked to hold only numbers, names and + - * / (else ExpressionError)."""
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        raise ExpressionError(f"'{text}' is not an expression") from None
    for node in ast.walk(tree):
        allowed = (ast.BinOp, ast.UnaryOp, ast.Name, ast.Load, ast.USub, *_OPERATORS)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            continue
        if not isinstance(node, allowed):
            raise ExpressionError(f"'{text}' may hold only numbers, metric ids, measures and + - * /")
    return tree


def names(text: str) -> list[str]:
    """The metric ids and measures an expression reads, in order of first use."""
    return list(dict.fromkeys(node.id for node in ast.walk(parse(text)) if isinstance(node, ast.Name)))


def evaluate(text: str, value_of: Callable[[str], float], period: object) -> float:
    """The expression's value; a name without a value, or a division by zero, is `Unavailable`."""

    def walk(node: ast.expr) -> float:
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return value_of(node.id)
        if isinstance(node, ast.UnaryOp):
            return -walk(node.operand)
        assert isinstance(node, ast.BinOp)
        left, right = walk(node.left), walk(node.right)
        if isinstance(node.op, ast.Div) and right == 0:
            words = ast.unparse(node.right).replace("_", " ")
            raise Unavailable("{measure} is zero in {period}", measure=words, period=period)
        return _OPERATORS[type(node.op)](left, right)

    return walk(parse(text))
