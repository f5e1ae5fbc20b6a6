"""'Cite this article': the article's own citation in three styles, RIS and BibTeX
downloads of it and of each reference, through the real page and URLs."""

import datetime
import re

import pytest
from django.test import SimpleTestCase

from articles.factories import ArticlePageFactory, demo_body
from core import citation_exports
from people.factories import PersonFactory

from .conftest import DEMO_REFERENCES

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited_article(series, site_settings):
    page = ArticlePageFactory(
        parent=series,
        title="Demo article 17",
        slug="demo-article-17",
        subtitle="Demo subtitle",
        body=demo_body(references=DEMO_REFERENCES),
        last_reviewed=datetime.date(2025, 3, 5),
    )
    page.article_authors.create(person=PersonFactory(name="Demo Author"), sort_order=0)
    page.save_revision().publish()
    page.refresh_from_db()
    page.first_published_at = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
    page.last_published_at = datetime.datetime(2025, 3, 11, 9, 0, tzinfo=datetime.UTC)
    page.save(update_fields=["first_published_at", "last_published_at"])
    return page


def test_the_article_shows_its_citation_in_three_styles(client, cited_article):
    html = client.get(cited_article.url).content.decode()
    section = html[html.index('<section class="cite-this-article"') :]
    section = section[: section.index("</section>")]
    url = "http://localhost/demo-series/demo-article-17/"
    assert '<h2 id="cite-this-article-heading">Cite this article</h2>' in section
    assert "<summary>Show the citation in APA, AMA and Vancouver style</summary>" in section
    assert (
        '<dt>APA 7th edition</dt>\n            <dd><p class="citation">Author, D. (2025, March 1).'
        " <i>Demo article 17: Demo subtitle</i>. Demo Organisation. "
        f'<a href="{url}">{url}</a></p></dd>'
    ) in section
    assert "<dt>AMA 11th edition</dt>" in section
    assert "Author D. Demo article 17: Demo subtitle. Demo Organisation. March 1, 2025." in section
    assert "<dt>Vancouver (NLM)</dt>" in section
    assert 'Last updated: <time datetime="2025-03-11">11 March 2025</time>' in section
    assert 'Last reviewed: <time datetime="2025-03-05">5 March 2025</time>' in section
    assert f'href="/cite/{cited_article.pk}.ris" download>RIS' in section
    assert f'href="/cite/{cited_article.pk}.bib" download>BibTeX' in section


def test_ris_download_of_the_article(client, cited_article):
    response = client.get(f"/cite/{cited_article.pk}.ris")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="demo-article-17.ris"'
    assert "public" in response["Cache-Control"]
    assert response.content.decode("utf-8").split("\r\n") == [
        "TY  - ELEC",
        "AU  - Author, Demo",
        "TI  - Demo article 17: Demo subtitle",
        "T2  - Demo Organisation",
        "PY  - 2025",
        "DA  - 2025/03/01",
        "UR  - http://localhost/demo-series/demo-article-17/",
        "N1  - Last updated 2025-03-11",
        "N1  - Last reviewed 2025-03-05",
        "ER  - ",
        "",
    ]


def test_bibtex_download_of_the_article(client, cited_article):
    response = client.get(f"/cite/{cited_article.pk}.bib")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="demo-article-17.bib"'
    assert response.content.decode("utf-8") == (
        "@misc{author2025,\n"
        "  author = {Author, Demo},\n"
        "  title = {Demo article 17: Demo subtitle},\n"
        "  howpublished = {Demo Organisation},\n"
        "  year = {2025},\n"
        "  month = {3},\n"
        "  url = {http://localhost/demo-series/demo-article-17/},\n"
        "  note = {Last updated 2025-03-11. Last reviewed 2025-03-05}\n"
        "}\n"
    )


def test_each_reference_has_its_own_ris_download(client, cited_article):
    html = client.get(cited_article.url).content.decode()
    links = re.findall(r'<a class="reference__download" href="([^"]+)" download>RIS', html)
    assert len(links) == len(DEMO_REFERENCES)
    assert '<span class="visually-hidden"> file of reference 2</span>' in html
    response = client.get(links[1])
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="demo-article-17-reference.ris"'
    assert response.content.decode().split("\r\n")[:5] == [
        "TY  - BOOK",
        "AU  - Example, C.",
        "TI  - Demo reference two",
        "PB  - Demo Press",
        "PY  - 2018",
    ]


def test_unknown_references_drafts_and_other_pages_are_404(client, cited_article, series):
    assert client.get(f"/cite/{cited_article.pk}/references/0123456789ab.ris").status_code == 404
    assert client.get(f"/cite/{series.pk}.ris").status_code == 404
    draft = ArticlePageFactory(parent=series, title="Demo draft", live=False)
    assert client.get(f"/cite/{draft.pk}.bib").status_code == 404
    assert client.get("/cite/999999.ris").status_code == 404


class BibtexAndRisEscapingTests(SimpleTestCase):
    """What a title or a name with awkward characters becomes in the downloads."""

    item = {
        "id": "ref",
        "type": "article-journal",
        "title": "Demo {braces} & 100% of $5_#1 ~ ^ \\ title\nwith a new line",
        "author": [{"family": "Démo-Éxample", "given": "Ø."}, {"literal": "Demo Group {X}"}],
        "container-title": "Demo Journal of Examples",
        "issued": {"date-parts": [[2020, 5, 1]]},
        "page": "12–20",
        "DOI": "10.5555/demo_1",
    }

    def test_bibtex_escapes_specials_keeps_accents_and_joins_lines(self):
        entry = citation_exports.to_bibtex(self.item)
        self.assertIn(
            r"title = {Demo \{braces\} \& 100\% of \$5\_\#1 \textasciitilde{} "
            r"\textasciicircum{} \textbackslash{} title with a new line}",
            entry,
        )
        self.assertIn(r"author = {Démo-Éxample, Ø. and {Demo Group \{X\}}}", entry)
        self.assertIn("pages = {12--20}", entry)
        self.assertIn(r"doi = {10.5555/demo\_1}", entry)
        self.assertTrue(entry.startswith("@article{demoexample2020,\n"))
        # Braces balance, so the entry cannot swallow the next one.
        unescaped = re.sub(r"\\[{}]", "", entry)
        self.assertEqual(unescaped.count("{"), unescaped.count("}"))

    def test_ris_keeps_each_value_on_one_line(self):
        record = citation_exports.to_ris(self.item, notes=["Demo note\r\nsecond line"])
        lines = record.split("\r\n")
        self.assertIn("TI  - Demo {braces} & 100% of $5_#1 ~ ^ \\ title with a new line", lines)
        self.assertIn("AU  - Démo-Éxample, Ø.", lines)
        self.assertIn("AU  - Demo Group {X}", lines)
        self.assertIn("SP  - 12", lines)
        self.assertIn("EP  - 20", lines)
        self.assertIn("N1  - Demo note second line", lines)
        self.assertTrue(all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines if line))

    def test_et_al_is_others_in_bibtex_and_left_out_of_ris(self):
        item = {**self.item, "author": [{"family": "Demo", "given": "A."}, {"literal": "et al."}]}
        self.assertIn("author = {Demo, A. and others}", citation_exports.to_bibtex(item))
        self.assertNotIn("et al", citation_exports.to_ris(item))
