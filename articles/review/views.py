"""Admin views of an article that speak the clinical-review workflow's language.

Wagtail's page views assume the person acting can browse the page tree. Clinical reviewers
cannot (they have no page permissions of their own), so after "Request changes" or
"Approve and publish" Wagtail sent them to the series listing and a red "no permission".
These views send them to their dashboard with a message in the site's words, let them
compare the revisions of an article that is waiting for their review, and show the author
the reviewer's comment at the top of the editor.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin import messages
from wagtail.admin.ui.side_panels import ChecksSidePanel
from wagtail.admin.views.generic.models import RevisionsCompareView as GenericCompareView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import TaskState, WorkflowState
from wagtail.permissions import page_permission_policy

from articles.review.editorial_checks import problems_for_form
from articles.review.panels import ArticleChecksSidePanel
from articles.review.retraction_gate import approval_blocked_message

CHANGES_REQUESTED = "Changes requested: the author has been told."


def workflow_outcome_message(page, action_name):
    """What a reviewer's action did, in the words the site uses with clinicians."""
    if action_name == "reject":
        return CHANGES_REQUESTED
    page.refresh_from_db(fields=["live", "has_unpublished_changes"])
    if page.live and not page.has_unpublished_changes:
        return f"Published: '{page.title}' is live, with today's clinical review recorded."
    return f"Approved: '{page.title}' has moved on to the next review step."


def can_browse(user, page):
    """Whether the user may open the listing Wagtail would send them to (the parent's)."""
    return page_permission_policy.explorable_instances(user).filter(pk=page.pk).exists()


def requested_changes(page):
    """The reviewer's TaskState when the article is back with its author for changes."""
    workflow_state = page.workflow_states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).first()
    if workflow_state is None:
        return None
    return (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )


class ArticleEditView(EditView):
    """The article editor: plain-language outcomes, and the reviewer's comment on top."""

    # Says "Draft created" once the first autosave has created the article.
    partials_template_name = "articles/admin/edit_partials.html"

    def get(self, request, *args, **kwargs):
        task_state = requested_changes(self.page)
        if task_state is not None:
            reviewer = task_state.finished_by
            name = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else ""
            comment = task_state.get_comment()
            messages.warning(
                request,
                format_html(
                    "Changes requested by clinical review{}{}{}",
                    f" ({name}, {task_state.finished_at:%-d %B %Y})" if name else "",
                    ": " if comment else ".",
                    format_html("<q>{}</q>", comment) if comment else "",
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_side_panels(self):
        side_panels = super().get_side_panels()
        for index, panel in enumerate(side_panels):
            if type(panel) is ChecksSidePanel:
                side_panels[index] = ArticleChecksSidePanel(
                    self.page, self.request, problems=problems_for_form(self.form)
                )
        return side_panels

    def add_save_confirmation_message(self):
        if self.action_name == "perform_workflow_action":
            messages.success(
                self.request, workflow_outcome_message(self.page, self.workflow_action)
            )
        else:
            super().add_save_confirmation_message()

    def redirect_away(self):
        if not self.next_url and not can_browse(self.request.user, self.page.get_parent()):
            return redirect("wagtailadmin_home")
        return super().redirect_away()


class ArticleWorkflowActionView(WorkflowActionView):
    """The dashboard's Approve / Request changes buttons, with the same message.

    Approving publishes the article, so an article citing a retracted work without a
    reviewer's confirmation is not approved here: the reviewer is sent to the editor,
    where the confirmation tick box is, with the reason.
    """

    def post(self, request, *args, **kwargs):
        article = getattr(self.object, "specific", self.object)
        blocked = approval_blocked_message(article) if self.action_name == "approve" else None
        if blocked:
            messages.error(request, blocked)
            edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": edit_url})
            return redirect(edit_url)
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:
            messages.success(request, workflow_outcome_message(self.object, self.action_name))
        return response


class ArticleRevisionsCompareView(RevisionsCompareView):
    """Compare revisions: also for the reviewer of an article awaiting their review.

    Wagtail's view first requires some page permission anywhere, which reviewers
    deliberately lack; `get_object` still requires that the user can edit the article,
    which for a reviewer holds only while it waits in their review task.
    """

    def dispatch(self, request, *args, **kwargs):
        return GenericCompareView.dispatch(self, request, *args, **kwargs)
