"""Red-team review of issue 14 class 10: a password in every spelling a message may quote is masked.

Before, a password with a space (``PWD=my secret pass``) was masked up to the
space only, and a quoted one (``PWD="..."``, YAML ``password: '...'``, JSON
``"password": "..."``), a JSON-escaped one, one behind a YAML block scalar
(``pwd: >-``) or a URL password holding ``@`` were not masked at all, or only
in part. Each text below holds the words "Hunter", "Two" and "Three" of one
password, and none may be left.
"""

from __future__ import annotations

import pytest

from itmscheck.evidence.redaction import redact, secrets_in

TEXTS = [
    'connection: "DRIVER={x};UID=sa;PWD=Hunter Two Three;SERVER=s" junk',
    "PASSWORD = Hunter Two Three ;SERVER=s",
    'PWD="Hunter;Two;Three";SERVER=s',
    "Password='Hunter Two; Three';SERVER=s",
    '{"password": "Hunter Two Three", "user": "sa"}',
    '"Password" : "Hunter \\"Two\\" Three"',
    "password: 'Hunter Two Three'",
    "pwd: >-\n  Hunter Two\n  Three\nserver: x",
    "password: |\n    Hunter\n    Two Three\n",
    "password:\n  \"Hunter Two Three\"",
    "https://sa:Hunter@Two@Three@sql01.corp.example/db",
    "PWD={Hunter}}Two;Three};SERVER=s",
    "password=Hunter\\\"Two\\\"Three",
]


@pytest.mark.parametrize("text", TEXTS)
def test_no_word_of_a_password_survives_redaction(text: str) -> None:
    masked = redact(text)
    assert not any(word in masked for word in ("Hunter", "Two", "Three")), masked


@pytest.mark.parametrize("text", TEXTS)
def test_a_password_found_in_a_file_is_masked_in_any_message_quoting_it(text: str) -> None:
    """An excerpt quotes one line; the secrets come from the whole file."""
    secrets = secrets_in(text)
    for line in text.splitlines():
        assert not any(word in redact(line, secrets) for word in ("Hunter", "Two", "Three")), line


def test_text_without_a_password_is_unchanged() -> None:
    text = 'connection: "DRIVER={ODBC Driver 17};SERVER=SQL01;Trusted_Connection=yes"'
    assert redact(text) == text


@pytest.mark.parametrize(("file", "meant"), [
    ("pwd: >-\n  Hunter Two\n  Three\nserver: x", "Hunter Two Three"),  # folded: lines joined by spaces
    ("password: |\n    Hunter\n    Two Three\n", "Hunter\nTwo Three"),  # literal: by newlines
])
def test_a_block_scalar_password_quoted_as_the_reader_means_it_is_masked_whole(file: str, meant: str) -> None:
    """A message quoting the password as YAML reads it shows one mask, not its lines' shape."""
    assert redact(f"login failed: '{meant}'", secrets_in(file)) == "login failed: '***'"
