"""Background jobs, for operators: what ran, what is running, what failed and why."""

from __future__ import annotations

from flask import request
from flask_restx import Namespace, Resource, fields
from sqlalchemy import or_, select

from omnicrm.apidoc import LIST_PARAMS, error_model, pagination_model
from omnicrm.auth.catalogue import ADMIN
from omnicrm.auth.principal import require
from omnicrm.db import get_session
from omnicrm.errors import bad_request, not_found
from omnicrm.jobs.models import JOB_STATUSES, BackgroundJob
from omnicrm.pagination import list_args, paginate

ns = Namespace("jobs", path="/crm/jobs", description="Background jobs (admin)")

job_model = ns.model(
    "BackgroundJob",
    {
        "job_id": fields.String(required=True),
        "name": fields.String(required=True, description="module:function of the job"),
        "backend": fields.String(enum=["thread", "rq"]),
        "status": fields.String(enum=list(JOB_STATUSES)),
        "arguments": fields.Raw,
        "error": fields.String,
        "attempts": fields.Integer,
        "created": fields.DateTime,
        "started": fields.DateTime,
        "finished": fields.DateTime,
    },
)
job_page = ns.model(
    "BackgroundJobPage", {"data": fields.List(fields.Nested(job_model)), "pagination": fields.Nested(pagination_model(ns))}
)
error = error_model(ns)

SORTABLE = {
    "created": BackgroundJob.created,
    "name": BackgroundJob.name,
    "status": BackgroundJob.status,
    "finished": BackgroundJob.finished,
}


@ns.route("")
class JobList(Resource):
    @require(ADMIN)
    @ns.doc(params={**LIST_PARAMS, "status": {"description": "Filter by status", "enum": list(JOB_STATUSES)}})
    @ns.response(200, "A page of jobs, newest first by default", job_page)
    @ns.response(400, "Bad list parameter", error)
    def get(self) -> dict:
        """List background jobs."""
        args = list_args(request.args, SORTABLE, default_sort="created")
        query = select(BackgroundJob)
        status = request.args.get("status")
        if status:
            if status not in JOB_STATUSES:
                raise bad_request("Invalid list parameters", {"status": f"must be one of {', '.join(JOB_STATUSES)}"})
            query = query.where(BackgroundJob.status == status)
        if args.search:
            pattern = f"%{args.search}%"
            query = query.where(or_(BackgroundJob.name.ilike(pattern), BackgroundJob.error.ilike(pattern)))
        return paginate(get_session(), query, args, SORTABLE, BackgroundJob.as_dict)


@ns.route("/<string:job_id>")
class JobDetail(Resource):
    @require(ADMIN)
    @ns.response(200, "The job", job_model)
    @ns.response(404, "No such job", error)
    def get(self, job_id: str) -> dict:
        """One background job."""
        job = get_session().get(BackgroundJob, job_id)
        if job is None:
            raise not_found("Job")
        return job.as_dict()
