"""How long to wait before the next delivery attempt: exponential backoff with jitter."""

from __future__ import annotations

import random


def retry_delay_seconds(
    *, attempt: int, base_seconds: float, max_seconds: float, rng: random.Random | None = None
) -> float:
    """Delay after failed attempt number `attempt` (1-based).

    The ceiling doubles each time (base, 2·base, 4·base … up to max_seconds) and the delay is
    drawn uniformly from [ceiling/2, ceiling], so many messages failing together (a provider
    outage) do not all retry in the same second.
    """
    if attempt < 1:
        raise ValueError("attempt is 1-based")
    ceiling = min(max_seconds, base_seconds * (2 ** (attempt - 1)))
    return (rng or random).uniform(ceiling / 2, ceiling)
