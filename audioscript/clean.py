"""Repair scraped article text before anything reads it.

Scrapes lose curly apostrophes ("Im", "dont", "Madisons"), glue italic titles to their
neighbours ("inAnoradoes" is "in Anora does") and drop spaces after punctuation. Each
repair is a small pure step, ``str -> str`` over the whole article, run in the order of
:data:`STEPS`. Every step keeps the number of lines (downstream stages count lines) and
leaves alone what it is not confident about: a word is only changed when the English word
list, or the article itself, gives evidence for the change.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "STEPS",
    "ArticleEvidence",
    "clean_line",
    "clean_text",
    "lexicon",
    "normalize_spaces",
    "restore_context_contractions",
    "restore_contractions",
    "restore_elisions",
    "restore_possessives",
    "space_after_punctuation",
    "split_glued_titles",
    "split_glued_words",
]

# --- letters ---------------------------------------------------------------------------

# Letters by case, as regex class contents, so that no repair and no name pattern cuts
# "Sofía", "Grünewald", "Øverby" or "Łukasz" in two: Latin-1 by case, and the Latin
# Extended-A/B block as one range in both (its capitals are rare enough in English text to
# treat alike). Listing that block letter by letter made every pattern using these classes
# several times slower to compile, a cost paid by every process.
UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u024f"
LOWER = "a-zß-öø-ÿ\u0100-\u024f"
LETTER = "A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u024f"

# --- the English word list ----------------------------------------------------------


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """English words (lowercase) mapped to their Zipf frequency (about 1.8 rare .. 7.7 "the").

    Built by ``scripts/build_wordlist.py`` from the ``wordfreq`` package at development
    time and shipped as ``audioscript/data/words_en.txt.gz``.
    """
    words: dict[str, float] = {}
    data = resources.files("audioscript").joinpath("data/words_en.txt.gz").read_bytes()
    for row in gzip.decompress(data).decode("utf-8").splitlines():
        band, _, listed = row.partition("\t")
        zipf = int(band) / 10
        for word in listed.split():
            words[word] = zipf
    return words


def zipf(word: str) -> float:
    """How common ``word`` is in English (0 when it is not a known word)."""
    return lexicon().get(word.lower(), 0.0)


# --- evidence from the article itself -------------------------------------------------

_WORD = re.compile(rf"[{LETTER}]+(?:['’][{LETTER}]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;—–\"“”‘(\[]\s*|\s[-–—]\s*)$")


@dataclass(frozen=True)
class ArticleEvidence:
    """What the article says about its own words, used to decide ambiguous repairs.

    ``tokens`` counts every letter run exactly as written; ``standalone`` holds the words
    (lowercased) that appear on their own, not glued to a neighbour; ``names`` holds
    capitalised words used mid-sentence that are not common English words, or that start
    a two-word name ("Sean Baker"); ``titles`` holds the capitalised words that were glued
    to a lowercase neighbour, which is how scrapes mangle italic titles ("inAnora").
    """

    tokens: Counter[str]
    standalone: frozenset[str]
    names: frozenset[str]
    titles: frozenset[str] = frozenset()

    @classmethod
    def from_text(cls, text: str) -> ArticleEvidence:
        return _evidence(text)

    def knows(self, word: str) -> bool:
        """True when ``word`` is an English word or is used on its own in the article."""
        return word.lower() in self.standalone or zipf(word) > 0


@lru_cache(maxsize=8)
def _evidence(text: str) -> ArticleEvidence:
    tokens: Counter[str] = Counter(match.group() for match in _WORD.finditer(text))
    lowered: Counter[str] = Counter()
    for word, count in tokens.items():
        if not _is_glued(word):
            lowered[word.lower()] += count
    standalone = {word for word, count in lowered.items() if count >= 2}
    names: set[str] = set()
    for match in re.finditer(rf"\b([{UPPER}][{LOWER}]+(?:['’][{LETTER}]+)?)\b", text):
        word = match.group(1)
        before = text[max(0, match.start() - 3) : match.start()]
        mid_sentence = not _SENTENCE_START.search(before) and match.start() > 0
        follower = re.match(rf" ([{UPPER}][{LOWER}]+)\b", text[match.end() :])
        if mid_sentence and zipf(word) < 3.0:
            names.add(word)
        if follower and zipf(word) < 4.5 and zipf(follower.group(1)) < 4.5:
            names.add(word)
            names.add(follower.group(1))
    for match in re.finditer(_TAG_NAME, text):
        names.add(match.group("a") or match.group("b"))
    # A capitalised word glued on its left only ("withAnora,") is a title the article uses.
    for match in re.finditer(rf"[{LOWER}]{{2,}}([{UPPER}][{LOWER}]+)(?=[,.;:!?)\]…—])", text):
        standalone.add(match.group(1).lower())
        names.add(match.group(1))
    partial = ArticleEvidence(tokens, frozenset(standalone), frozenset(names))
    titles: set[str] = set()
    for word in tokens:
        if _is_glued(word):
            for piece in _split_left_glue(word, partial)[1:]:
                titles.update(p for p in _split_right_glue(piece, partial) if p[:1].isupper())
    return ArticleEvidence(tokens, frozenset(standalone), frozenset(names), frozenset(titles))


_TAG_NAME = re.compile(
    rf"\b(?:(?P<a>[{UPPER}][{LOWER}]+) (?:says|said|recalls|adds|explains|notes|remembers|told)\b"
    rf"|(?:says|said|recalls|adds|explains|notes|remembers) (?P<b>[{UPPER}][{LOWER}]+)\b)"
)


def _is_glued(word: str) -> bool:
    """A letter run that mixes cases in a way a single word rarely does (``inAnora``)."""
    return bool(re.search(rf"[{LOWER}][{UPPER}]", word))


def _map_lines(text: str, fix: Callable[[str], str]) -> str:
    """Apply ``fix`` to every line, keeping line breaks exactly where they were."""
    lines = text.split("\n")
    return "\n".join(fix(line) for line in lines)


# --- step: spaces ----------------------------------------------------------------------


def normalize_spaces(text: str) -> str:
    """Turns no-break and odd spaces into plain ones, collapses runs of spaces, trims lines."""

    def fix(line: str) -> str:
        line = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]", " ", line)
        line = line.replace("\u200b", "").replace("\ufeff", "").replace("\r", "")
        return re.sub(r" {2,}", " ", line).strip()

    return _map_lines(text, fix)


# --- step: French elisions -------------------------------------------------------------


def restore_elisions(text: str) -> str:
    """Restores the apostrophe of French elisions in names ("Palme dOr" -> "Palme d'Or")."""
    return re.sub(rf"\b([{UPPER}][{LOWER}]+ )([dl])([AEIOU][{LOWER}]+)\b", r"\1\2'\3", text)


# --- step: contractions ----------------------------------------------------------------

_CONTRACTIONS = {
    # n't
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "hasnt": "hasn't",
    "havent": "haven't", "hadnt": "hadn't", "wouldnt": "wouldn't", "couldnt": "couldn't",
    "shouldnt": "shouldn't", "mustnt": "mustn't", "neednt": "needn't", "mightnt": "mightn't",
    "aint": "ain't", "cant": "can't", "wont": "won't", "shant": "shan't",
    # pronoun + verb
    "im": "I'm", "ive": "I've", "youre": "you're", "youve": "you've", "youll": "you'll",
    "youd": "you'd", "theyre": "they're", "theyve": "they've", "theyll": "they'll",
    "theyd": "they'd", "weve": "we've", "hes": "he's", "shes": "she's", "hed": "he'd",
    "itll": "it'll", "itd": "it'd", "thats": "that's", "thatll": "that'll", "thatd": "that'd",
    "whats": "what's", "whatll": "what'll", "whos": "who's", "wholl": "who'll",
    "whod": "who'd", "whove": "who've", "theres": "there's", "therell": "there'll",
    "thered": "there'd", "heres": "here's", "wheres": "where's", "hows": "how's",
    "whens": "when's", "whys": "why's", "couldve": "could've", "wouldve": "would've",
    "shouldve": "should've", "mightve": "might've", "mustve": "must've", "yall": "y'all",
    "oclock": "o'clock", "lets": "let's",
}  # fmt: skip
# "lets" is only safe before a pronoun or verb-like word; see _restore_lets.
_ALWAYS = {k: v for k, v in _CONTRACTIONS.items() if k != "lets"}
_CONTRACTION_RE = re.compile(
    r"\b(" + "|".join(sorted(_ALWAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def _match_case(template: str, word: str) -> str:
    if word.startswith("I'"):
        return word
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[0].isupper():
        return word[0].upper() + word[1:]
    return word


def restore_contractions(text: str) -> str:
    """Restores apostrophes of contractions that cannot be anything else ("dont" -> "don't")."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(1)
        if word.isupper() and len(word) > 2 and word.lower() in {"cant", "wont", "hes"}:
            return word  # acronyms such as "CANT" are left alone
        return _match_case(word, _ALWAYS[word.lower()])

    return _CONTRACTION_RE.sub(fix, text)


