"""What one worker keeps between requests, bounded: the oldest entry leaves first.

For values that are cheap to lose and costly to work out on every request (a queue page's
row estimate, its filter panels). Never for private data: it outlives the request.
"""


class KeptInProcess:
    def __init__(self, limit: int):
        self.limit = limit
        self._entries: dict = {}

    def get(self, key, default=None):
        return self._entries.get(key, default)

    def put(self, key, value):
        while len(self._entries) >= self.limit and key not in self._entries:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = value
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
