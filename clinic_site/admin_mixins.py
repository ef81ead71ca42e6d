"""What more than one app's admin shares."""


class ViewOnlyAdminMixin:
    """An admin that shows rows and never adds, changes or deletes one (a record kept for
    the record: the audit trail, page revisions, an index entry that only redirects)."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
