# The API and worker image: the built UI, the API package, migrations, playbooks and invoice templates.
FROM node:20-bookworm-slim AS ui
WORKDIR /ui
COPY OmniCRM-UI/package.json OmniCRM-UI/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY OmniCRM-UI/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 poppler-utils \
    && rm -rf /var/lib/apt/lists/*
COPY OmniCRM-API/requirements.lock OmniCRM-API/pyproject.toml OmniCRM-API/
RUN pip install --no-cache-dir -r OmniCRM-API/requirements.lock
COPY OmniCRM-API/ OmniCRM-API/
COPY migrations/ migrations/
COPY Provisioners/ Provisioners/
COPY invoice_templates/ invoice_templates/
COPY --from=ui /ui/dist OmniCRM-UI/dist
RUN pip install --no-cache-dir --no-deps -e OmniCRM-API
WORKDIR /app/OmniCRM-API
EXPOSE 5000
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "wsgi:app"]
