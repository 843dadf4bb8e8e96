"""Every spelling of a password is masked, and nothing else is (issue 20).

tests/redaction_corpus.yaml holds connection strings and files with passwords spelled
every way a user, a driver or JSON writes them; each text must come out exactly as the
corpus says: no spelling of the secret left, no other word lost.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from itmscheck.collectors.secrets import MASK, Redactor
from itmscheck.evidence.redaction import pairs, redact, redact_connection, secrets_in, unbrace

CORPUS = yaml.safe_load((Path(__file__).parent / "redaction_corpus.yaml").read_text(encoding="utf-8"))
CONNECTIONS = CORPUS["connections"]
DOCUMENTS = CORPUS["documents"]


def _cases(entries: list[dict[str, Any]], source: str) -> list[Any]:
    return [pytest.param(entry[source], entry["secrets"], text["text"], text["redacted"],
                         id=f"{entry['title'][:50]}-{n}")
            for entry in entries for n, text in enumerate(entry["texts"])]


def test_the_corpus_spells_passwords_fifteen_ways_or_more() -> None:
    assert len(CONNECTIONS) + len(DOCUMENTS) >= 15
    assert sum(len(entry["texts"]) for entry in CONNECTIONS + DOCUMENTS) >= 40


@pytest.mark.parametrize(("connection", "secrets", "text", "redacted"), _cases(CONNECTIONS, "connection"))
def test_a_connections_redactor_masks_each_spelling_and_nothing_else(connection: str, secrets: list[str],
                                                                      text: str, redacted: str) -> None:
    masked = Redactor(connection)(text)
    assert masked == redacted
    assert not [secret for secret in secrets if secret in masked]


@pytest.mark.parametrize(("document", "secrets", "text", "redacted"), _cases(DOCUMENTS, "document"))
def test_a_documents_passwords_are_masked_in_messages_and_excerpts(document: str, secrets: list[str],
                                                                   text: str, redacted: str) -> None:
    masked = redact(text, secrets_in(document))
    assert masked == redacted
    assert not [secret for secret in secrets if secret in masked]


@pytest.mark.parametrize("entry", CONNECTIONS, ids=[e["title"][:50] for e in CONNECTIONS])
def test_a_snapshot_serialized_with_or_without_ascii_escapes_keeps_no_password(entry: dict[str, Any]) -> None:
    """What collect writes: a reason quoting the password (the first spelling listed), as JSON spells it."""
    redactor = Redactor(entry["connection"])
    for secret in entry["secrets"][:1]:
        snapshot = {"failures": [f"cmdb: login with {secret} failed"], "facts": {"cmdb": None}}
        for ascii in (True, False):
            text = json.dumps(snapshot, ensure_ascii=ascii)
            masked = redactor(text)
            assert masked == text.replace(json.dumps(secret, ensure_ascii=ascii)[1:-1], MASK)
            assert json.loads(masked)["failures"] == [f"cmdb: login with {MASK} failed"]


def test_a_redactor_without_a_connection_changes_nothing() -> None:
    for text in ("", "XXXX", "PWD=visible", "DRIVER={x};PWD=y;"):
        assert Redactor("")(text) == text


def test_the_password_keys_are_pwd_and_password_in_any_case_and_only_those() -> None:
    for key in ("PWD", "pwd", "Pwd", "PASSWORD", "password", "PassWord", " PWD ", "\tpwd"):
        assert redact_connection(f"UID=u;{key}=s3;SERVER=x") == f"UID=u;{key}=***;SERVER=x"
    for key in ("XPWD", "PWDX", "PASS", "UID", "pwd_hint", "PASSWORDS"):
        assert redact_connection(f"UID=u;{key}=s3;SERVER=x") == f"UID=u;{key}=s3;SERVER=x"


def test_pairs_give_each_key_its_raw_value_and_span() -> None:
    connection = "DRIVER={a;b};  PWD = {x}}y} ;UID=u;Empty=;Last=z"
    found = pairs(connection)
    assert [(key, raw) for key, raw, _, _ in found] == [
        ("DRIVER", "{a;b}"), ("PWD", "{x}}y}"), ("UID", "u"), ("Empty", ""), ("Last", "z")]
    assert [connection[start:end] for _, raw, start, end in found] == [raw for _, raw, _, _ in found]


def test_unbrace_undoes_odbc_braces_and_nothing_else() -> None:
    assert unbrace(" {a}}b} ") == "a}b"
    assert unbrace("{}") == ""
    assert unbrace("{a") == "{a"
    assert unbrace("a}") == "a}"
    assert unbrace(" plain ") == "plain"


def test_secrets_of_a_text_longest_first_so_none_is_left_in_part() -> None:
    assert redact("abcdef and abc", {"abc", "abcdef"}) == "*** and ***"
    assert redact("abcdef and abc", {"abc", "abcdef", "bcd"}) == "*** and ***"
    assert Redactor("PWD=abc;Password=abcdef")("abcdef and abc") == "*** and ***"
    # longest first, not in reverse alphabetical order: "zz" would leave "a" and "b" of "azzb"
    assert Redactor("PWD=zz;Password=azzb")("azzb and zz") == "*** and ***"
    assert redact("azzb and zz", {"zz", "azzb"}) == "*** and ***"


def test_an_empty_or_masked_value_is_not_a_secret() -> None:
    assert secrets_in("https://user:@host/\npassword: ***\nPWD=;\npassword: ''") == set()
    assert redact("https://user:@host/ and more") == "https://user:@host/ and more"
