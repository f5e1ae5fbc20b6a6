"""Importing articles from the old site's text exports.

The first half tests the parser alone, without a database (pytest-django refuses database
access in tests that do not ask for it, so these prove the parser is pure). The second half
runs the import_articles command (and setup_site) against the real database and pages.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.signals import post_save
from wagtail.models import Page, PageLogEntry, Revision

from articles import importer
from articles.blocks import ArticleBodyBlock, CallToActionBlock, HeadingBlock
from articles.factories import ArticleSeriesPageFactory
from articles.models import ArticlePage
from articles.reference_blocks import ReferenceBlock
from core import citations

SHIPPED = (
    Path(settings.BASE_DIR) / "content" / "articles" / "art-for-clinicians-vicarious-trauma.txt"
)
SHIPPED_TITLE = "ART for Clinicians Experiencing Vicarious Trauma & Compassion Fatigue"
SHIPPED_SLUG = "art-for-clinicians-experiencing-vicarious-trauma-compassion-fatigue"
NEXT_TITLE = "ART for Medical Providers Affected by Workplace Violence"

SHIPPED_HEADINGS = [
    "How Vicarious Trauma Develops in Medical Practice",
    "Common Signs of Vicarious Trauma",
    "Why Medical Providers Are Especially Vulnerable",
    "How ART Supports Providers Carrying Secondary Trauma",
    "Reclaiming Presence and Fulfillment in Clinical Work",
]
# How each section's paragraph starts and ends in the export.
SHIPPED_PARAGRAPHS = [
    ("Medical professionals are exposed", "or increasingly numb."),
    ("Providers may notice irritability,", "and sleep disruption."),
    ("Healthcare training emphasizes resilience", "relive each painful detail."),
    ("ART helps the brain safely integrate", "increased emotional capacity."),
    ("Healing vicarious trauma strengthens", "long and meaningful medical career."),
]
SHIPPED_CALL_TO_ACTION = {
    "heading": "",
    "text": (
        "If you’re feeling the weight of your patients’ trauma, ART can help you reclaim your "
        "emotional balance."
    ),
    "button_label": "Book an ART session today",
    "page": None,
    "url": "",
}


def inline_values(references_block):
    """The reference values of an imported References block (all typed inline)."""
    entries = references_block["value"]["references"]
    assert {entry["type"] for entry in entries} == {"reference"}
    return [entry["value"] for entry in entries]


def reference(**fields):
    return {
        "kind": "article-journal",
        "authors": "",
        "organisation": False,
        "year": None,
        "title": "",
        "source": "",
        "volume": "",
        "issue": "",
        "pages": "",
        "doi": "",
        "pmid": "",
        "url": "",
        "peer_reviewed": True,
        **fields,
    }


SHIPPED_REFERENCES = [
    reference(
        authors="Cocker, F. & Joss, N.",
        year=2016,
        title="Compassion fatigue in healthcare",
        source="International Journal of Environmental Research and Public Health",
    ),
    reference(
        authors="Craig, C.",
        year=2014,
        title="Vicarious trauma in clinicians",
        source="Journal of Mental Health Counseling",
    ),
    reference(authors="Kip, K. E.", year=2013, title="ART outcomes", source="Behavioral Sciences"),
    reference(
        kind="book",
        authors="Figley, C.",
        year=1995,
        title="Compassion Fatigue: Coping With Secondary Traumatic Stress Disorder",
    ),
]


def shipped_bytes():
    return SHIPPED.read_bytes()


def demo_export(
    number,
    *,
    next_title=None,
    previous_title=None,
    call_to_action=True,
    references=True,
    bullet="•",
):
    """A visibly synthetic export in the old site's format."""
    lines = [
        f"Demo article {number}",
        "",
        f"Demo subtitle {number}",
        "",
        "Demo section one",
        "",
        f"Demo paragraph for article {number}. It has a second sentence.",
        "",
        "Demo section two",
        "",
        "Another demo paragraph, for testing only.",
    ]
    if call_to_action:
        lines += ["", "Call to Action", "", "Demo invitation text.", "Demo button label."]
    if references:
        lines += [
            "",
            "Peer-Reviewed References",
            "",
            f"  {bullet} Demo, A. & Sample, B. (2020). Demo article title. Demo Journal.",
            "",
            f"  {bullet} Example, C. (2019). Demo book title.",
        ]
    if next_title:
        lines += ["", "Next", "Next", "", next_title]
    if previous_title:
        lines += ["", "Previous", "", previous_title]
    return "\n".join(lines) + "\n"


