from datetime import timedelta

import pytest

from app.audit.services import events_for
from app.core.errors import Conflict
from app.proposals import queries, services
from tests.conftest import PROPOSAL_TEXT

REGIONS = ("Maule", "Biobío")


def data(call, **overrides):
    values = dict(PROPOSAL_TEXT, theme=call.themes[0])
    values.update(overrides)
    return values


@pytest.fixture
def call(create_call):
    return create_call(max_proposals_per_author=2)


@pytest.fixture
def author(create_user):
    return create_user(organisation="Fundación Abierta")


def test_draft_then_publish_gives_a_reference(db, call, author):
    draft = services.create_draft(author, call, data(call), REGIONS)
    assert draft.status == "draft" and draft.reference is None
    services.publish_proposal(author, draft)
    assert draft.reference == f"{call.year}-0001" and draft.status == "published"
    second = services.create_draft(author, call, data(call, title="Otra"), REGIONS)
    services.publish_proposal(author, second)
    assert second.reference == f"{call.year}-0002"
    assert [e.action for e in events_for(draft)] == ["proposal.drafted", "proposal.published"]


def test_references_run_on_across_the_calls_of_a_year(db, create_call, author):
    first_call, second_call = create_call(), create_call()
    published = []
    for call in (first_call, second_call, first_call):
        draft = services.create_draft(author, call, data(call), REGIONS)
        published.append(services.publish_proposal(author, draft).reference)
    year = first_call.year
    assert published == [f"{year}-0001", f"{year}-0002", f"{year}-0003"]


def test_each_year_numbers_from_one(db, create_call, author, clock):
    this_year = create_call()
    services.publish_proposal(author, services.create_draft(author, this_year,
                                                            data(this_year), REGIONS))
    opens = this_year.submission_opens_at
    opens = opens.replace(year=opens.year + 1)
    next_year = create_call(submission_opens_at=opens,
                            submission_closes_at=opens + timedelta(days=15),
                            voting_opens_at=opens + timedelta(days=20),
                            voting_closes_at=opens + timedelta(days=35))
    clock.set(opens + timedelta(days=5))
    draft = services.create_draft(author, next_year, data(next_year), REGIONS)
    assert services.publish_proposal(author, draft).reference == f"{this_year.year + 1}-0001"


@pytest.mark.parametrize("fields, error", [
    ({"sector": "government"}, services.GovernmentCannotSubmit),
    ({"email_verified_at": None}, services.NotVerified),
])
def test_who_may_submit(db, call, create_user, fields, error):
    with pytest.raises(error) as raised:
        services.create_draft(create_user(**fields), call, data(call), REGIONS)
    assert raised.value.status == 403


@pytest.mark.parametrize("days", [-10, 11, 20, 40])
def test_submission_only_while_the_window_is_open(db, call, author, clock, days):
    clock.advance(days=days)
    with pytest.raises(services.SubmissionClosed) as raised:
        services.create_draft(author, call, data(call), REGIONS)
    assert raised.value.status == 409


def test_limit_per_author_counts_drafts_and_published_not_withdrawn(db, call, author):
    first = services.create_draft(author, call, data(call), REGIONS)
    services.create_draft(author, call, data(call), REGIONS)
    with pytest.raises(services.ProposalLimitReached):
        services.create_draft(author, call, data(call), REGIONS)
    services.publish_proposal(author, first)
    services.withdraw_proposal(author, first, "Lo fusioné con otra propuesta")
    services.create_draft(author, call, data(call), REGIONS)  # room again


@pytest.mark.parametrize("field, value", [
    ("theme", "Not a theme of this call"), ("region", "Atlantis"),
    ("ogp_values", ["transparency", "magic"]),
])
def test_choices_are_checked(db, call, author, field, value):
    with pytest.raises(services.InvalidChoice) as raised:
        services.create_draft(author, call, data(call, **{field: value}), REGIONS)
    assert raised.value.field == field


TITLE_ONLY = {"title": "Compras públicas en datos abiertos"}
TEMPLATE = ["summary", "problem", "commitment", "solution", "expected_results", "ogp_values",
            "theme", "responsible_body", "region"]


def test_a_draft_needs_only_a_title(db, call, author):
    draft = services.create_draft(author, call, TITLE_ONLY, REGIONS)
    db.session.commit()
    db.session.expire_all()
    assert draft.status == "draft" and draft.title == TITLE_ONLY["title"]
    assert (draft.summary, draft.problem, draft.theme, draft.region, draft.ogp_values,
            draft.organisation) == ("", "", "", "", [], None)
    # Filled in later, a field at a time.
    services.update_proposal(author, draft, dict(TITLE_ONLY, theme=call.themes[1]), REGIONS,
                             draft.version)
    assert draft.theme == call.themes[1]


