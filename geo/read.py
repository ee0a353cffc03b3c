"""Reading articles from files: Reuters feeds, plain text, CSV and JSONL.

Readers never raise on a bad record: they return it as a :class:`Problem` naming the file,
line and field, so one broken row cannot cost the rest of a batch. They raise only when the
whole input is unusable (missing, unreadable, not UTF-8, missing a required column).

Accounting: every record of a file (a feed article, a CSV row, a JSONL line, a whole .txt)
becomes exactly one :class:`Article` or exactly one :class:`Problem`; an empty file is one
problem. Ids are unique within a file (a repeat gets ``~2``, ``~3``...) and stable across runs.
Encodings: a UTF-8, UTF-16 or UTF-32 byte order mark is honoured; without one the file must
be UTF-8. There is no guessing fallback (cp1252 and latin-1 cannot be told apart reliably,
and a wrong guess corrupts names silently): the error names the byte and line to fix.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from geo.errors import InputError, InputNotFound
from geo.ids import UniqueIds
from geo.records import Article, Problem, Section, Stage

SUPPORTED_SUFFIXES = (".txt", ".csv", ".jsonl", ".ndjson")

#: "BEIRUT (Reuters) –", "ERBIL, Iraq (Reuters) -", "LONDON (Thomson Reuters Foundation) –",
#: "NEAR MOSUL, Iraq (Reuters) –". The place is upper case; an optional ", Country" follows.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- /]*[A-Z.](?:, [A-Z][\w.' ]*)?)"
    r" \((?:Thomson )?Reuters(?: Foundation)?\) *[–—-] *",
    re.MULTILINE,
)
#: The dateline of another wire or paper, opening a plain-text article: "VICTORIA - ", "HOLLIDAY,
#: Mo. — ", "(NEW YORK) — ", "HOUSTON (AP) - ", "LONDON, Ky. (WKYT) - ". Only at the start of its
#: first or second paragraph (after a title): it marks a section, it never splits a file.
WIRE_DATELINE = re.compile(
    r"\(?(?P<place>[A-Z][A-Z.'’\- /]*[A-Z.](?:, [A-Z][\w.' ]*?)?)\)?(?: \([A-Z][\w&.' ]{0,30}\))? +[–—-] +(?=\S)")
BYLINE = re.compile(r"^By [A-Z][^\n]{0,150}$")
CREDITS = re.compile(r"^\((?:[^()\n]|\([^()\n]*\))*\)\s*$")  # "(Reporting by ...)", "(Editing by ...)"
PARAGRAPH = re.compile(r"[^\n]+")
#: An article longer than this is reported "too large" instead of geoparsed: the longest news
#: articles are ~100 KB, and the pipeline's memory grows with an article's length.
MAX_ARTICLE_CHARS = 2_000_000
#: Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def extend(self, other: ReadResult) -> None:
        self.articles.extend(other.articles)
        self.problems.extend(other.problems)


def read_paths(paths: list[str | Path]) -> ReadResult:
    """Read files and directories (their supported files, sorted) into one result; article
    ids are unique across all of them (``a/x.txt`` and ``b/x.txt`` share a stem)."""
    result = ReadResult()
    for path in input_files(paths):
        result.extend(read_path(path))
    result.articles = unique_ids(result.articles)
    return result


def input_files(paths: Sequence[str | Path]) -> list[Path]:
    """The files the paths name, in reading order: folders give their supported files, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                raise InputError(path, f"no {', '.join(SUPPORTED_SUFFIXES)} files in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


def read_path(path: str | Path) -> ReadResult:
    path = Path(path)
    if not path.exists():
        raise InputNotFound(path, "no such file or folder; check the path")
    return read_bytes(path.read_bytes(), name=str(path))


def read_bytes(data: bytes, name: str, first_line: int = 1, header: Sequence[str] | None = None) -> ReadResult:
    """Read one file's content; ``name`` picks the format by suffix and labels every problem.

    For a slice of a JSONL or CSV file (a partition), ``first_line`` is the line ``data`` starts
    at, and ``header`` the CSV file's column names (the slice has no header row)."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES and suffix != "":
        raise InputError(name, f"unsupported file type '{suffix}'; use one of {', '.join(SUPPORTED_SUFFIXES)}")
    text = decode(data, name, first_line)
    if not text.strip():  # an empty file is one problem; an empty slice of a partitioned file is nothing
        return ReadResult(problems=[Problem(f"{name}:1", "the file is empty; nothing to geoparse", stage=Stage.READ)]
                          if first_line == 1 else [])
    if suffix == ".csv":
        result = _read_csv(text, name, first_line, header)
    elif suffix in (".jsonl", ".ndjson"):
        result = _read_jsonl(text, name, first_line)
    else:
        result = _checked(split_text(text, name))
    result.articles = unique_ids(result.articles)
    return result


def decode(data: bytes, name: str, first_line: int = 1) -> str:
    """The file's text: by its byte order mark if it has one, else strict UTF-8."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise InputError(name, f"not valid {encoding.upper()} after its byte order mark (byte "
                                       f"{e.start + len(bom)}); re-save the file as UTF-8") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(name, f"not UTF-8 (byte {e.start}: 0x{data[e.start]:02x}); {_encoding_hint(data)}",
                         line=_line_of(data, e.start) + first_line - 1) from None
    head = data[:4096]
    if head.count(0) * 8 > len(head):  # ASCII in UTF-16 is valid UTF-8, one NUL every other byte
        at = data.index(0)
        raise InputError(name, f"NUL bytes (first at byte {at}): {_encoding_hint(data)}",
                         line=_line_of(data, at) + first_line - 1)
    return text


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _encoding_hint(data: bytes) -> str:
    if 0 in data[:4096]:
        return "UTF-16 without a byte order mark, or a binary file? Re-save it as UTF-8 (or UTF-16 with a BOM)"
    return "probably cp1252 or latin-1; re-save the file as UTF-8"


