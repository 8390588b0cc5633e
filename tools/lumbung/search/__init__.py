"""Search: the whoosh index of the CLI, the query, the static index of the site, related practices."""
