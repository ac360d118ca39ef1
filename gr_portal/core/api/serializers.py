"""The pieces every resource is made of: a reference as ``{"id", "url"}`` (ODS's
VerwijzingNaarResource), ODS value lists mapped from the portal's stored values, dates as the
date-times ODS asks for, and no ``null``: an absent value is left out of the object.

Descriptions are Dutch, as ODS's are; they document the API (the OpenAPI document and its
documentation page) and are not part of the portal's translated interface.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class ReferenceSerializer(serializers.Serializer):
    """ODS' VerwijzingNaarResource: het id en de URL van een ander object."""

    id = serializers.CharField(help_text="ID van de resource waarnaar verwezen wordt.")
    url = serializers.URLField(help_text="URL-referentie naar de resource waarnaar verwezen wordt.")

    class Meta:
        ref_name = "VerwijzingNaarResource"


def absolute(request, view_name: str, key: str) -> str:
    path = reverse(view_name, kwargs={"pk": key})
    return request.build_absolute_uri(path) if request is not None else path


def reference(request, view_name: str, obj) -> dict:
    """`obj` as ODS's VerwijzingNaarResource."""
    key = key_of(obj)
    return {"id": key, "url": absolute(request, view_name, key)}


def url_list(request, view_name: str, objects) -> list[str]:
    return [absolute(request, view_name, key_of(obj)) for obj in objects]


#: How the objects of a model are named where one resource holds two tables (an amendment
#: and a motion are both informatieobjecten): model -> its key from the object. Filled by the
#: app whose resource it is (decisions.api.serializers).
KEYS: dict[type, Callable[[Any], str]] = {}


def key_of(obj) -> str:
    """The id of `obj` in the API: as KEYS names objects of its model, else its primary key."""
    named = KEYS.get(type(obj))
    return named(obj) if named is not None else str(obj.pk)


_ABSENT = object()


class _Key:
    """A related object known only by its primary key (read from the foreign key column)."""

    __slots__ = ("pk",)

    def __init__(self, pk):
        self.pk = pk


@extend_schema_field(ReferenceSerializer)
class ReferenceField(serializers.Field):
    """A related object as ``{"id", "url"}``; an absent one is left out."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # A foreign key's id is enough for a reference: the related row is not read.
        source = self.source
        if isinstance(source, str) and source != "*" and "." not in source:
            key = getattr(instance, f"{source}_id", _ABSENT)
            if key is not _ABSENT:
                return None if key is None else _Key(key)
        try:
            return super().get_attribute(instance)
        except AttributeError:  # a missing related object (e.g. an absent OneToOne)
            return None

    def to_representation(self, value):
        return reference(self.context.get("request"), self.view_name, value)


@extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
class UrlListField(serializers.Field):
    """Related objects as a list of their URLs (ODS's ``stemmen``, ``agendapunten``, ...)."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        objects = value.all() if hasattr(value, "all") else value
        return url_list(self.context.get("request"), self.view_name, objects)


class OdsChoiceField(serializers.ChoiceField):
    """An ODS value list: the portal's stored value mapped to ODS's; a value without an ODS
    counterpart is left out."""

    def __init__(self, mapping: Mapping[str, str], **kwargs):
        self.mapping = mapping
        kwargs["read_only"] = True
        super().__init__(choices=sorted(set(mapping.values())), **kwargs)

    def to_representation(self, value):
        return self.mapping.get(value) if value else None


@extend_schema_field(OpenApiTypes.DATETIME)
class DayStartField(serializers.Field):
    """A day as the date-time ODS asks for: its start, in the portal's time zone (a membership
    that begins on 1 April begins at 1 April 00:00 in the Netherlands)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: datetime.date):
        moment = datetime.datetime.combine(value, datetime.time.min, ZoneInfo(settings.TIME_ZONE))
        return moment.isoformat()


class ResourceSerializer(serializers.Serializer):
    """An object of the API: ``url`` and ``id`` first, then its own fields; empty values left
    out (never ``null``). The schema calls required only ``url``, ``id`` and the fields in
    ``always`` (what ODS requires of its objects, always present here); any other may be
    absent (with COMPONENT_NO_READ_ONLY_REQUIRED, drf-spectacular reads ``required``)."""

    always: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            field.required = name in ("url", "id", *self.always)
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        return {key: value for key, value in data.items() if value is not None and value != ""}


@extend_schema_field(
    {
        "type": "string",
        "format": "uri",
        "readOnly": True,
        "description": "URL-referentie naar dit object. Dit is de unieke identificatie en "
        "locatie van dit object.",
    }
)
class SelfUrlField(serializers.Field):
    """The object's own URL (ODS's ``url``)."""

    def __init__(self, view_name: str):
        self.view_name = view_name
        super().__init__(read_only=True, source="*")

    def to_representation(self, value):
        return absolute(self.context.get("request"), self.view_name, key_of(value))


@extend_schema_field(
    {
        "type": "string",
        "maxLength": 40,
        "readOnly": True,
        "description": "Unieke resource identifier.",
    }
)
class IdField(serializers.Field):
    """The object's id, a string as in ODS."""

    def __init__(self):
        super().__init__(read_only=True, source="*")

    def to_representation(self, value):
        return key_of(value)
