"""The Dask engine on a 2-worker LocalCluster writes the same tables as the local engine."""

import pytest
from test_run import table_bytes, write_dev_corpus

from pipeline.cli import main

pytestmark = pytest.mark.slow  # whole runs: `pytest -m 'not slow'` leaves them out


def test_dask_local_cluster_tables_are_identical_to_the_local_run(tmp_path, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=4)
    assert main(["run", str(corpus), "--out", str(tmp_path / "local"), "--quiet"]) == 0
    assert main(["run", str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask", "--workers", "2"]) == 0
    assert "6 extracted" in capsys.readouterr().err
    assert table_bytes(tmp_path / "dask") == table_bytes(tmp_path / "local")


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path, capsys):
    assert main(["run", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786", "--out", str(tmp_path / "o")]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_dask_through_a_scheduler_address_as_on_a_real_cluster(tmp_path, capsys):
    from dask.distributed import LocalCluster

    corpus = write_dev_corpus(tmp_path / "in", n=2)
    assert main(["run", str(corpus), "--out", str(tmp_path / "local"), "--quiet"]) == 0
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        assert (
            main(
                [
                    "run",
                    str(corpus),
                    "--out",
                    str(tmp_path / "dask"),
                    "--engine",
                    "dask",
                    "--scheduler",
                    cluster.scheduler_address,
                ]
            )
            == 0
        )
    assert "4 extracted" in capsys.readouterr().err
    assert table_bytes(tmp_path / "dask") == table_bytes(tmp_path / "local")
