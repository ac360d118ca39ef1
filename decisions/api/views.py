"""The decisions' resources, each restricted to what is published (Decision.objects.published()
and what hangs from it) and read in a fixed number of queries per page, pinned in
tests/decisions/api/test_queries.py."""

from __future__ import annotations

import builtins
import heapq
from collections.abc import Iterator
from typing import cast

import django_filters
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.http import Http404
from rest_framework.exceptions import ValidationError

from councils.api.views import cbs_code, municipality_code
from councils.models import Meeting
from decisions.api import serializers
from decisions.models import (
    Amendment,
    Decision,
    DecisionVersion,
    FractieVote,
    MemberVote,
    Motion,
    Process,
    RecordCheck,
    Treatment,
    Vote,
)
from decisions.selectors import load_statuses
from gr_portal.core.api.serializers import absolute
from gr_portal.core.api.sync import ResourceFilterSet, changed_ids, deleted_rows
from gr_portal.core.api.viewsets import Change, ResourceViewSet, in_chunks

#: The meetings ODS can describe (serializers.MEETING_TYPES): those of councils and algemene
#: besturen that decide.
ODS_MEETINGS = Q()
for _body_kind, _meeting_kind in serializers.MEETING_TYPES:
    ODS_MEETINGS |= Q(body__kind=_body_kind, kind=_meeting_kind)


def published_decisions() -> QuerySet:
    return Decision.objects.published()


def agenda_items() -> QuerySet:
    """ODS's agendapunten: the treatments of published decisions in an ODS meeting."""
    return Treatment.objects.published().filter(meeting__in=Meeting.objects.filter(ODS_MEETINGS))


def public_votes() -> QuerySet:
    items = agenda_items()
    return Vote.objects.filter(
        Q(treatment__in=items) | Q(amendment__treatment__in=items) | Q(motion__treatment__in=items)
    )


def _decision_changed(since, path: str) -> Q:
    """Changed through the decision at `path` (or its process): a publication, a new title."""
    return Q(**{f"{path}__in": changed_ids(Decision, since)}) | Q(
        **{f"{path}__process__in": changed_ids(Process, since)}
    )


def _historical_treatments_of_public_decisions() -> QuerySet:
    """Every treatment ever recorded for a published decision, deleted ones too (their ids in
    the history table), for the tombstones of what hangs from them."""
    return Treatment.history.model.objects.filter(decision__in=published_decisions()).values("id")


# --- vergaderingen ----------------------------------------------------------------------------


class MeetingFilter(ResourceFilterSet):
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("body__municipality__cbs_code"),
        help_text="Alleen vergaderingen van deze gemeente (CBS-code: GM0505 of 0505).",
    )
    regeling = django_filters.NumberFilter(
        field_name="body__regeling", help_text="Alleen vergaderingen van het AB van deze regeling."
    )
    vergaderingstype = django_filters.ChoiceFilter(
        method="of_type",
        choices=[(value, value) for value in sorted(set(serializers.MEETING_TYPES.values()))],
        help_text="De soort vergadering (ODS).",
    )
    vergaderdatum = django_filters.DateFilter(method="on_day", help_text="Op deze datum.")
    vergaderdatumVanaf = django_filters.DateFilter(
        method="from_day", help_text="Op of na deze datum."
    )
    vergaderdatumTot = django_filters.DateFilter(method="until_day", help_text="Voor deze datum.")

    class Meta:
        model = Meeting
        fields: list[str] = []

    def of_type(self, queryset, name, value):
        match = Q()
        for (body_kind, meeting_kind), ods in serializers.MEETING_TYPES.items():
            if ods == value:
                match |= Q(body__kind=body_kind, kind=meeting_kind)
        return queryset.filter(match)

    def on_day(self, queryset, name, value):
        return queryset.filter(starts_at__date=value)

    def from_day(self, queryset, name, value):
        return queryset.filter(starts_at__date__gte=value)

    def until_day(self, queryset, name, value):
        return queryset.filter(starts_at__date__lt=value)


class MeetingViewSet(ResourceViewSet):
    """ODS: de vergaderingen van de raden en van de algemene besturen, met hun agendapunten
    (de behandelingen van gepubliceerde besluiten)."""

    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return (
            Meeting.objects.filter(ODS_MEETINGS)
            .select_related("body__municipality", "body__regeling")
            .prefetch_related(
                Prefetch(
                    "treatments",
                    queryset=Treatment.objects.published().order_by("pk").only("pk", "meeting"),
                    to_attr="public_treatments",
                )
            )
            .order_by(*self.ordering)
        )

    public_deletions = True


