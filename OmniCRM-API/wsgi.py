"""WSGI entry point for gunicorn: `gunicorn wsgi:app` (reads crm_config.yaml once at start-up)."""

from omnicrm.app import create_app

app = create_app()
