"""Output: the build pipeline, batches, safe writes, fingerprints, previews and checks."""

FORMATS = ("docx", "txt", "md", "blocks")  # what --to can ask for (the PDF comes with --pdf)
