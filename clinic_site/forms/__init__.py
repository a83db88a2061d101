"""What every form shares: the base class, the fields several forms ask for (name, mobile, email,
passwords, consents), Korean phone numbers, and the anti-spam stamp of public forms."""
