"""The sample site as an officer meets it: sharing, printing on A4, and what a page load fetches."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import blocking_violations, format_violations, run_axe

from support.build import Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]


PRACTICE = "sumatera-selatan/lahat-bursa-kerja-desa/"
ENGLISH = "kalimantan-timur/samarinda-virtual-job-matching/"
PAGE_TYPES = {
    "beranda": "",
    "katalog": "katalog/",
    "praktik": PRACTICE,
    "tema": "tema/job-fair/",
    "provinsi": "provinsi/sumatera-selatan/",
    "statistik": "statistik/",
    "kontributor": "kontributor/",
    "panduan": "berkontribusi/panduan-kolom/",
}


@pytest.fixture(scope="module")
def site(sample_site: Built) -> Path:
    """The sample library built strict, served under its published path (the 404 page's links and
    styles are absolute, from site_url)."""
    if sample_site.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{sample_site.log}", pytrace=False)
    return sample_site.site


@pytest.fixture
def base(site, serve_dir) -> str:
    return serve_dir(site.parent) + "lumbung-praktik/"


def test_share_offers_whatsapp_and_copy_link_without_the_share_api(browser, base):
    context = browser.new_context(locale="id-ID")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(base + PRACTICE)
        assert page.evaluate("() => typeof navigator.share") == "undefined"
        share = page.locator(".lp-share")
        assert not share.locator(".lp-share__native").is_visible()
        whatsapp = share.locator("a.lp-share__whatsapp")
        assert whatsapp.is_visible()
        parts = urlsplit(whatsapp.get_attribute("href"))
        title = page.locator("h1").inner_text()
        text = parse_qs(parts.query)["text"][0]
        assert parts.netloc == "wa.me" and text.startswith(title + " https://")
        assert text.endswith("/" + PRACTICE)
        share.locator(".lp-share__copy").click()
        page.wait_for_function("() => document.querySelector('.lp-share__status').textContent !== ''")
        assert share.locator(".lp-share__status").inner_text() == "Tautan disalin."
        assert page.evaluate("() => navigator.clipboard.readText()").endswith("/" + PRACTICE)
    finally:
        context.close()


def test_share_uses_the_phone_share_sheet_where_there_is_one(page, base):
    page.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    page.goto(base + PRACTICE)
    button = page.locator(".lp-share__native")
    assert button.is_visible() and button.inner_text() == "Bagikan"
    button.click()
    shared = page.evaluate("() => window.__shared")
    assert shared["title"] == page.locator("h1").inner_text()
    assert shared["url"].endswith("/" + PRACTICE)


def test_without_javascript_only_the_whatsapp_link_shows(browser, base):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + PRACTICE)
        assert page.locator("a.lp-share__whatsapp").is_visible()
        assert not page.locator(".lp-share__copy").is_visible()
        assert not page.locator(".lp-share__native").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_a_page_load_fetches_nothing_that_grows_with_the_library(page, base, name):
    """No sitemap.xml, no search index and no catalogue data on a plain page load: the page's own
    HTML, styles, scripts and icons only."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base + PAGE_TYPES[name], wait_until="networkidle")
    page.wait_for_timeout(300)
    paths = [urlsplit(u).path[len("/lumbung-praktik") :] for u in requested if u.startswith(base)]
    grows = [p for p in paths if p.endswith("sitemap.xml") or "/search/" in p or p.endswith(".json")]
    assert not grows, f"{name}: {grows}"


def _pdf_pages(page) -> list[str]:
    from pypdf import PdfReader

    pdf = page.pdf(format="A4", print_background=False)
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_practice_prints_on_a4_with_its_card_on_page_one(page, base):
    page.goto(base + PRACTICE)
    title = page.locator("h1").inner_text()
    page.emulate_media(media="print")
    pages = _pdf_pages(page)
    first = pages[0]
    assert title in first
    for fact in ("Wilayah", "Sumatera Selatan", "Instansi", "Penulis"):
        assert fact in first, f"{fact!r} not on page 1: {first[:400]}"
    assert "(http" not in first and "Kirim lewat WhatsApp" not in first
    assert all(p.strip() for p in pages), "a blank page"
    last = " ".join(pages[-2:])
    assert "Sumber: http" in last and "/" + PRACTICE in last and "CC BY 4.0" in last
    assert len(pages) <= 4


