"""The accessibility checker editors see in the user bar and the editor's Checks panel."""

from wagtail.admin.userbar import ContentCheckerItem


class ArtcmsContentChecker(ContentCheckerItem):
    """Wagtail's accessibility checker with a few more rules that matter for our readers.

    Besides Wagtail's defaults (heading order, empty headings and links, alt text quality,
    missing meta description...), check that images have alt text, links are told apart
    from text, and the page has one main landmark and a title.
    """

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "link-in-text-block",
        "landmark-one-main",
        "document-title",
        "duplicate-id-aria",
    ]
