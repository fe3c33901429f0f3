"""Safe file input and output: the one atomic writer, bounded reads of untrusted files, and
CSV cells that no spreadsheet executes.

- :mod:`corridor_sim.io.atomic`: :func:`atomic_write_text` / :func:`atomic_write_bytes` for one
  file, :func:`atomic_directory` for a whole output directory (claimed atomically, replaced
  with ``force`` only if this tool wrote it), :func:`check_output` to refuse early.
- :mod:`corridor_sim.io.safe_read`: :func:`read_regular_file` (regular files only, size bound).
- :mod:`corridor_sim.io.csv_cells`: :func:`csv_text` / :func:`neutralise` (formula injection).
"""
