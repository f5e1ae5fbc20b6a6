"""Factories for the home app's page types (wagtail-factories)."""

import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Demo home"
    slug = "home"

    class Meta:
        model = HomePage
