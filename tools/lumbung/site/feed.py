"""The Atom feed of the site: the newest published practices and replication reports (feed.xml).

Every text goes through XML 1.0's characters (lumbung.escape.xml_text); dates come from the files,
so builds repeat."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from xml.etree import ElementTree as ET

from lumbung.escape import xml_text
from lumbung.site.adoption import REPORT, Adoption
from lumbung.site.catalogue import Entry, Site
from lumbung.site.urls import absolute, page_url
from lumbung.vocabulary import vocabulary

ATOM = "http://www.w3.org/2005/Atom"


def _atom_time(d: dt.date | None) -> str:
    """A date as an Atom timestamp (midnight UTC); no date: the epoch."""
    return f"{(d or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def _updated(entry: Entry) -> dt.date:
    reviewed = entry.record.last_reviewed
    return max(entry.date, reviewed) if reviewed else entry.date


def _report_entry(
    sub: Callable[..., ET.Element], feed: ET.Element, site: Site, a: Adoption, site_url: str | None
) -> None:
    """A replication report in the feed: news on the page of the practice it adopted."""
    practice = site.by_id[a.practice_id]
    entry = sub(feed, "entry")
    sub(entry, "title", f"Diterapkan di {a.place}: {practice.title}")
    url = absolute(site_url, page_url(practice.src)) + f"#diterapkan-{a.id}"
    sub(entry, "id", url if site_url else f"urn:lumbung-praktik:replication:{a.id}")
    sub(entry, "link", rel="alternate", type="text/html", href=url)
    sub(entry, "published", _atom_time(a.date))
    sub(entry, "updated", _atom_time(a.date))
    for name in a.authors:
        sub(sub(entry, "author"), "name", name)
    where = ", ".join(x for x in (a.regency, a.province) if x)
    text = f"{a.office} ({where}) menerapkan praktik ini."
    if a.adaptations:
        text += f" Penyesuaian: {a.adaptations}"
    sub(entry, "summary", text)
    sub(entry, "category", term="replikasi", label="Laporan replikasi")


def atom_feed(
    site: Site, title: str, site_url: str | None = None, subtitle: str = "", limit: int = 20
) -> str:
    """Atom 1.0 feed of the newest published practices and replication reports. Dates come from the
    files, so builds repeat."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
        if text is not None:
            el.text = xml_text(text)
        return el

    # Practices and replication reports, newest first: a report is news about the practice it adopted.
    reports = [a for items in site.adoptions.values() for a in items if a.via == REPORT]
    items: list[tuple[dt.date | None, int, Entry | Adoption]] = [(_updated(e), 0, e) for e in site.entries]
    items += [(a.date, 1, a) for a in reports]
    ordinal = {e.id: i for i, e in enumerate(site.entries)}

    def order(item: tuple[dt.date | None, int, Entry | Adoption]) -> tuple:
        _, kind, x = item  # by the date written, practices before reports on the same day
        return (-(x.date or dt.date.min).toordinal(), kind, ordinal.get(x.id, 0), x.id)

    newest = sorted(items, key=order)[:limit]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})
    sub(feed, "title", title)
    if subtitle:
        sub(feed, "subtitle", subtitle)
    sub(feed, "id", site_url or "urn:lumbung-praktik:feed")
    sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(site_url, "feed.xml"))
    sub(feed, "link", rel="alternate", type="text/html", href=absolute(site_url, ""))
    sub(feed, "updated", _atom_time(max((d for d, _, _ in newest if d), default=None)))
    sub(sub(feed, "author"), "name", title)
    themes = vocabulary("themes")
    for _, _, x in newest:
        if isinstance(x, Adoption):
            _report_entry(sub, feed, site, x, site_url)
            continue
        e = x
        entry = sub(feed, "entry")
        if e.record.language != "id":  # the feed says id; an English write-up says so itself
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", e.record.language)
        sub(entry, "title", e.title)
        url = absolute(site_url, page_url(e.src))
        sub(entry, "id", url if site_url else f"urn:lumbung-praktik:practice:{e.id}")
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "published", _atom_time(e.date))
        sub(entry, "updated", _atom_time(_updated(e)))
        for a in e.record.authors:
            sub(sub(entry, "author"), "name", a.name)
        sub(entry, "summary", e.summary)
        for slug in e.themes:
            sub(entry, "category", term=slug, label=themes.label(slug))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
