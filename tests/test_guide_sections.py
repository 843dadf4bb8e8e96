"""Rules cite the guide faithfully: real headings, right pages, its own words."""

from __future__ import annotations

import os
import re

import pytest

from itmscheck.engine import loader
from itmscheck.evidence.documents import load_yaml
from tests.conftest import REPO
from tests.support.guide import GUIDE, contents

CATALOG = loader.catalog()


@pytest.fixture(scope="module")
def guide_text() -> str:
    if not GUIDE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the guide is missing at {GUIDE}")
        pytest.skip(f"the guide's text is not part of the repository and is not at {GUIDE} "
                    "(set ITMSCHECK_GUIDE to it)")
    return GUIDE.read_text(encoding="utf-8")


def _words(text: str) -> str:
    text = re.sub(r"<[^>]+>|\*\*|\[|\]\(#\)", " ", text)  # table markup and link brackets
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().casefold()


def test_section_table_is_the_guides_table_of_contents(guide_text: str) -> None:
    shipped = load_yaml(REPO / "rules" / "data" / "guide_sections.yaml")["rows"]
    assert [dict(row) for row in shipped] == contents(guide_text)


def test_every_section_heading_appears_in_the_guides_body(guide_text: str) -> None:
    for row in contents(guide_text):
        assert guide_text.count(str(row["section"])) >= 2, row  # in the contents and as a heading


@pytest.mark.parametrize("rule", [r for r in CATALOG.rules if r.quote], ids=lambda r: r.id)
def test_a_rules_quote_is_the_guides_own_words(rule, guide_text: str) -> None:
    assert _words(rule.quote) in _words(guide_text), rule.quote


ALSO = [(r.id, also) for r in CATALOG.rules for also in r.also]


@pytest.mark.parametrize(("rule", "also"), ALSO, ids=[f"{rule}:{also['page']}" for rule, also in ALSO])
def test_a_rules_further_quotes_are_the_guides_own_words_in_their_section(
        rule: str, also: dict[str, object], guide_text: str) -> None:
    assert _words(str(also["quote"])) in _words(guide_text), also["quote"]
    body = guide_text.split(str(also["section"]))
    assert len(body) >= 3, also["section"]  # in the contents and as a heading
    following = "\n".join(body[2:])
    assert _words(str(also["quote"])) in _words(following), (rule, "quoted before its section")


def test_every_rule_of_the_guide_quotes_the_guide_and_every_known_issue_its_article() -> None:
    assert [r.id for r in CATALOG.rules if r.pack == "guide" and not r.quote] == []
    known = [r for r in CATALOG.rules if r.pack == "known_issues"]
    assert known and all(r.source and r.source.quote and r.source.url for r in known)