# --- The parser, without a database -------------------------------------------------------


def test_shipped_article_parses_to_exactly_the_expected_blocks():
    article = importer.parse_export(shipped_bytes())

    assert article.title == SHIPPED_TITLE
    assert article.subtitle == "Healing Vicarious Trauma in Healthcare Professionals"
    assert [block["type"] for block in article.body] == [
        *["heading", "paragraph"] * 5,
        "call_to_action",
        "references",
    ]
    headings = article.body[0:10:2]
    paragraphs = article.body[1:10:2]
    assert [block["value"] for block in headings] == SHIPPED_HEADINGS
    for block, (start, end) in zip(paragraphs, SHIPPED_PARAGRAPHS, strict=True):
        assert block["value"].startswith(f"<p>{start}")
        assert block["value"].endswith(f"{end}</p>")
        assert block["value"].count("<p>") == 1
    assert article.body[10]["value"] == SHIPPED_CALL_TO_ACTION
    assert article.body[11]["value"] == {
        "heading": "Peer-Reviewed References",
        "references": [{"type": "reference", "value": value} for value in SHIPPED_REFERENCES],
    }
    assert article.next_title == NEXT_TITLE
    assert article.previous_title == ""
    assert article.warnings == []
    assert article.slug == SHIPPED_SLUG


def test_shipped_article_keeps_curly_quotes_and_dashes_as_written():
    article = importer.parse_export(shipped_bytes())
    paragraphs = " ".join(b["value"] for b in article.body if b["type"] == "paragraph")
    assert "pressure to “stay strong,” leading" in paragraphs
    assert "strengthens providers’ connection" in paragraphs
    assert "vicarious trauma—emotional residue" in paragraphs


def test_summary_is_the_first_sentences_of_the_first_paragraph():
    article = importer.parse_export(shipped_bytes())
    assert article.summary == (
        "Medical professionals are exposed to the suffering of others daily. They hear "
        "traumatic stories, witness pain, and navigate emotionally charged conversations."
    )


def test_a_long_first_sentence_is_trimmed_to_the_summary_limit():
    sentence = "Demo " + "words " * 80 + "end."
    article = importer.parse_article(f"Demo article 1\nDemo subtitle\n{sentence}\n")
    assert len(article.summary) <= 300
    assert article.summary.endswith("…")
    assert sentence.startswith(article.summary[:-1])


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda data: data.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda data: b"\xef\xbb\xbf" + data, id="bom"),
        pytest.param(lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"), id="bom-crlf"),
        pytest.param(lambda data: data.replace(b"\n", b"\r"), id="cr"),
        pytest.param(
            # Word and web exports put non-breaking spaces in blank lines and between words.
            lambda data: (
                data.replace(b"\n\n", "\n\u00a0\n".encode())
                .replace(b"Vicarious Trauma ", "Vicarious\u00a0Trauma ".encode())
                .replace(b"  \xe2\x80\xa2", "\u00a0\u00a0\u2022".encode())
            ),
            id="non-breaking-spaces",
        ),
        pytest.param(lambda data: data.replace(b"\n", b" \t\n"), id="trailing-whitespace"),
    ],
)
def test_line_ends_byte_order_mark_and_spaces_give_the_same_result(variant):
    original = importer.parse_export(shipped_bytes())
    data = variant(shipped_bytes())
    assert data != shipped_bytes()
    assert importer.parse_export(data) == original


