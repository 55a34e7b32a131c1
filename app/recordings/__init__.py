"""A person's recording of an article version, used instead of a synthesized voice wherever the clip goes."""
