"""Customers, contacts, sites, tags and attributes (ENDPOINTS.md §2). Own-scope callers see only their customer."""

from __future__ import annotations

from flask import current_app, request
from flask_restx import Namespace, Resource, fields

from omnicrm.apidoc import LIST_PARAMS, error_model, pagination_model
from omnicrm.auth.principal import authenticate, ensure_customer_access, own_scope, require, restrict_to_own
from omnicrm.customers import attributes, contacts, customers, sites, tags
from omnicrm.customers.models import Customer
from omnicrm.db import get_session
from omnicrm.errors import bad_request
from omnicrm.fields import Reader
from omnicrm.pagination import list_args, paginate
from omnicrm.payload import json_object

ns = Namespace("customers", path="/", description="Customers, contacts, sites, tags and attributes")
error = error_model(ns)

customer_fields = {
    "customer_name": fields.String(required=True, max_length=255),
    "customer_account_type": fields.String(enum=["Individual", "Business"], default="Individual"),
    "customer_status": fields.String(enum=["Open", "Suspended", "Closed", "Archived"], default="Open"),
    "customer_payment_type": fields.String(enum=["prepaid", "postpaid"], default="postpaid"),
    "customer_enabled": fields.Boolean(default=True),
    "tax_identifier": fields.String(max_length=64),
    "contract_start_date": fields.String(example="2025-01-01 00:00:00"),
    "contract_end_date": fields.String(example="2026-01-01 00:00:00"),
}
contact_fields = {
    "contact_firstname": fields.String(required=True, max_length=100),
    "contact_lastname": fields.String(max_length=100),
    "contact_email": fields.String(max_length=255),
    "contact_phone": fields.String(max_length=32),
    "contact_types": fields.String(example="Primary,Billing", description="Comma-separated Primary, Billing, Technical"),
}
site_fields = {
    "site_name": fields.String(max_length=255),
    "address_line_1": fields.String(required=True, max_length=255),
    "address_line_2": fields.String(max_length=255),
    "city": fields.String(max_length=100),
    "state": fields.String(max_length=100),
    "zip_code": fields.String(max_length=20),
    "country": fields.String(max_length=100, description="Defaults to the configured default_country"),
    "latitude": fields.Float(required=True, min=-90, max=90),
    "longitude": fields.Float(required=True, min=-180, max=180),
    "google_maps_place_id": fields.String,
    "plus_code": fields.String(description="Full Open Location Code; computed from the coordinates when absent"),
    "address_note": fields.String,
}
contact_model = ns.model("Contact", {"contact_id": fields.Integer, "customer_id": fields.Integer, **contact_fields})
contact_create = ns.model("ContactCreate", {"customer_id": fields.Integer(required=True), **contact_fields})
site_model = ns.model("Site", {"site_id": fields.Integer, "customer_id": fields.Integer, **site_fields})
site_create = ns.model("SiteCreate", {"customer_id": fields.Integer(required=True), **site_fields})
tag_fields = {
    "tag_text": fields.String(required=True, max_length=64),
    "tag_hex_color": fields.String(required=True, example="FFD700"),
    "tag_link": fields.String(description="Absolute http(s) URL"),
    "tag_active_date": fields.String(example="2025-01-01 00:00:00"),
    "tag_deactivate_date": fields.String(example="2099-01-01 00:00:00"),
}
tag_model = ns.model("Tag", {"tag_id": fields.Integer, "customer_id": fields.Integer, "tag_active": fields.Boolean, **tag_fields})
tag_create = ns.model("TagCreate", {"customer_id": fields.Integer(required=True), **tag_fields})
customer_model = ns.model(
    "Customer", {"customer_id": fields.Integer, **customer_fields, "created": fields.String, "last_modified": fields.String}
)
customer_detail = ns.inherit(
    "CustomerDetail",
    customer_model,
    {
        "contacts": fields.List(fields.Nested(contact_model)),
        "sites": fields.List(fields.Nested(site_model)),
        "tags": fields.List(fields.Nested(tag_model), description="Active tags"),
    },
)
customer_create = ns.model(
    "CustomerCreate",
    {
        **customer_fields,
        "contact": fields.Nested(ns.model("NestedContact", contact_fields)),
        "site": fields.Nested(ns.model("NestedSite", site_fields)),
    },
)
customer_page = ns.model(
    "CustomerPage", {"data": fields.List(fields.Nested(customer_model)), "pagination": fields.Nested(pagination_model(ns))}
)
attribute_model = ns.model(
    "Attribute",
    {
        "attribute_id": fields.Integer,
        "customer_id": fields.Integer(required=True),
        "attribute_name": fields.String(required=True, max_length=100),
        "attribute_value": fields.String(required=True, max_length=150),
        "created": fields.String,
        "last_modified": fields.String,
    },
)
deleted = ns.model("Deleted", {"message": fields.String, "result": fields.String})
SORTABLE = {
    "customer_id": Customer.customer_id,
    "customer_name": Customer.customer_name,
    "created": Customer.created,
    "customer_status": Customer.customer_status,
}


