"""The pieces of the Structures and Membres pages: table models, filter proxy and dialogs."""