# --- agendapunten and besluiten ----------------------------------------------------------------


class TreatmentFilter(ResourceFilterSet):
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("body__municipality__cbs_code"),
        help_text="Alleen van deze gemeente (CBS-code).",
    )
    regeling = django_filters.NumberFilter(
        field_name="decision__regeling", help_text="Alleen besluiten over deze regeling (id)."
    )
    traject = django_filters.NumberFilter(
        field_name="decision__process", help_text="Alleen besluiten in dit traject (id)."
    )
    regionaalBesluit = django_filters.NumberFilter(
        field_name="decision", help_text="Alleen dit regionale besluit (id)."
    )
    orgaan = django_filters.ChoiceFilter(
        field_name="body__kind",
        choices=[
            (kind, kind) for kind in ("council", "executive", "general_board", "executive_board")
        ],
        help_text="Alleen van deze soort orgaan.",
    )
    vergadering = django_filters.NumberFilter(
        field_name="meeting", help_text="In deze vergadering."
    )
    vergaderdatumVanaf = django_filters.DateFilter(
        method="from_day", help_text="Vergaderd op of na deze datum."
    )
    vergaderdatumTot = django_filters.DateFilter(
        method="until_day", help_text="Vergaderd voor deze datum."
    )

    class Meta:
        model = Treatment
        fields: list[str] = []

    def from_day(self, queryset, name, value):
        return queryset.filter(meeting__starts_at__date__gte=value)

    def until_day(self, queryset, name, value):
        return queryset.filter(meeting__starts_at__date__lt=value)

    def changed_since(self, queryset, since):
        return queryset.filter(
            Q(pk__in=changed_ids(Treatment, since)) | _decision_changed(since, "decision")
        )


def _with_subjects(treatments: QuerySet) -> QuerySet:
    subjects = ("vote",)
    return treatments.select_related(
        "decision", "body__municipality", "body__regeling", "meeting", "vote"
    ).prefetch_related(
        Prefetch("amendments", queryset=Amendment.objects.select_related(*subjects).order_by("pk")),
        Prefetch("motions", queryset=Motion.objects.select_related(*subjects).order_by("pk")),
    )


class _TreatmentTombstones:
    def deleted_scope(self, rows):
        return rows.filter(decision__in=published_decisions())


class AgendaItemViewSet(_TreatmentTombstones, ResourceViewSet):
    """ODS: de agendapunten: elk gepubliceerd besluit op de agenda van een raad of algemeen
    bestuur, met de stemmingen en de amendementen en moties erbij."""

    serializer_class = serializers.AgendaItemSerializer
    filterset_class = TreatmentFilter

    def get_queryset(self):
        return _with_subjects(agenda_items()).order_by(*self.ordering)


class DecisionOutcomeViewSet(_TreatmentTombstones, ResourceViewSet):
    """ODS: de besluiten: wat een raad of algemeen bestuur op een agendapunt besloot."""

    serializer_class = serializers.DecisionOutcomeSerializer
    filterset_class = TreatmentFilter

    def get_queryset(self):
        return (
            agenda_items()
            .exclude(outcome="")
            .select_related("decision", "meeting", "version", "vote")
            .defer("version__text", "version__note")
            .order_by(*self.ordering)
        )


# --- stemmingen, stemmen, results per fractie -------------------------------------------------


class VoteFilter(ResourceFilterSet):
    gemeentecode = django_filters.CharFilter(method="in_municipality", help_text="CBS-code.")
    regionaalBesluit = django_filters.NumberFilter(method="of_decision", help_text="Id.")
    agendapunt = django_filters.NumberFilter(method="of_treatment", help_text="Id.")

    class Meta:
        model = Vote
        fields: list[str] = []

    @staticmethod
    def _subject(queryset, suffix: str, value):
        return queryset.filter(
            Q(**{f"treatment__{suffix}": value})
            | Q(**{f"amendment__treatment__{suffix}": value})
            | Q(**{f"motion__treatment__{suffix}": value})
        )

    def in_municipality(self, queryset, name, value):
        return self._subject(queryset, "body__municipality__cbs_code", cbs_code(value))

    def of_decision(self, queryset, name, value):
        return self._subject(queryset, "decision", value)

    def of_treatment(self, queryset, name, value):
        return queryset.filter(
            Q(treatment=value) | Q(amendment__treatment=value) | Q(motion__treatment=value)
        )

    def changed_since(self, queryset, since):
        changed = (
            Q(pk__in=changed_ids(Vote, since))
            | Q(
                pk__in=FractieVote.history.model.objects.filter(history_date__gte=since).values(
                    "vote_id"
                )
            )
            | Q(
                pk__in=MemberVote.history.model.objects.filter(history_date__gte=since).values(
                    "vote_id"
                )
            )
        )
        return queryset.filter(changed)


