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


_TWILIO_OPT_OUT_TYPES = {
    "STOP": InboundAction.OPT_OUT,
    "START": InboundAction.OPT_IN,
    "HELP": InboundAction.HELP,
}


def inbound_action(body: str, *, opt_out_type: str = "") -> Inbound:
    """Classify a text; spaces, punctuation and case are ignored ("Opt-out!" → OPTOUT).

    `opt_out_type` is Twilio's OptOutType parameter (Advanced Opt-Out): when Twilio has
    already classified the text, including custom keywords set up in its console, we follow it.
    """
    word = _NOT_LETTERS.sub("", (body or "").upper())
    twilio_kind = _TWILIO_OPT_OUT_TYPES.get((opt_out_type or "").strip().upper())
    if twilio_kind is not None:
        return Inbound(twilio_kind, (word or opt_out_type.upper())[:20])
    if word in OPT_OUT_KEYWORDS:
        return Inbound(InboundAction.OPT_OUT, word)
    if word in OPT_IN_KEYWORDS:
        return Inbound(InboundAction.OPT_IN, word)
    if word in HELP_KEYWORDS:
        return Inbound(InboundAction.HELP, word)
    return Inbound(InboundAction.OTHER)
