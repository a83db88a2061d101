"""Who is asking: a signed-in staff member or member (the login loader, sign-in, the session
token that ends every copy of a session), or a visitor who opened an item with its password."""
