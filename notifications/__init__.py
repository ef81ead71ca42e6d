"""The outbox: every SMS (Twilio) and email the clinic sends, delivered once and never lost.

How a message travels
1. Another app calls `notifications.services.message_create(...)` inside its own transaction.
   The text is rendered now (templates/sms/<key>.txt, templates/emails/<key>/...), checked for
   health words (clinic_site.discretion), and stored encrypted as a `Message` (queued).
   The unique idempotency key makes a repeated call return the same row.
2. After commit, `transaction.on_commit` publishes `notifications.tasks.deliver_message(id)`.
   If Redis is down the row simply stays queued with `dispatched_at` empty.
3. A worker claims the row with a conditional UPDATE (queued → sending), calls the backend
   (settings.SMS_BACKEND, or Django's mailer) and records sent / a retry / failed.
   Transient errors retry with exponential backoff and jitter up to MESSAGE_MAX_ATTEMPTS;
   permanent ones (invalid number, opted out) fail at once with the reason in `last_error`.
4. Celery beat runs `sweep_outbox` every minute: it publishes due scheduled messages
   (reminders, texts held for quiet hours) and anything the broker lost, and puts rows
   stuck in "sending" (a worker died mid-send) back in the queue.
5. Twilio posts delivery status (→ delivered / failed) and inbound texts (STOP / START /
   HELP) to the signature-checked webhooks in notifications.views.

Exactly once, and its one gap: the claim guarantees no two workers send the same row. If a
worker dies after Twilio accepted a text but before the row says "sent", the sweep sends it
again after MESSAGE_STUCK_AFTER_SECONDS; nothing in Twilio's API lets us ask "did this
exact send happen?". That window is the time between Twilio's answer and one UPDATE.
"""
