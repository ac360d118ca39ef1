"""The search page, mounted at /zoeken/: one form, and the records the visitor may see."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from decisions.search import query as search


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek in besluiten, teksten, zienswijzen, amendementen en moties"),
        max_length=search.MAX_QUERY_LENGTH,
        required=False,
        widget=forms.SearchInput,
    )


@require_GET
def search_page(request):
    """The form, and for a query the matching records the user may see, most relevant first.

    Queries (anonymous): one per record type — decisions, text versions, zienswijzen,
    amendments, motions — five, however many match; none without a query.
    """
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = search.find(form.cleaned_data["q"], user=request.user)
    return render(
        request,
        "decisions/search/search.html",
        {"form": form, "results": results, "limit": search.RESULT_LIMIT},
    )
