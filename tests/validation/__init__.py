"""Analytical validation: terminals and fleets configured as textbook queues."""
