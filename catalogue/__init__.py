"""Every error a person can see, by a stable code: its parameters and its English and Vietnamese sentence.

The lowest floor: storage/, media/ and schedules/ raise `Coded` errors, the CLI and the logs print their English
sentence (`str(exc)`), the desk renders `exc.code` and `exc.params` in Vietnamese. The templates are in
`catalogue/errors.py`.
"""

from catalogue.coded import Coded, is_code, placeholders, render

__all__ = ["Coded", "is_code", "placeholders", "render"]
