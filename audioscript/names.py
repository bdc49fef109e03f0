"""Given names: whether a capitalised word is one ("Paul", "Inés", "Kofi").

The table ships in the package (``data/given_names.txt.gz``, about 35,000 names from many
countries, built by ``scripts/build_namelist.py``); it also records how often each name is a
woman's. That share is only a last resort for casting (:func:`gender_of_name`), when the text
shows no gender: extraction never uses it, since it failed on the reference article, where
Mikey Madison is a woman and Karren Karagulian a man, and the pronouns said so.
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["fold", "gender_of_name", "is_given_name"]

#: titles that say a gender, folded and without their full stop
TITLE_GENDER = {
    **dict.fromkeys(("mr", "mister", "sir", "lord", "king", "prince", "father", "brother"), "male"),
    **dict.fromkeys(
        ("mrs", "ms", "miss", "missus", "madam", "lady", "dame", "queen", "princess", "sister"),
        "female",
    ),
}
#: a name counts as a woman's (man's) when at least 90 % (at most 10 %) of its bearers are
CLEAR_SHARE = 9


@lru_cache(maxsize=1)
def _shares() -> dict[str, int]:
    """Name -> share of women with it, in tenths."""
    data = resources.files("audioscript").joinpath("data/given_names.txt.gz").read_bytes()
    rows = gzip.decompress(data).decode("utf-8").splitlines()
    table = {}
    for row in rows:
        if row and not row.startswith("#"):
            name, _, share = row.partition("\t")
            table[name] = int(share) if share.isdigit() else 5
    return table


def gender_of_name(full_name: str) -> str | None:
    """"female", "male" or None from a title ("Mrs. Okafor") or a clearly gendered first
    name ("Linda Park"); None for anything less certain ("Jordan Lee", "Alex")."""
    words = full_name.replace(".", " ").split()
    if not words:
        return None
    title = TITLE_GENDER.get(fold(words[0]))
    if title:
        return title
    share = _shares().get(fold(words[0]))
    if share is None:
        return None
    if share >= CLEAR_SHARE:
        return "female"
    if share <= 10 - CLEAR_SHARE:
        return "male"
    return None


def fold(word: str) -> str:
    """Lowercase ASCII spelling of a name, as the table holds it ("Inés" -> "ines")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_given_name(word: str) -> bool:
    return fold(word) in _shares()
