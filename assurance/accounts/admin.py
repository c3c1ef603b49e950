from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from assurance.ui.admin_concurrency import OptimisticConcurrencyAdmin

from . import services
from .models import AssessorAssignment, Membership, User
from .permissions import Action, has_action, role_grant_conflict, stored_roles

# Role conflicts (whoever oversees a council never also holds a role there)
# are refused on the form, with the rule's own message, before anything is
# saved; the services check again whatever the route.


def _kept(formset, fields: tuple[str, str]) -> tuple[list, set]:
    """What the inline's rows propose (the given two fields of each row not
    marked for deletion), and the ids of the stored rows the inline shows."""
    rows, shown = [], set()
    for form in formset.forms:
        if form.instance.pk:
            shown.add(form.instance.pk)
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append(tuple(data.get(f) for f in fields))
    return rows, shown


def _pk(value):
    return getattr(value, "pk", value)


class MembershipFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        proposed, shown = _kept(self, ("organisation", "role"))
        memberships, assignments = stored_roles(self.instance)
        conflict = role_grant_conflict(
            self.instance,
            memberships=proposed + [(o, r) for o, r, pk in memberships if pk not in shown],
            assignments=[(o, r) for o, r, _ in assignments],
        )
        if conflict:
            raise ValidationError(conflict)


class AssignmentFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        proposed, shown = _kept(self, ("organisation", "region"))
        memberships, assignments = stored_roles(self.instance)
        conflict = role_grant_conflict(
            self.instance,
            memberships=[(o, r) for o, r, _ in memberships],
            assignments=[(_pk(o), _pk(r)) for o, r in proposed]
            + [(o, r) for o, r, pk in assignments if pk not in shown],
        )
        if conflict:
            raise ValidationError(conflict)


def _two_factor_models():
    from django.apps import apps

    for label in ("otp_totp", "otp_static", "django_otp_webauthn"):
        yield from apps.get_app_config(label).get_models()


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["organisation"]


class AssignmentInline(admin.TabularInline):
    model = AssessorAssignment
    formset = AssignmentFormSet
    extra = 0
    autocomplete_fields = ["organisation"]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role", "can_moderate"]

    def clean(self):
        data = super().clean()
        user = data.get("user")
        if user is None or "role" not in data:
            return data
        memberships, assignments = stored_roles(user)
        conflict = role_grant_conflict(
            user,
            memberships=[(o, r) for o, r, pk in memberships if pk != self.instance.pk]
            + [(data.get("organisation"), data["role"])],
            assignments=[(o, r) for o, r, _ in assignments],
        )
        if conflict:
            raise ValidationError(conflict)
        return data


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = AssessorAssignment
        fields = ["assessor", "organisation", "region"]

    def clean(self):
        data = super().clean()
        assessor = data.get("assessor")
        if assessor is None:
            return data
        memberships, assignments = stored_roles(assessor)
        conflict = role_grant_conflict(
            assessor,
            memberships=[(o, r) for o, r, _ in memberships],
            assignments=[(o, r) for o, r, pk in assignments if pk != self.instance.pk]
            + [(_pk(data.get("organisation")), _pk(data.get("region")))],
        )
        if conflict:
            raise ValidationError(conflict)
        return data


@admin.register(User)
class UserAdmin(OptimisticConcurrencyAdmin, BaseUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline, AssignmentInline]

    def save_formset(self, request, form, formset, change):
        """Roles and assignments are written by the services, never by the admin.
        Removals first, so a role that replaces another is not refused as a
        conflict with the one it replaces."""
        save, delete = _INLINE_SERVICES[formset.model]
        changed = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete(request.user, obj)
        for obj in changed:
            save(request.user, obj)

    def changeform_view(self, request, *args, **kwargs):
        """A conflict only the two inlines together make (a place at a council in one,
        the assignment to that council in the other) is found by the services
        while saving: the whole save is rolled back and the page says why."""
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"Nothing was saved. {message}")
            return HttpResponseRedirect(request.get_full_path())

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
    form = MembershipForm
    list_display = ["user", "organisation", "role", "can_moderate"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AssessorAssignment)
class AssessorAssignmentAdmin(OptimisticConcurrencyAdmin, ServiceAdmin):
    form = AssignmentForm
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
