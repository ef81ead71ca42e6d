"""Keep private-link tokens out of logs.

Screening links (/inquiry/s/<token>/) and manage links (/book/manage/<token>/...) carry a
bearer token in the path. Django logs the path of 4xx/5xx responses and gunicorn logs every
request line, so both go through redact_private_links() before anything is written.
"""

import logging
import re

PRIVATE_LINK = re.compile(r"(/inquiry/s/|/book/manage/)[^/\s\"'?#]+")


def redact_private_links(text: str) -> str:
    return PRIVATE_LINK.sub(r"\1[redacted]", text)


class RedactPrivateLinksFilter(logging.Filter):
    """A logging filter that rewrites a record's message with tokens redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_private_links(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
