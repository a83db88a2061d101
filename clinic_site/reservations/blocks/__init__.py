"""Blocked time: the front desk closes a slot, part of a day or whole days, for one doctor (a
conference, leave) or for the clinic, with a reason. Online booking never offers it; visits
already inside it are listed for staff to move, never cancelled by the block."""
