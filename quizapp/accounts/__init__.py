"""Accounts: who the user is and how they prove it.

- ``views``: the pages (blueprint ``auth``): sign up, log in and out, settings, password
  change, API tokens, one-time reset links.
- ``users``: creating users, passwords, login limits, reset links.
- ``sessions``: login sessions, a row per login that logging out ends; the user loader.
- ``tokens``: personal API tokens, hashed at rest.
- ``forms``: the forms of those pages.
"""
