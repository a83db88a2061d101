"""What every room stands on and no feature owns: the clock, the database's base and column types,
creating the schema, mail transport, passwords, the checks and headers every request and response
passes, trusted proxies, the one base of every refusal, and the hooks features fill."""
