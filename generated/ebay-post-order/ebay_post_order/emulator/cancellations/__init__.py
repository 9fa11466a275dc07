# Hand-written in emulator/cancellations/__init__.py, copied by `make generate` -- do not edit the copy.
"""Cancellations: ``models`` holds their state and rules, ``responses`` the HTTP side and eBay's JSON."""
