"""Who may put a series' articles in order.

Wagtail lets only publishers reorder children (a reorder changes live pages at once, like
publishing) and checks the moved page as if it were moved elsewhere (which needs delete
rights). In a series the order is the reading order, which editors own: anyone who may
edit the series and holds `articles.reorder_series_articles` (Editors, by data migration
people 0003) may drag its articles into order. Moving an article to another series still
needs Wagtail's own move rights.
"""

from wagtail.models import PagePermissionTester

REORDER_PERMISSION = "articles.reorder_series_articles"


class SeriesPermissionTester(PagePermissionTester):
    def can_reorder_children(self):
        if super().can_reorder_children():
            return True
        return self.can_edit() and self.user.has_perm(REORDER_PERMISSION)


class ArticlePermissionTester(PagePermissionTester):
    def can_move_to(self, destination):
        # Reordering moves the article beside a sibling: its parent stays the same.
        if destination.pk == self.page.get_parent().pk and not self.page_locked():
            return destination.permissions_for_user(self.user).can_reorder_children()
        return super().can_move_to(destination)
