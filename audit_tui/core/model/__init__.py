"""The report's data: the template, the draft, their values, rules and field kinds."""
