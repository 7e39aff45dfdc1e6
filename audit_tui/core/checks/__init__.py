"""Judging a draft: completeness, the verdict, consistency and diffs."""
