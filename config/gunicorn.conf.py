"""gunicorn's settings in production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Sync workers (gunicorn's default), one request at a time per process: the simplest model, and
in the registration rush as fast as threaded workers (docs/performance.md, "Registration
rush"). They rely on the TLS proxy in front (README) to buffer slow clients.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "sync"
# A worker waiting for a row lock or for PostgreSQL uses no CPU, so more workers than cores.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
timeout = 30
