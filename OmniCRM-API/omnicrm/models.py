"""Every feature's models, imported so that alembic and the schema test see the whole metadata."""

from omnicrm.db import Base
from omnicrm.jobs.models import BackgroundJob

metadata = Base.metadata

__all__ = ["BackgroundJob", "metadata"]