@pytest.mark.parametrize(
    "bullet",
    ["-", "*", "–", "·", "1.", "1)", "[1]", ""],
    ids=[
        "hyphen",
        "asterisk",
        "en-dash",
        "middle-dot",
        "number",
        "number-paren",
        "bracket",
        "none",
    ],
)
def test_other_bullet_styles_give_the_same_references(bullet):
    text = shipped_bytes().decode()
    number = 0

    def numbered(_match):
        nonlocal number
        number += 1
        return bullet.replace("1", str(number)) + (" " if bullet else "")

    variant = re.sub(r"  • ", numbered, text)
    assert number == 4
    references = inline_values(importer.parse_article(variant).body[-1])
    assert references == SHIPPED_REFERENCES


def test_a_references_section_not_called_peer_reviewed_does_not_claim_peer_review():
    text = demo_export(1).replace("Peer-Reviewed References", "References")
    block = importer.parse_article(text).body[-1]
    assert block["value"]["heading"] == "References"
    assert [r["peer_reviewed"] for r in inline_values(block)] == [False, False]


def test_a_reference_with_volume_issue_pages_and_doi_is_read_into_its_fields():
    value, readable = importer.parse_reference(
        "1. Demo, A., Sample, B., & Example, C. D. (2021). Demo title: A synthetic study? "
        "Demo Journal of Examples, 12(3), 45–67. https://doi.org/10.1234/demo.5678"
    )
    assert readable
    assert value == reference(
        authors="Demo, A., Sample, B., & Example, C. D.",
        year=2021,
        title="Demo title: A synthetic study?",
        source="Demo Journal of Examples",
        volume="12",
        issue="3",
        pages="45–67",
        doi="10.1234/demo.5678",
    )


def test_an_unreadable_reference_is_kept_whole_with_a_warning_and_stays_valid():
    entry = "Demo A, Sample B. A Vancouver-style demo entry. Demo J. 2020;3(2):1-9."
    text = demo_export(1).replace("Example, C. (2019). Demo book title.", entry)
    article = importer.parse_article(text)

    references = inline_values(article.body[-1])
    assert references[1]["title"] == entry
    assert references[1]["authors"] == importer.UNREAD_REFERENCE_AUTHORS
    assert article.warnings == [
        "reference 2 could not be read and was kept whole as its title (check it in the "
        f'admin): "{entry}"'
    ]
    # The editor can save the page as it is, and the reference still formats.
    block = ArticleBodyBlock()
    block.clean(block.to_python(article.body))
    assert entry in citations.format_reference(references[1], "apa")


def test_an_article_without_references_or_call_to_action():
    article = importer.parse_article(demo_export(1, call_to_action=False, references=False))
    assert [block["type"] for block in article.body] == ["heading", "paragraph"] * 2
    assert article.body[2]["value"] == "Demo section two"


def test_an_article_without_references_keeps_its_call_to_action_last():
    article = importer.parse_article(demo_export(1, references=False))
    assert article.body[-1] == {
        "type": "call_to_action",
        "value": {
            "heading": "",
            "text": "Demo invitation text.",
            "button_label": "Demo button label",
            "page": None,
            "url": "",
        },
    }


def test_html_in_the_text_is_escaped_not_trusted():
    text = (
        "Demo <b>article</b> 1\n\nDemo subtitle\n\nDemo <em>section</em>\n\n"
        'Demo <script>alert("x")</script> & more.\n\n'
        "- Demo <i>item</i>\n- Second & last\n"
    )
    article = importer.parse_article(text)
    assert article.title == "Demo <b>article</b> 1"  # plain text; templates escape it
    assert article.body == [
        {"type": "heading", "value": "Demo <em>section</em>"},
        {
            "type": "paragraph",
            "value": "<p>Demo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more.</p>",
        },
        {
            "type": "paragraph",
            "value": "<ul><li>Demo &lt;i&gt;item&lt;/i&gt;</li><li>Second &amp; last</li></ul>",
        },
    ]


