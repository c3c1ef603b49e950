"""Infrastructure records of the core app (no domain data)."""

from django.conf import settings
from django.db import models


class SubmissionToken(models.Model):
    """A create form's one-time token, so that a double submission (a double
    click, a resent request) creates one record, not two. Kept for a day."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    result_url = models.CharField(max_length=500, blank=True)

    NO_HISTORY_REASON = "a short-lived technical token, not domain data"

    def __str__(self) -> str:
        return self.token
