"""The live preview of the report beside the form."""
