"""The customer welcome e-mail (spec 06 B11 #1): sent when staff create a customer or its first service goes live,
to every contact with an e-mail address, and at most once per customer."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.customers.models import Contact, Customer
from omnicrm.notify.outbox import queue_email

KEY = "api_crmCommunicationCustomerWelcome"


def welcome_customer(session: Session, customer: Customer) -> int:
    """Queue the welcome e-mail unless it went already; a customer with no e-mail address yet keeps it for a later
    trigger. Returns how many were queued."""
    if customer.welcome_email_sent_at is not None:
        return 0
    contacts = session.scalars(
        select(Contact).where(Contact.customer_id == customer.customer_id, Contact.contact_email.is_not(None))
    ).all()
    settings = current_app.extensions["omnicrm.settings"]
    portal = settings.crm.ui_url or settings.crm.public_url or settings.crm.base_url
    for contact in contacts:
        variables = {
            "customer_name": customer.customer_name,
            "email": contact.contact_email,
            "company_name": customer.customer_name if customer.customer_account_type == "Business" else "",
            "login_url": f"{portal}/login",
            "support_url": settings.mailjet.support_url,
        }
        name = " ".join(part for part in (contact.contact_firstname, contact.contact_lastname) if part)
        queue_email(session, KEY, contact.contact_email, variables, customer_id=customer.customer_id, to_name=name)
    if contacts:
        customer.welcome_email_sent_at = clock.now()
    return len(contacts)
