"""Billing: the transaction ledger (spec 07). Invoices and payments build on it."""
