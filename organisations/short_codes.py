"""Short codes people type from a screen, a board or a worksheet: check-in
codes and class codes. Unambiguous, random, forgiving of how they are typed."""

import re
import secrets
from dataclasses import dataclass

# No 0/O, 1/I/L, 2/Z, 5/S or 8/B: nothing that reads as another character.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
# Spaces and every dash a phone keyboard or a word processor may put in.
SEPARATORS_RE = re.compile(r"[\s\-‐‑‒–—]+")


@dataclass(frozen=True)
class ShortCode:
    length: int
    separator: str  # shown between the two halves

    def generate(self) -> str:
        """A new random code, as stored: no separator."""
        return "".join(secrets.choice(ALPHABET) for _ in range(self.length))

    def normalise(self, raw: str) -> str:
        """What a person typed, as stored: upper case, no spaces or dashes."""
        return SEPARATORS_RE.sub("", raw or "").upper()[:20]

    def is_well_formed(self, code: str) -> bool:
        return len(code) == self.length and all(char in ALPHABET for char in code)

    def display(self, code: str) -> str:
        """Two halves are easier to read aloud or copy from a board."""
        half = len(code) // 2
        return f"{code[:half]}{self.separator}{code[half:]}" if code else ""