_SUBJECTS = {"i", "you", "he", "she", "it", "we", "they", "there", "this", "that", "these",
             "those", "who", "which", "what", "people", "all", "both", "some", "many", "none",
             "the", "a", "an", "any", "my", "your", "his", "her", "their", "our",
             "its"}  # fmt: skip
_CLAUSE_OPENERS = {"and", "but", "so", "or", "if", "because", "when", "while", "as", "since",
                   "though", "although", "now", "then", "yes", "no", "well", "oh", "yeah",
                   "until", "unless", "once", "before", "after", "where", "maybe", "also",
                   "still", "hope", "think", "know", "guess", "sure"}  # fmt: skip
_PUNCTUATION = {",", ";", ":", ".", "!", "?", "—", "–", "-", "(", "[", "…"}
_AFTER_ITS_VERB = {"a", "an", "the", "not", "been", "being", "going", "just", "all", "so",
                   "very", "really", "about", "like", "time", "clear", "never", "always",
                   "also", "still", "only", "too", "quite", "pretty", "probably", "almost",
                   "actually", "definitely", "kind", "sort", "what", "how", "why", "who",
                   "when", "where", "that", "this", "there", "here", "me", "you", "him",
                   "her", "us", "them", "my", "your", "our", "their", "his", "in", "on",
                   "at", "for", "with", "from", "to", "of", "by", "got", "gotten", "hard",
                   "easy", "funny", "true", "important", "no", "more", "less", "much",
                   "one", "something", "nothing", "everything", "anything", "up", "out",
                   "okay", "ok", "o", "fine", "good", "bad", "great", "over", "because", "as",
                   "based", "become", "becoming", "taken", "taking", "had", "done",
                   "made"}  # fmt: skip
