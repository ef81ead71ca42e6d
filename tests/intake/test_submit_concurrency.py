"""Two simultaneous final submits with one token (a double click) make one inquiry."""

import threading

import pytest
from django.db import connection

from intake.models import Inquiry, PartnerScreening
from intake.services import inquiry_submit
from tests.factories import submission_build as submission


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_with_one_token_create_one_inquiry():
    barrier = threading.Barrier(4)
    results, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=10)
            results.append(inquiry_submit(data=submission(), submission_token="same-token"))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Inquiry.objects.count() == 1
    assert PartnerScreening.objects.count() == 2
    assert {inquiry.pk for inquiry, _created in results} == {Inquiry.objects.get().pk}
    assert sorted(created for _inquiry, created in results) == [False, False, False, True]


@pytest.mark.django_db
def test_a_second_submit_with_the_same_token_writes_nothing():
    first, created = inquiry_submit(data=submission(), submission_token="t-1")
    again, created_again = inquiry_submit(data=submission(), submission_token="t-1")
    assert created and not created_again and first == again
    assert PartnerScreening.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_partners_finishing_sections_at_once_never_lose_an_urgent_priority():
    from intake.services import screening_section_submit
    from tests.factories import couple_create

    from .flow import calm_answers

    for _round in range(3):
        inquiry, submitter, partner = couple_create()
        barrier = threading.Barrier(2)
        errors = []

        def answer(screening, q9):
            try:
                barrier.wait(timeout=10)
                screening_section_submit(
                    screening=screening,
                    instrument_key="phq9",
                    answers={**calm_answers("phq9"), "q9": q9},
                    device_key="test-device",
                )
            except Exception as exc:  # surfaced below
                errors.append(exc)
            finally:
                connection.close()

        threads = [
            threading.Thread(target=answer, args=(submitter, "2")),
            threading.Thread(target=answer, args=(partner, "0")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        inquiry.refresh_from_db()
        assert inquiry.priority == "urgent"
