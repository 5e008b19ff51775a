"""Give each name on an item's rows its role, the way the merged table cells meant it.

Rules (the table has columns supervisor | responsible):
- a row with two or more names starts with the supervisor, the rest are responsible;
- a row with one name is a responsible officer, unless it repeats the current supervisor;
- an item with no names at all sits under merged cells: it takes the supervisor and the
  responsible officers of the item above;
- the supervisor carries over to later items until a block or section header resets it;
- names repeated when a row continues on a new page are the same people, counted once;
- an explicit label (`ผู้กำกับดูแล:` / `ผู้รับผิดชอบ:`) beats all of the above, and so does
  the column a name stands in when the page layout gave the table's columns (a merged cell's
  names come on every row it spans); a labelled responsible officer who also supervises keeps
  both roles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from extract.models import Item, Role


@dataclass(frozen=True)
class RoleAssignment:
    item_index: int
    role: Role
    officer_key: str
    mention: int | None  # the mention it came from (for a merged cell: the one above)


def resolve_roles(items: list[Item], key_of: Mapping[int, str]) -> list[RoleAssignment]:
    """Role assignments for every item; `key_of` maps a mention index to its officer key."""
    out: list[RoleAssignment] = []
    carry_sup: tuple[str, int | None] | None = None
    carry_resp: list[tuple[str, int | None]] = []
    for index, item in enumerate(items):
        if item.section_break:
            carry_sup, carry_resp = None, []
        if not item.name_rows:
            if carry_sup:
                out.append(RoleAssignment(index, Role.SUPERVISOR, *carry_sup))
            out.extend(
                RoleAssignment(index, Role.RESPONSIBLE, key, m) for key, m in carry_resp
            )
            continue
        sup = carry_sup
        resp: list[tuple[str, int | None]] = []
        labelled: set[str] = set()  # responsible by a label or their column: kept even when
        # the same person supervises the item
        for row in item.name_rows:
            keys = [(key_of[m], m) for m in row]
            for pos, (key, mention) in enumerate(keys):
                label = item.role_labels.get(mention)
                if label == "supervisor" or (
                    label is None and pos == 0 and len(keys) >= 2
                ):
                    if sup is None or sup[0] != key:
                        sup = (key, mention)
                    continue
                if sup is not None and sup[0] == key and label is None:
                    continue  # the supervisor written again on a continued row
                if all(k != key for k, _ in resp):
                    resp.append((key, mention))
                if label == "responsible":
                    labelled.add(key)
        if sup is not None:
            out.append(RoleAssignment(index, Role.SUPERVISOR, *sup))
        out.extend(
            RoleAssignment(index, Role.RESPONSIBLE, key, m) for key, m in resp
            if sup is None or key != sup[0] or key in labelled
        )
        carry_sup, carry_resp = sup, resp
    return out
