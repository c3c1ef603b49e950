"""The hand-over into the recommendations register.

An app that *issues* recommendations to a council (an assessment letter, a
peer review report, a national recommendation) does not write the register's
tables and the register does not read the issuer's. The issuer describes what
it issued as an ``IssuedSource`` and calls one service::

    from assurance.recommendations.intake import IssuedItem, IssuedSource
    from assurance.recommendations.services import source_record_issue

    source_record_issue(
        actor=user,
        issued=IssuedSource(
            kind="peer_review",              # a recommendations.models.SourceKind value
            origin_id=review.pk,             # the issuing record, unique per kind
            organisation_id=review.organisation_id,
            title="Peer review 2026/27",
            made_by="Scottish Government review team",
            made_on=date(2026, 11, 20),
            items=(
                IssuedItem(key=str(finding.pk), number=1, text="...", theme="Partnership",
                           criterion_ids=(criterion.pk,)),
            ),
        ),
    )

Call it every time the record is issued, first time and reissue alike:

- the first call with items creates the source and one register entry per
  item, numbered as issued; a first call with no items creates nothing;
- a later call (same ``kind`` and ``origin_id``) brings the same source into
  line: an item whose ``key`` is known keeps its register entry, number,
  response and progress (its text, theme and criterion are updated); a new
  key is added after the existing numbers; a key no longer issued is marked
  superseded with a progress note. Register numbers never change after the
  first issue, so cabinet papers keep their references. A closed source that
  changes is reopened.

Who may call it for which kind is decided in ``accounts.permissions``
(``may_record_source``); a new issuer adds its kind there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assurance.core.marking import Marking


@dataclass(frozen=True)
class IssuedItem:
    """One recommendation as issued.

    ``key`` identifies the item in its issuer and must stay the same across
    reissues (a primary key as text is ideal). ``criterion_ids`` link it to
    framework criteria; the register keeps the first today."""

    key: str
    number: int
    text: str
    theme: str = ""
    criterion_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class IssuedSource:
    """What an issuer handed to a council: by whom (``made_by``, the body),
    when (``made_on``), to which organisation (and partnership, when the
    recommendations were made to a partnership the council answers for),
    from which record (``kind`` and ``origin_id``), with which items."""

    kind: str
    origin_id: int
    organisation_id: int
    title: str
    made_by: str
    made_on: date
    items: tuple[IssuedItem, ...] = field(default_factory=tuple)
    partnership_id: int | None = None
    reference: str = ""
    marking: str = Marking.OFFICIAL

    def problems(self) -> list[str]:
        """Why the register cannot take this value, in plain English (none if it can)."""
        errors: list[str] = []
        if not self.title.strip():
            errors.append("The issued record has no title.")
        if not self.made_by.strip():
            errors.append("Say which body issued the recommendations.")
        keys, numbers = set(), set()
        for item in self.items:
            if not item.key:
                errors.append(f"Recommendation {item.number} has no key.")
            if item.key in keys:
                errors.append(f"The key {item.key!r} is used twice.")
            if item.number < 1 or item.number in numbers:
                errors.append(f"Recommendation number {item.number} is missing or repeated.")
            if not item.text.strip():
                errors.append(f"Recommendation {item.number} has no text.")
            keys.add(item.key)
            numbers.add(item.number)
        return errors
