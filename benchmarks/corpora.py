"""The page sets of the extraction benchmark and their gold answers, read from ``../shared``.

Two sets:

* ``id``: Indonesian news pages from four sources under ``shared/corpora/pages-id`` (see
  :func:`indonesian_pages`); body, title, date and author answers where the source has them.
* ``generic``: the 181 pages of the ScrapingHub article-extraction benchmark (body only).

Gold bodies are used as published, with one exception documented in docs/benchmarks.md: the
Fundus answer for ``MediaIndonesia_2025_10_22`` keeps non-body text inline (an image caption, two
"Baca juga" related links and the site's channel promo with the editor credit), which is cut out
here, exactly as listed in :data:`FUNDUS_NOT_BODY`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SETS = ("id", "generic")

# Exact fragments of the Fundus gold body that are not article text (each is replaced by a line
# break). Keyed by the HTML file name.
FUNDUS_NOT_BODY: dict[str, tuple[str, ...]] = {
    "MediaIndonesia_2025_10_22.html.gz": (
        "Kondisi Tambang di Raja Ampat(Auriga Nusantara) ",
        "Baca juga : Hasil Penyelidikan Tambang Nikel Raja Ampat Segera Dirilis ",
        "Baca juga : Pengamat Soroti Peredaran Gambar AI Raja Ampat, Partisipasi Publik yang Sehat Harus "
        "Dilandasi Fakta ",
        " Cek berita dan artikel yg lain di Google News dan dan ikuti WhatsApp channel mediaindonesia.com "
        "Editor : Andhika",
    ),
}

# The URLs of the two older Fundus pages, as given in that folder's README.md.
FUNDUS_2025_URLS = {
    "MediaIndonesia_2025_10_22.html.gz": "https://mediaindonesia.com/ekonomi/822959/"
    "kpk-tak-temukan-surat-pencabutan-iup-nikel-raja-ampat-apa-iya-betul-dicabut",
    "MediaIndonesia_2026_01_08.html.gz": "https://mediaindonesia.com/ekonomi/848034/"
    "ihsg-hari-ini-sempat-tembus-9000-indeks-berbalik-melemah-akibat-profit-taking",
}

JPNN_PAGE = "jpnn-kamrussamad-ppkm-darurat-20210718.wayback.html"
JPNN_URL = (
    "https://www.jpnn.com/news/kamrussamad-ppkm-darurat-dihentikan-angka-kematian-berpotensi-tembus-5000-per-hari"
)
JPNN_GOLD = {
    "title": "Kamrussamad: PPKM Darurat Dihentikan, Angka Kematian Berpotensi Tembus 5.000 per Hari",
    "published": "2021-07-18T18:52:00+07:00",
    "authors": ("Boy",),
}


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page and whatever gold answers its source gives (None: no answer)."""

    id: str
    set: str
    source: str
    path: str
    url: str | None
    lang: str | None  # None: not known; the tools then use their own default or detection
    body: str | None = None
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] | None = None

    def job(self) -> dict[str, Any]:
        """What a runner needs to know about the page (no gold answers)."""
        return {"id": self.id, "path": self.path, "url": self.url, "lang": self.lang}

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors) if self.authors is not None else None
        return data


def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _anpandu(root: Path) -> list[Page]:
    folder = root / "anpandu-2015"
    pages = []
    for rel, gold in sorted(_load_json(folder / "ground-truth.json").items()):
        if not isinstance(gold, dict):  # the "_note" entry
            continue
        name = Path(rel).stem
        pages.append(
            Page(
                id=f"anpandu/{name}",
                set="id",
                source="anpandu-2015",
                path=str(folder / rel),
                url=gold.get("url"),
                lang="en" if gold.get("source") == "TempoEnglish" else "id",
                body=gold["content"],
                title=gold["title"],
                published=gold["date_iso_utc"],
            )
        )
    return pages


