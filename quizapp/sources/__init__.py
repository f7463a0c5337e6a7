"""Sources: the documents questions come from, and how their questions get in.

- ``views``: a teacher's own documents under ``/teach`` (blueprint ``uploads``): upload,
  the generation job's progress, the review of generated questions, regenerate.
- ``importer``: banks into the database (add, update in place, retire); the one module
  that reads banks.
- ``generation``: building a bank from an upload in a background job.
- ``audience``: who may see, study, curate and be asked what: the one rule the pages
  and the API share.
- ``decisions``: a teacher accepts or rejects each generated question before learners
  get it.
- ``passages``: reading a source back: the document view, a question's evidence, the
  timeline.
- ``upload_limit``: how large an upload may be (the pages and the API).
- ``forms``: the upload and regenerate forms.

``quizapp/documents/`` holds the bundled document, a data folder beside this package.
"""
