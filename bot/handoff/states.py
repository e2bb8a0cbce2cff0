"""The handoff state machine. The allowed moves are data; `apply_move` is the
only way a handoff's status changes, and it changes the row only if it is
still in a state the move allows, so two agents racing to claim one
conversation cannot both win."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, select, update

from bot.db.tables import handoffs

WAITING, ACTIVE, RESOLVED, RETURNED, ABANDONED = "waiting", "active", "resolved", "returned", "abandoned"
OPEN = (WAITING, ACTIVE)
FINAL = (RESOLVED, RETURNED, ABANDONED)
URGENT, NORMAL = "urgent", "normal"


@dataclass(frozen=True)
class Move:
    name: str
    sources: tuple[str, ...]
    target: str
    # Only for normal priority: urgent conversations always wait for a person.
    normal_only: bool = False


MOVES: dict[str, Move] = {m.name: m for m in (
    Move("claim", (WAITING,), ACTIVE),
    Move("release", (ACTIVE,), WAITING),
    Move("resolve", (ACTIVE,), RESOLVED),
    Move("hand_back", (ACTIVE,), RETURNED),
    Move("abandon", (WAITING,), ABANDONED, normal_only=True),
    Move("cancel", (WAITING,), RETURNED, normal_only=True),
)}


class MoveRefused(RuntimeError):
    """The handoff is not in a state this move allows (or does not exist)."""

    def __init__(self, move: str, current: Row | None) -> None:
        self.move = move
        self.current = current
        status = current.status if current is not None else "missing"
        super().__init__(f"cannot {move} a handoff that is {status}")


def apply_move(conn: Connection, handoff_id: str, move_name: str, now: dt.datetime,
               **changes: Any) -> Row:
    """Moves one handoff, atomically; returns the updated row or raises
    `MoveRefused` with the row as it now is."""
    move = MOVES[move_name]
    condition = (handoffs.c.id == handoff_id) & handoffs.c.status.in_(move.sources)
    if move.normal_only:
        condition &= handoffs.c.priority == NORMAL
    values = {"status": move.target, "updated_at": now, **changes}
    if move.target in FINAL:
        values.setdefault("ended_at", now)
    result = conn.execute(update(handoffs).where(condition).values(**values))
    row = conn.execute(select(handoffs).where(handoffs.c.id == handoff_id)).first()
    if result.rowcount != 1:
        raise MoveRefused(move_name, row)
    return row
