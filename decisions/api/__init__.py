"""What is decided, in the open-data API: in ODS's vocabulary the meetings of councils and
algemene besturen (vergaderingen), their agendapunten, besluiten, stemmingen, stemmen, results
per fractie and the moties and amendementen (informatieobjecten); and as marked extensions what
ODS cannot carry: the regional process (trajecten), its decisions across councils
(regionale-besluiten), their text versions and every body's step (behandelingen).

Only what is published, for everyone: every resource starts from
Decision.objects.published() (a decision in a published process). See gr_portal.core.api.
"""
