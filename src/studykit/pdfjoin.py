"""Join PDFs that WeasyPrint wrote, page by page, without a general PDF library.

pypdf parses every object of every part into Python objects and writes them
again (about half a second for the shipped deck's 17 flashcard parts, plus a
fifth of a second to import it).  The parts studykit joins are all WeasyPrint's
own output, which has one simple shape: objects packed in compressed object
streams, a cross-reference stream, one flat page tree.  This module reads
just that shape: it copies each page and everything the page uses (content,
fonts, images) as bytes, renumbering the references, and writes one new page
tree and a classic cross-reference table.  Streams are copied untouched.

Anything of another shape raises :class:`NotJoinable`, and the caller joins
with pypdf instead.  The output depends only on the parts' bytes, so the same
parts always make the same PDF.
"""

from __future__ import annotations

import re
import zlib

FORMAT = 1  # raise when the joined bytes change: cached joins made before are then made again

# a token that may hold a reference, or a string whose text must be left alone
_TOKENS = re.compile(rb"\((?:\\.|[^\\()])*\)|<(?!<)[0-9A-Fa-f\s]*>|(\d+) (\d+) R\b", re.S)
_REF = re.compile(rb"(\d+) 0 R\b")
_OBJ = re.compile(rb"(\d+) (\d+) obj\s*")
_INT = re.compile(rb"/%s\s+(\d+)(?![\d.]| \d+ R)")
_ARRAY = re.compile(rb"/%s\s*\[([^\]]*)\]")


class NotJoinable(Exception):
    """A part is not a PDF of the shape WeasyPrint writes; join it another way."""


def _int(body: bytes, key: bytes) -> int:
    found = re.search(_INT.pattern % key, body)
    if not found:
        raise NotJoinable(f"no direct /{key.decode()}")
    return int(found.group(1))


def _ints(body: bytes, key: bytes) -> list[int]:
    found = re.search(_ARRAY.pattern % key, body)
    if not found:
        raise NotJoinable(f"no /{key.decode()} array")
    return [int(x) for x in found.group(1).split()]


def _has_nested_strings(body: bytes) -> bool:
    """Strings with nested parentheses defeat the token pattern: leave such parts to pypdf."""
    return re.search(rb"\((?:\\.|[^\\()])*\(", body) is not None


class _Part:
    """The objects of one WeasyPrint PDF, as bytes: each dictionary or array, and each stream's data."""

    def __init__(self, data: bytes):
        self.data = data
        self.objects: dict[int, tuple[bytes, bytes | None]] = {}  # number: (object, stream data)
        at = data.rfind(b"startxref")
        if at < 0 or not data.startswith(b"%PDF-"):
            raise NotJoinable("not a PDF")
        xref_at = int(data[at + 9:].split()[0])
        trailer, xref = self._at(xref_at)
        if xref is None or b"/XRef" not in trailer or b"/Encrypt" in trailer or b"/Prev" in trailer:
            raise NotJoinable("no single cross-reference stream")
        self.trailer = trailer
        self._read_xref(trailer, self._decoded(trailer, xref))

    def _at(self, offset: int) -> tuple[bytes, bytes | None]:
        """The object written at ``offset``: its dictionary (or value) and its stream's raw bytes."""
        head = _OBJ.match(self.data, offset)
        if not head:
            raise NotJoinable(f"no object at offset {offset}")
        start = head.end()
        end = self.data.find(b"endobj", start)
        stream = self.data.find(b"stream", start, end if end >= 0 else None)
        if stream < 0:
            return self.data[start:end].strip(), None
        body = self.data[start:stream].strip()
        length = _int(body, b"Length")
        begin = stream + len(b"stream")
        begin += 2 if self.data[begin:begin + 2] == b"\r\n" else 1
        raw = self.data[begin:begin + length]
        if len(raw) != length or self.data[begin + length:begin + length + 30].strip()[:9] != b"endstream":
            raise NotJoinable("a stream's /Length does not match")
        return body, raw

    @staticmethod
    def _decoded(body: bytes, raw: bytes) -> bytes:
        if re.search(rb"/Filter\s*/FlateDecode\b", body) is None or b"/DecodeParms" in body:
            raise NotJoinable("an object or cross-reference stream not plainly deflated")
        try:
            return zlib.decompress(raw)
        except zlib.error as err:
            raise NotJoinable(f"a damaged stream ({err})") from None

    def _read_xref(self, trailer: bytes, table: bytes) -> None:
        widths = _ints(trailer, b"W")
        index = _ints(trailer, b"Index") if b"/Index" in trailer else [0, _int(trailer, b"Size")]
        if len(widths) != 3 or widths[0] != 1:
            raise NotJoinable("an unusual cross-reference stream")
        row = sum(widths)
        packed: dict[int, list[tuple[int, int]]] = {}  # object stream: [(index, object number)]
        position = 0
        for first, count in zip(index[::2], index[1::2]):
            for number in range(first, first + count):
                entry = table[position:position + row]
                position += row
                kind = entry[0]
                second = int.from_bytes(entry[1:1 + widths[1]], "big")
                if kind == 1:
                    self.objects[number] = self._at(second)
                elif kind == 2:
                    third = int.from_bytes(entry[1 + widths[1]:], "big")
                    packed.setdefault(second, []).append((third, number))
        for stream_number, members in packed.items():
            self._unpack(stream_number, dict(members))

    def _unpack(self, stream_number: int, members: dict[int, int]) -> None:
        body, raw = self.objects.get(stream_number, (b"", None))
        if raw is None or b"/ObjStm" not in body or b"/Extends" in body:
            raise NotJoinable("an object stream is missing")
        content, count, first = self._decoded(body, raw), _int(body, b"N"), _int(body, b"First")
        header = [int(x) for x in content[:first].split()]
        if len(header) != 2 * count:
            raise NotJoinable("an object stream's header does not match /N")
        offsets = header[1::2] + [len(content) - first]
        for position in range(count):
            number = header[2 * position]
            if members.get(position) == number:
                self.objects[number] = (content[first + offsets[position]:first + offsets[position + 1]].strip(),
                                        None)

    def get(self, number: int) -> tuple[bytes, bytes | None]:
        try:
            return self.objects[number]
        except KeyError:
            raise NotJoinable(f"object {number} is referred to but missing") from None

    def root(self) -> int:
        found = re.search(rb"/Root\s+(\d+) 0 R", self.trailer)
        if not found:
            raise NotJoinable("no /Root")
        return int(found.group(1))

    def info(self) -> int | None:
        found = re.search(rb"/Info\s+(\d+) 0 R", self.trailer)
        return int(found.group(1)) if found else None

    def pages(self) -> list[int]:
        """The page objects in order, from a flat page tree holding nothing pages inherit."""
        catalog, _ = self.get(self.root())
        tree = re.search(rb"/Pages\s+(\d+) 0 R", catalog)
        if not tree:
            raise NotJoinable("no page tree")
        node, _ = self.get(int(tree.group(1)))
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", node)
        rest = re.sub(rb"/Kids\s*\[[^\]]*\]|/Count\s+\d+|/Type\s*/Pages|[<>\s]", b"", node)
        if not kids or rest:
            raise NotJoinable("a page tree with more than a list of pages")
        pages = [int(n) for n in _REF.findall(kids.group(1))]
        for number in pages:
            if b"/Type /Page" not in self.get(number)[0].replace(b"/Type/Page", b"/Type /Page"):
                raise NotJoinable("a nested page tree")
        return pages