def _nul(text: str) -> str | None:
    """Why a record with a NUL character is refused (none occurs in text; it marks binary data)."""
    return None if "\x00" not in text else (
        f"holds a NUL character (at offset {text.index(chr(0))}), which text never has: binary data? remove it")


def _checked(articles: list[Article]) -> ReadResult:
    """Articles over :data:`MAX_ARTICLE_CHARS` become "too large" problems."""
    result = ReadResult()
    for a in articles:
        if len(a.text) > MAX_ARTICLE_CHARS:
            result.problems.append(_too_large(a.source, len(a.text), a.id))
        elif nul := _nul(a.text):
            result.problems.append(Problem(a.source, f"the text {nul}", article_id=a.id, stage=Stage.READ))
        else:
            result.articles.append(a)
    return result


def _too_large(source: str, chars: int, article_id: str | None) -> Problem:
    return Problem(source, f"too large: {chars:,} characters, over the {MAX_ARTICLE_CHARS:,} an article may have; "
                           "split it into articles", article_id=article_id, stage=Stage.READ)


def unique_ids(articles: list[Article]) -> list[Article]:
    """Articles with unique ids (:mod:`geo.ids`), in reading order."""
    ids = UniqueIds()
    return [a if (new := ids(a.id)) == a.id else replace(a, id=new) for a in articles]


# --- plain text and Reuters feeds -----------------------------------------------------------


def split_text(text: str, name: str) -> list[Article]:
    """A feed of Reuters articles becomes one Article each; any other text is one article."""
    datelines = list(DATELINE.finditer(text))
    if not datelines:
        stripped = text.strip()
        if not stripped:
            return []
        first = PARAGRAPH.search(text)
        title = first.group(0).strip() if first else ""
        wire = next((m for start, _ in _paragraphs(text, 0, len(text))[:2]
                     if (m := WIRE_DATELINE.match(text, start))), None)
        sections = (Section("dateline", wire.start(), wire.end()),) if wire else ()
        return [Article(id=_article_id(name, 0), text=text, title=title, source=f"{name}:1", feed=name,
                        sections=sections, dateline=wire.group("place") if wire else None)]
    starts = [_article_start(text, d.start(), prev_end=datelines[i - 1].end() if i else 0)
              for i, d in enumerate(datelines)]
    articles = []
    for i, d in enumerate(datelines):
        start = starts[i]
        end = starts[i + 1] if i + 1 < len(datelines) else len(text)
        articles.append(_feed_article(text, start, end, d, name, i))
    return articles


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in PARAGRAPH.finditer(text[start:end])
            if m.group(0).strip()]


