"""What several web nodes must share, read from the environment: the cache
and the private file storage. Sessions are always in the database. Kept as
functions so tests can check what each environment gives."""

from __future__ import annotations

from pathlib import Path

import environ


def cache_config(env: environ.Env) -> dict:
    """CACHE_URL (any django-environ cache URL), else REDIS_URL, else the
    database (table ``pda_cache``, made by ``manage.py createcachetable``), so
    that no node keeps what another one needs."""
    url = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
    return env.cache_url_config(url or "dbcache://pda_cache")


def local_cache_config() -> dict:
    """What one process keeps for itself, keyed on the shared data version
    (assurance/core/freshness.py), so it is never stale on any node. Bounded:
    a few hundred pages and grant sets at most, well inside a worker's memory."""
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pda-local",
        "OPTIONS": {"MAX_ENTRIES": 400, "CULL_FREQUENCY": 4},
    }


def private_storage_config(env: environ.Env, default_root: Path) -> dict:
    """Evidence, issued letters and generated documents.

    PRIVATE_STORAGE=filesystem (default): PRIVATE_STORAGE_ROOT on this
    machine, which every web node must mount (NFS or the like).
    PRIVATE_STORAGE=s3: a bucket on any S3-compatible object store, through
    django-storages; nothing is public, downloads still go through the views."""
    kind = env.str("PRIVATE_STORAGE", default="filesystem").lower()
    if kind == "s3":
        options = {
            "bucket_name": env.str("S3_BUCKET"),
            "location": env.str("S3_PREFIX", default="private"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            # Objects are private: the service streams them after its own permission
            # check, and never hands out a bucket URL.
            "default_acl": "private",
            "querystring_auth": True,
            # A stored letter is never replaced by a later one of the same name.
            "file_overwrite": False,
        }
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    if kind != "filesystem":
        raise environ.ImproperlyConfigured(
            f"PRIVATE_STORAGE must be 'filesystem' or 's3', not {kind!r}."
        )
    root = env.str("PRIVATE_STORAGE_ROOT", default=str(default_root))
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": root, "base_url": None},
    }
