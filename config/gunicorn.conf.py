"""gunicorn's settings in production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Sync workers, one request at a time per process: the registration rush is CPU-bound, and of
the worker kinds measured (docs/performance.md, "Registration rush") sync workers spend the
least CPU per request. They rely on the TLS proxy in front (README) to buffer slow clients.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "sync"
# A worker waiting for a row lock or for PostgreSQL uses no CPU, so more workers than cores.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
timeout = 30
