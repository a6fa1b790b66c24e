"""Entry bundles (.jbx): safe reading, making, and the administrative check."""
