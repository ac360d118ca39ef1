"""The register of Dutch municipalities (gr_portal/data/gemeenten.json, `manage.py
load_municipalities`): the file itself, loading it into the Drechtsteden world and into an empty
database, loading it twice, and what a merged municipality keeps."""

import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from councils.models import Municipality
from gr_portal.dataset import DATASET_PATH
from gr_portal.management.commands.load_municipalities import (
    REGISTER_PATH,
    load_register,
    register_problems,
)

REGISTER = json.loads(REGISTER_PATH.read_text(encoding="utf-8"))
REFERENCE_DATE = datetime.date(2025, 1, 1)
OFFICIAL_COUNT = 342  # CBS, Gemeentelijke indeling op 1 januari 2025
DRECHTSTEDEN = {
    row["cbs_code"]: row
    for row in json.loads(DATASET_PATH.read_text(encoding="utf-8"))["municipalities"]
}


def load(path=REGISTER_PATH) -> str:
    out = io.StringIO()
    call_command("load_municipalities", file=str(path), stdout=out)
    return out.getvalue()


def history_rows() -> int:
    return Municipality.history.count()


def write(tmp_path, rows, official_count):
    about = {**REGISTER["about"], "official_count": official_count}
    path = tmp_path / "gemeenten.json"
    path.write_text(json.dumps({"about": about, "municipalities": rows}), encoding="utf-8")
    return path


# --- the file ------------------------------------------------------------------------------------


def test_the_file_names_its_source_and_reference_date():
    about = REGISTER["about"]
    assert "CBS" in about["source"]
    assert "Gemeentelijke indeling" in about["source"]
    assert about["source_url"] == (
        "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/"
        "gemeentelijke-indelingen-per-jaar"
    )
    assert datetime.date.fromisoformat(about["reference_date"]) == REFERENCE_DATE
    assert about["official_count"] == OFFICIAL_COUNT
    assert about["compiled"]  # where the facts were taken from


def test_the_file_validates():
    rows = REGISTER["municipalities"]
    codes = {row["cbs_code"] for row in rows}
    assert register_problems(REGISTER) == []
    assert all(re.fullmatch(r"GM[0-9]{4}", row["cbs_code"]) for row in rows)
    assert len(codes) == len(rows)
    assert len({row["name"] for row in rows}) == len(rows)
    heirs = [row["successor"] for row in rows if "successor" in row]
    heirs += [code for row in rows for code in row.get("split_into", [])]
    assert heirs
    assert set(heirs) <= codes
    assert all("ended_on" in row for row in rows if "successor" in row or "split_into" in row)


def test_the_file_counts_the_official_number_on_its_reference_date():
    current = [
        row
        for row in REGISTER["municipalities"]
        if "ended_on" not in row or datetime.date.fromisoformat(row["ended_on"]) > REFERENCE_DATE
    ]
    assert len(current) == OFFICIAL_COUNT


def test_the_drechtsteden_are_in_it_under_the_codes_the_portal_uses():
    by_code = {row["cbs_code"]: row for row in REGISTER["municipalities"]}
    assert len(DRECHTSTEDEN) == 7
    for code, row in DRECHTSTEDEN.items():
        assert by_code[code]["name"] == row["name"]
        assert "ended_on" not in by_code[code]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda rows: rows[0].update(cbs_code="GM12"), "GM en vier cijfers"),
        (lambda rows: rows[1].update(name=rows[0]["name"]), "staat twee keer"),
        (lambda rows: rows[0].update(ended_on="2020-01-01", successor="GM9999"), "GM9999"),
        (lambda rows: rows[0].update(successor=rows[1]["cbs_code"]), "zonder datum"),
        (lambda rows: rows.pop(), "het bestand telt er"),
    ],
)
def test_a_broken_file_is_refused_with_the_reason(change, problem):
    rows = [dict(row) for row in REGISTER["municipalities"] if "ended_on" not in row]
    data = {"about": REGISTER["about"], "municipalities": rows}
    change(rows)
    assert any(problem in message for message in register_problems(data))


def test_a_file_without_source_or_date_is_refused():
    about = {k: v for k, v in REGISTER["about"].items() if k not in {"source", "reference_date"}}
    problems = register_problems({"about": about, "municipalities": []})
    assert "'about' mist 'source'" in problems
    assert "'about' mist 'reference_date'" in problems


# --- loading --------------------------------------------------------------------------------------


def test_loading_adds_every_municipality(dataset):
    output = load()
    assert Municipality.objects.count() == len(REGISTER["municipalities"])
    assert Municipality.objects.current(on=REFERENCE_DATE).count() == OFFICIAL_COUNT
    new = len(REGISTER["municipalities"]) - len(DRECHTSTEDEN)
    assert f"{new} aangemaakt, 0 bijgewerkt, 7 ongewijzigd" in output


def test_loading_into_an_empty_database_gives_each_one_history_row_with_the_source(empty_db):
    load()
    assert Municipality.objects.count() == len(REGISTER["municipalities"])
    assert history_rows() == len(REGISTER["municipalities"])
    reasons = set(Municipality.history.values_list("history_change_reason", flat=True))
    assert reasons == {
        "Gemeenteregister geladen (CBS, Gemeentelijke indeling op 1 januari 2025 (overgenomen "
        "uit openbare lijsten, zie compiled))"
    }


