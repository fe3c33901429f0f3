"""Outputs nobody can clobber (issue 16, points 1, 2, 6 and 7).

Two writers aiming at one directory: exactly one publishes, the other is refused and
changes nothing. ``--force`` replaces only an earlier output of the tool. Disk-full and
read-only errors name the user's path. Directories follow the umask; temporaries of dead
processes are swept; CSV cells cannot act as spreadsheet formulas.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from corridor_sim.results.export import OutputExistsError, atomic_directory

MARKER = ".corridor-sim-output"  # corridor_sim.io.atomic.MARKER (spelt out: a format)

BASE = Path(__file__).resolve().parents[1] / "data" / "bad" / "_base.yaml"
runner = CliRunner()


def two_writers_meeting(out: Path) -> list[object]:
    """Two threads build ``out`` at once; both finish building before either publishes."""
    built = threading.Barrier(2, timeout=30)
    results: list[object] = [None, None]

    def writer(k: int) -> None:
        def fill(tmp: Path) -> None:
            (tmp / "who.txt").write_text(f"writer {k}")
            built.wait()
        try:
            results[k] = atomic_directory(out, fill)
        except OutputExistsError as exc:
            results[k] = exc

    threads = [threading.Thread(target=writer, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_marker_name_is_the_writers() -> None:
    from corridor_sim.io import atomic
    assert atomic.MARKER == MARKER


def test_two_writers_one_publishes_the_other_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    results = two_writers_meeting(out)
    won = [k for k, r in enumerate(results) if r == out]
    lost = [r for r in results if isinstance(r, OutputExistsError)]
    assert len(won) == 1 and len(lost) == 1, results
    assert "another run" in str(lost[0])
    assert (out / "who.txt").read_text() == f"writer {won[0]}"
    assert sorted(os.listdir(tmp_path)) == ["out"]  # the loser left no debris


RACER = """
import sys, time
from pathlib import Path
from corridor_sim import load_scenario, simulate
from corridor_sim.results.export import OutputExistsError, write_results
out = Path(sys.argv[2])
results = simulate(load_scenario(sys.argv[1]), seed=int(sys.argv[3]))
def meet(tmp):  # wait until the other process has built its output too
    # (both temporaries seen, or the other already published: its build came first)
    for _ in range(600):
        if out.exists() or len([p for p in out.parent.iterdir() if '.tmp-' in p.name]) >= 2:
            return
        time.sleep(0.05)
try:
    write_results(results, out, extra=meet)
except OutputExistsError as exc:
    print(exc, file=sys.stderr)
    sys.exit(2)