_AFTER_ITS_NOUN = {"own", "way", "name", "kind", "place", "home", "first", "last", "best",
                   "members", "people", "head", "part", "role", "use"}  # fmt: skip
_AFTER_WED = {"be", "have", "like", "love", "never", "always", "just", "really", "probably",
              "rather", "better", "play", "start", "get", "go", "do", "need", "want", "make",
              "see", "say", "come", "take", "try", "all", "been", "had", "still", "also",
              "only", "sit", "shoot", "stay", "talk", "work", "find", "know", "think", "put",
              "run", "end", "call", "meet", "spend", "tell", "hear", "watch", "ever", "sometimes",
              "often", "usually"}  # fmt: skip
_BEFORE_WED_VERB = {"to", "will", "would", "be", "get", "got", "newly", "were", "was", "and", "or"}
_AFTER_LETS = {"go", "see", "say", "talk", "get", "do", "be", "make", "try", "just", "not",
               "face", "hope", "start", "begin", "look", "take", "move", "hear", "think",
               "imagine", "remember", "call", "have", "play", "eat", "stop", "meet", "focus",
               "turn", "keep", "find", "all", "pretend", "agree", "dance", "sing",
               "celebrate"}  # fmt: skip


def _words_around(line: str, start: int, end: int) -> tuple[str, str]:
    """The word or mark just before ``start`` and just after ``end`` ("" at the edges)."""
    before = re.findall(rf"[{LETTER}']+|[^\s{LETTER}']", line[:start])
    after = re.findall(rf"[{LETTER}']+|[^\s{LETTER}']", line[end:])
    return (before[-1] if before else ""), (after[0] if after else "")


def _inflected(word: str) -> bool:
    """An "-ing" or "-ly" form of a known word ("being", "really"), not "spring" or "family"."""
    for ending, stems in (("ing", (word[:-3], word[:-3] + "e")), ("ly", (word[:-2],))):
        if word.endswith(ending) and any(len(s) >= 3 and zipf(s) >= 3.0 for s in stems):
            return True
    return False


