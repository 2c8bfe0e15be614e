"""gunicorn's settings for Azulejo; `gunicorn 'app:create_app()'` run from this folder reads them.

    AZULEJO_BIND=127.0.0.1:8000 WEB_CONCURRENCY=2 gunicorn 'app:create_app()'

Command-line flags still win over this file (`--bind`, `--workers`, `--access-logfile` ...).
The backend's own settings are environment variables too (README, "Configuration").
"""
import os

# Where to listen: "HOST:PORT", "unix:/run/azulejo.sock", several separated by commas. Unset, it is
# gunicorn's own default: 0.0.0.0:$PORT when PORT is set (platforms that assign one), else 127.0.0.1:8000.
if os.environ.get("AZULEJO_BIND"):
    bind = [address.strip() for address in os.environ["AZULEJO_BIND"].split(",") if address.strip()]

# Processes, each with a few threads: a request may wait on Google or Conta Azul ("run now" runs a
# whole cycle), and a thread waiting on the network does not block the others. gthread workers
# send their heartbeat from the main loop, so a long request does not get its worker killed.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("AZULEJO_THREADS", "4"))
graceful_timeout = 60  # a deploy lets a running "run now" finish

# One access line per request on stdout, never its query string: the OAuth callback carries
# `code` and `state` there. The logger class also keeps queries, ID tokens and cookies out of
# any format an operator chooses and out of gunicorn's own error lines.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
logger_class = "sheets_addon.gunicorn_logging.QueryFreeLogger"
