"""Every feature's models, imported so that alembic and the schema test see the whole metadata."""

from omnicrm.activity.models import Activity
from omnicrm.auth.models import ApiKey, AuthToken, ImpersonationLog, Permission, Role, User, UserBackupCode
from omnicrm.billing.models import Transaction
from omnicrm.catalogue.models import Product
from omnicrm.customers.models import Contact, Customer, CustomerAttribute, CustomerTag, Site
from omnicrm.db import Base
from omnicrm.inventory.models import Inventory, InventoryTemplate
from omnicrm.jobs.models import BackgroundJob
from omnicrm.notify.models import Communication
from omnicrm.provisioning.models import Provision, ProvisionEvent
from omnicrm.search.models import SearchEntry, SearchGram
from omnicrm.services.models import (
    Service,
    ServiceAddon,
    ServiceBalanceWatermark,
    ServiceLifecycleEvent,
    ServiceNote,
)

metadata = Base.metadata

__all__ = [
    "Activity",
    "ApiKey",
    "AuthToken",
    "BackgroundJob",
    "Communication",
    "Contact",
    "Customer",
    "CustomerAttribute",
    "CustomerTag",
    "Site",
    "ImpersonationLog",
    "Inventory",
    "InventoryTemplate",
    "Permission",
    "Product",
    "Provision",
    "ProvisionEvent",
    "Role",
    "SearchEntry",
    "SearchGram",
    "Service",
    "ServiceAddon",
    "ServiceBalanceWatermark",
    "ServiceLifecycleEvent",
    "ServiceNote",
    "Transaction",
    "User",
    "UserBackupCode",
    "metadata",
]
