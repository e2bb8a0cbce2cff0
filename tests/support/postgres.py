"""One throwaway PostgreSQL per test session, made and run by
bot/cluster/postgres.py as the cluster profile runs its own, on a free
loopback port. Each test gets a fresh database copied from a migrated
template, connected to as the `councilbot` role (not the superuser)."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from bot.cluster import postgres
from tests.support.stack import free_port

TEMPLATE = "councilbot_template"
# Durability buys nothing for a server that lives as long as one test run.
THROWAWAY = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class ThrowawayPostgres:
    def __init__(self, work_dir: Path) -> None:
        self.data_dir = work_dir / "postgres"
        self.log_path = work_dir / "postgres.log"
        self.port = free_port()
        self._process: subprocess.Popen | None = None
        self._names = itertools.count(1)
        self._template_ready = False

    def start(self) -> None:
        postgres.initialise(self.data_dir, self.port)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(postgres.server_command(self.data_dir, self.port, THROWAWAY),
                                             stdout=log, stderr=subprocess.STDOUT)
        postgres.wait_ready(self.data_dir, self.port, process=self._process)

    def stop(self) -> None:
        if self._process is not None:
            postgres.stop(self._process)

    def url(self, database: str = "councilbot") -> str:
        base = make_url(postgres.database_url(self.data_dir, self.port, "councilbot"))
        return base.set(database=database).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> None:
        with postgres.admin(self.data_dir, self.port) as conn:
            conn.execute(f'CREATE DATABASE "{name}" OWNER councilbot'
                         + (f' TEMPLATE "{template}"' if template else ""))

    def _migrated_template(self) -> None:
        if self._template_ready:
            return
        from bot.db import connect, upgrade

        self._create(TEMPLATE)
        engine = connect(self.url(TEMPLATE))
        upgrade(engine)
        engine.dispose()
        self._template_ready = True

    def new_database(self, migrated: bool = True) -> tuple[str, Engine]:
        """A fresh database (migrated, or empty for the migrations' own
        tests) and the gateway's own engine on it."""
        from bot.db import connect

        if migrated:
            self._migrated_template()
        name = f"test_{next(self._names)}"
        self._create(name, TEMPLATE if migrated else None)
        return name, connect(self.url(name))

    def drop(self, name: str) -> None:
        with postgres.admin(self.data_dir, self.port) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
