"""The « Journal des modifications » page's pieces: its lazy table model and its export task."""
