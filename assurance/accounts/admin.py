from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from simple_history.admin import SimpleHistoryAdmin

from assurance.core.admin_concurrency import OptimisticConcurrencyAdmin

from .models import AssessorAssignment, Membership, User
from .permissions import Action, has_action


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


@admin.register(Membership)
class MembershipAdmin(OptimisticConcurrencyAdmin, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "can_moderate"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AssessorAssignment)
class AssessorAssignmentAdmin(OptimisticConcurrencyAdmin, SimpleHistoryAdmin):
    list_display = ["assessor", "organisation", "region"]
    autocomplete_fields = ["assessor", "organisation"]


# Roles come from memberships, not Django groups: hide groups so no one
# grants access in a way the permissions module would never see.
admin.site.unregister(Group)


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
