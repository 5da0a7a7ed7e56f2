"""The « Travaux et diffusion » page's parts: its table models, forms, tabs and dialogs."""
