"""Where the site is written: the folder it goes to (output_folder.py), and its files (files.py).

Not a Pelican plugin: tasks.build_site builds the site into a fresh working folder
and puts it in place (output_folder), and the plugins that write files beside
Pelican's pages use files.write_text and files.write_bytes.
"""
