"""The People snippet: authors and clinical reviewers, one record per person."""

from wagtail.snippets.views.snippets import SnippetViewSet

from people.models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "user"]
    search_fields = ["name", "credentials", "role"]
