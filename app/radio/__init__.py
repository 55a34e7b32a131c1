"""Radio slots: fill, build, deliver and air each occurrence (passes.py is one commune's radio pass), emergencies,
as-run."""
