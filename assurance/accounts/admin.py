from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from simple_history.admin import SimpleHistoryAdmin

from assurance.ui.admin_concurrency import OptimisticConcurrencyAdmin

from . import services
from .models import AssessorAssignment, Membership, User
from .permissions import Action, has_action


def _two_factor_models():
    from django.apps import apps

    for label in ("otp_totp", "otp_static", "django_otp_webauthn"):
        yield from apps.get_app_config(label).get_models()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class AssignmentInline(admin.TabularInline):
    model = AssessorAssignment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(OptimisticConcurrencyAdmin, BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline, AssignmentInline]

    def save_formset(self, request, form, formset, change):
        """Roles and assignments are written by the services, never by the admin."""
        save, delete = _INLINE_SERVICES[formset.model]
        for obj in formset.save(commit=False):
            save(request.user, obj)
        for obj in formset.deleted_objects:
            delete(request.user, obj)

    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Details", {"fields": ["full_name", "job_title"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]
    actions = ["reset_two_factor"]

    @admin.action(description="Reset two-factor authentication (lost phone and codes)")
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            services.two_factor_reset(actor=request.user, user=user, request=request)
        self.message_user(
            request,
            f"Two-factor authentication reset for {len(queryset)} account(s). "
            "Anyone whose role needs it sets it up again at their next sign-in.",
        )


_INLINE_SERVICES = {
    Membership: (
        lambda actor, obj: services.membership_save(actor=actor, membership=obj),
        lambda actor, obj: services.membership_delete(actor=actor, membership=obj),
    ),
    AssessorAssignment: (
        lambda actor, obj: services.assignment_save(actor=actor, assignment=obj),
        lambda actor, obj: services.assignment_delete(actor=actor, assignment=obj),
    ),
}


class ServiceAdmin(SimpleHistoryAdmin):
    def save_model(self, request, obj, form, change):
        _INLINE_SERVICES[type(obj)][0](request.user, obj)

    def delete_model(self, request, obj):
        _INLINE_SERVICES[type(obj)][1](request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Membership)
class MembershipAdmin(OptimisticConcurrencyAdmin, ServiceAdmin):
    list_display = ["user", "organisation", "role", "can_moderate"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AssessorAssignment)
class AssessorAssignmentAdmin(OptimisticConcurrencyAdmin, ServiceAdmin):
    list_display = ["assessor", "organisation", "region"]
    autocomplete_fields = ["assessor", "organisation"]


# Roles come from memberships, not Django groups: hide groups so no one
# grants access in a way the permissions module would never see.
admin.site.unregister(Group)

# Two-factor devices are each person's own (accounts/two_factor_views.py): the
# libraries' admin pages would show secret keys and change them past the
# services and the audit trail. Administrators reset them with the action above.
for _device_model in _two_factor_models():
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)


def _may_use_admin(request) -> bool:
    """The admin is for administrators: the staff flag alone is not enough.
    A superuser (from createsuperuser) may always enter, to appoint the first
    administrator."""
    user = request.user
    return (
        user.is_active
        and user.is_staff
        and (user.is_superuser or has_action(user, Action.MANAGE_USERS))
    )


admin.site.has_permission = _may_use_admin
