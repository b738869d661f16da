"""`/okr`: the router picks a verb by the first word; each other module here is one verb."""
