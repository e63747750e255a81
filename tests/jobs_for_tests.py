"""Module-level job functions the job tests enqueue (a job must be importable by name)."""

from pathlib import Path

from sqlalchemy import func, select

from omnicrm.db import get_session
from omnicrm.jobs.models import BackgroundJob


def write_job_count(path: str) -> None:
    """Proves a job runs in an application context with database access."""
    count = get_session().scalar(select(func.count()).select_from(BackgroundJob))
    Path(path).write_text(str(count))


def fail(reason: str) -> None:
    raise RuntimeError(reason)
