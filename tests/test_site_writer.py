"""The site's files are written over in place (plugins/site_writer)."""

from __future__ import annotations

import pytest


def test_a_file_is_written_over_in_place_and_cut_to_its_new_length(tmp_path):
    from site_writer.files import open_in_place

    page = tmp_path / "page.html"
    page.write_text("an older and longer page " * 100)
    inode = page.stat().st_ino
    with open_in_place(page) as handle:
        assert page.read_text().startswith("an older"), "not emptied first: its blocks are written over"
        handle.write("<p>new</p>")
    assert page.read_text() == "<p>new</p>"
    assert page.stat().st_ino == inode


def test_new_files_and_bytes_are_written_whole(tmp_path):
    from site_writer.files import write_bytes, write_text

    write_text(tmp_path / "new" / "page.html", "café\n")  # its folder made too
    assert (tmp_path / "new" / "page.html").read_bytes() == "café\n".encode()
    (tmp_path / "card.vcf").write_bytes(b"x" * 500)
    write_bytes(tmp_path / "card.vcf", b"BEGIN:VCARD\r\n")
    assert (tmp_path / "card.vcf").read_bytes() == b"BEGIN:VCARD\r\n"


def test_the_writer_refuses_a_second_write_as_pelicans_does(tmp_path):
    from pelican.writers import FileOverwriteFailedError
    from site_writer.files import InPlaceWriter

    writer = InPlaceWriter(str(tmp_path), settings={})
    path = str(tmp_path / "a.html")
    with writer._open_w(path, "utf-8") as handle:
        handle.write("first")
    with pytest.raises(FileOverwriteFailedError):
        writer._open_w(path, "utf-8")
    with writer._open_w(path, "utf-8", override=True) as handle:
        handle.write("override")
    with writer._open_w(path, "utf-8") as handle:  # the override stands: this write goes nowhere
        handle.write("ignored")
    assert (tmp_path / "a.html").read_text() == "override"
    with pytest.raises(FileOverwriteFailedError):
        writer._open_w(path, "utf-8", override=True)


def test_pelican_writes_the_site_with_the_in_place_writer(tmp_path):
    from pelican import Pelican
    from pelican.settings import read_settings
    from site_writer.files import InPlaceWriter

    import tasks

    settings = read_settings(str(tasks.SETTINGS), override={"OUTPUT_PATH": str(tmp_path)})
    assert isinstance(Pelican(settings)._get_writer(), InPlaceWriter)
