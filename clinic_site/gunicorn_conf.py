"""gunicorn settings: `gunicorn -c clinic_site/gunicorn_conf.py clinic_site.wsgi`."""

import os

from gunicorn.glogging import Logger

from clinic_site.log_redaction import redact_private_links

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
# Path without the query string, status, size, time: no tokens, no form data.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


class RedactingLogger(Logger):
    """Access-log atoms with private-link tokens redacted from the path and referrer."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact_private_links(v) if isinstance(v, str) else v for k, v in atoms.items()}


logger_class = RedactingLogger
