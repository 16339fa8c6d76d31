"""studykit: primary-source facts -> Anki decks, worksheets and quiz exports.

The pipeline is visible in the modules: ``load`` (read and validate the
project), ``questions`` (render question templates against facts), then the
writers ``apkg``, ``worksheet`` and ``export``; ``build`` ties them together
and ``cli`` only parses arguments.
"""

__version__ = "0.1.0"
