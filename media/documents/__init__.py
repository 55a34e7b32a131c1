"""Articles drafted by communications staff in .docx, .md or .txt files, read as plain text."""

from media.documents.model import SUPPORTED_SUFFIXES, ArticleDraft
from media.documents.reader import find_article_files, iter_article_files, read_article

__all__ = ["SUPPORTED_SUFFIXES", "ArticleDraft", "find_article_files", "iter_article_files", "read_article"]
