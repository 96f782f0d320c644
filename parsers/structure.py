"""Find front matter, top-level units and clauses in a reader's paragraph stream.

Shared by every format so that one agreement read as DOCX and as PDF yields one outline. Headings
are recognised by the patterns agreements print ("ARTICLE XIIIA", "Article 12 - Hours",
"ARTICLE ONE", "Art. 4", "EXHIBIT A", "SIDELETTER NO. 3", a bare number line followed by a title
line) with typographic hints (bold, size, heading styles) as support; nothing here is keyed to
one agreement's titles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from parsers.model import (
    Agreement,
    Block,
    BlockKind,
    Footnote,
    FrontKind,
    FrontPart,
    SourceInfo,
    Unit,
    UnitKind,
)
from parsers.numbering import label_value, normalise_label
from parsers.stream import FootnoteText, Item, Para, Table

ROMAN = r"[IVXLCDM]+"
WORD_NUMBERS = (
    "ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|THIRTEEN|FOURTEEN|"
    "FIFTEEN|SIXTEEN|SEVENTEEN|EIGHTEEN|NINETEEN|TWENTY(?:[- ](?:ONE|TWO|THREE|FOUR|FIVE|"
    "SIX|SEVEN|EIGHT|NINE))?|THIRTY(?:[- ](?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE))?|"
    "FORTY(?:[- ](?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE))?|FIFTY"
)
ARTICLE_NUMBER = rf"(?:{ROMAN}|\d+)[A-Z]?(?:-\d+)?(?![.\d]\d)|(?:{WORD_NUMBERS})"
SEPARATOR = r"\s*(?:[.:\-–—]\s*|\s)"

_ARTICLE_RE = re.compile(
    rf"^(?:ARTICLE|Article|ART\.|Art\.)\s+(?P<num>{ARTICLE_NUMBER})(?:{SEPARATOR}(?P<title>.*))?$",
    re.IGNORECASE,
)
_APPENDIX_WORDS = {
    "EXHIBIT": UnitKind.EXHIBIT,
    "APPENDIX": UnitKind.APPENDIX,
    "SCHEDULE": UnitKind.SCHEDULE,
    "ATTACHMENT": UnitKind.ATTACHMENT,
    "ADDENDUM": UnitKind.ADDENDUM,
}
_APPENDIX_RE = re.compile(
    r"^(?P<word>EXHIBIT|APPENDIX|SCHEDULE|ATTACHMENT|ADDENDUM"
    r"|Exhibit|Appendix|Schedule|Attachment|Addendum)\s+(?:(?:NO\.|No\.|#)\s*)?"
    r"[\"“‘']?(?P<num>[A-Z]{1,2}(?:-\d+)?|\d{1,2}(?:\.\d+)?|[IVXLC]+)[\"”’']?"
    r"(?=$|[\s.:\-–—,])(?:\s*[.:\-–—]?\s*(?P<title>.*))?$",
)
_SIDELETTER_RE = re.compile(
    r"^(?:SIDE\s?LETTER|Side\s?[Ll]etter)(?:\s+(?:OF AGREEMENT|of Agreement))?"
    r"(?:\s+(?:NO\.|No\.|#)?\s*(?P<num>\d+[A-Z]?))?"
    r"(?:\s*[.:\-–—]\s*(?P<title>.*))?$"
)
_MEMO_RE = re.compile(
    r"^(?P<word>MEMORANDUM OF (?:AGREEMENT|UNDERSTANDING)|LETTER OF (?:AGREEMENT|UNDERSTANDING|INTENT))"
    r"(?:\s+(?:NO\.\s*)?(?P<num>\d+|[A-Z]))?"
    # the title after a dash or colon, or after a space when it is set in capitals too
    # ("LETTER OF AGREEMENT ARTICLE 12, PEBB COMMITTEE"), unless the line goes on to name the
    # parties or the date ("MEMORANDUM OF AGREEMENT BETWEEN ...", "... OF AUGUST 1, 2024")
    r"(?:(?:\s*[.:\-–—]\s*|\s+(?-i:(?=[A-Z0-9][^a-z]*$))"
    r"(?!(?:BETWEEN|BY|AND|OF|FOR|TO|WITH|DATED|ENTERED|MADE|THIS|THE|IS|AS|ON|IN)\b))"
    r"(?P<title>.*))?$",
    re.IGNORECASE,
)
# A heading printed as a bare number: "XII. Health Plan", "XIIIA. ...", "12. HOURS OF WORK".
_BARE_RE = re.compile(r"^(?P<num>[IVXLC]+[A-Z]?|\d{1,3}[A-Z]?)\.\s+(?P<title>\S.*)$")
_RE_LINE = re.compile(r"^(?:\S{1,2}\s+)?(?:Re|RE|Subject|SUBJECT)\s*:\s*(?P<title>\S.*)$")
_SALUTATION_RE = re.compile(
    r"^(?:Dear\s.{1,60}|Ladies and Gentlemen|Gentlemen|Gentlepersons|To [Ww]hom [Ii]t [Mm]ay "
    r"[Cc]oncern)\s*[:,]$"
)
_DEAR_RE = re.compile(r"^Dear\s[^:,.;]{1,40}:\s")  # salutation run into the letter's text
_RE_WITH_SALUTATION = re.compile(
    r"^(?:.{0,200}?\s)?(?:Re|RE)\s*:\s*(?P<title>.+?)\s+Dear\s[^:]{1,40}:(?:\s|$)"
)
_WITNESS_RE = re.compile(r"^IN WITNESS WHEREOF\b", re.IGNORECASE)
_LETTERHEAD_MAX = 15  # paragraphs above a "Re:" line on its page that belong to the letter
_TOC_LINE_RE = re.compile(
    r"(?:\.\s*){4,}\s*\d+\s*$|\.(?:\s\.)+\s*\d+\s*$|\t\s*\d+\s*$|_{4,}\s*\d+\s*$|…+\s*\d+\s*$"
)
_TOC_TITLE_RE = re.compile(
    r"^(?:TABLE OF CONTENTS|CONTENTS|INDEX)(?:\s*\((?:continued|cont'?d\.?)\))?\s*$",
    re.IGNORECASE,
)
_CLAUSE_RE = re.compile(
    r"^(?P<label>"
    r"(?:Section|SECTION|Sec\.)\s+\d+(?:\.\d+)*[A-Za-z]?\.?"
    r"|\d+[A-Z]?(?:\.\d+)+\.?"
    r"|\d+\.(?=\s)"
    r"|\([a-z]{1,2}\)|\(\d{1,3}\)|\([ivxlc]+\)|\([A-Z]\)"
    r"|[A-Z]\.(?=\s)|[a-z]\.(?=\s)|[a-z]\)(?=\s)|\d{1,2}\)(?=\s)"
    r")\s+(?P<rest>\S.*)$",
    re.DOTALL,
)

_MAX_HEADING_CHARS = 160
_HEADING_START = re.compile(
    r"\s*(?:ART|EXH|APP|SCH|ATT|ADD|SIDE|MEMO|LETTER)", re.IGNORECASE
)


@dataclass
class _OpenUnit:
    kind: UnitKind
    number: str | None
    title: str | None
    heading: str
    page: int | None
    items: list[Item] = field(default_factory=list)
    last_page: int | None = None
    letter: bool = False  # its salutation has been seen: a second one starts another letter


def _title(raw: str | None) -> str | None:
    return (raw or "").strip() or None


def match_heading(
    text: str, *, set_off: bool = False
) -> tuple[UnitKind, str | None, str | None] | None:
    """Return (kind, number, title) when ``text`` is a top-level heading line.

    A heading whose "title" reads as running text (it starts in lower case, "Article 12 of this
    Agreement ...", or ends a clause with ";" or ",") is a cross-reference, not a heading, unless
    ``set_off`` says the line is typographically a heading (bold, heading style), where a title
    typed in lower case ("Article 26 - contract waivers") is still a title.
    """
    if not _HEADING_START.match(text):
        return None  # cheap test first: this runs on every line of a document
    line = " ".join(text.split())
    if not line or len(line) > _MAX_HEADING_CHARS:
        return None
    found: tuple[UnitKind, str | None, str | None] | None = None
    m = _ARTICLE_RE.match(line)
    if m:
        found = UnitKind.ARTICLE, m.group("num").upper(), _title(m.group("title"))
    elif m := _APPENDIX_RE.match(line):
        found = _APPENDIX_WORDS[m.group("word").upper()], m.group("num"), _title(m.group("title"))
    elif m := _SIDELETTER_RE.match(line):
        found = UnitKind.SIDELETTER, m.group("num"), _title(m.group("title"))
    elif (m := _MEMO_RE.match(line)) and line.split()[0].isupper():
        kind = UnitKind.MEMORANDUM if line.upper().startswith("MEMO") else UnitKind.LETTER
        found = kind, m.group("num"), _title(m.group("title"))
    if found is None:
        return None
    title = found[2]
    if title and title.endswith((";", ",")):
        return None
    if title and title[:1].islower() and not set_off:
        return None
    return found


def _looks_like_title(text: str, limit: int = 100) -> bool:
    """Short, capitalised words and no sentence: "Health Plan", "HOURS OF WORK"."""
    if len(text) > limit or text.endswith((";", ",", ":")) or text[:1].islower():
        return False
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if len(w) > 3]
    if not words:
        return bool(text.strip())
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6


def _emphasised(para: Para) -> bool:
    style = para.style
    if style.bold or style.heading_level is not None or style.all_caps:
        return True
    if style.size and style.body_size and style.size > style.body_size * 1.1:
        return True
    letters = [c for c in para.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def match_bare_heading(para: Para, *, plain: bool = False) -> tuple[str, str] | None:
    """(number, title) for a heading printed without the word "Article": "XII. Health Plan".

    Only set-off headings qualify (bold, a heading style, larger type or capitals), with a title
    that reads like one; ``plain=True`` accepts unemphasised ones ("1. Term" in a memorandum set
    in one type), for documents that set off none. Whether the number fits the sequence is the
    caller's judgement.
    """
    text = " ".join(para.text.split())
    if para.label and para.style.heading_level == 1:
        text = f"{para.label.rstrip('.')}. {text}"
    m = _BARE_RE.match(text)
    if not m:
        return None
    if plain:  # no typography to go by: only a short title standing alone will do
        if not _looks_like_title(m.group("title"), limit=80) or m.group("title").endswith("."):
            return None
    # A set-off title may run to several lines ("XXVIIIA. Special Residual Formula for ...").
    elif not _emphasised(para) or not _looks_like_title(m.group("title"), limit=220):
        return None
    return m.group("num"), m.group("title").strip()


def is_toc_line(text: str) -> bool:
    """A contents line: a dot (or underscore, tab) leader running to a page number."""
    tail = text.rstrip()[-1:]
    return tail.isdigit() and bool(_TOC_LINE_RE.search(text))


def split_clause_label(text: str) -> tuple[str | None, str]:
    """Split a typed clause number ("12.3", "(a)", "Section 4.") off the start of ``text``."""
    m = _CLAUSE_RE.match(text)
    if not m:
        return None, text
    return m.group("label").rstrip(), m.group("rest")


def _label_level(label: str) -> int:
    if label.lower().startswith(("section", "sec.")):
        return 1
    if re.fullmatch(r"\d+[A-Z]?(?:\.\d+)+\.?", label):
        return label.rstrip(".").count(".") + 1
    if re.fullmatch(r"\d+\.|[A-Z]\.", label):
        return 1
    if re.fullmatch(r"\([a-z]{1,2}\)|\([A-Z]\)", label):
        return 2
    if re.fullmatch(r"[a-z]\.|[a-z]\)", label):
        return 2
    if re.fullmatch(r"\(\d+\)|\d{1,2}\)", label):
        return 3
    return 4


def _unit_id(kind: UnitKind, number: str | None, ordinal: int, seen: dict[str, int]) -> str:
    if number is None:
        base = f"{kind.value}-n{ordinal}"
    else:
        base = f"{kind.value}-{normalise_label(number, numeric=kind is UnitKind.ARTICLE)}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}~{seen[base]}"


_AMBIGUOUS_ROMAN = {"(i)": "(h)", "(v)": "(u)", "(x)": "(w)"}


def _block_level(label: str, last_letter: str | None) -> int:
    """Nesting depth of a typed label; "(i)" after "(h)" is a letter, elsewhere a numeral."""
    low = label.lower()
    if low in _AMBIGUOUS_ROMAN and last_letter != _AMBIGUOUS_ROMAN[low]:
        return 4
    if re.fullmatch(r"\((?:ii|iii|iv|vi|vii|viii|ix|xi|xii|xiii|xiv|xv)\)", low):
        return 4
    return _label_level(label)


def _blocks(unit_id: str, items: Sequence[Item]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    last_letter: str | None = None
    for i, item in enumerate(items):
        block_id = f"{unit_id}/b{i}"
        if isinstance(item, Table):
            text = "\n".join(" | ".join(row) for row in item.rows)
            blocks.append(Block(block_id, BlockKind.TABLE, text, item.page, rows=item.rows))
            continue
        if not isinstance(item, Para):
            continue
        if item.label:
            label: str | None = item.label
            text = item.text
            level = item.label_level or _label_level(item.label)
        else:
            label, text = split_clause_label(item.text)
            level = _block_level(label, last_letter) if label else 0
            if label and level == 2 and label.startswith("("):
                last_letter = label.lower()
        kind = BlockKind.CLAUSE if label else BlockKind.PARAGRAPH
        blocks.append(
            Block(
                block_id,
                kind,
                text,
                item.page,
                label=label,
                level=level,
                footnote_refs=item.footnote_refs,
            )
        )
    return tuple(blocks)


def _toc_flags(items: Sequence[Item]) -> list[bool]:
    """Which items belong to a table of contents.

    A TOC is a run of dot-leader lines (or a "CONTENTS" title and the lines after it); the short
    lines between two such lines (wrapped entries, "ARTICLE ... PAGE" captions) belong to it, and
    it ends with its last leader line, so an article starting lower on the same page is not lost.
    """
    flags = [False] * len(items)
    marks: list[int] = []
    for i, item in enumerate(items):
        if isinstance(item, Para):
            text = item.text.strip()
            if is_toc_line(text) or _TOC_TITLE_RE.match(text):
                marks.append(i)
    for k, i in enumerate(marks):
        flags[i] = True
        if k + 1 < len(marks) and marks[k + 1] - i <= 8:
            for j in range(i + 1, marks[k + 1]):
                item = items[j]
                if isinstance(item, Para) and len(item.text) <= 160:
                    flags[j] = True
    return flags


def _salutation(para: Para) -> tuple[bool, str | None]:
    """(is the salutation of a letter, the "Re:" title printed on the same paragraph)."""
    text = " ".join(para.text.split())
    if len(text) <= 80 and _SALUTATION_RE.match(text):
        return True, None
    if _DEAR_RE.match(text):
        return True, None
    m = _RE_WITH_SALUTATION.match(text)
    if m:
        return True, m.group("title").strip()
    return False, None


def _is_signatory_run(paras: Sequence[Para]) -> bool:
    """A list of names: many short lines with no sentence in them."""
    if len(paras) < 8:
        return False
    return sum(1 for p in paras if _is_name_line(p.text)) >= 0.8 * len(paras)


def _is_name_line(text: str) -> bool:
    """A party's name: short, a few words, no sentence ("Omega Studios Inc." qualifies)."""
    text = text.strip()
    return len(text) < 60 and len(text.split()) <= 8 and not text.endswith((":", ";"))


def _front_runs(paras: Sequence[Para]) -> list[tuple[bool, list[Para]]]:
    """Split pre-article text into runs: (is a signatory list, paragraphs)."""
    runs: list[tuple[bool, list[Para]]] = []
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and _is_name_line(paras[j].text):
            j += 1
        if j - i >= 8 and _is_signatory_run(paras[i:j]):
            runs.append((True, list(paras[i:j])))
            i = j
            continue
        if runs and not runs[-1][0]:
            runs[-1][1].append(paras[i])
        else:
            runs.append((False, [paras[i]]))
        i += 1
    return runs


def _part(kind: FrontKind, paras: Sequence[Para]) -> FrontPart:
    return FrontPart(kind, "\n".join(p.text for p in paras), paras[0].page, paras[-1].page)


class _Sequence:
    """Keeps bare-number headings honest: each must follow the previous one (XIII, XIIIA, XIV)."""

    def __init__(self) -> None:
        self.last: tuple[int, str] | None = None

    def fits(self, number: str) -> bool:
        value = label_value(number)
        if value is None:
            return False
        if self.last is None:
            return value[0] <= 2
        return self.last < value and value[0] <= self.last[0] + 3

    def take(self, number: str) -> None:
        self.last = label_value(number)


def build_agreement(
    items: Sequence[Item], source: SourceInfo, notices: Sequence[str] = ()
) -> Agreement:
    """Group a paragraph stream into front matter and top-level units."""
    footnotes: list[Footnote] = []
    opened: list[_OpenUnit] = []
    before: list[Para] = []  # everything ahead of the first unit
    ahead_of_toc: list[bool] = []  # per paragraph of ``before``: no TOC line came before it
    toc: list[Para] = []
    signatures: list[Para] = []
    in_signatures = False
    toc_flags = _toc_flags(items)
    explicit_articles = sum(
        1
        for i, it in enumerate(items)
        if isinstance(it, Para) and not toc_flags[i] and _is_article(it)
    )
    bare = _Sequence()
    set_off_bare = sum(
        1
        for i, it in enumerate(items)
        if isinstance(it, Para) and not toc_flags[i] and match_bare_heading(it) is not None
    )
    plain_bare = set_off_bare < 2
    references = _reference_lists(items, toc_flags)
    pending: tuple[UnitKind, str | None, Para] | None = None

    def open_unit(kind: UnitKind, number: str | None, title: str | None, head: str, page: int | None) -> None:
        nonlocal in_signatures
        in_signatures = False
        opened.append(_OpenUnit(kind, number, title, head, page))

    for i, item in enumerate(items):
        if isinstance(item, FootnoteText):
            footnotes.append(Footnote(item.label, item.text, item.page))
            continue
        if isinstance(item, Para):
            text = item.text.strip()
            if toc_flags[i]:
                toc.append(item)
                continue
            if pending is not None:
                kind, number, head = pending
                again = match_heading(text)
                if again is not None and again[:2] == (kind, number) and again[2] is None:
                    continue  # the same heading printed twice (top of page and running footer)
                pending = None
                if _is_title_line(item, kind):
                    open_unit(kind, number, text, f"{head.text}\n{text}", head.page)
                    continue
                open_unit(kind, number, None, head.text, head.page)
            found = (
                None
                if i in references
                else _heading(item, opened, explicit_articles, bare, plain_bare)
            )
            if found and _repeats_open_heading(found, opened):
                continue  # the same heading printed twice (top of page and running footer)
            if found:
                kind, number, title = found
                if kind is UnitKind.ARTICLE and number is not None and label_value(number):
                    bare.take(number)
                if title is None:
                    pending = (kind, number, item)  # the title may be on the next line
                    continue
                open_unit(kind, number, title, _heading_text(item), item.page)
                continue
            is_letter, re_title = _salutation(item)
            if is_letter and opened and opened[-1].page == item.page and not opened[-1].letter:
                opened[-1].letter = True  # the letter under a heading on its page ("Sideletter 3")
            elif is_letter:
                head_items = _take_letterhead(opened, before, item.page)
                del ahead_of_toc[len(before) :]
                title = re_title or _re_title(head_items)
                heading = next(
                    (p.text for p in head_items if isinstance(p, Para) and _RE_LINE.match(p.text)),
                    text,
                )
                start = next((h.page for h in head_items if h.page is not None), item.page)
                open_unit(UnitKind.SIDELETTER, None, title, heading, start)
                opened[-1].letter = True
                opened[-1].items.extend(head_items)
                opened[-1].items.append(item)
                continue
            if opened and _WITNESS_RE.match(text):
                in_signatures = True
            if in_signatures:
                signatures.append(item)
                continue
        if opened:
            opened[-1].items.append(item)
        elif isinstance(item, Para):
            before.append(item)
            ahead_of_toc.append(not toc)

    if pending is not None:
        kind, number, head = pending
        open_unit(kind, number, None, head.text, head.page)

    front: list[FrontPart] = []
    preamble: list[Para] = []
    cover, rest = _split_cover(before, ahead_of_toc, bool(toc))
    for is_list, run in _front_runs(cover):
        front.append(_part(FrontKind.SIGNATORIES if is_list else FrontKind.COVER, run))
    if toc:
        front.append(_part(FrontKind.TOC, toc))
    for is_list, run in _front_runs(rest):
        if is_list:
            front.append(_part(FrontKind.SIGNATORIES, run))
        else:
            preamble.extend(run)
    if signatures:
        front.append(_part(FrontKind.SIGNATORIES, signatures))
    if preamble and opened:
        opened.insert(
            0,
            _OpenUnit(UnitKind.PREAMBLE, None, None, "", preamble[0].page, list(preamble)),
        )
    elif preamble:
        # No heading at all (a memorandum of numbered paragraphs, a short side agreement): the
        # body is one unit, so a comparison still lines it up and diffs it clause by clause.
        opened.append(
            _OpenUnit(UnitKind.DOCUMENT, None, None, "", preamble[0].page, list(preamble))
        )
        notices = (*notices, _no_headings_notice(source))
    return Agreement(source, _units(opened), tuple(front), tuple(footnotes), tuple(notices))


def _no_headings_notice(source: SourceInfo) -> str:
    return (
        f"{PurePath(source.path).name}: no articles, appendices or letters were recognised, so "
        'its whole text is read as one unit ("Document") and compared paragraph by paragraph. If the file has '
        'headings, check that they read like "ARTICLE 12" or "12. Title".'
    )


def _reference_lists(items: Sequence[Item], toc_flags: Sequence[bool]) -> set[int]:
    """Indices of bare "Article 3" lines listed under a sentence ending with a colon ("The
    articles below remain current contract language:"): references, not headings.

    Two or more such lines in a row, in plain type, make a list; a real number-only heading is
    followed by its title or its text, not by another number-only heading.
    """
    found: set[int] = set()
    for i, item in enumerate(items):
        if not isinstance(item, Para) or toc_flags[i] or not item.text.rstrip().endswith(":"):
            continue
        run: list[int] = []
        for j in range(i + 1, len(items)):
            it = items[j]
            if not isinstance(it, Para) or toc_flags[j] or it.label:
                break
            if it.style.bold or it.style.heading_level is not None:
                break
            head = match_heading(it.text.strip())
            if head is None or head[2] is not None:
                break
            run.append(j)
        if len(run) >= 2:
            found.update(run)
    return found


def _repeats_open_heading(
    found: tuple[UnitKind, str | None, str | None], opened: Sequence[_OpenUnit]
) -> bool:
    if not opened or found[1] is None:
        return False
    last = opened[-1]
    return (last.kind, last.number) == found[:2] and not last.items


def _is_article(para: Para) -> bool:
    found = match_heading(para.text) if not para.label else None
    return found is not None and found[0] is UnitKind.ARTICLE


def _heading_text(para: Para) -> str:
    return f"{para.label} {para.text}" if para.label else para.text


def _heading(
    para: Para,
    opened: Sequence[_OpenUnit],
    explicit_articles: int,
    bare: _Sequence,
    plain_bare: bool,
) -> tuple[UnitKind, str | None, str | None] | None:
    """The unit ``para`` opens, if it is a heading."""
    text = para.text.strip()
    if para.label:
        combined = f"{para.label} {text}"
        found = match_heading(combined)
        if found is not None and para.style.heading_level is not None:
            return found
    else:
        set_off = para.style.bold or para.style.heading_level is not None
        found = match_heading(text, set_off=set_off and len(text) <= 100)
        if found is not None:
            if found[2] and found[2].endswith(".") and not _emphasised(para):
                return None  # "Article 11-Leaves." closing a sentence: a cross-reference
            return found
    if explicit_articles >= 2:
        return None  # this agreement says "Article"; a bare "12." is a clause, not an article
    if opened and opened[-1].kind is not UnitKind.ARTICLE:
        return None  # numbered parts of an exhibit or a letter are not articles
    got = match_bare_heading(para)
    if got is None and plain_bare:
        got = match_bare_heading(para, plain=True)
    if got is None or not bare.fits(got[0]):
        return None
    return UnitKind.ARTICLE, got[0].upper(), got[1]


def _is_title_line(para: Para, kind: UnitKind) -> bool:
    """Whether ``para`` is the title printed under a number-only heading ("ARTICLE 12")."""
    text = para.text.strip()
    if not text or match_heading(text) is not None or split_clause_label(text)[0] is not None:
        return False
    if text.endswith((".", ";", ",")) and len(text) > 60:
        return False
    if kind is UnitKind.ARTICLE:
        return len(text) <= _MAX_HEADING_CHARS and _looks_like_title(text)
    return len(text) <= 100 and _emphasised(para) and _looks_like_title(text)


def _take_letterhead(
    opened: list[_OpenUnit], before: list[Para], page: int | None
) -> list[Item]:
    """Paragraphs above a letter's salutation on its page: letterhead, date, addressee, "Re:"."""
    if page is None:
        return []
    tail: list[Item] = opened[-1].items if opened else list(before)
    k = len(tail)
    while k > 0 and getattr(tail[k - 1], "page", None) == page and len(tail) - k < _LETTERHEAD_MAX:
        k -= 1
    if opened and k == 0 and opened[-1].page == page and opened[-1].kind is not UnitKind.SIDELETTER:
        return []  # the whole unit is on this page: it is not a letterhead
    taken = tail[k:]
    if opened:
        del opened[-1].items[k:]
    else:
        del before[k:]
    return taken


def _re_title(head: Sequence[Item]) -> str | None:
    for item in reversed(head):
        if isinstance(item, Para):
            m = _RE_LINE.match(" ".join(item.text.split()))
            if m:
                return m.group("title").strip()
    return None


def _split_cover(
    before: list[Para], ahead_of_toc: list[bool], has_toc: bool
) -> tuple[list[Para], list[Para]]:
    """Cover = what precedes the table of contents; without one, the title lines at the top
    (short lines that are no sentence). Judged by position, not by page, so a DOCX without
    page numbers and its PDF rendition split alike."""
    if has_toc:
        cover = [p for p, ahead in zip(before, ahead_of_toc, strict=True) if ahead]
        return cover, [p for p, ahead in zip(before, ahead_of_toc, strict=True) if not ahead]
    k = 0
    while k < len(before) and _is_title_line_of_cover(before[k].text):
        k += 1
    return before[:k], before[k:]


def _is_title_line_of_cover(text: str) -> bool:
    text = text.strip()
    return len(text) < 100 and not text.endswith((".", ":", ";", ","))


def _units(opened: Sequence[_OpenUnit]) -> tuple[Unit, ...]:
    units: list[Unit] = []
    seen: dict[str, int] = {}
    ordinals: dict[UnitKind, int] = {}
    for ou in opened:
        ordinals[ou.kind] = ordinals.get(ou.kind, 0) + 1
        unit_id = _unit_id(ou.kind, ou.number, ordinals[ou.kind], seen)
        pages = [it.page for it in ou.items if it.page is not None]
        units.append(
            Unit(
                id=unit_id,
                kind=ou.kind,
                number=ou.number,
                title=ou.title,
                heading=ou.heading,
                page_start=ou.page,
                page_end=max(pages) if pages else ou.page,
                blocks=_blocks(unit_id, ou.items),
            )
        )
    return tuple(units)
