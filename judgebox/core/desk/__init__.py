"""The coordinator's desk: one event being prepared, collected and merged (pure core, no Qt)."""
