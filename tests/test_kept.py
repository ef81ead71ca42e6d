import pytest

from clinic_site.kept import KeptInProcess


@pytest.mark.parametrize(
    ("puts", "present", "gone"),
    [
        (["a", "b"], ["a", "b"], []),
        (["a", "b", "c"], ["b", "c"], ["a"]),  # full: the oldest leaves first
        (["a", "b", "a", "c"], ["b", "c"], ["a"]),  # put again: replaced, its place kept
    ],
)
def test_the_oldest_entry_leaves_first(puts, present, gone):
    kept = KeptInProcess(limit=2)
    for number, key in enumerate(puts):
        assert kept.put(key, number) == number
    assert [kept.get(key) is not None for key in present] == [True] * len(present)
    assert [kept.get(key) for key in gone] == [None] * len(gone)
    assert len(kept) <= 2
    kept.clear()
    assert len(kept) == 0
