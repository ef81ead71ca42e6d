"""The four phases of care, as the home page's "How it works" shows them.

Plain data, so the home page, the tests and any later page draw the same steps. Each phase
names its picture (templates/includes/art/phase_<n>.html) and how long it usually takes;
wording is careful with promises (nothing here says the medicine will be offered).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CarePhase:
    number: int
    title: str
    when: str
    text: str

    @property
    def art_template(self) -> str:
        return f"includes/art/phase_{self.number}.html"


CARE_PHASES: tuple[CarePhase, ...] = (
    CarePhase(
        1,
        _("Inquiry and private screening"),
        _("About 3 minutes, then 10 minutes each"),
        _(
            "Tell us a little about you both. Each of you then answers a few health questions "
            "on your own, privately: your partner never sees your answers."
        ),
    ),
    CarePhase(
        2,
        _("Consultation"),
        _("A free first call, then a longer meeting"),
        _(
            "You meet a clinician, ask anything, and decide together whether this care fits. "
            "Some couples learn that another kind of help suits them better, and we say so."
        ),
    ),
    CarePhase(
        3,
        _("Preparation"),
        _("2 to 3 sessions before each medicine session"),
        _(
            "With your therapist you set what you hope to work on, and learn what the sessions "
            "feel like and how you will be looked after."
        ),
    ),
    CarePhase(
        4,
        _("Sessions with integration"),
        _("Usually over 6 to 8 months"),
        _(
            "Medicine sessions happen in the clinic with a trained therapist present. After each "
            "one, at least one integration session helps you bring what came up into daily life."
        ),
    ),
)
