"""Criteria items read from a document's lines, with the names on their rows.

- `reader`: the walk over the lines, a small state machine (block headers, numbers, names);
- `draft`: the item while its lines are read (private, mutable) and the walk's frozen result;
- `opening`: what a numbered line opens (an item, a topic heading, a sub-item) and how a
  number's group and a table cell's number are read;
- `mentions`: the names on a line, the roles their labels give them, the positions under them,
  and supervisors named once for a whole section.
"""

from extract.items.draft import Classifier, Parsed, Recogniser
from extract.items.reader import walk

__all__ = ["Classifier", "Parsed", "Recogniser", "walk"]
