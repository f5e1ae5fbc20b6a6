"""What happens when the "Clinical review" workflow is approved.

Wired in with the WAGTAIL_FINISH_WORKFLOW_ACTION setting. Wagtail imports this module
while it defines its own models (WorkflowState.on_finish), before any app's models can be
imported, so the imports of models happen inside the function: the one documented
exception to "imports at the top" (the architecture test lists it).
"""


def publish_with_clinical_review(workflow_state, user=None):
    """Record the clinical review on an approved article, then publish it (Wagtail's default).

    The review stamp is saved as a new revision by the approving user, so the page history
    shows who recorded the review, and that revision is the one published.

    Clinical reviewers have no publish permission of their own (they must not publish
    pages outside review), so the permission check is skipped: being a member of the
    workflow's approval task is what entitles them to publish this revision. Wagtail's
    default action checks it, which would make their approval fail.
    """
    from articles.models import ArticlePage
    from articles.review.approval import apply_clinical_review, live_version

    obj = workflow_state.content_object  # The base Page: ask for the article itself.
    obj = getattr(obj, "specific", obj)
    revision = obj.get_latest_revision()
    if isinstance(obj, ArticlePage):
        article = revision.as_object()
        apply_clinical_review(article, user, live=live_version(obj))
        revision = article.save_revision(
            user=user, log_action="artcms.clinical_review", clean=False
        )
    revision.publish(user=user, skip_permission_checks=True)
