"""Given names: whether a word is one, and whether its bearers are mostly women or men.

The table ships in the package (``data/given_names.txt.gz``, about 35,000 names from many
countries, built by ``scripts/build_namelist.py``). Extraction uses it as weak evidence
only: the article's own words ("she", "the actress", "Mr") always outweigh it.
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["female_share", "fold", "is_given_name"]


@lru_cache(maxsize=1)
def _table() -> dict[str, int]:
    data = resources.files("audioscript").joinpath("data/given_names.txt.gz").read_bytes()
    table: dict[str, int] = {}
    for row in gzip.decompress(data).decode("utf-8").splitlines():
        if row and not row.startswith("#"):
            name, _, share = row.partition("\t")
            table[name] = int(share)
    return table


def fold(word: str) -> str:
    """Lowercase ASCII spelling of a name, as the table holds it ("Inés" -> "ines")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def female_share(word: str) -> float | None:
    """Share of women among people called ``word`` (0..1), or None if it is no known name."""
    share = _table().get(fold(word))
    return None if share is None else share / 10


def is_given_name(word: str) -> bool:
    return fold(word) in _table()