def test_printed_body_links_are_listed_once_under_tautan(page, base):
    page.goto(base + PRACTICE)
    # The sample practices have no links in their text: give this one three, two to the same place.
    page.evaluate(
        """() => {
          const p = document.createElement('p');
          p.innerHTML = 'Lihat <a href="https://contoh.example/a">panduan</a>, '
            + '<a href="../../tema/">tema</a> dan <a href="https://contoh.example/a">panduan lagi</a>.';
          document.querySelector('.lp-body').appendChild(p);
        }"""
    )
    page.emulate_media(media="print")
    text = " ".join(_pdf_pages(page))
    assert "panduan [1]" in text and "tema [2]" in text and "panduan lagi [1]" in text
    listed = text.split("Tautan", 1)[1].split("Sumber:")[0]
    assert listed.count("https://contoh.example/a") == 1 and base + "tema/" in listed
    assert page.locator(".lp-print-links li").count() == 2


PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
CLS = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(total), 800);
})"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="id-ID", **PHONE)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_katalog_on_a_phone_shows_the_count_and_first_results_on_the_first_screen(phone, base):
    phone.goto(base + "katalog/", wait_until="networkidle")
    toggle = phone.locator("#lp-filter-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not phone.locator("#lp-f-tema").is_visible()  # folded away
    for selector in ("#lp-count", "#lp-catalogue .lp-card__title >> nth=0"):
        box = phone.locator(selector).bounding_box()
        assert box and box["y"] + box["height"] <= 740, f"{selector} below the fold at y={box}"
    assert phone.evaluate(CLS) <= 0.05


def test_katalog_filters_say_how_many_are_active_and_counts_follow_the_other_filters(phone, base, site):
    import json

    index = json.loads((site / "katalog" / "data.json").read_text(encoding="utf-8"))
    values = index["values"]
    rows = [
        {key: [values[key][n] for n in found] for key, found in zip(index["keys"], p, strict=True)}
        for p in index["practices"]
    ]
    phone.goto(base + "katalog/")
    phone.locator("#lp-filter-toggle").click()
    assert phone.locator("#lp-f-tema").is_visible()
    province = "sumatera-selatan"
    phone.select_option("#lp-f-provinsi", province)
    phone.wait_for_function("() => document.getElementById('lp-active').textContent === '(1 aktif)'")
    in_province = [r for r in rows if province in r["provinsi"]]
    # The active count shows at once; the result count once the index is loaded.
    phone.wait_for_function(
        "t => document.getElementById('lp-count').textContent.startsWith(t)",
        arg=f"{len(in_province)} dari ",
    )
    count = phone.locator("#lp-count").inner_text()
    assert count.startswith(f"{len(in_province)} dari {len(rows)} praktik")
    # Every theme option now counts the practices of that theme in the province; none gives zero results
    # unless disabled.
    options = phone.evaluate(
        "() => [...document.querySelectorAll('#lp-f-tema option')].filter(o => o.value)"
        ".map(o => [o.value, o.textContent, o.disabled])"
    )
    for value, text, disabled in options:
        n = sum(1 for r in in_province if value in r["tema"])
        assert text.endswith(f"({n})"), (value, text, n)
        assert disabled == (n == 0), (value, text)
    assert any(disabled for *_, disabled in options), (
        "the sample should have a theme absent from the province"
    )
    phone.select_option("#lp-f-tahun", values["tahun"][0])
    phone.wait_for_function("() => document.getElementById('lp-active').textContent === '(2 aktif)'")


def test_katalog_sorts_by_title_and_by_province(page, base, site):
    import json

    practices = json.loads((site / "practices.json").read_text(encoding="utf-8"))["practices"]
    page.goto(base + "katalog/")
    page.select_option("#lp-f-urut", "judul")
    page.wait_for_function("() => new URL(location.href).searchParams.get('urut') === 'judul'")
    page.wait_for_function("() => !document.getElementById('lp-catalogue').hasAttribute('aria-busy')")
    titles = page.locator("#lp-catalogue .lp-card__title a").all_inner_texts()
    assert len(titles) == len(practices)
    assert titles == sorted(titles, key=str.casefold)
    page.select_option("#lp-f-urut", "provinsi")
    page.wait_for_function("() => new URL(location.href).searchParams.get('urut') === 'provinsi'")
    page.wait_for_timeout(300)
    provinces = [t.split(" · ")[0] for t in page.locator("#lp-catalogue .lp-card__meta").all_inner_texts()]
    assert provinces == sorted(provinces)


AXE_PAGES = dict(
    PAGE_TYPES,
    **{
        "praktik-en": ENGLISH,
        "tema-index": "tema/",
        "provinsi-index": "provinsi/",
        "berkontribusi": "berkontribusi/",
        "404": "404.html",
    },
)


def _axe_states(page, base):
    """(name, prepare) for every page type, and the states a reader brings about."""
    for name, url in sorted(AXE_PAGES.items()):
        yield name, url, None
    yield "katalog, saringan terbuka", "katalog/", "filters"
    yield "hasil pencarian", "", "search"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_serious_accessibility_violation_in_any_state(browser, base, axe, width, scheme):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, color_scheme=scheme, bypass_csp=True, locale="id-ID"
    )
    found = []
    try:
        page = context.new_page()
        for name, url, action in _axe_states(page, base):
            page.goto(base + url, wait_until="networkidle")
            if action == "filters":
                if page.locator("#lp-filter-toggle").is_visible():
                    page.click("#lp-filter-toggle")
                page.select_option("#lp-f-provinsi", index=1)
                page.wait_for_function("() => document.getElementById('lp-active').textContent !== ''")
                # The active count shows at once; the cards are drawn at half opacity until the
                # filtered chunk has loaded. axe measures the settled page, not that moment.
                page.wait_for_function("() => !document.querySelector('.lp-cards[aria-busy]')")
            elif action == "search":
                page.fill("#lp-search-input", "penempatan disabilitas")
                page.wait_for_selector(".lp-search__list li", timeout=10_000)
            if url == PRACTICE:
                assert page.locator("table.lp-outcomes__table").count() == 1
            results = run_axe(page, source=axe)
            assert results["passes"], f"{name}: axe ran no checks"
            blocking = blocking_violations(results)
            if blocking:
                found.append(f"{name}:\n{format_violations(blocking)}")
    finally:
        context.close()
    assert not found, "\n".join(found)


