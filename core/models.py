"""Site-wide settings editors control: wording, the default call to action, citation style."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PreviewableMixin, Site

from core.citations import CITATION_STYLES, DEFAULT_CITATION_STYLE
from core.forms import SiteSettingsForm


@register_setting(icon="cog")
class SiteSettings(PreviewableMixin, BaseSiteSetting):
    """Site-wide wording and choices that editors change without a developer."""

    organisation_name = models.CharField(
        max_length=120,
        default="ARTcms",
        help_text="Your organisation's name, shown in the header, footer and page titles.",
    )
    cta_heading = models.CharField(
        "call to action heading",
        max_length=120,
        default="Book an ART session",
        help_text="Heading of the booking panel shown when an article's call to action is empty.",
    )
    cta_text = models.TextField(
        "call to action text",
        blank=True,
        default="Arrange a session with an Accelerated Resolution Therapy practitioner.",
        help_text="One or two sentences inviting the reader to book a session.",
    )
    cta_button_label = models.CharField(
        "call to action button label",
        max_length=60,
        default="Book an ART session today",
        help_text="What the booking button says.",
    )
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="call to action page",
        help_text="The booking page the button leads to. Choose a page or enter a web address.",
    )
    cta_url = models.URLField(
        "call to action web address",
        blank=True,
        help_text="Or a full web address (https://...) if booking happens on another site.",
    )
    crisis_notice = models.TextField(
        blank=True,
        default="If you are in crisis or thinking about suicide, call or text 988.",
        help_text="Shown on every article. Say where to get urgent help; keep it short.",
    )
    footer_disclaimer = models.TextField(
        blank=True,
        default=(
            "This site offers educational content, not medical advice. Talk to a qualified "
            "professional about your own situation."
        ),
        help_text="Shown in the footer of every page.",
    )
    citation_style = models.CharField(
        max_length=20,
        choices=[(key, label) for key, (label, _file) in CITATION_STYLES.items()],
        default=DEFAULT_CITATION_STYLE,
        help_text="How references are formatted on every article.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How often articles should be clinically reviewed, in months (usually 12).",
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [
                FieldPanel("cta_heading"),
                FieldPanel("cta_text"),
                FieldPanel("cta_button_label"),
                FieldPanel("cta_page"),
                FieldPanel("cta_url"),
            ],
            heading="Default call to action",
        ),
        MultiFieldPanel(
            [
                FieldPanel("crisis_notice"),
                FieldPanel("confirm_no_crisis_notice"),
                FieldPanel("footer_disclaimer"),
            ],
            heading="Notices",
        ),
        MultiFieldPanel(
            [FieldPanel("citation_style"), FieldPanel("review_interval_months")],
            heading="References and clinical review",
        ),
    ]

    # The booking page comes with the settings: the call to action on every page links it.
    select_related = ["cta_page"]
    base_form_class = SiteSettingsForm

    class Meta:
        verbose_name = "site settings"
        # The table keeps the name it had when this model lived in the home app.
        db_table = "home_sitesettings"

    # --- Preview: the unsaved settings shown on a page a reader sees (Wagtail's preview panel)

    preview_modes = [("article", "On the latest article"), ("home", "On the home page")]

    def preview_page(self, mode_name):
        """The live page the preview shows: the home page, or the latest article (the site's
        pages two levels below it: home, series, article); None when there is none yet."""
        home = self.site.root_page if self.site_id else None
        if home is None:
            return None
        if mode_name == "home":
            return home.specific
        latest = (
            Page.objects.live()
            .public()
            .descendant_of(home)
            .filter(depth=home.depth + 2)
            .order_by("-last_published_at", "-pk")
            .first()
        )
        return latest.specific if latest else home.specific

    def get_preview_template(self, request, mode_name, **kwargs):
        page = self.preview_page(mode_name)
        return page.get_template(request) if page else "core/site_settings_preview_empty.html"

    def get_preview_context(self, request, mode_name, **kwargs):
        page = self.preview_page(mode_name)
        if page is None:
            return {"settings_object": self}
        # Wagtail's preview puts these unsaved settings on the request, so every
        # SiteSettings.for_request() on the page (and {{ settings }}) reads them.
        return page.get_context(request)

    @classmethod
    def for_request_or_default(cls, request=None):
        """Settings for the request's site; the default site's when there is no request."""
        if request is not None:
            return cls.for_request(request)
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()

    def clean(self):
        super().clean()
        if self.cta_page_id and self.cta_url:
            raise ValidationError(
                {"cta_url": "Choose a page or enter a web address for the button, not both."}
            )

    def call_to_action(
        self, request=None, *, heading="", text="", button_label="", page=None, url=""
    ):
        """The booking call to action: the values given where set, this site's default otherwise.

        Each field falls back on its own, so an editor can change only the button label.
        The link is the given page (if live), else the given web address, else the default
        page (if live), else the default web address; "" when none is set.
        """
        return {
            "heading": heading or self.cta_heading,
            "text": text or self.cta_text,
            "button_label": button_label or self.cta_button_label,
            "href": _live_page_url(page, request)
            or url
            or _live_page_url(self.cta_page, request)
            or self.cta_url,
        }


def _live_page_url(page, request):
    """The URL of a live page, or "" for no page or an unpublished one."""
    if page is None or not page.live:
        return ""
    return page.get_url(request) or ""
