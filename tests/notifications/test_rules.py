"""Pure rules, tested with tables: quiet hours, retry backoff, inbound keywords, error classes."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from twilio.base.exceptions import TwilioRestException

from notifications.emails import EmailError, email_send
from notifications.inbound import InboundAction, inbound_action
from notifications.quiet_hours import in_quiet_hours, next_allowed_time, send_time_before_deadline
from notifications.retry import retry_delay_seconds
from notifications.sms import twilio_error
from tests.notifications.smtp_server import SmtpServer

PACIFIC = ZoneInfo("America/Los_Angeles")
QUIET = {"start_hour": 20, "end_hour": 8, "tz": "America/Los_Angeles"}


def pacific(y, m, d, h, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=PACIFIC)


@pytest.mark.parametrize(
    ("local", "expected_local"),
    [
        (pacific(2026, 3, 10, 12, 0), pacific(2026, 3, 10, 12, 0)),  # midday: now
        (pacific(2026, 3, 10, 19, 59), pacific(2026, 3, 10, 19, 59)),  # just before quiet
        (pacific(2026, 3, 10, 20, 0), pacific(2026, 3, 11, 8, 0)),  # quiet starts
        (pacific(2026, 3, 10, 23, 30), pacific(2026, 3, 11, 8, 0)),  # late evening
        (pacific(2026, 3, 11, 0, 5), pacific(2026, 3, 11, 8, 0)),  # after midnight
        (pacific(2026, 3, 11, 7, 59), pacific(2026, 3, 11, 8, 0)),  # just before the end
        (pacific(2026, 3, 11, 8, 0), pacific(2026, 3, 11, 8, 0)),  # quiet has ended
        # DST starts 8 March 2026 at 02:00: 8 am is still 8 am on the wall clock.
        (pacific(2026, 3, 7, 22, 0), pacific(2026, 3, 8, 8, 0)),
        # New Year's Eve evening defers into the next year.
        (pacific(2026, 12, 31, 21, 0), pacific(2027, 1, 1, 8, 0)),
    ],
)
def test_next_allowed_time_defers_quiet_hours_to_the_morning(local, expected_local):
    result = next_allowed_time(local.astimezone(dt.UTC), **QUIET)
    assert result == expected_local
    assert result.astimezone(PACIFIC).hour == expected_local.hour


@pytest.mark.parametrize(
    ("start", "end", "hour", "quiet"),
    [
        (20, 8, 20, True),
        (20, 8, 7, True),
        (20, 8, 8, False),
        (20, 8, 19, False),
        (1, 5, 3, True),
        (1, 5, 5, False),
        (0, 0, 3, False),
    ],
)
def test_in_quiet_hours_handles_ranges_that_wrap_midnight_and_empty_ranges(start, end, hour, quiet):
    when = pacific(2026, 6, 1, hour).astimezone(dt.UTC)
    assert in_quiet_hours(when, start_hour=start, end_hour=end, tz="America/Los_Angeles") is quiet


@pytest.mark.parametrize(
    ("attempt", "low", "high"),
    [(1, 15, 30), (2, 30, 60), (3, 60, 120), (6, 480, 960), (8, 1800, 3600), (20, 1800, 3600)],
)
def test_retry_delay_doubles_with_jitter_up_to_the_cap(attempt, low, high):
    rng = random.Random(attempt)
    delays = [
        retry_delay_seconds(attempt=attempt, base_seconds=30, max_seconds=3600, rng=rng)
        for _ in range(200)
    ]
    assert all(low <= d <= high for d in delays)
    assert len({round(d, 3) for d in delays}) > 100  # jittered, not a constant


def test_retry_delay_rejects_attempt_zero():
    with pytest.raises(ValueError):
        retry_delay_seconds(attempt=0, base_seconds=1, max_seconds=2)


@pytest.mark.parametrize(
    ("body", "kind", "keyword"),
    [
        ("STOP", InboundAction.OPT_OUT, "STOP"),
        ("  stop. ", InboundAction.OPT_OUT, "STOP"),
        ("Stopall", InboundAction.OPT_OUT, "STOPALL"),
        ("unsubscribe", InboundAction.OPT_OUT, "UNSUBSCRIBE"),
        ("Cancel", InboundAction.OPT_OUT, "CANCEL"),
        ("END", InboundAction.OPT_OUT, "END"),
        ("quit!", InboundAction.OPT_OUT, "QUIT"),
        ("revoke", InboundAction.OPT_OUT, "REVOKE"),
        ("OPT OUT", InboundAction.OPT_OUT, "OPTOUT"),
        ("opt-out", InboundAction.OPT_OUT, "OPTOUT"),
        ("START", InboundAction.OPT_IN, "START"),
        ("unstop", InboundAction.OPT_IN, "UNSTOP"),
        ("help", InboundAction.HELP, "HELP"),
        ("Help?", InboundAction.HELP, "HELP"),
        # A sentence is a person writing to us, not a keyword.
        ("Cancel my appointment please", InboundAction.OTHER, ""),
        ("please stop by the office", InboundAction.OTHER, ""),
        ("", InboundAction.OTHER, ""),
        ("yes", InboundAction.OTHER, ""),
    ],
)
def test_inbound_keywords(body, kind, keyword):
    result = inbound_action(body)
    assert (result.kind, result.keyword) == (kind, keyword)


@pytest.mark.parametrize(
    ("body", "opt_out_type", "kind"),
    [
        ("ARRET", "STOP", InboundAction.OPT_OUT),  # a custom keyword set up in Twilio
        ("go", "START", InboundAction.OPT_IN),
        ("info please", "HELP", InboundAction.HELP),
        ("STOP", "", InboundAction.OPT_OUT),
        ("hello", "", InboundAction.OTHER),
    ],
)
def test_twilio_opt_out_type_is_followed_when_present(body, opt_out_type, kind):
    assert inbound_action(body, opt_out_type=opt_out_type).kind == kind


@pytest.mark.parametrize(
    ("status", "code", "permanent"),
    [
        (400, 21211, True),  # invalid "To"
        (400, 21610, True),  # recipient replied STOP
        (400, 21614, True),  # not a mobile number
        (400, 21408, True),  # region not enabled for this number
        (429, 20429, False),  # too many requests
        (500, None, False),
        (503, None, False),
        (401, 20003, False),  # our credentials: fixable, not the message's fault
        (400, 21602, True),  # body required: retrying the same request cannot help
    ],
)
def test_twilio_errors_are_permanent_or_transient(status, code, permanent):
    exc = TwilioRestException(
        status, "https://api.twilio.com/x", "The 'To' number +19495550123 is bad", code
    )
    error = twilio_error(exc)
    assert error.permanent is permanent
    assert "9495550123" not in str(error)  # never store the number in last_error


@pytest.mark.parametrize(
    ("helo_reply", "rcpt_reply", "data_reply", "permanent"),
    [
        ("421 too busy", "250 OK", "250 queued", False),
        ("", "451 greylisted, try later", "250 queued", False),
        ("", "452 mailbox full", "250 queued", False),
        ("", "550 no such user", "250 queued", True),
        ("", "250 OK", "451 local error", False),
        ("", "250 OK", "554 rejected as spam", True),
    ],
)
def test_smtp_answers_are_permanent_or_transient(
    settings, helo_reply, rcpt_reply, data_reply, permanent
):
    with SmtpServer() as smtp:
        smtp.helo_reply, smtp.rcpt_reply, smtp.data_reply = helo_reply, rcpt_reply, data_reply
        settings.MAILERS = smtp.mailers()
        with pytest.raises(EmailError) as caught:
            email_send(to="a@example.com", subject="s", text="t")
    assert caught.value.permanent is permanent
    assert smtp.messages == []


def test_unreachable_mail_server_is_transient(settings):
    with SmtpServer() as smtp:
        port = smtp.port
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 2},
        }
    }
    with pytest.raises(EmailError) as caught:
        email_send(to="a@example.com", subject="s", text="t")
    assert caught.value.permanent is False


def test_email_is_sent_over_smtp_with_text_and_html(settings):
    with SmtpServer() as smtp:
        settings.MAILERS = smtp.mailers()
        email_send(
            to="a@example.com", subject="Hello there", text="plain body", html="<p>html body</p>"
        )
    assert len(smtp.messages) == 1
    raw = smtp.messages[0].decode()
    assert "Subject: Hello there" in raw and "plain body" in raw and "<p>html body</p>" in raw


# Issue 12: a reminder held by quiet hours must never go out after it is needed.
# (due, deadline = appointment start - 30 min, now) -> when to send, or None (dropped).
@pytest.mark.parametrize(
    ("due", "deadline", "now", "expected"),
    [
        # Outside quiet hours: when due.
        (
            pacific(2026, 3, 10, 14),
            pacific(2026, 3, 10, 15, 30),
            pacific(2026, 3, 9, 9),
            pacific(2026, 3, 10, 14),
        ),
        # 2 h before a 09:30 appointment: 07:30 waits for 08:00, still before 09:00.
        (
            pacific(2026, 3, 10, 7, 30),
            pacific(2026, 3, 10, 9),
            pacific(2026, 3, 9, 9),
            pacific(2026, 3, 10, 8),
        ),
        # ... and 08:00 exactly at the deadline (an 08:30 appointment) is still in time.
        (
            pacific(2026, 3, 10, 6, 30),
            pacific(2026, 3, 10, 8),
            pacific(2026, 3, 9, 9),
            pacific(2026, 3, 10, 8),
        ),
        # 2 h before a 07:30 appointment: 08:00 would be after it starts, so it goes the
        # evening before, 15 minutes before quiet hours begin.
        (
            pacific(2026, 3, 10, 5, 30),
            pacific(2026, 3, 10, 7),
            pacific(2026, 3, 9, 9),
            pacific(2026, 3, 9, 19, 45),
        ),
        # An 08:00 appointment (reminder due 06:00): 08:00 is its start: the evening before.
        (
            pacific(2026, 3, 10, 6),
            pacific(2026, 3, 10, 7, 30),
            pacific(2026, 3, 9, 9),
            pacific(2026, 3, 9, 19, 45),
        ),
        # Booked at 19:50 for 07:30 tomorrow: quiet hours have not begun: at once.
        (
            pacific(2026, 3, 10, 5, 30),
            pacific(2026, 3, 10, 7),
            pacific(2026, 3, 9, 19, 50),
            pacific(2026, 3, 9, 19, 50),
        ),
        # Booked at 21:00 for 07:30 tomorrow: too late for the evening, too early in the
        # morning: dropped (the confirmation just went out).
        (pacific(2026, 3, 10, 5, 30), pacific(2026, 3, 10, 7), pacific(2026, 3, 9, 21), None),
        # Late evening due time (22:00 appointment tomorrow's 24 h reminder is 22:00 today):
        # next morning is long before the deadline.
        (
            pacific(2026, 3, 10, 22),
            pacific(2026, 3, 11, 21, 30),
            pacific(2026, 3, 9, 9),
            pacific(2026, 3, 11, 8),
        ),
        # Due after the deadline: never.
        (pacific(2026, 3, 10, 12), pacific(2026, 3, 10, 11), pacific(2026, 3, 9, 9), None),
        # Spring forward (8 March 2026): quiet hours end at 08:00 PDT; a 07:30 PDT
        # appointment's reminder goes at 19:45 PST the evening before.
        (
            pacific(2026, 3, 8, 5, 30),
            pacific(2026, 3, 8, 7),
            pacific(2026, 3, 6, 9),
            pacific(2026, 3, 7, 19, 45),
        ),
        # Fall back (1 November 2026): same rule on the 25-hour night.
        (
            pacific(2026, 11, 1, 5, 30),
            pacific(2026, 11, 1, 7),
            pacific(2026, 10, 30, 9),
            pacific(2026, 10, 31, 19, 45),
        ),
    ],
)
def test_a_reminder_is_never_sent_after_it_is_needed(due, deadline, now, expected):
    when = send_time_before_deadline(due, deadline=deadline, now=now, **QUIET)
    assert when == expected
    if when is not None:
        assert now <= when <= deadline
        assert not in_quiet_hours(when, **QUIET)
