"""The booking page: the form visitors book through, its thank-you page, who is told.

The records it stores live in ``booking.models.records``; the form, the rate limit and the
notification import those, never this module, so the page's view imports them at the top.
"""

import math
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from booking import rate_limit
from booking.forms import BookingRequestForm
from booking.models.records import DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS
from booking.tasks import enqueue_booking_notification


def parse_email_list(value):
    """Split addresses written one per line or separated by commas or semicolons."""
    return [item for item in re.split(r"[\s,;]+", value or "") if item]


def validate_email_list(value):
    for address in parse_email_list(value):
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                "“%(address)s” is not a valid email address. Correct it, or remove it; put "
                "one address on each line.",
                params={"address": address},
                code="invalid_email",
            ) from None


class BookingRequestPage(RoutablePageMixin, Page):
    """The booking form (one per site), its thank-you page and who is told about requests.

    The form is a fixed Django form (``booking.forms.BookingRequestForm``), not fields an
    editor can add, so the page can never be turned into a wider data grab.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=(
            "Shown above the form. Say what a session involves and what happens after a "
            "clinician sends a request."
        ),
    )
    consent_text = RichTextField(
        features=["bold", "italic", "link"],
        default=(
            "<p>I agree that my details may be stored and used only to contact me about "
            "booking an Accelerated Resolution Therapy session.</p>"
        ),
        help_text=(
            "The statement visitors must tick before sending. Link to your privacy notice "
            "here. The form adds how long requests are kept, from the retention period."
        ),
    )
    thank_you_message = RichTextField(
        features=["bold", "italic", "link", "ol", "ul"],
        default=(
            "<p>Thank you. We have received your request and will contact you in the way "
            "you chose.</p>"
        ),
        help_text="Shown after a request is sent. Say what happens next and when.",
    )
    notification_emails = models.TextField(
        blank=True,
        validators=[validate_email_list],
        help_text=(
            "Who is emailed when a request arrives, one address on each line. The email "
            "holds only a link to the request in the admin, never what the visitor wrote. "
            "If empty, nobody is emailed: booking coordinators must check the admin."
        ),
    )
    retention_days = models.PositiveSmallIntegerField(
        "retention period (days)",
        default=DEFAULT_RETENTION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RETENTION_DAYS)],
        help_text=(
            f"Requests are deleted this many days after they arrive (usually "
            f"{DEFAULT_RETENTION_DAYS}; between 1 and {MAX_RETENTION_DAYS}). Visitors are "
            "told this on the form."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_message"),
    ]
    requests_panels = [
        MultiFieldPanel(
            [FieldPanel("notification_emails"), FieldPanel("retention_days")],
            heading="Notifications and retention",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(requests_panels, heading="Requests"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "booking/booking_request_page.html"
    thank_you_template = "booking/booking_request_thank_you.html"
    rate_limited_template = "booking/booking_request_rate_limited.html"

    preview_modes = [("", "Form"), ("thank-you", "Thank-you page")]

    class Meta:
        verbose_name = "booking request page"

    @property
    def notification_recipients(self):
        return parse_email_list(self.notification_emails)

    def consent_label(self):
        """The consent text as inline HTML for the checkbox's <label> (no <p> allowed).

        Its editor only allows bold, italic and links, so paragraphs are the only blocks.
        """
        paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", expand_db_html(self.consent_text), re.S)
        return mark_safe("<br>".join(paragraphs))  # noqa: S308 -- Wagtail-sanitised rich text

    # --- Visitor views -----------------------------------------------------------------

    @path("")
    def booking_form(self, request):
        # Mark every POST field as sensitive, so Django's error reports (500 emails, the
        # debug page) show asterisks instead of what the visitor wrote.
        request.sensitive_post_parameters = "__ALL__"

        if request.method == "POST":
            client = rate_limit.client_key(request)
            if rate_limit.is_exhausted(client):
                return self.rate_limited(request, client)
            form = BookingRequestForm(request.POST)
            # A filled honeypot means a bot: it sees the thank-you page, nothing is stored.
            if form.is_bot or form.is_valid():
                # A second post of a form already stored (a double click) is answered
                # like the first, without using up an attempt or storing it again.
                if not form.is_bot and form.already_stored():
                    return self.thank_you_redirect(request)
                email = "" if form.is_bot else rate_limit.email_key(form.cleaned_data["email"])
                if not rate_limit.record_attempt(client, email):
                    return self.rate_limited(request, client, email)
                if not form.is_bot:
                    # Store first, then notify: a failed email never loses a request.
                    booking_request = form.save(page=self)
                    if booking_request is not None:  # None: its double won the race
                        enqueue_booking_notification(booking_request)
                return self.thank_you_redirect(request)
        elif request.method in ("GET", "HEAD"):
            form = BookingRequestForm()
        else:
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])

        response = self.render(request, context_overrides={"form": form})
        add_never_cache_headers(response)
        return response

    def thank_you_redirect(self, request):
        # 303 See Other: reloading the thank-you page never re-sends the form.
        thank_you_url = self.get_url(request) + self.reverse_subpage("thank_you")
        return HttpResponseRedirect(thank_you_url, status=303)

    @path("thank-you/")
    def thank_you(self, request):
        return self.render(request, template=self.thank_you_template)

    def rate_limited(self, request, client, email=""):
        seconds = rate_limit.seconds_until_allowed(client, email)
        response = self.render(
            request,
            template=self.rate_limited_template,
            context_overrides={"retry_minutes": max(1, math.ceil(seconds / 60))},
        )
        response.status_code = 429
        response["Retry-After"] = str(seconds)
        add_never_cache_headers(response)
        return response

    def serve_preview(self, request, mode_name):
        if mode_name == "thank-you":
            return self.thank_you(request)
        return self.booking_form(request)
