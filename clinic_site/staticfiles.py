"""Production's static files storage: WhiteNoise's compressed manifest storage, with each
file's URL remembered.

`{% static %}` asks the storage for a URL on every page (the stylesheet, the icon): a manifest
lookup, URL joining and quoting each time (about 3% of a rendered page, profiled). The answer
is fixed for the life of the process (the manifest is read once, when the storage is made;
a new release starts new processes), so it is worked out once per file. A name that is not in
the manifest raises as before and is not remembered.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

_MAX_REMEMBERED = 1024


class RememberingManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple, str] = {}

    def url(self, name, force=False):
        key = (name, force, settings.DEBUG, settings.STATIC_URL)
        try:
            return self._urls[key]
        except KeyError:
            pass
        url = super().url(name, force)
        if len(self._urls) >= _MAX_REMEMBERED:
            self._urls.clear()
        self._urls[key] = url
        return url
