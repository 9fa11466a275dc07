"""The one exception the pipeline raises for bad input.

Every stage reports a broken spec, overlay or template as a ``PipelineError`` whose message is a
single line naming the file and the place inside it, so ``python -m generator`` can print it
without a traceback.
"""


class PipelineError(Exception):
    """Bad input to the generator; ``str(err)`` is one line naming the file and the location."""
