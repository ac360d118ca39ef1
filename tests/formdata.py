"""What a browser would post back from a page's form: its fields and their current values,
read from the HTML (inputs, checked boxes and radios, selected options, text areas), for tests
that post a real form back with one field changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, hidden, select, textarea, checkbox, radio, ...
    value: str
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    fields: list[Field] = field(default_factory=list)

    def data(self) -> dict[str, list[str]]:
        values: dict[str, list[str]] = {}
        for item in self.fields:
            if item.value is None:  # unchecked, or the list of a multiple select
                continue
            values.setdefault(item.name, []).append(item.value)
        return values


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.option: str | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self.form = Form(action=a.get("action") or "")
            self.forms.append(self.form)
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            value = a.get("value", "" if kind not in ("checkbox", "radio") else "on")
            if kind in ("checkbox", "radio") and "checked" not in a:
                self.form.fields.append(Field(name, kind, None))  # type: ignore[arg-type]
                return
            self.form.fields.append(Field(name, kind, value))
        elif tag == "select" and name and "disabled" not in a:
            kind = "select-multiple" if "multiple" in a else "select"
            self.select = Field(name, kind, None)  # type: ignore[arg-type]
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            self.select.options.append(value)
            if "selected" in a:
                if self.select.kind == "select-multiple":
                    self.form.fields.append(Field(self.select.name, "selected", value))
                else:
                    self.select.value = value
        elif tag == "textarea" and name and "disabled" not in a:
            self.textarea = Field(name, "textarea", "")
            self.form.fields.append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            if self.select.value is None and self.select.kind == "select" and self.select.options:
                self.select.value = self.select.options[0]  # what a browser sends
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data


def main_form(html: str) -> Form:
    """The page's POST form with the most fields (not the logout or language form)."""
    parser = _Parser()
    parser.feed(html)
    forms = [form for form in parser.forms if form.fields]
    return max(forms, key=lambda form: len(form.fields))
