"""The site's zip files, written deterministically (two builds give the same bytes, P7).

- ``site/downloads/glossary-snippets.zip``: every snippet shown on the site, with the data files and the
  names GPT's weights at the top, so each snippet runs from the unzipped folder (`python softmax/stability.py`
  finds names.txt in the working directory, as on the pages). Written after each build by
  glossary/mkdocs_hooks.py (on_env).
- the whole built site for reading offline (``make build``; see glossary/offline.py).

The standard library's zipfile is enough; what it does not do by itself is fix the timestamps and the order
of the entries, which is all `write_zip` adds.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

SNIPPETS_ZIP = "glossary-snippets.zip"
FOLDER = "glossary-snippets"
EPOCH = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: the same for every entry, every build

README = """The executable LLM glossary: every code block of the site, one file each.

Run any snippet from this folder, where the data files are:

    python softmax/from_scratch.py

names.txt and names-1915.txt are the data (see the site's Data page for their source and licence);
names_gpt.safetensors holds the names GPT's trained weights, which names-gpt/train.py writes again if you run
it; the folders names_llama, names_chat, names_sft and names_dpo hold the names Llama, its chat tokenizer and
the model after SFT and after DPO, each written by the snippet that trains it. proofs.json is the site's proof
ledger: every check, what it compares with, its tolerance, the largest difference it measured and the
deliberate errors it caught. The snippets need Python 3.11 to 3.13 with torch, matplotlib, numpy, tokenizers,
safetensors, transformers, peft and trl.
"""


def write_zip(dest: Path, entries: dict[str, bytes | Path], stamp: Path | None = None) -> Path:
    """A zip whose bytes depend only on the entries: sorted names, one fixed date, fixed permissions. With
    `stamp` (a file that keeps a hash of the entries), not written again when the entries are those of the
    zip already there (`mkdocs serve` asks on every save; compressing costs more than comparing)."""
    import hashlib

    dest.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    for name in sorted(entries):
        data = entries[name]
        digest.update(name.encode() + b"\0" + (data if isinstance(data, bytes) else Path(data).read_bytes()))
    if stamp and dest.is_file() and stamp.is_file() and stamp.read_text() == digest.hexdigest():
        return dest
    tmp = dest.with_suffix(dest.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(entries):
            data = entries[name]
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data if isinstance(data, bytes) else Path(data).read_bytes(), compresslevel=9)
    tmp.replace(dest)
    if stamp:
        stamp.write_text(digest.hexdigest())
    return dest


def snippets_zip(inv, root: Path, downloads: Path, extra: dict[str, bytes] | None = None) -> Path:
    """Every snippet on a page (its path under snippets/), the data files, the published artifacts, and any
    ``extra`` files (the proof ledger as proofs.json)."""
    entries: dict[str, bytes | Path] = {f"{FOLDER}/README.txt": README.encode("utf-8")}
    for name, data in (extra or {}).items():
        entries[f"{FOLDER}/{name}"] = data
    for block in inv.blocks:
        entries[f"{FOLDER}/{block.name}"] = Path(root, block.file)
    for name, path in inv.data_files.items():
        entries[f"{FOLDER}/{name}"] = Path(root, path)
    for name in inv.artifacts:
        if (downloads / name).is_file():
            entries[f"{FOLDER}/{name}"] = downloads / name
        elif (downloads / name).is_dir():  # a folder artifact (a Hugging Face model folder), file by file
            for path in sorted((downloads / name).rglob("*")):
                if path.is_file():
                    entries[f"{FOLDER}/{name}/{path.relative_to(downloads / name).as_posix()}"] = path
    return write_zip(downloads / SNIPPETS_ZIP, entries, stamp=downloads / (SNIPPETS_ZIP + ".sha256"))


def publish_once(folder: Path, signature: str, outputs: list[Path], publish) -> bool:
    """Call publish() unless the outputs are there and were published from the same signature (its digest is
    kept in folder/.published). The mark is removed first, so a publish cut short is done again; it is written
    only when publish() returns True (what it published will not change). Returns whether it published."""
    mark = folder / ".published"
    if mark.is_file() and mark.read_text() == signature and all(p.exists() for p in outputs):
        return False
    mark.unlink(missing_ok=True)
    if publish():
        mark.write_text(signature)
    return True
