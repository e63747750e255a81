"""Provisioning: time from `PUT /crm/provision/` to the job's end, and jobs per second with 1, 2 and 4 workers.

The playbook does three local tasks and no network call, so the figures are the engine's and Ansible's own
cost (process start, parsing, event handling): the floor under every real playbook.
"""

from __future__ import annotations

import logging
import secrets
import statistics
import tempfile
import time
from pathlib import Path

from omnicrm import migrate
from omnicrm.app import create_app
from omnicrm.config import Settings

API_KEY = "bench-" + "p" * 40
JOBS = 12
PLAY = """
- name: Bench play
  hosts: localhost
  gather_facts: no
  tasks:
    - name: One
      debug: msg=one
    - name: Two
      set_fact:
        value: "{{ provision_id }}"
    - name: Three
      debug: msg="{{ value }}"
"""


def client_for(workdir: Path, workers: int):
    url = f"sqlite:///{workdir / f'bench-{workers}.db'}"
    migrate.upgrade(url)
    settings = Settings.model_validate(
        {
            "database": {"url": url},
            "jwt_secret": secrets.token_hex(32),
            "crm": {"base_url": "http://127.0.0.1:5000"},
            "api_keys": {API_KEY: {"roles": ["admin"]}},
            "server": {"log_level": "WARNING"},
            "jobs": {"workers": workers},
            "provisioning": {"playbooks_dir": str(workdir), "max_concurrent_jobs": workers},
            "security": {"bcrypt_rounds": 4},
        }
    )
    client = create_app(settings).test_client()
    headers = {"X-API-KEY": API_KEY}
    admin = {"email": "bench@example.com", "password": "Bench!Passw0rd", "first_name": "B", "last_name": "B", "role": "Admin"}
    client.post("/auth/users", json=admin, headers=headers)
    customer = client.put("/crm/customer/", json={"customer_name": "Bench"}, headers=headers).get_json()["customer_id"]
    return client, headers, customer


def run_jobs(client, headers: dict, customer: int, count: int) -> tuple[list[float], float]:
    started = time.perf_counter()
    submitted = {}
    for _ in range(count):
        body = {"customer_id": customer, "provisioning_play": "bench_play"}
        submitted[client.put("/crm/provision/", json=body, headers=headers).get_json()["provision_id"]] = time.perf_counter()
    latencies = {}
    while len(latencies) < count:
        for job_id, begin in submitted.items():
            if job_id not in latencies:
                job = client.get(f"/crm/provision/provision_id/{job_id}", headers=headers).get_json()
                if job["provisioning_status"] == 0:
                    latencies[job_id] = time.perf_counter() - begin
                elif job["provisioning_status"] == 2:
                    raise AssertionError(f"bench job {job_id} failed: {job['error_summary']}")
        time.sleep(0.02)
    return sorted(latencies.values()), time.perf_counter() - started


def main() -> None:
    logging.disable(logging.INFO)
    print(f"\nProvisioning (real ansible-runner, a 3-task local playbook, {JOBS} jobs per run)")
    with tempfile.TemporaryDirectory() as workdir:
        (Path(workdir) / "bench_play.yaml").write_text(PLAY)
        for workers in (1, 2, 4):
            client, headers, customer = client_for(Path(workdir), workers)
            single, _ = run_jobs(client, headers, customer, 1)
            latencies, elapsed = run_jobs(client, headers, customer, JOBS)
            p95 = latencies[int(len(latencies) * 0.95) - 1]
            median = statistics.median(latencies)
            print(
                f"  {workers} worker(s): one job alone {single[0]:.2f} s; under load median {median:.2f} s, "
                f"p95 {p95:.2f} s; throughput {JOBS / elapsed:.2f} jobs/s"
            )


if __name__ == "__main__":
    main()