"""


def test_two_processes_same_out_one_succeeds(tmp_path: Path) -> None:
    out = tmp_path / "runs" / "seed-0"
    out.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [subprocess.Popen([sys.executable, "-c", RACER, str(BASE), str(out), str(seed)],
                              stderr=subprocess.PIPE, text=True, env=env) for seed in (1, 2)]
    codes = [p.wait(timeout=300) for p in procs]
    errors = [p.stderr.read() for p in procs if p.stderr is not None]
    assert sorted(codes) == [0, 2], errors
    assert any("written by another run meanwhile" in e for e in errors)
    summary = (out / "summary.json").read_text()
    winner = 1 + codes.index(0)
    assert f'"seed": {winner}' in summary
    assert sorted(os.listdir(out.parent)) == ["seed-0"]


# -- --force ----------------------------------------------------------------------


def run_cli(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["run", str(BASE), *args])
    assert "Traceback" not in res.output and not (
        res.exception and not isinstance(res.exception, SystemExit)), res.output
    return res.exit_code, res.stderr


def test_force_never_deletes_a_users_folder(tmp_path: Path) -> None:
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.tex").write_text("months of work")
    code, err = run_cli("--out", str(folder), "--force")
    assert code == 2 and "not written by corridor-sim" in err and str(folder) in err
    assert os.listdir(folder) == ["chapter1.tex"]


def test_force_refuses_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    for out in (".", str(tmp_path), ".."):
        code, err = run_cli("--out", out, "--force")
        assert code == 2 and "current directory" in err, err
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_force_replaces_an_earlier_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("--out", str(out))[0] == 0
    assert (out / MARKER).is_file()
    code, err = run_cli("--out", str(out), "--force", "--seed", "3")
    assert code == 0, err
    assert '"seed": 3' in (out / "summary.json").read_text()
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_force_refuses_a_symlink_to_an_output(tmp_path: Path) -> None:
    real = tmp_path / "real"
    assert run_cli("--out", str(real))[0] == 0
    (tmp_path / "link").symlink_to(real)
    code, err = run_cli("--out", str(tmp_path / "link"), "--force")
    assert code == 2 and "not written by corridor-sim" in err
    assert (tmp_path / "link").is_symlink()


# -- disk full, read-only ------------------------------------------------------------


def test_disk_full_names_the_users_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: pd.DataFrame, path: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    out = tmp_path / "out"
    code, err = run_cli("--out", str(out))
    assert code == 2
    assert str(out) in err and "No space left on device" in err and ".tmp-" not in err, err
    assert os.listdir(tmp_path) == []


def test_read_only_output_folder_names_the_users_path(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real_mkdir = os.mkdir

    def read_only(path: object, *args: object, **kwargs: object) -> None:
        if ".tmp-" in str(path):
            raise PermissionError(errno.EROFS, "Read-only file system", str(path))
        real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(os, "mkdir", read_only)
    out = tmp_path / "out"
    code, err = run_cli("--out", str(out))
    assert code == 2 and str(out) in err and "Read-only" in err and ".tmp-" not in err, err


# -- permissions, debris ----------------------------------------------------------------


def test_output_directories_follow_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        atomic_directory(tmp_path / "out", lambda tmp: (tmp / "a.csv").write_text("1\n"))
    finally:
        os.umask(previous)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "out" / "a.csv").stat().st_mode & 0o777 == 0o644


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporaries_of_dead_processes_are_swept(tmp_path: Path) -> None:
    from corridor_sim.io.atomic import temp_name
    pid = dead_pid()
    mine = temp_name("out")  # this (living) process: kept
    dead_dir = tmp_path / mine.replace(f"-{os.getpid()}-", f"-{pid}-")
    dead_dir.mkdir()
    (dead_dir / "legs.csv").write_bytes(b"x" * 100_000)
    dead_file = tmp_path / temp_name("summary.json").replace(f"-{os.getpid()}-", f"-{pid}-")
    dead_file.write_text("{")
    alive = tmp_path / mine
    alive.mkdir()
    foreign = tmp_path / ".out.tmp-abcdef-1-0123abcd"  # another host's: never touched
    foreign.mkdir()
    user = tmp_path / ".out.tmp-notes"  # not ours at all
    user.mkdir()
    atomic_directory(tmp_path / "next", lambda tmp: None)
    assert sorted(os.listdir(tmp_path)) == sorted([alive.name, foreign.name, user.name, "next"])


# -- CSV injection ---------------------------------------------------------------------


def test_csv_cells_cannot_be_formulas_but_numbers_stay(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(BASE.read_text().replace("  f: {origin", "  '=HYPERLINK(\"x\")': {origin")
                        .replace("name: base", "name: '@SUM(A1)'"))
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(scenario), "--out", str(out), "--format", "both"])
    assert res.exit_code == 0, res.output
    lots = pd.read_csv(out / "lots.csv", dtype=str)
    flows = set(lots["flow"])
    assert flows == {"'=HYPERLINK(\"x\")"}
    kpis = pd.read_csv(out / "kpis.csv")
    assert (kpis["value"] < 0).any() or pd.api.types.is_float_dtype(kpis["value"])
    for path in out.glob("*.csv"):
        for line in path.read_text().splitlines():
            for cell in line.split(","):
                assert not cell.strip('"').startswith(("=", "@", "+")), (path.name, cell)


def test_neutralise_keeps_numbers_and_numeric_text() -> None:
    from corridor_sim.io.csv_cells import csv_text
    df = pd.DataFrame({"name": ["-3.5", "=1+1", "+7", "-cmd|' /C calc'!A0", "@x", "ok", "\tx"],
                       "value": [-3.5, -1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    lines = csv_text(df).splitlines()
    assert lines[1:] == ["-3.5,-3.5", "'=1+1,-1.0", "+7,2.0", "'-cmd|' /C calc'!A0,3.0",
                         "'@x,4.0", "ok,5.0", "'\tx,6.0"]


def test_neutralise_keeps_categorical_columns() -> None:
    from corridor_sim.io.csv_cells import neutralise
    df = pd.DataFrame({"flow": pd.Categorical(["=a", "b", "=a"]), "x": [1, 2, 3]})
    out = neutralise(df)
    assert isinstance(out["flow"].dtype, pd.CategoricalDtype)
    assert list(out["flow"]) == ["'=a", "b", "'=a"] and list(df["flow"]) == ["=a", "b", "=a"]


# -- Dask ----------------------------------------------------------------------------------


def test_embedded_cluster_listens_on_loopback_only() -> None:
    pytest.importorskip("distributed")
    from corridor_sim.experiments.execution import dask_client
    with dask_client(1, processes=False) as client:
        scheduler = client.cluster.scheduler
        bound = [s.getsockname()[0] for s in scheduler.http_server._sockets.values()]
        assert bound and all(host == "127.0.0.1" for host in bound), bound
        assert scheduler.address.startswith("tcp://127.0.0.1:") or scheduler.address.startswith(
            "inproc://")


def test_neutralise_takes_cells_that_are_lists() -> None:
    # a scenario diff holds lists (e.g. seasonality); `compare --out` wrote it with a traceback
    from corridor_sim.io.csv_cells import csv_text

    df = pd.DataFrame({"path": ["a.seasonality", "b"], "x": [[1, 2], "=SUM(A1)"]})
    text = csv_text(df)
    assert "'=SUM(A1)" in text and "[1, 2]" in text