def _decide_its(word: str, prev: str, nxt: str, line: str) -> str:
    starts_clause = prev == "" or prev in _PUNCTUATION or prev.lower() in _CLAUSE_OPENERS
    following = nxt.lower()
    if following in _AFTER_ITS_NOUN and following not in _AFTER_ITS_VERB:
        return word
    if prev in {"", ".", "!", "?", "…", ":", "—", "("} and word[0].isupper():
        return "It's"
    verb_like = following in _AFTER_ITS_VERB or _inflected(following)
    if starts_clause or verb_like or following in _PUNCTUATION or following == "":
        return _match_case(word, "it's")
    return word


def _decide_were(word: str, prev: str, nxt: str, line: str) -> str:
    starts_clause = prev == "" or prev in _PUNCTUATION or prev.lower() in _CLAUSE_OPENERS
    question = prev == "" and line.rstrip().endswith("?")  # "Were they happy?"
    if starts_clause and nxt.lower() not in _SUBJECTS and not question:
        return _match_case(word, "we're")
    return word


def _decide_wed(word: str, prev: str, nxt: str, line: str) -> str:
    starts_clause = prev == "" or prev in _PUNCTUATION or prev.lower() in _CLAUSE_OPENERS
    following = nxt.lower()
    if prev.lower() not in _BEFORE_WED_VERB and (
        following in _AFTER_WED or (starts_clause and following.endswith("ly"))
    ):
        return _match_case(word, "we'd")
    return word


def _decide_id(word: str, prev: str, nxt: str, line: str) -> str:
    return "I'd" if word == "Id" and nxt.isalpha() else word


def _decide_lets(word: str, prev: str, nxt: str, line: str) -> str:
    return _match_case(word, "let's") if nxt.lower() in _AFTER_LETS else word


_AFTER_WILL = _AFTER_WED | {"tell", "give", "keep", "let", "leave", "write", "read", "pay", "buy",
                             "help", "show", "bring", "win", "lose", "look", "stop", "definitely",
                             "certainly", "surely", "soon", "get"}  # fmt: skip
_WILL = {"hell": "he'll", "shell": "she'll", "well": "we'll", "ill": "I'll", "shed": "she'd"}


def _decide_will(word: str, prev: str, nxt: str, line: str) -> str:
    """A contraction when a clause opens on the word and a verb follows: "Hell tell you" is
    "He'll tell you", "Well have paid" "We'll have paid", "Shed never" "She'd never"."""
    lowered = word.lower()
    if lowered == "ill" and word != "Ill":
        return word  # "ill" is only ever "I'll" with a capital I
    starts_clause = prev == "" or prev in _PUNCTUATION or prev.lower() in _CLAUSE_OPENERS
    if lowered == "well" and prev.lower() in {"as", "so", "very", "just", "quite", "too"}:
        return word  # "might as well be", "may well be"
    if lowered == "shed" and nxt.lower() not in _AFTER_WED:
        return word
    if starts_clause and nxt.lower() in _AFTER_WILL:
        return _match_case(word, _WILL[lowered])
    return word


_DECIDERS: dict[str, Callable[[str, str, str, str], str]] = {
    "its": _decide_its,
    "were": _decide_were,
    "wed": _decide_wed,
    "id": _decide_id,
    "lets": _decide_lets,
    **{word: _decide_will for word in _WILL},
}


# "its"/"it's", "were"/"we're", "wed"/"we'd", "Id"/"I'd", "lets"/"let's", "hell"/"he'll",
# "shell"/"she'll", "well"/"we'll", "Ill"/"I'll" and "shed"/"she'd".
def restore_context_contractions(text: str) -> str:
    """Decides contractions that are also words by context ("its"/"it's", "Hell"/"He'll")."""

    def fix_line(line: str) -> str:
        def fix(match: re.Match[str]) -> str:
            word = match.group()
            prev, nxt = _words_around(line, match.start(), match.end())
            return _DECIDERS[word.lower()](word, prev, nxt, line)

        return re.sub(
            r"\b(?:its|were|wed|Id|lets|hell|shell|well|ill|shed)\b", fix, line, flags=re.IGNORECASE
        )

    return _map_lines(text, fix_line)


# --- step: glued titles and words ---------------------------------------------------------

