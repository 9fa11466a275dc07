# Hand-written in emulator/cases/__init__.py, copied by `make generate` -- do not edit the copy.
"""Cases: ``models`` holds their state and rules, ``responses`` the HTTP side and eBay's JSON."""
