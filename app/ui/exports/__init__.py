"""The « Exports » page's parts: what each document is and how it is built off the GUI thread."""
