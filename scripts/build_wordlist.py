"""Build ``audioscript/data/words_en.txt.gz``: English words with their frequency.

Run at development time only (``pip install wordfreq`` in a scratch venv)::

    python scripts/build_wordlist.py

The output is one line per frequency band, ``<zipf*10>\\t<word> <word> ...``, most
frequent band first. Only lowercase alphabetic words with a Zipf frequency of at least
``MIN_ZIPF`` are kept. Apostrophe-less contractions ("dont", "im") are dropped, because
the cleaner must treat them as broken text rather than as words.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

MIN_ZIPF = 1.8
OUT = Path(__file__).resolve().parent.parent / "audioscript" / "data" / "words_en.txt.gz"
CONTRACTION_STUMPS = {
    "dont",
    "doesnt",
    "didnt",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "hasnt",
    "havent",
    "hadnt",
    "wouldnt",
    "couldnt",
    "shouldnt",
    "mustnt",
    "neednt",
    "cant",
    "wont",
    "aint",
    "im",
    "ive",
    "youre",
    "youve",
    "youll",
    "youd",
    "theyre",
    "theyve",
    "theyll",
    "theyd",
    "weve",
    "hes",
    "shes",
    "itll",
    "thats",
    "whats",
    "whos",
    "theres",
    "heres",
    "hows",
    "wheres",
    "thatll",
    "couldve",
    "wouldve",
    "shouldve",
    "mightve",
    "mustve",
    "yall",
    "id",
    "itd",
    "wholl",
    "whod",
    "hed",
    "thered",
    "therell",
    "whatre",
    "whatd",
}


def main() -> None:
    bands: dict[int, list[str]] = defaultdict(list)
    for word in top_n_list("en", 400_000):
        if not re.fullmatch(r"[a-z]+", word) or word in CONTRACTION_STUMPS:
            continue
        zipf = zipf_frequency(word, "en")
        if zipf < MIN_ZIPF:
            break
        if len(word) == 1 and word not in {"a", "i"}:
            continue
        bands[round(zipf * 10)].append(word)
    lines = [
        f"{band}\t{' '.join(sorted(words))}" for band, words in sorted(bands.items(), reverse=True)
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"{OUT}: {sum(len(w) for w in bands.values())} words")


if __name__ == "__main__":
    main()
