"""What backup_site and restore_site share: PostgreSQL client settings and the media archive,
read from and written to Django's default storage (local files or object storage alike)."""

import os
import posixpath
import tarfile

from django.core.files import File

DATABASE_DUMP = "database.dump"
MEDIA_ARCHIVE = "media.tar.gz"
MANIFEST = "manifest.json"


def postgres_environment(database):
    """Environment for pg_dump/pg_restore from a Django database settings dict, so that the
    password never appears on a command line."""
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if database.get(key):
            env[variable] = str(database[key])
    return env


def stored_files(storage, directory=""):
    directories, files = storage.listdir(directory)
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for name in sorted(directories):
        yield from stored_files(storage, posixpath.join(directory, name) if directory else name)


def archive_media(storage, archive_path):
    count = 0
    with tarfile.open(archive_path, "w:gz") as archive:
        for name in stored_files(storage):
            info = tarfile.TarInfo(name)
            info.size = storage.size(name)
            with storage.open(name, "rb") as source:
                archive.addfile(info, source)
            count += 1
    return count


def restore_media(storage, archive_path):
    count = 0
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            name = posixpath.normpath(member.name)
            if name.startswith(("/", "../")) or name == "..":
                raise ValueError(f"the media archive holds a file outside the media folder: {name}")
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(archive.extractfile(member), name=name))
            if saved != name:
                raise ValueError(f"media file {name} was stored as {saved}")
            count += 1
    return count
