"""``python -m corridor_sim`` runs the command line."""

from corridor_sim.cli.app import main

main()