def _default_country() -> str | None:
    return current_app.extensions["omnicrm.settings"].default_country


def _customer_for(body: dict, field: str = "customer_id") -> Customer:
    """The customer a new record belongs to: 400 when missing, 404 when unknown, 403 outside own scope."""
    reader = Reader(body)
    reader.integer(field, required=True)
    customer_id = reader.check("Invalid request")[field]
    customer = customers.get(get_session(), customer_id)
    ensure_customer_access(customer.customer_id)
    return customer


def _owned_customer(customer_id: int) -> Customer:
    customer = customers.get(get_session(), customer_id)
    ensure_customer_access(customer.customer_id)
    return customer


# ------------------------------------------------------------------ customers


@ns.route("/crm/customers", "/crm/customer")
class CustomerList(Resource):
    @require("view_customer", own="view_own_customer")
    @ns.doc(
        params={
            **LIST_PARAMS,
            "filters": 'JSON object, e.g. {"customer_status": "Open"}',
            "customer_status": "Open, Suspended, Closed or Archived",
            "customer_account_type": "Individual or Business",
            "customer_payment_type": "prepaid or postpaid",
            "include_archived": "true to include archived customers",
        }
    )
    @ns.response(200, "A page of customers", customer_page)
    def get(self):
        """List customers: search by name (contains) or exact id, filter, sort, page."""
        args = list_args(request.args, SORTABLE, default_sort="customer_id", default_order="desc")
        query = restrict_to_own(customers.list_query(request.args, args.search), Customer.customer_id)
        return paginate(get_session(), query, args, SORTABLE, customers.as_dict)

    @require("create_customer")
    @ns.expect(customer_create)
    @ns.response(200, "Created with its contact and site", customer_detail)
    @ns.response(400, "Invalid field (nested ones included): nothing created", error)
    def put(self):
        """Create a customer, optionally with its first contact and site, in one transaction."""
        session = get_session()
        customer = customers.create(session, json_object(), _default_country())
        return customers.detail(session, customer)


@ns.route("/crm/customer/customer_id/<int:customer_id>")
class CustomerDetail(Resource):
    @require("view_customer", own="view_own_customer")
    @ns.response(200, "The customer with contacts, sites and active tags", customer_detail)
    @ns.response(404, "No such customer", error)
    def get(self, customer_id: int):
        """One customer."""
        return customers.detail(get_session(), _owned_customer(customer_id))

    @require("update_customer")
    @ns.expect(ns.model("CustomerUpdate", customer_fields))
    @ns.response(200, "Updated", customer_model)
    @ns.response(409, "Archived requested, an archived customer, or a forbidden status change", error)
    def patch(self, customer_id: int):
        """Update a customer."""
        session = get_session()
        return customers.as_dict(customers.update(session, customers.get(session, customer_id), json_object()))

    @require("delete_customer")
    @ns.response(200, "Archived", ns.model("Archived", {"customer_id": fields.Integer, "customer_status": fields.String}))
    @ns.response(409, "Blocked: `blocking` lists active_services, unpaid_invoices, uninvoiced_transactions", error)
    def delete(self, customer_id: int):
        """Archive a customer (no hard delete): its data stays, its portal users are kept out."""
        session = get_session()
        customer = customers.archive(session, customers.get(session, customer_id))
        return {"customer_id": customer.customer_id, "customer_status": customer.customer_status}


