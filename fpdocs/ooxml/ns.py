"""Namespaces and qualified names."""

from __future__ import annotations

from functools import cache

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
NSMAP = {"w": W, "w14": W14}


@cache
def qn(tag: str) -> str:
    """'w:t' -> '{namespace}t'."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def safe_parser() -> etree.XMLParser:
    """No DTD loading, no entity expansion, no network: hostile files get nowhere."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=False,
    )
