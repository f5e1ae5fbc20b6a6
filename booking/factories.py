"""Factories for the booking app. Everything they make is visibly synthetic."""

import factory
import wagtail_factories

from booking.models import BookingRequest, BookingRequestPage


class BookingRequestPageFactory(wagtail_factories.PageFactory):
    title = "Demo booking page"
    slug = "book"
    intro = "<p>Demo booking introduction.</p>"
    notification_emails = "demo.coordinator@example.com"

    class Meta:
        model = BookingRequestPage


class BookingRequestFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Demo Visitor {n}")
    email = factory.Sequence(lambda n: f"demo.visitor{n}@example.com")
    preferred_contact = "email"
    role = "nurse"
    message = "Demo message text."
    consent_text = "Demo consent statement."

    class Meta:
        model = BookingRequest
