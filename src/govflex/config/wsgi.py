"""WSGI entry point (gunicorn govflex.config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govflex.config.settings")
application = get_wsgi_application()
