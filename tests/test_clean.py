"""Each text-repair step on its own, then the whole chain."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audioscript.clean import (
    STEPS,
    ArticleEvidence,
    clean_line,
    clean_text,
    normalize_spaces,
    restore_context_contractions,
    restore_contractions,
    restore_elisions,
    restore_possessives,
    space_after_punctuation,
    split_glued_titles,
    split_glued_words,
)

ARTICLE = """\
Sean Baker and Mikey Madison
Red Rocketwas a reaction, Baker says.
At no point inAnoradoes Madisons central character surrender.
That's what I was doing withAnora, he says.
Eydelshteyn was unaware of Bakers past.
I didnt want to tell a Russian gangster storybeen there and done that.
Im from sort of theSopranosversion of Jersey.
His next film is the dramaThe Land of Sasha(2022).
Would they check with him,is it true?
I actually thoughtStarletwould finally open doors.
I got Instagram after Cannesand I love it, says Madison.
Cannes is like a dream.
"""


def test_steps_are_named_documented_functions_in_order() -> None:
    names = [step.__name__ for step in STEPS]
    assert names == [
        "normalize_spaces",
        "restore_elisions",
        "restore_contractions",
        "restore_context_contractions",
        "split_glued_titles",
        "split_glued_words",
        "space_after_punctuation",
        "restore_possessives",
    ]
    assert all(step.__doc__ and "\n" not in step.__doc__.strip() for step in STEPS)


# --- normalize_spaces ------------------------------------------------------------------


def test_normalize_spaces_collapses_and_trims_every_line() -> None:
    assert normalize_spaces("a\u00a0 b  \n\tc  d \n") == "a b\nc d\n"


# --- restore_elisions ---------------------------------------------------------------------


def test_restore_elisions_after_a_capitalised_word() -> None:
    assert restore_elisions("the Palme dOr and Jeanne dArc") == "the Palme d'Or and Jeanne d'Arc"


def test_restore_elisions_leaves_ordinary_words() -> None:
    assert restore_elisions("a dOr at the start, lOreal") == "a dOr at the start, lOreal"


# --- restore_contractions ------------------------------------------------------------------


def test_restore_contractions_fixes_unambiguous_ones() -> None:
    text = "Im sure they dont know. Ive said youre right, theyre wrong, thats it."
    assert restore_contractions(text) == (
        "I'm sure they don't know. I've said you're right, they're wrong, that's it."
    )


def test_restore_contractions_keeps_case_and_names() -> None:
    assert restore_contractions("Hes here. Whos there? She cant; it wont.") == (
        "He's here. Who's there? She can't; it won't."
    )
    assert restore_contractions("Didnt Shes itll hed") == "Didn't She's it'll he'd"


def test_restore_contractions_leaves_acronyms_and_real_words() -> None:
    assert restore_contractions("CANT is an acronym; wed and were stay") == (
        "CANT is an acronym; wed and were stay"
    )


# --- restore_context_contractions ---------------------------------------------------------


def test_its_becomes_it_is_before_a_verb_or_at_a_clause_start() -> None:
    assert restore_context_contractions("Its funny.") == "It's funny."
    assert restore_context_contractions("I think its being accepted now") == (
        "I think it's being accepted now"
    )
    assert restore_context_contractions("So, its temporary") == "So, it's temporary"


def test_its_stays_possessive_before_a_noun() -> None:
    text = "the very nature of its artistic industry and its own way"
    assert restore_context_contractions(text) == text


def test_were_becomes_we_are_only_at_a_clause_start() -> None:
    assert restore_context_contractions("And were still friends.") == "And we're still friends."
    assert restore_context_contractions("If were too polished") == "If we're too polished"
    text = "We were waiting. They were there. Were they happy?"
    assert restore_context_contractions(text) == text


def test_wed_and_id() -> None:
    assert restore_context_contractions("Before wed start, hoping wed play") == (
        "Before we'd start, hoping we'd play"
    )
    assert restore_context_contractions("they were to wed in June") == "they were to wed in June"
    assert restore_context_contractions("the show Id Do Anything") == "the show I'd Do Anything"


def test_hell_well_ill_shed_become_contractions_before_a_verb() -> None:
    fix = restore_context_contractions
    assert fix("Hell tell you hes retiring.") == "He'll tell you hes retiring."
    assert fix("Well have paid it back by Christmas.") == "We'll have paid it back by Christmas."
    assert (
        fix("I think well be fine, and Ill be there.")
        == "I think we'll be fine, and I'll be there."
    )
    assert fix("Shed never seen it.") == "She'd never seen it."


def test_hell_well_ill_shed_stay_words_elsewhere() -> None:
    for text in [
        "Hell is other people.",
        "What the hell happened?",
        "Well, I never.",
        "It may well be true, and we might as well be honest.",
        "He did well today.",
        "Ill health forced him out; he was ill for a year.",
        "The shed never got built.",
        "The shell cracked.",
    ]:
        assert restore_context_contractions(text) == text


# --- split_glued_titles --------------------------------------------------------------------


def test_split_glued_titles_uses_titles_seen_elsewhere_in_the_article() -> None:
    lines = split_glued_titles(ARTICLE).split("\n")
    assert lines[1] == "Red Rocket was a reaction, Baker says."
    assert lines[2] == "At no point in Anora does Madisons central character surrender."
    assert lines[3] == "That's what I was doing with Anora, he says."
    assert lines[6] == "Im from sort of the Sopranos version of Jersey."
    assert lines[7] == "His next film is the drama The Land of Sasha(2022)."
    assert lines[9] == "I actually thought Starlet would finally open doors."
    assert lines[10] == "I got Instagram after Cannes and I love it, says Madison."


def test_split_glued_titles_leaves_real_mixed_case_words() -> None:
    text = "Charlie McDowell met DeBroski Herbert and Jakob von Moltke with an iPhone on YouTube"
    assert split_glued_titles(text) == text


def test_split_glued_titles_keeps_a_surname_that_reads_as_two_words() -> None:
    # after a first name only a very common word glued on splits ("Red Rocketwas")
    text = "Photograph: Idris Bellweather for the Harbour Courier"
    assert split_glued_titles(text) == text


def test_split_glued_titles_splits_a_long_word_glued_to_a_title_after_a_name() -> None:
    # two long common words are a title and the word after it, not a surname
    text = "I thoughtThe Florida Projectespecially."
    assert split_glued_titles(text) == "I thought The Florida Project especially."
    for name in ("Mia Summerfield", "Ana Silverstone", "Tom Winterbottom"):
        assert split_glued_titles(f"Photograph: {name} said.") == f"Photograph: {name} said."


def test_split_glued_titles_keeps_a_misspelt_name() -> None:
    # "Beckfort" one letter from "Beckford": a slip of the reporter, not "Beck fort"
    text = "Chief Orlando Beckford spoke first. “Not yet,” Beckfort said."
    assert split_glued_titles(text) == text


def test_split_glued_titles_keeps_names_ending_in_a_foreign_article() -> None:
    assert split_glued_titles("By Ruth Amsel") == "By Ruth Amsel"  # not "Ams el"


def test_split_glued_titles_splits_an_emphasised_word_after_i() -> None:
    assert split_glued_titles("Quite honestly, Idocare about it.") == (
        "Quite honestly, I do care about it."
    )


# --- split_glued_words -----------------------------------------------------------------------


def test_split_glued_words_separates_common_words() -> None:
    assert split_glued_words("a gangster storybeen there") == "a gangster story been there"
    assert split_glued_words("guerilla styleor at least") == "guerilla style or at least"
    assert split_glued_words("Compartment No. 6by Juho") == "Compartment No. 6 by Juho"


def test_split_glued_words_keeps_compounds_units_and_rare_words() -> None:
    text = "a moviemaker with hairlike cilia at 10am on the 2nd, chemosensory receptors"
    assert split_glued_words(text) == text


# --- space_after_punctuation -------------------------------------------------------------------


def test_space_after_punctuation() -> None:
    assert space_after_punctuation("check with him,is it true?") == "check with him, is it true?"
    assert (
        space_after_punctuation("our distributor,Neon, has been")
        == "our distributor, Neon, has been"
    )
    assert space_after_punctuation("the drama Sasha(2022).") == "the drama Sasha (2022)."


def test_space_after_punctuation_leaves_abbreviations_numbers_and_urls() -> None:
    text = "It's O.K. in the U.S. with 3,000 people at 10:30, see https://ex.com/a,b or www.ex.com"
    assert space_after_punctuation(text) == text


# --- restore_possessives --------------------------------------------------------------------


def test_restore_possessives_for_names_of_the_article() -> None:
    lines = restore_possessives(ARTICLE).split("\n")
    assert lines[4] == "Eydelshteyn was unaware of Baker's past."
    assert lines[2] == "At no point inAnoradoes Madison's central character surrender."


def test_restore_possessives_for_nouns_without_a_plain_plural() -> None:
    assert restore_possessives("the bodys defenses and one of lifes challenges") == (
        "the body's defenses and one of life's challenges"
    )


def test_restore_possessives_leaves_plurals() -> None:
    text = "Armenians especially; the Bakers are here; films were made, cells divide"
    assert restore_possessives(text) == text


# --- the chain ---------------------------------------------------------------------------------


def test_clean_text_repairs_the_reference_phrases() -> None:
    cleaned = clean_text(ARTICLE).split("\n")
    assert cleaned[2] == "At no point in Anora does Madison's central character surrender."
    assert cleaned[5] == "I didn't want to tell a Russian gangster story been there and done that."
    assert cleaned[6] == "I'm from sort of the Sopranos version of Jersey."
    assert cleaned[7] == "His next film is the drama The Land of Sasha (2022)."
    assert cleaned[8] == "Would they check with him, is it true?"


def test_clean_text_keeps_the_line_count_and_blank_lines() -> None:
    text = "one\n\n  two  \r\nthree\n"
    cleaned = clean_text(text)
    assert cleaned == "one\n\ntwo\nthree\n"


def test_clean_line_uses_the_article_as_evidence() -> None:
    assert (
        clean_line("At no point inAnoradoes it", context=ARTICLE) == "At no point in Anora does it"
    )
    assert clean_line("Im here") == "I'm here"


def test_evidence_knows_names_and_titles() -> None:
    evidence = ArticleEvidence.from_text(ARTICLE)
    assert {"Baker", "Madison", "Sean", "Mikey"} <= evidence.names
    assert {"Anora", "Starlet", "Sopranos"} <= evidence.titles


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_text_never_crashes_and_keeps_lines(text: str) -> None:
    cleaned = clean_text(text)
    expected = text.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    assert cleaned.count("\n") == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Im",
                "dont",
                "inAnoradoes",
                "its",
                "were",
                "Bakers",
                " ",
                "\n",
                ",",
                "Baker says",
                "x",
            ]
        ),
        max_size=30,
    )
)
def test_clean_text_is_stable_on_article_like_noise(words: list[str]) -> None:
    text = " ".join(words)
    assert clean_text(text).count("\n") == text.count("\n")
