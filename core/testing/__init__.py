"""Pytest fixtures that start real servers for the tests (loaded by the root conftest)."""