@pytest.mark.parametrize("title", ["", "   ", None])
def test_not_even_a_draft_without_a_title(db, call, author, title):
    with pytest.raises(services.TitleRequired) as raised:
        services.create_draft(author, call, data(call, title=title), REGIONS)
    assert raised.value.field == "title"


def test_publishing_needs_the_whole_template_and_says_what_is_missing(db, call, author):
    draft = services.create_draft(author, call, TITLE_ONLY, REGIONS)
    with pytest.raises(services.IncompleteProposal) as raised:
        services.publish_proposal(author, draft)
    assert raised.value.missing == TEMPLATE  # the organisation is optional
    assert set(raised.value.field_errors) == set(TEMPLATE)
    assert draft.status == "draft" and draft.reference is None
    services.update_proposal(author, draft, data(call, problem="  \n "), REGIONS,
                             draft.version)
    with pytest.raises(services.IncompleteProposal) as raised:
        services.publish_proposal(author, draft)
    assert raised.value.missing == ["problem"]  # blank is not filled in


def test_a_published_proposal_keeps_every_field(db, call, author):
    proposal = services.create_draft(author, call, data(call), REGIONS)
    services.publish_proposal(author, proposal)
    with pytest.raises(services.IncompleteProposal) as raised:
        services.update_proposal(author, proposal, data(call, summary="", ogp_values=[]),
                                 REGIONS, proposal.version)
    assert raised.value.missing == ["summary", "ogp_values"]
    assert proposal.summary == PROPOSAL_TEXT["summary"]


def test_values_are_kept_in_canonical_order(db, call, author):
    draft = services.create_draft(
        author, call, data(call, ogp_values=["technology", "transparency"]), REGIONS)
    assert draft.ogp_values == ["transparency", "technology"]


def test_editing_a_published_proposal_is_audited_and_marked(db, call, author, clock):
    proposal = services.create_draft(author, call, data(call), REGIONS)
    services.publish_proposal(author, proposal)
    assert proposal.edited_at is None
    clock.advance(hours=1)
    services.update_proposal(author, proposal, data(call, title="Nuevo título"), REGIONS,
                             proposal.version)
    assert proposal.edited_at == clock.now()
    [event] = [e for e in events_for(proposal) if e.action == "proposal.edited"]
    assert event.before == {"title": PROPOSAL_TEXT["title"]}
    assert event.after == {"title": "Nuevo título"}


def test_editing_a_draft_does_not_mark_it_edited(db, call, author):
    draft = services.create_draft(author, call, data(call), REGIONS)
    services.update_proposal(author, draft, data(call, title="Otro"), REGIONS, draft.version)
    assert draft.edited_at is None and draft.title == "Otro"


def test_edit_from_a_stale_form_is_a_conflict(db, call, author):
    proposal = services.create_draft(author, call, data(call), REGIONS)
    db.session.commit()
    stale = proposal.version
    services.update_proposal(author, proposal, data(call, title="Primero"), REGIONS, stale)
    db.session.commit()
    with pytest.raises(Conflict):
        services.update_proposal(author, proposal, data(call, title="Segundo"), REGIONS, stale)


def test_only_the_author_changes_a_proposal(db, call, author, create_user, admin):
    proposal = services.create_draft(author, call, data(call), REGIONS)
    for other in (create_user(), admin):
        with pytest.raises(services.NotAuthor):
            services.update_proposal(other, proposal, data(call), REGIONS, proposal.version)
        with pytest.raises(services.NotAuthor):
            services.publish_proposal(other, proposal)
    services.publish_proposal(author, proposal)
    with pytest.raises(services.NotAuthor):
        services.withdraw_proposal(create_user(), proposal, "No me gusta")


def test_text_is_frozen_once_submissions_close(db, call, author, clock):
    proposal = services.create_draft(author, call, data(call), REGIONS)
    services.publish_proposal(author, proposal)
    clock.advance(days=16)  # voting is open
    with pytest.raises(services.SubmissionClosed):
        services.update_proposal(author, proposal, data(call, title="x"), REGIONS,
                                 proposal.version)
    with pytest.raises(services.SubmissionClosed):
        services.withdraw_proposal(author, proposal, "Ya no aplica")


def test_drafts_cannot_be_published_after_the_window(db, call, author, clock):
    draft = services.create_draft(author, call, data(call), REGIONS)
    clock.advance(days=11)
    with pytest.raises(services.SubmissionClosed):
        services.publish_proposal(author, draft)


