# Hand-written in emulator/__init__.py, copied by `make generate` -- do not edit the copy.
"""A local stand-in for eBay's Post-Order API v2, to test code against (as moto is for AWS).

eBay's own pages say almost every Post-Order call is "not supported in the Sandbox", so users
and this project's contract tests need something faithful to talk to: eBay's auth and
marketplace rules, requests validated against the effective spec, eBay's error shapes, the
lifecycles of cancellations, Item Not Received inquiries, cases and returns with their
who-may-act-when rules, deterministic ids and clock, and injectable faults.

How it is laid out, from the wire inwards:

* ``app`` - the gateway (starlette): faults, auth, marketplace, spec validation, then the
  operation, routed by operationId from the effective spec (``spec``); ``server`` serves it
  with uvicorn, ``transport`` in-process; ``testing`` and ``pytest_plugin`` for tests;
* ``<domain>/responses`` - each operation's handler and eBay's JSON for the domain
  (``cancellations``, ``inquiries``, ``cases``, ``returns``);
* ``<domain>/models`` - the domain's state and rules, free of HTTP;
* ``world`` - what the domains share: scenario, clock, ids, tokens, who sees what;
  ``backend`` puts a world and its domains together, ``persistence`` keeps it in a file;
* ``errors`` - the catalogue of every error by name; ``wire`` - eBay's formats;
* ``quotas`` - the scenario's calls a day per eBay resource (429 once spent) and ``getRateLimits``.
* ``notifications`` - the part of eBay's Notification API a seller app uses (app tokens, the
  public key, destinations with the challenge, subscriptions) and the signed pushes sent when a
  call changes a return, inquiry or cancellation, retried as eBay retries.

``python -m emulator --help`` (installed: ``python -m ebay_post_order.emulator``) runs it.
"""
