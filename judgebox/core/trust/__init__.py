"""Who may sign what, and how a signature is checked: one place for every signed file."""
