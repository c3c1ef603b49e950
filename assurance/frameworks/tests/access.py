from django.urls import reverse

from tests.access.matrix import EVERYONE, no_target

from .factories import crosswalk_doc, framework_doc, load_crosswalk, load_version

SLUG, VERSION, CROSSWALK = "access-framework", "1", "access-crosswalk"

ENTRIES = {
    "frameworks:library": no_target(lambda: reverse("frameworks:library"), EVERYONE),
    "frameworks:version": no_target(
        lambda: reverse("frameworks:version", args=[SLUG, VERSION]), EVERYONE
    ),
    "frameworks:crosswalk": no_target(
        lambda: reverse("frameworks:crosswalk", args=[CROSSWALK]), EVERYONE
    ),
    "frameworks:upload": no_target(lambda: reverse("frameworks:upload"), ("administrator",)),
}


def build(world) -> None:
    first = framework_doc(slug=SLUG, version=VERSION)
    second = framework_doc(slug=SLUG, version="2")
    old = load_version(first)
    load_version(second)
    world.add("framework_version", old, old)
    world.add("crosswalk", load_crosswalk(crosswalk_doc(first, second, slug=CROSSWALK)), None)


# --- Service matrix (tests/access/services.py) --------------------------------


def _service_entries():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.access.services import no_target_service

    from .. import services as s

    return {
        "frameworks.framework_file_load": no_target_service(
            lambda w, a: s.framework_file_load(
                actor=a, uploaded_file=SimpleUploadedFile("x.yaml", b"not: a framework")
            ),
            ("administrator",),
        ),
    }


SERVICES = _service_entries()
