"""Who decides, in the open-data API: gemeenten and regelingen (our extensions), and in ODS's
vocabulary the fracties, their members (natuurlijke personen) and memberships, and the
meetings (vergaderingen) of councils and algemene besturen. See gr_portal.core.api."""
