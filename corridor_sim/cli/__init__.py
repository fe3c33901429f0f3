"""Command line interface (thin: it calls the public API and renders results)."""
