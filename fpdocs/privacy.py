"""What keeps personal data out of places it does not belong.

- ``mask_national_ids``: national identity numbers (fødselsnummer, D-numbers and synthetic test
  numbers: 11 digits whose control digits check out) typed into free text are masked before
  the form's JSON is stored or written.
- ``describe_error``: an exception as the log may show it, by type and place only. Messages are
  never logged, since they may quote a field value or a file name.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import Any

MASK = "[fødselsnummer fjernet]"
_CANDIDATE = re.compile(r"(?<![\d-])(\d{6})[ \u00a0]?(\d{5})(?![\d-])")
_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def is_national_id(digits: str) -> bool:
    """Eleven digits whose two mod-11 control digits are right. The first control digit is
    checked the way it is from 2032 on (four allowed remainders), which includes the old rule."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    numbers = [int(d) for d in digits]
    first = sum(w * d for w, d in zip(_K1, numbers[:10], strict=True)) % 11
    second = sum(w * d for w, d in zip(_K2, numbers, strict=True)) % 11
    return first in (0, 1, 2, 3) and second == 0


def mask_text(text: str) -> str:
    return _CANDIDATE.sub(lambda m: MASK if is_national_id(m[1] + m[2]) else m[0], text)


def mask_national_ids(value: Any, skip: frozenset[str] = frozenset({"behandling"})) -> Any:
    """``value`` with every national identity number in its strings masked. Keys in ``skip``
    (fpdocs' own processing record, with hashes) are left as they are."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: v if k in skip else mask_national_ids(v, skip) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_national_ids(v, skip) for v in value]
    return value


def describe_error(error: BaseException) -> str:
    """'KeyError at fpdocs/extract.py:120 (group)': the type and where it happened, no message."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    ours = [f for f in frames if "/fpdocs/" in f.filename.replace("\\", "/")]
    places = [ours[-1]] if ours else []
    if frames[-1] not in places:
        places.append(frames[-1])
    where = " via ".join(
        f"{'/'.join(Path(f.filename).parts[-2:])}:{f.lineno} ({f.name})" for f in places
    )
    return f"{type(error).__name__} at {where}"
