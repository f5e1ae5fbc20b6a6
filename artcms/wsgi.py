"""WSGI entry point (gunicorn artcms.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "artcms.settings.production")

application = get_wsgi_application()
