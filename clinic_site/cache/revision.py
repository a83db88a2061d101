"""The site's revision: one number that rises in the same transaction as any change to what public
pages show, so every worker can keep copies (settings, the clinic's week, whole pages) and know in
one cheap query whether they still hold.

A model whose rows pages show inherits ``ShownOnPages``. Any change to it through the ORM, one
object at a time or in a bulk UPDATE/DELETE, raises the number when the transaction commits; a
rollback raises nothing. The number is read once per request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from flask import g, has_request_context
from sqlalchemy import Integer, event, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from ..extensions import Model, db
from ..platform.hooks import app_state

T = TypeVar("T")
CHANGED = "clinic_pages_changed"  # in Session.info: this transaction changed what pages show


class ShownOnPages:
    """A mark for models whose rows public pages show: a change to them raises the revision."""


class SiteRevision(Model):
    """One row: how many transactions have changed what public pages show."""

    __tablename__ = "site_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, default=0)


_READ = (
    SiteRevision.__table__.select()
    .with_only_columns(SiteRevision.__table__.c.number)
    .where(SiteRevision.__table__.c.id == 1)
)


def current() -> int:
    """The revision this request works with, read at most once per request (-1 when the
    database cannot be read: nothing is kept under that number)."""
    if has_request_context() and "site_revision" in g:
        return g.site_revision
    try:
        # Core, not the ORM: this runs on every request and needs no objects back.
        number = db.session.connection().execute(_READ).scalar()
    except SQLAlchemyError:
        db.session.rollback()
        return -1
    number = -1 if number is None else number
    if has_request_context():
        g.site_revision = number
    return number


def along(select):
    """``select`` with the revision as one more, last column: for a query each request runs
    anyway (loading who is signed in), so the revision costs no statement of its own; give
    what it read to ``note``."""
    return select.add_columns(_READ.scalar_subquery())


def note(number: int | None) -> None:
    """The revision read ``along`` another query, for this request (unless it already has one)."""
    if number is not None and has_request_context() and "site_revision" not in g:
        g.site_revision = number


def kept(name: str, read: Callable[[], T]) -> T:
    """``read()``, called once per revision in this process and kept: once per request at most,
    the revision is compared, never the data itself."""
    if has_request_context() and name in g:
        return g.get(name)
    number = current()
    store = _kept()
    held = store.get(name)
    value: T
    if held is not None and held[0] == number >= 0:
        value = cast(T, held[1])
    else:
        value = read()
        # A transaction that changed what pages show keeps its reading to itself: it may roll
        # back, and other requests must not see what was never committed.
        if number >= 0 and not db.session.info.get(CHANGED):
            store[name] = (number, value)
    if has_request_context():
        setattr(g, name, value)
    return value


def copies(model: type[T], select) -> tuple[T, ...]:
    """The rows ``select`` (a select of ``model``'s table) finds, as new ``model`` objects that no
    session knows: fit to keep with ``kept`` and read by any request (for models without
    relations). The session's own objects are left alone, with whatever they have pending."""
    mapper = sa_inspect(model)
    attrs = [(attr.key, attr.columns[0]) for attr in mapper.column_attrs]
    rows = db.session.execute(select).mappings()
    return tuple(model(**{key: row[column] for key, column in attrs}) for row in rows)


def forget(name: str) -> None:
    """Drop the kept copy of ``name`` now: this transaction changed it and reads it back before
    committing."""
    _kept().pop(name, None)
    if has_request_context():
        g.pop(name, None)


def _kept() -> dict[str, tuple[int, object]]:
    """This worker's kept values: name -> (revision, value)."""
    return app_state("kept", dict)


def _shown(instance: object) -> bool:
    return isinstance(instance, ShownOnPages)


@event.listens_for(Session, "before_flush")
def _note_changes(session: Session, _context, _instances) -> None:
    if any(_shown(each) for each in (*session.new, *session.dirty, *session.deleted)):
        session.info[CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_changes(state: ORMExecuteState) -> None:
    # db.insert/update/delete(Model) bypass the unit of work that before_flush watches.
    mapper = state.bind_mapper
    writes = state.is_insert or state.is_update or state.is_delete
    if writes and mapper is not None and issubclass(mapper.class_, ShownOnPages):
        state.session.info[CHANGED] = True


@event.listens_for(Session, "before_commit")
def _raise_revision(session: Session) -> None:
    session.flush()  # so the changes still pending are noted above before the flag is read
    if session.info.pop(CHANGED, False):
        session.execute(update(SiteRevision).values(number=SiteRevision.number + 1))
        if has_request_context():
            g.pop("site_revision", None)  # what this request reads next is newer


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(CHANGED, None)
