"""A deck's parts read straight from the .pptx zip, for the renderer.

The renderer reads raw DrawingML and only needs the package layer: which parts
exist, how they relate (slide -> layout -> master -> theme, pictures, charts),
their XML and their bytes. python-pptx gives that too, but importing it costs
about 0.1 s and opening a deck parses every part into its own element classes,
which also makes every later element access slower. This reader parses a part
only when it is drawn, with plain lxml and the same parser settings python-pptx
uses (so the XML the renderer sees is the same).

The surface mirrors what the renderer used of python-pptx (``slides``,
``slide_width``, ``part._element``, ``related_part``, ``part_related_by``,
``slide_layout``, ``slide_master``, ``partname``, ``blob``), so drawing code
did not change. Other features (the administrative check, the deck builder)
still use python-pptx.
"""

from __future__ import annotations

import posixpath
import zipfile
from urllib.parse import unquote

from lxml import etree

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


class PackageError(ValueError):
    """The zip is not a presentation package we can read; the message says why."""


class Part:
    """One part of the package: its name, bytes, XML and relationships, each read on first use."""

    __slots__ = ("_blob", "_package", "_rels", "_root", "partname")

    def __init__(self, package: Package, partname: str):
        self._package = package
        self.partname = partname  # "/ppt/slides/slide1.xml"
        self._blob: bytes | None = None
        self._root = None
        self._rels: dict[str, tuple[str, str | None]] | None = None

    def __repr__(self) -> str:
        return f"<Part {self.partname}>"

    @property
    def part(self) -> Part:
        return self

    @property
    def blob(self) -> bytes:
        if self._blob is None:
            self._blob = self._package.read(self.partname)
        return self._blob

    @property
    def _element(self):
        if self._root is None:
            try:
                self._root = etree.fromstring(self.blob, _PARSER)
            except etree.XMLSyntaxError as exc:
                raise PackageError(f"{self.partname}: {exc}") from None
        return self._root

    @property
    def rels(self) -> dict[str, tuple[str, str | None]]:
        """rId -> (relationship type, target part name or None when external)."""
        if self._rels is None:
            self._rels = self._package.rels_of(self.partname)
        return self._rels

    def related_part(self, rid: str | None) -> Part:
        reltype, target = self.rels[rid]  # KeyError, as python-pptx, for an unknown rId
        if target is None:
            raise KeyError(f"{rid} is an external relationship")
        return self._package.existing_part(target)

    def part_related_by(self, reltype: str) -> Part:
        """The first part related by this type (compared by its last segment, so the
        transitional and strict OOXML namespaces both match)."""
        want = reltype.rsplit("/", 1)[-1]
        for kind, target in self.rels.values():
            if target is not None and kind.rsplit("/", 1)[-1] == want:
                return self._package.existing_part(target)
        raise KeyError(f"{self.partname} has no {want} relationship")

    @property
    def slide_layout(self) -> Part:
        return self.part_related_by("slideLayout")

    @property
    def slide_master(self) -> Part:
        return self.part_related_by("slideMaster")


class Package:
    """An opened .pptx: the presentation part, its slides in show order, and the slide size."""

    def __init__(self, zf: zipfile.ZipFile):
        self._zip = zf
        self._members = {info.filename: info for info in zf.infolist()}
        self._folded = {name.lower(): name for name in self._members}
        self._parts: dict[str, Part] = {}
        main = self._main_part_name()
        self.part = self.part_named(main)
        root = self.part._element
        if etree.QName(root).localname != "presentation":
            raise PackageError(f"{main} is not a presentation (root element {etree.QName(root).localname})")
        size = root.find(f"{{{_NS_P}}}sldSz")
        self.slide_width = _int(size.get("cx")) if size is not None else None
        self.slide_height = _int(size.get("cy")) if size is not None else None
        self.slides: list[Part] = []
        for sld_id in root.iterfind(f"{{{_NS_P}}}sldIdLst/{{{_NS_P}}}sldId"):
            try:
                self.slides.append(self.part.related_part(sld_id.get(f"{{{_NS_R}}}id")))
            except KeyError:
                continue  # python-pptx drops a dangling slide reference the same way

    def _main_part_name(self) -> str:
        for kind, target in self.rels_of("/").values():
            if target is not None and kind.rsplit("/", 1)[-1] == "officeDocument":
                return target
        raise PackageError("_rels/.rels names no main document part")

    def existing_part(self, partname: str) -> Part:
        if self._member(partname) is None:
            raise KeyError(f"{partname} is not in the package")
        return self.part_named(partname)

    def part_named(self, partname: str) -> Part:
        got = self._parts.get(partname)
        if got is None:
            got = self._parts[partname] = Part(self, partname)
        return got

    def read(self, partname: str) -> bytes:
        name = self._member(partname)
        if name is None:
            raise PackageError(f"{partname} is not in the package")
        return self._zip.read(name)

    def _member(self, partname: str) -> str | None:
        name = partname.lstrip("/")
        if name in self._members:
            return name
        return self._folded.get(name.lower())  # part names are case-insensitive

    def rels_of(self, partname: str) -> dict[str, tuple[str, str | None]]:
        folder, base = posixpath.split(partname)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        if self._member(rels_name) is None:
            return {}
        try:
            root = etree.fromstring(self.read(rels_name), _PARSER)
        except etree.XMLSyntaxError as exc:
            raise PackageError(f"{rels_name}: {exc}") from None
        out: dict[str, tuple[str, str | None]] = {}
        for rel in root.iterfind(f"{{{_NS_RELS}}}Relationship"):
            rid, kind, target = rel.get("Id"), rel.get("Type", ""), rel.get("Target", "")
            if not rid:
                continue
            if rel.get("TargetMode") == "External":
                out[rid] = (kind, None)
                continue
            target = unquote(target)
            path = target if target.startswith("/") else posixpath.join(folder, target)
            out[rid] = (kind, posixpath.normpath("/" + path.lstrip("/")))
        return out


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
