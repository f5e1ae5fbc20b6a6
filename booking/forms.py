"""The booking form: fixed fields, clear error messages, a honeypot for bots."""

import html
import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags

from booking.choices import ContactMethod, Role
from booking.models.records import (
    EMAIL_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    BookingRequest,
)
from booking.plain_text import plain_text

HONEYPOT_FIELD = "website"
SUBMISSION_TOKEN_FIELD = "submission_token"  # noqa: S105 -- a field name, not a secret
SUBMISSION_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-.]+$")


def validate_phone(value):
    if len(value) > PHONE_MAX_LENGTH:
        return  # The length error says all that is needed.
    digits = sum(character.isdigit() for character in value)
    if not PHONE_CHARACTERS.match(value) or not 6 <= digits <= 20:
        raise ValidationError(
            "Enter a phone number using digits, spaces, brackets, dashes and +, "
            "like +1 555 010 0199",
            code="invalid_phone",
        )


class PlainTextField(forms.CharField):
    """A text field that cleans what is typed or pasted before validating it (see
    booking.plain_text): the lengths are counted, and the value stored, without the
    invisible characters, so a pasted bidi override or NUL never reaches the database."""

    def __init__(self, *args, keep_line_breaks=False, **kwargs):
        self.keep_line_breaks = keep_line_breaks
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = plain_text(value, keep_line_breaks=self.keep_line_breaks)
        return super().to_python(value)


class PlainEmailField(forms.EmailField):
    """An email field cleaned the same way before it is checked."""

    def to_python(self, value):
        return super().to_python(plain_text(value))


def new_submission_token():
    return secrets.token_urlsafe(24)


class BookingRequestForm(forms.Form):
    """What a clinician sends to book a session. Messages follow the GOV.UK style:
    they say what to do ("Enter your name"), not what went wrong."""

    name = PlainTextField(
        label="Your name",
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your name",
            "max_length": f"Your name must be {NAME_MAX_LENGTH} characters or fewer",
        },
    )
    email = PlainEmailField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": f"Your email address must be {EMAIL_MAX_LENGTH} characters or fewer",
        },
    )
    phone = PlainTextField(
        label="Phone number (optional)",
        required=False,
        max_length=PHONE_MAX_LENGTH,
        validators=[validate_phone],
        help_text="Only needed if you would like us to call you.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={
            "max_length": f"Your phone number must be {PHONE_MAX_LENGTH} characters or fewer",
        },
    )
    preferred_contact = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you would like us to contact you",
            "invalid_choice": "Choose how you would like us to contact you",
        },
    )
    role = forms.ChoiceField(
        label="Your role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose your role",
            "invalid_choice": "Choose your role",
        },
    )
    message = PlainTextField(
        label="Anything you would like us to know (optional)",
        keep_line_breaks=True,
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=(
            f"Up to {MESSAGE_MAX_LENGTH:,} characters, for example times that suit you. "
            "Please do not include medical details or anything about patients: we will "
            "ask what we need when we contact you."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": (
                f"Your message must be {MESSAGE_MAX_LENGTH:,} characters or fewer "
                "(it has %(show_value)d)"
            ),
        },
    )
    consent = forms.BooleanField(
        # The label is the page's consent text, rendered by the template.
        label="I agree",
        error_messages={"required": "Tick the box to agree to how we use your details"},
    )
    # The honeypot: hidden from people by CSS, filled in by bots that fill every field.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # A random token per form shown: a second post of the same form (a double click, a
    # resend after a slow answer) is recognised by it and stored only once.
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[SUBMISSION_TOKEN_FIELD] = new_submission_token()

    def clean_submission_token(self):
        """The posted token, or a new one if it is missing or malformed (an old form, or
        a script): such a post is stored, just without protection against doubles."""
        token = self.cleaned_data.get(SUBMISSION_TOKEN_FIELD, "")
        return token if SUBMISSION_TOKEN.match(token) else new_submission_token()

    def clean(self):
        cleaned_data = super().clean()
        wants_a_call = cleaned_data.get("preferred_contact") == ContactMethod.PHONE
        if wants_a_call and not cleaned_data.get("phone") and "phone" not in self.errors:
            self.add_error(
                "phone", "Enter a phone number, or choose email as the way to contact you"
            )
        return cleaned_data

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def error_summary(self):
        """(anchor id, message) for each error, in form order, for the summary box."""
        summary = [("booking-form", error) for error in self.non_field_errors()]
        for field in self:
            for error in field.errors:
                anchor = field.auto_id
                if isinstance(field.field.widget, forms.RadioSelect):
                    anchor = f"{field.auto_id}_0"  # the first option
                summary.append((anchor, error))
        return summary

    def already_stored(self):
        """True if a request with this form's token was stored before (a double post)."""
        token = self.cleaned_data[SUBMISSION_TOKEN_FIELD]
        return BookingRequest.objects.filter(submission_token=token).exists()

    def save(self, page):
        """Store the request, or return None if the same form was stored meanwhile.

        The unique token is checked by the database, so two posts racing in different
        processes still give one row. The savepoint keeps an enclosing transaction usable.
        """
        data = self.cleaned_data
        try:
            with transaction.atomic():
                return BookingRequest.objects.create(
                    page=page,
                    submission_token=data[SUBMISSION_TOKEN_FIELD],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    preferred_contact=data["preferred_contact"],
                    role=data["role"],
                    message=data["message"],
                    # Plain words, as the visitor read them, for the record of consent.
                    consent_text=html.unescape(strip_tags(page.consent_text)).strip(),
                )
        except IntegrityError:
            if self.already_stored():
                return None
            raise
