"""The reference mobile playbook (Provisioners/plays/play_psim_only) end to end: time from `PUT /crm/provision/` to
the job's end (median, p95), jobs per second with 1, 2 and 4 workers, and Ansible's own overhead as the ratio of
a job's time to the time its network calls take (OCS, HSS, SMSC and the CRM callbacks, measured where they are
served).

The API is served on a local port (the playbook calls it back), with the sandbox OCS, HSS and SMSC, on SQLite.
"""

from __future__ import annotations

import logging
import secrets
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

from omnicrm import migrate
from omnicrm.app import create_app
from omnicrm.config import PROJECT_ROOT, Settings
from omnicrm.sandbox.launch import start_network

API_KEY = "bench-" + "m" * 40
HEADERS = {"X-API-KEY": API_KEY}
SEQUENTIAL_JOBS = 5
LOAD_JOBS = 8
LABELS = {
    "SIM Card": {"itemtext1_label": "ICCID", "itemtext2_label": "IMSI", "itemtext4_label": "Ki", "itemtext5_label": "OPc"},
    "Mobile Number": {"itemtext1_label": "MSISDN"},
}


class Timed:
    """WSGI middleware adding up the time spent serving requests (the network side of a job)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app, self.total, self.lock = app, 0.0, threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        begin = time.perf_counter()
        try:
            return list(self.app(environ, start_response))
        finally:
            with self.lock:
                self.total += time.perf_counter() - begin


class Bench:
    """One product instance with `workers` job workers, its API on a port and its own sandbox network."""

    def __init__(self, workdir: Path, workers: int) -> None:
        self.network = start_network()
        self.timers = []
        for sim in (self.network.ocs, self.network.hss, self.network.smsc):
            sim.app.wsgi_app = self._timed(sim.app.wsgi_app)
        self.served = self._timed(None)
        self.server = make_server("127.0.0.1", 0, self.served, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        url = f"sqlite:///{Path(tempfile.mkdtemp(dir=workdir)) / 'mobile.db'}"
        migrate.upgrade(url)
        settings = Settings.model_validate(
            {
                "database": {"url": url},
                "jwt_secret": secrets.token_hex(32),
                "crm": {"base_url": f"http://127.0.0.1:{self.server.server_port}"},
                "api_keys": {API_KEY: {"roles": ["admin"]}},
                "server": {"log_level": "WARNING"},
                "jobs": {"workers": workers},
                "provisioning": {"playbooks_dir": str(PROJECT_ROOT / "Provisioners" / "plays"), "max_concurrent_jobs": workers},
                "security": {"bcrypt_rounds": 4},
                **self.network.config(),
            }
        )
        app = create_app(settings)
        self.served.app = app
        self.client = app.test_client()
        self._stock()

    def _timed(self, app: Any) -> Timed:
        timer = Timed(app)
        self.timers.append(timer)
        return timer

    def network_seconds(self) -> float:
        return sum(timer.total for timer in self.timers)

    def _call(self, method: str, path: str, body: dict) -> dict:
        response = self.client.open(path, method=method, json=body, headers=HEADERS)
        assert response.status_code in (200, 201), (path, response.get_json())
        return response.get_json()

    def _stock(self) -> None:
        admin = {"email": "bench@example.com", "password": "Bench!Passw0rd", "first_name": "B", "last_name": "B", "role": "Admin"}
        self._call("POST", "/auth/users", admin)
        self.customer = self._call("PUT", "/crm/customer/", {"customer_name": "Bench Mobile"})["customer_id"]
        templates = {
            name: self._call("PUT", "/crm/inventory/template/", {"item": name, "wholesale_cost": 1, "retail_cost": 1, **labels})
            for name, labels in LABELS.items()
        }
        self.sims, self.numbers = [], []
        for n in range(1, SEQUENTIAL_JOBS + LOAD_JOBS + 2):
            sim = [f"8944{n:015d}", f"00101{n:010d}", f"{n:08d}", f"{n:032x}", f"{n + 7:032x}"]
            body = {"inventory_template_id": templates["SIM Card"]["inventory_template_id"]}
            body |= {f"itemtext{i}": text for i, text in enumerate(sim, 1)}
            self.sims.append(self._call("PUT", "/crm/inventory/", body)["inventory_id"])
            number = {
                "inventory_template_id": templates["Mobile Number"]["inventory_template_id"],
                "itemtext1": f"4477009{n:05d}",
            }
            self.numbers.append(self._call("PUT", "/crm/inventory/", number)["inventory_id"])
        product = {
            "product_name": "Bench Mobile 20GB",
            "product_slug": "bench-mobile",
            "service_type": "mobile",
            "retail_cost": 15,
            "inventory_items_list": ["SIM Card", "Mobile Number"],
            "provisioning_play": "play_psim_only",
            "provisioning_json_vars": {"data_gb": 20, "voice_minutes": 500, "sms_count": 250, "days": 30},
        }
        self.product = self._call("PUT", "/crm/product/", product)["product_id"]

    def submit(self) -> int:
        body = {
            "product_id": self.product,
            "customer_id": self.customer,
            "SIM Card": self.sims.pop(),
            "Mobile Number": self.numbers.pop(),
        }
        return self._call("PUT", "/crm/provision/", body)["provision_id"]

    def done(self, provision_id: int) -> bool:
        job = self.client.get(f"/crm/provision/provision_id/{provision_id}", headers=HEADERS).get_json()
        if job["provisioning_status"] == 2:
            raise AssertionError(f"job {provision_id} failed: {job['error_summary']}")
        return job["provisioning_status"] == 0

    def run(self, count: int) -> tuple[list[float], float]:
        """Submit `count` jobs at once; (each job's latency, the wall time for all)."""
        started = time.perf_counter()
        submitted = {self.submit(): time.perf_counter() for _ in range(count)}
        latencies: dict[int, float] = {}
        while len(latencies) < count:
            for job_id, begin in submitted.items():
                if job_id not in latencies and self.done(job_id):
                    latencies[job_id] = time.perf_counter() - begin
            time.sleep(0.05)
        return sorted(latencies.values()), time.perf_counter() - started

    def stop(self) -> None:
        self.server.shutdown()
        self.network.stop()


def main() -> None:
    logging.disable(logging.INFO)
    print("\nMobile playbook play_psim_only (real ansible-runner, API on a port, sandbox OCS/HSS/SMSC, SQLite)")
    with tempfile.TemporaryDirectory() as workdir:
        bench = Bench(Path(workdir), 1)
        latencies, ratios = [], []
        for _ in range(SEQUENTIAL_JOBS):
            network_before = bench.network_seconds()
            [latency], _ = bench.run(1)
            latencies.append(latency)
            ratios.append(latency / (bench.network_seconds() - network_before))
        bench.stop()
        p95 = sorted(latencies)[max(int(len(latencies) * 0.95) - 1, 0)]
        print(f"  one job at a time: median {statistics.median(latencies):.2f} s, p95 {p95:.2f} s ({SEQUENTIAL_JOBS} jobs)")
        print(
            f"  Ansible overhead: a job takes {statistics.median(ratios):.0f}x the time of its network calls "
            f"(median of {SEQUENTIAL_JOBS}; the rest is ansible-playbook and one Python process per task)"
        )
        for workers in (1, 2, 4):
            bench = Bench(Path(workdir), workers)
            loaded, elapsed = bench.run(LOAD_JOBS)
            bench.stop()
            print(
                f"  {workers} worker(s), {LOAD_JOBS} jobs at once: median {statistics.median(loaded):.2f} s, "
                f"throughput {LOAD_JOBS / elapsed:.2f} jobs/s"
            )


if __name__ == "__main__":
    main()
