"""`okr-bot sources test KR-12` and `okr-bot sources token KR-12`."""

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from bot.settings import load_settings

if TYPE_CHECKING:
    from bot.services.sources.service import SourceService

T = TypeVar("T")

ANY_FAILURE = 1  # the source answered nothing usable: the command worked, the source did not


def add_source_commands(commands: "argparse._SubParsersAction[Any]") -> None:
    sources = commands.add_parser(
        "sources", help="test a key result's data source, or give its webhook a token"
    ).add_subparsers(required=True, metavar="ACTION")
    test = sources.add_parser(
        "test", help="fetch the source now and print its value (saves nothing)"
    )
    test.add_argument("key_result", metavar="KR", help="the key result, e.g. KR-12")
    test.set_defaults(command=_test)
    token = sources.add_parser(
        "token", help="print a new webhook token, shown this once (the old one stops working)"
    )
    token.add_argument("key_result", metavar="KR", help="the key result, e.g. KR-12")
    token.set_defaults(command=_token)


def _test(args: argparse.Namespace) -> int:
    probe = _with_sources(args, lambda sources, kr_id: sources.test_key_result(kr_id))
    if probe.error is not None:
        print(f"okr-bot: {args.key_result}: {probe.error}", file=sys.stderr)
        return ANY_FAILURE
    print(f"{args.key_result}: {probe.value:g}")
    return 0


def _token(args: argparse.Namespace) -> int:
    token = _with_sources(args, lambda sources, kr_id: sources.issue_token(kr_id))
    print(token)
    print(
        "Keep it secret: it is shown only now, and only its hash is stored. Push with\n"
        f"  curl -X POST -H 'Authorization: Bearer TOKEN' -H 'Content-Type: application/json' "
        f"-d '{{\"value\": 47.5}}' BOT_URL/hooks/kr/{args.key_result}",
        file=sys.stderr,
    )
    return 0


def _with_sources(args: argparse.Namespace, work: "Callable[[SourceService, int], T]") -> T:
    """`work` on the named key result's sources, with the schema brought up to date first."""
    from bot.db import migrate
    from bot.db.engine import Database
    from bot.domain.errors import DomainError
    from bot.domain.refs import RefKind, parse_ref
    from bot.runtime import build_source_service
    from bot.services.ports import SystemClock

    ref = parse_ref(args.key_result)
    if ref is None or ref.kind is not RefKind.KEY_RESULT:
        raise DomainError(f"{args.key_result!r} is not a key result; write it as KR-12")
    args.key_result = str(ref)
    settings = load_settings()
    migrate.upgrade(settings.database_url)
    database = Database.from_url(settings.database_url)
    try:
        return work(build_source_service(database, settings, SystemClock()), ref.id)
    finally:
        database.dispose()
