"""The commune's voices: which one reads (settings over the plan), what they cost this month, samples."""
