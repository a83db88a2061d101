"""What the site collects and for how long: the inventory of personal data, cookies and records
with their purposes and periods (every retention period lives in inventory.py), the lengths of
time, and masking names on lists."""
