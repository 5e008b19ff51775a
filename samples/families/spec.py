"""What a family document says, before it is laid out: frozen data drawn from a seed.

A family module draws a `DocSpec` (office, letter, edition, officers, who holds which item,
style choices); a renderer lays it out; the truth is written from the spec and the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """An officer named in a document."""

    title: str  # normalised: นาย, นาง, นางสาว, ว่าที่ร้อยตรี, ดร., a rank in full
    given: str
    family: str
    spellings: tuple[str, ...]  # title spellings the clerk uses, cycled over the sightings
    position: str  # the officer's job title
    shows_position: bool = False  # the position is printed after (or under) the name
    glued: bool = True  # title glued to the given name (นายสมชาย) or spaced (นาย สมชาย)

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    def written(self, sighting: int = 0) -> str:
        """The name as printed at its n-th sighting.

        >>> Person("นางสาว", "ปวีณา", "ทองคำ", ("นางสาว", "น.ส."), "x").written(1)
        'น.ส.ปวีณา ทองคำ'
        """
        title = self.spellings[sighting % len(self.spellings)]
        gap = "" if self.glued else " "
        return f"{title}{gap}{self.given} {self.family}"


@dataclass(frozen=True)
class SubItem:
    printed: str  # number as printed ("๒.๕.๑")
    text: str


@dataclass(frozen=True)
class Item:
    """A top-level criterion as the document prints it."""

    criterion: str  # project id: P1, Q2.5, Q5.1, Q22, R2
    number: str  # true number, Arabic digits
    printed: str  # number as printed (digits of the document; a clerk's slip shows here)
    correct: str  # the true number in the printed digits
    title: str
    level: str  # mandatory, basic, advanced, special, result
    supervisor: int | None  # index into DocSpec.people; None in a circular
    responsible: tuple[int, ...] = ()
    subitems: tuple[SubItem, ...] = ()
    slip: str | None = None  # "repeated" or "skipped" when printed != correct


@dataclass(frozen=True)
class Block:
    """A group of items under one heading: physical, a quality aspect, special, results."""

    key: str  # physical, quality, quality-1 .. quality-4, special, results
    heading: str  # e.g. "เกณฑ์ด้านกายภาพ" or "๒ ด้านบริการ"
    declaration: str | None  # "จำนวน ๑๕ ข้อ (ต้องผ่านเกณฑ์ทุกข้อ)" when the block states its count
    items: tuple[Item, ...]
    thai: bool  # item numbers of this block in Thai digits
    intro: str | None = None  # group line printed before the heading ("เกณฑ์ด้านคุณภาพ ...")
    name: str = ""  # the heading without its number ("ด้านบริการ"), for sentences


@dataclass(frozen=True)
class Signer:
    person: Person
    position: tuple[str, ...]  # lines under the name


@dataclass(frozen=True)
class Letter:
    """The letter around the table: header, preamble, closing, signature."""

    issuer: str
    number: str  # as printed after ที่
    date: str  # as printed
    date_iso: str
    subject: str
    paragraphs: tuple[str, ...]
    closing: str  # the line before the date (สั่ง ณ วันที่ ...), date included
    signer: Signer
    attachment_head: str  # line above the attachment (เอกสารแนบท้ายคำสั่ง...)
    # circulars only
    to: str = ""
    address: tuple[str, ...] = ()
    enclosure: str = ""
    contact: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coordinator:
    person: Person
    phone: str


@dataclass(frozen=True)
class DeclaredCount:
    scope: str
    count: int
    as_printed: str


@dataclass(frozen=True)
class DocSpec:
    family: str
    seed: int
    split: str
    kind: str  # order or circular
    edition: str
    digits: str  # thai, arabic, mixed
    letter: Letter
    blocks: tuple[Block, ...]
    people: tuple[Person, ...]
    style: dict = field(default_factory=dict)  # free-form layout facts (also in the truth)
    declared: tuple[DeclaredCount, ...] = ()
    coordinator: Coordinator | None = None

    @property
    def name(self) -> str:
        return f"{self.family}-{self.seed:04d}"

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for block in self.blocks for item in block.items)
