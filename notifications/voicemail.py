"""What staff say on a phone line others may hear: voicemail and whoever picks up.

CLINICAL.md, "Messages that leave the clinic": minimum necessary — the neutral sender name,
a first name and a number; never the reason, the therapy, a medicine, a result or the
partner's name. A voicemail is left only for someone who said it is OK.
"""

from __future__ import annotations

from dataclasses import dataclass

NEVER_SAY = (
    "why you are calling",
    "the clinic's full name",
    "the therapy, a medicine or an appointment type",
    "anything from the questionnaire",
    "the partner's name or that there is a partner",
)


@dataclass(frozen=True)
class VoicemailScript:
    """Lines for one person: what to leave on voicemail (or not), and what to tell others."""

    voicemail_ok: bool
    voicemail: str  # the message to leave, or the instruction not to leave one
    someone_else_answers: str
    never_say: tuple[str, ...] = NEVER_SAY


def voicemail_script(
    *, first_name: str, sender_name: str, phone: str, voicemail_ok: bool
) -> VoicemailScript:
    """The script for calling one person (each partner has their own preferences)."""
    first = (first_name or "").strip().split(" ")[0] or "them"
    if voicemail_ok:
        voicemail = (
            f"“Hi, this is [your first name] from {sender_name}, calling for {first}. "
            f"Please call me back at {phone}. Thank you.”"
        )
    else:
        voicemail = (
            f"Do not leave a voicemail: {first} did not agree to one. Hang up before the "
            "beep and try again later, or use another way they agreed to."
        )
    someone_else = (
        f"Ask for {first} by first name only. If they are not there, say “This is "
        f"[your first name] from {sender_name}. I'll try again another time,” and leave no "
        "other message."
    )
    return VoicemailScript(
        voicemail_ok=voicemail_ok, voicemail=voicemail, someone_else_answers=someone_else
    )
