"""Reading proposals: the public list with search, filters and sorting; lookups; similar ones."""

import hashlib
from dataclasses import dataclass

from flask import abort, current_app, redirect, request, url_for
from sqlalchemy import BigInteger, bindparam, cast, func, select
from sqlalchemy.orm import joinedload, lazyload, load_only

from app.accounts.models import User
from app.calls.models import Call, Phase
from app.core.process_cache import remembered
from app.extensions import db
from app.proposals import references, search
from app.proposals.models import LISTED_STATUSES, PUBLIC_STATUSES, SHUFFLE_PRIME, Proposal
from app.web.paging import Page, page_number

PER_PAGE = 20
SORTS = ("random", "recent", "votes", "relevance")
SHUFFLE_MASK = 2**31 - 1


@dataclass(frozen=True)
class Listing:
    """What someone asked the list for, already cleaned."""

    q: str = ""
    theme: str = ""
    value: str = ""
    region: str = ""
    body: str = ""
    status: str = ""
    sort: str = ""
    page: int = 1


def visitor_seed(secret: str, address: str, agent: str, day) -> int:
    """A seed per visitor and day, so the random order stays put while they page through it.

    Derived rather than stored, so readers get no cookie; only a keyed digest is used.
    """
    material = "|".join((secret, address, agent, day.isoformat()))
    return int.from_bytes(hashlib.sha256(material.encode()).digest()[:8], "big") >> 2


def allowed_sorts(call: Call, at, q: str) -> list[str]:
    """Sorts offered now: by votes only once counts are public, by relevance when searching."""
    sorts = ["random", "recent"]
    if call.counts_public(at):
        sorts.append("votes")
    if q:
        sorts.insert(0, "relevance")
    return sorts


def default_sort(call: Call, at, q: str) -> str:
    if q:
        return "relevance"
    # Random while voting, so early proposals gain no edge from the top of the list.
    return "random" if call.phase(at) == Phase.VOTING else "recent"


def listing_from(args, call: Call, at) -> Listing:
    """Clean query-string arguments; anything unknown falls back to the default."""
    q = (args.get("q") or "").strip()[:200]
    sort = args.get("sort") or ""
    if sort not in allowed_sorts(call, at, q):
        sort = default_sort(call, at, q)
    page = page_number(args.get("page"))
    status = args.get("status") or ""
    if status not in PUBLIC_STATUSES:
        status = ""
    return Listing(q=q, theme=args.get("theme") or "", value=args.get("value") or "",
                   region=args.get("region") or "", body=args.get("body") or "",
                   status=status, sort=sort, page=page)


def card_load() -> tuple:
    """Load what a card or a ranking row shows, not the proposal's long texts.

    A proposal loads its call, author and merged-into proposal (with theirs) by default:
    a page of twenty carried about 1,500 column values it never showed. The call is the
    one the page already holds (no query); anything else asked for loads on access.
    """
    return (load_only(Proposal.id, Proposal.call_id, Proposal.author_id, Proposal.reference,
                      Proposal.title, Proposal.summary, Proposal.theme, Proposal.region,
                      Proposal.organisation, Proposal.status, Proposal.vote_count,
                      Proposal.credited_author),
            lazyload(Proposal.call), lazyload(Proposal.merged_into),
            joinedload(Proposal.author).load_only(User.id, User.name))


def list_proposals(call: Call, listing: Listing, shuffle_seed: int, per_page: int | None = None,
                   options: tuple | None = None):
    """Return a page of the call's public proposals matching the listing.

    `options` load the page's rows (card_load() unless given; () loads whole proposals).
    """
    per_page = per_page or PER_PAGE
    stmt = select(Proposal).where(Proposal.call_id == call.id)
    stmt = stmt.where(Proposal.status == listing.status if listing.status
                      else Proposal.status.in_(LISTED_STATUSES))
    if listing.theme:
        stmt = stmt.where(Proposal.theme == listing.theme)
    if listing.region:
        stmt = stmt.where(Proposal.region == listing.region)
    if listing.body:
        stmt = stmt.where(Proposal.responsible_body == listing.body)
    if listing.value:
        # JSON lists are stored as text on both databases; values are fixed keys.
        stmt = stmt.where(cast(Proposal.ogp_values, db.String).like(f'%"{listing.value}"%'))
    matched = search.match(listing.q) if listing.q else None
    if listing.q and matched is None:
        stmt = stmt.where(False)
    elif matched is not None:
        stmt = matched.applied_to(stmt)
    # Order and cut the page on ids alone, then load just that page's proposals: sorting
    # whole rows carries every proposal's texts through the sort (40 ms for page 200 of
    # 10,000 on SQLite); the ids come from an index in about one.
    ids = list(db.session.scalars(stmt.order_by(*_order(listing.sort, matched, shuffle_seed))
                                  .with_only_columns(Proposal.id)
                                  .limit(per_page).offset((listing.page - 1) * per_page)))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    items = in_order(ids, *(card_load() if options is None else options))
    return Page(items=items, page=listing.page, per_page=per_page, total=total)


def in_order(ids: list[int], *options) -> list[Proposal]:
    """The proposals with these ids, in this order: a page first cut on ids alone."""
    if not ids:
        return []
    loaded = {p.id: p for p in db.session.scalars(select(Proposal).options(*options)
                                                  .where(Proposal.id.in_(ids))).unique()}
    return [loaded[i] for i in ids if i in loaded]


def _order(sort: str, matched, seed: int):
    if sort == "relevance" and matched is not None:
        return [matched[1], Proposal.id.desc()]
    if sort == "votes":
        # References follow publication order; this order is the ranking index's.
        return [Proposal.vote_count.desc(), Proposal.reference]
    if sort == "random":
        return [shuffle_rank(seed), Proposal.id]
    return [Proposal.published_at.desc(), Proposal.id.desc()]


