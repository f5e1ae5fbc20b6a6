"""gunicorn's settings. gunicorn reads this file by itself from the directory it starts in,
so the documented command is just ``gunicorn artcms.wsgi`` (see docs/DEPLOYMENT.md).

Every value comes from the environment, with defaults for one small box behind a proxy.

Why threads: gunicorn's default "sync" worker serves one connection at a time and waits on a
client that is slow to send its request, so two half-open connections stall a site with two
workers. The "gthread" worker waits for a request's first bytes off its thread pool and
serves many connections per worker; a proxy in front (nginx or Varnish) buffers whole
requests, so slow clients never reach gunicorn at all.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A request taking longer than this is killed (the worker restarts); pages take well under 1 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Seconds an idle kept-alive (or silent new) connection is held before it is closed.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Requests with absurd request lines or header blocks are refused before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Restart each worker after this many requests, so a slow leak cannot grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# X-Forwarded-* headers are believed only from these addresses (the proxy in front).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn's control socket (a shared path in $HOME by default) is not used.
control_socket_disable = True
# "-" is standard output; set GUNICORN_ACCESS_LOG empty to log no requests.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker):
    """Render one page of each kind (home, series, article...) before taking requests
    (core/warm_up.py); GUNICORN_WARM_UP=0 turns it off."""
    if os.environ.get("GUNICORN_WARM_UP", "1") != "0":
        from core.warm_up import warm_up

        worker.log.info("Worker %s %s", worker.pid, warm_up()[1])
