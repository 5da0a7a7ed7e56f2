"""The Recommandations page's screens: the text and its formatting, versions, the publication gate, documents,
and the dialogs of the workflow."""
