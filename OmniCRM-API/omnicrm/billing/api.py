"""Transactions (ENDPOINTS.md §15): the ledger playbooks and staff write to. Invoices and payments come later."""

from __future__ import annotations

from decimal import Decimal

from flask import request
from flask_restx import Namespace, Resource
from sqlalchemy import Select, String, cast, func, or_, select

from omnicrm.apidoc import LIST_PARAMS, error_model
from omnicrm.auth.principal import current, ensure_customer_access, require, restrict_to_own
from omnicrm.billing import transactions
from omnicrm.billing.models import Transaction
from omnicrm.customers import customers
from omnicrm.db import get_session
from omnicrm.errors import not_found
from omnicrm.pagination import envelope, json_filters, list_args, paginate
from omnicrm.payload import json_object

ns = Namespace("transactions", path="/crm/transaction", description="The transaction ledger")
error = error_model(ns)
SORTS = {name: getattr(Transaction, name) for name in ("transaction_id", "created", "title", "retail_cost", "invoice_id")}
FILTERS = ("void", "invoiced", "customer_id", "service_id")
CREATE_DOC = (
    "customer_id, title, retail_cost (signed: negative is a credit) required; description, wholesale_cost, tax_percentage "
    "(default: the product's), service_id, site_id, product_id, created, transaction_type (debit/credit), credit_type."
)


def _filtered(query: Select) -> Select:
    for key, values in json_filters(request.args.get("filters"), FILTERS).items():
        if key == "invoiced":
            query = query.where(
                or_(*(Transaction.invoice_id.is_not(None) if v else Transaction.invoice_id.is_(None) for v in values))
            )
        else:
            query = query.where(getattr(Transaction, key).in_(values))
    if "void" not in (request.args.get("filters") or ""):
        query = query.where(Transaction.void.is_(False))
    return query


def _searched(query: Select, search: str | None) -> Select:
    if not search:
        return query
    pattern = f"%{search.lower()}%"
    return query.where(
        or_(
            func.lower(Transaction.title).like(pattern),
            func.lower(Transaction.description).like(pattern),
            cast(Transaction.transaction_id, String).like(pattern),
            cast(Transaction.invoice_id, String).like(pattern),
        )
    )


def _create():
    session = get_session()
    transaction = transactions.create(session, json_object(), current().user_id)
    session.commit()
    return transactions.as_dict(transaction)


@ns.route("")
class TransactionList(Resource):
    @require("create_customer_transaction")
    @ns.doc(description=CREATE_DOC)
    @ns.response(400, "Invalid field", error)
    @ns.response(404, "Unknown customer, service, site or product", error)
    def put(self):
        """Record a debit or credit (tax computed)."""
        return _create()

    @require("create_customer_transaction")
    @ns.doc(description=CREATE_DOC)
    def post(self):
        """Same as PUT (playbooks use both)."""
        return _create(), 201

    @require("view_customer_transaction", own="view_own_customer_transaction")
    @ns.doc(params={**LIST_PARAMS, "filters": 'JSON: void, invoiced, customer_id, service_id, e.g. {"void": [true]}'})
    def get(self):
        """Transactions, newest first; void ones only when asked for."""
        args = list_args(request.args, SORTS, default_sort="transaction_id")
        query = _searched(_filtered(restrict_to_own(select(Transaction), Transaction.customer_id)), args.search)
        return paginate(get_session(), query, args, SORTS, transactions.as_dict)


@ns.route("/customer_id/<int:customer_id>")
class CustomerTransactions(Resource):
    @require("view_customer_transaction", own="view_own_customer_transaction")
    @ns.doc(params=LIST_PARAMS)
    def get(self, customer_id: int):
        """A customer's transactions; sorted by date ascending, each row carries the running balance."""
        session = get_session()
        customers.get(session, customer_id)
        ensure_customer_access(customer_id)
        args = list_args(request.args, SORTS, default_sort="transaction_id")
        query = _searched(_filtered(select(Transaction).where(Transaction.customer_id == customer_id)), args.search)
        if args.sort != "created" or args.order != "asc":
            return paginate(session, query, args, SORTS, transactions.as_dict)
        rows = session.scalars(query.order_by(Transaction.created, Transaction.transaction_id)).all()
        balance, data = Decimal(0), []
        for row in rows:
            if not row.void:
                balance += row.retail_cost + row.tax_amount
            data.append({**transactions.as_dict(row), "running_balance": float(balance)})
        start = (args.page - 1) * args.per_page
        return envelope(data[start : start + args.per_page], args.page, args.per_page, len(data))


@ns.route("/transaction_id/<int:transaction_id>")
class TransactionDetail(Resource):
    @require("view_customer_transaction", own="view_own_customer_transaction")
    def get(self, transaction_id: int):
        """One transaction."""
        transaction = get_session().get(Transaction, transaction_id)
        if transaction is None:
            raise not_found("Transaction")
        ensure_customer_access(transaction.customer_id)
        return transactions.as_dict(transaction)
