"""The people named on articles: authors and clinical reviewers.

A Person is a snippet, so one record serves every article a clinician writes or reviews.
Linking a Person to an admin account (``user``) is how an approval in the "Clinical
review" workflow knows whom to name as the article's reviewer.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Person(index.Indexed, models.Model):
    """An author or clinical reviewer, shown with their credentials on articles."""

    name = models.CharField(
        max_length=120,
        help_text="Full name as readers should see it, e.g. 'Jane Smith'. No titles or letters.",
    )
    credentials = models.CharField(
        max_length=120,
        blank=True,
        help_text=(
            "Qualifications shown after the name, separated by commas, e.g. 'PhD, LMHC'. "
            "Leave empty if none apply."
        ),
    )
    role = models.CharField(
        max_length=150,
        blank=True,
        help_text="Job title or clinical role, e.g. 'Clinical psychologist' or 'ART therapist'.",
    )
    bio = models.TextField(
        blank=True,
        max_length=600,
        help_text=(
            "Two or three plain sentences on the person's clinical background (up to 600 "
            "characters). Shown to readers under 'About the authors'."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional head-and-shoulders photo. Leave empty if they prefer not to be shown.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name="admin account",
        help_text=(
            "The person's login to this admin, if they have one. Link every clinical "
            "reviewer: when they approve an article, it names them as its reviewer."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("user")], heading="Admin account"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("credentials"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"
        permissions = [
            (
                "view_review_report",
                "Can see the articles due for clinical review report",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
