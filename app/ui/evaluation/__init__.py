"""The Évaluation page's tabs, dialog, table models and chart."""
