"""gunicorn.conf.py warms each worker (core/warm_up.py) before it serves."""

import time


def test_gunicorn_workers_warm_up_before_serving(gunicorn_server):
    log_path = gunicorn_server.folder / "gunicorn.log"
    deadline = time.monotonic() + 30
    while log_path.read_text().count(" warmed up in ") < 2 and time.monotonic() < deadline:
        time.sleep(0.2)  # the second worker may still be warming when the first answers
    log = log_path.read_text()
    assert log.count(" warmed up in ") >= 2, log[-2000:]  # one line per worker
    assert "warm-up failed" not in log.lower()
    assert " 200, " in log  # the home page and the article rendered
