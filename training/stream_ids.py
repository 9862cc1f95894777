"""Stable block ids for StreamField content loaded from files.

wagtail-localize keys every translated string on the id of the block it sits
in, list items included. Blocks the loader writes must therefore keep their ids
from one load to the next: a block keeps the id of the stored block it matches
(the same content, else the same place and type); a new one gets an id derived
from where it is, so the same file gives the same ids on every install.

ListBlock values are written in Wagtail's block format ({"type": "item",
"value": ..., "id": ...}): wagtail-localize extracts list items only in that form.
"""

import json
import uuid

from wagtail import blocks

NAMESPACE = uuid.UUID("6f0c9d3e-2b1a-4e57-9c1d-3f4a5b6c7d8e")


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def content_of(value):
    """A value without its ids or list-item wrappers, to compare content."""
    if isinstance(value, dict):
        if value.get("type") == "item" and "value" in value:
            return content_of(value["value"])
        return {key: content_of(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [content_of(item) for item in value]
    return value


def _same(a, b) -> bool:
    dump = lambda value: json.dumps(content_of(value), sort_keys=True, default=str)  # noqa: E731
    return dump(a) == dump(b)


def _previous_ids(new: list, previous: list, *, kind) -> list:
    """For each new child, the stored child whose id it keeps (or None)."""
    previous = [p for p in previous or [] if isinstance(p, dict) and p.get("id")]
    used, matched = set(), [None] * len(new)
    for index, item in enumerate(new):  # the same content, wherever it moved
        for number, old in enumerate(previous):
            if number not in used and kind(old) == kind(item) and _same(old, item):
                matched[index] = old
                used.add(number)
                break
    for index, item in enumerate(new):  # else the same place and type
        if matched[index] is None and index < len(previous) and index not in used:
            old = previous[index]
            if kind(old) == kind(item):
                matched[index] = old
                used.add(index)
    return matched


def with_ids(block: blocks.Block, value, *, previous=None, key: str = ""):
    """`value` (raw, from a file) with stable ids wherever `block` stores them."""
    if isinstance(block, blocks.StreamBlock):
        matched = _previous_ids(value, previous, kind=lambda child: child["type"])
        return [
            {
                "type": child["type"],
                "value": with_ids(
                    block.child_blocks[child["type"]],
                    child["value"],
                    previous=old["value"] if old else None,
                    key=f"{key}/{index}",
                ),
                "id": old["id"] if old else derived_id(key, index, child["type"]),
            }
            for index, (child, old) in enumerate(zip(value, matched, strict=True))
        ]
    if isinstance(block, blocks.ListBlock):
        items = [content_of(item) for item in value]
        stored = [p for p in previous or [] if isinstance(p, dict) and "id" in p]
        matched = _previous_ids(items, stored, kind=lambda _: "item")
        return [
            {
                "type": "item",
                "value": with_ids(
                    block.child_block,
                    item,
                    previous=old["value"] if old else None,
                    key=f"{key}/{index}",
                ),
                "id": old["id"] if old else derived_id(key, index, "item"),
            }
            for index, (item, old) in enumerate(zip(items, matched, strict=True))
        ]
    if isinstance(block, blocks.StructBlock):
        previous = previous if isinstance(previous, dict) else {}
        return {
            name: with_ids(
                block.child_blocks[name],
                item,
                previous=previous.get(name),
                key=f"{key}/{name}",
            )
            if name in block.child_blocks
            else item
            for name, item in value.items()
        }
    return value


def with_ids_of(block: blocks.Block, value, *, source):
    """A translation's raw `value` carrying the ids of its English `source` (the
    stored value, ids included), block for block and item for item."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child["type"],
                "value": with_ids_of(
                    block.child_blocks[child["type"]],
                    child["value"],
                    source=original["value"],
                ),
                "id": original["id"],
            }
            for child, original in zip(value, source, strict=True)
        ]
    if isinstance(block, blocks.ListBlock):
        return [
            {
                "type": "item",
                "value": with_ids_of(
                    block.child_block, content_of(item), source=original["value"]
                ),
                "id": original["id"],
            }
            for item, original in zip(value, source, strict=True)
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: with_ids_of(block.child_blocks[name], item, source=source[name])
            if name in block.child_blocks
            else item
            for name, item in value.items()
        }
    return value
