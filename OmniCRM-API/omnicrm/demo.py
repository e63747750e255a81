"""Demo data for `make run` in demo mode. Idempotent: running it again changes nothing.

Each feature adds its own part here as it arrives (users now; customers, products and services later).
Demo passwords are deliberately weak and are refused at login whenever the product is not in demo mode.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omnicrm.auth.credentials import hash_password
from omnicrm.auth.models import Role, User

DEMO_USERS = (
    # e-mail, password, first name, last name, role
    ("admin@example.com", "admin", "Ada", "Admin", "Admin"),
    ("customer@example.com", "customer", "Carl", "Customer", "Customer"),
)
DEMO_PASSWORDS = frozenset(password for _, password, *_ in DEMO_USERS)


def load(session: Session, bcrypt_rounds: int) -> list[tuple[str, str]]:
    """Create the demo users that are missing; return the demo logins (e-mail, password)."""
    for email, password, first_name, last_name, role_name in DEMO_USERS:
        if session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
            continue
        role = session.scalar(select(Role).where(Role.name_key == role_name.lower()))
        session.add(
            User(
                username=email,
                email=email,
                email_verified=True,
                password_hash=hash_password(password, bcrypt_rounds),
                first_name=first_name,
                last_name=last_name,
                roles=[role],
            )
        )
    session.commit()
    return [(email, password) for email, password, *_ in DEMO_USERS]
