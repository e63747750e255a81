"""Helpers for the identity tests: users made through the API, logins, TOTP codes from the product's clock."""

from __future__ import annotations

import pyotp
from conftest import ADMIN_HEADERS

from omnicrm.auth.twofactor import current_step

PASSWORD = "Str0ng!Passw0rd"


def create_user(client, email: str, role: str = "Support", password: str = PASSWORD, **extra) -> dict:
    body = {"email": email, "password": password, "first_name": "Test", "last_name": email.split("@")[0], "role": role, **extra}
    response = client.post("/auth/users", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def ready_user(client, email: str, role: str = "Support", password: str = PASSWORD) -> dict:
    """A user who has chosen their own password (no forced change pending)."""
    user = create_user(client, email, role, password)
    reset = client.post(
        f"/auth/users/{user['id']}/admin_reset_password",
        json={"new_password": password, "force_change": False},
        headers=ADMIN_HEADERS,
    )
    assert reset.status_code == 200
    return user


def login(client, email: str, password: str = PASSWORD, **extra):
    return client.post("/crm/auth/login", json={"email": email, "password": password, **extra})


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def totp(secret: str, steps_back: int = 0) -> str:
    return pyotp.TOTP(secret).generate_otp(current_step() - steps_back)


def enable_2fa(client, user: dict, token: str, password: str = PASSWORD) -> dict:
    enrolment = client.post(f"/2fa/enable/user/{user['id']}", json={"password": password}, headers=bearer(token)).get_json()
    verified = client.post(
        f"/2fa/verify-setup/user/{user['id']}", json={"code": totp(enrolment["totp_secret"])}, headers=bearer(token)
    )
    assert verified.get_json() == {"verified": True}
    return enrolment