@ns.route("/crm/customer/customer_id/<int:customer_id>/restore")
class CustomerRestore(Resource):
    @require("delete_customer")
    @ns.response(200, "Restored to its status before archiving", customer_model)
    @ns.response(409, "Not archived", error)
    def post(self, customer_id: int):
        """Restore an archived customer."""
        session = get_session()
        return customers.as_dict(customers.restore(session, customers.get(session, customer_id)))


@ns.route("/crm/customer/customer_id/<int:customer_id>/arpu")
class CustomerArpu(Resource):
    @require("view_customer", own="view_own_customer")
    @ns.response(
        200,
        "Revenue, services and ARPU against the system average",
        ns.model(
            "Arpu",
            {
                "customer_id": fields.Integer,
                "revenue": fields.Float,
                "service_count": fields.Integer,
                "arpu": fields.Float,
                "system_arpu": fields.Float,
            },
        ),
    )
    def get(self, customer_id: int):
        """Average revenue per service of the customer and of the whole system (the overview chart)."""
        session = get_session()
        customers.get(session, customer_id)
        ensure_customer_access(customer_id)
        return customers.arpu(session, customer_id)


# ------------------------------------------------------------------ contacts


@ns.route("/crm/contact")
class ContactCreate(Resource):
    @require("create_customer_contact")
    @ns.expect(contact_create)
    @ns.response(200, "Created", contact_model)
    def put(self):
        """Add a contact to a customer."""
        body = json_object()
        customer = _customer_for(body)
        session = get_session()
        values = contacts.read(body)
        contact = contacts.add(session, customer.customer_id, values)
        session.commit()
        return contacts.as_dict(contact)


@ns.route("/crm/contact/contact_id/<int:contact_id>")
class ContactDetail(Resource):
    @require("view_customer_contact", own="view_own_customer_contact")
    @ns.response(200, "The contact", contact_model)
    def get(self, contact_id: int):
        """One contact."""
        contact = contacts.get(get_session(), contact_id)
        ensure_customer_access(contact.customer_id)
        return contacts.as_dict(contact)

    @require("update_customer_contact")
    @ns.expect(ns.model("ContactUpdate", contact_fields))
    @ns.response(200, "Updated", contact_model)
    def patch(self, contact_id: int):
        """Update a contact (its customer cannot change)."""
        session = get_session()
        contact = contacts.update(session, contacts.get(session, contact_id), json_object())
        session.commit()
        return contacts.as_dict(contact)

    @require("delete_customer_contact")
    @ns.response(200, "Deleted", deleted)
    @ns.response(409, "A portal user is linked to it", error)
    def delete(self, contact_id: int):
        """Delete a contact."""
        session = get_session()
        contacts.delete(session, contacts.get(session, contact_id))
        session.commit()
        return {"message": "Contact deleted"}


@ns.route("/crm/contact/customer_id/<int:customer_id>")
class CustomerContacts(Resource):
    @require("view_customer_contact", own="view_own_customer_contact")
    @ns.response(200, "Bare array of contacts", [contact_model])
    def get(self, customer_id: int):
        """A customer's contacts."""
        customer = _owned_customer(customer_id)
        return [contacts.as_dict(contact) for contact in contacts.of_customer(get_session(), customer.customer_id)]


