from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


# Statuses in which the text may be edited (an edit of an unpublished article makes it a
# draft again: it goes through approval before it is shown again).
EDITABLE_STATUSES = (Status.DRAFT, Status.UNPUBLISHED)


class StepKind(models.TextChoices):
    CREATED = "created", _("Created the draft")
    SAVED = "saved", _("Saved")
    RESTORED = "restored", _("Restored a revision")
    SUBMITTED = "submitted", _("Sent for approval")
    RETURNED = "returned", _("Returned with comments")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SCHEDULED = "scheduled", _("Scheduled")
    UNPUBLISHED = "unpublished", _("Unpublished")


# Category slugs that would shadow the public site's own addresses.
RESERVED_SLUGS = frozenset({"tim-kiem", "rss", "atom", "sitemap.xml", "anh", "tep", "xem"})
