"""Background jobs: the same job functions on the in-process pool and on RQ (real Redis)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import jobs_for_tests
import pytest
import yaml
from conftest import ADMIN_HEADERS

from omnicrm.db import get_session, transaction
from omnicrm.jobs.models import FAILED, SUCCEEDED, BackgroundJob
from omnicrm.jobs.runner import enqueue, job_name

TESTS_DIR = Path(__file__).parent


def wait_for(app, job_id: str, timeout: float = 15) -> BackgroundJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            job = get_session().get(BackgroundJob, job_id)
            if job is not None and job.status in (SUCCEEDED, FAILED):
                return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def test_thread_backend_runs_a_job_with_database_access(app, tmp_path):
    marker = tmp_path / "count"
    with app.app_context(), transaction() as session:
        job_id = enqueue(session, jobs_for_tests.write_job_count, path=str(marker))
    job = wait_for(app, job_id)
    assert job.status == SUCCEEDED and job.backend == "thread" and job.attempts == 1
    assert job.started <= job.finished
    assert marker.read_text() == "1"


def test_failed_job_is_recorded_with_its_error(app, client):
    with app.app_context(), transaction() as session:
        job_id = enqueue(session, jobs_for_tests.fail, reason="HSS unreachable")
    job = wait_for(app, job_id)
    assert job.status == FAILED and job.error == "RuntimeError: HSS unreachable"
    listed = client.get("/crm/jobs?status=failed&search=unreachable", headers=ADMIN_HEADERS).get_json()
    assert [row["job_id"] for row in listed["data"]] == [job_id]
    detail = client.get(f"/crm/jobs/{job_id}", headers=ADMIN_HEADERS).get_json()
    assert detail["name"] == "jobs_for_tests:fail" and detail["arguments"] == {"reason": "HSS unreachable"}


def test_job_of_a_rolled_back_change_never_runs(app, tmp_path):
    marker = tmp_path / "never"
    with app.app_context():
        with pytest.raises(ValueError), transaction() as session:
            enqueue(session, jobs_for_tests.write_job_count, path=str(marker))
            raise ValueError("bad input found after the job was queued")
        assert get_session().query(BackgroundJob).count() == 0
    time.sleep(0.2)
    assert not marker.exists()


def test_only_module_level_functions_are_jobs():
    def local():
        return None

    with pytest.raises(ValueError, match="module-level"):
        job_name(local)


@pytest.fixture
def rq_app(make_app, redis_url):
    if redis_url is None:
        pytest.skip("no Redis reachable (CI always has one)")
    queue = f"omnicrm-test-{os.getpid()}"
    return make_app(jobs={"backend": "rq", "queue": queue})


def test_rq_backend_runs_the_same_job_through_real_redis(rq_app, tmp_path):
    marker = tmp_path / "count"
    runner = rq_app.extensions["omnicrm.jobs"]
    with rq_app.app_context(), transaction() as session:
        job_id = enqueue(session, jobs_for_tests.write_job_count, path=str(marker))
    assert runner.queue.count == 1, "the job waits in Redis until a worker takes it"
    with rq_app.app_context():
        runner.work(burst=True)
    job = wait_for(rq_app, job_id, timeout=1)
    assert job.status == SUCCEEDED and job.backend == "rq"
    assert marker.read_text() == "1"


def test_worker_command_runs_queued_jobs(rq_app, make_settings, tmp_path):
    """`omnicrm worker --burst` (what `make worker` runs) takes jobs from the queue in its own process."""
    runner = rq_app.extensions["omnicrm.jobs"]
    marker = tmp_path / "count"
    with rq_app.app_context(), transaction() as session:
        job_id = enqueue(session, jobs_for_tests.write_job_count, path=str(marker))
    settings = rq_app.extensions["omnicrm.settings"]
    config = tmp_path / "crm_config.yaml"
    config.write_text(yaml.safe_dump(settings.model_dump(mode="json", exclude_none=True)))
    env = {**os.environ, "CRM_CONFIG_PATH": str(config), "PYTHONPATH": str(TESTS_DIR)}
    result = subprocess.run(
        [sys.executable, "-m", "omnicrm", "worker", "--burst"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert wait_for(rq_app, job_id, timeout=1).status == SUCCEEDED
    assert marker.read_text() == "1" and runner.queue.count == 0
