# Hand-written in emulator/returns/__init__.py, copied by `make generate` -- do not edit the copy.
"""Return requests: ``models`` holds their state and rules, ``responses`` the HTTP side and eBay's JSON."""
