"""More key results for source tests: a seeded quarter plus as many as a test needs."""

from bot.db.engine import Database
from bot.db.models import KeyResult
from tests.seed import seed_quarter


def many_key_results(database: Database, count: int) -> list[int]:
    """The seeded quarter plus `count` more key results owned by the same person."""
    seeded = seed_quarter(database)
    with database.transaction() as session:
        first = session.get(KeyResult, seeded.sessions_kr)
        assert first is not None
        krs = [
            KeyResult(objective_id=first.objective_id, owner_id=first.owner_id, title=f"KR {n}")
            for n in range(count)
        ]
        session.add_all(krs)
        session.flush()
        return [kr.id for kr in krs if kr.id is not None]
