"""Block elements as HTML controls that the page's script turns into Slack interactions."""

import json
from collections.abc import Callable, Mapping
from typing import Any

from bot.sandbox.render.mrkdwn import plain_html
from bot.sandbox.render.surface import Surface, attr, slack_file_url, text_html
from bot.sandbox.view_state import initial_options, suggestion_key

Element = Mapping[str, Any]
SELECT_KINDS = {
    "static_select": False,
    "multi_static_select": True,
    "external_select": False,
    "multi_external_select": True,
    "users_select": False,
    "multi_users_select": True,
    "conversations_select": False,
    "multi_conversations_select": True,
    "channels_select": False,
    "multi_channels_select": True,
}


def element_html(element: Element, block_id: str, surface: Surface) -> str:
    kind = str(element.get("type"))
    render = _RENDERERS.get(kind)
    if render is None:
        if kind in SELECT_KINDS:
            return _select(element, block_id, surface)
        return f'<span class="bk-unsupported">[{attr(kind)} element]</span>'
    return render(element, block_id, surface)


def _data(element: Element, block_id: str, kind: str) -> str:
    data = f'data-block="{attr(block_id)}" data-action="{attr(element.get("action_id", ""))}"'
    data += f' data-kind="{attr(kind)}"'
    config = element.get("dispatch_action_config")
    if isinstance(config, Mapping):
        triggers = ",".join(str(t) for t in config.get("trigger_actions_on") or [])
        data += f' data-dispatch="{attr(triggers)}"'
    return data


def _button(element: Element, block_id: str, surface: Surface) -> str:
    style = element.get("style")
    classes = "bk-button" + (f" {attr(style)}" if style in ("primary", "danger") else "")
    confirm = element.get("confirm")
    extra = ""
    if isinstance(confirm, Mapping):
        question = {k: _raw_text(confirm.get(k)) for k in ("title", "text", "confirm", "deny")}
        extra = f' data-confirm="{attr(json.dumps(question))}"'
    if isinstance(element.get("url"), str):
        extra += f' data-url="{attr(element["url"])}"'
    label = text_html(element.get("text"), surface.names)
    data = _data(element, block_id, "button")
    return f'<button type="button" class="{classes}" {data}{extra}>{label}</button>'


def _options_html(element: Element, chosen: set[str]) -> str:
    def one(option: Mapping[str, Any]) -> str:
        value = str(option.get("value", ""))
        selected = " selected" if value in chosen else ""
        return f'<option value="{attr(value)}"{selected}>{_plain_text(option.get("text"))}</option>'

    parts = [one(o) for o in element.get("options") or []]
    for group in element.get("option_groups") or []:
        inner = "".join(one(o) for o in group.get("options") or [])
        parts.append(f'<optgroup label="{attr(_raw_text(group.get("label")))}">{inner}</optgroup>')
    return "".join(parts)


def _select(element: Element, block_id: str, surface: Surface) -> str:
    kind = str(element.get("type"))
    multiple = SELECT_KINDS[kind]
    chosen = _chosen(element)
    if kind.endswith("users_select"):
        options = _named_options(surface.names.users, chosen)
    elif kind.endswith(("conversations_select", "channels_select")):
        options = _named_options(surface.names.channels, chosen, prefix="#")
    elif kind.endswith("external_select"):
        options = _options_html({"options": _external_options(element, block_id, surface)}, chosen)
    else:
        options = _options_html(element, chosen)
    placeholder = _plain_text(element.get("placeholder")) or "Select an item"
    first = "" if multiple else f'<option value="">{placeholder}</option>'
    many = " multiple" if multiple else ""
    data = _data(element, block_id, kind)
    select = f'<select class="bk-select"{many} {data}>{first}{options}</select>'
    if kind.endswith("external_select"):
        return _with_search(element, select)
    return select


def _external_options(element: Element, block_id: str, surface: Surface) -> list[Element]:
    """The initial options, then what the app offered when last asked, each value once."""
    offered = surface.suggested.get(suggestion_key(block_id, str(element.get("action_id"))))
    options: dict[str, Element] = {}
    for option in [*initial_options(element), *(offered or [])]:
        options.setdefault(str(option.get("value")), option)
    return list(options.values())


def _with_search(element: Element, select: str) -> str:
    """Slack asks the app for an external select's options as the person types: the page's
    script sends what is typed here (or nothing, on opening, when no minimum is set)."""
    least = element.get("min_query_length", 3)
    least = least if isinstance(least, int) and least >= 0 else 3
    search = (
        f'<input type="search" class="bk-text bk-suggest" data-min-query="{least}"'
        ' placeholder="Type to search" aria-label="Search">'
    )
    return f'<span class="bk-external">{search}{select}</span>'


