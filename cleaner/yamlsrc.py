"""YAML loading that remembers the line each mapping started on, for error messages."""
from __future__ import annotations

from typing import Any

import yaml

LINE_KEY = "__line__"


# libyaml's loader when PyYAML was built with it (the wheels are): ten times faster than the
# pure-Python one, which is most of the packs' start-up; both give the same data and marks
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_with_lines(text: str) -> Any:
    """Parse YAML; every mapping gets a `__line__` key with its 1-based line number."""
    return yaml.load(text, Loader=_LineLoader)  # safe: a (C)SafeLoader subclass
