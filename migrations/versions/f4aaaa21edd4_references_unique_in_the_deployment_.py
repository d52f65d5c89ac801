"""references unique in the deployment, numbered per year; former references kept

References were numbered per call, so every call of a year began at `2026-0001`: a
citation in the press or an export named several proposals. Numbers now run on across
the calls of a year (reference_counters). Where calls of a year already share
references, the call that opened first keeps its own; each later one is renumbered
whole, in its own order (rankings break ties by reference), after the highest number of
the year. The references they gave up stay in former_references, and their addresses
redirect to the new ones. The renumbered calls' open-data version moves, so kept export
files are built again.

Revision ID: f4aaaa21edd4
Revises: b4e2888b12e1
Create Date: 2026-12-05 14:31:21.203655

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f4aaaa21edd4'
down_revision = 'b4e2888b12e1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reference_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_reference_counters'))
    )
    op.create_table('former_references',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_former_references_call_id_calls')),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_former_references_proposal_id_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_former_references')),
    sa.UniqueConstraint('call_id', 'reference', name=op.f('uq_former_references_call_id_reference'))
    )
    with op.batch_alter_table('former_references', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_former_references_proposal_id'), ['proposal_id'], unique=False)

    _renumber_shared_references(op.get_bind())

    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_column('last_proposal_number')

    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_proposals_call_id_reference'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_proposals_reference'), ['reference'])


def downgrade():
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_proposals_reference'), type_='unique')

    bind = op.get_bind()
    # Back to the references the proposals were first published under (unique per call).
    for proposal_id, reference in bind.execute(sa.text(
            'SELECT proposal_id, reference FROM former_references ORDER BY id DESC')).all():
        bind.execute(sa.text('UPDATE proposals SET reference = :reference WHERE id = :id'),
                     {'reference': reference, 'id': proposal_id})

    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_proposals_call_id_reference'), ['call_id', 'reference'])

    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_proposal_number', sa.INTEGER(), server_default=sa.text("'0'"), nullable=False))
    # Each call's counter goes on from the highest number it holds, in whichever year.
    highest = {}
    for call_id, reference in bind.execute(sa.text(
            'SELECT call_id, reference FROM proposals WHERE reference IS NOT NULL')).all():
        highest[call_id] = max(highest.get(call_id, 0), _split(reference)[1])
    for call_id, number in highest.items():
        bind.execute(sa.text('UPDATE calls SET last_proposal_number = :n WHERE id = :id'),
                     {'n': number, 'id': call_id})

    with op.batch_alter_table('former_references', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_former_references_proposal_id'))

    op.drop_table('former_references')
    op.drop_table('reference_counters')


def _split(reference):
    """`2026-0042` → ('2026', 42); a reference not of that form counts as number 0."""
    prefix, _, number = reference.rpartition('-')
    return prefix, int(number) if number.isdigit() else 0


def _renumber_shared_references(bind):
    calls = [row.id for row in bind.execute(sa.text(
        'SELECT id FROM calls ORDER BY submission_opens_at, id'))]
    held = {call_id: [] for call_id in calls}
    highest = {}
    for proposal_id, call_id, reference in bind.execute(sa.text(
            'SELECT id, call_id, reference FROM proposals WHERE reference IS NOT NULL')):
        held[call_id].append((_split(reference), proposal_id, reference))
        prefix, number = _split(reference)
        highest[prefix] = max(highest.get(prefix, 0), number)

    taken, renumbered_calls = set(), []
    for call_id in calls:
        mine = sorted(held[call_id])
        if not any(reference in taken for _, _, reference in mine):
            taken.update(reference for _, _, reference in mine)
            continue
        renumbered_calls.append(call_id)
        for (prefix, _), proposal_id, reference in mine:
            highest[prefix] += 1
            new = f'{prefix}-{highest[prefix]:04d}'
            taken.add(new)
            bind.execute(sa.text('UPDATE proposals SET reference = :new WHERE id = :id'),
                         {'new': new, 'id': proposal_id})
            bind.execute(sa.text(
                'INSERT INTO former_references (call_id, reference, proposal_id) '
                'VALUES (:call_id, :reference, :proposal_id)'),
                {'call_id': call_id, 'reference': reference, 'proposal_id': proposal_id})
    if renumbered_calls:
        bind.execute(sa.text('UPDATE calls SET data_version = data_version + 1 '
                             'WHERE id IN :ids').bindparams(
                                 sa.bindparam('ids', expanding=True)),
                     {'ids': renumbered_calls})

    for prefix, number in highest.items():
        if prefix.isdigit():
            bind.execute(sa.text('INSERT INTO reference_counters (year, last_number) '
                                 'VALUES (:year, :number)'),
                         {'year': int(prefix), 'number': number})
