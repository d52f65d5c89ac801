"""Publishing the demo's proposals, shared by the open call and the closed cycle."""

from app.accounts.models import User
from app.calls.models import Call
from app.extensions import db
from app.proposals import search
from app.proposals.models import Proposal
from app.proposals.references import next_reference


def publish_demo_proposal(call: Call, author: User, item: dict, published) -> Proposal:
    """Publish one item of demo_proposals() in `call` as it would have been at `published`."""
    proposal = Proposal(
        call=call, author=author, status="published", vote_count=0,
        title=item["title"], summary=item["summary"], problem=item["problem"],
        commitment=item["commitment"], solution=item["solution"],
        expected_results=item["expected_results"], ogp_values=item["ogp_values"],
        theme=call.themes[item["theme"]], responsible_body=item["responsible_body"],
        region=item["region"], organisation=author.organisation,
        created_at=published, updated_at=published, published_at=published)
    db.session.add(proposal)
    db.session.flush()
    proposal.reference = next_reference(call)
    search.index_proposal(proposal)
    return proposal
