"""The toolkit that turns spec/ + overlays/ into the ebay-post-order package.

Read top to bottom, the pipeline is ``pipeline.generate``: bundle -> overlays -> validate ->
render (openapi-python-client) -> postprocess (header, metadata, ruff) -> lock file.
"""
