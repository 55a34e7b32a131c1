"""The audit log's services outside the database: the checkpoint journal, and the files on disk checked
against the hashes the log recorded."""
