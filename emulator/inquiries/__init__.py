"""Item Not Received inquiries: ``models`` holds their state and rules, ``responses`` the HTTP side."""
