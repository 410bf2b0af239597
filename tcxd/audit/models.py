"""The audit log: every write, and every view or export of personal records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tcxd.core.fields import CodePointCharField


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are only ever added: bulk updates and deletes are refused too."""

    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"{self.model.__name__} rows cannot be deleted.")


class AuditEntry(models.Model):
    """Who did what to which record, where in the tree, with the values before and after.

    Entries are only ever added: ``save`` refuses to update and ``delete`` refuses to
    delete, and the admin shows them read-only.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64)
    target_type = models.CharField(_("record type"), max_length=64, blank=True)
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    target_repr = models.CharField(_("record"), max_length=255, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organization_path = CodePointCharField(max_length=255, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    scope_path_fields = ("organization_path",)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            # Lookups by action, and each action's last entry in one seek (the indicators'
            # data stamp: ``indicators.registry.app_stamp``).
            models.Index(fields=["action", "id"], name="audit_action_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("Audit entries cannot be deleted.")
