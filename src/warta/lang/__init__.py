"""Language layers. Each language lives in its own package (``warta.lang.id`` for Indonesian)."""
