from wagtail.snippets.models import register_snippet

from people.viewsets import PersonViewSet

register_snippet(PersonViewSet)