def _named_options(names: Mapping[str, str], chosen: set[str], prefix: str = "") -> str:
    return "".join(
        f'<option value="{attr(key)}"{" selected" if key in chosen else ""}>'
        f"{attr(prefix + name)}</option>"
        for key, name in sorted(names.items(), key=lambda item: item[1].lower())
    )


def _overflow(element: Element, block_id: str, _surface: Surface) -> str:
    options = _options_html(element, set())
    data = _data(element, block_id, "overflow")
    first = '<option value="">⋯</option>'
    return f'<select class="bk-overflow" title="More actions" {data}>{first}{options}</select>'


def _choices(element: Element, block_id: str, surface: Surface) -> str:
    kind = str(element.get("type"))
    box = "checkbox" if kind == "checkboxes" else "radio"
    chosen = _chosen(element)
    name = attr(f"{block_id}/{element.get('action_id', '')}")
    items = []
    for option in element.get("options") or []:
        value = str(option.get("value", ""))
        checked = " checked" if value in chosen else ""
        label = text_html(option.get("text"), surface.names)
        description = option.get("description")
        note = f"<small>{text_html(description, surface.names)}</small>" if description else ""
        items.append(
            f'<label class="bk-choice">'
            f'<input type="{box}" name="{name}" value="{attr(value)}"{checked}>'
            f"<span>{label}{note}</span></label>"
        )
    return f'<div class="bk-choices" {_data(element, block_id, kind)}>{"".join(items)}</div>'


def _text_input(element: Element, block_id: str, _surface: Surface) -> str:
    kind = str(element.get("type"))
    placeholder = attr(_raw_text(element.get("placeholder")))
    value = attr(element.get("initial_value", ""))
    limit = element.get("max_length")
    maxlength = (
        f' maxlength="{int(limit)}"'
        if isinstance(limit, int) and kind == "plain_text_input"
        else ""
    )
    data = _data(element, block_id, kind)
    shared = f'class="bk-text" placeholder="{placeholder}"{maxlength} {data}'
    if element.get("multiline"):
        return f'<textarea rows="3" {shared}>{value}</textarea>'
    mode = ' inputmode="decimal"' if kind == "number_input" else ""
    return f'<input type="text" value="{value}"{mode} {shared}>'


def _picker(input_type: str, initial_key: str) -> Callable[[Element, str, Surface], str]:
    def render(element: Element, block_id: str, _surface: Surface) -> str:
        value = attr(element.get(initial_key, ""))
        data = _data(element, block_id, str(element.get("type")))
        return f'<input class="bk-picker" type="{input_type}" value="{value}" {data}>'

    return render


def _image(element: Element, _block_id: str, _surface: Surface) -> str:
    alt = attr(element.get("alt_text", ""))
    url = slack_file_url(element)
    if url is None:
        return (
            f'<span class="bk-image-external" title="{attr(element.get("image_url", ""))}">🖼</span>'
        )
    return f'<img class="bk-image-small" src="{url}" alt="{alt}">'


def _chosen(element: Element) -> set[str]:
    chosen: set[str] = set()
    if isinstance(element.get("initial_option"), Mapping):
        chosen.add(str(element["initial_option"].get("value")))
    chosen |= {str(o.get("value")) for o in element.get("initial_options") or []}
    for key in ("initial_user", "initial_conversation", "initial_channel"):
        if element.get(key):
            chosen.add(str(element[key]))
    for key in ("initial_users", "initial_conversations", "initial_channels"):
        chosen |= {str(v) for v in element.get(key) or []}
    return chosen


def _raw_text(text: object) -> str:
    """A text object's words as typed; the page shows them as text, never as HTML."""
    return str(text.get("text") or "") if isinstance(text, Mapping) else str(text or "")


def _plain_text(text: object) -> str:
    """A text object's words, HTML-escaped, for attributes and option labels."""
    if isinstance(text, Mapping):
        return plain_html(str(text.get("text") or ""))
    return plain_html(str(text or ""))


_RENDERERS: dict[str, Callable[[Element, str, Surface], str]] = {
    "button": _button,
    "overflow": _overflow,
    "checkboxes": _choices,
    "radio_buttons": _choices,
    "plain_text_input": _text_input,
    "number_input": _text_input,
    "email_text_input": _text_input,
    "url_text_input": _text_input,
    "datepicker": _picker("date", "initial_date"),
    "timepicker": _picker("time", "initial_time"),
    "image": _image,
}
