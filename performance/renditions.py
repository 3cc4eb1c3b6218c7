"""Make the renditions public pages show before a visitor asks for them.

Publishing a page makes the renditions of its pictures (``pictures.pictures_of``), saving a
partner or person snippet those of its picture, and editing an image (a new file or focal
point) those of every page and snippet that shows it. This happens once the change is
committed: in a background thread when serving requests (``make_in_background``, called by
``site_config.wsgi``), so an editor's publish returns at once however many images a gallery
holds; right away elsewhere (management commands such as ``publish_scheduled``, tests).
``manage.py make_renditions`` makes whatever is missing for the whole site: the demo loader runs
it, and production runs it after each release and hourly (docs/deploy.md).
"""

import logging
import queue
import threading
from collections import defaultdict

from django.apps import apps
from django.db import close_old_connections, connections, transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published

from core.pictures import USES, models_with_pictures, pictures_of

logger = logging.getLogger(__name__)

# AVIF's encoder speed (set by ``upstream.patch_pillow_avif_encoder_speed``).
# libaom's fastest setting (Pillow's default is 6; 10 is the same): 5-13 times faster, for 1-4 %
# more bytes and 0.3-0.7 dB less PSNR on photographs at card and page sizes (bench/avif.py).
AVIF_ENCODER_SPEED = 9
# Images whose renditions are checked and made together, their renditions loaded in one query.
CHUNK = 100


def make_renditions(pictures):
    """Make the missing renditions of ``(image id, use name)`` pairs."""
    specs_by_image = defaultdict(set)
    for image_id, use in pictures:
        specs_by_image[image_id].update(USES[use].filter_specs)
    image_ids = sorted(specs_by_image)
    for start in range(0, len(image_ids), CHUNK):
        images = get_image_model().objects.filter(id__in=image_ids[start : start + CHUNK])
        for image in images.prefetch_related("renditions"):
            try:
                image.get_renditions(*sorted(specs_by_image[image.id]))
            except Exception:
                # A missing or broken original must not stop the other images.
                logger.exception("Could not make the renditions of image %s", image.id)


def pictures_of_page(page_id):
    page = Page.objects.filter(id=page_id).live().first()
    return pictures_of(page.specific) if page else []


def pictures_of_snippet(model_label, object_id):
    snippet = apps.get_model(model_label).objects.filter(pk=object_id).first()
    return pictures_of(snippet) if snippet else []


def pictures_of_image(image_id):
    """The pictures of every live page and snippet that shows the image."""
    image = get_image_model().objects.filter(id=image_id).first()
    if image is None:
        return []
    pictures = []
    for source, _references in ReferenceIndex.get_references_to(image).group_by_source_object():
        if isinstance(source, Page):
            if not source.live:
                continue
            source = source.specific
        pictures.extend((shown, use) for shown, use in pictures_of(source) if shown == image_id)
    return pictures


def snippets_with_pictures():
    """The models other than pages that declare ``pictures``: the snippets that show images."""
    return [model for model in models_with_pictures() if not issubclass(model, Page)]


def site_pictures():
    """Every picture of every live page and of every snippet that shows images."""
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        yield from pictures_of(page)
    for model in snippets_with_pictures():
        for snippet in model.objects.iterator(chunk_size=200):
            yield from pictures_of(snippet)


# --- After a change is committed: right away, or in a background thread ---

background = False
tasks = queue.SimpleQueue()
worker_lock = threading.Lock()
worker = None


def make_in_background():
    """Serving requests: make renditions in a thread so the editor's request is not held up."""
    global background
    background = True


def run_task(find_pictures, *args):
    try:
        make_renditions(find_pictures(*args))
    except Exception:
        logger.exception("Could not make renditions (%s%r)", find_pictures.__name__, args)


def work_through_tasks():
    global worker
    while True:
        try:
            task = tasks.get(timeout=1)
        except queue.Empty:
            with worker_lock:
                if tasks.empty():
                    worker = None
                    connections.close_all()  # this thread's connections
                    return
            continue
        close_old_connections()
        run_task(*task)


def schedule(find_pictures, *args):
    """Make the renditions of ``find_pictures(*args)`` once the transaction commits."""

    def start():
        global worker
        if not background:
            run_task(find_pictures, *args)
            return
        with worker_lock:
            tasks.put((find_pictures, *args))
            if worker is None:
                # Not a daemon: a process that is shutting down finishes what it was given.
                worker = threading.Thread(target=work_through_tasks, name="make-renditions")
                worker.start()

    transaction.on_commit(start)


def page_was_published(sender, instance, **kwargs):
    schedule(pictures_of_page, instance.pk)


def snippet_was_saved(sender, instance, **kwargs):
    schedule(pictures_of_snippet, sender._meta.label, instance.pk)


class ImageFormMakingRenditions(BaseImageForm):
    """The admin's image form: an image given a new file or focal point gets its pictures again.

    A form rather than a post_save handler, because the edit view deletes the old renditions
    only after saving the image."""

    RENDITION_FIELDS = {
        "file",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    }

    def save(self, commit=True):
        shown_differently = not self.instance._state.adding and self.RENDITION_FIELDS & set(
            self.changed_data
        )
        image = super().save(commit=commit)
        if commit and shown_differently:
            schedule(pictures_of_image, image.pk)
        return image


def connect_signals():
    page_published.connect(page_was_published, dispatch_uid="make-renditions-page")
    for model in snippets_with_pictures():
        post_save.connect(
            snippet_was_saved, sender=model, dispatch_uid=f"make-renditions-{model._meta.label}"
        )
