import pytest
from django.core.cache import cache


@pytest.mark.redis
def test_the_redis_cache_reuses_one_client_per_pool():
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    cache.set("reuse-probe", {"a": 1})
    assert cache.get("reuse-probe") == {"a": 1}
    assert cache.get_many(["reuse-probe", "missing"]) == {"reuse-probe": {"a": 1}}
