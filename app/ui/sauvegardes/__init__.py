"""Dialogs of the backups: restore a backup, the backup settings, the damaged-base question at opening."""
