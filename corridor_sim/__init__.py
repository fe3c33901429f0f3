"""corridor-sim."""
