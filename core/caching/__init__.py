"""Site-wide HTTP caching: the policy every response follows, the embedded page cache, and
the purge backend that keeps the page cache fresh (see docs/DEPLOYMENT.md, "Caching")."""
