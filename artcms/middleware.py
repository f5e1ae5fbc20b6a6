"""Project middleware."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under CSP_ADMIN_PATH_PREFIX.

    The public policy (settings.CONTENT_SECURITY_POLICY) allows no inline code; the
    Wagtail admin needs inline styles and scripts, so its pages (and the previews it frames)
    get settings.CSP_ADMIN_DIRECTIVES instead. A view's own @csp_update etc. still applies.
    """

    def process_response(self, request, response):
        if self.is_admin(request):
            # Wagtail renders a preview by passing a request for the page's own URL through
            # the middleware, which gives it the public policy (frame-ancestors 'none'), and
            # django-csp keeps a header already set. The admin's policy replaces it.
            response.headers.pop(HEADER, None)
            response.headers.pop(HEADER_REPORT_ONLY, None)
        return super().process_response(request, response)

    @staticmethod
    def is_admin(request):
        return request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIX)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        in_use = (settings.CONTENT_SECURITY_POLICY_REPORT_ONLY is None) != report_only
        if parts.config is None and in_use and self.is_admin(request):
            return PolicyParts(
                settings.CSP_ADMIN_DIRECTIVES, parts.update, parts.replace, parts.nonce
            )
        return parts


class PermissionsPolicyMiddleware:
    """Sends Permissions-Policy from settings.PERMISSIONS_POLICY (feature: allowed origins).

    An empty list denies the feature to the page and to anything it embeds, e.g.
    ``camera=()``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
