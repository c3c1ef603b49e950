"""What a serving process does once it has loaded, before its first request.

Python's cycle collector now and then walks every object the process holds
(a *full* collection). After start-up that is some 180,000 objects (Django,
the views, WeasyPrint and its fonts) that live as long as the process, and
one full walk of them took about 100 ms: whichever request it fell in took
that much longer, which was most of the slowest requests the bench saw.

- ``gc.freeze()`` sets what exists now aside for good, so a full walk covers
  only what requests made since. Objects loaded at start-up are never freed
  anyway.
- What a worker keeps between requests (the oversight dataset, pages and
  grants kept until the data changes, the API schema) still grows to some
  100,000 objects, walked in 50–90 ms. A full walk is made rarer: after 100
  collections of the middle generation instead of 10. The young generations
  keep Python's defaults, so their short walks stay short, and garbage in
  cycles is still found there; a full walk only finds cycles among
  long-kept objects, which are rare.

Measured with ``benchmarks/national/measure.py`` on the national data:
full walks over 20 ms fell from 80 to 14 in one run of every page."""

from __future__ import annotations

import gc

from django.urls import get_resolver

YOUNG, MIDDLE, FULL_AFTER = 700, 10, 100  # Python's defaults are 700, 10, 10


def settle_after_start_up() -> None:
    """Load every view (Django otherwise does it on the first request), then
    set everything loaded so far aside from the cycle collector."""
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view
    gc.collect()  # start-up's own garbage goes first, so none of it is kept
    gc.freeze()
    gc.set_threshold(YOUNG, MIDDLE, FULL_AFTER)
