"""The SMTP fixture behaves like a mail server that is down, then up (aiosmtpd, real SMTP)."""

import pytest
from django.core import mail


def test_a_refusing_server_makes_sending_fail_and_an_accepting_one_receives(smtp_server, settings):
    for name, value in smtp_server.settings().items():
        setattr(settings, name, value)

    with pytest.raises(ConnectionRefusedError):
        mail.send_mail("Demo subject", "Demo body.", "from@example.com", ["to@example.com"])
    assert smtp_server.messages == []

    smtp_server.accept()
    sent = mail.send_mail("Demo subject", "Demo body.", "from@example.com", ["to@example.com"])
    assert sent == 1
    [message] = smtp_server.messages
    assert message["Subject"] == "Demo subject"
    assert message["To"] == "to@example.com"
    assert message.get_content().strip() == "Demo body."

    smtp_server.refuse()
    with pytest.raises(ConnectionRefusedError):
        mail.send_mail("Demo again", "Demo body.", "from@example.com", ["to@example.com"])
    assert len(smtp_server.messages) == 1
