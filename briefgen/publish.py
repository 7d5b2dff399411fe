"""A brief published whole: its files are written and fsynced into a new hidden folder, then `<folder>/<stem>`
(a symbolic link) is switched to it by one rename. A kill or a full disk at any moment leaves either the
previous brief or the new one, complete; never a mix, never half a file. Leftovers of a killed run are removed
by the next."""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

log = logging.getLogger(__name__)


def step(name: str, where: Path) -> None:
    """Each point of the publication, at DEBUG (a test kills a run at each of them)."""
    log.debug("publish: %s (%s)", name, where)


def published(folder: Path, stem: str) -> Path:
    """Where the brief `stem` is read from: `<folder>/<stem>/`."""
    return Path(folder) / stem


def publish(files: dict[str, bytes], folder: Path, stem: str) -> dict[str, Path]:
    """`files` (kind → bytes) as `<folder>/<stem>/<stem>.<kind>`, all switched in at once."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    link = published(folder, stem)
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} exists and was not made by this briefgen; move it away")
    remove_leftovers(folder, stem, keep=link.resolve().name if link.is_symlink() else None)
    generation = folder / f".{stem}.{time.time_ns()}"
    temporary_link = folder / f".{stem}.link"
    try:
        generation.mkdir(mode=0o755)
        for kind, data in files.items():
            write_synced(generation / f"{stem}.{kind}", data)
        sync(generation)
        step("staged", generation)
        temporary_link.unlink(missing_ok=True)
        os.symlink(generation.name, temporary_link)
        step("linked", temporary_link)
        os.replace(temporary_link, link)  # the one step that publishes
        step("swapped", link)
        sync(folder)
    except BaseException:
        if not (link.is_symlink() and os.readlink(link) == generation.name):
            shutil.rmtree(generation, ignore_errors=True)
        temporary_link.unlink(missing_ok=True)
        raise
    remove_leftovers(folder, stem, keep=generation.name)
    step("cleaned", folder)
    log.info("publish: %s/{%s}", link, ",".join(f"{stem}.{kind}" for kind in files))
    return {kind: link / f"{stem}.{kind}" for kind in files}


def write_synced(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:  # a full disk names no file by itself
        raise OSError(e.errno, e.strerror, str(path)) from None
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def sync(folder: Path) -> None:
    """A folder's entries on disk (its new files, a rename in it), not only in the page cache."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_leftovers(folder: Path, stem: str, keep: str | None) -> None:
    """Earlier generations, links and temporaries of this brief (a killed run's, or the one just replaced)."""
    for path in folder.iterdir():
        if path.name.startswith(f".{stem}.") and path.name != keep:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
