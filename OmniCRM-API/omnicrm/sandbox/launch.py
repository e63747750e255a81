"""Start the OCS, HSS, SMSC and Mailjet simulators together, for the demo launcher and end-to-end tests.

`python -m omnicrm.sandbox [--ocs-port 2080] [--hss-port 8080] [--smsc-port 8090] [--mailjet-port 8095]` serves
all four until Ctrl-C and prints the `crm_config.yaml` values that point the product at them.
"""

from __future__ import annotations

import argparse
import json
import threading
from dataclasses import dataclass
from typing import Any

from omnicrm.sandbox import hss, mailjet, ocs, smsc
from omnicrm.sandbox.server import Running, start


@dataclass
class Network:
    """The four running simulators."""

    ocs: Running
    hss: Running
    smsc: Running
    mailjet: Running
    tenant: str
    smsc_api_key: str

    def config(self, source_msisdn: str = "OmniCRM") -> dict[str, Any]:
        """The `crm_config.yaml` sections that point at the simulators."""
        return {
            "ocs": {"cgrates": f"127.0.0.1:{self.ocs.port}", "ocsTenant": self.tenant},
            "hss": {"hss_peers": [self.hss.url]},
            "smsc": {"smsc_url": f"{self.smsc.url}/SMSc/", "api_key": self.smsc_api_key, "source_msisdn": source_msisdn},
            "mailjet": {
                "api_url": f"{self.mailjet.url}/",
                "api_key": mailjet.DEFAULT_API_KEY,
                "api_secret": mailjet.DEFAULT_API_SECRET,
            },
        }

    def stop(self) -> None:
        for running in (self.ocs, self.hss, self.smsc, self.mailjet):
            running.stop()


def start_network(
    ocs_port: int = 0,
    hss_port: int = 0,
    smsc_port: int = 0,
    mailjet_port: int = 0,
    tenant: str = ocs.DEFAULT_TENANT,
    smsc_api_key: str = smsc.DEFAULT_API_KEY,
) -> Network:
    """Start all four in background threads on 127.0.0.1 (port 0 = any free port)."""
    return Network(
        ocs=start(ocs.create_app(default_tenant=tenant), port=ocs_port),
        hss=start(hss.create_app(), port=hss_port),
        smsc=start(smsc.create_app(api_key=smsc_api_key), port=smsc_port),
        mailjet=start(mailjet.create_app(), port=mailjet_port),
        tenant=tenant,
        smsc_api_key=smsc_api_key,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="OCS (CGRateS), HSS (PyHSS), SMSC and Mailjet simulators")
    parser.add_argument("--ocs-port", type=int, default=2080)
    parser.add_argument("--hss-port", type=int, default=8080)
    parser.add_argument("--smsc-port", type=int, default=8090)
    parser.add_argument("--mailjet-port", type=int, default=8095)
    parser.add_argument("--tenant", default=ocs.DEFAULT_TENANT)
    args = parser.parse_args(argv)
    network = start_network(args.ocs_port, args.hss_port, args.smsc_port, args.mailjet_port, tenant=args.tenant)
    print(json.dumps(network.config(), indent=2), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        network.stop()
