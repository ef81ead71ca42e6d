"""Issue 13 item 6: choosing video on the details page asks for the email right there."""

import re

import pytest
from django.urls import reverse

from .test_flow import CONTACT, pick_time

pytestmark = pytest.mark.django_db


def test_the_way_to_meet_comes_first_and_the_email_right_below_it(client, clinicians, frozen_clock):
    pick_time(client)
    html = client.get(reverse("booking:details")).content.decode()
    name = html.index('name="name"')
    video = html.index('name="mode" value="video"')
    email = html.index('name="email"')
    phone = html.index('name="phone"')
    assert name < video < email < phone
    assert "For a video meeting, we send the link here." in html[email - 1500 : phone]


def test_video_without_an_email_is_named_next_to_the_email_and_in_the_summary(
    client, clinicians, frozen_clock
):
    pick_time(client)
    response = client.post(reverse("booking:details"), {**CONTACT, "email": "", "email_ok": ""})
    assert response.status_code == 400
    html = response.content.decode()
    wrapper = html[html.index('id="div_id_email"') :][:2500]
    assert "We need an email address to send you the video link." in wrapper
    summary_at = html.index('id="error-summary"')
    summary = html[summary_at : html.index("</div>", summary_at)]
    assert re.search(r'<a href="#id_email">[^<]*send you the video link', summary)
    assert "<title>Error:" in html


def test_a_phone_call_type_says_nothing_about_a_video_link(client, clinicians, frozen_clock):
    pick_time(client, slug="free-phone-call")
    html = client.get(reverse("booking:details")).content.decode()
    assert "video link" not in html
