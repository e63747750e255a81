"""Hashing and encryption of credentials: passwords (bcrypt), keys and codes (SHA-256 / HMAC), TOTP secrets (Fernet)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import string

import bcrypt
from cryptography.fernet import Fernet

from omnicrm.config import PasswordPolicy, Settings
from omnicrm.errors import bad_request

BCRYPT_MAX_BYTES = 72
SPECIALS = "!@#$%^&*"


def hash_password(password: str, rounds: int) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()


def verify_password(password: str, password_hash: str) -> bool:
    encoded = password.encode()
    if len(encoded) > BCRYPT_MAX_BYTES:
        return False
    return bcrypt.checkpw(encoded, password_hash.encode())


def policy_failures(password: str, policy: PasswordPolicy) -> list[str]:
    rules = [
        (len(password) >= policy.min_length, f"at least {policy.min_length} characters"),
        (len(password.encode()) <= BCRYPT_MAX_BYTES, f"at most {BCRYPT_MAX_BYTES} bytes"),
        (not policy.require_upper or re.search(r"[A-Z]", password), "an upper-case letter"),
        (not policy.require_lower or re.search(r"[a-z]", password), "a lower-case letter"),
        (not policy.require_digit or re.search(r"\d", password), "a digit"),
        (not policy.require_special or re.search(r"[^A-Za-z0-9]", password), f"a special character such as {SPECIALS}"),
    ]
    return [rule for passed, rule in rules if not passed]


def check_password_policy(password: object, policy: PasswordPolicy, field: str = "new_password") -> str:
    """Return the password when it meets the policy; 400 naming the field and the failed rules otherwise."""
    if not isinstance(password, str) or not password:
        raise bad_request("Password is required", {field: "required"})
    failures = policy_failures(password, policy)
    if failures:
        raise bad_request(
            "Password does not meet the policy: needs " + ", ".join(failures), {field: "needs " + ", ".join(failures)}
        )
    return password


def temporary_password(length: int = 16) -> str:
    """A random password that meets any policy up to `length` characters."""
    alphabet = string.ascii_letters + string.digits + SPECIALS
    required = [
        secrets.choice(string.ascii_uppercase),
        secrets.choice(string.ascii_lowercase),
        secrets.choice(string.digits),
        secrets.choice(SPECIALS),
    ]
    chars = required + [secrets.choice(alphabet) for _ in range(length - len(required))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def keyed_hash(settings: Settings, value: str) -> str:
    """HMAC of short secrets (8-digit backup codes): useless to an attacker without the server's secret."""
    return hmac.new(settings.jwt_secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def _fernet(settings: Settings) -> Fernet:
    key = settings.two_factor.encryption_key or settings.security.encryption_key
    if key is None:
        key = base64.urlsafe_b64encode(hashlib.sha256(b"omnicrm-totp:" + settings.jwt_secret.encode()).digest()).decode()
    return Fernet(key)


def encrypt(settings: Settings, value: str) -> str:
    return _fernet(settings).encrypt(value.encode()).decode()


def decrypt(settings: Settings, value: str) -> str:
    return _fernet(settings).decrypt(value.encode()).decode()


def random_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)