@pytest.mark.parametrize(
    ("text", "next_title", "previous_title"),
    [
        ("Next: Demo article 2", "Demo article 2", ""),
        ("Next article – Demo article 2", "Demo article 2", ""),
        ("Previous\n\nDemo article 0", "", "Demo article 0"),
        ("← Previous\nDemo article 0\nNext →\nDemo article 2", "Demo article 2", "Demo article 0"),
    ],
)
def test_next_and_previous_links_in_their_usual_forms(text, next_title, previous_title):
    article = importer.parse_article(demo_export(1, references=False) + "\n" + text)
    assert (article.next_title, article.previous_title) == (next_title, previous_title)
    assert article.body[-1]["type"] == "call_to_action"


def test_a_repeated_title_line_is_not_the_subtitle():
    article = importer.parse_article("Demo article 1\nDemo article 1\n" + demo_export(1))
    assert article.subtitle == "Demo subtitle 1"


def test_a_one_paragraph_article_has_no_subtitle():
    article = importer.parse_article("Demo article 1\n\nDemo single paragraph.\n")
    assert article.subtitle == ""
    assert article.body == [{"type": "paragraph", "value": "<p>Demo single paragraph.</p>"}]


@pytest.mark.parametrize(
    ("limit", "max_length"),
    [
        (importer.TITLE_MAX_LENGTH, ArticlePage._meta.get_field("title").max_length),
        (importer.SUBTITLE_MAX_LENGTH, ArticlePage._meta.get_field("subtitle").max_length),
        (importer.SUMMARY_MAX_LENGTH, ArticlePage._meta.get_field("summary").max_length),
        (importer.HEADING_MAX_LENGTH, HeadingBlock.MAX_LENGTH),
        (
            importer.BUTTON_LABEL_MAX_LENGTH,
            CallToActionBlock.base_blocks["button_label"].field.max_length,
        ),
        (
            importer.REFERENCE_TITLE_MAX_LENGTH,
            ReferenceBlock.base_blocks["title"].field.max_length,
        ),
    ],
    ids=["title", "subtitle", "summary", "heading", "button-label", "reference-title"],
)
def test_the_importers_limits_are_the_fields_own(limit, max_length):
    assert limit == max_length


def test_a_heading_at_the_blocks_limit_is_a_heading_and_a_longer_one_is_text():
    at_limit = "Demo heading " + "x" * (HeadingBlock.MAX_LENGTH - len("Demo heading "))
    body_block = ArticleBodyBlock()
    for line, kind in ((at_limit, "heading"), (at_limit + "x", "paragraph")):
        article = importer.parse_article(f"Demo article 1\nDemo subtitle\n{line}\nDemo text.\n")
        assert article.body[0]["type"] == kind
        body_block.clean(body_block.to_python(article.body))  # valid either way


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b" \r\n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file (it contains binary data)"),
        (
            "Démo article\n\nDémo text.\n".encode("latin-1"),
            "is not UTF-8 text (byte 0xe9 at position 1); save it as UTF-8 and import it again",
        ),
        ("Demo article\n".encode("utf-16"), "is UTF-16 text; save it as UTF-8 and import it again"),
        (
            b"Demo\x1b[31m article\nDemo text.\n",
            "is not a text file (it contains control characters)",
        ),
        (b"Demo article 1\n\n", "has a title but no article text after it"),
        (b"Next\nDemo article 2\n", 'has no title: its first line is "Next"'),
        (b"- Demo item\nDemo text.\n", 'has no title: its first line is "- Demo item"'),
        (
            b"***\nDemo text.\n",
            'has no title: its first line "***" has no letters or digits to make a web address '
            "from",
        ),
        (
            ("Demo sentence. " * 20).encode() + b"\nDemo text.\n",
            "has no title: its first line is a paragraph of 299 characters (a title has at most "
            "255)",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "latin-1",
        "utf-16",
        "control",
        "title-only",
        "next",
        "list",
        "symbols",
        "paragraph",
    ],
)
def test_bad_exports_fail_with_the_reason(data, reason):
    with pytest.raises(importer.ArticleImportError) as error:
        importer.parse_export(data)
    assert str(error.value) == reason


# --- The import_articles command, on the real database -------------------------------------


