"""Cancellations: ``models`` holds their state and rules, ``responses`` the HTTP side and eBay's JSON."""
