"""SiteSettings moves here from the home app: state only, the table and its rows stay.

home's migration 0003 removes the model from home's state and moves its content type
(and so every group's "change site settings" permission) to this app.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0002_site_settings"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "organisation_name",
                            models.CharField(
                                default="ARTcms",
                                help_text="Your organisation's name, shown in the header, footer and page titles.",
                                max_length=120,
                            ),
                        ),
                        (
                            "cta_heading",
                            models.CharField(
                                default="Book an ART session",
                                help_text="Heading of the booking panel shown when an article's call to action is empty.",
                                max_length=120,
                                verbose_name="call to action heading",
                            ),
                        ),
                        (
                            "cta_text",
                            models.TextField(
                                blank=True,
                                default="Arrange a session with an Accelerated Resolution Therapy practitioner.",
                                help_text="One or two sentences inviting the reader to book a session.",
                                verbose_name="call to action text",
                            ),
                        ),
                        (
                            "cta_button_label",
                            models.CharField(
                                default="Book an ART session today",
                                help_text="What the booking button says.",
                                max_length=60,
                                verbose_name="call to action button label",
                            ),
                        ),
                        (
                            "cta_url",
                            models.URLField(
                                blank=True,
                                help_text="Or a full web address (https://...) if booking happens on another site.",
                                verbose_name="call to action web address",
                            ),
                        ),
                        (
                            "crisis_notice",
                            models.TextField(
                                blank=True,
                                default="If you are in crisis or thinking about suicide, call or text 988.",
                                help_text="Shown on every article. Say where to get urgent help; keep it short.",
                            ),
                        ),
                        (
                            "footer_disclaimer",
                            models.TextField(
                                blank=True,
                                default="This site offers educational content, not medical advice. Talk to a qualified professional about your own situation.",
                                help_text="Shown in the footer of every page.",
                            ),
                        ),
                        (
                            "citation_style",
                            models.CharField(
                                choices=[
                                    ("apa", "APA 7th edition"),
                                    ("ama", "AMA 11th edition"),
                                    ("vancouver", "Vancouver (NLM)"),
                                ],
                                default="apa",
                                help_text="How references are formatted on every article.",
                                max_length=20,
                            ),
                        ),
                        (
                            "review_interval_months",
                            models.PositiveSmallIntegerField(
                                default=12,
                                help_text="How often articles should be clinically reviewed, in months (usually 12).",
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(60),
                                ],
                            ),
                        ),
                        (
                            "cta_page",
                            models.ForeignKey(
                                blank=True,
                                help_text="The booking page the button leads to. Choose a page or enter a web address.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                                verbose_name="call to action page",
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "site settings",
                        "db_table": "home_sitesettings",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
