"""Search and customer-list latency at operator scale on MariaDB (issue: 100k customers, 200k contacts,
100k sites), with the query plans, at 10k and at 100k customers to show how it scales."""

from __future__ import annotations

import logging
import os
import random
import secrets
import statistics
import time
from collections.abc import Callable

import pymysql
from sqlalchemy import create_engine, insert, text

from omnicrm import migrate
from omnicrm.app import create_app
from omnicrm.config import Settings
from omnicrm.customers.models import Contact, Customer, Site
from omnicrm.db import utcnow
from omnicrm.integrations.ocs import DATA, MONETARY, SMS, VOICE, OcsClient
from omnicrm.inventory.models import Inventory, InventoryTemplate
from omnicrm.sandbox import ocs as ocs_sandbox
from omnicrm.sandbox.server import start
from omnicrm.search import index
from omnicrm.search.models import SearchEntry, SearchGram
from omnicrm.services.models import Service

FIRST = [
    "John",
    "Jane",
    "Ahmed",
    "Maria",
    "Wei",
    "Olga",
    "Pierre",
    "Aisha",
    "Lars",
    "Sofia",
    "Kenji",
    "Amara",
    "Diego",
    "Fatima",
    "Ivan",
]
LAST = [
    "Smith",
    "Garcia",
    "Nguyen",
    "Müller",
    "Rossi",
    "Kowalski",
    "Okafor",
    "Tanaka",
    "Dubois",
    "Silva",
    "Jensen",
    "Haddad",
    "Novak",
]
STREETS = ["High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue", "Victoria Road", "Green Lane"]
API_KEY = "bench-" + "s" * 40
QUERIES = {
    "prefix": "Smi",
    "infix": "arci",
    "email": "john.smith4@",
    "id-like digits": "0123",
    "ICCID part": "89440000000000123",
    "common term": "7700",
}
RUNS = 40
SCALES = tuple(int(n) for n in os.environ.get("BENCH_SCALES", "10000,100000").split(","))
SERVICES_PER_CUSTOMER = 3
SERVICE_LISTS = {
    "Active, first page": "",
    "Active, page 500": "page=500",
    "all, by name": "filters={}&sort=service_name&order=asc",
    "search name": "search=Mobile%20-%20%2B44%207700%20000123",
    "search one number": "search=0001230",
    "search common term": "search=7700",
}
URL = "mysql+pymysql://root@127.0.0.1:3306/omnicrm_search_bench?charset=utf8mb4"


