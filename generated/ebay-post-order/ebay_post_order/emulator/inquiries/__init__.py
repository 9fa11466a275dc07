# Hand-written in emulator/inquiries/__init__.py, copied by `make generate` -- do not edit the copy.
"""Item Not Received inquiries: ``models`` holds their state and rules, ``responses`` the HTTP side."""