def _public_vote_ids() -> QuerySet:
    """Every vote ever recorded on an agendapunt of a published decision (history ids)."""
    treatments = _historical_treatments_of_public_decisions()
    history = Vote.history.model.objects
    return history.filter(
        Q(treatment_id__in=treatments)
        | Q(
            amendment_id__in=Amendment.history.model.objects.filter(
                treatment_id__in=treatments
            ).values("id")
        )
        | Q(
            motion_id__in=Motion.history.model.objects.filter(treatment_id__in=treatments).values(
                "id"
            )
        )
    ).values("id")


class VoteViewSet(ResourceViewSet):
    """ODS: de stemmingen, over een voorstel, een amendement of een motie; met de aantallen en
    de uitslag per fractie als uitbreiding."""

    serializer_class = serializers.VoteSerializer
    filterset_class = VoteFilter

    def get_queryset(self):
        return (
            public_votes()
            .select_related("treatment", "amendment__treatment", "motion__treatment")
            .only(
                "pk",
                "method",
                "members_present",
                "votes_for",
                "votes_against",
                "treatment__id",
                "treatment__outcome",
                "amendment__id",
                "amendment__treatment__id",
                "motion__id",
                "motion__treatment__id",
            )
            .prefetch_related(
                Prefetch(
                    "member_votes", queryset=MemberVote.objects.only("pk", "vote").order_by("pk")
                ),
                Prefetch(
                    "fractie_votes", queryset=FractieVote.objects.only("pk", "vote").order_by("pk")
                ),
            )
            .order_by(*self.ordering)
        )

    def deleted_scope(self, rows):
        return rows.filter(id__in=_public_vote_ids())


class PartOfVoteFilter(ResourceFilterSet):
    stemming = django_filters.NumberFilter(field_name="vote", help_text="Van deze stemming (id).")
    fractie = django_filters.NumberFilter(field_name="fractie", help_text="Van deze fractie (id).")

    def changed_since(self, queryset, since):
        return queryset.filter(
            Q(pk__in=changed_ids(queryset.model, since)) | Q(vote__in=changed_ids(Vote, since))
        )


class MemberVoteFilter(PartOfVoteFilter):
    natuurlijkPersoon = django_filters.NumberFilter(
        field_name="member", help_text="Van dit raadslid (id)."
    )

    class Meta:
        model = MemberVote
        fields: list[str] = []


class MemberVoteViewSet(ResourceViewSet):
    """ODS: de stemmen per raadslid, bij een hoofdelijke stemming."""

    serializer_class = serializers.MemberVoteSerializer
    filterset_class = MemberVoteFilter

    def get_queryset(self):
        return MemberVote.objects.filter(vote__in=public_votes()).order_by(*self.ordering)

    def deleted_scope(self, rows):
        return rows.filter(vote_id__in=_public_vote_ids())


class FractieVoteFilter(PartOfVoteFilter):
    class Meta:
        model = FractieVote
        fields: list[str] = []


class FractieVoteViewSet(ResourceViewSet):
    """ODS: de uitslag per fractie, met de aantallen (voor, tegen, niet deelgenomen, afwezig,
    zetels) als uitbreiding."""

    serializer_class = serializers.FractieVoteSerializer
    filterset_class = FractieVoteFilter

    def get_queryset(self):
        return FractieVote.objects.filter(vote__in=public_votes()).order_by(*self.ordering)

    def deleted_scope(self, rows):
        return rows.filter(vote_id__in=_public_vote_ids())


# --- informatieobjecten: amendementen and moties, one list ----------------------------------