def reset_database() -> None:
    connection = pymysql.connect(host="127.0.0.1", user="root", connect_timeout=2)
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS omnicrm_search_bench")
        cursor.execute("CREATE DATABASE omnicrm_search_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    connection.close()


def load(engine, start: int, count: int) -> None:
    """Customers start+1..start+count, each with two contacts and one site."""
    rng = random.Random(start)
    now = utcnow()
    for chunk in range(start, start + count, 10_000):
        ids = range(chunk + 1, min(chunk + 10_000, start + count) + 1)
        customers, contacts, sites = [], [], []
        for number in ids:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            status = "Open" if number % 10 else "Closed"
            customers.append(
                {
                    "customer_id": number,
                    "customer_name": f"{first} {last} {number}",
                    "customer_account_type": "Individual",
                    "customer_status": status,
                    "customer_payment_type": "postpaid",
                    "customer_enabled": True,
                    "created": now,
                    "last_modified": now,
                }
            )
            for n in range(2):
                contacts.append(
                    {
                        "customer_id": number,
                        "contact_firstname": first if n == 0 else rng.choice(FIRST),
                        "contact_lastname": last,
                        "contact_email": f"{first}.{last}{number}{n}@example.com".lower(),
                        "contact_phone": f"+44 7700 {number:06d}",
                        "contact_types": "Primary",
                        "created": now,
                        "last_modified": now,
                    }
                )
            sites.append(
                {
                    "customer_id": number,
                    "site_name": f"{number} {rng.choice(STREETS)}",
                    "address_line_1": f"{number} {rng.choice(STREETS)}",
                    "country": "United Kingdom",
                    "latitude": 51 + rng.random(),
                    "longitude": -1 + rng.random(),
                    "created": now,
                    "last_modified": now,
                }
            )
        with engine.begin() as connection:
            connection.execute(insert(Customer), customers)
            connection.execute(insert(Contact), contacts)
            connection.execute(insert(Site), sites)
            items = [sim_card(number, now) for number in ids]
            connection.execute(insert(Inventory), items)
            services = [mobile_service(number, n, now) for number in ids for n in range(SERVICES_PER_CUSTOMER)]
            connection.execute(insert(Service), services)
            first_service = connection.execute(text("SELECT MAX(service_id) FROM service")).scalar() - len(services)
            services = [{"service_id": first_service + n + 1, **row} for n, row in enumerate(services)]
            index_rows(connection, customers, contacts, sites, items, services)


def sim_card(number: int, now) -> dict:
    """One SIM per customer, assigned to it, with an ICCID and an IMSI derived from the number."""
    return {
        "inventory_template_id": 1,
        "item": "SIM Card",
        "customer_id": number,
        "item_state": "Assigned",
        "wholesale_cost": 2.5,
        "retail_cost": 10,
        "itemtext1": f"8944{number:015d}",
        "itemtext2": f"31012{number:010d}",
        "created": now,
        "last_modified": now,
    }


def mobile_service(number: int, n: int, now) -> dict:
    """Three services a customer: mostly Active, some Suspended or Inactive, each with its own OCS account."""
    status = ("Active", "Active", "Suspended", "Active", "Inactive")[(number + n) % 5]
    return {
        "customer_id": number,
        "service_name": f"Mobile - +44 7700 {number:06d}{n}",
        "service_type": "mobile",
        "service_uuid": f"Mobile_SIM_{number:08x}{n}",
        "service_status": status,
        "retail_cost": 15,
        "wholesale_cost": 5,
        "custom_fields": {},
        "service_provisioned_date": now,
        "service_active_date": now,
        "created": now,
        "last_modified": now,
    }


def index_rows(
    connection, customers: list[dict], contacts: list[dict], sites: list[dict], items: list[dict], services: list[dict]
) -> None:
    """Bulk inserts bypass the ORM, so the search index is written here with the product's own rules."""
    first_contact = connection.execute(text("SELECT MAX(contact_id) FROM contact")).scalar() - len(contacts)
    first_site = connection.execute(text("SELECT MAX(site_id) FROM site")).scalar() - len(sites)
    records = [Customer(**row) for row in customers]
    records += [Contact(contact_id=first_contact + n + 1, **row) for n, row in enumerate(contacts)]
    records += [Site(site_id=first_site + n + 1, **row) for n, row in enumerate(sites)]
    first_item = connection.execute(text("SELECT MAX(inventory_id) FROM inventory")).scalar() - len(items)
    records += [Inventory(inventory_id=first_item + n + 1, **row) for n, row in enumerate(items)]
    records += [Service(**row) for row in services]
    entries, postings = [], []
    for record in records:
        entry, grams = index.rows_for(record, customer_open=record.customer_id % 10 != 0)  # every tenth customer is Closed
        entries.append(entry)
        postings += grams
    connection.execute(insert(SearchEntry), entries)
    for first in range(0, len(postings), 50_000):
        connection.execute(insert(SearchGram), postings[first : first + 50_000])


def timings(call: Callable[[], int]) -> dict[str, float]:
    for _ in range(3):
        call()
    samples = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        assert call() == 200
        samples.append((time.perf_counter() - begin) * 1000)
    samples.sort()
    return {"p50": statistics.median(samples), "p95": samples[int(len(samples) * 0.95) - 1]}


def measure(client, ocs: OcsClient, scale: int) -> None:
    headers = {"X-API-KEY": API_KEY}
    services = SERVICES_PER_CUSTOMER * scale
    print(f"\n{scale:,} customers, {2 * scale:,} contacts, {scale:,} sites, {scale:,} inventory items, {services:,} services")
    for label, term in QUERIES.items():
        figures = timings(lambda t=term: client.get(f"/utilities/search_everything?search={t}", headers=headers).status_code)
        print(f"  search {label:<16} {term!r:<16} p50 {figures['p50']:7.1f} ms   p95 {figures['p95']:7.1f} ms")
    for label, query in (("first page", "page=1"), ("page 500", "page=500"), ("name search", "search=garcia")):
        figures = timings(lambda q=query: client.get(f"/crm/customers?{q}&per_page=20", headers=headers).status_code)
        print(f"  customer list {label:<11}                  p50 {figures['p50']:7.1f} ms   p95 {figures['p95']:7.1f} ms")
    for label, query in SERVICE_LISTS.items():
        figures = timings(lambda q=query: client.get(f"/crm/service/?{q}", headers=headers).status_code)
        print(f"  service list {label:<20}          p50 {figures['p50']:7.1f} ms   p95 {figures['p95']:7.1f} ms")
    service_page(client, ocs, scale // 2)


def service_page(client, ocs: OcsClient, service_id: int) -> None:
    """GET /crm/service/{id}: the record, its inventory, add-ons and live balances read from the OCS simulator."""
    headers = {"X-API-KEY": API_KEY}
    uuid = client.get(f"/crm/service/{service_id}?include_usage=false", headers=headers).get_json()["service_uuid"]
    for balance_type, value in ((DATA, 20 * 1024**3), (VOICE, 500 * 60 * 10**9), (SMS, 250), (MONETARY, 2000)):
        ocs.add_balance(uuid, balance_type, value, balance_id=f"monthly{balance_type}", expiry_time="+720h")
    figures = timings(lambda: client.get(f"/crm/service/{service_id}", headers=headers).status_code)
    print(f"  service page (with its OCS reads)                p50 {figures['p50']:7.1f} ms   p95 {figures['p95']:7.1f} ms")


def explain(engine) -> None:
    print("\nQuery plans (MariaDB EXPLAIN) at the largest scale:")
    statements = {
        "customer list page": "SELECT * FROM customer WHERE customer_status != 'Archived' "
        "ORDER BY customer_id DESC LIMIT 20 OFFSET 9980",
        "search 'smi'": "SELECT entity_rank, entity_id FROM search_gram WHERE gram = 'smi' AND customer_open "
        "ORDER BY entity_rank, entity_id",
        "service list, Active page 500": "SELECT service.* FROM service JOIN customer ON customer.customer_id = "
        "service.customer_id WHERE service.service_status = 'Active' ORDER BY service.service_id DESC LIMIT 10 OFFSET 4990",
        "search 'arci'": "SELECT g.entity_rank, g.entity_id FROM search_gram g JOIN search_gram o "
        "ON o.entity_rank = g.entity_rank "
        "AND o.entity_id = g.entity_id AND o.gram = 'rci' AND o.customer_open = g.customer_open "
        "JOIN search_entry e ON e.entity_rank = g.entity_rank "
        "AND e.entity_id = g.entity_id WHERE g.gram = 'arc' AND g.customer_open AND e.haystack LIKE '%arci%' "
        "ORDER BY g.entity_rank, g.entity_id",
    }
    with engine.connect() as connection:
        for label, statement in statements.items():
            rows = connection.execute(text(f"EXPLAIN {statement}")).mappings().all()
            plan = "; ".join(f"{row['table']}: {row['type']} key={row['key']} rows={row['rows']}" for row in rows)
            print(f"  {label}: {plan}")


def main() -> None:
    logging.disable(logging.INFO)
    try:
        reset_database()
    except pymysql.MySQLError:
        print("MariaDB not reachable: search scale benchmark skipped")
        return
    migrate.upgrade(URL)
    engine = create_engine(URL)
    ocs_sim = start(ocs_sandbox.create_app())
    with engine.begin() as connection:
        now = utcnow()
        template = {
            "inventory_template_id": 1,
            "item": "SIM Card",
            "wholesale_cost": 2.5,
            "retail_cost": 10,
            "itemtext1_label": "ICCID",
            "itemtext2_label": "IMSI",
            "created": now,
            "last_modified": now,
        }
        connection.execute(insert(InventoryTemplate), [template])
    settings = Settings.model_validate(
        {
            "database": {"url": URL},
            "jwt_secret": secrets.token_hex(32),
            "crm": {"base_url": "http://x"},
            "api_keys": {API_KEY: {"roles": ["admin"]}},
            "server": {"log_level": "WARNING"},
            "ocs": {"cgrates": f"127.0.0.1:{ocs_sim.port}", "ocsTenant": ocs_sandbox.DEFAULT_TENANT},
        }
    )
    client = create_app(settings).test_client()
    ocs = OcsClient(f"127.0.0.1:{ocs_sim.port}", ocs_sandbox.DEFAULT_TENANT)
    print("Search and list latency on MariaDB (in-process WSGI; data generated, loaded with bulk inserts)")
    loaded = 0
    for scale in SCALES:
        started = time.perf_counter()
        load(engine, loaded, scale - loaded)
        loaded = scale
        print(f"(loaded up to {scale:,} customers in {time.perf_counter() - started:.0f} s)")
        measure(client, ocs, scale)
    explain(engine)
    engine.dispose()
    ocs_sim.stop()


if __name__ == "__main__":
    main()