def _article_start(text: str, dateline_at: int, prev_end: int) -> int:
    """Walk back from a dateline over the byline, caption and title paragraphs.

    The head is [title][caption]?[By ...]? before the dateline. A caption may be missing: then
    the paragraph before the title is the previous article's last line, which ends like
    prose or credits, while a headline has no closing full stop.
    """
    paras = _paragraphs(text, prev_end, dateline_at)
    if paras and BYLINE.match(text[paras[-1][0]:paras[-1][1]]):
        paras.pop()
    if len(paras) >= 2 and _looks_like_headline(text[paras[-2][0]:paras[-2][1]]):
        return paras[-2][0]
    return paras[-1][0] if paras else dateline_at


def _looks_like_headline(s: str) -> bool:
    s = s.strip()
    return len(s) <= 160 and not CREDITS.match(s) and not s.endswith((".", "”", '"', ")", ":"))


def _feed_article(text: str, start: int, end: int, d: re.Match, name: str, position: int) -> Article:
    body = text[start:end]
    sections: list[Section] = []
    head = _paragraphs(text, start, d.start())
    if head and BYLINE.match(text[head[-1][0]:head[-1][1]]):
        sections.append(Section("byline", head[-1][0] - start, head[-1][1] - start))
        head = head[:-1]
    if head:
        sections.append(Section("title", head[0][0] - start, head[0][1] - start))
    if len(head) > 1:
        sections.append(Section("caption", head[1][0] - start, head[-1][1] - start))
    sections.append(Section("dateline", d.start() - start, d.end() - start))
    paras = _paragraphs(text, d.end(), end)
    credit_from = len(paras)
    while credit_from > 0 and CREDITS.match(text[paras[credit_from - 1][0]:paras[credit_from - 1][1]]):
        credit_from -= 1
    if credit_from:
        sections.append(Section("body", d.end() - start, paras[credit_from - 1][1] - start))
    if credit_from < len(paras):
        sections.append(Section("credits", paras[credit_from][0] - start, paras[-1][1] - start))
    sections.sort(key=lambda s: s.start)
    title_sec = next((s for s in sections if s.name == "title"), None)
    line = text.count("\n", 0, start) + 1
    return Article(
        id=_article_id(name, position),
        text=body.rstrip("\n") + "\n",
        title=body[title_sec.start:title_sec.end].strip() if title_sec else "",
        source=f"{name}:{line}",
        feed=name,
        feed_position=position,
        sections=tuple(sections),
        dateline=d.group("place"),
    )


def _article_id(name: str, position: int) -> str:
    """Stable across runs and machines: the file's base name plus its position in the file."""
    stem = Path(name).stem
    return f"{stem}-{position:03d}"


# --- tables ---------------------------------------------------------------------------------

REQUIRED = ("title", "text")
DATE_FIELDS = ("date", "published")
#: Publication years accepted from metadata. Outside them a date is a typo or a placeholder
#: ("0001-01-01", "9999-12-31"), and the date arithmetic needs headroom around it.
PUBLISHED_YEARS = range(1000, 9000)


def _read_csv(text: str, name: str, first_line: int = 1, header: Sequence[str] | None = None) -> ReadResult:
    """Rows by RFC 4180, each checked against the header's width.

    A record that breaks the rules (an unclosed quote, text after a closing quote, the wrong
    number of fields) is one problem at its first line; after a quoting error reading starts
    again on the next line, so an unclosed quote costs one row, not the rest of the file. A
    slice of a file (a partition) starts at ``first_line`` and has the file's ``header``.
    """
    lines = io.StringIO(text, newline="").readlines()
    records = _csv_records(lines)
    if header is None:
        first = next(records, None)
        header = first[1] if first and first[1] is not None else []
    _check_columns(list(header), name, "header row")
    result = ReadResult()
    for line, fields, error in records:
        line += first_line - 1
        if fields is not None and len(fields) != len(header):
            error = (f"has {len(fields)} fields, the header has {len(header)}; "
                     "quote fields that contain commas, or add the missing ones")
        if error:
            result.problems.append(Problem(f"{name}:{line}", f"not a valid CSV row: {error}", stage=Stage.READ))
            continue
        assert fields is not None
        position = first_line - 1 + len(result.articles) + len(result.problems)
        result.extend(_table_record(dict(zip(header, fields)), name, line, position))
    return result


