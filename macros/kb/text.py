"""What data text may not hold, said once for the rules that report it and the renderer that
drops it again: unsafe links, HTML, and the placeholders `python -m macros new` writes."""

from __future__ import annotations

import re

from macros.kb.places import LINKABLE, QUOTED

#: A Markdown link whose address has a scheme other than http(s), mailto or a record kind (a link
#: by id, see macros.kb.places): javascript:, data:... Group 1 is the link's words, group 2 its address.
_ALLOWED = "|".join(["https?", "mailto", *sorted(LINKABLE, key=len, reverse=True), QUOTED])
UNSAFE_LINK = re.compile(rf"\[([^\]]*)\]\(\s*<?\s*((?!(?:{_ALLOWED}):)[a-zA-Z][a-zA-Z0-9+.-]*:[^)]*)\)")
#: An HTML tag or entity.
HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|&#?[a-zA-Z0-9]+;")


def is_placeholder(value: str) -> bool:
    """True for the TODO values (and the todo.invalid address) that `python -m macros new` writes."""
    return value.lstrip()[:4].lower() == "todo" or "todo.invalid" in value