def write(folder, name, text):
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def import_articles(*paths, **options):
    """Run the command; return (stdout, stderr). CommandError propagates."""
    out, err = StringIO(), StringIO()
    options.setdefault("series", "Demo series")
    if options.get("publish"):
        options.setdefault("skip_clinical_review", True)
    call_command("import_articles", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def articles_in(series):
    return [page.title for page in ArticlePage.objects.child_of(series).order_by("path")]


def test_import_creates_a_draft_for_review_without_publish(series, tmp_path):
    path = write(tmp_path, "demo-1.txt", demo_export(1))
    out, err = import_articles(path)

    page = ArticlePage.objects.get()
    assert page.get_parent().pk == series.pk
    assert not page.live
    assert page.latest_revision is not None
    assert page.slug == "demo-article-1"
    assert page.subtitle == "Demo subtitle 1"
    assert page.summary == "Demo paragraph for article 1. It has a second sentence."
    assert 'demo-1.txt: created "Demo article 1" (draft, not published)' in out
    assert out.endswith("created 1, updated 0, failed 0\n")
    assert err == ""


def test_import_with_publish_publishes_the_shipped_article_with_its_blocks(series, client):
    import_articles(SHIPPED, publish=True)

    page = ArticlePage.objects.get(slug=SHIPPED_SLUG)
    assert page.live
    assert [text for text, _anchor in page.headings] == SHIPPED_HEADINGS
    assert [dict(r) for r in page.references] == SHIPPED_REFERENCES
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Figley, C. (1995). <i>Compassion Fatigue: Coping With Secondary Traumatic" in html


def test_importing_twice_updates_the_same_page_with_a_new_revision(series, tmp_path):
    path = write(tmp_path, "demo-1.txt", demo_export(1))
    import_articles(path, publish=True)
    page = ArticlePage.objects.get()

    out, _err = import_articles(path, publish=True)

    assert ArticlePage.objects.count() == 1
    assert Revision.objects.for_instance(page).count() == 2
    page.refresh_from_db()
    assert page.live
    assert not page.has_unpublished_changes
    assert "no changes to its content" in out
    assert out.endswith("created 0, updated 1, failed 0\n")


def test_a_reimport_without_publish_leaves_the_live_version_alone(series, tmp_path):
    path = write(tmp_path, "demo-1.txt", demo_export(1))
    import_articles(path, publish=True)
    write(tmp_path, "demo-1.txt", demo_export(1).replace("Demo subtitle 1", "Demo subtitle new"))

    out, _err = import_articles(path)

    page = ArticlePage.objects.get()
    assert page.live
    assert page.subtitle == "Demo subtitle 1"  # what visitors see
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().subtitle == "Demo subtitle new"
    assert "with a new revision (draft, not published); changed: subtitle" in out


def test_an_editors_summary_survives_a_reimport(series, tmp_path):
    path = write(tmp_path, "demo-1.txt", demo_export(1))
    import_articles(path, publish=True)
    page = ArticlePage.objects.get()
    page.summary = "Demo summary written by an editor."
    page.save_revision().publish()

    import_articles(path, publish=True)

    page.refresh_from_db()
    assert page.summary == "Demo summary written by an editor."


def test_dry_run_writes_nothing_and_says_what_it_would_do(series, tmp_path):
    write(tmp_path, "demo-1.txt", demo_export(1, next_title="Demo article 2"))
    counts = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())

    out, err = import_articles(tmp_path, publish=True, dry_run=True)

    assert (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == counts
    assert 'would create "Demo article 1" (published)' in out
    assert 'would create the draft placeholder "Demo article 2"' in out
    assert out.endswith(
        "Dry run, nothing was written. Would have: created 1, updated 0, failed 0 "
        "(and 1 draft placeholder(s))\n"
    )
    assert err == ""


def test_dry_run_of_a_changed_article_lists_the_changes_and_keeps_the_page(series, tmp_path):
    path = write(tmp_path, "demo-1.txt", demo_export(1))
    import_articles(path, publish=True)
    write(tmp_path, "demo-1.txt", demo_export(1, references=False))
    revisions = Revision.objects.count()

    out, _err = import_articles(path, publish=True, dry_run=True)

    assert 'would update "Demo article 1" with a new revision (published); changed: body' in out
    assert Revision.objects.count() == revisions
    assert ArticlePage.objects.get().references  # still there


def test_next_link_creates_a_draft_placeholder_that_a_later_import_fills(series, tmp_path):
    first = write(tmp_path, "demo-1.txt", demo_export(1, next_title="Demo article 2"))
    out, _err = import_articles(first, publish=True)

    assert articles_in(series) == ["Demo article 1", "Demo article 2"]
    placeholder = ArticlePage.objects.get(title="Demo article 2")
    assert not placeholder.live
    assert list(placeholder.body) == []
    assert 'created the draft placeholder "Demo article 2" for the next article' in out

    second = write(tmp_path, "demo-2.txt", demo_export(2, previous_title="Demo article 1"))
    out, _err = import_articles(second, publish=True)

    filled = ArticlePage.objects.get(title="Demo article 2")
    assert filled.pk == placeholder.pk
    assert filled.live
    assert filled.subtitle == "Demo subtitle 2"
    assert articles_in(series) == ["Demo article 1", "Demo article 2"]
    assert 'filled the placeholder "Demo article 2" (published)' in out
    assert out.endswith("created 0, updated 1, failed 0\n")
    # The series now reads in order, with working previous/next links.
    first_page = ArticlePage.objects.get(title="Demo article 1")
    assert first_page.next_article.pk == filled.pk


def test_a_placeholder_is_never_published_even_with_publish(series, tmp_path):
    import_articles(
        write(tmp_path, "demo-1.txt", demo_export(1, next_title="Demo article 2")), publish=True
    )
    placeholder = ArticlePage.objects.get(title="Demo article 2")
    assert not placeholder.live
    assert placeholder.first_published_at is None


def test_next_and_previous_place_the_article_beside_an_existing_one(series, tmp_path):
    import_articles(write(tmp_path, "demo-1.txt", demo_export(1)))
    import_articles(write(tmp_path, "demo-2.txt", demo_export(2)))
    import_articles(write(tmp_path, "demo-3.txt", demo_export(3)))

    # Imported last, but its "Next" link puts it before article 2.
    out, _err = import_articles(
        write(tmp_path, "demo-4.txt", demo_export(4, next_title="Demo article 2"))
    )
    assert articles_in(series) == [
        "Demo article 1",
        "Demo article 4",
        "Demo article 2",
        "Demo article 3",
    ]
    assert 'placed it before "Demo article 2"' in out

    # A "Previous" link puts article 1 after article 3.
    import_articles(write(tmp_path, "demo-1.txt", demo_export(1, previous_title="Demo article 3")))
    assert articles_in(series) == [
        "Demo article 4",
        "Demo article 2",
        "Demo article 3",
        "Demo article 1",
    ]

    # Importing again changes nothing in the order.
    out, _err = import_articles(tmp_path / "demo-1.txt")
    assert articles_in(series) == [
        "Demo article 4",
        "Demo article 2",
        "Demo article 3",
        "Demo article 1",
    ]
    assert "placed" not in out


def test_a_bad_file_among_good_ones_fails_alone_with_one_line(series, tmp_path):
    write(tmp_path, "a-good.txt", demo_export(1))
    write(tmp_path, "b-empty.txt", "")
    write(tmp_path, "c-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    write(tmp_path, "d-latin1.txt", "Démo article\n\nDémo text.\n".encode("latin-1"))
    write(tmp_path, "e-no-title.txt", "- Demo item\nDemo text.\n")
    write(tmp_path, "f-good.txt", demo_export(2).replace("\n", "\r\n"))
    write(tmp_path, "notes.md", "Not an export: ignored in a folder.")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="4 file"):
        call_command("import_articles", str(tmp_path), series="Demo series", stdout=out, stderr=err)

    assert articles_in(series) == ["Demo article 1", "Demo article 2"]
    assert err.getvalue().splitlines() == [
        f"{tmp_path / 'b-empty.txt'}: is empty",
        f"{tmp_path / 'c-binary.txt'}: is not a text file (it contains binary data)",
        f"{tmp_path / 'd-latin1.txt'}: is not UTF-8 text (byte 0xe9 at position 1); save it "
        "as UTF-8 and import it again",
        f'{tmp_path / "e-no-title.txt"}: has no title: its first line is "- Demo item"',
    ]
    assert out.getvalue().endswith("created 2, updated 0, failed 4\n")


def test_a_file_that_fails_while_writing_leaves_nothing_behind(series, tmp_path):
    write(tmp_path, "demo-1.txt", demo_export(1))
    write(tmp_path, "demo-2.txt", demo_export(2, next_title="Demo article 3"))

    # Fail at the very end of article 2: after its page, revisions and publishing, while
    # saving the placeholder for article 3.
    def fail_on_placeholder(sender, instance, **kwargs):
        if instance.object_str == "Demo article 3":
            raise RuntimeError("demo failure while writing")

    post_save.connect(fail_on_placeholder, sender=Revision)
    try:
        out, err = StringIO(), StringIO()
        with pytest.raises(CommandError):
            call_command(
                "import_articles",
                str(tmp_path),
                series="Demo series",
                publish=True,
                skip_clinical_review=True,
                stdout=out,
                stderr=err,
            )
    finally:
        post_save.disconnect(fail_on_placeholder, sender=Revision)

    assert err.getvalue() == (
        f"{tmp_path / 'demo-2.txt'}: could not be imported: RuntimeError: demo failure while "
        "writing\n"
    )
    assert out.getvalue().endswith("created 1, updated 0, failed 1\n")
    # Article 2's page, revisions, log entries and placeholder were all rolled back.
    assert articles_in(series) == ["Demo article 1"]
    assert not Revision.objects.filter(object_str__in=["Demo article 2", "Demo article 3"]).exists()
    assert not PageLogEntry.objects.filter(label="Demo article 2").exists()


def test_a_missing_series_is_a_one_line_error(db, tmp_path):
    path = write(tmp_path, "demo-1.txt", demo_export(1))
    with pytest.raises(CommandError, match='There is no series called "Demo nowhere"'):
        import_articles(path, series="Demo nowhere")
    assert not ArticlePage.objects.exists()


def test_the_only_series_is_used_when_none_is_named(series, tmp_path):
    import_articles(write(tmp_path, "demo-1.txt", demo_export(1)), series=None)
    assert articles_in(series) == ["Demo article 1"]


def test_several_series_need_a_name(series, tmp_path):
    ArticleSeriesPageFactory(parent=series.get_parent(), title="Demo series two")
    path = write(tmp_path, "demo-1.txt", demo_export(1))
    with pytest.raises(CommandError, match="There are several series: name one with --series"):
        import_articles(path, series=None)
    assert not ArticlePage.objects.exists()


def test_a_missing_path_fails_and_the_others_import(series, tmp_path):
    path = write(tmp_path, "demo-1.txt", demo_export(1))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_articles",
            str(tmp_path / "nowhere.txt"),
            str(path),
            series="Demo series",
            stdout=out,
            stderr=err,
        )
    assert err.getvalue() == f"{tmp_path / 'nowhere.txt'}: no such file or folder\n"
    assert articles_in(series) == ["Demo article 1"]


