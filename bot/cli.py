"""The `okr-bot` command line: run, sandbox, db, import, export, jobs and sources."""

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, TypeAlias

from bot.cli_sources import add_source_commands
from bot.settings import SettingsError, load_settings

log = logging.getLogger("okr-bot")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Migration chatter would bury the one line an operator needs to read.
    logging.getLogger("alembic").setLevel(logging.DEBUG if args.debug else logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if args.debug else logging.WARNING)
    # httpx logs each request's URL at INFO, and a source's URL may carry a ${NAME} secret.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        with _waits(command):
            return command(args)
    except SettingsError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if args.debug:
            raise
        from bot.domain.errors import DomainError

        if isinstance(error, DomainError):
            return _fail(error.message)
        first_line = (str(error).strip().splitlines() or [""])[0]
        return _fail(f"{type(error).__name__}: {first_line} (run with --debug for details)")


def _waits(command: Callable[[argparse.Namespace], int]) -> AbstractContextManager[None]:
    """Commands answer no Slack request: they may wait for a busy database; `run` may not."""
    if command is _run:
        return nullcontext()
    from bot.db.engine import patient_waits

    return patient_waits()


def _fail(message: str) -> int:
    print(f"okr-bot: {message}", file=sys.stderr)
    return 2


# The subparsers object argparse hands back; its class is private, hence the string.
Commands: TypeAlias = "argparse._SubParsersAction[Any]"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okr-bot",
        description="OKR Bot: weekly OKR check-ins in Slack. Settings come from the "
        "environment or a .env file (see README).",
    )
    parser.add_argument("--debug", action="store_true", help="verbose logs and full errors")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="start the bot (Socket Mode or HTTP) and its scheduler")
    run.set_defaults(command=_run)
    _add_sandbox_command(commands)
    _add_db_commands(commands)
    _add_file_commands(commands)
    _add_jobs_commands(commands)
    add_source_commands(commands)
    return parser


def _add_sandbox_command(commands: Commands) -> None:
    sandbox = commands.add_parser(
        "sandbox",
        help="try the bot without Slack: a demo workspace in your browser, driving the real bot",
    )
    sandbox.add_argument(
        "--port", type=_port, default=3000, help="the page's port on 127.0.0.1 (default 3000)"
    )
    sandbox.add_argument("--fresh", action="store_true", help="start over with a new demo")
    sandbox.add_argument(
        "--dir",
        type=Path,
        default=Path("okr-bot-sandbox"),
        help="where the sandbox keeps its database and messages (default ./okr-bot-sandbox)",
    )
    sandbox.set_defaults(command=_sandbox)


def _add_db_commands(commands: Commands) -> None:
    db = commands.add_parser("db", help="manage the database schema").add_subparsers(
        required=True, metavar="ACTION"
    )
    db.add_parser("upgrade", help="apply all migrations").set_defaults(command=_db_upgrade)
    down = db.add_parser("downgrade", help="revert to a revision (e.g. -1 or base)")
    down.add_argument("revision")
    down.set_defaults(command=_db_downgrade)
    db.add_parser("current", help="print the applied revision").set_defaults(command=_db_current)
    db.add_parser("check", help="fail if models and migrations differ").set_defaults(
        command=_db_check
    )


