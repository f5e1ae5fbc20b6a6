"""Booking requests: the page visitors book through, what they send, and who read it.

What a visitor sends here is health-adjacent and sensitive (a clinician saying they need
help), so the app keeps it minimal, readable only by booking coordinators, audited, and
deleted after the page's retention period by ``manage.py purge_booking_requests``.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

DEFAULT_RETENTION_DAYS = 180
MAX_RETENTION_DAYS = 730

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
PHONE_MAX_LENGTH = 30
MESSAGE_MAX_LENGTH = 2000


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
        # Imported here because these modules import this one.
        from booking import rate_limit
        from booking.forms import BookingRequestForm
        from booking.notifications import send_booking_notification

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
                if not rate_limit.record_attempt(client):
                    return self.rate_limited(request, client)
                if not form.is_bot:
                    # Store first, then notify: a failed email never loses a request.
                    booking_request = form.save(page=self)
                    send_booking_notification(booking_request)
                # 303 See Other: reloading the thank-you page never re-sends the form.
                thank_you_url = self.get_url(request) + self.reverse_subpage("thank_you")
                return HttpResponseRedirect(thank_you_url, status=303)
        elif request.method in ("GET", "HEAD"):
            form = BookingRequestForm()
        else:
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])

        response = self.render(request, context_overrides={"form": form})
        add_never_cache_headers(response)
        return response

    @path("thank-you/")
    def thank_you(self, request):
        return self.render(request, template=self.thank_you_template)

    def rate_limited(self, request, client):
        from booking import rate_limit

        response = self.render(request, template=self.rate_limited_template)
        response.status_code = 429
        response["Retry-After"] = str(rate_limit.seconds_until_allowed(client))
        add_never_cache_headers(response)
        return response

    def serve_preview(self, request, mode_name):
        if mode_name == "thank-you":
            return self.thank_you(request)
        return self.booking_form(request)


class BookingRequest(models.Model):
    """One request sent through the booking form: only what is needed to get in touch.

    ``__str__`` is deliberately impersonal ("Booking request 12"): it shows up in admin
    titles, breadcrumbs and anything that logs an object, and must never carry a name.
    """

    CONTACT_CHOICES = [("email", "Email"), ("phone", "Phone")]
    ROLE_CHOICES = [
        ("physician", "Physician"),
        ("nurse", "Nurse"),
        ("other_clinician", "Other clinician"),
        ("other", "Other"),
    ]

    page = models.ForeignKey(
        BookingRequestPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="booking_requests",
        help_text="The booking page it was sent from; its retention period applies.",
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    email = models.EmailField(max_length=EMAIL_MAX_LENGTH)
    phone = models.CharField(max_length=PHONE_MAX_LENGTH, blank=True)
    preferred_contact = models.CharField(
        "preferred contact method", max_length=10, choices=CONTACT_CHOICES
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    message = models.TextField(max_length=MESSAGE_MAX_LENGTH, blank=True)
    # What the visitor agreed to, word for word, as evidence of consent.
    consent_text = models.TextField("agreed to")
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "booking request"
        # Read-only everywhere: no add/change/delete permissions exist to grant. The one
        # permission is what the "Booking coordinators" group holds.
        default_permissions = ()
        permissions = [("view_bookingrequest", "Can view booking requests")]

    def __str__(self):
        return f"Booking request {self.pk}"

    @property
    def retention_days(self):
        return self.page.retention_days if self.page_id else DEFAULT_RETENTION_DAYS

    @property
    def delete_after(self):
        return self.created_at + timedelta(days=self.retention_days)

    delete_after.fget.short_description = "Deleted after"  # its label in the admin


class BookingRateLimitAttempt(models.Model):
    """One accepted form post, keyed by a hash of the client's IP (see booking.rate_limit).

    Rows live about an hour: each new attempt deletes the expired ones.
    """

    client_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"Attempt at {self.created_at:%Y-%m-%d %H:%M}"


class BookingAuditEvent(models.Model):
    """Who listed, opened or exported booking requests, and when.

    It stores no visitor data: not the search words (they are often a name, and this log
    outlives the requests), only whether a search or filter was used, and request ids.
    """

    LIST = "list"
    VIEW = "view"
    EXPORT = "export"
    ACTION_CHOICES = [
        (LIST, "Listed requests"),
        (VIEW, "Opened a request"),
        (EXPORT, "Exported requests"),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the record survives the account being deleted.
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=ACTION_CHOICES)
    # Not a foreign key: the event must outlive the request when it is purged.
    booking_request_id = models.PositiveBigIntegerField("booking request", null=True, blank=True)
    object_count = models.PositiveIntegerField("requests shown", null=True, blank=True)
    searched = models.BooleanField("searched or filtered", default=False)
    export_format = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField("time", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "booking access log entry"
        verbose_name_plural = "booking access log entries"
        default_permissions = ()

    def __str__(self):
        return f"{self.username}: {self.get_action_display()} at {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, user, action, **details):
        return cls.objects.create(user=user, username=user.get_username(), action=action, **details)
