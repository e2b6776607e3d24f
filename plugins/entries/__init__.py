"""Signpost entries, the core: what an entry is, and how one is read and checked.

Every module here is plain Python with no Pelican in it:
- files.py: which files of the content folder are entries;
- check.py: one file read and checked (frontmatter.py, validate.py, sanitise.py,
  wording.py) into an Entry (model.py), with its problems (problems.py);
- crosscheck.py: the checks across entries (the same slug, address, number, title);
- settings.py: Signpost's settings, declared and checked once;
- emergency.py, places.py, phones.py, hours.py, vocabularies.py: shared knowledge.

The pipeline (plugins/pipeline) runs them over a whole content folder, for
`invoke check` and for the build alike.
"""
