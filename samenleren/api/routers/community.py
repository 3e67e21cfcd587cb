"""The question board in the API: ask, list and search, and similar questions (for a typing
box or for a question). Writes go through the same services as the pages; a person sees the
same questions as on the board (their own region, visibility respected)."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from samenleren.community.models import QuestionSource, QuestionStatus
from samenleren.community.selectors import (
    access_board_region,
    access_question,
    question_list,
    similar_questions,
)
from samenleren.community.services.questions import question_create
from samenleren.network.selectors import current_affiliations

from ..auth import API_AUTH
from ..pagination import Paged
from ..schemas import ErrorOut
from ..schemas_community import (
    LimitQuery,
    QuestionFilters,
    QuestionIn,
    QuestionOut,
    SimilarOut,
    SimilarQuery,
)

router = Router(tags=["question board"], auth=API_AUTH)


def _similar_out(items) -> list[dict]:
    return [
        {
            "id": item.question.pk,
            "title": item.question.title,
            "text": item.question.text,
            "organisation": item.question.organisation.name
            if item.question.organisation_id
            else None,
            "score": item.score,
            "url": item.question.url,
        }
        for item in items
    ]


@router.post(
    "/questions",
    response={201: QuestionOut, 400: ErrorOut, 404: ErrorOut},
    summary="Ask a question on your region's board",
    description=(
        "Empty or too long text, unknown tags and posting faster than the limit (10 per ten "
        "minutes) are refused with 400 and a readable message."
    ),
)
def question_add(request: HttpRequest, payload: QuestionIn):
    region = access_board_region(user=request.user, slug=payload.region)
    affiliation = (
        current_affiliations(user=request.user)
        .filter(organisation__region=region)
        .select_related("organisation")
        .first()
    )
    question = question_create(
        author=request.user,
        region=region,
        text=payload.text,
        title=payload.title,
        tags=payload.tags,
        visibility=payload.visibility,
        organisation=affiliation.organisation if affiliation else None,
        source=QuestionSource.API,
    )
    return Status(201, question)


@router.get(
    "/questions",
    response=list[QuestionOut],
    summary="The questions of your region's board (search, status; paged)",
)
@paginate(Paged)
def question_index(request: HttpRequest, filters: Query[QuestionFilters]):
    region = access_board_region(user=request.user, slug=filters.region)
    status = filters.status if filters.status in QuestionStatus.values else ""
    return question_list(
        user=request.user, region=region, search=filters.search.strip(), status=status
    )


@router.get(
    "/questions/similar",
    response={200: list[SimilarOut], 404: ErrorOut},
    summary="Questions like a text (for a typing box), best first, with a score",
)
def question_similar_text(request: HttpRequest, query: Query[SimilarQuery]):
    region = access_board_region(user=request.user, slug=query.region)
    return _similar_out(
        similar_questions(user=request.user, region=region, text=query.text, limit=query.limit)
    )


@router.get(
    "/questions/{question_id}/similar",
    response={200: list[SimilarOut], 404: ErrorOut},
    summary="Questions like this one, best first, with a score",
)
def question_similar(request: HttpRequest, question_id: int, query: Query[LimitQuery]):
    question = access_question(user=request.user, pk=question_id)
    return _similar_out(
        similar_questions(
            user=request.user,
            region=question.region,
            text=f"{question.title} {question.text}",
            limit=query.limit,
            exclude_id=question.pk,
        )
    )
