"""The « Données personnelles » page's parts: its text, its tables, the erasure dialog."""
