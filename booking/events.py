"""Booking events other parts of the app react to, without importing them.

`time_freed` is sent when a clinician's time opens: a booking cancelled or moved away, new
weekly hours, extra hours, time off removed. booking.signals passes it to the waitlist
(after the transaction commits), so the services that free time need not know about it.
"""

from django.dispatch import Signal

# kwargs: clinician_id, start (aware datetime or None = the whole booking window), end
time_freed = Signal()
