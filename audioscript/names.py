"""Given names: whether a capitalised word is one ("Paul", "Inés", "Kofi").

The table ships in the package (``data/given_names.txt.gz``, about 35,000 names from many
countries, built by ``scripts/build_namelist.py``; it also records how often each name is a
woman's, which is not used: as a gender guess it failed on the reference article, where
Mikey Madison is a woman and Karren Karagulian a man).
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["fold", "is_given_name"]


@lru_cache(maxsize=1)
def _table() -> frozenset[str]:
    data = resources.files("audioscript").joinpath("data/given_names.txt.gz").read_bytes()
    rows = gzip.decompress(data).decode("utf-8").splitlines()
    return frozenset(row.partition("\t")[0] for row in rows if row and not row.startswith("#"))


def fold(word: str) -> str:
    """Lowercase ASCII spelling of a name, as the table holds it ("Inés" -> "ines")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_given_name(word: str) -> bool:
    return fold(word) in _table()
