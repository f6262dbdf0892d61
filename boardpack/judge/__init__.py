"""Judging the figures in words: findings (titles, the written summary) and what the deck says about them."""
