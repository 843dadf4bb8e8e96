"""Site, site server and Notification Server names, told apart as ITMS tells them apart.

ITMS runs on Windows and compares names ordinally and case-insensitively
(:func:`itmscheck.engine.normalize.windows_name`): a site server that names
its site ``hq-amsterdam`` serves ``HQ-Amsterdam``. Every name the plan rules
compare goes through :class:`Names`, which keeps the first spelling seen, so
reports show the names as the 7.0 server lists them.
"""

from __future__ import annotations

from itmscheck.engine.normalize import computer, windows_name


class Names:
    """The spellings of one kind of name (sites, site servers), by their Windows key."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def add(self, name: str) -> tuple[str, bool]:
        """The name as first spelt, and whether it was already known (another spelling, or twice)."""
        key = windows_name(name)
        known = key in self._first
        return self._first.setdefault(key, name), known

    def resolve(self, name: str) -> str:
        """The first spelling of ``name`` when known, else ``name`` as given."""
        return self._first.get(windows_name(name), name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and windows_name(name) in self._first


def server_key(name: str) -> str:
    """A Notification Server's key: its computer name (an FQDN's first label) as Windows compares
    it, or its address; a URL, UNC path or ``host:port`` by its host (:func:`computer`).

    An address is whole: ``10.20.5.1`` and ``10.99.7.7`` are two servers, not two ``10``.
    """
    return computer(name)


def same_server(left: str, right: str, *also: str) -> bool:
    """Whether two names denote one server: ``NS70`` is ``ns70.corp.example`` and
    ``https://NS70:443/Altiris/``; ``also`` are more names of ``right`` (its FQDN, its addresses)."""
    return server_key(left) in {server_key(name) for name in (right, *also)}