def test_outcomes_table_on_a_phone_shows_every_column_and_breaks_no_word(phone, base):
    phone.goto(base + PRACTICE)
    table = phone.locator("table.lp-outcomes__table")
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    for n, label in enumerate(("Sebelum", "Sesudah", "Tahun"), 1):
        cell = table.locator(f"tbody tr >> nth=0 >> td:nth-of-type({n})")
        assert cell.is_visible()
        before = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert before == f'"{label}: "', before
    # Each word of a cell on one line: the height of every text cell is a whole number of lines, and
    # no line starts in the middle of a word (Range rects of each word are a single box).
    split = phone.evaluate(
        """() => {
          const out = [];
          for (const cell of document.querySelectorAll('.lp-outcomes__table tbody :is(th, td)')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const re = /\\S+/g;
              let m;
              while ((m = re.exec(node.data))) {
                const r = document.createRange();
                r.setStart(node, m.index);
                r.setEnd(node, m.index + m[0].length);
                if (r.getClientRects().length > 1) out.push(m[0]);
              }
            }
          }
          return out;
        }"""
    )
    assert split == []


def test_province_links_are_tap_targets_of_24_px(phone, base):
    phone.goto(base + "provinsi/")
    heights = phone.evaluate(
        "() => [...document.querySelectorAll('.md-typeset td a, .md-typeset th a')]"
        ".map(a => a.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 24, min(heights)


def test_without_javascript_the_search_box_leads_to_katalog(browser, base):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "statistik/")
        assert page.locator("noscript").count() >= 1
        page.fill("#lp-search-input", "job fair")
        page.locator(".lp-search__submit").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path.endswith("/katalog/")
        assert page.locator("#lp-catalogue .lp-card").count() > 0  # the list, without a script
    finally:
        context.close()


def test_search_placeholder_is_not_cut_on_a_phone(phone, base):
    phone.goto(base)
    fits = phone.evaluate(
        """() => {
          const input = document.getElementById('lp-search-input');
          const style = getComputedStyle(input);
          const canvas = document.createElement('canvas').getContext('2d');
          canvas.font = style.font;
          const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return [canvas.measureText(input.placeholder).width, room];
        }"""
    )
    assert fits[0] <= fits[1], fits