def _csv_records(lines: list[str]) -> Iterator[tuple[int, list[str] | None, str]]:
    """(first line, fields or None, error) of each non-blank record.

    Strict RFC 4180: an unclosed quote runs into the next quote or the end of the file, which
    strict parsing reports; reading then starts again on the line after the bad record's first.
    """
    pos = 0
    while pos < len(lines):
        reader = csv.reader((lines[i] for i in range(pos, len(lines))), strict=True)
        done = 0  # lines this reader consumed for complete records
        try:
            for fields in reader:
                start, done = pos + done + 1, reader.line_num
                if fields:
                    yield start, fields, ""
            return
        except csv.Error as e:
            start = pos + done + 1
            yield start, None, f"{e} (an unclosed or stray quote?); fix the quotes of the record starting here"
            pos = start


def _read_jsonl(text: str, name: str, first_line: int = 1) -> ReadResult:
    result = ReadResult()
    seen_record = False
    # "\n" only: str.splitlines() also breaks at U+2028, U+0085 and U+001C..U+001E, which are
    # legal inside a JSON string and would cut a valid record in two.
    for lineno, raw in enumerate(text.split("\n"), start=first_line):
        raw = raw.removesuffix("\r")
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as e:
            result.problems.append(Problem(f"{name}:{lineno}", f"not valid JSON ({e.msg}); fix or remove this line",
                                           stage=Stage.READ))
            continue
        if not isinstance(row, dict):
            result.problems.append(Problem(f"{name}:{lineno}", "expected a JSON object with 'title' and 'text'",
                                           stage=Stage.READ))
            continue
        if not seen_record:
            _check_columns(list(row), name, "first record", line=lineno)
            seen_record = True
        result.extend(_table_record(row, name, lineno, first_line - 1 + len(result.articles) + len(result.problems)))
    return result


def _check_columns(columns: Sequence[str], name: str, where: str, line: int | None = 1) -> None:
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError(name, f"the {where} has no column {', '.join(map(repr, missing))} "
                               f"(found: {', '.join(columns) or 'none'}); add it", line=line, field=missing[0])


def _table_record(row: dict, name: str, line: int, position: int) -> ReadResult:
    source = f"{name}:{line}"
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadResult(problems=[Problem(source, "field 'text' is empty or missing; nothing to geoparse",
                                            article_id=_str_or_none(row.get("id")), stage=Stage.READ)])
    if len(text) > MAX_ARTICLE_CHARS:
        return ReadResult(problems=[_too_large(source, len(text), _str_or_none(row.get("id")))])
    raw_title = row.get("title")
    title = raw_title if isinstance(raw_title, str) else ""
    for field_name, value in (("text", text), ("title", title)):
        if nul := _nul(value):
            return ReadResult(problems=[Problem(source, f"field '{field_name}' {nul}",
                                                article_id=_str_or_none(row.get("id")), stage=Stage.READ)])
    try:
        published = _parse_date(next((row[k] for k in DATE_FIELDS if row.get(k)), None))
    except ValueError:
        field_name = next(k for k in DATE_FIELDS if row.get(k))
        return ReadResult(problems=[Problem(source, f"field '{field_name}' is not a date "
                                                    f"({str(row[field_name])[:40]!r}); use YYYY-MM-DD",
                                            article_id=_str_or_none(row.get("id")), stage=Stage.READ)])
    article_id = _str_or_none(row.get("id")) or _content_id(name, title, text)
    url = _str_or_none(row.get("url"))
    return ReadResult(articles=[Article(
        id=article_id, text=text, title=title.strip(), url=url, published=published,
        source=source, feed=name, feed_position=position,
    )])


def _str_or_none(v: object) -> str | None:
    return str(v).strip() or None if v not in (None, "") else None


def _content_id(name: str, title: str, text: str) -> str:
    digest = hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()[:12]
    return f"{Path(name).stem}-{digest}"


def _parse_date(value: object) -> date | None:
    if value in (None, ""):
        return None
    s = str(value).strip()
    try:
        d = date.fromisoformat(s[:10])
    except ValueError:
        d = datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    if d.year not in PUBLISHED_YEARS:
        raise ValueError(f"year {d.year} is outside {PUBLISHED_YEARS.start}..{PUBLISHED_YEARS.stop - 1}")
    return d
