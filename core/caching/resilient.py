"""Django's Redis cache, for which Redis being down is a cache miss rather than a 500.

The "default" cache holds what Wagtail and Django keep between requests (the site root
paths behind every page URL, image renditions). It must be shared by every app server so
that a change made through one of them (a site's address, a rendition) is seen by all, which
is why it lives in Redis when REDIS_URL is set. Redis is an optimisation there, never a
dependency: when it does not answer, reads miss, writes are dropped and the page is built
from the database, with a warning in the log.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What each operation answers when Redis is down: what it answers for a missing key.
_ON_FAILURE = {
    "add": False,
    "get": None,  # replaced by the caller's default
    "get_many": {},
    "set": None,
    "set_many": None,  # replaced by the keys that were not set
    "touch": False,
    "delete": False,
    "delete_many": None,
    "has_key": False,
    "clear": False,
}


def _tolerant(name):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            logger.warning("Cache %s unavailable (%s); carrying on without it", name, error)
            if name == "get":
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            if name == "set_many":
                return list(args[0] if args else kwargs.get("data", {}))
            return _ON_FAILURE[name]

    return call


class ResilientRedisCache(RedisCache):
    """RedisCache whose reads and writes degrade to a miss when Redis cannot be reached."""


for _name in _ON_FAILURE:
    setattr(ResilientRedisCache, _name, _tolerant(_name))
