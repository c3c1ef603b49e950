"""Read-only admin: frameworks change only through files and the loader, so
that every version stays reproducible from its file."""

from django.contrib import admin

from .models import Crosswalk, Framework, FrameworkVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ["title", "slug", "publisher"]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    list_display = ["framework", "version", "effective_from", "effective_to", "is_scored"]
    list_select_related = ["framework"]


@admin.register(Crosswalk)
class CrosswalkAdmin(ReadOnlyAdmin):
    list_display = ["title", "source_version", "target_version"]
    list_select_related = ["source_version__framework", "target_version__framework"]
