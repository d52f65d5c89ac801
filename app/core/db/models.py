"""Import every feature's models so the metadata (and Alembic) sees all tables.

Each feature owns its models in its own package; this is only the roll call.
"""

from app.accounts.models import User  # noqa: F401
from app.audit.models import AuditEvent  # noqa: F401
from app.calls.models import Call  # noqa: F401
from app.core.outbox import OutboxMessage  # noqa: F401
from app.dialogues.models import DialogueFacilitator, DialogueSession  # noqa: F401
from app.moderation.models import Comment, Report  # noqa: F401
from app.pages.models import SitePage  # noqa: F401
from app.plans.models import (  # noqa: F401
    Commitment,
    CommitmentCounter,
    CommitmentSource,
    Counterassessment,
    Evidence,
    Follow,
    Implementer,
    IrmCoding,
    Milestone,
    Plan,
    ProgressUpdate,
)
from app.privacy.models import DataExport, PrivacyNoticeVersion  # noqa: F401
from app.proposals import search  # noqa: F401  (its DDL hangs off the proposals table)
from app.priorities.models import (  # noqa: F401
    PriorityBallot,
    PriorityPick,
    PriorityPoll,
    PriorityTheme,
)
from app.proposals.models import FormerReference, Proposal, ReferenceCounter  # noqa: F401
from app.review.models import (  # noqa: F401
    Assessment,
    ConflictOfInterest,
    Decision,
    InternalNote,
    WorkingGroupMember,
)
from app.voting.models import Ballot, Vote, VotingCode  # noqa: F401
from app.working_group.models import RulesVersion, Seat, SeatTerm  # noqa: F401
from app.working_group.meeting_models import (  # noqa: F401
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    MinutesResponse,
)
from app.working_group.document_models import Document  # noqa: F401
