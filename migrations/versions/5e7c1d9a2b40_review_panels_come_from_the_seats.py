"""a call's review panel comes from the Working Group's seats; each constituency records its
own position on a decision; a rules version may have its file

Revision ID: 5e7c1d9a2b40
Revises: 4fae45428f64
Create Date: 2026-12-05 20:50:00

The per-call member rows stay, as the record of the seat each person spoke from (their
assessments, notes and declarations point at them, and so nothing of the review moves). What
changes is where membership comes from: seats and their terms. Every member row gets its
seat: the seat of its constituency whose term the person held (or stood in for) during the
call's review, or, where no term says so, a term written now from the row itself, so each
of them is still on the panel of their call after the upgrade. Decisions keep all their
positions; from now on a position may be empty until its constituency records it.
"""
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from app.core.db.types import UTCDateTime
from app.core.timezones import utc_to_local

# revision identifiers, used by Alembic.
revision = '5e7c1d9a2b40'
down_revision = "4fae45428f64"
branch_labels = None
depends_on = None

POSITIONS = ('position_government', 'position_civil_society', 'position_academia')
# The constituencies' names as the seats page shows them, in the site's default language.
SEAT_NAMES = {'government': 'Gobierno', 'civil_society': 'Red de sociedad civil',
              'academia': 'Red académica', 'observer': 'Observador'}

members = sa.table('working_group_members', sa.column('id', sa.Integer),
                   sa.column('call_id', sa.Integer), sa.column('user_id', sa.Integer),
                   sa.column('constituency', sa.String), sa.column('seat_id', sa.Integer))
calls = sa.table('calls', sa.column('id', sa.Integer),
                 sa.column('voting_closes_at', UTCDateTime()),
                 sa.column('results_published_at', UTCDateTime()))
users = sa.table('users', sa.column('id', sa.Integer), sa.column('name', sa.String),
                 sa.column('organisation', sa.String))
# Tables as this revision knows them (the primary key declared, for the ids of new rows).
seats = sa.Table('wg_seats', sa.MetaData(), sa.Column('id', sa.Integer, primary_key=True),
                 sa.Column('constituency', sa.String), sa.Column('name', sa.String),
                 sa.Column('position', sa.Integer), sa.Column('created_at', UTCDateTime()))
terms = sa.table('wg_seat_terms', sa.column('id', sa.Integer), sa.column('seat_id', sa.Integer),
                 sa.column('holder_name', sa.String), sa.column('role', sa.String),
                 sa.column('organisation', sa.String), sa.column('holder_id', sa.Integer),
                 sa.column('appointed_by', sa.String), sa.column('alternate_name', sa.String),
                 sa.column('alternate_id', sa.Integer), sa.column('starts_on', sa.Date),
                 sa.column('ends_on', sa.Date), sa.column('created_at', UTCDateTime()))


def _day(value):
    return utc_to_local(value).date() if value is not None else None


def _overlaps(term, start, end):
    return (end is None or term.starts_on <= end) and \
        (term.ends_on is None or term.ends_on > start)


def upgrade():
    with op.batch_alter_table('working_group_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seat_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_working_group_members_seat_id_wg_seats',
                                    'wg_seats', ['seat_id'], ['id'])
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        for column in POSITIONS:
            batch_op.alter_column(column, existing_type=sa.String(length=10), nullable=True)
    with op.batch_alter_table('wg_rules_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_wg_rules_versions_document_id_wg_documents',
                                    'wg_documents', ['document_id'], ['id'])
    _give_every_member_a_seat(op.get_bind())


