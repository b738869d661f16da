"""Blocks as HTML: section, header, context, divider, actions, image, input and the rest."""

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.sandbox.render.elements import element_html
from bot.sandbox.render.surface import Surface, attr, slack_file_url, text_html

BlockJson = Mapping[str, Any]


def blocks_html(blocks: Sequence[Any], surface: Surface) -> str:
    return "".join(block_html(b, surface) for b in blocks if isinstance(b, Mapping))


def block_html(block: BlockJson, surface: Surface) -> str:
    kind = str(block.get("type"))
    render = _BLOCKS.get(kind)
    if render is None:
        return f'<div class="bk-unsupported">[{attr(kind)} block]</div>'
    return render(block, surface)


def _block_id(block: BlockJson) -> str:
    return str(block.get("block_id") or "")


def _section(block: BlockJson, surface: Surface) -> str:
    parts = []
    if block.get("text"):
        parts.append(f'<div class="bk-text-body">{text_html(block["text"], surface.names)}</div>')
    fields = block.get("fields") or []
    if fields:
        cells = "".join(
            f'<div class="bk-field">{text_html(f, surface.names)}</div>' for f in fields
        )
        parts.append(f'<div class="bk-fields">{cells}</div>')
    body = f'<div class="bk-section-body">{"".join(parts)}</div>'
    accessory = block.get("accessory")
    if isinstance(accessory, Mapping):
        side = element_html(accessory, _block_id(block), surface)
        body += f'<div class="bk-accessory">{side}</div>'
    return f'<div class="bk-section">{body}</div>'


def _header(block: BlockJson, surface: Surface) -> str:
    return f'<h3 class="bk-header">{text_html(block.get("text"), surface.names)}</h3>'


def _context(block: BlockJson, surface: Surface) -> str:
    items = []
    for element in block.get("elements") or []:
        if isinstance(element, Mapping) and element.get("type") == "image":
            items.append(element_html(element, _block_id(block), surface))
        else:
            items.append(f"<span>{text_html(element, surface.names)}</span>")
    return f'<div class="bk-context">{"".join(items)}</div>'


def _divider(_block: BlockJson, _surface: Surface) -> str:
    return '<hr class="bk-divider">'


def _actions(block: BlockJson, surface: Surface) -> str:
    elements = "".join(
        element_html(e, _block_id(block), surface)
        for e in block.get("elements") or []
        if isinstance(e, Mapping)
    )
    return f'<div class="bk-actions">{elements}</div>'


def _image(block: BlockJson, surface: Surface) -> str:
    title = (
        f"<figcaption>{text_html(block['title'], surface.names)}</figcaption>"
        if block.get("title")
        else ""
    )
    alt = attr(block.get("alt_text", ""))
    url = slack_file_url(block)
    if url is None:
        where = attr(block.get("image_url", ""))
        note = f"an image from {where}, not loaded: the sandbox stays offline"
        shown = f'<div class="bk-image-external">🖼 {alt}<br><small>{note}</small></div>'
    else:
        shown = f'<img class="bk-image" src="{url}" alt="{alt}">'
    return f'<figure class="bk-image-block">{title}{shown}</figure>'


def _input(block: BlockJson, surface: Surface) -> str:
    block_id = _block_id(block)
    label = text_html(block.get("label"), surface.names)
    optional = ' <span class="optional">(optional)</span>' if block.get("optional") else ""
    element = block.get("element")
    control = element_html(element, block_id, surface) if isinstance(element, Mapping) else ""
    hint = (
        f'<div class="bk-hint">{text_html(block["hint"], surface.names)}</div>'
        if block.get("hint")
        else ""
    )
    error = surface.errors.get(block_id)
    shown_error = f'<div class="bk-error" role="alert">{html.escape(error)}</div>' if error else ""
    classes = "bk-input has-error" if error else "bk-input"
    return (
        f'<div class="{classes}" data-block="{attr(block_id)}"><label>{label}{optional}</label>'
        f"{control}{shown_error}{hint}</div>"
    )


def _rich_text(block: BlockJson, surface: Surface) -> str:
    """Rich text, shown by its words: the bot writes mrkdwn, this is for completeness."""
    words: list[str] = []
    _collect_text(block.get("elements") or [], words)
    return f'<div class="bk-rich-text">{html.escape("".join(words))}</div>'


def _collect_text(nodes: Sequence[Any], words: list[str]) -> None:
    for node in nodes:
        if isinstance(node, Mapping):
            if isinstance(node.get("text"), str):
                words.append(node["text"])
            _collect_text(node.get("elements") or [], words)


_BLOCKS: dict[str, Callable[[BlockJson, Surface], str]] = {
    "section": _section,
    "header": _header,
    "context": _context,
    "divider": _divider,
    "actions": _actions,
    "image": _image,
    "input": _input,
    "rich_text": _rich_text,
}
