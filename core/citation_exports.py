"""CSL-JSON items written as RIS and BibTeX, for reference managers (Zotero, EndNote ...).

Both start from the same CSL item that core.citations formats, so a download says what
the page says. Text is written as UTF-8; line breaks inside a value become spaces (a new
line ends a RIS field), and BibTeX's special characters are escaped so a title with a
brace or "%" cannot break the entry.
"""

import re
import unicodedata

from core.citations import ET_AL_NAME

RIS_TYPES = {
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "report": "RPRT",
    "webpage": "ELEC",
}
BIBTEX_TYPES = {
    "article-journal": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "webpage": "misc",
}
# Where the container title goes in BibTeX, by entry type.
BIBTEX_CONTAINER = {"article": "journal", "incollection": "booktitle", "misc": "howpublished"}
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _one_line(text):
    return " ".join(str(text).split())


def _names(item, role):
    return [name for name in item.get(role, []) if name != ET_AL_NAME]


def _date_parts(item, variable="issued"):
    parts = (item.get(variable) or {}).get("date-parts") or [[]]
    return parts[0]


def _page_range(pages):
    """("12", "20") from "12-20" or "12–20"; ("e123", "") from an article number."""
    match = re.match(r"^\s*(\S+?)\s*[-–—]+\s*(\S+)\s*$", pages)
    return (match[1], match[2]) if match else (pages.strip(), "")


def to_ris(item, notes=()):
    """One RIS record (tags per the RIS spec, CRLF line ends, ending "ER  - ")."""
    lines = [("TY", RIS_TYPES.get(item.get("type"), "GEN"))]
    for role, tag in (("author", "AU"), ("editor", "ED")):
        for name in _names(item, role):
            lines.append((tag, name.get("literal") or f"{name['family']}, {name['given']}"))
    lines.append(("TI", item.get("title", "")))
    if item.get("container-title"):
        tag = "JO" if item.get("type") == "article-journal" else "T2"
        lines.append((tag, item["container-title"]))
    if item.get("publisher"):
        lines.append(("PB", item["publisher"]))
    date = _date_parts(item)
    if date:
        lines.append(("PY", str(date[0])))
        lines.append(
            ("DA", "/".join(f"{part:02d}" if i else str(part) for i, part in enumerate(date)))
        )
    for variable, tag in (("volume", "VL"), ("issue", "IS")):
        if item.get(variable):
            lines.append((tag, item[variable]))
    if item.get("page"):
        start, end = _page_range(item["page"])
        lines.append(("SP", start))
        if end:
            lines.append(("EP", end))
    if item.get("DOI"):
        lines.append(("DO", item["DOI"]))
    if item.get("PMID"):
        lines.append(("AN", f"PMID: {item['PMID']}"))
    url = item.get("URL") or (f"https://doi.org/{item['DOI']}" if item.get("DOI") else "")
    if url:
        lines.append(("UR", url))
    for note in notes:
        lines.append(("N1", note))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def bibtex_escape(text):
    """Text safe inside a BibTeX field: specials escaped, one line, UTF-8 kept as it is."""
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in _one_line(text))


def bibtex_key(item):
    """ "demo2020": the first name's family (ASCII letters only) and the year."""
    names = _names(item, "author") or _names(item, "editor")
    first = names[0] if names else {}
    word = first.get("family") or first.get("literal") or item.get("title") or "ref"
    ascii_word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    letters = re.sub(r"[^a-z]", "", ascii_word.lower().split()[0] if ascii_word.split() else "")
    year = _date_parts(item)[:1]
    return f"{letters or 'ref'}{year[0] if year else ''}"


def _bibtex_names(names):
    written = []
    for name in names:
        if "literal" in name:
            # Double braces: an organisation is one name, not "Family, Given".
            written.append("{" + bibtex_escape(name["literal"]) + "}")
        else:
            written.append(f"{bibtex_escape(name['family'])}, {bibtex_escape(name['given'])}")
    return " and ".join(written)


def to_bibtex(item, notes=()):
    """One BibTeX entry."""
    entry_type = BIBTEX_TYPES.get(item.get("type"), "misc")
    fields = []
    for role in ("author", "editor"):
        names = _names(item, role)
        if names:
            others = " and others" if ET_AL_NAME in item.get(role, []) else ""
            fields.append((role, _bibtex_names(names) + others))
    fields.append(("title", bibtex_escape(item.get("title", ""))))
    if item.get("container-title"):
        field = BIBTEX_CONTAINER.get(entry_type, "journal")
        fields.append((field, bibtex_escape(item["container-title"])))
    if item.get("publisher"):
        field = "institution" if entry_type == "techreport" else "publisher"
        fields.append((field, bibtex_escape(item["publisher"])))
    date = _date_parts(item)
    if date:
        fields.append(("year", str(date[0])))
        if len(date) > 1:
            fields.append(("month", str(date[1])))
    for variable, field in (("volume", "volume"), ("issue", "number"), ("page", "pages")):
        if item.get(variable):
            value = bibtex_escape(item[variable])
            fields.append((field, value.replace("–", "--") if field == "pages" else value))
    if item.get("DOI"):
        fields.append(("doi", bibtex_escape(item["DOI"])))
    if item.get("URL"):
        fields.append(("url", _one_line(item["URL"]).replace("}", "%7D").replace("{", "%7B")))
    if notes:
        fields.append(("note", bibtex_escape(". ".join(notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{bibtex_key(item)},\n{body}\n}}\n"
