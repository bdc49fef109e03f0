"""Find who says what in an article: quote detection, speaker attribution, name resolution.

The article is cleaned (:func:`audioscript.clean.clean_text`), cut into sentences and
every sentence becomes one or more :class:`Utterance`: a quote by a person or narration.

Two kinds of input are handled by the same rules:

* **with quotation marks** (double, or British single ones with double ones inside): the
  marks decide what is quoted. A quote needs to be more than a scare quote or a title: it
  starts a sentence, follows a colon or a dash, or carries an attribution tag ("..., Baker
  says"). Quotes without a tag in their paragraph continue the speaker of the quote before
  them, or belong to the person the paragraph is about.
* **without quotation marks** (the marks were lost): a sentence is a quote when it
  carries an attribution tag, when it speaks in the first person next to one, or when a
  colon or dash lead-in introduces it. Runs of untagged sentences continue the current
  speaker until the narration resumes: a sentence about the speaker in the third person,
  one with no voice after narration, or a question with no person in it that does not
  come inside the speaker's own words (the journalist's "How will it compare?").

Interviews printed as transcripts ("Q: ... A: ...", "OBI: ...", "Helen Carrow: ...") are
read by their labels in both forms: the interviewer's questions are the narrator's.

Names are resolved to one canonical full name per person: surnames, first names, titles
and honorifics ("Transport Minister Alan Reeve", "Mrs Pryce"), descriptors ("the actress",
"the 74-year-old"), pronouns (by the gender the article shows) and near-miss spellings
("Borislov" for "Borisov") all land on the same :class:`Speaker`. People known only by a
description ("a spokeswoman for the city council said") become speakers of their own.

The work is done by small passes, one module each, run in order by :func:`.run.extract`
(its module docstring lists them).
"""

from .results import REVIEW_THRESHOLD, Extraction, review
from .run import extract
from .vocabulary import SPEECH_VERBS

__all__ = ["REVIEW_THRESHOLD", "SPEECH_VERBS", "Extraction", "extract", "review"]
