"""`python -m actions --port 5055`: the rasa-sdk action server in a single
process, bound to loopback unless told otherwise (rasa-sdk's own command
binds every interface and forks workers that would load the models again)."""

from __future__ import annotations

import argparse
import os
import sys
import warnings


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m actions")
    parser.add_argument("--host", default=os.environ.get("COUNCILBOT_ACTIONS_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args()
    # rasa-sdk 3.21 serves Rasa 3.6 correctly; its version warning is expected.
    warnings.filterwarnings("ignore", message=".*version.*")
    from rasa_sdk import endpoint
    from rasa_sdk.executor import ActionExecutor

    from bot.logs import configure_logging
    from bot.settings import Settings

    configure_logging(Settings.from_env().log_level)
    executor = ActionExecutor()
    executor.register_package("actions")
    # One process: the models load once, and no worker re-imports them.
    app = endpoint.create_app(executor, cors_origins=None)
    app.run(host=args.host, port=args.port, single_process=True, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
