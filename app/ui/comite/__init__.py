"""The pieces of the Comité page: its form, its table models and its dialogs (the page is app.ui.pages.comite)."""