def _first_recorded(model) -> Subquery:
    """When an object was first recorded (its first historical row): the order of a list that
    spans two tables, in which a new amendment or motion comes last, whichever it is."""
    rows = model.history.model.objects.filter(id=OuterRef("pk")).order_by("history_date")
    return Subquery(rows.values("history_date")[:1])


class _DocumentFilter(ResourceFilterSet):
    informatieobjecttype = django_filters.ChoiceFilter(
        method="of_kind",
        choices=[("amendement", "amendement"), ("motie", "motie")],
        help_text="Alleen amendementen of alleen moties.",
    )
    gemeentecode = django_filters.CharFilter(
        method=municipality_code("treatment__body__municipality__cbs_code"),
        help_text="In deze gemeente (CBS-code).",
    )
    regionaalBesluit = django_filters.NumberFilter(
        field_name="treatment__decision", help_text="Bij dit regionale besluit (id)."
    )
    agendapunt = django_filters.NumberFilter(
        field_name="treatment", help_text="Bij dit agendapunt (id)."
    )

    #: The value of informatieobjecttype this table holds.
    kind = ""

    def of_kind(self, queryset, name, value):
        return queryset if value == self.kind else queryset.none()

    def changed_since(self, queryset, since):
        return queryset.filter(
            Q(pk__in=changed_ids(queryset.model, since))
            | Q(
                pk__in=Vote.history.model.objects.filter(history_date__gte=since).values(
                    self.kind_vote
                )
            )
        )

    @property
    def kind_vote(self) -> str:
        return "amendment_id" if self.kind == "amendement" else "motion_id"


class AmendmentFilter(_DocumentFilter):
    kind = "amendement"

    class Meta:
        model = Amendment
        fields: list[str] = []


class MotionFilter(_DocumentFilter):
    kind = "motie"

    class Meta:
        model = Motion
        fields: list[str] = []


#: Per informatieobjecttype: the model and its filters.
DOCUMENTS: dict[str, tuple[type[Amendment] | type[Motion], type[_DocumentFilter]]] = {
    "amendement": (Amendment, AmendmentFilter),
    "motie": (Motion, MotionFilter),
}