_MIN_SUFFIX_ZIPF = 4.4  # "version" 4.9, "especially" 5.0, "does" 5.9
_NAME_PREFIXES = {
    "mc",
    "mac",
    "de",
    "del",
    "della",
    "di",
    "da",
    "la",
    "le",
    "van",
    "von",
    "o",
    "st",
    "du",
    "des",
    "al",
    "el",
    "ben",
    "fitz",
}


def _split_left_glue(word: str, evidence: ArticleEvidence) -> list[str]:
    """``inAnora`` -> ``in`` ``Anora``: a lowercase English word glued to a capitalised one."""
    parts: list[str] = []
    rest = word
    while True:
        match = re.match(
            rf"([{LOWER}]{{2,}}|[{UPPER}][{LOWER}]+)([{UPPER}][{LOWER}].*|[{UPPER}]$|[{UPPER}][{UPPER}].*)",
            rest,
        )
        if not match:
            break
        left, right = match.groups()
        if left.lower() in _NAME_PREFIXES:
            break
        if left[0].isupper():
            # "OnAnora" splits; "PialatsLoulou" only when the left part is a known name.
            head = re.match(rf"[{UPPER}][{LOWER}]+", right)
            title = head is not None and (
                head.group() in evidence.names or head.group().lower() in evidence.standalone
            )
            known = (
                (zipf(left) >= 5.0 and title)
                or left in evidence.names
                or left.rstrip("s") in evidence.names
            )
            if not known or len(right) < 3:
                break
        elif zipf(left) < 3.0 or not re.match(rf"[{UPPER}][{LOWER}]", right):
            break
        parts.append(left)
        rest = right
    parts.append(rest)
    return parts


# Two-letter English words that scrapes glue to a title ("Anorais"); "el", "la" are not.
_SHORT_TAILS = {"is", "in", "on", "at", "to", "of", "by", "as", "an", "or", "so", "up", "we",
                "he", "me", "my", "it", "if", "no", "do", "be", "go", "us", "am"}  # fmt: skip


def _split_right_glue(
    word: str, evidence: ArticleEvidence, tail_at_least: float = 0.0
) -> list[str]:
    """``Rocketwas`` -> ``Rocket`` ``was``: a capitalised word with a common word glued on
    (one at least ``tail_at_least`` common, on the Zipf scale)."""
    if not re.fullmatch(rf"[{UPPER}][{LOWER}]+", word) or len(word) < 5:
        return [word]
    if zipf(word) > 0 or word.lower() in evidence.standalone:
        return [word]
    if word.endswith("s") and (zipf(word[:-1]) >= 2.5 or word[:-1] in evidence.names):
        return [word]  # "Marthas": a possessive or plural, not "Mart has"
    if any(
        abs(len(name) - len(word)) <= 1 and edit_distance(word, name) == 1
        for name in evidence.names
        if name[0] == word[0]
    ):
        return [word]  # "Beckfort" beside "Beckford": a name misspelt, not "Beck fort"
    best: tuple[float, str, str] | None = None
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        tail_zipf = zipf(tail)
        # a long common word after a long common one is glued on even after a name ("The
        # Florida Projectespecially"); a surname's parts are short ("Bell|weather")
        long_pair = len(head) >= 5 and len(tail) >= 7 and min(zipf(head), tail_zipf) >= 4.5
        if tail_zipf < max(_MIN_SUFFIX_ZIPF, 0.0 if long_pair else tail_at_least) or (
            len(tail) < 3 and tail not in _SHORT_TAILS
        ):
            continue  # "Amsel" is a name, not "Ams el"
        head_known = (
            head in evidence.names or head.lower() in evidence.standalone or zipf(head) >= 2.5
        )
        if not head_known:
            continue
        score = tail_zipf + (2.0 if head.lower() in evidence.standalone else 0.0) + len(head) * 0.01
        if best is None or score > best[0]:
            best = (score, head, tail)
    return [word] if best is None else [best[1], best[2]]


