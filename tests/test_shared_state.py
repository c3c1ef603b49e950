"""What the environment gives for the state several web nodes share."""

from pathlib import Path

import environ
import pytest
from django.core.files.base import ContentFile
from django.utils.module_loading import import_string

from config.settings.shared_state import cache_config, private_storage_config

S3_VARIABLES = ("S3_BUCKET", "S3_PREFIX", "S3_ENDPOINT_URL", "S3_REGION")
VARIABLES = ("CACHE_URL", "REDIS_URL", "PRIVATE_STORAGE", "PRIVATE_STORAGE_ROOT", *S3_VARIABLES)


@pytest.fixture
def env(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return environ.Env()


def test_the_cache_is_the_database_unless_redis_or_a_cache_url_is_given(env, monkeypatch):
    assert cache_config(env) == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "pda_cache",
    }
    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/0")
    assert cache_config(env)["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache_config(env)["LOCATION"] == "redis://cache.internal:6379/0"
    monkeypatch.setenv("CACHE_URL", "dbcache://other_table")
    assert cache_config(env)["LOCATION"] == "other_table"


def test_private_files_default_to_the_filesystem(env, tmp_path):
    config = private_storage_config(env, tmp_path / "private")
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])
    name = storage.save("letters/a.pdf", ContentFile(b"%PDF-1.4"))
    assert (tmp_path / "private" / name).read_bytes() == b"%PDF-1.4"


def test_private_files_can_live_in_s3_compatible_object_storage(env, monkeypatch):
    monkeypatch.setenv("PRIVATE_STORAGE", "s3")
    monkeypatch.setenv("S3_BUCKET", "pda-private")
    monkeypatch.setenv("S3_ENDPOINT_URL", "https://objects.example.internal")
    monkeypatch.setenv("S3_REGION", "eu-west-2")

    config = private_storage_config(env, Path("/unused"))
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])

    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage.bucket_name == "pda-private"
    assert storage.endpoint_url == "https://objects.example.internal"
    assert storage.location == "private"
    # Private objects, never replaced by a later file of the same name.
    assert storage.default_acl == "private" and storage.file_overwrite is False


def test_an_unknown_storage_kind_is_refused_at_start(env, monkeypatch):
    monkeypatch.setenv("PRIVATE_STORAGE", "ftp")
    with pytest.raises(environ.ImproperlyConfigured, match="filesystem' or 's3'"):
        private_storage_config(env, Path("/unused"))
