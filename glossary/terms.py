"""The term pages' front matter: the one source of each term's title and one-sentence summary.

The index table, the hover tooltips (abbreviations) and the tests all read it from here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

REQUIRED = ("title", "summary", "related")


class TermError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    slug: str
    title: str
    summary: str
    related: tuple[str, ...]
    aliases: tuple[str, ...]
    prerequisites: tuple[str, ...] = ()  # term slugs or pages (walkthrough.ipynb) to read first
    # An alias that is an idea of its own (temperature on the sampling page, GELU on the feed-forward page)
    # gets its own one-sentence tooltip: front matter `alias_summaries: {alias: sentence}`.
    alias_summaries: tuple[tuple[str, str], ...] = ()

    def summary_of(self, alias: str) -> str:
        return dict(self.alias_summaries).get(alias, self.summary)

    def summaries(self) -> set[str]:
        return {self.summary, *(s for _, s in self.alias_summaries)}


def front_matter(path: Path) -> dict:
    st = path.stat()
    return dict(_front_matter(str(path), st.st_mtime_ns, st.st_size))


@functools.lru_cache(maxsize=1024)
def _front_matter(path_str: str, _mtime: int, _size: int) -> dict:
    """Parsed once per file version: `mkdocs serve` asks for every term's front matter on each save."""
    path = Path(path_str)
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise TermError(f"{path}: a term page starts with YAML front matter (---)")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise TermError(f"{path}: front matter is not closed with ---")
    meta = yaml.safe_load(text[4:end]) or {}
    if not isinstance(meta, dict):
        raise TermError(f"{path}: front matter is not a mapping")
    return meta


def load_terms(docs_dir: str | Path = "docs") -> list[Term]:
    """Every page under docs/terms/, sorted by title; validates what the site relies on."""
    pages = sorted(Path(docs_dir, "terms").glob("*.md"))
    terms = []
    for page in pages:
        meta = front_matter(page)
        missing = [k for k in REQUIRED if k not in meta]
        if missing:
            raise TermError(f"{page}: front matter lacks {', '.join(missing)}")
        summary = str(meta["summary"]).strip()
        if not _one_sentence(summary):
            raise TermError(f"{page}: summary must be one sentence on one line, ending with a full stop")
        title = str(meta["title"])
        aliases = tuple(meta.get("aliases") or (title, title.lower()))
        own = {str(k): str(v).strip() for k, v in (meta.get("alias_summaries") or {}).items()}
        for alias, sentence in own.items():
            if alias not in aliases:
                raise TermError(f"{page}: alias_summaries names {alias!r}, which is not one of its aliases")
            if not _one_sentence(sentence):
                raise TermError(f"{page}: the summary of {alias!r} must be one sentence ending with a full stop")
        terms.append(
            Term(
                page.stem,
                title,
                summary,
                tuple(meta["related"] or ()),
                aliases,
                tuple(meta.get("prerequisites") or ()),
                tuple(sorted(own.items())),
            )
        )
    slugs = {t.slug for t in terms}
    for t in terms:
        unknown = [r for r in t.related if r not in slugs]
        if unknown:
            raise TermError(f"docs/terms/{t.slug}.md: related names unknown terms {unknown}")
        missing = [r for r in t.prerequisites if r not in slugs and not Path(docs_dir, r).is_file()]
        if missing:
            raise TermError(f"docs/terms/{t.slug}.md: prerequisites name no page: {missing}")
    return sorted(terms, key=lambda t: t.title.lower())


def _one_sentence(text: str) -> bool:
    return "\n" not in text and text.endswith(".") and ". " not in text


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """Word form -> summary, for Python-Markdown's abbr glossary (Material shows it as a tooltip)."""
    out: dict[str, str] = {}
    for t in terms:
        for alias in t.aliases:
            if alias in out and out[alias] != t.summary_of(alias):
                raise TermError(f"alias {alias!r} is claimed by two terms")
            out[alias] = t.summary_of(alias)
    return out
