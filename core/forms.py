"""The site settings' admin form: the crisis notice is not emptied by accident."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm


class SiteSettingsForm(WagtailAdminModelForm):
    """Asks for an explicit confirmation before the crisis notice is left empty.

    Every article shows the crisis notice; an empty one removes the only pointer to urgent
    help from the whole site, which should never happen by a slip of the keyboard.
    """

    confirm_no_crisis_notice = forms.BooleanField(
        required=False,
        label="Yes, show no crisis notice on any article",
        help_text=(
            "Tick only if the site should show no crisis notice at all. Articles then give "
            "readers no pointer to urgent help."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        notice = (cleaned_data.get("crisis_notice") or "").strip()
        confirmed = cleaned_data.get("confirm_no_crisis_notice")
        if "crisis_notice" in cleaned_data and not notice and not confirmed:
            self.add_error(
                "crisis_notice",
                "The crisis notice is empty, so articles would show no pointer to urgent "
                "help. Write a notice, or tick 'Yes, show no crisis notice on any article' "
                "below to confirm.",
            )
        return cleaned_data
