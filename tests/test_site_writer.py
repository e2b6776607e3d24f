"""The plugins write the site's own files with site_writer.files (plugins/site_writer)."""

from __future__ import annotations


def test_new_files_and_bytes_are_written_whole_with_their_folder(tmp_path):
    from site_writer.files import write_bytes, write_text

    write_text(tmp_path / "new" / "page.html", "café\n")  # its folder made too
    assert (tmp_path / "new" / "page.html").read_bytes() == "café\n".encode()
    (tmp_path / "card.vcf").write_bytes(b"x" * 500)
    write_bytes(tmp_path / "card.vcf", b"BEGIN:VCARD\r\n")
    assert (tmp_path / "card.vcf").read_bytes() == b"BEGIN:VCARD\r\n"
