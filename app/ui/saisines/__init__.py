"""The Saisines page's tabs and dialogs (the page itself is `app.ui.pages.saisines`)."""
