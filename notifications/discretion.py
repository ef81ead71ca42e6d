"""What a message that leaves the clinic must never say (CLINICAL.md, "Messages that leave
the clinic"): no therapy type, medicine, diagnosis, screening or other health words.

Used in two places: message_create blocks a rendered message that would say one of these
(the row is stored as failed with the reason, so staff see it and nothing leaks), and
tests/notifications/test_discretion.py renders every template with realistic context.
"""

from __future__ import annotations

import re

HEALTH_WORDS = (
    "ketamine",
    "esketamine",
    "spravato",
    "psychedelic",
    "therapy",
    "therapies",
    "therapist",
    "therapeutic",
    "psychiatric",
    "psychiatrist",
    "psychiatry",
    "psychotherapy",
    "depression",
    "depressed",
    "anxiety",
    "anxious",
    "ptsd",
    "trauma",
    "suicide",
    "suicidal",
    "screening",
    "screener",
    "diagnosis",
    "diagnosed",
    "mental health",
    "substance use",
)

_WORDS = re.compile(r"\b(" + "|".join(re.escape(w) for w in HEALTH_WORDS) + r")\b", re.I)
# Links carry random tokens that could spell anything; their paths are our own routes.
_URLS = re.compile(r"https?://\S+", re.I)


def health_words_in(text: str) -> list[str]:
    """The health words `text` contains outside links, lower-cased, in order of appearance."""
    return [match.lower() for match in _WORDS.findall(_URLS.sub(" ", text or ""))]
