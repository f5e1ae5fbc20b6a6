# Varnish 7 in front of the ARTcms app servers (Debian's `varnish` package).
# See docs/DEPLOYMENT.md, "Caching". What may be cached is decided by the app
# (core/caching/policy.py sends Cache-Control); this file adds what only Varnish can do:
# passing personal requests through, accepting purges from the app servers, and serving
# stale pages while the app is slow or down (grace).
vcl 4.1;

import std;

# The app server (gunicorn). With several, declare one backend each and a round-robin
# director (import directors;) in vcl_init, as docs/DEPLOYMENT.md shows.
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    .probe = {
        # The readiness check: the database, the cache and the storage (core/health.py).
        .url = "/health/ready/";
        .timeout = 2s;
        .interval = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may PURGE: the app servers (Wagtail's frontend cache purge runs there).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed from this address"));
        }
        # Forget every stored copy of this path, whatever its host or query string
        # (?utm_source=... variants of an article included).
        ban("obj.http.x-url-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # POSTs (the booking form, logins, the admin) always reach the app.
        return (pass);
    }
    if (req.url ~ "^/(django-)?admin(/|\?|$)" || req.url ~ "^/_util/") {
        # The admin, previews (under /admin/) and page-password forms.
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        # A logged-in editor, or a visitor with a form's CSRF token: personal responses.
        return (pass);
    }
    # Any other cookie (analytics, consent banners) does not change the page: drop it,
    # so it neither splits the cache nor reaches the app.
    unset req.http.Cookie;
    if (std.healthy(req.backend_hint)) {
        # Healthy app: serve a page at most 10 s past its lifetime while it is refetched.
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_response {
    # Remember the path (without query string) so a PURGE can ban every variant of it.
    set beresp.http.x-url-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        # The app failed while refreshing a stale page: keep serving the stale one.
        return (abandon);
    }
    # If the app is down, keep serving stale pages for up to a day.
    set beresp.grace = 24h;
    # Varnish's built-in rules follow: a response that sets a cookie or says private,
    # no-cache or no-store is never stored (the app's policy sends those).
}

sub vcl_deliver {
    unset resp.http.x-url-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
