"""Staff see the language each person uses with us, in the queue and on the inquiry (the
admin itself stays English)."""

import re

import pytest
from django.urls import reverse

from tests.factories import InquiryFactory, PartnerScreeningFactory

pytestmark = pytest.mark.django_db


def test_the_queue_shows_each_persons_language(client_for, front_desk):
    both = InquiryFactory(reference_code="KC-ES001", language="es")
    PartnerScreeningFactory(inquiry=both, role="partner", language="es")
    mixed = InquiryFactory(reference_code="KC-ES002", language="en")
    PartnerScreeningFactory(inquiry=mixed, role="partner", language="es")
    client = client_for(front_desk)
    html = client.get(reverse("admin:intake_inquiry_changelist")).content.decode()
    rows = {
        code: row
        for row in re.findall(r"<tr.*?</tr>", html, re.S)
        for code in ("KC-ES001", "KC-ES002")
        if code in row
    }
    assert '<span class="staff-language">Spanish</span>' in rows["KC-ES001"]
    assert '<span class="staff-language">English, partner Spanish</span>' in rows["KC-ES002"]
    assert 'lang="en"' in html and "Español" not in html


def test_the_inquiry_page_shows_each_persons_language(client_for, front_desk):
    inquiry = InquiryFactory(language="es")
    PartnerScreeningFactory(inquiry=inquiry, role="submitter", language="es")
    PartnerScreeningFactory(inquiry=inquiry, role="partner", language="en")
    client = client_for(front_desk)
    html = client.get(reverse("admin:intake_inquiry_change", args=[inquiry.pk])).content.decode()
    assert "Language: Spanish (messages and pages go to them in it)" in html
    assert "Language: English." in html and "Language: Spanish." in html