def test_withdrawal_needs_a_reason_and_happens_once(db, call, author):
    proposal = services.create_draft(author, call, data(call), REGIONS)
    with pytest.raises(services.WrongStatus):
        services.withdraw_proposal(author, proposal, "Todavía es borrador")
    services.publish_proposal(author, proposal)
    with pytest.raises(services.ReasonRequired):
        services.withdraw_proposal(author, proposal, "  ")
    services.withdraw_proposal(author, proposal, "Se fusionó con 2026-0002")
    assert proposal.status == "withdrawn" and proposal.withdrawal_reason
    with pytest.raises(services.WrongStatus):
        services.withdraw_proposal(author, proposal, "Otra vez")


def test_published_proposals_cannot_be_deleted(db, call, author):
    proposal = services.create_draft(author, call, data(call), REGIONS)
    services.publish_proposal(author, proposal)
    with pytest.raises(services.WrongStatus):
        services.delete_draft(author, proposal)


def test_search_finds_words_in_any_text_field_and_ignores_accents(
        db, create_call, create_proposal):
    call = create_call()
    water = create_proposal(call, title="Datos abiertos sobre derechos de agua",
                            summary="Publicar el registro de derechos.",
                            problem="La información hidrológica está dispersa.")
    create_proposal(call, title="Lobby municipal", summary="Agenda pública de alcaldes.")
    find = lambda q: [p.id for p in queries.list_proposals(  # noqa: E731
        call, queries.Listing(q=q, sort="relevance"), 1).items]
    assert find("agua") == [water.id]
    assert find("hidrologica") == [water.id]  # accents ignored
    assert find("derecho aguas") == [water.id]  # singular or plural alike
    assert find("derechos hidrolo") == []  # whole words, not the start of one
    assert find("agua lobby") == []  # every word must match
    assert find('" OR 1=1 -- )(*') == []  # operators are just characters


def test_similar_proposals_share_words_with_title_or_summary(db, create_call, create_proposal):
    call = create_call()
    lobby = create_proposal(call, title="Registro de lobby en municipios",
                            summary="Agenda pública de reuniones de alcaldes y concejales.")
    create_proposal(call, title="Presupuestos participativos regionales",
                    summary="Que los gobiernos regionales consulten a la ciudadanía.")
    similar = queries.similar_proposals(call, "Lobby en los municipios de regiones",
                                        "Publicar las reuniones de concejales")
    assert [p.id for p in similar] == [lobby.id]
    assert queries.similar_proposals(call, "y de la", "para los") == []


def test_similar_proposals_skip_other_calls_drafts_and_withdrawn(
        db, create_call, create_proposal):
    call, other_call = create_call(), create_call()
    create_proposal(other_call, title="Registro de lobby municipal")
    create_proposal(call, title="Registro de lobby municipal", status="withdrawn")
    create_proposal(call, title="Registro de lobby municipal", status="draft")
    assert queries.similar_proposals(call, "Registro de lobby municipal", "") == []


def test_random_order_is_stable_per_seed_and_differs_between_seeds(
        db, create_call, create_proposal):
    call = create_call()
    for n in range(12):
        create_proposal(call, title=f"Propuesta {n}")
    order = lambda seed: [p.id for p in queries.list_proposals(  # noqa: E731
        call, queries.Listing(sort="random"), seed, per_page=12).items]
    assert order(12345) == order(12345)
    assert sorted(order(12345)) == sorted(order(999))
    assert len({tuple(order(seed)) for seed in (1, 2**20 + 7, 123456789, 2**30 + 3)}) > 1


def test_filters_combine(db, create_call, create_proposal):
    call = create_call()
    wanted = create_proposal(call, theme=call.themes[1], region="Maule",
                             responsible_body="ChileCompra", ogp_values=["participation"])
    create_proposal(call, theme=call.themes[1], region="Maule", responsible_body="ChileCompra",
                    ogp_values=["transparency"])
    create_proposal(call, theme=call.themes[0], region="Maule", ogp_values=["participation"])
    listing = queries.Listing(theme=call.themes[1], region="Maule", body="ChileCompra",
                              value="participation", sort="recent")
    assert [p.id for p in queries.list_proposals(call, listing, 1).items] == [wanted.id]


def test_votes_sort_is_offered_only_once_counts_are_public(db, create_call, clock):
    hidden = create_call(hide_counts_until_close=True)
    shown = create_call(hide_counts_until_close=False)
    assert "votes" not in queries.allowed_sorts(hidden, clock.now(), "")
    assert "votes" in queries.allowed_sorts(shown, clock.now(), "")
    assert "votes" in queries.allowed_sorts(hidden, clock.now() + timedelta(days=31), "")
    listing = queries.listing_from({"sort": "votes"}, hidden, clock.now())
    assert listing.sort == "recent"


def test_random_is_the_default_while_voting(db, create_call, clock):
    call = create_call()
    assert queries.listing_from({}, call, clock.now()).sort == "recent"
    assert queries.listing_from({}, call, clock.now() + timedelta(days=16)).sort == "random"
