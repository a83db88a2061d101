"""Limits on guessing passwords: at sign-in (staff and members), and on an item a visitor opens
with its own password (an inquiry, a reservation request)."""
