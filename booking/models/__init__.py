"""Booking models: the records (what visitors send, and who read it) apart from the page."""

from booking.models.pages import BookingRequestPage
from booking.models.records import BookingAuditEvent, BookingRateLimitAttempt, BookingRequest

__all__ = ["BookingAuditEvent", "BookingRateLimitAttempt", "BookingRequest", "BookingRequestPage"]
