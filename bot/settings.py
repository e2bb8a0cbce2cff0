"""One typed settings object, read from `COUNCILBOT_*` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PREFIX = "COUNCILBOT_"


def _int(env: Mapping[str, str], key: str, default: int, low: int, high: int) -> int:
    raw = env.get(PREFIX + key)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{PREFIX}{key} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{PREFIX}{key} must be between {low} and {high}, got {value}")
    return value


def _float(env: Mapping[str, str], key: str, default: float) -> float:
    raw = env.get(PREFIX + key)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{PREFIX}{key} must be a number, got {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{PREFIX}{key} must be between 0 and 1, got {value}")
    return value


def _networks(env: Mapping[str, str], key: str) -> tuple[str, ...]:
    """Comma-separated addresses or networks (`127.0.0.1,10.0.0.0/8`)."""
    import ipaddress

    found = []
    for part in (env.get(PREFIX + key) or "").split(","):
        if part.strip():
            try:
                found.append(str(ipaddress.ip_network(part.strip(), strict=False)))
            except ValueError:
                raise ValueError(f"{PREFIX}{key}: {part.strip()!r} is not an address or network") from None
    return tuple(found)


def _flag(env: Mapping[str, str], key: str) -> bool:
    raw = (env.get(PREFIX + key) or "").strip().lower()
    if raw in {"", "0", "false", "no"}:
        return False
    if raw in {"1", "true", "yes"}:
        return True
    raise ValueError(f"{PREFIX}{key} must be 1 or 0, got {raw!r}")


def _urls(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """A comma-separated list of URLs."""
    return tuple(u.strip().rstrip("/") for u in (env.get(PREFIX + name) or "").split(",") if u.strip())


@dataclass(frozen=True)
class Settings:
    council_file: Path
    knowledge_dir: Path
    var_dir: Path
    index_dir: Path
    gateway_host: str
    gateway_port: int
    rasa_url: str
    actions_url: str
    max_message_chars: int
    answer_min_score: float
    rasa_timeout_seconds: float
    log_level: str
    database_url: str = ""
    # The cluster profile: Redis carries live events between gateways, and
    # each conversation goes to one of several Rasa servers (see rasa_client).
    redis_url: str = ""
    rasa_urls: tuple[str, ...] = ()
    actions_urls: tuple[str, ...] = ()
    rasa_token: str = ""
    frontend_dir: Path = Path("node_modules/govuk-frontend/dist/govuk")
    handoff_abandon_seconds: int = 600
    handoff_reply_seconds: int = 180
    handoff_sweep_seconds: int = 5
    console_idle_seconds: int = 1800
    signin_max_failures: int = 5
    signin_lockout_seconds: int = 900
    signin_attempts_per_client: int = 20
    # The public API's limits per client address (bot/gateway/clients.py),
    # and the load balancer's addresses whose X-Forwarded-For is believed.
    sessions_per_client_per_minute: int = 10
    messages_per_client_per_minute: int = 30
    live_connections_per_client_per_minute: int = 30
    trusted_proxies: tuple[str, ...] = ()
    secure_cookies: bool = False
    # Rasa's tracker store, which the purge and erasure clear as well:
    # a SQLAlchemy URL, or else the SQLite file Rasa's endpoints.yml names.
    tracker_db: Path = Path("var/tracker.db")
    tracker_db_url: str = ""
    purge_interval_seconds: int = 3600
    # Keys the pseudonyms of personal details (bot/privacy/policy.py). Set it
    # the same on every gateway; it is never stored with the data.
    pseudonym_key: str = ""
    # Read only to say which model and Rasa version are in use (/transparency).
    models_dir: Path = Path("models")
    rasa_venv_dir: Path = Path(".venv-rasa")
    # The latest knowledge evaluation (`make evaluate`), shown on
    # /transparency/performance.
    evaluation_file: Path = Path("var/evaluation/knowledge.json")
    # `knowledge validate` warns about sections above this Flesch-Kincaid
    # grade (reading age = grade + 5). GOV.UK's reading age 9 (grade 4)
    # would flag 198 of the 201 sections (Dec 2026): benefit and service
    # names cost syllables no editor can cut. Their median is grade 6.6;
    # grade 9 (reading age 14) flags the hardest 5%, the 10 sections worth a
    # rewrite.
    reading_grade_max: int = 9

    @property
    def rasa_servers(self) -> tuple[str, ...]:
        """Every Rasa server's URL: `COUNCILBOT_RASA_URLS`, else the one."""
        return self.rasa_urls or (self.rasa_url,)

    @property
    def actions_servers(self) -> tuple[str, ...]:
        """Every action server's URL, for the health check."""
        return self.actions_urls or (self.actions_url,)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        var_dir = Path(env.get(PREFIX + "VAR_DIR") or "var")
        log_level = (env.get(PREFIX + "LOG_LEVEL") or "INFO").upper()
        if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError(f"{PREFIX}LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
        return cls(
            council_file=Path(env.get(PREFIX + "COUNCIL_FILE") or "config/council.yml"),
            knowledge_dir=Path(env.get(PREFIX + "KNOWLEDGE_DIR") or "knowledge"),
            var_dir=var_dir,
            index_dir=Path(env.get(PREFIX + "INDEX_DIR") or var_dir / "index"),
            gateway_host=env.get(PREFIX + "GATEWAY_HOST") or "127.0.0.1",
            gateway_port=_int(env, "GATEWAY_PORT", 8000, 1, 65535),
            rasa_url=(env.get(PREFIX + "RASA_URL") or "http://127.0.0.1:5005").rstrip("/"),
            actions_url=(env.get(PREFIX + "ACTIONS_URL") or "http://127.0.0.1:5055").rstrip("/"),
            max_message_chars=_int(env, "MAX_MESSAGE_CHARS", 1000, 10, 20000),
            answer_min_score=_float(env, "ANSWER_MIN_SCORE", 0.35),
            rasa_timeout_seconds=float(_int(env, "RASA_TIMEOUT_SECONDS", 30, 1, 600)),
            log_level=log_level,
            database_url=env.get(PREFIX + "DATABASE_URL") or "",
            redis_url=env.get(PREFIX + "REDIS_URL") or "",
            rasa_urls=_urls(env, "RASA_URLS"),
            actions_urls=_urls(env, "ACTIONS_URLS"),
            rasa_token=env.get(PREFIX + "RASA_TOKEN") or "",
            frontend_dir=Path(env.get(PREFIX + "FRONTEND_DIR") or "node_modules/govuk-frontend/dist/govuk"),
            handoff_abandon_seconds=_int(env, "HANDOFF_ABANDON_SECONDS", 600, 5, 86400),
            handoff_reply_seconds=_int(env, "HANDOFF_REPLY_SECONDS", 180, 5, 86400),
            handoff_sweep_seconds=_int(env, "HANDOFF_SWEEP_SECONDS", 5, 1, 3600),
            console_idle_seconds=_int(env, "CONSOLE_IDLE_SECONDS", 1800, 30, 86400),
            signin_max_failures=_int(env, "SIGNIN_MAX_FAILURES", 5, 1, 100),
            signin_lockout_seconds=_int(env, "SIGNIN_LOCKOUT_SECONDS", 900, 1, 86400),
            signin_attempts_per_client=_int(env, "SIGNIN_ATTEMPTS_PER_CLIENT", 20, 1, 100000),
            sessions_per_client_per_minute=_int(env, "SESSIONS_PER_CLIENT_PER_MINUTE", 10, 1, 1000000),
            messages_per_client_per_minute=_int(env, "MESSAGES_PER_CLIENT_PER_MINUTE", 30, 1, 1000000),
            live_connections_per_client_per_minute=_int(env, "LIVE_CONNECTIONS_PER_CLIENT_PER_MINUTE",
                                                        30, 1, 1000000),
            trusted_proxies=_networks(env, "TRUSTED_PROXIES"),
            secure_cookies=_flag(env, "SECURE_COOKIES"),
            models_dir=Path(env.get(PREFIX + "MODELS_DIR") or "models"),
            rasa_venv_dir=Path(env.get(PREFIX + "RASA_VENV") or ".venv-rasa"),
            tracker_db=Path(env.get(PREFIX + "TRACKER_DB") or var_dir / "tracker.db"),
            tracker_db_url=env.get(PREFIX + "TRACKER_DB_URL") or "",
            purge_interval_seconds=_int(env, "PURGE_INTERVAL_SECONDS", 3600, 1, 86400),
            pseudonym_key=env.get(PREFIX + "PSEUDONYM_KEY") or "",
            evaluation_file=Path(env.get(PREFIX + "EVALUATION_FILE")
                                 or var_dir / "evaluation" / "knowledge.json"),
            reading_grade_max=_int(env, "READING_GRADE_MAX", 9, 1, 20),
        )