# ------------------------------------------------------------------ sites


@ns.route("/crm/site")
class SiteCreate(Resource):
    @require("create_customer_site")
    @ns.expect(site_create)
    @ns.response(200, "Created (plus code computed when absent)", site_model)
    def put(self):
        """Add a site to a customer."""
        body = json_object()
        customer = _customer_for(body)
        session = get_session()
        site = sites.add(session, customer.customer_id, sites.read(body), _default_country())
        session.commit()
        return sites.as_dict(site)


@ns.route("/crm/site/radius")
class SiteRadius(Resource):
    @require("view_customer_site", own="view_own_customer_site")
    @ns.doc(params={"latitude": "Centre latitude", "longitude": "Centre longitude", "radius_km": "0 < r <= 500"})
    @ns.response(200, "Sites within the radius, nearest first, with the distinct customers")
    def get(self):
        """Sites within a distance of a point (outage notices)."""
        reader = Reader(dict(request.args))
        reader.number("latitude", required=True, low=-90, high=90)
        reader.number("longitude", required=True, low=-180, high=180)
        reader.number("radius_km", required=True, low=0, high=500)
        point = reader.check("Invalid radius query")
        if point["radius_km"] <= 0:
            raise bad_request("Invalid radius query", {"radius_km": "must be more than 0"})
        own_customer = authenticate().customer_id if own_scope() else None
        if own_scope() and own_customer is None:
            hits = []  # a portal user without a customer sees nothing
        else:
            hits = sites.within(get_session(), point["latitude"], point["longitude"], point["radius_km"], own_customer)
        rows = [{**sites.as_dict(site), "distance_km": round(distance, 3)} for site, distance in hits]
        customer_ids = sorted({row["customer_id"] for row in rows})
        return {"sites": rows, "customer_ids": customer_ids, "total_sites": len(rows), "total_customers": len(customer_ids)}


@ns.route("/crm/site/site_id/<int:site_id>")
class SiteDetail(Resource):
    @require("view_customer_site", own="view_own_customer_site")
    @ns.response(200, "The site", site_model)
    def get(self, site_id: int):
        """One site."""
        site = sites.get(get_session(), site_id)
        ensure_customer_access(site.customer_id)
        return sites.as_dict(site)

    @require("update_customer_site")
    @ns.expect(ns.model("SiteUpdate", site_fields))
    @ns.response(200, "Updated (same validation on the merged result)", site_model)
    def patch(self, site_id: int):
        """Update a site."""
        session = get_session()
        site = sites.update(session, sites.get(session, site_id), json_object(), _default_country())
        session.commit()
        return sites.as_dict(site)

    @require("delete_customer_site")
    @ns.response(200, "Deleted", deleted)
    def delete(self, site_id: int):
        """Delete a site."""
        session = get_session()
        sites.delete(session, sites.get(session, site_id))
        session.commit()
        return {"message": "Site deleted"}


@ns.route("/crm/site/customer_id/<int:customer_id>")
class CustomerSites(Resource):
    @require("view_customer_site", own="view_own_customer_site")
    @ns.response(200, "Bare array of sites", [site_model])
    def get(self, customer_id: int):
        """A customer's sites."""
        customer = _owned_customer(customer_id)
        return [sites.as_dict(site) for site in sites.of_customer(get_session(), customer.customer_id)]


# ------------------------------------------------------------------ tags


@ns.route("/crm/tag")
class TagCreate(Resource):
    @require("create_customer_tag")
    @ns.expect(tag_create)
    @ns.response(200, "Created", tag_model)
    def put(self):
        """Tag a customer."""
        body = json_object()
        customer = _customer_for(body)
        session = get_session()
        tag = tags.add(session, customer.customer_id, body)
        session.commit()
        return tags.as_dict(tag)


