"""Articles and what staff do to them: editing and review (editorial), importing documents, the desk's lists, the
preview of what an article will be, drafts heard before saving, language versions."""
