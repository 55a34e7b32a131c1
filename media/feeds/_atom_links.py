"""Atom entry links with their `rel`, `type` and `length` attributes.

feedgen 1.0.0 drops every attribute but `href` from an Atom entry's links (`atom_entry` rebinds the
loop variable `link` to the XML element before reading `rel`), so an audio enclosure would read as a
second alternate link. This entry extension writes the links itself; RSS is unaffected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator
    from lxml import etree

NAMESPACE = "loa_links"


class AtomLinksExtension(BaseExtension):  # type: ignore[misc]  # feedgen has no stubs: its classes are Any
    """Feed-level half of the extension: nothing to add at feed level."""


class AtomLinksEntryExtension(BaseEntryExtension):  # type: ignore[misc]  # feedgen has no stubs
    """Holds an entry's links as dicts and writes them into the Atom entry."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def add(self, href: str, rel: str = "alternate", **attrs: str) -> None:
        self.links.append({"href": href, "rel": rel, **attrs})

    def extend_atom(self, entry: etree._Element) -> etree._Element:  # feedgen's lxml element in and out
        for attrs in self.links:
            xml_elem("link", entry, **attrs)  # same (un-namespaced) form feedgen uses
        return entry


def register(fg: FeedGenerator) -> None:
    """Enable the extension on `fg` for Atom output only (before adding entries)."""
    fg.register_extension(NAMESPACE, AtomLinksExtension, AtomLinksEntryExtension, atom=True, rss=False)