def test_html_in_an_export_is_escaped_on_the_published_page(series, tmp_path, client):
    text = (
        demo_export(1)
        .replace("Demo section one", "Demo <script>alert(1)</script> section")
        .replace("Another demo paragraph", 'Demo <img src=x onerror="alert(2)"> paragraph')
        .replace("Demo invitation text.", "Demo <b>invitation</b> text.")
        .replace("Demo article title.", "Demo <i>title</i>.")
    )
    import_articles(write(tmp_path, "demo-1.txt", text), publish=True)

    html = client.get(ArticlePage.objects.get().url).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "<b>invitation</b>" not in html
    assert "<i>title</i>" not in html
    assert "Demo &lt;script&gt;alert(1)&lt;/script&gt; section" in html
    assert "Demo &lt;img src=x onerror=&quot;alert(2)&quot;&gt; paragraph" in html
    assert "Demo &lt;b&gt;invitation&lt;/b&gt; text." in html
    assert "Demo &lt;i&gt;title&lt;/i&gt;" in html


def test_an_unreadable_reference_is_imported_with_a_warning_and_renders(series, tmp_path, client):
    entry = "Demo A, Sample B. A Vancouver-style demo entry. Demo J. 2020;3(2):1-9."
    path = write(
        tmp_path,
        "demo-1.txt",
        demo_export(1).replace("Example, C. (2019). Demo book title.", entry),
    )

    _out, err = import_articles(path, publish=True)

    assert f"{path}: warning: reference 2 could not be read and was kept whole" in err
    page = ArticlePage.objects.get()
    ArticleBodyBlock().clean(page.body)  # an editor can save it unchanged
    response = client.get(page.url)
    assert response.status_code == 200
    assert "A Vancouver-style demo entry" in response.content.decode()


