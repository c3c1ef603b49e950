from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assurance.ui.admin_concurrency import OptimisticConcurrencyAdmin

from . import services
from .models import Organisation, Partnership, Region


class ServiceAdmin(SimpleHistoryAdmin):
    """Saves and deletes through the app's services (permission, validation, history)."""

    save_service = delete_service = None
    field = ""

    def save_model(self, request, obj, form, change):
        type(self).save_service(actor=request.user, **{self.field: obj})

    def delete_model(self, request, obj):
        type(self).delete_service(actor=request.user, **{self.field: obj})

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Region)
class RegionAdmin(OptimisticConcurrencyAdmin, ServiceAdmin):
    save_service, delete_service, field = services.region_save, services.region_delete, "region"
    list_display = ["name", "nation"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(OptimisticConcurrencyAdmin, ServiceAdmin):
    save_service, delete_service = services.organisation_save, services.organisation_delete
    field = "organisation"
    list_display = ["name", "kind", "region", "parent", "gss_code", "is_priority_area"]
    list_filter = ["kind", "region", "is_priority_area"]
    search_fields = ["name", "gss_code"]
    autocomplete_fields = ["parent"]


@admin.register(Partnership)
class PartnershipAdmin(OptimisticConcurrencyAdmin, ServiceAdmin):
    save_service, delete_service = services.partnership_save, services.partnership_delete
    field = "partnership"
    list_display = ["name"]
    filter_horizontal = ["members"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        """Saved with its members in save_related, in one service call."""

    def save_related(self, request, form, formsets, change):
        services.partnership_save(
            actor=request.user, partnership=form.instance, members=form.cleaned_data["members"]
        )
