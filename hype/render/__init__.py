"""Pure renderers of an Analysis."""