def test_loading_twice_changes_nothing(dataset):
    load()
    before = list(Municipality.objects.order_by("pk").values())
    history = history_rows()
    output = load()
    assert list(Municipality.objects.order_by("pk").values()) == before
    assert history_rows() == history
    count = len(REGISTER["municipalities"])
    assert f"0 aangemaakt, 0 bijgewerkt, {count} ongewijzigd" in output


def test_a_merged_municipality_keeps_its_code_with_its_end_and_successor(dataset):
    load()
    weesp = Municipality.objects.get(cbs_code="GM0457")
    assert weesp.name == "Weesp"
    assert weesp.ended_on == datetime.date(2022, 3, 24)
    assert weesp.successor == Municipality.objects.get(cbs_code="GM0363", name="Amsterdam")
    voorne = Municipality.objects.get(cbs_code="GM1992")
    assert {m.name for m in voorne.predecessors.all()} == {
        "Brielle",
        "Hellevoetsluis",
        "Westvoorne",
    }


def test_a_municipality_split_over_several_has_an_end_and_no_single_successor(dataset):
    load()
    haaren = Municipality.objects.get(cbs_code="GM0788")
    assert haaren.ended_on == datetime.date(2021, 1, 1)
    assert haaren.successor is None


def test_the_drechtsteden_keep_what_their_dataset_recorded(dataset):
    fields = ["name", "slug", "population", "population_date", "population_reliability"]
    fields += ["population_source", "area_type", "ended_on", "successor"]
    drechtsteden = Municipality.objects.filter(cbs_code__in=DRECHTSTEDEN).order_by("cbs_code")
    before = list(drechtsteden.values(*fields))
    history = Municipality.history.filter(cbs_code__in=DRECHTSTEDEN).count()
    load()
    assert list(drechtsteden.values(*fields)) == before
    assert before[1]["population"] == DRECHTSTEDEN["GM0505"]["population"]  # Dordrecht
    assert Municipality.history.filter(cbs_code__in=DRECHTSTEDEN).count() == history


def test_new_municipalities_have_no_population_and_their_page_says_so(client, dataset):
    load()
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    assert amsterdam.population is None
    assert amsterdam.area_type == ""
    response = client.get(reverse("municipality_detail", args=[amsterdam.slug]))
    assert response.status_code == 200
    assert "onbekend" in response.content.decode()


def test_slugs_are_made_from_the_name_and_stay_unique(dataset):
    load()
    assert Municipality.objects.get(cbs_code="GM0518").slug == "s-gravenhage"
    assert Municipality.objects.get(cbs_code="GM1900").slug == "sudwest-fryslan"
    assert Municipality.objects.get(cbs_code="GM0373").slug == "bergen-nh"
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)


def test_current_leaves_out_the_municipalities_ended_by_that_day(dataset):
    load()
    before_weesp_merged = Municipality.objects.current(on=datetime.date(2022, 3, 23))
    assert before_weesp_merged.filter(name="Weesp").exists()
    assert not before_weesp_merged.filter(name="Beemster").exists()  # ended 1 January 2022
    assert not Municipality.objects.current(on=datetime.date(2022, 3, 24)).filter(name="Weesp")
    assert not Municipality.objects.current().filter(ended_on__isnull=False).exists()


def test_a_failure_halfway_rolls_the_whole_register_back(tmp_path, dataset):
    # GM9999 takes Dordrecht's name: the database refuses it after GM9998 was already saved.
    rows = [
        {"cbs_code": "GM9998", "name": "Nieuwdorp"},
        {
            "cbs_code": "GM9999",
            "name": "Dordrecht",
            "ended_on": "2020-01-01",
            "successor": "GM9998",
        },
    ]
    history = history_rows()
    with pytest.raises(CommandError, match="niets gewijzigd"):
        load(write(tmp_path, rows, official_count=1))
    assert not Municipality.objects.filter(cbs_code__in=["GM9998", "GM9999"]).exists()
    assert history_rows() == history


def test_a_changed_register_updates_only_name_end_and_successor(tmp_path, dataset):
    rows = [
        {
            "cbs_code": "GM0505",
            "name": "Dordrecht",
            "ended_on": "2030-01-01",
            "successor": "GM0590",
        },
        {"cbs_code": "GM0590", "name": "Papendrecht"},
    ]
    report = load_register(write(tmp_path, rows, official_count=2))
    assert report.updated == ["Dordrecht"]
    dordrecht = Municipality.objects.get(cbs_code="GM0505")
    assert dordrecht.ended_on == datetime.date(2030, 1, 1)
    assert dordrecht.successor.name == "Papendrecht"
    assert dordrecht.population == DRECHTSTEDEN["GM0505"]["population"]
    assert dordrecht.slug == "dordrecht"


def test_a_merged_municipality_page_says_when_it_ended_and_who_succeeded_it(client, dataset):
    load()
    page = client.get(reverse("municipality_detail", args=["weesp"])).content.decode()
    assert "24 maart 2022" in page
    assert reverse("municipality_detail", args=["amsterdam"]) in page
    assert "opgevolgd door" in page


def test_demo_griffies_and_the_filter_cover_only_municipalities_in_a_regeling(
    settings, client, dataset
):
    load()
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=io.StringIO())
    griffies = get_user_model().objects.filter(username__startswith="griffie-")
    assert griffies.count() == 7
    options = client.get(reverse("home")).context["form"].fields["gemeente"].queryset
    assert options.count() == 7
