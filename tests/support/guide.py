"""Reading the guide's table of contents: every section heading with its page.

The guide's text is not part of the repository: the guide-text tests read it
where ``ITMSCHECK_GUIDE`` points, or beside the checkout when it is there, and
skip without it. The catalog carries the guide's headings as
``rules/data/guide_sections.yaml``, and those tests keep the two equal.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The one place that looks outside the repository (tests/test_self_contained.py allows it).
GUIDE = Path(os.environ.get("ITMSCHECK_GUIDE")
             or REPO.parent / "shared" / "guide" / "000_30b69296d6c7a01e.txt")


def contents(text: str) -> list[dict[str, object]]:
    """The contents as rows of chapter, section, page (chapter titles included)."""
    lines = text.splitlines()
    start = lines.index("Contents") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Index\t"))
    rows: list[dict[str, object]] = []
    chapter = 0
    pending_chapter = False
    for raw in lines[start:end]:
        line = raw.strip()
        if not line:
            continue
        heading = re.match(r"^Chapter (\d+)\s*(.*)$", line)
        if heading:
            chapter = int(heading.group(1))
            line = heading.group(2).strip()
            pending_chapter = True
            if not line:
                continue
        entry = re.match(r"^(.*\S)\s+(\d+)$", line)
        if not entry or chapter == 0:
            continue  # "Technical Support" and the front matter
        rows.append({"chapter": chapter, "section": entry.group(1).strip(),
                     "page": int(entry.group(2)), "chapter_title": pending_chapter})
        pending_chapter = False
    return _join_wrapped(rows, lines[start:end])


def _join_wrapped(rows: list[dict[str, object]], lines: list[str]) -> list[dict[str, object]]:
    """Headings the contents wrap over two lines ("Windows data ... from Patch Management\\n
    Solution 7.x ...") come back as one heading."""
    text = "\n".join(lines)
    for row in rows:
        section = str(row["section"])
        if section.startswith("Solution 7.x"):
            head = re.search(r"(Windows data that is not migrated from Patch Management)\s*\n\s*"
                             + re.escape(section), text)
            if head:
                row["section"] = f"{head.group(1)} {section}"
    return rows
