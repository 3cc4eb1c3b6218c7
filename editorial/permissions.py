"""Deleting images and documents needs the delete permission.

Wagtail's policy for images and documents treats "delete" as "change", so everybody who may edit a
file may also delete it. Here, as in the roles of issue 7, deleting a file somebody else uploaded
needs the collection's delete permission (moderators); people still delete their own uploads.
"""

from django.contrib.auth import get_permission_codename
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

from core import upstream

MAY_DELETE_OWN = ["add", "change", "delete"]


def has_model_permission(user, model, action):
    """Whether ``user`` may ``action`` ("change", "publish", …) objects of ``model``."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")


class DeleteNeedsPermissionPolicy(CollectionOwnershipPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "delete":
            return upstream.has_collection_permission(self, user, MAY_DELETE_OWN)
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if "delete" in actions and self._may_delete(user, instance):
            return True
        others = actions - {"delete"}
        return bool(others) and super().user_has_any_permission_for_instance(user, others, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        if "delete" not in actions or user.is_superuser or not user.is_authenticated:
            return super().instances_user_has_any_permission_for(user, actions)
        deletable = self.model._default_manager.filter(
            Q(collection__in=upstream.collections_with_permission(self, user, ["delete"]))
            | Q(
                collection__in=upstream.collections_with_permission(self, user, MAY_DELETE_OWN),
                **{self.owner_field_name: user},
            )
        )
        others = actions - {"delete"}
        if not others:
            return deletable
        return deletable | super().instances_user_has_any_permission_for(user, others)

    def _may_delete(self, user, instance):
        own = getattr(instance, self.owner_field_name) == user
        return upstream.has_collection_permission(
            self, user, MAY_DELETE_OWN if own else ["delete"], collection=instance.collection
        )


def register_media_permission_policies():
    # exact_class: wagtail.images and wagtail.documents register theirs later, in their ready().
    register_permission_policy(
        get_image_model(),
        DeleteNeedsPermissionPolicy(
            get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )
    register_permission_policy(
        get_document_model(),
        DeleteNeedsPermissionPolicy(
            get_document_model(),
            auth_model="wagtaildocs.Document",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )
