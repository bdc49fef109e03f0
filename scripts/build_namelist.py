"""Build ``audioscript/data/given_names.txt.gz``: given names and how often each is a woman's.

Run at development time only (``pip install nomquamgender`` in a scratch venv; it brings
pandas, which audioscript itself never needs)::

    python scripts/build_namelist.py

The source is the name-gender table of the ``nomquamgender`` package (MIT licence: Ian Van
Buskirk et al., compiled from many national name registers and publications; names are
ASCII-folded, "andras" for "András"). Kept: lowercase alphabetic names seen at least
``MIN_COUNT`` times in at least ``MIN_SOURCES`` sources. Each output line is
``<name>\\t<p>``, where ``p`` is the share of women with the name in tenths (0 = men only,
10 = women only). Extraction uses it as weak evidence: whether a capitalised word is a
given name at all, and which pronoun its bearer likely takes.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from pathlib import Path

MIN_COUNT = 200
MIN_SOURCES = 3
OUT = Path(__file__).resolve().parent.parent / "audioscript" / "data" / "given_names.txt.gz"
HEADER = (
    "# given name <TAB> share of women in tenths; from nomquamgender (MIT licence,\n"
    "# https://github.com/ianvanbuskirk/nomquamgender); built by scripts/build_namelist.py\n"
)


def main() -> None:
    spec = importlib.util.find_spec("nomquamgender")  # located, not imported (pandas)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install nomquamgender first (development time only)")
    folder = Path(next(iter(spec.submodule_search_locations)))
    data = json.loads((folder / "name_data.json").read_text(encoding="utf-8"))
    rows = []
    for name, (sources, count, share, *_) in data.items():
        if sources >= MIN_SOURCES and count >= MIN_COUNT and re.fullmatch(r"[a-z]{2,}", name):
            rows.append(f"{name}\t{round(float(share) * 10)}")
    rows.sort()
    OUT.write_bytes(gzip.compress((HEADER + "\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(rows)} names -> {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
