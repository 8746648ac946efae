"""YAML loading that remembers the line each mapping started on, for error messages."""
from __future__ import annotations

from typing import Any

import yaml

LINE_KEY = "__line__"


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_with_lines(text: str) -> Any:
    """Parse YAML; every mapping gets a `__line__` key with its 1-based line number."""
    return yaml.load(text, Loader=_LineLoader)  # safe: _LineLoader is a SafeLoader subclass
