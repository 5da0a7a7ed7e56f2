"""The meetings' screens: recording attendance, and later the meetings' list and agenda."""
