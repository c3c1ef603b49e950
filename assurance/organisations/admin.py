from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assurance.core.admin_concurrency import OptimisticConcurrencyAdmin

from .models import Organisation, Partnership, Region


@admin.register(Region)
class RegionAdmin(OptimisticConcurrencyAdmin, SimpleHistoryAdmin):
    list_display = ["name", "nation"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(OptimisticConcurrencyAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "parent", "gss_code", "is_priority_area"]
    list_filter = ["kind", "region", "is_priority_area"]
    search_fields = ["name", "gss_code"]
    autocomplete_fields = ["parent"]


@admin.register(Partnership)
class PartnershipAdmin(OptimisticConcurrencyAdmin, SimpleHistoryAdmin):
    list_display = ["name"]
    filter_horizontal = ["members"]
    search_fields = ["name"]
