"""Writing the site's files: over the files already there, in place, rather than making new ones.

A build writes into the folder of the build before last (see folders.py), which
is never the live site. There, writing a file that exists without first
emptying it, and cutting it to its new length after, leaves its blocks where
they are; emptying it or making a new file has the file system free and find
blocks for each, which took twenty to forty times as long on our machine.
"""

from __future__ import annotations

import os

from pelican.writers import FileOverwriteFailedError, Writer


class _InPlace:
    """A file opened for writing over what it holds; on closing, cut to what was written."""

    def __init__(self, path: str, encoding: str | None):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
        self.handle = open(descriptor, "w" if encoding else "wb", encoding=encoding)

    def __enter__(self):
        return self.handle

    def __exit__(self, *exc_info):
        try:
            if exc_info[0] is None:
                self.handle.truncate()
        finally:
            self.handle.close()
        return False


def open_in_place(path: str | os.PathLike, encoding: str | None = "utf-8") -> _InPlace:
    """Like open(path, "w"), but an existing file is written over in place, then cut to length."""
    return _InPlace(os.fspath(path), encoding)


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write the file in place, making its folder if need be."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open_in_place(path) as handle:
        handle.write(text)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write the file in place, making its folder if need be."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open_in_place(path, encoding=None) as handle:
        handle.write(data)


class InPlaceWriter(Writer):
    """Pelican's Writer, writing each page in place. As Pelican's own, it refuses to write a
    file twice in one build unless one of the two writes says override (and only one)."""

    def _open_w(self, filename, encoding, override=False):
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            filename = os.devnull  # the override's page stands
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as Pelican has already written to it previously (set `override=True` if intended)')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        if filename == os.devnull:
            return open(os.devnull, "w", encoding=encoding)
        return open_in_place(filename, encoding)
