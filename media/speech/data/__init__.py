"""Data files of the speech normalizer (the abbreviation lexicon). Loaded with importlib.resources."""
