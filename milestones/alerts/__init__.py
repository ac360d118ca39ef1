"""Following a decision by e-mail (issue 14): an address subscribes to a process, a regeling,
a municipality or one decision, confirms with a link that expires (double opt-in), and can
unsubscribe in one click from every message (List-Unsubscribe, RFC 8058) or manage its
subscriptions from a signed link.

Mail is never sent inside the request: a service saves, and after the commit a task of the
background queue (django-tasks, as the letter batches) sends, retried with backoff when the
SMTP server fails. Only what is needed is stored (milestones.models.Subscription); the
privacy statement (/privacy/) says what and for how long.
"""
