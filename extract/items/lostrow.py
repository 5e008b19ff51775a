"""A damaged list's row whose number the scan lost, told from text that continues an item."""

from __future__ import annotations

from extract.fields import find_labels
from extract.items.draft import Draft
from extract.items.opening import count_consonants
from extract.models import Line
from extract.numbering import Profile

# The text a row whose number was lost opens with, at least (consonants before its label).
LOST_ROW_CONSONANTS = 10


def lost_number_row(line: Line, head_text: str, nxt: Line | None, current: Draft | None,
                    profile: Profile, field_open: bool) -> bool:
    """`ต มีกาวัดตรร…` for `๙) มีการจัดสรร…`: the item above already has its labelled field of
    a role and that field has ended (`field_open` False: this line names nobody in it), and
    this line opens with an item's text and a field of the same role follows on it or on the
    next line. An item of a list names each role once; a second field of the role is the next
    item's."""
    if (
        profile is not Profile.DAMAGED
        or current is None
        or field_open
        or not current.role_labels
        or count_consonants(head_text) < LOST_ROW_CONSONANTS
        or line.column  # a table row is the table's to open
    ):
        return False
    filled = set(current.role_labels.values())
    labels = [lb for lb in find_labels(line.text) if not lb.backward]
    if not labels and nxt is not None and nxt.page == line.page:
        labels = [lb for lb in find_labels(nxt.text) if not lb.backward]
    return bool(labels) and labels[0].role in filled
