from django.db import models


class PasswordResetAttempt(models.Model):
    """One password-reset request, counted to throttle resets (see password_reset.py).

    Holds keyed hashes of the email address and the client's IP address, never either
    value, and lives only as long as the throttle's window.
    """

    address_hash = models.CharField(
        max_length=64, db_index=True, help_text="Keyed hash of the email address entered."
    )
    client_hash = models.CharField(
        max_length=64, db_index=True, help_text="Keyed hash of the client's IP address."
    )
    created_at = models.DateTimeField(db_index=True, help_text="When the reset was requested.")

    class Meta:
        verbose_name = "password reset attempt"

    def __str__(self):
        return f"Password reset attempt {self.pk}"