def api_key(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


class DocumentViewSet(ResourceViewSet):
    """ODS: de informatieobjecten van het soort amendement en motie, bij de agendapunten.
    Hun id is het soort en een nummer (amendement-12, motie-3); de lijst staat in de volgorde
    waarin ze zijn vastgelegd."""

    serializer_class = serializers.DocumentSerializer
    filterset_class = AmendmentFilter  # the parameters, for the schema; list applies both
    lookup_value_regex = r"(amendement|motie)-[0-9]+"

    def get_queryset(self):
        return Amendment.objects.none()

    def _loaded(self, model) -> QuerySet:
        return (
            model.objects.filter(treatment__in=agenda_items())
            .select_related("treatment__meeting", "treatment__body__municipality", "vote")
            .prefetch_related("sponsors")
        )

    def _rows(self) -> QuerySet:
        """(first recorded, kind, pk) of every document that passes the filters, in order."""
        parts = []
        for kind, (model, filterset_class) in DOCUMENTS.items():
            filterset = filterset_class(
                self.request.query_params,
                queryset=model.objects.filter(treatment__in=agenda_items()),
                request=self.request,
            )
            if not filterset.is_valid():
                raise ValidationError(filterset.errors)
            parts.append(
                filterset.qs.order_by()
                .annotate(kind=Value(kind), first=_first_recorded(model))
                .values_list("first", "kind", "pk")
            )
        return parts[0].union(parts[1], all=True).order_by("first", "kind", "pk")

    def list(self, request, *args, **kwargs):
        rows = self.paginate_queryset(self._rows()) or []
        wanted: dict[str, list[int]] = {kind: [] for kind in DOCUMENTS}
        for _first, kind, pk in rows:
            wanted[kind].append(pk)
        loaded = {}
        for kind, pks in wanted.items():
            for document in self._loaded(DOCUMENTS[kind][0]).filter(pk__in=pks):
                loaded[(kind, document.pk)] = document
        documents = [loaded[(kind, pk)] for _first, kind, pk in rows]
        return self.page_response(self.get_serializer(documents, many=True).data)

    def get_object(self):
        kind, _, number = self.kwargs["pk"].partition("-")
        document = self._loaded(DOCUMENTS[kind][0]).filter(pk=int(number)).first()
        if document is None:
            raise Http404
        return document

    def iter_objects(self):
        for model, _filters in DOCUMENTS.values():
            yield from in_chunks(self._loaded(model).order_by("pk"), self.CHUNK)

    def changes(self, since):
        treatments = _historical_treatments_of_public_decisions()
        streams = []
        for kind, (model, _filters) in DOCUMENTS.items():
            history = model.history.model.objects
            shown = (
                history.filter(history_date__gte=since, id__in=self._loaded(model).values("pk"))
                .exclude(history_type="-")
                .order_by("history_date", "history_id")
            )
            deleted = deleted_rows(model, since).filter(treatment_id__in=treatments)
            streams += [self._changes_of(kind, rows) for rows in (shown, deleted)]
        return heapq.merge(*streams, key=lambda change: change.at)

    def _changes_of(self, kind: str, rows) -> Iterator[Change]:
        for row in rows.iterator():
            yield Change.of(self.basename, api_key(kind, row.id), row)

    def tombstones(self, since) -> builtins.list[dict]:
        treatments = _historical_treatments_of_public_decisions()
        stones = []
        for kind, (model, _filters) in DOCUMENTS.items():
            for row in deleted_rows(model, since).filter(treatment_id__in=treatments):
                key = api_key(kind, row.id)
                stones.append(
                    {
                        "id": key,
                        "url": absolute(self.request, "api:informatieobject-detail", key),
                        "verwijderdOp": row.history_date.isoformat(),
                    }
                )
        return stones


# --- extensions: trajecten, regionale besluiten, tekstversies, behandelingen -------------------


class ProcessFilter(ResourceFilterSet):
    regeling = django_filters.NumberFilter(
        field_name="regelingen", help_text="Over deze regeling (id)."
    )

    class Meta:
        model = Process
        fields: list[str] = []


class ProcessViewSet(ResourceViewSet):
    """Uitbreiding op ODS: de gepubliceerde regionale trajecten."""

    serializer_class = serializers.ProcessSerializer
    filterset_class = ProcessFilter

    def get_queryset(self):
        return (
            Process.objects.published()
            .prefetch_related(
                "regelingen",
                Prefetch(
                    "decisions",
                    queryset=published_decisions().order_by("sequence", "pk").only("pk", "process"),
                    to_attr="public_decisions",
                ),
            )
            .order_by(*self.ordering)
        )

    def deleted_scope(self, rows):
        return rows.filter(published=True)


class DecisionFilter(ResourceFilterSet):
    traject = django_filters.NumberFilter(field_name="process", help_text="In dit traject (id).")
    regeling = django_filters.NumberFilter(
        field_name="regeling", help_text="Over deze regeling (id)."
    )
    soort = django_filters.ChoiceFilter(
        field_name="kind",
        choices=[(kind, kind) for kind in serializers.DECISION_KINDS],
        help_text="De soort besluit.",
    )

    class Meta:
        model = Decision
        fields: list[str] = []

    def changed_since(self, queryset, since):
        return queryset.filter(
            Q(pk__in=changed_ids(Decision, since)) | Q(process__in=changed_ids(Process, since))
        )


class RegionalDecisionViewSet(ResourceViewSet):
    """Uitbreiding op ODS: de gepubliceerde regionale besluiten, over alle raden heen."""

    serializer_class = serializers.RegionalDecisionSerializer
    filterset_class = DecisionFilter

    def get_queryset(self):
        return (
            published_decisions()
            .select_related("process", "regeling")
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=DecisionVersion.objects.order_by("number").only("pk", "decision"),
                ),
                Prefetch(
                    "treatments", queryset=Treatment.objects.order_by("pk").only("pk", "decision")
                ),
            )
            .order_by(*self.ordering)
        )

    def deleted_scope(self, rows):
        return rows.filter(published=True, process__in=Process.objects.published())


class VersionFilter(ResourceFilterSet):
    regionaalBesluit = django_filters.NumberFilter(
        field_name="decision", help_text="Van dit besluit (id)."
    )

    class Meta:
        model = DecisionVersion
        fields: list[str] = []

    def changed_since(self, queryset, since):
        return queryset.filter(
            Q(pk__in=changed_ids(DecisionVersion, since)) | _decision_changed(since, "decision")
        )


