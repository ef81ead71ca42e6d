"""Settings for a Celery worker started by the tests in its own process.

The test settings, plus the SMS backend named in $SMS_BACKEND (the fake Twilio backend).
Everything else (DATABASE_URL of the test database, REDIS_URL, TWILIO_*, SITE_URL, quiet
hours, retry timing, CELERY_TASK_ALWAYS_EAGER=0) comes from the environment.
"""

import os

from clinic_site.settings.test import *  # noqa: F403

SMS_BACKEND = os.environ["SMS_BACKEND"]
