"""What an inbound text asks for: opt out, opt back in, or help.

Like Twilio's own keyword handling, the whole text must be the keyword ("stop", " Stop. ",
"OPT OUT"); "Cancel my appointment" is not an opt-out.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

OPT_OUT_KEYWORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP"})
HELP_KEYWORDS = frozenset({"HELP", "INFO"})

_NOT_LETTERS = re.compile(r"[^A-Z]+")


class InboundAction(enum.StrEnum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"
    OTHER = "other"


@dataclass(frozen=True)
class Inbound:
    kind: InboundAction
    keyword: str = ""


def inbound_action(body: str) -> Inbound:
    """Classify a text; spaces, punctuation and case are ignored ("Opt-out!" → OPTOUT)."""
    word = _NOT_LETTERS.sub("", (body or "").upper())
    if word in OPT_OUT_KEYWORDS:
        return Inbound(InboundAction.OPT_OUT, word)
    if word in OPT_IN_KEYWORDS:
        return Inbound(InboundAction.OPT_IN, word)
    if word in HELP_KEYWORDS:
        return Inbound(InboundAction.HELP, word)
    return Inbound(InboundAction.OTHER)
