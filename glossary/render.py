"""Render one page's Markdown the way the site does (mkdocs.yml's markdown_extensions and their settings), without
MkDocs, its theme or the other pages: the article alone.

The single-page test path (`make test PAGE=softmax`) and the tests that break a copy of a page on purpose use
it: the checks that read an article work on this rendering as on the built page.

    python -m glossary.render docs/terms/softmax.md [--out page.html]   # from the repository root
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

import markdown
import yaml


def mkdocs_config(root: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (its loader resolves the !ENV tags), without validating it."""
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())


def extensions(root: Path) -> tuple[list[str], dict]:
    names, configs = [], {}
    for ext in mkdocs_config(root)["markdown_extensions"]:
        if isinstance(ext, dict):
            ((name, cfg),) = ext.items()
            names.append(name)
            configs[name] = cfg or {}
        else:
            names.append(ext)
    return names, configs


def front_matter_split(text: str) -> str:
    """The page's Markdown without its YAML front matter, as MkDocs hands it to Python-Markdown."""
    from mkdocs.utils.meta import get_data

    return get_data(text)[0]


def render(page: Path, root: Path | None = None) -> str:
    """HTML of one page's article. Runs from ``root`` (the snippets' base path is relative to it)."""
    from glossary import site

    root = (root or Path.cwd()).resolve()
    names, configs = extensions(root)
    rel = Path(page).resolve().relative_to(root).as_posix()
    own = dict(configs.get(site.EXTENSION) or {}, pages=[rel], site=site.load(root))
    configs = dict(configs, **{site.EXTENSION: own})
    with contextlib.chdir(root):  # the includes' base paths are relative to the root
        md = markdown.Markdown(extensions=names, extension_configs=configs)
        return md.convert(front_matter_split(Path(page).read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    # Progress as a build prints it (which snippet runs, how long it took), for the reader of the log.
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("INFO    -  %(message)s"))
    logging.getLogger("mkdocs.glossary").addHandler(handler)
    logging.getLogger("mkdocs.glossary").setLevel(logging.INFO)
    try:
        out = render(args.page)
    except Exception as e:  # noqa: BLE001 - one clean message, as the build gives
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.out:
        args.out.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
