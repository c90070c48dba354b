"""The request path under :mod:`irclient.client`: one concern a module.

* :mod:`.boto` builds every boto3 client irclient uses (one retry layer, the user's settings);
* :mod:`.pipeline` resolves, validates, sends, translates errors and parses one call;
* :mod:`.pages` walks an operation's pages by its paginator spec;
* :mod:`.safe_create` makes a Create without an idempotency token safe to retry;
* :mod:`.waiting` is the one polling loop (jobs, endpoints);
* :mod:`.redact` keeps credentials out of botocore's DEBUG log records and what irclient shows.

Nothing here imports :mod:`irclient.client`; the client imports these.
"""
