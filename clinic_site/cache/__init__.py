"""Copies kept to make pages fast and never stale: the site revision that rises with every change
a page shows, and whole pages kept for visitors who would all see the same."""
