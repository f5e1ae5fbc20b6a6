"""The retraction check: Crossref's notices (recorded server, network off) recorded per DOI
by the command and the scheduled task, and shown in the article's editorial checks."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.factories import ArticlePageFactory, demo_body, demo_reference
from articles.models import DoiCheck
from articles.references.notices import notices_in_work
from articles.references.tasks import check_cited_retractions
from articles.review.editorial_checks import article_problems

from .recorded_lookup import (
    CONCERN_DOI,
    CORRECTED_DOI,
    CROSSREF_WORKS,
    DEMO_DOI,
    MALFORMED_DOI,
    NOT_A_WORK_DOI,
    RELATION_RETRACTED_DOI,
    RETRACTED_BOTH_DOI,
    RETRACTED_DOI,
    RETRACTION_NOTICE_DOI,
    SERVER_ERROR_DOI,
    RecordedApiHandler,
    closed_port,
)

MISSING_DOI = "10.5555/demo.not-in-crossref"


def cite(series, title, *dois, publish=True):
    references = [demo_reference(n, doi=doi) for n, doi in enumerate(dois, start=1)]
    page = ArticlePageFactory(parent=series, title=title, body=demo_body(references=references))
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def run(*args):
    out = StringIO()
    call_command("check_retractions", *args, stdout=out)
    return out.getvalue()


def crossref_requests():
    return [path for path in RecordedApiHandler.requests if path.startswith("/crossref/")]


def test_a_notice_reported_by_the_publisher_and_retraction_watch_is_kept_once():
    notices = notices_in_work(CROSSREF_WORKS[RETRACTED_BOTH_DOI]["message"])
    assert notices == [
        {
            "kind": "retraction",
            "status": "retracted",
            "doi": "10.5555/demo.notice-both",
            "date": "2023-06-01",
            "label": "Retraction",
            "source": "the publisher and Retraction Watch",
        },
        {
            "kind": "erratum",
            "status": "corrected",
            "doi": "10.5555/demo.erratum",
            "date": "2021-02-01",
            "label": "Erratum",
            "source": "the publisher",
        },
    ]


@pytest.mark.django_db
def test_the_command_records_what_crossref_says_about_every_cited_doi(series, recorded_lookup):
    cite(series, "Demo article 1", RETRACTED_DOI, CORRECTED_DOI, CONCERN_DOI, DEMO_DOI)
    cite(series, "Demo article 2", RETRACTED_BOTH_DOI, RELATION_RETRACTED_DOI, MISSING_DOI)
    draft = cite(series, "Demo article 3", RETRACTION_NOTICE_DOI)
    # Only the latest draft cites these: they are checked too.
    draft.body = demo_body(
        references=[demo_reference(1, doi=MALFORMED_DOI), demo_reference(2, doi=NOT_A_WORK_DOI)]
    )
    draft.save_revision()

    output = run()

    statuses = dict(DoiCheck.objects.values_list("doi", "status"))
    assert statuses == {
        RETRACTED_DOI: "retracted",
        RETRACTED_BOTH_DOI: "retracted",
        RELATION_RETRACTED_DOI: "retracted",
        CORRECTED_DOI: "corrected",
        CONCERN_DOI: "concern",
        DEMO_DOI: "ok",
        RETRACTION_NOTICE_DOI: "ok",  # a notice's own "update-to" is about another work
        MISSING_DOI: "failed",
        MALFORMED_DOI: "failed",
        NOT_A_WORK_DOI: "failed",
    }
    assert output.strip() == (
        "Checked 10 DOI(s): 3 retracted, 1 with an expression of concern, 1 corrected, "
        "2 without notices, 3 could not be checked."
    )
    retracted = DoiCheck.objects.get(doi=RETRACTED_DOI)
    assert retracted.notices == [
        {
            "kind": "retraction",
            "status": "retracted",
            "doi": "10.5555/demo.retraction-notice",
            "date": "2022-01-10",
            "label": "Retraction",
            "source": "Retraction Watch",
        }
    ]
    assert retracted.checked_at is not None and retracted.last_error == ""
    concern = DoiCheck.objects.get(doi=CONCERN_DOI).notices[0]
    assert (concern["kind"], concern["source"]) == ("expression_of_concern", "Retraction Watch")
    assert "has no work with the DOI" in DoiCheck.objects.get(doi=MISSING_DOI).last_error
    assert "could not be read" in DoiCheck.objects.get(doi=MALFORMED_DOI).last_error
    assert all("mailto=demo%40example.com" in path for path in crossref_requests())

    # Checked today: a second run within the stale period asks Crossref nothing.
    RecordedApiHandler.requests.clear()
    assert run().startswith("Checked 0 DOI(s)")
    assert crossref_requests() == []
    assert run("--stale-days", "0").startswith("Checked 10 DOI(s)")


@pytest.mark.django_db
def test_a_failed_check_keeps_the_notices_found_before(series, recorded_lookup, settings):
    run("--doi", f"https://doi.org/{RETRACTED_DOI.upper()}")
    assert DoiCheck.objects.get(doi=RETRACTED_DOI).status == "retracted"

    settings.CROSSREF_API_URL = f"http://127.0.0.1:{closed_port()}"  # Crossref is down
    assert "1 could not be checked" in run("--doi", RETRACTED_DOI)
    check = DoiCheck.objects.get(doi=RETRACTED_DOI)
    assert check.status == "failed"
    assert check.last_error.startswith("Could not reach Crossref.")
    assert check.severity == "retracted"
    assert check.notices[0]["doi"] == "10.5555/demo.retraction-notice"

    settings.CROSSREF_API_URL = f"{recorded_lookup}/crossref"
    run("--doi", SERVER_ERROR_DOI)
    assert "answered with an error (503)" in DoiCheck.objects.get(doi=SERVER_ERROR_DOI).last_error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--doi", "not a doi"], 'Not a DOI: "not a doi". A DOI starts with "10.".'),
        (["--stale-days", "-1"], "--stale-days must be 0 or more."),
    ],
)
def test_the_command_refuses_bad_input_in_one_line(args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert str(error.value) == message
    assert not DoiCheck.objects.exists()


@pytest.mark.django_db
def test_the_scheduled_jobs_run_the_check_in_batches(series, recorded_lookup, settings):
    cite(series, "Demo article 1", RETRACTED_DOI, CORRECTED_DOI, DEMO_DOI)
    settings.RETRACTION_CHECK_BATCH = 2
    call_command("run_scheduled_jobs", "--only", "retractions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert DoiCheck.objects.count() == 2
    result = check_cited_retractions.enqueue()
    # The batch took the first two in DOI order; the task checks the one left.
    assert result.return_value == {
        "ok": 0,
        "corrected": 0,
        "concern": 0,
        "retracted": 1,
        "failed": 0,
    }
    assert DoiCheck.objects.count() == 3


@pytest.mark.django_db
def test_the_editorial_checks_name_each_flagged_reference_in_plain_words(series, recorded_lookup):
    article = cite(series, "Demo article 1", DEMO_DOI, RETRACTED_DOI, CONCERN_DOI, CORRECTED_DOI)
    assert not [problem for problem in article_problems(article) if "Reference" in problem]
    run()
    problems = [problem for problem in article_problems(article) if "Reference" in problem]
    assert problems == [
        "Reference 2 (Demo, A., 2020) was retracted on 10 January 2022 (reported by Retraction "
        "Watch); see the notice at https://doi.org/10.5555/demo.retraction-notice. Remove the "
        "reference or replace it with a sound source. While the article cites it, it can only "
        "be published once a clinical reviewer confirms it may.",
        "Reference 3 (Demo, A., 2020) has an expression of concern on 30 September 2024 "
        "(reported by Retraction Watch); see the notice at "
        "https://doi.org/10.5555/demo.concern-notice. Read the notice and decide whether the "
        "article may still rely on it.",
        "Reference 4 (Demo, A., 2020) was corrected on 4 March 2021 (reported by the "
        "publisher); see the notice at https://doi.org/10.5555/demo.correction. Check that "
        "the article reflects the corrected version.",
    ]


@pytest.mark.django_db
def test_the_editor_shows_the_warning_with_a_link_to_the_notice(
    client, editor, series, recorded_lookup
):
    article = cite(series, "Demo article 1", RETRACTED_DOI)
    run()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Reference 1 (Demo, A., 2020) was retracted on 10 January 2022" in html
    assert 'href="https://doi.org/10.5555/demo.retraction-notice"' in html


@pytest.mark.parametrize(
    "work",
    [
        {"DOI": "10.5555/demo.odd", "updated-by": "retraction"},
        {"DOI": "10.5555/demo.odd", "updated-by": [None, 5, {"type": 7, "DOI": ["x"]}]},
        {"DOI": "10.5555/demo.odd", "updated-by": [{"type": "new_version", "DOI": "10.5555/v2"}]},
        {"DOI": "10.5555/demo.odd", "relation": {"is-retracted-by": "yes"}},
        {"DOI": "10.5555/demo.odd", "relation": [1, 2]},
    ],
)
def test_odd_shapes_are_skipped_not_trusted(work):
    assert notices_in_work(work) == []


def test_an_odd_notice_keeps_what_can_be_read():
    work = {
        "DOI": "10.5555/demo.odd",
        "updated-by": [{"type": "Retraction", "DOI": "not a doi", "updated": {"date-parts": "x"}}],
    }
    assert notices_in_work(work) == [
        {
            "kind": "retraction",
            "status": "retracted",
            "doi": "",
            "date": "",
            "label": "Retraction",
            "source": "",
        }
    ]