class VersionViewSet(ResourceViewSet):
    """Uitbreiding op ODS: de tekstversies van de gepubliceerde besluiten."""

    serializer_class = serializers.VersionSerializer
    filterset_class = VersionFilter

    def get_queryset(self):
        return DecisionVersion.objects.filter(decision__in=published_decisions()).order_by(
            *self.ordering
        )

    def deleted_scope(self, rows):
        return rows.filter(decision__in=published_decisions())


class TreatmentViewSet(_TreatmentTombstones, ResourceViewSet):
    """Uitbreiding op ODS: de stap van elk orgaan (raad, college, algemeen en dagelijks
    bestuur) in elk gepubliceerd besluit, ook de geplande."""

    serializer_class = serializers.TreatmentSerializer
    filterset_class = TreatmentFilter

    def get_queryset(self):
        return (
            Treatment.objects.published()
            .select_related("body__municipality", "body__regeling", "meeting", "vote")
            .order_by(*self.ordering)
        )


def _changed_decision_ids(model, since) -> QuerySet:
    """The decisions with a row of `model` (treatments, checks) changed since `since`."""
    return model.history.model.objects.filter(history_date__gte=since).values("decision_id")


class StatusFilter(ResourceFilterSet):
    traject = django_filters.NumberFilter(field_name="process", help_text="In dit traject (id).")
    regionaalBesluit = django_filters.NumberFilter(field_name="pk", help_text="Dit besluit (id).")
    regeling = django_filters.NumberFilter(field_name="regeling", help_text="Over deze regeling.")
    gemeentecode = django_filters.CharFilter(
        method="keep", help_text="Alleen de rijen van deze gemeente (CBS-code)."
    )

    class Meta:
        model = Decision
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset  # rows are picked after the statuses are made (StatusViewSet.cells)

    def changed_since(self, queryset, since):
        return queryset.filter(
            Q(pk__in=changed_ids(Decision, since))
            | Q(process__in=changed_ids(Process, since))
            | Q(pk__in=_changed_decision_ids(Treatment, since))
            | Q(pk__in=_changed_decision_ids(RecordCheck, since))
        )


class StatusViewSet(ResourceViewSet):
    """Uitbreiding op ODS: de stand per regionaal besluit en deelnemer, zoals de matrix hem
    toont; het id is dat van het besluit en de gemeente (12-3)."""

    serializer_class = serializers.StatusSerializer
    filterset_class = StatusFilter
    lookup_value_regex = r"[0-9]+-[0-9]+"

    def get_queryset(self):
        return published_decisions().order_by("process_id", "sequence", "pk")

    def cells(self, decisions) -> builtins.list[serializers.StatusCell]:
        """The rows of the matrix for `decisions`: four queries (selectors.load_statuses)."""
        given = self.request.query_params.get("gemeentecode", "")
        code = cbs_code(given) if given else ""
        return [
            serializers.StatusCell(status, row)
            for status in load_statuses(decisions)
            for row in status.rows
            if not code or row.municipality.cbs_code == code
        ]

    def list(self, request, *args, **kwargs):
        cells = self.cells(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(cast(QuerySet, cells)) or []  # a list pages alike
        return self.page_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        decision_id, _, municipality_id = self.kwargs["pk"].partition("-")
        for cell in self.cells(self.get_queryset().filter(pk=int(decision_id))):
            if cell.row.municipality.pk == int(municipality_id):
                return cell
        raise Http404

    def iter_objects(self):
        yield from self.cells(self.get_queryset())

    def changes(self, since):
        return iter(())  # derived: its changes are those of behandelingen and controles

    def tombstones(self, since) -> builtins.list[dict]:
        return []


ROUTES = [
    ("vergaderingen", MeetingViewSet, "vergadering"),
    ("agendapunten", AgendaItemViewSet, "agendapunt"),
    ("besluiten", DecisionOutcomeViewSet, "besluit"),
    ("stemmingen", VoteViewSet, "stemming"),
    ("stemmen", MemberVoteViewSet, "stem"),
    ("stemresultatenperfractie", FractieVoteViewSet, "stemresultaatperfractie"),
    ("informatieobjecten", DocumentViewSet, "informatieobject"),
    ("trajecten", ProcessViewSet, "traject"),
    ("regionale-besluiten", RegionalDecisionViewSet, "regionaalbesluit"),
    ("tekstversies", VersionViewSet, "tekstversie"),
    ("behandelingen", TreatmentViewSet, "behandeling"),
    ("stand", StatusViewSet, "stand"),
]