def edit_distance(a: str, b: str) -> int:
    """Letters changed, added or dropped to turn ``a`` into ``b`` (Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# Words that also work as suffixes or prefixes: "hairlike", "comfortability" are one word.
_SUFFIX_WORDS = {"like", "less", "wise", "ward", "wards", "ways", "fold", "hood", "ship", "able",
                 "ability", "ness", "ment", "ful", "some", "man", "men", "maker", "makers",
                 "work", "side", "time", "where", "body", "thing", "one", "self", "selves",
                 "ever", "day", "days", "land", "line", "lines", "house", "room", "book",
                 "light", "point", "type", "scape"}  # fmt: skip


def _segment_lower(word: str, evidence: ArticleEvidence) -> list[str]:
    """``storybeen`` -> ``story`` ``been``: two common words run together."""
    if len(word) < 5 or zipf(word) > 0 or word in evidence.standalone:
        return [word]
    best: tuple[float, str, str] | None = None
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        zh, zt = zipf(head), zipf(tail)
        if min(len(head), len(tail)) < 2 or min(zh, zt) < 3.0 or tail in _SUFFIX_WORDS:
            continue
        verb_form = tail.endswith(("ed", "ing")) and zh >= 4.0 and zt >= 4.0  # "practiceinstalled"
        strong = max(zh, zt) >= 5.5 or verb_form
        if not strong:
            continue
        score = zh + zt
        if best is None or score > best[0]:
            best = (score, head, tail)
    return [word] if best is None else [best[1], best[2]]


def split_glued_titles(text: str) -> str:
    """Separates italic titles glued to their neighbours ("inAnoradoes" -> "in Anora does")."""
    evidence = ArticleEvidence.from_text(text)

    def fix_word(match: re.Match[str]) -> str:
        word = match.group()
        if word.islower() or _inside_url(match.string, match.start()):
            return word  # (a word in lower case has no capital glued to it)
        if (
            re.fullmatch(r"I[a-z]{3,}", word)
            and zipf(word) == 0
            and word.lower() not in evidence.standalone
        ):
            rest = _segment_lower(word[1:], evidence)  # "Idocare": an emphasised word after "I"
            if rest != [word[1:]] or zipf(word[1:]) >= 4.0:
                return " ".join(["I", *rest])
        # after a capitalised word, a capitalised word is most likely a surname ("Idris
        # Bellweather"): only a very common word glued on splits it ("Red Rocketwas")
        after_name = re.search(
            rf"[{UPPER}][{LOWER}]+ $", match.string[max(0, match.start() - 30) : match.start()]
        )
        pieces: list[str] = []
        for piece in _split_left_glue(word, evidence):
            pieces.extend(_split_right_glue(piece, evidence, 6.0 if after_name else 0.0))
        return " ".join(pieces)

    return _map_lines(text, lambda line: re.sub(rf"[{LETTER}]+", fix_word, line))


_UNITS = {"st", "nd", "rd", "th", "s", "am", "pm", "km", "kg", "mm", "cm", "ml", "mg", "m", "k",
          "x", "d", "g", "lb", "lbs", "ft", "mph", "kph", "hz", "khz", "mhz", "ghz", "gb", "mb",
          "kb", "tb", "bn", "mn", "yo", "min", "mins", "sec", "secs", "hr", "hrs", "in", "oz",
          "p", "b", "v", "w", "kw", "mw", "f", "c", "px", "ish", "er", "ers"}  # fmt: skip


def split_glued_words(text: str) -> str:
    """Separates common words run together ("storybeen" -> "story been", "6by" -> "6 by")."""
    evidence = ArticleEvidence.from_text(text)

    def fix_word(match: re.Match[str]) -> str:
        word = match.group()
        pieces = _segment_lower(word, evidence)
        if len(pieces) == 1 or _inside_url(match.string, match.start()):
            return word
        return " ".join(pieces)

    def fix_digit(match: re.Match[str]) -> str:
        digits, word = match.groups()
        if word in _UNITS or zipf(word) < 5.0 or len(word) < 2:
            return match.group()
        return f"{digits} {word}"

    def fix(line: str) -> str:
        line = re.sub(rf"(?<![{LETTER}'’])[{LOWER}]+(?![{LETTER}'’])", fix_word, line)
        return re.sub(r"(?<![\w.,])(\d+)([a-z]+)\b", fix_digit, line)

    return _map_lines(text, fix)


def _inside_url(line: str, index: int) -> bool:
    start = line.rfind(" ", 0, index) + 1
    end = line.find(" ", index)
    token = line[start : end if end >= 0 else len(line)]
    return bool(re.search(r"://|www\.|@|\.(?:com|org|net|io|gov|edu|uk)\b|/", token))


# --- step: punctuation spacing -------------------------------------------------------------


def space_after_punctuation(text: str) -> str:
    """Adds the missing space after punctuation and around brackets ("him,is" -> "him, is")."""

    def fix(line: str) -> str:
        def add_space(match: re.Match[str]) -> str:
            if _inside_url(line, match.start()):
                return match.group()
            return match.group(1) + " "

        line = re.sub(r"(?<=[a-z]{2})([,;!?])(?=[A-Za-z])", add_space, line)
        line = re.sub(r"(?<=[a-z]{2})([.:])(?=[A-Z][a-z])", add_space, line)
        line = re.sub(r"(?<=[a-z]{2}[)\]])(?=[A-Za-z])", " ", line)
        line = re.sub(r"(?<=[A-Za-z]{2})(?=\((?:\d|[A-Za-z]{2}))", " ", line)
        line = re.sub(r"(?<=\d\))(?=[A-Za-z])", " ", line)
        return line

    return _map_lines(text, fix)


# --- step: possessives --------------------------------------------------------------------


# Nouns whose plural does not end in a bare "s": "lifes", "womans", "everyones" are possessives.
_IRREGULAR_PLURALS = {"man", "woman", "child", "life", "wife", "knife", "everyone", "someone",
                      "anyone", "everybody", "somebody", "anybody", "nobody", "one",
                      "else"}  # fmt: skip
_NOT_POSSESSED = {"and", "or", "but", "are", "were", "was", "is", "have", "had", "do", "did",
                  "will", "would", "can", "could", "say", "said", "who", "which", "that", "in",
                  "on", "at", "for", "to", "of", "from", "with", "as", "than", "by", "into",
                  "also", "all", "both", "still"}  # fmt: skip


def restore_possessives(text: str) -> str:
    """Restores possessive apostrophes that cannot be plurals ("Madisons role" -> "Madison's role")."""
    # Names: the bare form is a name the article uses. Nouns: only those whose plural is not
    # a bare "s" form ("bodys", "lifes"), because "films" or "cells" may well be plurals.
    evidence = ArticleEvidence.from_text(text)

    def fix_name(match: re.Match[str]) -> str:
        before, name, follower = match.group(1) or "", match.group(2), match.group(3)
        if name not in evidence.names or evidence.tokens[name] == 0:
            return match.group()
        if before.strip().lower() == "the" or follower.endswith("ly"):
            return match.group()
        if follower.lower() in _NOT_POSSESSED and before.strip().lower() != "of":
            return match.group()
        return f"{before}{name}'s"

    def fix_common(match: re.Match[str]) -> str:
        word, follower = match.group(1), match.group(2)
        no_plural_in_s = word.lower() in _IRREGULAR_PLURALS or re.search(r"[^aeiou]y$", word)
        if not no_plural_in_s or follower.lower() in _NOT_POSSESSED or zipf(word) < 3.0:
            return match.group()
        return f"{word}'s"

    text = re.sub(rf"(\b[{LETTER}]+ )?\b([{UPPER}][{LOWER}]+)s(?= (\w+))", fix_name, text)
    return re.sub(r"\b([A-Za-z]{3,})s(?= ([a-z]+))", fix_common, text)


STEPS: tuple[Callable[[str], str], ...] = (
    normalize_spaces,
    restore_elisions,
    restore_contractions,
    restore_context_contractions,
    split_glued_titles,
    split_glued_words,
    space_after_punctuation,
    restore_possessives,
)


def clean_text(text: str, steps: Iterable[Callable[[str], str]] = STEPS) -> str:
    """Run every repair step in order over a whole article; the line count never changes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for step in steps:
        text = step(text)
    return text


def clean_line(line: str, context: str = "") -> str:
    """Clean one line, using ``context`` (usually the whole article) as evidence.

    Names and titles are only recognised when the article uses them elsewhere, so cleaning
    a line on its own can miss repairs that :func:`clean_text` makes.
    """
    if not context:
        return clean_text(line.replace("\n", " "))
    marker = "\u2063"  # a separator line that no step touches
    cleaned = clean_text(
        context.replace("\n", " ") + "\n" + marker + "\n" + line.replace("\n", " ")
    )
    return cleaned.rsplit("\n", 1)[1]
