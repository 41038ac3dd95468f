"""The app's routes: pages for people, sign-in, user management and the JSON API."""
