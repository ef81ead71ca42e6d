"""The README's environment table lists every variable the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_environment_variable_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_0-9]+)`", readme, flags=re.MULTILINE))
    used = set()
    for path in (ROOT / "clinic_site" / "settings").glob("*.py"):
        used |= set(re.findall(r'env(?:\.[a-z]+)?\(\s*"([A-Z_0-9]+)"', path.read_text()))
        used |= set(re.findall(r'^\s+"([A-Z_0-9]+)",$', path.read_text(), flags=re.MULTILINE))
    assert used, "no variables found: the pattern is out of date"
    assert sorted(used - documented) == []


def test_readme_starts_a_newcomer_with_make_run_and_make_test():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