@ns.route("/crm/tag/tag_id/<int:tag_id>")
class TagDetail(Resource):
    @require("view_customer_tag", own="view_own_customer_tag")
    @ns.response(200, "The tag", tag_model)
    def get(self, tag_id: int):
        """One tag."""
        tag = tags.get(get_session(), tag_id)
        ensure_customer_access(tag.customer_id)
        return tags.as_dict(tag)

    @require("update_customer_tag")
    @ns.expect(ns.model("TagUpdate", tag_fields))
    @ns.response(200, "Updated", tag_model)
    def patch(self, tag_id: int):
        """Update a tag (dates are checked after merging)."""
        session = get_session()
        tag = tags.update(session, tags.get(session, tag_id), json_object())
        session.commit()
        return tags.as_dict(tag)

    @require("delete_customer_tag")
    @ns.response(200, "Deleted", deleted)
    def delete(self, tag_id: int):
        """Delete a tag."""
        session = get_session()
        tags.delete(session, tags.get(session, tag_id))
        session.commit()
        return {"message": "Tag deleted"}


@ns.route("/crm/tag/customer_id/<int:customer_id>")
class CustomerTags(Resource):
    @require("view_customer_tag", own="view_own_customer_tag")
    @ns.doc(params={"active_only": "true for active tags only"})
    @ns.response(200, "Bare array of tags, newest activation first", [tag_model])
    def get(self, customer_id: int):
        """A customer's tags."""
        customer = _owned_customer(customer_id)
        active_only = request.args.get("active_only", "false").lower() == "true"
        return [tags.as_dict(tag) for tag in tags.of_customer(get_session(), customer.customer_id, active_only)]


# ------------------------------------------------------------------ attributes


@ns.route("/crm/attribute")
class AttributeUpsert(Resource):
    @require("create_customer_attribute")
    @ns.expect(attribute_model)
    @ns.response(200, "Created, or updated in place when the customer has an attribute of that name", attribute_model)
    @ns.response(400, "Missing or invalid field, value over 150 characters", error)
    def put(self):
        """Create or update a customer attribute."""
        body = json_object()
        customer = _customer_for(body)
        name, value = attributes.validate_upsert(body)
        session = get_session()
        attribute = attributes.upsert(session, customer.customer_id, name, value)
        session.commit()
        return attributes.as_dict(attribute)


@ns.route("/crm/attribute/attribute_id/<int:attribute_id>")
class AttributeDetail(Resource):
    @require("view_customer_attribute", own="view_own_customer_attribute")
    @ns.response(200, "The attribute", attribute_model)
    def get(self, attribute_id: int):
        """One attribute."""
        attribute = attributes.get(get_session(), attribute_id)
        ensure_customer_access(attribute.customer_id)
        return attributes.as_dict(attribute)

    @require("update_customer_attribute")
    @ns.response(200, "Updated", attribute_model)
    @ns.response(409, "The customer already uses the new name", error)
    def patch(self, attribute_id: int):
        """Rename or change an attribute; an optional customer_id asserts ownership."""
        session = get_session()
        attribute = attributes.update(session, attributes.get(session, attribute_id), json_object())
        session.commit()
        return attributes.as_dict(attribute)

    @require("delete_customer_attribute")
    @ns.response(200, "Deleted", deleted)
    def delete(self, attribute_id: int):
        """Delete an attribute."""
        session = get_session()
        attributes.delete(session, attributes.get(session, attribute_id))
        session.commit()
        return {"result": "success"}


@ns.route("/crm/attribute/customer_id/<int:customer_id>")
class CustomerAttributes(Resource):
    @require("view_customer_attribute", own="view_own_customer_attribute")
    @ns.response(200, "Bare array, ascending attribute_id", [attribute_model])
    def get(self, customer_id: int):
        """A customer's attributes."""
        customer = _owned_customer(customer_id)
        return [attributes.as_dict(attribute) for attribute in attributes.of_customer(get_session(), customer.customer_id)]
