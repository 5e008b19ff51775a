"""Make one family document: draw it, lay it out, write its forms and its truth.

    <out>/<split>/<doc>_<form>.pdf   digital, scan, copy, fax, photo
    <out>/<split>/<doc>.truth.json
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from samples import degrade
from samples.families import family_module
from samples.families.truth import truth
from samples.truthfile import FORMS, doc_name

log = logging.getLogger(__name__)

SCAN_FORMS = {"scan": degrade.FAMILY_SCAN, "copy": degrade.COPY, "fax": degrade.FAX}


@dataclass(frozen=True)
class Job:
    family: str
    seed: int
    split: str
    out: Path  # folder receiving <split>/
    forms: tuple[str, ...] = FORMS
    dpi: int | None = None  # scan resolution instead of 300 (others scaled alike); tests


def scaled(profile, dpi: int | None):
    """A form's profile at a lower resolution (the tests' speed), pixel sizes scaled."""
    if dpi is None:
        return profile
    ratio = dpi / degrade.SCAN.dpi
    target = max(50, round(profile.dpi * ratio))
    fields = {"dpi": target, "blur": profile.blur * target / profile.dpi}
    if hasattr(profile, "shift"):
        fields["shift"] = round(profile.shift * target / profile.dpi)
    return dataclasses.replace(profile, **fields)


def make(job: Job) -> list[Path]:
    started = time.monotonic()
    module = family_module(job.family)
    spec = module.draw(job.seed, job.split)
    laid, seen = module.render(spec)
    name = doc_name(job.family, job.seed)
    folder = job.out / job.split
    folder.mkdir(parents=True, exist_ok=True)
    files = {f"{name}_{form}.pdf": {"form": form} for form in job.forms}
    written = []
    for form in job.forms:
        path = folder / f"{name}_{form}.pdf"
        if form == "digital":
            path.write_bytes(laid.pdf)
        elif form == "photo":
            profile = scaled(degrade.PHOTO, job.dpi)
            degrade.save_pdf(degrade.photo_pages(laid.pdf, profile, name), path, profile)
        else:
            profile = scaled(SCAN_FORMS[form], job.dpi)
            degrade.save_pdf(degrade.scan_pages(laid.pdf, profile, name), path, profile)
        written.append(path)
    truth_path = folder / f"{name}.truth.json"
    data = truth(spec, laid, seen, files)
    truth_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    written.append(truth_path)
    log.info("%s: %d pages, %d forms in %.1f s", name, len(laid.pages), len(job.forms),
             time.monotonic() - started)
    return written
