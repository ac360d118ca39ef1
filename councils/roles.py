"""The portal's roles, by the names of their Django groups.

What each role may do is its permissions (gr_portal.roles, which knows every app's models) and,
for a griffie, the municipalities of its ClerkMembership (councils.access).
"""

PROGRAM_OFFICE = "Programmabureau"
CLERK = "Griffie"
COUNCIL_MEMBER = "Raadslid"