def _renumber(body: bytes, numbers: dict[int, int]) -> bytes:
    """``body`` with every reference ``n 0 R`` pointing at the new number of ``n`` (strings untouched)."""
    def swap(match: re.Match) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        if match.group(2) != b"0":
            raise NotJoinable("a reference to an object of another generation")
        try:
            return b"%d %s R" % (numbers[int(match.group(1))], match.group(2))
        except KeyError:
            raise NotJoinable("a reference outside the pages' objects") from None
    return _TOKENS.sub(swap, body)


def _references(body: bytes) -> list[int]:
    return [int(m.group(1)) for m in _TOKENS.finditer(body) if m.group(1) is not None]


_PARENT = re.compile(rb"/Parent\s+\d+ 0 R")


def join(parts: list[bytes]) -> bytes:
    """One PDF of every page of ``parts`` in order, with the first part's document information."""
    pages_number = 2  # 1 is the catalog, 2 the page tree; the parts' objects follow
    out: list[tuple[bytes, bytes | None]] = []
    page_numbers: list[int] = []
    info_number = None
    for index, data in enumerate(parts):
        part = _Part(data)
        wanted = part.pages()
        keep: list[int] = []  # every object the pages use, in the order first met
        seen: set[int] = set()
        todo = list(reversed(wanted))
        if index == 0 and part.info() is not None:
            todo.append(part.info())
        while todo:
            number = todo.pop()
            if number in seen:
                continue
            seen.add(number)
            keep.append(number)
            body, _ = part.get(number)
            if _has_nested_strings(body):
                raise NotJoinable("a string with nested parentheses")
            if number in wanted:
                body = _PARENT.sub(b"", body)
            todo.extend(reversed(_references(body)))
        first = 3 + len(out)
        numbers = {old: first + n for n, old in enumerate(sorted(keep))}
        for old in sorted(keep):
            body, stream = part.get(old)
            if old in wanted:  # a page: its parent is the new page tree
                body = _renumber(_PARENT.sub(b"", body), numbers)
                if not body.startswith(b"<<"):
                    raise NotJoinable("a page that is not a dictionary")
                out.append((b"<</Parent %d 0 R" % pages_number + body[2:], stream))
            else:
                out.append((_renumber(body, numbers), stream))
        page_numbers += [numbers[p] for p in wanted]
        if index == 0 and part.info() is not None:
            info_number = numbers[part.info()]
    catalog = b"<</Type /Catalog /Pages %d 0 R>>" % pages_number
    tree = (b"<</Type /Pages /Count %d /Kids [" % len(page_numbers)
            + b" ".join(b"%d 0 R" % n for n in page_numbers) + b"]>>")
    return _write([(catalog, None), (tree, None)] + out, info_number)


def _write(objects: list[tuple[bytes, bytes | None]], info: int | None) -> bytes:
    chunks = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]
    size = len(chunks[0])
    offsets = []
    for number, (body, stream) in enumerate(objects, start=1):
        offsets.append(size)
        if stream is None:
            chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
        else:
            chunk = b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, body, stream)
        chunks.append(chunk)
        size += len(chunk)
    count = len(objects) + 1
    xref = [b"xref\n0 %d\n0000000000 65535 f \n" % count] + [b"%010d 00000 n \n" % o for o in offsets]
    trailer = b"trailer\n<</Size %d /Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        count, b" /Info %d 0 R" % info if info else b"", size)
    return b"".join(chunks + xref + [trailer])
