from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in security for the admin: login lockout, two-factor sign-in, password resets.

    Site-wide and low in the layers: it names the permissions that make two-factor sign-in
    compulsory through settings (TWO_FACTOR_REQUIRED_PERMISSIONS), never by importing the
    apps that define them.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "core.accounts"
    label = "accounts"
    verbose_name = "Sign-in security"