def shuffle_rank(seed: int):
    """Where each proposal falls in this seed's random order: (key XOR s) * a mod P.

    The keys are independent uniform draws (Proposal.shuffle_key), so any fixed bijection
    of them is a uniformly random order; s and a come from the seed, so every seed maps
    the keys differently, and XOR then multiplication keep two seeds' orders unrelated.
    An affine map of the ids, as before, showed references in arithmetic runs. Computed in
    SQL so paging stays LIMIT/OFFSET; both databases give the same numbers: SQLite has no
    XOR operator, hence (k | s) - (k & s); that fits 31 bits, and the product, in 64-bit
    integers, stays below 2**62, where neither SQLite (which would turn to floating
    point) nor PostgreSQL (which would raise) overflows. The keys s XOR P and s both
    give 0, and then the ids decide.
    """
    mask, multiplier = seed & SHUFFLE_MASK, 1 + (seed >> 31) % (SHUFFLE_PRIME - 1)
    key = Proposal.shuffle_key
    mixed = cast(key.bitwise_or(mask) - key.bitwise_and(mask), BigInteger)
    return mixed * multiplier % SHUFFLE_PRIME


def similar_proposals(call: Call, title: str, summary: str, exclude_id: int | None = None,
                      limit: int = 5) -> list[Proposal]:
    """Published proposals of the call whose title or summary share words with these."""
    matched = search.match(f"{title} {summary}", any_word=True, short_only=True)
    if matched is None:
        return []
    stmt = (matched.applied_to(select(Proposal.id))
            .where(Proposal.call_id == call.id, Proposal.status.in_(LISTED_STATUSES))
            .order_by(matched.relevance, Proposal.id.desc()).limit(limit))
    if exclude_id:
        stmt = stmt.where(Proposal.id != exclude_id)
    # Ids first, as for the list: most of a call can share a word with a title, and
    # sorting whole proposals spilled to disk on PostgreSQL.
    return in_order(list(db.session.scalars(stmt)), load_only(
        Proposal.id, Proposal.call_id, Proposal.reference, Proposal.title),
        lazyload(Proposal.call), lazyload(Proposal.merged_into), lazyload(Proposal.author))


def responsible_bodies(call: Call) -> list[str]:
    """Bodies already named in the call's public proposals: suggestions and a filter."""
    return _distinct_public(call, Proposal.responsible_body)


def regions_in_use(call: Call) -> list[str]:
    return _distinct_public(call, Proposal.region)


def _distinct_public(call: Call, column) -> list[str]:
    """Distinct values of a column over the call's public proposals, kept a short while.

    Each is a scan of every proposal of the call, and the lists change only when a
    proposal is published or edited: each process keeps them FILTER_OPTIONS_CACHE_SECONDS.
    """
    return remembered(
        "minga_filter_options", (call.id, column.key),
        current_app.config["FILTER_OPTIONS_CACHE_SECONDS"],
        lambda: list(db.session.scalars(
            select(column).distinct()
            .where(Proposal.call_id == call.id, Proposal.status.in_(PUBLIC_STATUSES))
            .order_by(column))))


def _by_reference(include_hidden: bool, with_relations: bool):
    statuses = (*PUBLIC_STATUSES, "hidden") if include_hidden else PUBLIC_STATUSES
    stmt = select(Proposal).where(Proposal.call_id == bindparam("call_id"),
                                  Proposal.reference == bindparam("reference"),
                                  Proposal.status.in_(statuses))
    return stmt if with_relations else stmt.options(lazyload("*"))


# Built once: the proposal page and every vote look a proposal up.
_BY_REFERENCE = {(hidden, relations): _by_reference(hidden, relations)
                 for hidden in (False, True) for relations in (False, True)}


def public_proposal_or_404(call: Call, reference: str, include_hidden: bool = False,
                           with_relations: bool = True) -> Proposal:
    """A published proposal by reference; hidden ones only where a tombstone is shown.

    A reference the proposal gave up when it was renumbered answers with a permanent
    redirect to the same address under its reference now. `with_relations=False` skips
    joining its author and merge target, for a vote that reads neither (they still load
    if something asks).
    """
    proposal = db.session.scalar(_BY_REFERENCE[include_hidden, with_relations],
                                 {"call_id": call.id, "reference": reference})
    if proposal is None:
        current = references.renumbered(call, reference)
        if current is not None:
            abort(_moved_to(current))
        abort(404)
    return proposal


def _moved_to(reference: str):
    """This request's address with `reference` in place of the old one, moved for good."""
    location = url_for(request.endpoint, **{**request.view_args, "reference": reference})
    if request.query_string:
        location += "?" + request.query_string.decode("latin-1")
    # 308 keeps the method and body of a form sent to the old address; 301 is for links.
    return redirect(location, 301 if request.method in ("GET", "HEAD") else 308)


def own_proposal_or_404(user, call: Call, proposal_id: int) -> Proposal:
    """A proposal of the call by this user (drafts included); others' drafts do not exist."""
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.call_id != call.id or not user.is_authenticated \
            or proposal.author_id != user.id:
        abort(404)
    return proposal


def proposals_of(user) -> list[Proposal]:
    return list(db.session.scalars(
        select(Proposal).where(Proposal.author_id == user.id)
        .order_by(Proposal.updated_at.desc(), Proposal.id.desc())))


def count_public(call: Call) -> int:
    return db.session.scalar(select(func.count()).select_from(Proposal).where(
        Proposal.call_id == call.id, Proposal.status.in_(LISTED_STATUSES)))
