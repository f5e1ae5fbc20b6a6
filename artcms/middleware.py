"""Project middleware."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect

CREATE_VIEW = "wagtailadmin_pages:add"
ALREADY_SAVED = (
    "This page had already been saved as a draft (the editor saves your work "
    "automatically) at the moment you chose an action, so it was not created twice. "
    "Open “{title}” from this list, check it, and choose the action again."
)


class PageCreateRaceMiddleware:
    """A friendly answer instead of a server error when a new page is created twice at once.

    Wagtail's editor saves a new page automatically a moment after the first change (the
    autosave). If the editor submits or publishes while that first autosave is still on
    its way, both requests pass the form's check that the slug is free, and the second
    fails when it saves the page: Wagtail raises a ValidationError for the slug, which
    would be a 500 page. The page itself is safely saved by the other request. Here that
    one case becomes a message and a link back to the list of pages where the draft is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = getattr(request, "resolver_match", None)
        if (
            request.method != "POST"
            or match is None
            or match.view_name != CREATE_VIEW
            or not isinstance(exception, ValidationError)
            or "slug" not in getattr(exception, "error_dict", {})
        ):
            return None
        title = " ".join(request.POST.get("title", "").split())[:255] or "the new page"
        message = ALREADY_SAVED.format(title=title)
        if not request.accepts("text/html"):
            # The editor's autosave asked: answer as Wagtail's own JSON errors do.
            return JsonResponse(
                {"success": False, "error_code": "validation_error", "error_message": message},
                status=400,
            )
        messages.warning(request, message)
        return redirect("wagtailadmin_explore", match.kwargs["parent_page_id"])
