"""The griffie's workspace (clerk:workspace): its own treatments, open ones first; for clerks
only."""

from django.urls import reverse

from tests.decisions.clerk.helpers import council_treatment, treatment_post


def test_the_workspace_lists_own_treatments_open_first(
    clerk_client, dataset, django_assert_num_queries
):
    treatment = council_treatment()
    clerk_client.post(reverse("clerk:treatment", args=[treatment.pk]), treatment_post(treatment))
    # session, user, memberships (with municipalities), the user's and the groups' permissions
    # (may they see unpublished decisions?), treatments, record checks
    with django_assert_num_queries(7):
        response = clerk_client.get(reverse("clerk:workspace"))
    page = response.content.decode()
    assert page.count("Uitkomst vastleggen") == 5
    assert page.count("Bekijken of corrigeren") == 1
    assert "Sliedrecht" not in page
    assert page.index("Nog vast te leggen") < page.index("Principebesluit")


def test_the_workspace_is_for_clerks(client, dataset, council_member):
    assert client.get(reverse("clerk:workspace")).status_code == 302
    client.force_login(council_member)
    assert client.get(reverse("clerk:workspace")).status_code == 403