# --- setup_site on an empty database (what `make run` does) ----------------------------------


def test_setup_site_imports_and_publishes_the_shipped_article(db, client, two_factor_verified):
    call_command("setup_site", stdout=StringIO(), stderr=StringIO())

    response = client.get(f"/art-for-healthcare-professionals/{SHIPPED_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<h1 id="article-title">ART for Clinicians Experiencing Vicarious Trauma &amp; '
        "Compassion Fatigue</h1>" in html
    )
    assert "Healing Vicarious Trauma in Healthcare Professionals" in html
    for heading in SHIPPED_HEADINGS:
        assert f">{heading}</h2>" in html
    assert SHIPPED_CALL_TO_ACTION["text"] in html
    # The references, formatted in the site's citation style (APA by default).
    for value in SHIPPED_REFERENCES:
        assert citations.format_reference(value, "apa") in html
    assert (
        "Cocker, F., &amp; Joss, N. (2016). Compassion fatigue in healthcare. "
        "<i>International Journal of Environmental Research and Public Health</i>."
    ) in html

    article = ArticlePage.objects.get(slug=SHIPPED_SLUG)
    assert article.get_parent().title == "ART for Healthcare Professionals"
    body = list(article.body)
    assert body[-2].block_type == "call_to_action"
    assert body[-2].value["button_label"] == "Book an ART session today"

    placeholder = article.get_next_sibling().specific
    assert placeholder.title == NEXT_TITLE
    assert not placeholder.live
    assert placeholder.latest_revision is not None  # waiting in the admin as a draft
    assert (
        client.get(
            "/art-for-healthcare-professionals/art-for-medical-providers-affected-by-workplace-violence/"
        ).status_code
        == 404
    )
    assert ArticlePage.objects.count() == 2

    # Editors find the placeholder as a draft in the series, in the admin.
    client.force_login(get_user_model().objects.get(username="admin"))
    explorer = client.get(f"/admin/pages/{article.get_parent().pk}/")
    assert explorer.status_code == 200
    listing = explorer.content.decode()
    assert NEXT_TITLE in listing
    assert listing.index(SHIPPED_TITLE.replace("&", "&amp;")) < listing.index(NEXT_TITLE)
    edit = client.get(f"/admin/pages/{placeholder.pk}/edit/")
    assert edit.status_code == 200
    assert "Draft" in edit.content.decode()


def test_publish_is_refused_unless_clinical_review_is_skipped_on_purpose(series):
    with pytest.raises(CommandError, match="without clinical review"):
        import_articles(SHIPPED, publish=True, skip_clinical_review=False)
    assert not ArticlePage.objects.child_of(series).exists()  # nothing written


def test_the_command_help_says_publish_skips_clinical_review():
    from articles.management.commands.import_articles import Command

    text = " ".join(Command().create_parser("manage.py", "import_articles").format_help().split())
    assert "--skip-clinical-review" in text
    assert "only for the shipped seed content" in text
