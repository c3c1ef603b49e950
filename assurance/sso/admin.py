from django.contrib import admin
from django.forms import PasswordInput
from simple_history.admin import SimpleHistoryAdmin

from assurance.ui.admin_concurrency import OptimisticConcurrencyAdmin

from . import services
from .models import ExternalIdentity, IdentityProvider


@admin.register(IdentityProvider)
class IdentityProviderAdmin(OptimisticConcurrencyAdmin, SimpleHistoryAdmin):
    list_display = ["name", "issuer", "email_domains", "organisation", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "issuer", "email_domains"]
    autocomplete_fields = ["organisation"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "client_secret":
            # Never shown again once saved; left empty, the saved secret stays.
            kwargs["widget"] = PasswordInput(render_value=False)
        if db_field.name == "issuer":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change and not form.cleaned_data.get("client_secret"):
            obj.client_secret = IdentityProvider.objects.get(pk=obj.pk).client_secret
        services.identity_provider_save(actor=request.user, provider=obj)

    def delete_model(self, request, obj):
        services.identity_provider_delete(actor=request.user, provider=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(SimpleHistoryAdmin):
    """Read and unlink only: links are made by the person signing in."""

    list_display = ["user", "issuer", "subject", "linked_at", "last_used_at"]
    search_fields = ["user__email", "user__full_name", "issuer", "subject"]
    readonly_fields = ["user", "issuer", "subject", "linked_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
