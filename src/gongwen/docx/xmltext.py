"""Text and attribute values for XML written as strings (fontTable.xml, custom.xml, fonts.conf).

The same results as ``xml.sax.saxutils``'s ``escape``, ``unescape`` and ``quoteattr`` for what
gongwen writes, without that module's import: it brings urllib, http, email and ssl, ~20 ms of
every cold build.
"""

from __future__ import annotations


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def quoteattr(value: str) -> str:
    """An attribute value with its quotes: double quotes unless the value holds one."""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))