def _fundus_body(v1: dict[str, Any], html_name: str) -> str:
    parts: list[str] = []
    for section in v1["body"]["sections"]:
        parts.extend(section["headline"])
        parts.extend(section["paragraphs"])
    body = "\n".join(parts)
    for fragment in FUNDUS_NOT_BODY.get(html_name, ()):
        if fragment not in body:
            raise ValueError(f"{html_name}: gold fix no longer applies, fragment missing: {fragment!r}")
        body = body.replace(fragment, "\n")
    return "\n".join(line.strip() for line in body.splitlines() if line.strip())


def _fundus_page(html: Path, v1: dict[str, Any], url: str) -> Page:
    day = html.name.removeprefix("MediaIndonesia_").removesuffix(".html.gz").replace("_", "-")
    return Page(
        id=f"mediaindonesia/{day}",
        set="id",
        source=html.parent.name,
        path=str(html),
        url=url,
        lang="id",
        body=_fundus_body(v1, html.name),
        title=v1["title"],
        published=v1["publishing_date"],
        authors=tuple(v1["authors"]),
    )


def _fundus(root: Path) -> list[Page]:
    pages = []
    older = root / "fundus-mediaindonesia-2025"
    for name, url in FUNDUS_2025_URLS.items():
        expected = older / name.replace(".html.gz", ".expected.json")
        pages.append(_fundus_page(older / name, _load_json(expected)["V1"], url))
    current = root / "fundus-mediaindonesia-2026"
    expected = _load_json(current / "MediaIndonesia.json")["V1"]
    for name, info in sorted(_load_json(current / "meta.info").items()):
        pages.append(_fundus_page(current / name, expected, info["url"]))
    return pages


def _scrapinghub(folder: Path, set_name: str, source: str, html_dir: Path) -> list[Page]:
    pages = []
    for key, gold in sorted(_load_json(folder / "ground-truth.json").items()):
        pages.append(
            Page(
                id=f"{source}/{key[:8]}" if set_name == "id" else key[:12],
                set=set_name,
                source=source,
                path=str(html_dir / f"{key}.html.gz"),
                url=gold.get("url"),
                lang="id" if set_name == "id" else None,  # generic: several languages, not labelled
                body=gold["articleBody"],
            )
        )
    return pages


def _jpnn(root: Path) -> list[Page]:
    return [
        Page(
            id="jpnn/kamrussamad",
            set="id",
            source="mediacloud-jpnn-2021",
            path=str(root / "mediacloud-jpnn-2021" / JPNN_PAGE),
            url=JPNN_URL,
            lang="id",
            title=str(JPNN_GOLD["title"]),
            published=str(JPNN_GOLD["published"]),
            authors=tuple(JPNN_GOLD["authors"]),
        )
    ]


def indonesian_pages(shared: Path) -> list[Page]:
    """anpandu-2015 (26 pages, one in English), Media Indonesia via Fundus (3), ScrapingHub's two
    Indonesian pages (2) and one JPNN page with title, date and author answers only."""
    root = shared / "corpora" / "pages-id"
    shub = root / "scrapinghub-id-2015"
    return [*_anpandu(root), *_fundus(root), *_scrapinghub(shub, "id", "shub-id", shub), *_jpnn(root)]


def generic_pages(shared: Path) -> list[Page]:
    folder = shared / "corpora" / "pages-generic" / "scrapinghub-benchmark"
    return _scrapinghub(folder, "generic", "scrapinghub", folder / "html")


def load_set(name: str, shared: Path) -> list[Page]:
    """The pages of one set; raises FileNotFoundError when its data is not there."""
    loader = {"id": indonesian_pages, "generic": generic_pages}[name]
    pages = loader(shared)
    missing = [p.path for p in pages if not Path(p.path).is_file()]
    if missing:
        raise FileNotFoundError(f"{len(missing)} page files missing, e.g. {missing[0]}")
    return pages
