"""The search backend comes from the environment: the database, or OpenSearch/Elasticsearch."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def backends_with(**environ):
    """WAGTAILSEARCH_BACKENDS as artcms/settings/base.py builds it from this environment."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("SEARCH_URL")}
    env.update(environ)
    code = (
        "import json; from artcms.settings import base; "
        "print(json.dumps(base.WAGTAILSEARCH_BACKENDS))"
    )
    output = subprocess.run(  # noqa: S603 -- a fixed command
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, check=True
    )
    return json.loads(output.stdout)["default"]


def test_the_database_by_default():
    assert backends_with() == {"BACKEND": "search.backends", "SEARCH_CONFIG": "english"}


@pytest.mark.parametrize(
    ("variable", "backend"),
    [
        ("OPENSEARCH_URL", "modelsearch.backends.opensearch3"),
        ("ELASTICSEARCH_URL", "modelsearch.backends.elasticsearch9"),
    ],
)
def test_a_search_service_url_switches_backend(variable, backend):
    config = backends_with(
        **{variable: "https://a.example:9200, https://b.example:9200"}, SEARCH_TIMEOUT="7"
    )
    assert config == {
        "BACKEND": backend,
        "URLS": ["https://a.example:9200", "https://b.example:9200"],
        "INDEX_PREFIX": "artcms_",
        "TIMEOUT": 7,
    }
    # The module exists in the installed modelsearch (its client library is not installed).
    assert importlib.util.find_spec(backend) is not None
