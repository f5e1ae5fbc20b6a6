"""Factories for people. Names and credentials are visibly synthetic."""

import factory
from factory.django import DjangoModelFactory

from people.models import Person


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Demo Person {n}")
    credentials = "DemoCred"
    role = "Demo role"

    class Meta:
        model = Person
