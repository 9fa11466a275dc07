"""A local stand-in for eBay's Post-Order API v2.

eBay's own pages say almost every Post-Order call is "not supported in the Sandbox", so users
and this project's contract tests need something faithful to talk to. This is a real HTTP server
(starlette on uvicorn, loopback only) with in-memory state seeded from a scenario: eBay's auth
and marketplace rules, requests validated against the effective spec (``generated/openapi.yaml``),
eBay's error shapes, the lifecycles of cancellations, Item Not Received inquiries, cases and
returns with their who-may-act-when rules, deterministic ids and clock, and injectable faults.
``python -m emulator --help`` runs it.
"""
