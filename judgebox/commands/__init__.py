"""CLI verb handlers: thin glue from parsed arguments to core calls."""
