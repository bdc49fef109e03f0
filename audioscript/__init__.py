"""audioscript: articles full of attributed quotes in, narrated multi-voice podcast episodes out.

The pipeline is a chain of plain library functions (see DESIGN.md)::

    clean -> extract -> script (template) -> cast (voices) -> synthesize (cache) -> assemble

The ``audioscript`` command is a thin layer over them (:mod:`audioscript.cli`).
"""

__version__ = "0.1.0"
