"""What changed in the site settings, by whom and when, in Wagtail's log (Reports > Site history).

Wagtail's settings editor logs that the settings were edited, not what was edited. For
site-wide wording that every article shows (the crisis notice, the disclaimer), editors
need to see what it said before: each save that changes something adds an entry naming the
fields, with their old and new values in its data.
"""

from wagtail.log_actions import LogFormatter, log

ACTION = "artcms.site_settings_changed"
_BEFORE = "_artcms_site_settings_before"


def _fields(instance):
    return [
        field
        for field in instance._meta.concrete_fields
        if field.editable and not field.primary_key and field.name != "site"
    ]


def _shown(instance, field):
    value = getattr(instance, field.name)
    if field.is_relation:
        return str(value) if value is not None else ""
    return "" if value is None else str(value)


def remember_before(request, instance):
    """before_edit_setting: the values as stored, before the form is applied."""
    setattr(request, _BEFORE, {field.name: _shown(instance, field) for field in _fields(instance)})


def log_changes(request, instance):
    """after_edit_setting: one log entry listing each field that changed."""
    before = getattr(request, _BEFORE, None)
    if before is None:
        return
    changes = [
        {
            "field": str(field.verbose_name).capitalize(),
            "before": before[field.name],
            "after": _shown(instance, field),
        }
        for field in _fields(instance)
        if _shown(instance, field) != before[field.name]
    ]
    if changes:
        log(instance=instance, action=ACTION, user=request.user, data={"changes": changes})


class SiteSettingsChanged(LogFormatter):
    label = "Change site settings"

    def format_message(self, log_entry):
        names = [change["field"].lower() for change in log_entry.data.get("changes", [])]
        if not names:
            return "Changed the site settings"
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"Changed the {listed}"
