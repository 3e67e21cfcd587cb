"""Writes of the question board and the learning networks.

Every write validates first and raises ValidationError with a Dutch (translatable) message,
inside one transaction: nothing is half-written. Mail goes out after the commit (tasks.py).
Posting (questions, answers, discussion posts, contact messages) is rate limited per person.
"""
