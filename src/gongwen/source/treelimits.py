"""The loader's depth and size limits, checked on a tree libyaml composed in C.

PyYAML's composer, as the loader extends it, counts nodes and levels as it composes and stops
at the first one over a limit; libyaml's composer cannot be stopped, so its finished tree is
walked instead, and what is over a limit is composed again by the Python path, which refuses
it with the mark and message it always gave. The walk therefore counts exactly as that
composer does: every node in document order, an alias once where it stands (never expanded).
"""

from __future__ import annotations

import yaml


def within_limits(root: yaml.Node, max_depth: int, max_nodes: int) -> bool:
    """No node ``max_depth`` levels down and at most ``max_nodes`` nodes. A collection met a
    second time is an alias: its first occurrence in document order is its anchor's, as an
    anchor comes before its aliases; it is counted and not descended into. (A scalar has
    nothing to descend into, aliased or not.) The recursion stops at ``max_depth``."""
    seen: set[int] = set()
    count = 0

    def visit(node: yaml.Node, depth: int) -> bool:
        nonlocal count
        count += 1
        if depth >= max_depth or count > max_nodes:
            return False
        if isinstance(node, yaml.ScalarNode) or id(node) in seen:
            return True
        seen.add(id(node))
        for child in _children(node):  # in document order
            if not visit(child, depth + 1):
                return False
        return True

    return visit(root, 0)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]  # each key, then its value
    return node.value
