"""Reading articles from files: Reuters feeds, plain text, CSV and JSONL.

Readers never raise on a bad record: they return it as a :class:`Problem` naming the file,
line and field, so one broken row cannot cost the rest of a batch. They raise only when the
whole input is unusable (missing, unreadable, not UTF-8, missing a required column).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from geo.errors import InputError, InputNotFound
from geo.records import Article, Problem, Section, Stage

SUPPORTED_SUFFIXES = (".txt", ".csv", ".jsonl", ".ndjson")

#: "BEIRUT (Reuters) –", "ERBIL, Iraq (Reuters) -", "LONDON (Thomson Reuters Foundation) –",
#: "NEAR MOSUL, Iraq (Reuters) –". The place is upper case; an optional ", Country" follows.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- /]*[A-Z.](?:, [A-Z][\w.' ]*)?)"
    r" \((?:Thomson )?Reuters(?: Foundation)?\) *[–—-] *",
    re.MULTILINE,
)
BYLINE = re.compile(r"^By [A-Z][^\n]{0,150}$")
CREDITS = re.compile(r"^\((?:[^()\n]|\([^()\n]*\))*\)\s*$")  # "(Reporting by ...)", "(Editing by ...)"
PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def extend(self, other: ReadResult) -> None:
        self.articles.extend(other.articles)
        self.problems.extend(other.problems)


def read_paths(paths: list[str | Path]) -> ReadResult:
    """Read files and directories (their supported files, sorted) into one result."""
    result = ReadResult()
    for path in input_files(paths):
        result.extend(read_path(path))
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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + first_line
        raise InputError(name, f"not UTF-8 (byte {e.start}); re-save the file as UTF-8", line=line) from None
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return _read_csv(text, name, first_line, header)
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(text, name, first_line)
    if suffix == ".txt" or suffix == "":
        return ReadResult(articles=split_text(text, name))
    raise InputError(name, f"unsupported file type '{suffix}'; use one of {', '.join(SUPPORTED_SUFFIXES)}")


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
        return [Article(id=_article_id(name, 0), text=text, title=title, source=f"{name}:1", feed=name)]
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


def _read_csv(text: str, name: str, first_line: int = 1, header: Sequence[str] | None = None) -> ReadResult:
    reader = csv.DictReader(io.StringIO(text, newline=""), fieldnames=header)
    _check_columns(reader.fieldnames or [], name, "header row")
    result = ReadResult()
    for i, row in enumerate(reader):
        line = reader.line_num + first_line - 1  # last physical line of this record
        result.extend(_table_record(row, name, line, first_line - 1 + i))
    return result


def _read_jsonl(text: str, name: str, first_line: int = 1) -> ReadResult:
    result = ReadResult()
    seen_record = False
    for lineno, raw in enumerate(text.splitlines(), start=first_line):
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
    raw_title = row.get("title")
    title = raw_title if isinstance(raw_title, str) else ""
    try:
        published = _parse_date(next((row[k] for k in DATE_FIELDS if row.get(k)), None))
    except ValueError:
        field_name = next(k for k in DATE_FIELDS if row.get(k))
        return ReadResult(problems=[Problem(source, f"field '{field_name}' is not a date "
                                                    f"({row[field_name]!r}); use YYYY-MM-DD", stage=Stage.READ)])
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
        return date.fromisoformat(s[:10])
    except ValueError:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
