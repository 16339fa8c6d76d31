"""The commands, one module per group of the README's Commands table: the build cycle
(:mod:`building`: check, build, diff, watch), :mod:`exporting`, looking into a project
(:mod:`looking`: preview, list) and :mod:`starting` one (init).  :mod:`studykit.cli` registers
them, in the order ``studykit --help`` lists them."""
