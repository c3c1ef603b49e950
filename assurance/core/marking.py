"""Government Security Classifications markings carried by every record and
document. OFFICIAL is the default; OFFICIAL-SENSITIVE is chosen by the author."""

from django.db import models


class Marking(models.TextChoices):
    OFFICIAL = "OFFICIAL", "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"