def _give_every_member_a_seat(connection):
    stamp = datetime.now(UTC)
    rows = connection.execute(
        sa.select(members.c.id, members.c.call_id, members.c.user_id, members.c.constituency,
                  calls.c.voting_closes_at, calls.c.results_published_at, users.c.name,
                  users.c.organisation)
        .join(calls, calls.c.id == members.c.call_id)
        .join(users, users.c.id == members.c.user_id)
        .order_by(members.c.call_id, members.c.constituency, members.c.id)).all()
    seat_rows = {s.id: s for s in connection.execute(sa.select(seats)).all()}
    term_rows = list(connection.execute(sa.select(terms)).all())
    unmatched: dict[tuple, list] = {}
    for row in rows:
        start = _day(row.voting_closes_at)
        end = _day(row.results_published_at)
        held = next((t for t in term_rows
                     if seat_rows[t.seat_id].constituency == row.constituency
                     and row.user_id in (t.holder_id, t.alternate_id)
                     and _overlaps(t, start, end)), None)
        if held is not None:
            connection.execute(members.update().where(members.c.id == row.id)
                               .values(seat_id=held.seat_id))
        else:
            unmatched.setdefault((row.call_id, row.constituency, start, end), []).append(row)
    new_terms: list[tuple[int, object, object]] = []  # (seat id, starts_on, ends_on)
    for (_call_id, constituency, start, end), group in unmatched.items():
        # Two people of one constituency on a call: the first holds, the second stands in.
        for index in range(0, len(group), 2):
            holder, alternate = group[index], (group[index + 1:index + 2] or [None])[0]
            # A published call's panel sat until the day after publication (a term's
            # ends_on is its first day off); one still in review sits on.
            ends_on = end + timedelta(days=1) if end is not None else None
            seat_id = _free_seat(connection, constituency, start, ends_on, seat_rows,
                                 term_rows, new_terms, stamp)
            connection.execute(terms.insert().values(
                seat_id=seat_id, holder_name=holder.name, role='',
                organisation=holder.organisation or '', holder_id=holder.user_id,
                appointed_by='', alternate_name=alternate.name if alternate else '',
                alternate_id=alternate.user_id if alternate else None, starts_on=start,
                ends_on=ends_on, created_at=stamp))
            new_terms.append((seat_id, start, ends_on))
            for row in (holder, alternate):
                if row is not None:
                    connection.execute(members.update().where(members.c.id == row.id)
                                       .values(seat_id=seat_id))


def _free_seat(connection, constituency, start, ends_on, seat_rows, term_rows, new_terms,
               stamp):
    """A seat of the constituency that nobody held over those days, made when none is."""
    def busy(seat_id):
        spans = [(t.starts_on, t.ends_on) for t in term_rows if t.seat_id == seat_id]
        spans += [(s, e) for sid, s, e in new_terms if sid == seat_id]
        return any((ends_on is None or s < ends_on) and (e is None or e > start)
                   for s, e in spans)

    for seat in sorted(seat_rows.values(), key=lambda s: (s.position, s.id)):
        if seat.constituency == constituency and not busy(seat.id):
            return seat.id
    seat_id = connection.execute(seats.insert().values(
        constituency=constituency, name=SEAT_NAMES.get(constituency, constituency),
        position=len(seat_rows), created_at=stamp)).inserted_primary_key[0]
    seat_rows[seat_id] = connection.execute(
        sa.select(seats).where(seats.c.id == seat_id)).one()
    return seat_id


def downgrade():
    with op.batch_alter_table('wg_rules_versions', schema=None) as batch_op:
        batch_op.drop_constraint('fk_wg_rules_versions_document_id_wg_documents',
                                 type_='foreignkey')
        batch_op.drop_column('document_id')
    # The earlier schema wants every position: one not recorded yet reads as an abstention.
    decisions = sa.table('decisions', *(sa.column(c, sa.String) for c in POSITIONS))
    for column in POSITIONS:
        op.execute(decisions.update().where(decisions.c[column].is_(None))
                   .values({column: 'abstain'}))
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        for column in POSITIONS:
            batch_op.alter_column(column, existing_type=sa.String(length=10), nullable=False)
    with op.batch_alter_table('working_group_members', schema=None) as batch_op:
        batch_op.drop_constraint('fk_working_group_members_seat_id_wg_seats',
                                 type_='foreignkey')
        batch_op.drop_column('seat_id')