def _add_file_commands(commands: Commands) -> None:
    """`import` and `export`, one YAML format both ways."""
    imp = commands.add_parser("import", help="load a cycle's OKRs from a YAML file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(command=_import)
    exp = commands.add_parser("export", help="print a cycle's OKRs as YAML (the import format)")
    exp.add_argument("--cycle", help="cycle name (default: the latest)")
    exp.set_defaults(command=_export)


def _add_jobs_commands(commands: Commands) -> None:
    jobs = commands.add_parser("jobs", help="list or run scheduled jobs").add_subparsers(
        required=True, metavar="ACTION"
    )
    jobs.add_parser("list", help="list the jobs").set_defaults(command=_jobs_list)
    job_run = jobs.add_parser("run", help="run a job now")
    job_run.add_argument("name")
    job_run.set_defaults(command=_jobs_run)


def _run(_args: argparse.Namespace) -> int:
    from bot.serve import serve

    settings = load_settings()
    settings.require_slack()
    return serve(settings)


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError("must be a port number from 0 (any free port) to 65535")
    return int(text)


def _sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.app import SandboxError, run_sandbox

    try:
        return run_sandbox(
            args.dir, args.port, fresh=args.fresh, announce=lambda line: print(line, flush=True)
        )
    except SandboxError as error:
        return _fail(str(error))


def _db_upgrade(_args: argparse.Namespace) -> int:
    from bot.db import migrate

    settings = load_settings()
    migrate.upgrade(settings.database_url)
    print(f"Database is at revision {migrate.current(settings.database_url)}.")
    return 0


def _db_downgrade(args: argparse.Namespace) -> int:
    from bot.db import migrate

    settings = load_settings()
    migrate.downgrade(settings.database_url, args.revision)
    print(f"Database is at revision {migrate.current(settings.database_url) or 'base'}.")
    return 0


def _db_current(_args: argparse.Namespace) -> int:
    from bot.db import migrate

    print(migrate.current(load_settings().database_url) or "base (empty database)")
    return 0


def _db_check(_args: argparse.Namespace) -> int:
    from bot.db import migrate

    migrate.check(load_settings().database_url)
    print("Models and migrations agree.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from bot.db.engine import Database
    from bot.services.okr_file.importing import OkrImporter
    from bot.services.okr_file.parse import MAX_FILE_BYTES, ImportFileError

    settings = load_settings()
    try:
        with args.file.open("rb") as file:
            # One byte past the cap is enough to know the file is too big: never read it whole.
            data = file.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return _fail(f"{args.file} is larger than 1 MB, the most an import file may be")
        text = data.decode("utf-8")
    except OSError as error:
        return _fail(f"cannot read {args.file}: {error.strerror}")
    except UnicodeDecodeError as error:
        return _fail(f"cannot read {args.file}: not UTF-8 text (byte {error.start})")
    _ensure_schema(settings.database_url)
    database = Database.from_url(settings.database_url)
    try:
        summary = OkrImporter(database).import_text(text)
    except ImportFileError as error:
        lines = [
            f"{args.file}:{problem.line}: {problem.field + ': ' if problem.field else ''}"
            f"{problem.message}"
            for problem in error.problems
        ]
        if len(lines) == 1:
            return _fail(f"{lines[0]}; nothing was imported.")
        for line in lines:
            print(line, file=sys.stderr)
        return _fail(f"{args.file} was not imported ({len(lines)} problems).")
    finally:
        database.dispose()
    print(summary.describe())
    return 0


def _export(args: argparse.Namespace) -> int:
    from bot.db.engine import Database
    from bot.services.okr_file.export_yaml import OkrExporter

    settings = load_settings()
    _ensure_schema(settings.database_url)
    database = Database.from_url(settings.database_url)
    try:
        sys.stdout.write(OkrExporter(database).export_text(args.cycle))
    finally:
        database.dispose()
    return 0


def _jobs_list(_args: argparse.Namespace) -> int:
    from bot.scheduling.jobs import JOBS

    for job in JOBS:
        print(f"{job.name:<18} {job.description}")
    return 0


def _jobs_run(args: argparse.Namespace) -> int:
    from bot.runtime import build_runtime
    from bot.scheduling.jobs import JOBS, find_job

    job = find_job(args.name)
    if job is None:
        names = ", ".join(job.name for job in JOBS)
        return _fail(f"no job named {args.name!r}; the jobs are: {names}")
    settings = load_settings()
    if not settings.slack_bot_token:
        settings.require_slack()
    _ensure_schema(settings.database_url)
    runtime = build_runtime(settings)
    try:
        print(job.run_now(runtime.services))
    finally:
        runtime.close()
    return 0


def _ensure_schema(url: str) -> None:
    """Bring the schema up to date first, so a fresh install needs no separate step."""
    from bot.db import migrate

    migrate.upgrade(url)
