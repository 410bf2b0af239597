from django.db import models
from django.utils.translation import pgettext_lazy

# Context "news": words like "Approved" are translated otherwise in other apps.


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("news", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("news", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("news", "Approved")
    PUBLISHED = "published", pgettext_lazy("news", "Published")
    UNPUBLISHED = "unpublished", pgettext_lazy("news", "Unpublished")


# Statuses in which the text may be edited (an edit of an unpublished article makes it a
# draft again: it goes through approval before it is shown again).
EDITABLE_STATUSES = (Status.DRAFT, Status.UNPUBLISHED)


class StepKind(models.TextChoices):
    CREATED = "created", pgettext_lazy("news", "Created the draft")
    SAVED = "saved", pgettext_lazy("news", "Saved")
    RESTORED = "restored", pgettext_lazy("news", "Restored a revision")
    SUBMITTED = "submitted", pgettext_lazy("news", "Sent for approval")
    RETURNED = "returned", pgettext_lazy("news", "Returned with comments")
    APPROVED = "approved", pgettext_lazy("news", "Approved")
    PUBLISHED = "published", pgettext_lazy("news", "Published")
    SCHEDULED = "scheduled", pgettext_lazy("news", "Scheduled")
    UNPUBLISHED = "unpublished", pgettext_lazy("news", "Unpublished")


# Category slugs that would shadow the public site's own addresses.
RESERVED_SLUGS = frozenset({"tim-kiem", "rss", "atom", "sitemap.xml", "anh", "tep", "xem"})
